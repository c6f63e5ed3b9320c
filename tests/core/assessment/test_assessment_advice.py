"""Findings and recommendations: wording rules of SPEC §2 and the advice each input shapes."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.report import Finding, Report
from dorsi.core.codes import Severity
from dorsi.core.evidence import ALL_SOURCES

KNOWN_TAGS = {source.tag for source in ALL_SOURCES}


def run(left: float | None = 11.0, right: float | None = 11.0, **parts: Any) -> Report:
    doc: dict[str, Any] = {"knee_to_wall": {"left": left, "right": right}}
    doc.update(parts)
    return assess(parse_assessment(doc))


def finding(report: Report, code: str) -> Finding:
    matches = [f for f in report.findings if f.code == code]
    assert matches, f"no finding {code!r} in {[f.code for f in report.findings]}"
    return matches[0]


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def rec_codes(report: Report) -> list[str]:
    return [r.code for r in report.recommendations]


FULL = {
    "profile": {
        "height_cm": 180,
        "sports": ["running", "basketball"],
        "desk_job": True,
        "shoe_drop_mm": 10,
        "sprains": {"left": 1},
    },
    "wb_angle_deg": {"left": 30.0, "right": 41.0},
    "goniometer_deg": {"left": {"knee_straight": 3, "knee_bent": 22}},
    "three_position": {"left": {"straight_knee": "ok", "bent_knee": "restricted"}},
    "felt": {"left": "front_pinch", "right": "calf_stretch"},
    "squat_screen": {"heels_rise": True, "better_with_heel_lift": True},
    "knee_pain": {"present": True, "less_with_heel_lift": True},
    "signs": [
        "heels_lift_in_squat",
        "tight_calves",
        "ankle_rolling",
        "morning_heel_pain",
        "knee_pain_on_stairs",
    ],
}


def test_every_finding_and_recommendation_has_text_and_known_sources() -> None:
    report = run(8.0, 12.5, **FULL)
    for item in (*report.findings, *report.recommendations):
        assert item.text.strip()
        assert item.sources
        assert set(item.sources) <= KNOWN_TAGS


def test_asymmetry_is_described_as_asymmetry_never_as_injury_risk() -> None:
    for right in (11.0, 9.3, 8.0):
        text = " ".join(f.text for f in run(11.0, right).findings if "asymmetry" in f.code)
        assert "asymmetry" in text
        assert "risk" not in text.lower()
        assert "injur" not in text.lower()


def test_meaningful_asymmetry_names_the_side_and_adds_extra_work() -> None:
    report = run(12.5, 10.0)
    assert "right side" in finding(report, "asymmetry_meaningful").text
    extra = [r for r in report.recommendations if r.code == "extra_work_restricted_side"]
    assert extra
    assert "right ankle" in extra[0].text


def test_running_text_states_no_risk_multiplier() -> None:
    text = finding(run(8.5, 9.0, profile={"sports": ["running"]}), "running_context").text
    assert not re.search(r"\b(times|triples?|doubles?|fold)\b|\d\s*x\b|×", text.lower())
    assert "injur" in text.lower()


def test_no_finding_anywhere_states_a_risk_multiplier() -> None:
    report = run(8.0, 12.5, **FULL)
    for f in report.findings:
        assert not re.search(r"\b(times|triples?|doubles?)\b|×", f.text.lower()), f.text


def test_the_estimated_angle_is_labelled_as_an_estimate_with_its_range() -> None:
    report = run(12.0, None, profile={"height_cm": 172})
    text = finding(report, "angle_estimate").text
    side = report.sides.left
    assert side is not None
    assert side.angle_estimate is not None
    assert "estimate" in text
    assert f"{side.angle_estimate.low_deg:g}–{side.angle_estimate.high_deg:g}°" in text


def test_the_category_finding_gives_the_percentile_against_healthy_adult_norms() -> None:
    text = finding(run(12.0, None), "adequate").text
    assert "50th percentile" in text
    assert "healthy-adult norms" in text


def test_red_flags_give_an_urgent_finding_and_only_referral_advice() -> None:
    report = run(red_flags=["calf_snap", "recent_trauma"])
    urgent = finding(report, "red_flags")
    assert urgent.severity is Severity.URGENT
    assert "Ottawa ankle rules" in urgent.sources
    assert rec_codes(report) == ["seek_care_today", "do_not_test_into_pain", "confirm_clearance"]


def test_a_side_under_9_cm_recommends_a_physiotherapist() -> None:
    report = run(8.5, 11.0)
    assert finding(report, "knee_to_wall_below_9cm").severity is Severity.WARNING
    assert "see_physiotherapist" in rec_codes(report)


@pytest.mark.parametrize(("left", "lift"), [(9.9, "2 cm"), (11.9, "1 cm"), (12.0, None)])
def test_squat_heel_elevation_steps_down_with_range(left: float, lift: str | None) -> None:
    recs = {r.code: r.text for r in run(left, 13.0).recommendations}
    if lift is None:
        assert "squat_heel_elevation" not in recs
    else:
        assert f"about {lift} under your heels" in recs["squat_heel_elevation"]


def test_each_limiting_factor_gets_targeted_advice() -> None:
    report = run(8.0, 12.5, **FULL)
    for factor in report.limiting_factors:
        assert f"target_{factor.value}" in rec_codes(report)
    assert "joint capsule" in next(
        r.text for r in report.recommendations if r.code == "target_joint_capsule"
    )


def test_signs_each_give_a_finding() -> None:
    found = codes(run(**{"signs": FULL["signs"]}))
    for sign in FULL["signs"]:
        assert sign in found


def test_lifestyle_triggers_shape_the_advice() -> None:
    report = run(**FULL)
    assert {"desk_work", "high_drop_shoes", "sport_overuse", "past_sprains"} <= set(codes(report))
    assert {
        "break_up_sitting",
        "lower_drop_footwear",
        "runner_warm_up",
        "balance_and_lateral_stability",
    } <= set(rec_codes(report))


def test_shoe_drop_under_8_mm_is_not_called_high() -> None:
    report = run(profile={"shoe_drop_mm": 7.9})
    assert "high_drop_shoes" not in codes(report)
    assert "lower_drop_footwear" not in rec_codes(report)


def test_excellent_ankles_are_told_to_maintain() -> None:
    assert rec_codes(run(14.0, 15.0))[0] == "maintain_range"
    assert rec_codes(run(11.0, 15.0))[0] == "daily_mobility"


def test_knee_pain_findings_say_whether_it_is_linked() -> None:
    linked = run(knee_pain={"present": True, "less_with_heel_lift": True})
    assert "knee_pain_linked_to_ankle" in codes(linked)
    unlinked = run(knee_pain={"present": True, "less_with_heel_lift": False})
    assert "knee_pain_not_linked" in codes(unlinked)


def test_hips_and_thoracic_finding_and_advice_when_ankles_are_good() -> None:
    report = run(13.0, 13.5, squat_screen={"torso_forward": True})
    assert "check_hips_and_thoracic" in codes(report)
    assert "check_hips_and_thoracic" in rec_codes(report)


def test_measurement_error_is_always_explained() -> None:
    text = finding(run(), "measurement_error").text
    assert "1.5 cm" in text
    assert "4.5°" in text


def test_a_front_pinch_is_rechecked_after_six_weeks_because_a_bony_block_needs_a_professional() -> (
    None
):
    recs = {r.code: r.text for r in run(felt={"right": "front_pinch"}).recommendations}
    assert "6 weeks" in recs["recheck_front_pinch"]
    assert "recheck_front_pinch" not in rec_codes(run(felt={"right": "calf_stretch"}))
