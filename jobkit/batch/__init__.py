"""Many resumes -> results: inputs, the run, outputs, the web queue and its runner. No click, no Flask."""
