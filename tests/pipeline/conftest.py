"""Shared by the whole-check tests: a good practice answer."""

from __future__ import annotations

# A STAR answer to "error-in-record" that hits every key point (the question tests and the answer-review tests).
GOOD = ("When I worked at Central Hospital, during a monthly audit I noticed a discrepancy: a patient's date of birth was "
        "transposed in the EHR. I checked the intake form and contacted the nurse to clarify, then corrected the record "
        "following our amendment policy and documented the change. As a result the insurance claim was not denied.")

