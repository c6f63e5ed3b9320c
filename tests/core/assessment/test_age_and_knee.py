"""Age and the knee (SPEC §2.8): adult norms under 18, growing athletes' pain, balance at 60+,
and knee text that never rules out a knee problem."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.core.assessment.document import report_to_document
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.report import Report
from dorsi.core.codes import ReferralLevel


def run(left: float = 11.0, right: float = 11.0, **parts: Any) -> Report:
    doc: dict[str, Any] = {"knee_to_wall": {"left": left, "right": right}}
    doc.update(parts)
    return assess(parse_assessment(doc))


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def text_of(report: Report, code: str) -> str:
    return next(f.text for f in report.findings if f.code == code)


def test_under_18_the_norms_are_labelled_as_adult_norms() -> None:
    young = run(profile={"age": 16})
    assert "adult norms" in text_of(young, "adult_norms")
    assert "healthy-adult norms" in text_of(young, "adequate")
    assert report_to_document(young)["percentile_basis"].startswith("healthy-adult norms")
    assert "adult_norms" not in codes(run(profile={"age": 18}))
    assert "adult_norms" not in codes(run())


@pytest.mark.parametrize(
    "parts",
    [
        {"signs": ["knee_pain_on_stairs"]},
        {"signs": ["morning_heel_pain"]},
        {"knee_pain": {"present": True, "less_with_heel_lift": True}},
    ],
)
def test_a_16_year_old_with_knee_or_heel_pain_is_referred_for_adolescent_pain(
    parts: dict[str, Any],
) -> None:
    report = run(profile={"age": 16}, **parts)
    assert report.referral.level is ReferralLevel.CONSIDER
    assert report.referral.reasons == ("adolescent_pain",)
    growth = text_of(report, "adolescent_pain")
    assert "Osgood-Schlatter" in growth
    assert "Sever" in growth
    assert "see_professional_growing" in [r.code for r in report.recommendations]


def test_adolescent_pain_joins_the_under_9_cm_reason() -> None:
    report = run(8.0, 11.0, profile={"age": 15}, signs=["knee_pain_on_stairs"])
    assert report.referral.reasons == ("knee_to_wall_below_9cm", "adolescent_pain")


def test_adults_with_the_same_pain_get_no_adolescent_referral() -> None:
    for parts in ({"profile": {"age": 18}}, {}):
        report = run(signs=["knee_pain_on_stairs", "morning_heel_pain"], **parts)
        assert report.referral.level is ReferralLevel.NONE
        assert "adolescent_pain" not in codes(report)


def test_a_teenager_without_pain_is_not_referred() -> None:
    assert run(profile={"age": 14}).referral.level is ReferralLevel.NONE


def test_from_60_the_report_says_balance_work_comes_from_week_1() -> None:
    report = run(profile={"age": 65})
    assert "week 1" in text_of(report, "balance_from_week_1")
    balance = next(r for r in report.recommendations if r.code == "balance_and_lateral_stability")
    assert "from the first week" in balance.text
    assert "Sherrington 2019" in balance.sources
    assert "balance_from_week_1" not in codes(run(profile={"age": 59}))


def test_court_sports_without_sprains_get_balance_after_the_first_weeks() -> None:
    report = run(profile={"age": 30, "sports": ["basketball"]})
    balance = next(r for r in report.recommendations if r.code == "balance_and_lateral_stability")
    assert "from week 5" in balance.text


def test_sprains_or_rolling_bring_balance_to_week_1() -> None:
    for parts in ({"profile": {"sprains": {"right": 1}}}, {"signs": ["ankle_rolling"]}):
        recs = {r.code: r.text for r in run(**parts).recommendations}
        assert "from the first week" in recs["balance_and_lateral_stability"]


@pytest.mark.parametrize(
    "parts",
    [
        {"knee_pain": {"present": True, "less_with_heel_lift": True}},
        {"knee_pain": {"present": True, "less_with_heel_lift": False}},
        {"signs": ["knee_pain_on_stairs"]},
    ],
)
def test_knee_text_never_rules_out_a_knee_problem(parts: dict[str, Any]) -> None:
    report = run(**parts)
    knee_texts = [f.text for f in report.findings if "knee" in f.code]
    assert knee_texts
    for text in knee_texts:
        assert "keeps hurting" in text
        assert "checked" in text


def test_knee_pain_linked_to_the_ankle_is_not_called_all_of_it() -> None:
    report = run(knee_pain={"present": True, "less_with_heel_lift": True})
    text = text_of(report, "knee_pain_linked_to_ankle")
    assert "not necessarily all of it" in text
