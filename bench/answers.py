"""Interview answer review against hand labels: key points credited, and unsafe answers named.

    python bench/answers.py            # the figures and goals
    python bench/answers.py --detail   # also every point credited or missed wrongly, every unsafe call wrong

bench/data/answer_labels.toml: 108 answers to 18 questions from 8 sets (strong, partial, negated, unsafe,
off-topic with shared words, short), written and labelled by hand before jobkit reviewed them: the key
points each genuinely covers and whether it describes a practice that would end an interview.

Point precision and recall are over the answers labelled safe (an unsafe answer is credited with nothing, by
design, whatever it also says). Unsafe detection: the share of unsafe answers named, and of safe ones named.
Goals (issue 28): point precision >= 0.9, recall >= 0.8; >= 90% of unsafe answers named, <= 5% of safe ones.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LABELS = Path(__file__).resolve().parent / "data" / "answer_labels.toml"
GOALS = {"precision": 0.9, "recall": 0.8, "unsafe_named": 0.9, "safe_named": 0.05}


def evaluate() -> dict[str, Any]:
    from jobkit.answers import review_answer
    from jobkit.data.questions import all_questions

    questions = {q.id: q for q in all_questions()}
    answers = tomllib.loads(LABELS.read_text(encoding="utf-8"))["answer"]
    tp = fp = fn = 0
    unsafe_hit = unsafe_total = safe_flagged = safe_total = 0
    wrong: list[str] = []
    for answer in answers:
        feedback = review_answer(questions[answer["question"]], answer["text"])
        named = bool(feedback.unsafe)
        if answer["unsafe"]:
            unsafe_total += 1
            unsafe_hit += named
            if not named:
                wrong.append(f"unsafe not named  {answer['question']}/{answer['kind']}: {answer['text'][:90]}")
            continue
        safe_total += 1
        safe_flagged += named
        if named:
            wrong.append(f"safe named {feedback.unsafe[0].rule}  {answer['question']}/{answer['kind']}: {answer['text'][:90]}")
        want = set(answer["covered"])
        got = {p.point.point for p in feedback.points if p.covered}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
        wrong += [f"credited wrongly  {answer['question']}/{answer['kind']}: {p}" for p in got - want]
        wrong += [f"missed            {answer['question']}/{answer['kind']}: {p}" for p in want - got]
    return {"precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
            "unsafe_named": unsafe_hit / unsafe_total if unsafe_total else None,
            "safe_named": safe_flagged / safe_total if safe_total else None,
            "answers": len(answers), "unsafe": unsafe_total, "wrong": wrong}


def figures() -> dict[str, Any]:
    return {k: v for k, v in evaluate().items() if k != "wrong"}


def main() -> None:
    parser = argparse.ArgumentParser(description="Answer review against hand labels.")
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args()
    result = evaluate()
    print(f"Answers ({result['answers']}, {result['unsafe']} unsafe): point precision {result['precision']:.3f} "
          f"(goal >= {GOALS['precision']}), recall {result['recall']:.3f} (goal >= {GOALS['recall']}); unsafe named "
          f"{result['unsafe_named']:.0%} (goal >= 90%), safe named {result['safe_named']:.0%} (goal <= 5%)")
    if args.detail:
        for line in result["wrong"]:
            print("  " + line)


if __name__ == "__main__":
    main()
