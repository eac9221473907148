"""Checks that land in the report beside the match score.

Each check is a pure function over a prepared document (and the target);
a failed check is a result, not an exception.
"""
