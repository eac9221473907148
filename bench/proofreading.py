"""Proofreading and impact against hand labels (bench/data/proofreading_labels.toml, labelled before the code).

    python bench/proofreading.py            # the figures and goals
    python bench/proofreading.py --detail   # also every missed or false flag

Per resume the labels give each misspelt word with its fix, lines written twice, whether the resume shows a
person's name, walls of text, the experience bullets and how many state a result.
- Misspellings: a flag is right when its word is a labelled misspelling (case-folded) and its suggestion is the
  labelled fix; precision over flags, recall over labels.
- Duplicates: a labelled pair is found when a flagged duplicate's text matches either of its lines.
- Missing name: right when jobkit's name_missing equals the label.
- Outcomes: jobkit's count of bullets with a result within one of the label's.

Goals (issue 30): misspelling precision >= 0.9 and recall >= 0.7; duplicates recall >= 0.9; missing name right on
every labelled resume; outcome counts within one bullet on >= 80% of resumes.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "proofreading_labels.toml"
GOALS = {"spelling_precision": 0.9, "spelling_recall": 0.7, "duplicate_recall": 0.9, "name_right": 1.0, "outcomes_within_one": 0.8}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def evaluate(detail: bool = False) -> dict[str, Any]:
    from jobkit import check_resume

    labels = tomllib.loads(LABELS.read_text(encoding="utf-8"))["resume"]
    flags = right_flags = labelled = found = 0
    dup_total = dup_found = 0
    names_right = outcomes_close = 0
    for label in labels:
        report = check_resume(CORPUS / label["file"])
        proof, impact = report.checks.proofreading, report.checks.impact
        wanted = {m["word"].lower(): m["fix"].lower() for m in label.get("misspellings", [])}
        got = {m.word.lower(): m.suggestion.lower() for m in proof.misspellings}
        labelled += len(wanted)
        for word, fix in got.items():
            flags += 1
            ok = wanted.get(word) == fix
            right_flags += ok
            if detail and not ok:
                print(f"  FALSE {label['file']}: {word} -> {fix}" + (f" (label: {wanted[word]})" if word in wanted else ""))
        for word, fix in wanted.items():
            hit = got.get(word) == fix
            found += hit
            if detail and not hit:
                print(f"  MISSED {label['file']}: {word} -> {fix}")
        for pair in label.get("duplicate_lines", []):
            dup_total += 1
            keys = {_norm(pair["first"]), _norm(pair["second"])}
            hit = any(_norm(d.text) in keys or any(_norm(d.text)[:60] == k[:60] for k in keys) for d in proof.duplicate_lines)
            dup_found += hit
            if detail and not hit:
                print(f"  DUP MISSED {label['file']}: {pair['first'][:70]}")
        names_right += proof.name_missing == label["name_missing"]
        if detail and proof.name_missing != label["name_missing"]:
            print(f"  NAME {label['file']}: labelled missing={label['name_missing']}, jobkit {proof.name_missing}")
        close = abs(impact.with_outcome - label["with_outcome"]) <= 1
        outcomes_close += close
        if detail and not close:
            print(f"  OUTCOMES {label['file']}: labelled {label['with_outcome']} of {label['experience_bullets']}, "
                  f"jobkit {impact.with_outcome} of {impact.bullets}")
    n = len(labels)
    return {"resumes": n, "spelling_precision": right_flags / flags if flags else 1.0,
            "spelling_recall": found / labelled if labelled else 1.0, "flags": flags, "labelled": labelled,
            "duplicate_recall": dup_found / dup_total if dup_total else 1.0, "duplicates": dup_total,
            "name_right": names_right / n, "outcomes_within_one": outcomes_close / n}


def figures() -> dict[str, Any]:
    return evaluate(False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.detail)
    print(f"Proofreading on {result['resumes']} hand-labelled resumes: misspelling precision "
          f"{result['spelling_precision']:.2f} of {result['flags']} flags (goal {GOALS['spelling_precision']}), recall "
          f"{result['spelling_recall']:.2f} of {result['labelled']} (goal {GOALS['spelling_recall']}); duplicates found "
          f"{result['duplicate_recall']:.2f} of {result['duplicates']} (goal {GOALS['duplicate_recall']}); missing name "
          f"right {result['name_right']:.2f} (goal 1.0); outcome counts within one bullet on "
          f"{result['outcomes_within_one']:.2f} (goal {GOALS['outcomes_within_one']})")


if __name__ == "__main__":
    main()
