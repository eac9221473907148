"""DOCX reading with python-docx and a walk of the raw XML."""
