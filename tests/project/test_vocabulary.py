"""One home per rule: the severity vocabulary, the score bands and the page-target range."""

import re
from typing import get_args

import pytest

from jobkit.checks import fix_ranking, readiness
from jobkit.match.scoring import BANDS
from jobkit.model.check_results import MAX_TARGET_PAGES, MIN_TARGET_PAGES
from jobkit.model.score_bands import FAIR, GOOD, STRONG, score_color
from jobkit.model.severity import (
    LEVELS, SEVERITIES, Severity, severity_labels, severity_mark, severity_rank, severity_table,
)
from jobkit.web.openapi import spec
from tests.project.conftest import ROOT

TEMPLATES = ROOT / "templates"


def test_the_severity_literal_and_its_levels_are_the_same_five_in_order():
    assert get_args(Severity) == SEVERITIES == tuple(LEVELS)
    assert [severity_rank(s) for s in SEVERITIES] == list(range(5))
    assert severity_rank("unheard-of") == 5 and severity_mark("unheard-of") == "   "
    assert {len(severity_mark(s)) for s in SEVERITIES} == {3}
    assert severity_labels()["info"] == "Note"


def test_every_table_keyed_by_severity_names_exactly_the_five():
    for table in (readiness.PENALTY, readiness.PROFILE_PENALTY, fix_ranking.IMPACT, severity_labels()):
        assert tuple(table) == SEVERITIES
    with pytest.raises(ValueError, match="not severities: severe"):
        severity_table(severe=3)


def test_no_module_spells_out_its_own_severity_table():
    pattern = re.compile(r"\{\s*\"critical\"\s*:")
    offenders = [p.name for p in (ROOT / "jobkit").rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize(("score", "color"), [(100, "good"), (GOOD, "good"), (GOOD - 1, "fair"), (FAIR, "fair"),
                                              (FAIR - 1, "poor"), (0, "poor")])
def test_one_set_of_thresholds_colors_every_score(score, color):
    assert score_color(score) == color


def test_readiness_levels_and_match_bands_turn_at_the_same_points():
    assert [floor for floor, *_ in readiness.LEVELS][:3] == [STRONG, GOOD, FAIR]
    assert [floor for floor, *_ in BANDS][:3] == [STRONG, GOOD, FAIR]


def test_no_template_colors_a_figure_by_its_own_threshold():
    # A figure compared with a number (a bar's position in a list, loop.index0, is no figure).
    inline = re.compile(r"'(?:good|fair|poor)' if (?!loop\.)[\w.]+ >=? \d")
    offenders = [p.name for p in TEMPLATES.glob("*.html") if inline.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_page_target_range_is_the_same_everywhere():
    from jobkit.cli.commands import cli

    check = cli.commands["check"]
    pages = next(p for p in check.params if p.name == "target_pages")
    assert (pages.type.min, pages.type.max) == (MIN_TARGET_PAGES, MAX_TARGET_PAGES)
    form = spec()["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]["multipart/form-data"]
    field = form["schema"]["properties"]["pages"]
    assert (field["minimum"], field["maximum"]) == (MIN_TARGET_PAGES, MAX_TARGET_PAGES)
    assert 'max="5"' not in (TEMPLATES / "_target_fields.html").read_text(encoding="utf-8")
