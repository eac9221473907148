"""What ``jobkit read`` prints or writes: what an ATS sees (text, JSON), or the resume exported (JSON Resume, a
plain one-column rebuild as text or Word)."""

from __future__ import annotations

import json
from typing import Any

READ_FORMATS = ("text", "json", "jsonresume", "txt", "docx")


def read_output(document: Any, fmt: str, with_lines: bool, path: str, *, compact: bool) -> str | bytes:
    """The read document in ``fmt``: the exports need its structure, so they check it against the default role."""
    if fmt == "text":
        from jobkit.output.document_text import render_document

        return render_document(document)
    if fmt == "json":
        data = document.to_dict(include_lines=with_lines)
        data["file"] = path
        return json.dumps(data, ensure_ascii=False, **({"separators": (",", ":")} if compact else {"indent": 2}))
    from jobkit.pipeline import check_resume

    record = check_resume(document).to_record(include_text=True)
    if fmt == "jsonresume":
        from jobkit.output.jsonresume import json_resume_text

        return json_resume_text(record)
    from jobkit.output.plain_resume import plain_docx, plain_text

    return plain_docx(record) if fmt == "docx" else plain_text(record)
