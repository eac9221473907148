"""PDF reading with pdfminer.six: jobkit's own device, layout and findings."""
