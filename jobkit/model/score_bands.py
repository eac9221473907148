"""The thresholds every 0-100 figure is read against, in one place.

Readiness levels, match bands and the colors of every page (a score, a category, a rubric's pass
rate) all turn at the same points: 80 and over is strong, 65 good, 45 fair, below that poor.
"""

from __future__ import annotations

from typing import Literal

STRONG = 80  # "Ready to send", "Strong match"
GOOD = 65  # "Almost ready", "Good match": shown in the good color from here up
FAIR = 45  # "Needs work", "Partial match": the fair color from here up, poor below

ScoreColor = Literal["good", "fair", "poor"]


def score_color(score: float) -> ScoreColor:
    """The color class a page shows a 0-100 figure in: "good", "fair" or "poor"."""
    return "good" if score >= GOOD else "fair" if score >= FAIR else "poor"
