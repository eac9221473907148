"""Knockout items (what an application's screening questions ask) against hand labels.

    python bench/knockouts.py            # the figures and goals
    python bench/knockouts.py --detail   # also every missed, extra or wrongly levelled item

Labels (bench/data/knockouts/, written by hand before any code read postings for them):
- corpus_knockouts.toml: the 16 corpus postings (../shared/corpus/jobs);
- heldout_knockouts.toml: 12 postings a helper wrote from real postings' wordings (postings/, SOURCES.tsv);
- pairs.toml: 16 posting and resume pairs, each item's ``met`` (true, false, or "unknown" when a resume cannot
  say) and the resume line that shows it.
An extracted item is the labelled one when it has the same kind and one text holds the other, or they share
70% of the shorter one's words (case-folded). A labelled item found at the other level (required or preferred)
is a level error. An either/or group is kept when its members are found and share one ``one_of`` id (or one
item holds them all).

Goals (issue 29): knockout items found >= 0.9, their answers right (met) >= 0.9, every either/or group kept.
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

DATA = Path(__file__).resolve().parent / "data" / "knockouts"
GOAL_RECALL = 0.9
GOAL_MET = 0.9
SHARED_WORDS = 0.7
SETS = ("corpus_knockouts.toml", "heldout_knockouts.toml")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def same_text(label: str, found: str) -> bool:
    a, b = " ".join(_words(label)), " ".join(_words(found))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / min(len(wa), len(wb)) >= SHARED_WORDS


def posting_path(file: str) -> Path:
    return CORPUS / file if file.startswith("jobs/") else DATA / file


def _pair(labels: list[dict[str, Any]], items: tuple[Any, ...]) -> dict[int, int]:
    """Label index -> item index, each item used once except for an either/or group's one item."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for n, label in enumerate(labels):
        for m, item in enumerate(items):
            # one item for a group of credentials ("CCS or CIC") answers each labelled member
            group_item = label["kind"] == "credential" and item.kind == "credential" and len(item.terms) > 1
            if item.kind == label["kind"] and (m not in used or group_item) and (
                    same_text(label["text"], item.text) or any(same_text(label["text"], t) for t in item.terms)):
                out[n] = m
                used.add(m)
                break
    return out


def extraction(detail: bool) -> dict[str, Any]:
    from jobkit.match.target import posting_from_file

    figures: dict[str, Any] = {}
    for name in SETS:
        data = tomllib.loads((DATA / name).read_text(encoding="utf-8"))
        found = total = extra = produced = level = groups = groups_kept = 0
        years_right = years_total = 0
        for posting in data["posting"]:
            items = posting_from_file(posting_path(posting["file"])).knockouts
            required, preferred = posting.get("knockouts", []), posting.get("preferred", [])
            labels = [dict(x, required=True) for x in required] + [dict(x, required=False) for x in preferred]
            pairs = _pair(labels, items)
            for n, label in enumerate(labels[:len(required)]):
                total += 1
                if n in pairs:
                    found += 1
                    item = items[pairs[n]]
                    if "required_years" in label:
                        years_total += 1
                        years_right += item.required_years == label["required_years"]
                elif detail:
                    print(f"  MISSED {posting['file']}: [{label['kind']}] {label['text']}")
            for n, m in pairs.items():
                if labels[n]["required"] != items[m].required:
                    level += 1
                    if detail:
                        print(f"  LEVEL {posting['file']}: [{labels[n]['kind']}] {labels[n]['text']} "
                              f"labelled {'required' if labels[n]['required'] else 'preferred'}")
            matched_items = set(pairs.values())
            for m, item in enumerate(items):
                produced += 1
                if m not in matched_items:
                    extra += 1
                    if detail:
                        print(f"  EXTRA {posting['file']}: [{item.kind}] {item.text[:120]}")
            by_group: dict[Any, list[int]] = {}
            for n, label in enumerate(labels):
                if label.get("one_of") is not None:
                    by_group.setdefault((label["required"], label["one_of"]), []).append(n)
            for members in by_group.values():
                groups += 1
                ids = {items[pairs[n]].one_of or f"item{pairs[n]}" for n in members if n in pairs}
                kept = all(n in pairs for n in members) and len(ids) == 1
                groups_kept += kept
                if detail and not kept:
                    print(f"  GROUP LOST {posting['file']}: " + " | ".join(labels[n]["text"][:40] for n in members))
        figures[name] = {"recall": found / total if total else 1.0, "precision": 1 - extra / produced if produced else 1.0,
                         "labelled": total, "level_errors": level, "groups": groups, "groups_kept": groups_kept,
                         "years_right": f"{years_right}/{years_total}"}
    return figures


def answers(detail: bool) -> dict[str, Any]:
    from jobkit import pipeline
    from jobkit.match.target import posting_from_file, posting_target
    from jobkit.read import read_resume

    data = tomllib.loads((DATA / "pairs.toml").read_text(encoding="utf-8"))
    right = total = evidence_right = evidence_total = confident_wrong = 0
    for pair in data["pair"]:
        target = posting_target(posting_from_file(posting_path(pair["posting"])))
        document = read_resume(CORPUS / pair["resume"])
        items = pipeline.check_document(document, target).knockouts
        labels = [dict(x) for x in pair["items"]]
        pairs = _pair(labels, items)
        for n, label in enumerate(labels):
            total += 1
            want = None if label["met"] == "unknown" else label["met"]
            got = items[pairs[n]].met if n in pairs else "not found"
            right += got == want
            confident_wrong += want is not None and got is not None and got != "not found" and got != want
            if got == want and want is True and label.get("evidence"):
                evidence_total += 1
                evidence_right += bool(items[pairs[n]].evidence)
            if detail and got != want:
                print(f"  MET {pair['posting']} x {pair['resume']}: [{label['kind']}] {label['text'][:60]} "
                      f"labelled {want}, jobkit {got}" + (f" ({items[pairs[n]].answer[:100]})" if n in pairs else ""))
    return {"right": right / total if total else 1.0, "items": total, "confident_wrong": confident_wrong,
            "evidence_given": f"{evidence_right}/{evidence_total}"}


def figures() -> dict[str, Any]:
    """The figures bench/accuracy.py prints and writes as JSON."""
    return {**{name.split("_")[0]: figure for name, figure in extraction(False).items()}, "pairs": answers(False)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    for name, figure in extraction(args.detail).items():
        print(f"{name}: found {figure['recall']:.2f} of {figure['labelled']} required items (goal {GOAL_RECALL}), "
              f"precision {figure['precision']:.2f}, level errors {figure['level_errors']}, either/or groups kept "
              f"{figure['groups_kept']}/{figure['groups']}, years right {figure['years_right']}")
    result = answers(args.detail)
    print(f"pairs: answers right {result['right']:.2f} of {result['items']} (goal {GOAL_MET}), confidently wrong "
          f"{result['confident_wrong']}, evidence given for met items {result['evidence_given']}")


if __name__ == "__main__":
    main()
