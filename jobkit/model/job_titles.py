"""Words that make a line a job title or a heading, never a person's name: "MEDICAL RECORD TECHNICIAN" at the top
of a resume is its title, and the resume shows no name. One home: the posting's title finder and the contact
reader both use it."""

from __future__ import annotations

import re

TITLE_WORDS = re.compile(
    r"\b(technician|tech|coder|registrar|specialist|manager|clerk|analyst|officer|poster|lead|assistant|"
    r"administrator|director|supervisor|coordinator)\b",
    re.I,
)
# Beyond titles: the words of headings and of fields a first line may name instead of a person.
NOT_A_NAME = re.compile(
    r"\b(technician|tech|coder|registrar|specialist|manager|clerk|analyst|officer|assistant|administrator|director|"
    r"supervisor|coordinator|representative|receptionist|nurse|accountant|engineer|developer|consultant|chef|"
    r"intern|associate|executive|designer|resume|curriculum|vitae|summary|profile|objective|experience|education|"
    r"skills?|contact|information|medical|records?|health|healthcare|billing|coding|professional|certified|registered|"
    r"highlights|qualifications|accomplishments|reviewer|auditor|clinical|surgical|office|sales|services?|"
    r"department|hospital|center|university|college)\b",
    re.I,
)
