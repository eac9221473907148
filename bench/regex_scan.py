"""Catastrophic-backtracking scan: every regex that sees resume or posting text.

    python bench/regex_scan.py                  # every pattern, then the whole pipeline
    python bench/regex_scan.py --only LOCATION  # patterns whose name holds LOCATION
    python bench/regex_scan.py --pipeline-only  # the crafted 40 KB resumes and postings only

Part one collects the compiled ``re.Pattern`` objects of every ``jobkit``
module (module attributes, and patterns inside module-level dicts, lists and
tuples), plus those built at run time: the credential alternation and issuer
pattern of the loaded catalogue, the "issuer right before the mention"
pattern, and a few patterns written inline at their call site. Each pattern
is run (``finditer`` to the end, which covers ``search``, ``match`` and
``sub``) over adversarial inputs of 10, 30 and 100 KB: long runs of what the
pattern repeats, with and without a character that makes the match fail at
the end. CPU time per call is measured with ``time.process_time``; growth
from 10 to 100 KB of about 10 is linear, about 100 quadratic. A pattern that
is already slow at 30 KB is not run at 100 KB: its time there is estimated.

Part two runs the whole pipeline (``check_resume``; ``parse_posting`` for
postings) on crafted 40 KB files, with a 120 s read budget so the default
20 s limit does not hide the cost, and prints CPU seconds.

A pattern that is linear can still be quadratic at its call site (searched
once per mention over the whole prefix): part two catches those.
"""

from __future__ import annotations

import argparse
import importlib
import math
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = (10_000, 30_000, 100_000)
# The next size up is skipped (and its time estimated) when it would take longer than this.
SKIP_ESTIMATE = 3.0
# Calls faster than this are repeated so the timer resolution does not decide the ratio.
MIN_SAMPLE = 0.01
# Below this time at 100 KB a pattern is fast whatever its growth says.
FAST_SECONDS = 0.005

# Patterns compiled at their call site, not at module level: (name, source, flags).
INLINE = (
    ("checks.credentials._claim_note.words", r"[A-Za-z]+", 0),
    ("sections.heading_key.spaced", r"(?<=\w) (?=\w)", 0),
    ("sections.heading_key.spaces", r"\s{2,}", 0),
    ("textmatch.is_acronym.letters", r"[^A-Za-z0-9]", 0),
)


@dataclass(frozen=True)
class Probe:
    """One adversarial input: ``prefix + unit * k + suffix`` of about ``n`` characters."""

    label: str
    unit: str
    prefix: str = ""
    suffix: str = ""

    def make(self, n: int) -> str:
        room = max(len(self.unit), n - len(self.prefix) - len(self.suffix))
        return self.prefix + self.unit * (room // len(self.unit)) + self.suffix


# (label, unit, prefix, suffix). Generic runs first, then runs aimed at one pattern
# (named by its module); every pattern gets every probe.
PROBES = (
    ("a*n", "a", "", ""), ("a*n+!", "a", "", "!"), ("'A '*n", "A ", "", ""), ("'A.'*n", "A.", "", ""),
    ("'Aa, '*n", "Aa, ", "", ""), ("'['*n", "[", "", ""), ("'[a]('*n", "[a](", "", ""), ("']('*n", "](", "", ""),
    ("'1-'*n", "1-", "", ""), ("'1 '*n", "1 ", "", ""), ("1*n", "1", "", ""), ("'a@'*n", "a@", "", ""),
    ("'a.'*n", "a.", "", ""), ("'a-'*n", "a-", "", ""), ("'- '*n", "- ", "", ""), ("'-'*n", "-", "", ""),
    ("space*n+x", " ", "", "x"), ("em-space*n+x", "\u2004", "", "x"), ("tab-space*n+x", " \t", "", "x"),
    ("'*'*n", "*", "", ""), ("'('*n", "(", "", ""), ("'<'*n", "<", "", ""), ("'<a'*n", "<a", "", ""),
    ("'a/'*n", "a/", "", ""), ("'#'*n", "#", "", ""),
    # contact.LOCATION: capitalised words with no comma, a comma and no state, joined capitals.
    ("location words, no comma", "Springfield Lake ", "", ""), ("location 'Aa Aa Aa, Xx '", "Aa Aa Aa, Xx ", "", ""),
    ("location 'A-'*n", "A-", "", ""), ("location 'St.Mary.'*n", "St.Mary.", "", ""),
    ("location 'Winston-'*n", "Winston-", "", ""), ("location \"O'\"*n", "O'", "", ""),
    # readers.text: Markdown links, emphasis, headings, rules.
    ("md '[a](b '*n", "[a](b ", "", ""), ("md '[a](b \"'*n", '[a](b "', "", ""), ("md ' *a'*n", " *a", "", ""),
    ("md '**a'*n", "**a", "", ""), ("md '__a'*n", "__a", "", ""), ("md '`'+a*n", "a", "`", ""),
    ("md '(*a'*n", "(*a", "", ""), ("md '# '+space*n+x", " ", "# ", "x"), ("md '#'+' #'*n", " #", "#", ""),
    ("md rule '- '*n+x", "- ", "", "x"),
    # contact: EMAIL, PHONE, LINKEDIN, URL.
    ("email 'a.'*n+'@'", "a.", "", "@"), ("email 'a@'+'a.'*n+'1'", "a.", "a@", "1"),
    ("email 'a@'+'a-'*n", "a-", "a@", ""),
    ("phone '+1 (1'*n", "+1 (1", "", ""), ("phone '(555) '*n", "(555) ", "", ""), ("phone '+1'+' 1'*n", " 1", "+1", ""),
    ("url 'www.'*n", "www.", "", ""), ("url 'https://'*n", "https://", "", ""),
    ("url 'linkedin.com/in/'*n", "linkedin.com/in/", "", ""), ("url 'github.com/'+'a.'*n", "a.", "github.com/", ""),
    # textmatch tokenizer.
    ("token 'A.B.C.'*n", "A.B.C.", "", ""), ("token 'AB-'*n", "AB-", "", ""), ("token 'AB-C'*n", "AB-C", "", ""),
    ("token \"a's\"*n", "a's", "", ""), ("token 'ABCDEF'*n", "ABCDEF", "", ""),
    # checks.credentials: acronyms, claims, issuers, vendors, expiry dates.
    ("cred 'RHIT CCS CPC '*n", "RHIT CCS CPC ", "", ""), ("cred 'R.H.I.T. '*n", "R.H.I.T. ", "", ""),
    ("cred 'CPC-'*n", "CPC-", "", ""), ("cred partial names", "Registered Health Information ", "", ""),
    ("cred 'certified in '*n", "certified in ", "", ""), ("cred 'certified in '+a*n", "a", "certified in ", ""),
    ("cred 'Xxx Xxx-Xxx certified '*n", "Xxx Xxx-Xxx certified ", "", ""),
    ("cred 'Xxx Xxx-Xxx '*n", "Xxx Xxx-Xxx ", "", ""),
    ("cred 'certified '+'A&'*n", "A&", "certified ", ""), ("cred 'Xxx'+'- '*n+x", "- ", "Xxx", "x"),
    ("cred 'AHIMA - '*n", "AHIMA - ", "", ""), ("cred 'AHIMA certified '*n", "AHIMA certified ", "", ""),
    ("cred issuer full name*n", "American Health Information Management Association ", "", ""),
    ("cred 'AHIMA'+' -'*n+x", " -", "AHIMA", "x"), ("cred 'exp'+space*n+x", " ", "exp", "x"),
    ("cred 'expires: '*n", "expires: ", "", ""), ("cred 'Citrix '*n", "Citrix ", "", ""),
    # posting.
    ("posting '1 years '*n", "1 years ", "", ""), ("posting '10+ (5) months '*n", "10+ (5) months ", "", ""),
    ("posting '1 ('+1*n", "1", "1 (", ""), ("posting 'AB-'*n+'ABCDEFGHIJ'", "AB-", "", "ABCDEFGHIJ"),
    ("posting 'A&'*n", "A&", "", ""), ("posting 'title'+space*n", " ", "title", ""),
    # sections, dates, bullets, education, answers.
    ("sections 'a '*n+'bb'", "a ", "", "bb"), ("sections 'Skills & Tools / '*n", "Skills & Tools / ", "", ""),
    ("dates 'Jan '*n", "Jan ", "", ""), ("dates '1/'*n", "1/", "", ""), ("dates '12/31/'*n", "12/31/", "", ""),
    ("dates '2020-'*n", "2020-", "", ""), ("dates 'Spring '*n", "Spring ", "", ""), ("bullets 'o '*n", "o ", "", ""),
    ("education 'associate '*n", "associate ", "", ""), ("education 'b.s.'*n", "b.s.", "", ""),
    ("answers 'I '+a*n", "a", "I ", ""), ("answers 'we '*n", "we ", "", ""),
)


def _probes() -> list[Probe]:
    return [Probe(label, unit, prefix, suffix) for label, unit, prefix, suffix in PROBES]


def _jobkit_modules() -> Iterator[object]:
    import jobkit

    for info in pkgutil.walk_packages(jobkit.__path__, "jobkit."):
        try:
            yield importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - an optional dependency missing: skip that module
            print(f"# skipped {info.name}: {type(exc).__name__}: {exc}", file=sys.stderr)


def _patterns_in(value: object) -> Iterator[tuple[str, re.Pattern]]:  # type: ignore[type-arg]
    if isinstance(value, re.Pattern):
        yield "", value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, re.Pattern):
                yield f"[{key!r}]", item
    elif isinstance(value, (list, tuple)):
        for number, item in enumerate(value):
            if isinstance(item, re.Pattern):
                yield f"[{number}]", item


def module_patterns() -> dict[str, re.Pattern]:  # type: ignore[type-arg]
    """``module.attribute`` -> pattern, for patterns defined in jobkit modules (each pattern once)."""
    found: dict[str, re.Pattern] = {}  # type: ignore[type-arg]
    seen: set[int] = set()
    for module in _jobkit_modules():
        name = module.__name__.removeprefix("jobkit.")  # type: ignore[attr-defined]
        for attribute, value in sorted(vars(module).items()):
            if isinstance(value, type(module)):
                continue
            for key, pattern in _patterns_in(value):
                if id(pattern) not in seen:
                    seen.add(id(pattern))
                    found[f"{name}.{attribute}{key}"] = pattern
    return found


def runtime_patterns() -> dict[str, re.Pattern]:  # type: ignore[type-arg]
    """Patterns built from the catalogue at run time, and the ones written inline at a call site."""
    from jobkit.checks.credential_patterns import compile_patterns
    from jobkit.data.keywords import load_glossary

    compiled = compile_patterns(load_glossary())
    found = {"checks.credential_patterns.compile_patterns().credentials": compiled.credentials,
             "checks.credential_patterns.compile_patterns().issuers": compiled.issuers}
    before = getattr(compiled, "issuer_before", None)
    if before is None:  # the pattern _wrong_issuer built for every mention before it was precompiled
        before = re.compile(r"(" + compiled.issuers.pattern + r")[\s:\-\u2013]*(?:certified\s+)?$", re.I)
    found["checks.credentials._wrong_issuer.before"] = before
    for name, source, flags in INLINE:
        found[name] = re.compile(source, flags)
    return found


def _call(pattern: re.Pattern, text: str | bytes) -> None:  # type: ignore[type-arg]
    for _ in pattern.finditer(text):  # type: ignore[arg-type]
        pass


def cpu_seconds(fn: Callable[[], object]) -> float:
    """CPU seconds of one call; a fast call is repeated and averaged."""
    runs, total = 0, 0.0
    while True:
        started = time.process_time()
        fn()
        total += time.process_time() - started
        runs += 1
        if total >= MIN_SAMPLE or runs >= 50:
            return total / runs


@dataclass
class Growth:
    """Seconds per size for one pattern and one probe; None where not run."""

    label: str
    seconds: list[float | None]
    estimated: float | None = None

    @property
    def worst(self) -> float:
        """Time at the largest size, measured or estimated."""
        last = self.seconds[-1]
        if last is not None:
            return last
        return self.estimated if self.estimated is not None else math.inf

    @property
    def exponent(self) -> float:
        """Growth exponent k in time ~ size**k, from the smallest to the largest size run."""
        runs = [(size, s) for size, s in zip(SIZES, self.seconds) if s is not None]
        if len(runs) < 2 or runs[0][1] <= 0:
            return 2.0 if self.estimated is not None else 1.0
        (n0, t0), (n1, t1) = runs[0], runs[-1]
        return math.log(max(t1, 1e-9) / t0) / math.log(n1 / n0)


def measure(pattern: re.Pattern, probe: Probe) -> Growth:  # type: ignore[type-arg]
    """Time the pattern on the probe at each size, stopping early (and estimating) once it is slow."""
    growth = Growth(probe.label, [None] * len(SIZES))
    is_bytes = isinstance(pattern.pattern, bytes)
    for position, size in enumerate(SIZES):
        text: str | bytes = probe.make(size)
        if is_bytes:
            text = text.encode("utf-8")  # type: ignore[union-attr]
        seconds = growth.seconds[position] = cpu_seconds(lambda: _call(pattern, text))
        if position + 1 == len(SIZES):
            break
        # Quadratic at least, for a guess from one point; the measured growth once there are two.
        power = max(1.0, growth.exponent) if position else 2.0
        if seconds * (SIZES[position + 1] / size) ** power > SKIP_ESTIMATE:
            growth.estimated = seconds * (SIZES[-1] / size) ** power
            break
    return growth


def verdict(growth: Growth) -> str:
    if growth.worst < FAST_SECONDS:
        return "fast"
    k = growth.exponent
    if k < 1.35:
        return "linear"
    if k < 1.75:
        return "superlinear"
    return "QUADRATIC" if k < 2.5 else "CUBIC+"


def _cell(value: float | None) -> str:
    return f"{value:8.4f}" if value is not None else "       -"


def scan(patterns: dict[str, re.Pattern]) -> list[tuple[str, Growth]]:  # type: ignore[type-arg]
    """The worst probe of each pattern: the slowest at 100 KB, measured or estimated."""
    probes = _probes()
    rows = []
    for name, pattern in patterns.items():
        results = [measure(pattern, probe) for probe in probes]
        rows.append((name, max(results, key=lambda g: (g.worst, g.exponent))))
    return rows


def print_table(rows: list[tuple[str, Growth]]) -> None:
    print(f"{'pattern':58} {'worst input':34} {'10 KB':>8} {'30 KB':>8} {'100 KB':>8}  verdict")
    for name, growth in sorted(rows, key=lambda r: -r[1].worst):
        hundred = _cell(growth.seconds[2]) if growth.seconds[2] is not None else f"~{growth.worst:7.1f}"
        print(f"{name[:58]:58} {growth.label[:34]:34} {_cell(growth.seconds[0])} {_cell(growth.seconds[1])} "
              f"{hundred}  {verdict(growth)} (k={growth.exponent:.2f})")


def _fill(line: str, size: int) -> str:
    return (line * (size // len(line) + 1))[:size]


def crafted_resumes(size: int = 40_000) -> dict[str, bytes]:
    """40 KB text resumes, each aimed at one stall, behind a normal-looking top."""
    top = "Jane Doe\njane.doe@example.com | (555) 123-4567\n\n"
    terms = "Epic, Cerner, ICD-10-CM, HIPAA, release of information, "
    body = {
        "one location-like line": _fill("Winston-Salem-Lake-Forest-", size),
        "location-like lines of 4 KB": "\n".join(_fill("St.Mary-Lake.", 4_000) for _ in range(size // 4_000)),
        "location words, no comma": "\n".join(_fill("Springfield Lake Town ", 4_000) for _ in range(size // 4_000)),
        "markdown links '[a]('": _fill("[a](", size),
        "markdown '[' run": _fill("[", size),
        "markdown emphasis ' *a'": _fill(" *a", size),
        "credential acronyms 'RHIT CCS CPC '": "CERTIFICATIONS\n\n" + _fill("RHIT CCS CPC ", size),
        "credential + issuer lines": "CERTIFICATIONS\n\n" + "\n".join(
            "RHIT (AAPC), CCS from AHIMA, AHIMA certified CPC, CPC-A AAPC" for _ in range(size // 60)),
        "credential + issuer, one line": "CERTIFICATIONS\n\n" + _fill("AHIMA RHIT, AAPC CPC, ", size),
        "vague claims 'Xxx Xxx-Xxx certified'": _fill("Epic Cerner-Meditech certified, certified in ICD-10. ", size),
        "'certified ' then an 'A&' run": "CERTIFICATIONS\n\ncertified " + _fill("A&", size),
        "dotted acronyms 'R.H.I.T. C.C.S. '": "CERTIFICATIONS\n\n" + _fill("R.H.I.T. C.C.S. ", size),
        "one line of glossary terms": "SKILLS\n\n" + _fill(terms, size),
        "many short skill lines": "SKILLS\n\n" + "\n".join(["Epic EHR, ICD-10-CM coding, HIPAA"] * (size // 35)),
        "degrees on one line": "EDUCATION\n\n" + _fill("Associate degree in health information technology, ", size),
        "'Citrix ' before acronyms": "CERTIFICATIONS\n\n" + _fill("Citrix CCA RHIT ", size),
    }
    return {label: (top + text + "\n").encode() for label, text in body.items()}


def crafted_postings(size: int = 40_000) -> dict[str, bytes]:
    """40 KB job postings (pasted text is as hostile as a resume)."""
    title = "Medical Records Technician\n\nRequirements:\n"
    body = {
        "years runs '1 years '": _fill("1 years ", size),
        "one line of terms": _fill("RHIT required, ICD-10-CM coding preferred, Epic EHR, HIPAA. ", size),
        "terms, no sentence end": _fill("RHIT required ICD-10-CM coding preferred Epic EHR HIPAA ", size),
        "terms, no sentence end, no cue word": _fill("RHIT ICD-10-CM coding Epic EHR HIPAA ", size),
        "degrees on one line": _fill("Associate degree in health information technology required, ", size),
        "acronym runs 'AB-'": _fill("AB-", size) + "ABCDEFGHIJ",
    }
    return {label: (title + text + "\n").encode() for label, text in body.items()}


def pipeline() -> None:
    """CPU seconds of a whole check on each crafted resume, and a posting parse on each crafted posting."""
    from jobkit.pipeline import check_resume
    from jobkit.config import Limits
    from jobkit.match.posting import parse_posting
    from jobkit.read import read_resume

    limits = Limits(time_budget=120)
    print(f"\n{'whole pipeline (40 KB)':58} {'CPU s':>8}")
    for label, data in crafted_resumes().items():
        seconds = _timed(lambda: check_resume(data, role="medical-records-technician", filename="x.txt", limits=limits))
        print(f"{'check_resume: ' + label:58} {seconds}")
    for label, data in crafted_postings().items():
        seconds = _timed(lambda: parse_posting(read_resume(data, "posting.txt", limits=limits)))
        print(f"{'parse_posting: ' + label:58} {seconds}")


def _timed(fn: Callable[[], object]) -> str:
    started = time.process_time()
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - a typed error (timeout) is a result here
        return f"{time.process_time() - started:8.2f}  ({type(exc).__name__})"
    return f"{time.process_time() - started:8.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="scan only patterns whose name contains this")
    parser.add_argument("--pipeline-only", action="store_true", help="skip the per-pattern scan")
    args = parser.parse_args()
    if not args.pipeline_only:
        patterns = {**module_patterns(), **runtime_patterns()}
        if args.only:
            patterns = {k: v for k, v in patterns.items() if args.only in k}
        sizes = ", ".join(f"{size // 1000} KB" for size in SIZES)
        print(f"{len(patterns)} patterns, {len(PROBES)} inputs each, sizes {sizes}\n")
        print_table(scan(patterns))
    if not args.only:
        pipeline()


if __name__ == "__main__":
    main()
