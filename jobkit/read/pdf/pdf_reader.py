"""Read a PDF the way an ATS would: the engine dispatch and what both engines share.

pdfminer.six (:mod:`pdfminer_reader`) is the default and the reference;
PDFium (:mod:`pdfium_reader`, ``JOBKIT_PDF_ENGINE=pdfium``) is the fast one.
Each engine is imported only when chosen, so a PDFium read never loads
pdfminer. Both hand their page layouts to
:func:`~jobkit.read.pdf.pdf_assembly.raw_document`.
"""

from __future__ import annotations

from jobkit.config import PDF_ENGINES, Limits
from jobkit.errors import InvalidInput
from jobkit.read.deadline import Deadline
from jobkit.read.pdf.pdf_forms import check_forms
from jobkit.read.raw import RawDocument


def read_pdf(data: bytes, name: str, limits: Limits, deadline: Deadline) -> RawDocument:
    """Read with the engine ``limits.pdf_engine`` names (pdfminer unless JOBKIT_PDF_ENGINE says otherwise).

    Both engines draw every copy of every form XObject, so their fan-out is counted first, the
    same way for both (:func:`check_forms`).
    """
    if limits.pdf_engine not in PDF_ENGINES:
        raise InvalidInput(f"Unknown PDF engine {limits.pdf_engine!r}; use one of: {', '.join(PDF_ENGINES)}.")
    check_forms(data, limits, name)
    if limits.pdf_engine == "pdfium":
        from jobkit.read.pdf.pdfium_reader import read_pdf_pdfium

        return read_pdf_pdfium(data, name, limits, deadline)
    from jobkit.read.pdf.pdfminer_reader import read_pdf_pdfminer

    return read_pdf_pdfminer(data, name, limits, deadline)
