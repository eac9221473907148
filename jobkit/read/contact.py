"""Contact details: email, phone, LinkedIn and other links, location, name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobkit.model.document import Contact, Line, Section
from jobkit.model.job_titles import NOT_A_NAME
from jobkit.read.regex_needs import Patterns

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)"
    r"|(?<![\w])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)"
)
LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/[\w%-]+/?", re.IGNORECASE)
URL = re.compile(
    r"(?:https?://|www\.)[^\s,;|()<>\"]+|(?<![@\w.])(?:github\.com|gitlab\.com|behance\.net)/[\w.-]+",
    re.IGNORECASE,
)
STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR"
).split()
STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|"
    "North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|"
    "Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
# A place name's words are at most 41 characters ("Winston-Salem" has 13). Unbounded,
# every capital after a "-", "." or "'" of a long run ("A-B-C-...") started a match
# that re-read the rest of the run: quadratic in the run's length.
LOCATION = re.compile(
    r"\b([A-Z][a-zA-Z.'-]{1,40}+(?: [A-Z][a-zA-Z.'-]{1,40}+){0,3}),\s*+(" + "|".join(STATES) + "|" + STATE_NAMES
    + r")\b(?:\s+(\d{5}(?:-\d{4})?))?"
)
_NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'\u00c0-\u024f-]*\.?$")
# How far into the document contact details are looked for: the top block.
_TOP_LINES = 12
_CAMEL = re.compile(r"[a-z][A-Z](?<!Mc[A-Z])(?<!Mac[A-Z])")  # "IgACffCDC": garbled, not a name ("McDonald" is)
_LETTER_SPACED = re.compile(r"^(?:[A-Z] ){3,}[A-Z](?:\s{1,3}(?:[A-Z] ){1,}[A-Z])*$")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


_THREE_DIGITS = re.compile(r"\d(?:\D*\d){2}")  # the fewest digits a phone number has (+44 20 ...)


_EMAIL_NEEDS, _LINKEDIN_NEEDS = Patterns((EMAIL,)), Patterns((LINKEDIN,))  # "@", "linkedin.com/": read from each


def _may_hold(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``text`` cannot hold a match: an email needs an "@", a LinkedIn address its name, a phone number
    three digits (a long posting has none of them in most of its lines; searching each line cost more)."""
    if pattern is PHONE:
        return _THREE_DIGITS.search(text) is not None
    if pattern is EMAIL:
        return _EMAIL_NEEDS.may(text)
    return _LINKEDIN_NEEDS.may(text) if pattern is LINKEDIN else True


def _first(pattern: re.Pattern[str], lines: Sequence[tuple[int, Line]], check=None) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    for _, line in lines:
        if not _may_hold(pattern, line.text):
            continue
        for match in pattern.finditer(line.text):
            value = match.group(0).strip().rstrip(".")
            if check is None or check(value):
                return value, line.origin
    return None


def _phone_shaped(value: str) -> bool:
    digits = _digits(value)
    return 10 <= digits <= 15 or (value.startswith("+") and digits >= 8)


def _phone_ok(value: str) -> bool:
    """A number that can be dialled: a US number with a real area code and exchange (phonenumbers' metadata),
    or an international one in + form. "123-456-7890" and "(555) 123-4567" are a template's examples."""
    import phonenumbers

    try:
        return _phone_shaped(value) and phonenumbers.is_valid_number(phonenumbers.parse(value, "US"))
    except phonenumbers.NumberParseException:
        return False


def _name_words(text: str) -> bool:
    """Two to four words shaped like a name: capitalised or in capitals, no camel case inside ("IgACffCDC"),
    no job-title or heading word ("MEDICAL RECORD TECHNICIAN", "Skill Highlights")."""
    words = text.split()
    return (2 <= len(words) <= 4 and all(_NAME_WORD.match(w) or w.isupper() for w in words) and "@" not in text
            and not any(_CAMEL.search(w) or w.endswith("-") for w in words) and not NOT_A_NAME.search(text))


_CONTACT_LABEL = re.compile(r"\s*\b(?:phone|tel|cell|mobile|e-?mail|linkedin|website|web|address|github)\s*:.*$",
                            re.IGNORECASE)


def _name_part(text: str) -> str:
    """The part of a top line that could be a name: before a comma or "|", a phone number, an email or a label
    ("Barry Allen (123) 456-7890", "ROBERT SMITH LinkedIn:")."""
    for pattern in (PHONE, EMAIL):
        match = pattern.search(text)
        text = text[:match.start()] if match else text
    return _CONTACT_LABEL.sub("", text).split(",")[0].split("|")[0].strip()


def _name(lines: Sequence[tuple[int, Line]]) -> tuple[str, str] | None:
    top = lines[:4]
    for position, (_, line) in enumerate(top):
        place = LOCATION.search(line.text)
        if place and (place.start() == 0 or line.text[:place.start()].rstrip().endswith(",")):
            continue  # "Google HQ, Mountain View, CA": an address line, not a name
        text = _name_part(line.text)
        if _LETTER_SPACED.match(text):
            # "J O R D A N  R E Y E S": a name set in spaced capitals; an ATS reads the letters as they are
            return text, line.origin
        if _name_words(text):
            return " ".join(text.split()), line.origin
        following = top[position + 1][1].text.strip() if position + 1 < len(top) else ""
        if _NAME_WORD.match(text) and not NOT_A_NAME.search(text) and len(text) > 1:
            # a name over two lines ("Chanchal" / "Sharma"), or one name alone above the email ("Etta")
            if _NAME_WORD.match(following) and _name_words(f"{text} {following}"):
                return f"{text} {following}", line.origin
            if "@" in following:
                return text, line.origin
    return None


def _top_lines(lines: Sequence[Line], sections: Sequence[Section]) -> list[tuple[int, Line]]:
    """Lines of the contact block, running headers and footers, and the first few lines."""
    top = {i for s in sections if s.name == "contact" for i in range(s.start, s.end)}
    top |= set(range(min(_TOP_LINES, len(lines))))
    top |= {i for i, line in enumerate(lines) if line.origin in ("header", "footer")}
    return [(i, lines[i]) for i in sorted(top) if not lines[i].hidden]


def find_contact(lines: Sequence[Line], sections: Sequence[Section], links: Sequence[str] = ()) -> Contact:
    """Contact details, looked for first near the top, then anywhere visible."""
    top = _top_lines(lines, sections)
    visible = [(i, line) for i, line in enumerate(lines) if not line.hidden]
    origins: dict[str, str] = {}
    values: dict[str, str | None] = {}
    for key, pattern, check in (("email", EMAIL, None), ("phone", PHONE, _phone_ok), ("linkedin", LINKEDIN, None)):
        hit = _first(pattern, top, check) or _first(pattern, visible, check)
        values[key] = hit[0] if hit else None
        if hit:
            origins[key] = hit[1]
    rejected = None if values["phone"] else _first(PHONE, top, _phone_shaped)
    _from_links(values, origins, links)
    location = _first(LOCATION, top)
    block = {i for s in sections if s.name == "contact" for i in range(s.start, s.end)}
    # the name sits above the first heading: a line under EXPERIENCE is an employer, not the person
    name = _name([(i, line) for i, line in top if i in block or line.origin == "header"] if block else top)
    for key, hit in (("location", location), ("name", name)):
        values[key] = hit[0] if hit else None
        if hit:
            origins[key] = hit[1]
    urls = _urls(top, values.get("linkedin"), values.get("email"))
    return Contact(
        name=values["name"],
        email=values["email"],
        phone=values["phone"],
        linkedin=values["linkedin"],
        urls=tuple(urls),
        location=values["location"],
        rejected_phone=rejected[0] if rejected else None,
        origins=origins,
    )


def _from_links(values: dict[str, str | None], origins: dict[str, str], links: Sequence[str]) -> None:
    """Fill email/LinkedIn from hyperlink targets when the text did not show them."""
    for link in links:
        if not values.get("email") and link.lower().startswith("mailto:"):
            values["email"] = link[7:].split("?")[0]
            origins["email"] = "link"
        elif not values.get("linkedin") and LINKEDIN.search(link):
            values["linkedin"] = LINKEDIN.search(link).group(0)  # type: ignore[union-attr]
            origins["linkedin"] = "link"


def _urls(top: Sequence[tuple[int, Line]], linkedin: str | None, email: str | None) -> list[str]:
    found: list[str] = []
    for _, line in top:
        for match in URL.finditer(line.text):
            url = match.group(0).rstrip(".,")
            if linkedin and "linkedin.com" in url.lower():
                continue
            if email and url in email:
                continue
            if url not in found:
                found.append(url)
    return found[:5]
