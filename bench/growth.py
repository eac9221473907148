"""Growth of a whole check with input size: catches call-site quadratics that no single regex shows.

    python bench/growth.py                   # every shape, as a resume, as a posting, and as both
    python bench/growth.py --only degree     # shapes whose label holds "degree"
    python bench/growth.py --mode resume     # one mode: resume, posting or both
    python bench/growth.py --min-seconds 0.25 --mode resume   # the deep run: N up to 64 KB (a few minutes)

``bench/regex_scan.py`` times each pattern alone; a pattern that is linear
can still cost N x N at its call site (searched once per match over the
whole line). This script times what a user pays for: the whole check
(``check_resume`` from text bytes, the report rendered as JSON) on crafted
inputs built from one repeated token that a pattern or a loop keys on
(dotted letters, credential words, dates, bullets, pipes, "and", commas,
headings, degree words, one long line, many short lines...). Each shape runs
three ways: the crafted text as a resume checked against a role; a normal
resume checked against the crafted text as a job posting; and the crafted
text as both.

For each shape and mode, N is the smallest size (doubling from 4 KB, at
most 64 KB) at which one check takes at least ``MIN_SECONDS`` of CPU, so
fixed costs do not hide growth (``START_AT`` starts a shape higher, and
``--min-seconds`` raises N for all, to find quadratics with a small
constant); then checks at N and 4N run in an
interleaved ABBA round (``bench.common.interleaved``), and a shape whose
ratio CPU(4N) / CPU(N) is over ``SUSPECT`` runs ``CONFIRM_ROUNDS`` more
rounds whose median stands, so one noisy round raises no alarm. Linear work
gives about 4x, quadratic about 16x. Any ratio over ``LIMIT`` prints a
QUADRATIC line and the script exits with status 1. The 30-page limit of a
text file is lifted (``JOBKIT_MAX_PAGES``) in this process: a PDF or Word
file holds many more lines than 30 pages of text.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import interleaved  # noqa: E402

LIMIT = 6.0
# A shape over this after its first round is measured again, in CONFIRM_ROUNDS more rounds.
SUSPECT = 5.0
CONFIRM_ROUNDS = 3
MIN_SECONDS = 0.05
START_N, MAX_N = 4_000, 64_000
ROUNDS = 1
BIG_PAGES = 100_000
ROLE = "medical-records-technician"
MODES = ("resume", "posting", "both")

TOP = "Jane Doe\njane.doe@example.com | (555) 123-4567\n\n"
RESUME = (TOP + "SUMMARY\nMedical records technician with three years of release of information work.\n\n"
          "EXPERIENCE\nMedical Records Clerk, Mercy Hospital, Springfield, IL  01/2021 - Present\n"
          "\u2022 Coded outpatient charts with ICD-10-CM and CPT in Epic\n\u2022 Kept records HIPAA compliant\n\n"
          "EDUCATION\nAssociate of Applied Science in Health Information Technology, 2020\n\n"
          "CERTIFICATIONS\nRHIT (AHIMA), 2021\n\nSKILLS\nEpic, Cerner, ICD-10-CM, CPT, HIPAA, medical terminology\n")
POSTING_TOP = "Medical Records Technician\n\nRequirements:\n"

# (label, section heading the run sits under, repeated unit). A unit ending in a newline makes
# many short lines; any other unit makes one long line.
SHAPES: tuple[tuple[str, str, str], ...] = (
    ("dotted letters 'A.'", "EDUCATION", "A."),
    ("dotted credential 'R.H.I.T. '", "CERTIFICATIONS", "R.H.I.T. "),
    ("credential words 'RHIT CCS CPC '", "CERTIFICATIONS", "RHIT CCS CPC "),
    ("credential + issuer 'AHIMA RHIT, '", "CERTIFICATIONS", "AHIMA RHIT, AAPC CPC-A, "),
    ("credential lines with dates", "CERTIFICATIONS", "RHIT (AHIMA), expires 01/2030\n"),
    ("claims 'certified in '", "SUMMARY", "Epic certified, certified in "),
    ("dates '01/2020 - 02/2021 '", "EXPERIENCE", "01/2020 - 02/2021 "),
    ("job lines with dates", "EXPERIENCE", "Records Clerk, Mercy Hospital  Jan 2020 - Present\n"),
    ("bullets '\u2022 '", "EXPERIENCE", "\u2022 "),
    ("bullet lines", "EXPERIENCE", "\u2022 Coded charts in Epic\n"),
    ("pipes 'Epic | '", "SKILLS", "Epic | "),
    ("bare pipes '| '", "SKILLS", "| "),
    ("'and '", "SUMMARY", "and "),
    ("commas 'Epic, '", "SKILLS", "Epic, "),
    ("bare commas ', '", "SKILLS", ", "),
    ("headings on one line", "", "EDUCATION "),
    ("heading lines", "", "EDUCATION\n"),
    ("heading + line pairs", "", "EXPERIENCE\nCoded charts.\n"),
    ("degree words 'Associate of '", "EDUCATION", "Associate of "),
    ("degree phrases", "EDUCATION", "Associate degree in health information technology, "),
    ("degree lines, expected", "EDUCATION", "B.S. Health Information Management, expected 2030\n"),
    ("one long line of terms", "SKILLS", "Epic, ICD-10-CM, HIPAA, release of information, "),
    ("one long line of words", "EXPERIENCE", "coded charts in the clinic "),
    ("many short lines 'Epic'", "SKILLS", "Epic\n"),
    ("years '2 years of experience '", "", "2 years of experience "),
    ("cue words 'required, preferred, '", "", "required, preferred, must have, "),
    ("acronyms 'ABC DEF '", "", "ABC DEF GHI "),
    ("contact 'a@b.co (555) '", "", "jane@example.com (555) 123-4567 "),
    ("links 'https://'", "", "profile https://linkedin.com/in/jane here "),
    ("title lines", "EXPERIENCE", "Medical Records Technician\n"),
    ("one term many times 'Epic '", "SKILLS", "Epic "),
    # Every word different: dictionaries keyed by word, fuzzy matching over the words with one first letter.
    ("distinct words 'Medi...'", "SKILLS", "Medi{w} "),
    ("distinct acronyms 'QX...'", "", "QX{W} "),
    ("distinct phrases 'code ... charts'", "EXPERIENCE", "coded {w} charts, "),
    # A posting's own lines: cue words, years, credentials, a schedule and checks, systems (knockout items).
    ("posting lines (cues, years, checks)", "", "RHIT or CCS required; CPC preferred. 2 years of inpatient coding "
     "experience.\nFull-time, Monday through Friday; background check and drug screen required.\n"
     "Knowledge of ICD-10-CM, CPT and HCPCS; Epic experience is a plus.\n"),
)


# Shapes whose cost per match is tiny: as a resume, N starts here, so N x N work shows (an overlap
# scan that copied the rest of the list for every match cost 3 s at 256 KB and nothing visible at 16 KB).
START_AT = {"one term many times 'Epic '": 64_000}


def crafted(heading: str, unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` characters under ``heading``; ``{w}`` (``{W}``) in a unit
    becomes a different run of lower-case (capital) letters each time."""
    head = f"{heading}\n" if heading else ""
    count = max(1, size // len(unit))
    if "{" not in unit:
        return head + unit * count + "\n"
    return head + "".join(unit.format(w=_letters(n), W=_letters(n).upper()) for n in range(count)) + "\n"


def _letters(number: int) -> str:
    """0 -> "aaaa", 1 -> "aaab"...: four letters, then five once 26**4 are used."""
    out = ""
    for _ in range(4):
        number, digit = divmod(number, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[digit] + out
    return ("abcdefghijklmnopqrstuvwxyz"[number - 1] if number else "") + out


def check_call(mode: str, heading: str, unit: str, size: int) -> Callable[[], object]:
    """One whole check of a shape at ``size``: read, match, checks, the report as JSON."""
    from jobkit.pipeline import check_resume
    from jobkit.config import Limits
    from jobkit.match import target as targets
    from jobkit.output.registry import report_json

    # Neither the 20 s budget nor the 30-page limit of a text file may hide the cost: a PDF or a
    # Word file holds far more lines than 30 text pages. Postings read their limits from the environment.
    os.environ["JOBKIT_MAX_PAGES"] = str(BIG_PAGES)
    limits = Limits(time_budget=600, max_pages=BIG_PAGES)
    text = crafted(heading, unit, size)
    resume = (TOP + text).encode() if mode in ("resume", "both") else RESUME.encode()
    job = POSTING_TOP + text if mode in ("posting", "both") else None

    def run() -> object:
        targets._POSTINGS.clear()  # parse the posting every time: parsed postings are kept by their text's hash
        report = check_resume(resume, role=None if job else ROLE, job=job, filename="resume.txt", limits=limits)
        return report_json(report.to_record())

    return run


def _cpu(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def pick_n(mode: str, heading: str, unit: str, min_seconds: float = MIN_SECONDS, start: int = START_N) -> int:
    """The smallest size, doubling from ``start`` up to MAX_N, at which one check costs ``min_seconds`` of CPU."""
    size = start
    while size < MAX_N and _cpu(check_call(mode, heading, unit, size)) < min_seconds:
        size *= 2
    return size


def measure(mode: str, heading: str, unit: str, rounds: int = ROUNDS,
            min_seconds: float = MIN_SECONDS, start: int = START_N) -> dict[str, Any]:
    """CPU seconds (median) at N and 4N and the growth ratio (median over ABBA rounds).

    A ratio over SUSPECT is measured again in CONFIRM_ROUNDS fresh rounds, and their median
    stands: one noisy round on a shared machine raises no alarm, a real quadratic stays high.
    """
    size = pick_n(mode, heading, unit, min_seconds, start)
    pair = {"N": check_call(mode, heading, unit, size), "4N": check_call(mode, heading, unit, 4 * size)}
    results = interleaved(pair, rounds)
    confirmed = results["4N"]["ratio"] > SUSPECT
    if confirmed:
        results = interleaved(pair, CONFIRM_ROUNDS)
    return {"n": size, "cpu_n": results["N"]["cpu_median"], "cpu_4n": results["4N"]["cpu_median"],
            "ratio": results["4N"]["ratio"], "confirmed": confirmed}


def run(only: str | None = None, modes: tuple[str, ...] = MODES, rounds: int = ROUNDS,
        min_seconds: float = MIN_SECONDS, show: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Every shape in every mode; ``worst`` is the largest growth ratio seen."""
    check_call("resume", "", "warm up ", 1000)()  # load the glossary and compile the matchers once
    rows = []
    for label, heading, unit in SHAPES:
        if only and only.lower() not in label.lower():
            continue
        for mode in modes:
            start = START_AT.get(label, START_N) if mode == "resume" else START_N
            row = {"shape": label, "mode": mode, **measure(mode, heading, unit, rounds, min_seconds, start)}
            rows.append(row)
            if show:
                show(_line(row))
    worst = max(rows, key=lambda r: r["ratio"]) if rows else None
    return {"rows": rows, "limit": LIMIT, "worst": worst["ratio"] if worst else 0.0,
            "worst_shape": f"{worst['shape']} ({worst['mode']})" if worst else "",
            "over": [r for r in rows if r["ratio"] > LIMIT]}


def _line(row: dict[str, Any]) -> str:
    flag = "  QUADRATIC" if row["ratio"] > LIMIT else "  (confirmed in more rounds)" if row["confirmed"] else ""
    return (f"{row['shape'][:40]:40} {row['mode']:8} {row['n'] // 1000:>5} KB {row['cpu_n']:8.3f} "
            f"{row['cpu_4n']:8.3f} {row['ratio']:7.2f}x{flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="shapes whose label contains this")
    parser.add_argument("--mode", choices=MODES, help="run one mode only")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="ABBA rounds per shape (default %(default)s)")
    parser.add_argument("--min-seconds", type=float, default=MIN_SECONDS,
                        help="CPU seconds one check must take at N; more finds smaller quadratics, 0.25 is the deep "
                             "run (default %(default)s)")
    args = parser.parse_args()
    modes = (args.mode,) if args.mode else MODES
    print(f"whole check at N and 4N (CPU seconds, median of {2 * args.rounds} runs, {2 * CONFIRM_ROUNDS} more over "
          f"{SUSPECT}x); linear ~4x, limit {LIMIT}x\n")
    print(f"{'shape':40} {'mode':8} {'N':>8} {'CPU N':>8} {'CPU 4N':>8} {'growth':>8}")
    started = time.process_time()
    result = run(args.only, modes, args.rounds, args.min_seconds, show=lambda line: print(line, flush=True))
    print(f"\nworst growth {result['worst']:.2f}x: {result['worst_shape']} "
          f"({time.process_time() - started:.0f} s CPU in all)")
    for row in result["over"]:
        print(f"QUADRATIC: {row['shape']} ({row['mode']}) grows {row['ratio']:.1f}x from "
              f"{row['n'] // 1000} KB to {4 * row['n'] // 1000} KB (limit {LIMIT}x)", file=sys.stderr)
    if result["over"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
