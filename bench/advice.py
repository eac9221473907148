"""Advice review: every sentence of a report, labelled by hand right / wrong / misleading.

    python bench/advice.py                 # wrong or misleading sentences per report, and the unlabelled ones
    python bench/advice.py --dump DIR      # write each report's sentences to DIR/<id>.txt for labelling
    python bench/advice.py --unlabelled    # list the sentences no label covers yet

The set is 19 real corpus resumes x postings: strong, near-miss and off-field people, private and
federal postings, a pasted link and an image-only file (``PAIRS``). A report is the text a person
reads (``jobkit check``), unwrapped, cut into sentences (:func:`sentences`). The labels live in
``bench/data/advice_labels.toml``: per report, each sentence's text and its label, with a reason
for every wrong or misleading one. A sentence the labels do not cover is "unlabelled": it counts
neither way, and the figure says how many there are, so a changed report is labelled again before
its figure is trusted. Goal: at most 0.1 wrong or misleading sentences per report.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "advice_labels.toml"
GOAL_PER_REPORT = 0.1
BAD = ("wrong", "misleading")
LINK = "https://www.indeed.com/viewjob?jk=5f2b9c0d1e3a4b6c&from=mobileshare"


@dataclass(frozen=True)
class Pair:
    id: str
    resume: str  # relative to the corpus
    job: str | None = None  # a posting file relative to the corpus, or LINK
    role: str | None = None
    why: str = ""


PAIRS = (
    Pair("mrt-role", "resumes/pdf_livecareer_medical_record_technician.pdf", role="medical-records-technician",
         why="strong: a records technician against the role"),
    Pair("mrt-va-roi", "resumes/pdf_livecareer_medical_record_technician.pdf",
         "jobs/j02_va_mrt_roi_canandaigua_ny.txt", why="strong, federal release-of-information posting"),
    Pair("his-va-hit", "resumes/pdf_livecareer_health_information_specialist.pdf",
         "jobs/j07_va_mrt_hit_san_antonio_tx.txt", why="strong, federal HIT posting"),
    Pair("coder-private", "resumes/pdf_livecareer_coding_specialist_mislabeled.pdf",
         "jobs/j01_repo_surgical_notes_coder_india_remote.md", why="coder against a private coding posting"),
    Pair("coder-va", "resumes/pdf_livecareer_coding_specialist_mislabeled.pdf",
         "jobs/j08_va_mrt_coder_baltimore_md.txt", why="coder against a federal coder posting"),
    Pair("manager-va-coder", "resumes/pdf_livecareer_practice_manager_hit_coding_cert.pdf",
         "jobs/j10_va_mrt_coder_in_out_amended.txt", why="near-miss: practice manager with a coding certificate"),
    Pair("billing-cash", "resumes/pdf_livecareer_medical_billing_claims.pdf",
         "jobs/j14_repo_indeed_medical_cash_poster_NEAR_NEGATIVE.txt", why="billing person, billing posting"),
    Pair("billing-role", "resumes/pdf_livecareer_medical_billing_claims.pdf", role="medical-records-technician",
         why="near-miss: billing against the records role"),
    Pair("admitting-access", "resumes/pdf_livecareer_er_admitting_qa.pdf",
         "jobs/j15_repo_mercyhealth_patient_access_lead_NEAR_NEGATIVE.txt", why="admitting against patient access"),
    Pair("nurse-va-coder", "resumes/pdf_livecareer_negative_registered_nurse.pdf",
         "jobs/j08_va_mrt_coder_baltimore_md.txt", why="off-field: a nurse against a federal coder posting"),
    Pair("nurse-role", "resumes/pdf_livecareer_negative_registered_nurse.pdf", role="medical-records-technician",
         why="off-field: a nurse against the records role"),
    Pair("chef-coder", "resumes/pdf_livecareer_negative_sous_chef.pdf",
         "jobs/j01_repo_surgical_notes_coder_india_remote.md", why="off-field: a sous chef against a coding posting"),
    Pair("office-coder", "resumes/docx_word_office_coordinator.docx",
         "jobs/j01_repo_surgical_notes_coder_india_remote.md", why="off-field: office coordinator, coding posting"),
    Pair("emt-coder", "resumes/docx_word2007_emt_sample.docx",
         "jobs/j01_repo_surgical_notes_coder_india_remote.md", why="adjacent: an EMT against a coding posting"),
    Pair("assistant-doc", "resumes/doc_legacy_word97_medical_assistant.doc", role="medical-records-technician",
         why="a legacy Word 97 file"),
    Pair("accountant-role", "resumes/docx_word_pair_accountant.docx", role="medical-records-technician",
         why="off-field: an accountant against the records role"),
    Pair("reviewer-registrar", "resumes/pdf_livecareer_surgical_clinical_reviewer.pdf",
         "jobs/j11_va_tumor_registrar_altoona_pa.txt", why="near-miss: clinical reviewer, tumor registrar posting"),
    Pair("imageonly-role", "resumes/pdf_imageonly_no_text_layer_1.pdf", role="medical-records-technician",
         why="a scan: nothing to read"),
    Pair("his-link", "resumes/pdf_livecareer_health_information_specialist.pdf", LINK,
         why="a link pasted instead of the posting"),
)


def report_text(pair: Pair) -> str:
    """What ``jobkit check`` prints for the pair, unwrapped, or the error it gives."""
    from click.testing import CliRunner

    from jobkit.cli import cli
    import jobkit.output.document_text as document_text
    import jobkit.output.text_format as text_format

    args = ["check", pair.resume, "--limit", "500"]
    if pair.job == LINK:
        args += ["--job", LINK]
    elif pair.job:
        args += ["--job", pair.job]
    if pair.role:
        args += ["--role", pair.role]
    original = document_text.wrap

    def unwrapped(text: str, indent: str = "  ", width: int = 88) -> str:
        return original(text, indent, width=100_000)

    text_format.wrap = unwrapped  # type: ignore[assignment]
    here = os.getcwd()
    os.chdir(CORPUS)  # the report names files as given: relative to the corpus, no machine's path
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        os.chdir(here)
        text_format.wrap = original  # type: ignore[assignment]
    return result.output


_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


def normal(sentence: str) -> str:
    return " ".join(sentence.split())


def sentences(text: str) -> list[str]:
    """The report cut into sentences: each line, then each sentence in it; duplicates once, in order."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        for part in _SPLIT.split(line.strip()):
            part = normal(part)
            if part and re.search(r"[A-Za-z]", part):
                seen.setdefault(part, None)
    return list(seen)


def load_labels(path: Path = LABELS) -> dict[str, dict[str, dict[str, Any]]]:
    """report id -> normal sentence -> {label, why}."""
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for report in data.get("report", []):
        rows = out.setdefault(report["id"], {})
        for row in report.get("sentence", []):
            if row["label"] not in ("right", *BAD):
                raise SystemExit(f"{path.name}: report {report['id']}: label {row['label']!r} is not right/wrong/misleading")
            rows[normal(row["text"])] = row
    return out


def evaluate() -> dict[str, Any]:
    labels = load_labels()
    rows = []
    for pair in PAIRS:
        own = labels.get(pair.id, {})
        said = sentences(report_text(pair))
        bad = [s for s in said if s in own and own[s]["label"] in BAD]
        unlabelled = [s for s in said if s not in own]
        rows.append({"id": pair.id, "sentences": len(said), "bad": bad, "unlabelled": unlabelled,
                     "why": [own[s].get("why", "") for s in bad]})
    total_bad = sum(len(r["bad"]) for r in rows)
    return {"reports": rows, "per_report": total_bad / len(rows), "goal": GOAL_PER_REPORT,
            "unlabelled": sum(len(r["unlabelled"]) for r in rows)}


def figures() -> dict[str, Any]:
    result = evaluate()
    return {"advice_bad_per_report": round(result["per_report"], 2), "advice_unlabelled": result["unlabelled"],
            "advice_reports": len(result["reports"])}


def print_table(result: dict[str, Any], detail: bool = False) -> None:
    print("Advice review: wrong or misleading sentences per report (hand labels, bench/data/advice_labels.toml)")
    print(f"  {'report':<22} {'sentences':>9} {'bad':>4} {'unlabelled':>10}")
    for row in result["reports"]:
        print(f"  {row['id']:<22} {row['sentences']:>9} {len(row['bad']):>4} {len(row['unlabelled']):>10}")
        if detail:
            for sentence, why in zip(row["bad"], row["why"]):
                print(f"      BAD  {sentence}\n           ({why})")
    met = "met" if result["per_report"] <= GOAL_PER_REPORT else "NOT met"
    print(f"  per report: {result['per_report']:.2f} (goal <= {GOAL_PER_REPORT}: {met}); "
          f"{result['unlabelled']} sentences unlabelled")


def main() -> None:
    parser = argparse.ArgumentParser(description="Wrong or misleading report sentences, against hand labels.")
    parser.add_argument("--dump", type=Path, help="write each report's sentences to DIR/<id>.txt")
    parser.add_argument("--unlabelled", action="store_true", help="list the sentences no label covers")
    parser.add_argument("--detail", action="store_true", help="list every wrong or misleading sentence")
    args = parser.parse_args()
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        labels = load_labels()
        for pair in PAIRS:
            own = labels.get(pair.id, {})
            said = sentences(report_text(pair))
            body = "\n".join(f"{'   ' if s in own else 'NEW'} {s}" for s in said)
            header = f"# {pair.id}: {pair.resume} vs {pair.job or pair.role} ({pair.why})\n"
            (args.dump / f"{pair.id}.txt").write_text(header + body + "\n", encoding="utf-8")
        print(f"wrote {len(PAIRS)} files to {args.dump}")
        return
    result = evaluate()
    if args.unlabelled:
        for row in result["reports"]:
            for sentence in row["unlabelled"]:
                print(f"{row['id']}\t{sentence}")
        return
    print_table(result, args.detail)


if __name__ == "__main__":
    main()
