"""The only code that reads the data files: keywords/, interview_questions/, templates/."""
