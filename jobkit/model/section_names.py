"""The sections jobkit names, each with the headings that mean it ("Work History" is experience).

Vocabulary only: the section reader (:mod:`jobkit.read.sections`) finds headings with it,
and a program file (:mod:`jobkit.data.programs`) may require any of these sections.
"""

from __future__ import annotations

CANONICAL: dict[str, tuple[str, ...]] = {
    "contact": ("contact", "contact information", "contact details", "personal information", "personal details"),
    "summary": (
        "summary", "professional summary", "career summary", "profile", "professional profile", "objective",
        "career objective", "professional objective", "about me", "about", "overview", "executive summary",
        "summary of qualifications", "qualifications summary", "personal statement", "career profile",
        "highlights of qualifications",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience", "related experience", "professional background",
        "clinical experience", "healthcare experience", "internship experience", "internships", "positions held",
        "experience history", "work", "relevant work experience", "professional history", "externships",
        "externship", "clinical externships", "clinical externship",
    ),
    "education": (
        "education", "academic background", "education and training", "educational background", "academic history",
        "academics", "training", "degrees", "education history", "academic qualifications",
    ),
    "skills": (
        "skills", "technical skills", "core competencies", "competencies", "key skills", "areas of expertise",
        "expertise", "skill highlights", "highlights", "skills summary", "professional skills", "computer skills",
        "technical proficiencies", "qualifications", "strengths", "abilities", "additional skills", "top skills",
        "skills and abilities", "technologies", "tools", "software", "core skills", "relevant skills",
    ),
    "certifications": (
        "certifications", "certification", "licenses", "licensure", "credentials", "certifications and licenses",
        "licenses and certifications", "professional certifications", "certificates", "accreditations",
        "certifications and training", "licenses and credentials",
    ),
    "projects": ("projects", "academic projects", "personal projects", "key projects", "selected projects"),
    "awards": ("awards", "honors", "honors and awards", "awards and honors", "achievements", "accomplishments", "recognition"),
    "volunteer": ("volunteer", "volunteer experience", "volunteering", "community service", "community involvement", "volunteer work"),
    "affiliations": (
        "affiliations", "professional affiliations", "memberships", "professional memberships", "associations",
        "professional organizations", "professional associations",
    ),
    "publications": ("publications", "research", "presentations", "research and publications"),
    "languages": ("languages", "language skills"),
    "interests": ("interests", "hobbies", "activities", "extracurricular activities", "hobbies and interests"),
    "coursework": ("coursework", "relevant coursework", "courses", "related coursework"),
    "references": ("references", "referees"),
}
