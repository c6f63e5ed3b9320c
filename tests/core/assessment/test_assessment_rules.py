"""assess(): limiting factors (§2.4), squat and knee screens (§2.5), referral (§2.7)."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.report import Report
from dorsi.core.codes import LimitingFactor, RedFlag, ReferralLevel, Side

GASTROC = LimitingFactor.GASTROCNEMIUS
SOLEUS = LimitingFactor.SOLEUS
CALF = LimitingFactor.CALF_SOFT_TISSUE
CAPSULE = LimitingFactor.JOINT_CAPSULE
MOTOR = LimitingFactor.MOTOR_CONTROL


def run(
    left: float | None = 11.0,
    right: float | None = 11.0,
    *,
    variant: str = "standing",
    unit: str = "cm",
    **parts: Any,
) -> Report:
    doc: dict[str, Any] = {
        "knee_to_wall": {"variant": variant, "unit": unit, "left": left, "right": right},
    }
    doc.update(parts)
    return assess(parse_assessment(doc))


def left_factors(report: Report) -> tuple[LimitingFactor, ...]:
    result = report.side(Side.LEFT)
    assert result is not None
    return result.limiting_factors


# --- §2.4 limiting factors ---------------------------------------------------------------


def test_calf_stretch_felt_in_the_test_points_to_calf_soft_tissue() -> None:
    assert left_factors(run(felt={"left": "calf_stretch"})) == (CALF,)


def test_front_pinch_points_to_joint_capsule() -> None:
    assert left_factors(run(felt={"left": "front_pinch"})) == (CAPSULE,)


def test_feeling_nothing_names_no_factor() -> None:
    assert left_factors(run(felt={"left": "nothing"})) == ()


@pytest.mark.parametrize(
    ("straight", "bent", "squat", "expected"),
    [
        ("restricted", "restricted", "restricted", (CAPSULE,)),
        ("restricted", "ok", "ok", (GASTROC,)),
        ("restricted", "ok", "restricted", (GASTROC,)),
        ("ok", "restricted", "ok", (SOLEUS,)),
        ("ok", "restricted", "restricted", (SOLEUS,)),
        ("ok", "ok", "restricted", (MOTOR,)),
        ("ok", "ok", "ok", ()),
        ("restricted", "restricted", "ok", ()),
    ],
)
def test_three_position_patterns(
    straight: str, bent: str, squat: str, expected: tuple[LimitingFactor, ...]
) -> None:
    tp = {"left": {"straight_knee": straight, "bent_knee": bent, "deep_squat": squat}}
    assert left_factors(run(three_position=tp)) == expected


def test_a_sprained_ankle_under_10_cm_points_to_joint_capsule() -> None:
    report = run(9.9, 12.0, profile={"sprains": {"left": 1}})
    assert left_factors(report) == (CAPSULE,)


def test_a_sprained_ankle_at_10_cm_or_more_is_not_blamed_on_the_capsule() -> None:
    assert left_factors(run(10.0, 12.0, profile={"sprains": {"left": 3}})) == ()


def test_a_sprain_on_the_other_side_does_not_count() -> None:
    assert left_factors(run(9.0, 9.0, profile={"sprains": {"right": 2}})) == ()


def test_goniometer_under_5_degrees_knee_straight_points_to_gastrocnemius() -> None:
    report = run(goniometer_deg={"left": {"knee_straight": 4.0}})
    assert left_factors(report) == (GASTROC,)


def test_goniometer_bent_minus_straight_over_13_points_to_gastrocnemius() -> None:
    assert left_factors(run(goniometer_deg={"left": {"knee_straight": 8, "knee_bent": 21.5}})) == (
        GASTROC,
    )
    assert left_factors(run(goniometer_deg={"left": {"knee_straight": 8, "knee_bent": 21}})) == ()


def test_good_knee_bent_goniometer_but_short_knee_to_wall_points_to_joint_capsule() -> None:
    gonio = {"left": {"knee_straight": 15.0, "knee_bent": 20.0}}
    assert left_factors(run(9.5, 12.0, goniometer_deg=gonio)) == (CAPSULE,)
    assert left_factors(run(10.0, 12.0, goniometer_deg=gonio)) == ()
    low = {"left": {"knee_straight": 15.0, "knee_bent": 19.9}}
    assert left_factors(run(9.5, 12.0, goniometer_deg=low)) == ()


def test_several_factors_hold_together_each_once_with_every_reason() -> None:
    report = run(
        8.0,
        12.0,
        felt={"left": "front_pinch"},
        profile={"sprains": {"left": 1}},
        three_position={"left": {"straight_knee": "restricted", "bent_knee": "ok"}},
    )
    result = report.side(Side.LEFT)
    assert result is not None
    assert result.limiting_factors == (GASTROC, CAPSULE)
    capsule = result.limitations[1]
    assert "pinch" in capsule.reason
    assert "sprain" in capsule.reason
    assert set(capsule.sources) == {
        "seed:002_26b6f1223667f3ec.txt",
        "seed:000_dce03341e02d3671.txt",
        "seed:001_f97393740356f86d.txt",
    }


def test_half_kneeling_uses_its_poor_line_for_the_sprain_rule() -> None:
    poor = run(3.9, 4.5, unit="in", variant="half_kneeling", profile={"sprains": {"left": 1}})
    assert left_factors(poor) == (CAPSULE,)
    normal = run(4.0, 4.5, unit="in", variant="half_kneeling", profile={"sprains": {"left": 1}})
    assert left_factors(normal) == ()


# --- §2.5 squat and knee screens ---------------------------------------------------------


def test_without_a_squat_screen_both_squat_answers_are_false_and_no_squat_finding() -> None:
    report = run()
    assert report.ankle_limits_squat is False
    assert report.check_hips_and_thoracic is False
    assert not any(
        finding.code.startswith("ankle_limits_squat") or "squat" in finding.code
        for finding in report.findings
    )


def test_better_with_heel_lift_means_the_ankle_limits_the_squat() -> None:
    assert run(14.0, 14.0, squat_screen={"better_with_heel_lift": True}).ankle_limits_squat is True


def test_heels_rising_with_a_side_under_10_cm_means_the_ankle_limits_the_squat() -> None:
    assert run(9.9, 14.0, squat_screen={"heels_rise": True}).ankle_limits_squat is True
    assert run(10.0, 14.0, squat_screen={"heels_rise": True}).ankle_limits_squat is False


def test_heels_rising_alone_with_good_ankles_does_not_blame_the_ankle() -> None:
    report = run(12.5, 12.5, squat_screen={"heels_rise": True, "better_with_heel_lift": False})
    assert report.ankle_limits_squat is False


@pytest.mark.parametrize(
    "fault",
    [
        {"heels_rise": True},
        {"torso_forward": True},
        {"knees_cave": True},
        {"reaches_parallel": False},
    ],
)
def test_good_ankles_and_a_faulty_squat_point_to_hips_and_thoracic(fault: dict[str, bool]) -> None:
    assert run(12.01, 13.0, squat_screen=fault).check_hips_and_thoracic is True


def test_hips_and_thoracic_need_both_sides_over_12_cm() -> None:
    fault = {"torso_forward": True}
    assert run(12.0, 13.0, squat_screen=fault).check_hips_and_thoracic is False
    assert run(None, 13.0, squat_screen=fault).check_hips_and_thoracic is False


def test_a_clean_squat_does_not_point_to_hips_and_thoracic() -> None:
    clean = {
        "heels_rise": False,
        "torso_forward": False,
        "knees_cave": False,
        "reaches_parallel": True,
        "better_with_heel_lift": False,
    }
    report = run(14.0, 14.0, squat_screen=clean)
    assert report.check_hips_and_thoracic is False
    assert report.ankle_limits_squat is False


@pytest.mark.parametrize(
    ("knee_pain", "expected"),
    [
        (None, False),
        ({"present": True, "less_with_heel_lift": True}, True),
        ({"present": True, "less_with_heel_lift": False}, False),
        ({"present": True}, False),
        ({"present": False, "less_with_heel_lift": True}, False),
    ],
)
def test_knee_pain_linked_to_ankle_when_heel_lift_eases_it(
    knee_pain: dict[str, bool] | None, expected: bool
) -> None:
    parts = {} if knee_pain is None else {"knee_pain": knee_pain}
    assert run(**parts).knee_pain_linked_to_ankle is expected


# --- §2.7 referral -----------------------------------------------------------------------


@pytest.mark.parametrize("flag", list(RedFlag))
def test_every_red_flag_requires_a_professional_before_starting(flag: RedFlag) -> None:
    referral = run(red_flags=[flag.value]).referral
    assert referral.level is ReferralLevel.BEFORE_STARTING
    assert referral.reasons == (flag.value,)


def test_red_flag_reasons_are_listed_in_vocabulary_order() -> None:
    referral = run(red_flags=["sharp_pain_on_test", "giving_way", "calf_snap"]).referral
    assert referral.reasons == ("giving_way", "calf_snap", "sharp_pain_on_test")


def test_red_flags_outrank_a_short_distance() -> None:
    referral = run(7.0, 12.0, red_flags=["night_pain"]).referral
    assert referral.level is ReferralLevel.BEFORE_STARTING
    assert referral.reasons == ("night_pain",)


def test_a_standing_side_under_9_cm_suggests_a_physiotherapist() -> None:
    referral = run(12.0, 8.99).referral
    assert referral.level is ReferralLevel.CONSIDER
    assert referral.reasons == ("knee_to_wall_below_9cm",)


def test_nine_cm_exactly_needs_no_referral() -> None:
    referral = run(9.0, 12.0).referral
    assert referral.level is ReferralLevel.NONE
    assert referral.reasons == ()


def test_half_kneeling_distances_never_trigger_the_9_cm_referral() -> None:
    assert run(3.0, 3.0, unit="in", variant="half_kneeling").referral.level is ReferralLevel.NONE
