"""Document + terms -> evidence and a score; job postings and targets."""
