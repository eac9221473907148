"""Issue 33, item 2: a compiled glyph source (pdf-oxide) behind jobkit's PDF layout, evaluated honestly.

    python bench/glyph_source.py            # every part: about 2-3 minutes of CPU
    python bench/glyph_source.py --quick    # fewer fuzz inputs, one speed round, hostile files without PDFium

The source is :mod:`bench.oxide_source` (pdf-oxide's glyphs into jobkit's own ``PageCapture`` records,
``layout_page``, ``raw_document`` and check). It is judged on what adoption would need, each part
against jobkit's PDFium engine:

1. differential: every corpus PDF (offlinecv, resumes, robustness) read and checked by both: the same
   outcome, score, matched terms, finding codes and text lines? Each disagreement with its causes;
2. hostile files: each PDF case of ``tests/read/test_hostile.py`` in a child process with a memory and a
   CPU limit (:mod:`bench.glyph_source_probes`): the typed error, a crash, a hang, and peak memory;
3. the fuzz property of ``tests/fuzzing.py`` on mutated PDFs, in children: crashes, hangs, untyped errors;
4. blind spots: tiny PDFs for render mode, images, /Rotate, forms, white text, /ActualText
   (:mod:`bench.glyph_source_cases`);
5. speed: CPU per PDF of the whole check over the offlinecv PDFs, interleaved (ABBA) rounds.

Needs ``pip install pdf-oxide`` (not a jobkit dependency).
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CORPUS, interleaved, pdfs, print_table  # noqa: E402

FOLDERS = ("offlinecv", "resumes", "robustness")
PDFIUM_CHECK = "jobkit check (pdfium)"
_LIGATURE_GAP = re.compile(r"(ffi|ffl|fi|fl|ff) (?=\w)")


def corpus_pdfs() -> list[Path]:
    return sorted(p for folder in FOLDERS if (CORPUS / folder).is_dir() for p in (CORPUS / folder).rglob("*.pdf"))


# ---------------------------------------------------------------- 1. differential


def _checked(path: Path, oxide: bool) -> tuple[str, Any, Any]:
    """(outcome, document, report) of one file read by one source and checked against the default role."""
    from jobkit import read_resume
    from jobkit.config import Limits
    from jobkit.errors import JobkitError
    from jobkit.match.target import resolve_target
    from jobkit.pipeline import check_document

    from bench.oxide_source import read_resume_oxide

    try:
        document = (read_resume_oxide(path, limits=Limits()) if oxide
                    else read_resume(path, limits=replace(Limits(), pdf_engine="pdfium")))
    except JobkitError as exc:
        return exc.code, None, None
    return "ok", document, check_document(document, resolve_target(None, None))


def compare(path: Path) -> dict[str, Any]:
    """Which of outcome, score, matches, findings and lines agree for one file, and why the others do not."""
    (out_a, doc_a, rep_a), (out_b, doc_b, rep_b) = _checked(path, False), _checked(path, True)
    row: dict[str, Any] = {"file": path.relative_to(CORPUS).as_posix(), "pdfium": out_a, "oxide": out_b}
    if out_a != "ok" or out_b != "ok":
        row["same"] = {"outcome": out_a == out_b, "score": out_a == out_b, "matches": out_a == out_b,
                       "findings": out_a == out_b, "lines": out_a == out_b}
        row["causes"] = [] if out_a == out_b else [f"outcome: PDFium engine {out_a}, pdf-oxide {out_b}"]
        return row
    lines_a, lines_b = [ln.text for ln in doc_a.lines], [ln.text for ln in doc_b.lines]
    codes_a, codes_b = sorted({f.code for f in rep_a.findings}), sorted({f.code for f in rep_b.findings})
    row["same"] = {"outcome": True, "score": rep_a.score == rep_b.score,
                   "matches": _terms(rep_a) == _terms(rep_b), "findings": codes_a == codes_b,
                   "lines": [(ln.text, ln.hidden) for ln in doc_a.lines] == [(ln.text, ln.hidden) for ln in doc_b.lines]}
    row["scores"] = (rep_a.score, rep_b.score)
    row["causes"] = line_causes(lines_a, lines_b) if not row["same"]["lines"] else []
    if codes_a != codes_b:
        row["causes"].append(f"findings: PDFium engine {_extra(codes_a, codes_b)}, pdf-oxide {_extra(codes_b, codes_a)}")
    return row


def _terms(report: Any) -> list[tuple[str, float]]:
    return sorted((m.requirement.term.id, round(m.credit, 3)) for m in report.matched)


def _extra(mine: list[str], theirs: list[str]) -> str:
    return "+" + ",".join(code for code in mine if code not in theirs) if set(mine) - set(theirs) else "-"


def line_causes(pdfium: list[str], oxide: list[str]) -> list[str]:
    """What makes two readings' lines differ, found by the normalisations that make them equal, in turn."""
    steps = [
        ("the PDFium engine puts a space after a ligature ('Springfi eld'); pdf-oxide reads 'Springfield'",
         lambda lines, own: [_LIGATURE_GAP.sub(r"\1", t) for t in lines] if own else lines),
        ("a hyphen at a line's end: the PDFium engine drops it, pdf-oxide keeps it",
         lambda lines, own: [t.rstrip("-") for t in lines]),
        ("word spacing (gaps measured from different glyph boxes)", lambda lines, own: [t.replace(" ", "") for t in lines]),
        ("rows or line breaks grouped differently", lambda lines, own: ["".join(lines)]),
    ]
    causes: list[str] = []
    a, b = pdfium, oxide
    for cause, normal in steps:
        a2, b2 = normal(a, True), normal(b, False)
        if a2 != a or b2 != b:
            if a != b and (a2 == b2 or _closer(a2, b2, a, b)):
                causes.append(cause)
            a, b = a2, b2
        if a == b:
            return causes
    first = next((i for i, (x, y) in enumerate(zip(pdfium, oxide)) if x != y), min(len(pdfium), len(oxide)))
    shown = [t[:60] for t in (pdfium[first:first + 1] + oxide[first:first + 1])]
    return causes + [f"text differs (first: {' | '.join(repr(t) for t in shown)})"]


def _closer(a2: list[str], b2: list[str], a: list[str], b: list[str]) -> bool:
    """True when a normalisation removed some of the differing lines."""
    return sum(x != y for x, y in zip(a2, b2)) < sum(x != y for x, y in zip(a, b))


def differential(paths: list[Path]) -> dict[str, Any]:
    rows = [compare(path) for path in paths]
    aspects = ("outcome", "score", "matches", "findings", "lines")
    agree = {aspect: sum(row["same"][aspect] for row in rows) for aspect in aspects}
    by_folder = {folder: {aspect: sum(row["same"][aspect] for row in rows if row["file"].startswith(folder + "/"))
                          for aspect in aspects} | {"files": sum(row["file"].startswith(folder + "/") for row in rows)}
                 for folder in FOLDERS}
    return {"files": len(rows), "agree": agree, "all_same": sum(all(row["same"].values()) for row in rows),
            "by_folder": by_folder, "disagreements": [row for row in rows if not all(row["same"].values())]}


# ---------------------------------------------------------------- 5. speed


def _contenders(datas: list[bytes]) -> dict[str, Any]:
    import pdf_oxide

    from jobkit import read_resume
    from jobkit.config import Limits
    from jobkit.pipeline import check_resume

    from bench.oxide_source import oxide_module, read_resume_oxide
    from bench.read_speed import bare_text

    oxide_module()
    pdfium, default = replace(Limits(), pdf_engine="pdfium"), Limits()

    def oxide_check(guarded: bool) -> Any:
        return lambda: [check_resume(read_resume_oxide(d, "resume.pdf", limits=default, guarded=guarded),
                                     filename="resume.pdf", limits=default) for d in datas]

    def glyphs_alone() -> None:
        for data in datas:
            document = pdf_oxide.PdfDocument.from_bytes(data)
            for index in range(int(document.page_count)):
                document.extract_chars(index)

    return {PDFIUM_CHECK: lambda: [check_resume(d, filename="resume.pdf", limits=pdfium) for d in datas],
            "oxide check (jobkit's pre-passes)": oxide_check(True),
            "oxide check (pdf-oxide alone)": oxide_check(False),
            "jobkit read (pdfium)": lambda: [read_resume(d, "resume.pdf", limits=pdfium) for d in datas],
            "oxide read (jobkit's pre-passes)": lambda: [read_resume_oxide(d, "resume.pdf", limits=default)
                                                         for d in datas],
            "pdf-oxide extract_chars alone": glyphs_alone, "pypdfium2 bare text": lambda: bare_text(datas)}


def speed(rounds: int) -> dict[str, Any]:
    datas = [path.read_bytes() for path in pdfs("offlinecv")]
    contenders = _contenders(datas)
    for contender in contenders.values():  # imports, data files and caches warmed before timing
        contender()
    return {"files": len(datas), "rounds": rounds, "results": interleaved(contenders, rounds)}


# ---------------------------------------------------------------- the run


def run(quick: bool = False, fuzz: int | None = None, rounds: int | None = None) -> dict[str, Any]:
    """Every part; ``quick``: 60 fuzz inputs, one speed round, hostile files without the PDFium engine's run."""
    from importlib.metadata import metadata

    from bench.glyph_source_cases import run_cases
    from bench.glyph_source_probes import MODES, fuzz_inputs, hostile_cases, probe_hostile, run_fuzz

    info = metadata("pdf-oxide")
    out: dict[str, Any] = {"package": f"pdf-oxide {info['Version']}", "licence": info.get("License-Expression")
                           or info.get("License") or "?"}
    out["differential"] = differential(corpus_pdfs())
    out["blind_spots"] = run_cases()
    modes = MODES[1:] if quick else MODES
    out["hostile"] = [{"case": case_id, "expected": expected,
                       **{mode: probe_hostile(data, name, mode) for mode in modes}}
                      for case_id, data, name, expected in hostile_cases()]
    rows = run_fuzz(fuzz_inputs(fuzz or (60 if quick else 200)))
    out["fuzz"] = {"inputs": len(rows), "rows": rows,
                   "outcomes": {mode: dict(collections.Counter(row[mode] for row in rows)) for mode in ("pdfium", "oxide")},
                   "same_outcome": sum(row["pdfium"] == row["oxide"] for row in rows)}
    out["speed"] = speed(rounds or (1 if quick else 3))
    return out


def failures(fuzz_outcomes: dict[str, int]) -> int:
    """Fuzz outcomes that break the property: crashes, hangs, untyped errors and hidden bugs."""
    typed = re.compile(r"^[a-z_]+$")
    return sum(count for outcome, count in fuzz_outcomes.items() if not typed.match(outcome))


def show(result: dict[str, Any]) -> None:
    """The evaluation as tables, every figure of :func:`run`."""
    diff = result["differential"]
    print(f"{result['package']} (licence: {result['licence']}) as jobkit's glyph source, against jobkit's PDFium engine\n")
    print(f"1. Differential, {diff['files']} corpus PDFs: all five agree on {diff['all_same']}; "
          + ", ".join(f"{aspect} {count}/{diff['files']}" for aspect, count in diff["agree"].items()))
    for folder, counts in diff["by_folder"].items():
        print(f"   {folder}: " + ", ".join(f"{aspect} {count}/{counts['files']}" for aspect, count in counts.items()
                                           if aspect != "files"))
    for row in diff["disagreements"]:
        differs = ",".join(aspect for aspect, same in row["same"].items() if not same)
        scores = f" scores {row['scores'][0]} vs {row['scores'][1]}" if "scores" in row and not row["same"]["score"] else ""
        print(f"   {row['file']}: {differs}{scores}")
        for cause in row["causes"]:
            print(f"      - {cause}")
    print("\n2. Hostile files (child: 1.5 GB address space, 20 s CPU): outcome, CPU s, peak MB")
    for row in result["hostile"]:
        cells = "  ".join(f"{mode} {_probe(row[mode])}" for mode in ("pdfium", "oxide", "bare") if mode in row)
        print(f"   {row['case']:32} expected {row['expected']:18} {cells}")
    fuzz = result["fuzz"]
    print(f"\n3. Fuzz property, {fuzz['inputs']} mutated PDFs: same outcome {fuzz['same_outcome']}/{fuzz['inputs']}")
    for mode, outcomes in fuzz["outcomes"].items():
        print(f"   {mode}: {failures(outcomes)} failures; {outcomes}")
    for row in fuzz["rows"]:
        if failures({row['oxide']: 1}) or failures({row['pdfium']: 1}):
            print(f"   input {row['index']} (from {row['seed']}): pdfium {row['pdfium']}, oxide {row['oxide']}")
    print("\n4. Blind spots (tiny PDFs): does the oxide source give jobkit what the PDFium engine gives?")
    for row in result["blind_spots"]:
        verdict = "yes" if row["same"] else f"NO ({', '.join(row['differs'])} differ)"
        print(f"   {row['case']:15} {verdict:32} needs: {row['needs']}")
        if not row["same"]:
            print(f"      PDFium engine: {row['pdfium']}\n      oxide source:  {row['oxide']}")
    fast = result["speed"]
    print()
    print_table(f"5. Speed, {fast['files']} offlinecv PDFs, ABBA x{fast['rounds']}, per PDF (ratios to {PDFIUM_CHECK}):",
                fast["results"], per=fast["files"], unit="ms")


def _probe(probe: dict[str, Any]) -> str:
    if probe.get("cpu_s") is None:
        return f"{probe['outcome']:16}"
    return f"{probe['outcome']:16} {probe['cpu_s']:5.2f} s {probe['peak_mb']:6.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate pdf-oxide as jobkit's glyph source (issue 33, item 2).")
    parser.add_argument("--quick", action="store_true", help="60 fuzz inputs, one speed round, no PDFium hostile run")
    parser.add_argument("--fuzz", type=int, help="mutated PDFs to fuzz (default 200, 60 with --quick)")
    parser.add_argument("--rounds", type=int, help="interleaved speed rounds (default 3, 1 with --quick)")
    args = parser.parse_args()
    show(run(args.quick, args.fuzz, args.rounds))


if __name__ == "__main__":
    main()
