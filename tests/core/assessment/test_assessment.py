"""assess(): every rule of SPEC §2, each asserted by value."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.report import Report, SideReport
from dorsi.core.codes import (
    AngleFlag,
    AsymmetryLevel,
    Category,
    Side,
)


def run(
    left: float | None = 11.0,
    right: float | None = 11.0,
    *,
    unit: str = "cm",
    variant: str = "standing",
    **parts: Any,
) -> Report:
    doc: dict[str, Any] = {
        "schema": "dorsi.assessment/v1",
        "knee_to_wall": {"variant": variant, "unit": unit, "left": left, "right": right},
    }
    doc.update(parts)
    return assess(parse_assessment(doc))


def left_of(report: Report) -> SideReport:
    result = report.side(Side.LEFT)
    assert result is not None
    return result


# --- §2.1 categories and percentile ------------------------------------------------------


def test_each_side_is_categorised_from_its_own_distance() -> None:
    report = run(8.5, 13.5)
    assert left_of(report).category is Category.SIGNIFICANT_RESTRICTION
    right = report.side(Side.RIGHT)
    assert right is not None
    assert right.category is Category.EXCELLENT


@pytest.mark.parametrize(
    ("distance", "expected"),
    [
        (8.99, Category.SIGNIFICANT_RESTRICTION),
        (9.0, Category.MODERATE_RESTRICTION),
        (9.99, Category.MODERATE_RESTRICTION),
        (10.0, Category.ADEQUATE),
        (13.0, Category.ADEQUATE),
        (13.01, Category.EXCELLENT),
    ],
)
def test_standing_category_boundaries_in_a_full_report(distance: float, expected: Category) -> None:
    assert left_of(run(distance, None)).category is expected


def test_a_side_not_measured_is_null_and_there_is_no_asymmetry() -> None:
    report = run(None, 10.5)
    assert report.side(Side.LEFT) is None
    assert report.asymmetry is None


@pytest.mark.parametrize(
    ("inches", "expected"),
    [
        (3.54, Category.SIGNIFICANT_RESTRICTION),
        (3.55, Category.MODERATE_RESTRICTION),
        (4.0, Category.ADEQUATE),
        (5.13, Category.EXCELLENT),
    ],
)
def test_inch_input_is_converted_to_cm_before_it_is_categorised(
    inches: float, expected: Category
) -> None:
    result = left_of(run(inches, None, unit="in"))
    assert result.knee_to_wall_cm == pytest.approx(inches * 2.54)
    assert result.category is expected


def test_category_agrees_with_the_distance_shown_to_two_decimals() -> None:
    # 5.12 in is 13.0048 cm, shown as 13.0 cm: it stays on the inclusive 13.0 line.
    assert left_of(run(5.12, None, unit="in")).category is Category.ADEQUATE


def test_percentile_comes_from_healthy_adult_norms_with_one_decimal() -> None:
    assert left_of(run(12.0, None)).percentile == 50.0
    assert left_of(run(9.2, None)).percentile == 15.9


def test_half_kneeling_uses_its_own_scale_without_percentile_or_angle_estimate() -> None:
    report = run(3.9, 4.5, unit="in", variant="half_kneeling")
    left = left_of(report)
    assert left.category is Category.POOR
    assert left.percentile is None
    assert left.angle_estimate is None
    right = report.side(Side.RIGHT)
    assert right is not None
    assert right.category is Category.NORMAL


def test_half_kneeling_excellent_above_five_inches() -> None:
    assert (
        left_of(run(5.2, None, unit="in", variant="half_kneeling")).category is Category.EXCELLENT
    )


def test_standing_sides_carry_an_angle_estimate_from_height() -> None:
    estimate = left_of(run(12.0, None, profile={"height_cm": 172})).angle_estimate
    assert estimate is not None
    assert 38.0 <= estimate.value_deg <= 42.0


# --- §2.2 asymmetry ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "level", "side"),
    [
        (11.0, 9.51, AsymmetryLevel.NONE, None),
        (11.0, 9.5, AsymmetryLevel.BORDERLINE, Side.RIGHT),
        (12.0, 10.0, AsymmetryLevel.BORDERLINE, Side.RIGHT),
        (9.99, 12.0, AsymmetryLevel.MEANINGFUL, Side.LEFT),
        (10.7, 9.2, AsymmetryLevel.BORDERLINE, Side.RIGHT),
        (11.0, 11.0, AsymmetryLevel.NONE, None),
    ],
)
def test_asymmetry_level_and_more_restricted_side(
    left: float, right: float, level: AsymmetryLevel, side: Side | None
) -> None:
    asym = run(left, right).asymmetry
    assert asym is not None
    assert asym.level is level
    assert asym.more_restricted_side is side
    assert asym.difference_cm == round(abs(left - right), 2)


def test_asymmetry_of_1_49_cm_is_none() -> None:
    asym = run(11.49, 10.0).asymmetry
    assert asym is not None
    assert asym.level is AsymmetryLevel.NONE


def test_asymmetry_just_over_two_cm_is_meaningful() -> None:
    asym = run(12.01, 10.0).asymmetry
    assert asym is not None
    assert asym.level is AsymmetryLevel.MEANINGFUL


@pytest.mark.parametrize(
    ("angles", "difference", "level"),
    [((40.0, 35.0), 5.0, AsymmetryLevel.MEANINGFUL), ((40.0, 35.1), 4.9, AsymmetryLevel.NONE)],
)
def test_angle_asymmetry_uses_the_measured_lunge_angles(
    angles: tuple[float, float], difference: float, level: AsymmetryLevel
) -> None:
    asym = run(wb_angle_deg={"left": angles[0], "right": angles[1]}).asymmetry
    assert asym is not None
    assert asym.angle_difference_deg == difference
    assert asym.angle_level is level


def test_angle_asymmetry_is_null_unless_both_angles_are_measured() -> None:
    asym = run(wb_angle_deg={"left": 40.0}).asymmetry
    assert asym is not None
    assert asym.angle_difference_deg is None
    assert asym.angle_level is None


# --- §2.3 angle flags --------------------------------------------------------------------


@pytest.mark.parametrize("sport", ["basketball", "volleyball"])
def test_jump_sports_below_36_5_degrees_are_flagged(sport: str) -> None:
    flagged = run(profile={"sports": [sport]}, wb_angle_deg={"left": 36.4})
    assert AngleFlag.BELOW_JUMP_SPORT_THRESHOLD in left_of(flagged).angle_flags
    clear = run(profile={"sports": [sport]}, wb_angle_deg={"left": 36.5})
    assert AngleFlag.BELOW_JUMP_SPORT_THRESHOLD not in left_of(clear).angle_flags


@pytest.mark.parametrize("sport", ["soccer", "running", "general"])
def test_the_jump_sport_flag_is_not_raised_for_other_sports(sport: str) -> None:
    report = run(profile={"sports": [sport]}, wb_angle_deg={"left": 30.0})
    assert AngleFlag.BELOW_JUMP_SPORT_THRESHOLD not in left_of(report).angle_flags


def test_without_a_measured_angle_the_flags_use_the_estimate() -> None:
    report = run(9.0, None, profile={"sports": ["basketball"], "height_cm": 172})
    assert left_of(report).wb_angle_deg is None
    assert AngleFlag.BELOW_JUMP_SPORT_THRESHOLD in left_of(report).angle_flags


def test_a_measured_angle_wins_over_the_estimate() -> None:
    report = run(9.0, None, profile={"sports": ["basketball"]}, wb_angle_deg={"left": 41.0})
    assert AngleFlag.BELOW_JUMP_SPORT_THRESHOLD not in left_of(report).angle_flags
    assert AngleFlag.BELOW_LUNGE_NORM not in left_of(report).angle_flags


def test_below_lunge_norm_applies_to_everyone_under_36_degrees() -> None:
    assert left_of(run(wb_angle_deg={"left": 35.9})).angle_flags == (AngleFlag.BELOW_LUNGE_NORM,)
    assert left_of(run(wb_angle_deg={"left": 36.0})).angle_flags == ()


def test_weightlifters_are_flagged_below_the_40_degree_target() -> None:
    lifter = {"sports": ["weightlifting"]}
    assert (
        AngleFlag.BELOW_WEIGHTLIFTING_TARGET
        in left_of(run(profile=lifter, wb_angle_deg={"left": 39.9})).angle_flags
    )
    assert (
        AngleFlag.BELOW_WEIGHTLIFTING_TARGET
        not in left_of(run(profile=lifter, wb_angle_deg={"left": 40.0})).angle_flags
    )
    assert (
        AngleFlag.BELOW_WEIGHTLIFTING_TARGET
        not in left_of(run(wb_angle_deg={"left": 39.9})).angle_flags
    )


def test_half_kneeling_without_a_measured_angle_has_no_lunge_angle_flags() -> None:
    report = run(2.0, None, unit="in", variant="half_kneeling", profile={"sports": ["basketball"]})
    assert left_of(report).angle_flags == ()


@pytest.mark.parametrize(
    ("straight", "bent", "expected"),
    [
        (4.9, 15.0, {AngleFlag.GASTROCNEMIUS_TIGHTNESS_LIKELY, AngleFlag.KNEE_BENT_RESTRICTED}),
        (5.0, 15.0, {AngleFlag.KNEE_BENT_RESTRICTED}),
        (10.0, 23.1, {AngleFlag.GASTROCNEMIUS_DOMINANT, AngleFlag.KNEE_BENT_NORMAL}),
        (10.0, 23.0, {AngleFlag.KNEE_BENT_NORMAL}),
        (25.0, 31.0, {AngleFlag.KNEE_BENT_ABOVE_AVERAGE}),
    ],
)
def test_goniometer_flags(straight: float, bent: float, expected: set[AngleFlag]) -> None:
    report = run(
        12.0, None, goniometer_deg={"left": {"knee_straight": straight, "knee_bent": bent}}
    )
    assert set(left_of(report).angle_flags) == expected
