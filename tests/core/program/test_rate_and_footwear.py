"""The plan's expected pace is the research figure, and footwear advice never crashes."""

from __future__ import annotations

from dorsi.core.assessment.inputs import Profile
from dorsi.core.program.rules import expected_rate, footwear
from dorsi.core.thresholds import RESEARCH_RATE_HIGH_CM_PER_WEEK, RESEARCH_RATE_LOW_CM_PER_WEEK


def test_expected_rate_uses_the_research_pace_not_the_claim() -> None:
    rate = expected_rate(Profile(age=30))
    assert RESEARCH_RATE_LOW_CM_PER_WEEK <= rate.cm_per_week <= RESEARCH_RATE_HIGH_CM_PER_WEEK
    assert rate.high_cm_per_week <= RESEARCH_RATE_HIGH_CM_PER_WEEK
    assert "0.5 cm per week" not in rate.text


def test_expected_rate_is_slower_over_40() -> None:
    assert expected_rate(Profile(age=45)).cm_per_week < expected_rate(Profile(age=30)).cm_per_week


def test_footwear_for_a_desk_worker_without_a_shoe_drop_does_not_crash() -> None:
    shoes = footwear(Profile(desk_job=True, shoe_drop_mm=None))
    assert shoes.reasons == ("desk_job",)
    assert "sit for much of the day" in shoes.text


def test_footwear_without_barefoot_advice_after_a_diabetic_foot() -> None:
    assert "barefoot" in footwear(Profile()).text
    assert "barefoot" not in footwear(Profile(), barefoot_advice=False).text
