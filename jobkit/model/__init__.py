"""Data only, no I/O: the document, findings and the report's parts."""
