"""Report -> text, JSON, CSV and HTML."""
