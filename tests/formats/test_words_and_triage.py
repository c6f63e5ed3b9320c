"""Codes in words, sources by name and the triage every shell says first (SPEC intro, §2.7)."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.core.assessment.document import report_to_document
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.formats.sources import source_groups, sources_to_document, sources_to_text
from dorsi.formats.triage import triage_of
from dorsi.formats.words import cite, grade_words, plain, referral_words, sentence, words


def _report(**changes: Any) -> dict[str, Any]:
    document = {
        "schema": "dorsi.assessment/v1",
        "knee_to_wall": {"left": 8.0, "right": 11.0},
    } | changes
    return report_to_document(assess(parse_assessment(document)))


def test_codes_read_as_words() -> None:
    assert words("joint_capsule") == "joint capsule"
    assert words("knee_to_wall_below_9cm") == "an ankle under 9\u00a0cm"
    assert words("warm_up") == "warm-up"
    assert sentence("calf_swelling") == "Swelling or warmth in the calf"
    assert words("something_new") == "something new"
    assert words(None) == ""


def test_a_code_left_in_a_text_becomes_words() -> None:
    assert plain("Consider a physio (knee_to_wall_below_9cm).") == (
        "Consider a physio (an ankle under 9\u00a0cm)."
    )


def test_referral_levels_and_grades_read_as_words() -> None:
    assert referral_words("before_starting") == "needed before starting"
    assert referral_words("later_maybe") == "later maybe"
    assert grade_words("research") == "research evidence"
    assert grade_words("rumour") == ""


def test_sources_are_named_with_their_grade_and_unknown_tags_are_left_out() -> None:
    assert cite(["Powden 2015", "Powden 2015", "seed:999_gone.txt"]) == (
        "Powden 2015, research evidence"
    )
    stored = {"Old 1999": {"label": "Old 1999", "grade": "research"}}
    assert cite(["Old 1999"], stored) == "Old 1999, research evidence"
    assert cite(["Old 1999"], {"Old 1999": {"label": "Old 1999"}}) == "Old 1999"
    assert cite(None) == ""


@pytest.mark.parametrize(
    ("flags", "heading", "who"),
    [
        (["giving_way", "calf_snap"], "Emergency", "urgent care or an emergency department"),
        (["nerve_symptoms"], "Urgent", "a doctor"),
        (["sharp_pain_on_test"], "Before you start", "a physiotherapist or doctor"),
    ],
)
def test_triage_says_the_highest_urgency_first(flags: list[str], heading: str, who: str) -> None:
    triage = triage_of(_report(red_flags=flags))
    assert triage is not None
    assert triage.heading == heading
    assert triage.lines[0].startswith(f"{heading}: ")
    assert who in triage.lines[0]
    assert len(triage.signs) == len(flags)
    assert triage.held
    assert triage.hold.startswith("Your plan waits")


def test_triage_after_clearance_says_what_the_plan_keeps() -> None:
    triage = triage_of(_report(red_flags=["diabetic_foot"]), cleared=True)
    assert triage is not None
    assert not triage.held
    assert triage.hold == ""
    assert "no barefoot advice" in triage.after_clearance[0]
    assert "A professional cleared you" in "\n".join(triage.lines)


def test_a_referral_to_consider_is_a_quiet_triage_and_none_is_no_triage() -> None:
    consider = triage_of(_report(knee_to_wall={"left": 7.0, "right": 11.0}))
    assert consider is not None
    assert consider.heading == "Worth considering"
    assert consider.lines == (
        "Worth considering: See a physiotherapist or doctor alongside the daily work, "
        "because of an ankle under 9\u00a0cm.",
    )
    assert triage_of(_report(knee_to_wall={"left": 11.0, "right": 11.0})) is None


def test_the_sources_page_groups_every_source_and_explains_the_grades() -> None:
    groups = source_groups()
    assert [g.heading for g in groups] == [
        "The method's articles",
        "Clinical guidelines",
        "Studies",
    ]
    text = sources_to_text()
    assert "research evidence: published studies" in text
    assert "seed:" not in text
    every = sources_to_document()["sources"]
    assert sum(len(g.sources) for g in groups) == len(every)
