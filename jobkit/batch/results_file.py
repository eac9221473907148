"""A batch results file held in memory (an upload): its JSON lines read back as results.

The same lines as :func:`jobkit.batch.term_compare.read_run` reads from a path (``jobkit batch --jsonl``,
or a web batch's ``results.jsonl``), refused with the same messages; here they come from bytes, so an
uploaded file is never written anywhere. :func:`jobkit.batch.term_compare.run_from_results` makes them
a run to compare.
"""

from __future__ import annotations

import json

from jobkit.errors import InvalidInput
from jobkit.model.batches import BatchLine, BatchResult
from jobkit.model.schema import from_jsonable


def read_results(name: str, data: bytes) -> list[BatchResult]:
    """Every line of the file ``name`` (its bytes), in order; InvalidInput naming the first line that is no result."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{name}: cannot be read as JSON lines (it is not UTF-8 text).") from None
    results = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.strip():
            line = parse_line(name, number, raw)
            results.append(BatchResult(number, line.file, line.report, line.error, rubric=line.rubric))
    if not results:
        raise InvalidInput(f"{name}: holds no results. Upload the JSON lines file a batch's page downloads.")
    return results


def parse_line(name: str, number: int, raw: str, advice: str = "") -> BatchLine:
    """One JSON line of a results file as a :class:`BatchLine`; InvalidInput naming the file and the line (and
    ``advice``, a sentence after it) when it is not one. The one reader of a results line: term comparisons, the
    uploaded earlier term and the outcomes join all use it."""
    tail = f" {advice}" if advice else ""
    try:
        return from_jsonable(BatchLine, json.loads(raw), "line")  # type: ignore[no-any-return]
    except RecursionError:  # arrays or objects nested past what json can decode
        raise InvalidInput(f"{name}, line {number}: not a jobkit batch result (nested too deeply).{tail}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not JSON, or JSON that is no batch result
        raise InvalidInput(f"{name}, line {number}: not a jobkit batch result ({type(exc).__name__}).{tail}") from None
