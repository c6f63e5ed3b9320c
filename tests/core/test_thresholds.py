"""The thresholds of SPEC §1–§2 as data: every edge of every table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dorsi.core.codes import AngleFlag, AsymmetryLevel, Category, Variant
from dorsi.core.evidence import ALL_SOURCES
from dorsi.core.thresholds import (
    ASYMMETRY,
    BANDS,
    BELOW_LUNGE_NORM,
    GONIOMETER,
    JUMP_SPORT_THRESHOLD,
    LUNGE_NORM,
    MEASUREMENT_ERROR,
    STANDING_NORM,
    WEIGHTLIFTING_TARGET,
    category_for,
    heel_lift_cm,
    is_ample,
    is_restricted,
)
from dorsi.core.units import CM_PER_IN

S = Variant.STANDING
H = Variant.HALF_KNEELING


@pytest.mark.parametrize(
    ("distance_cm", "expected"),
    [
        (0.0, Category.SIGNIFICANT_RESTRICTION),
        (8.99, Category.SIGNIFICANT_RESTRICTION),
        (9.0, Category.MODERATE_RESTRICTION),
        (9.99, Category.MODERATE_RESTRICTION),
        (10.0, Category.ADEQUATE),
        (13.0, Category.ADEQUATE),
        (13.01, Category.EXCELLENT),
        (25.0, Category.EXCELLENT),
    ],
)
def test_standing_category_edges_follow_the_spec_table(
    distance_cm: float, expected: Category
) -> None:
    assert category_for(distance_cm, S) is expected


def test_a_hair_under_nine_after_float_noise_still_counts_as_nine() -> None:
    assert category_for(8.999999999, S) is Category.MODERATE_RESTRICTION
    assert category_for(13.000000001, S) is Category.ADEQUATE


@pytest.mark.parametrize(
    ("inches", "expected"),
    [
        (3.99, Category.POOR),
        (4.0, Category.NORMAL),
        (4.5, Category.NORMAL),
        (5.0, Category.NORMAL),
        (5.01, Category.EXCELLENT),
    ],
)
def test_half_kneeling_uses_its_own_inch_scale(inches: float, expected: Category) -> None:
    assert category_for(inches * CM_PER_IN, H) is expected


def test_half_kneeling_never_returns_standing_restriction_codes() -> None:
    codes = {category_for(d / 10, H) for d in range(0, 251)}
    assert codes == {Category.POOR, Category.NORMAL, Category.EXCELLENT}


def test_every_band_carries_a_source_from_the_evidence_table() -> None:
    for bands in BANDS.values():
        for band in bands:
            assert band.source in ALL_SOURCES


@pytest.mark.parametrize(
    ("distance_cm", "expected"),
    [(12.0, 50.0), (14.8, 84.1), (9.2, 15.9), (6.4, 2.3), (25.0, 100.0), (0.0, 0.0)],
)
def test_percentile_follows_the_healthy_adult_normal_curve(
    distance_cm: float, expected: float
) -> None:
    assert STANDING_NORM.percentile(distance_cm) == expected


def test_percentile_is_labelled_as_healthy_adult_norms() -> None:
    assert "healthy-adult" in STANDING_NORM.label
    assert STANDING_NORM.source.tag == "Hoch & McKeon 2011"
    assert (STANDING_NORM.mean_cm, STANDING_NORM.sd_cm) == (12.0, 2.8)


@pytest.mark.parametrize(
    ("difference_cm", "expected"),
    [
        (0.0, AsymmetryLevel.NONE),
        (1.49, AsymmetryLevel.NONE),
        (1.5, AsymmetryLevel.BORDERLINE),
        (2.0, AsymmetryLevel.BORDERLINE),
        (2.01, AsymmetryLevel.MEANINGFUL),
    ],
)
def test_asymmetry_levels_in_cm(difference_cm: float, expected: AsymmetryLevel) -> None:
    assert ASYMMETRY.level_cm(difference_cm) is expected


def test_asymmetry_difference_is_rounded_so_float_noise_does_not_hide_borderline() -> None:
    assert 2.8 - 1.3 < 1.5  # the reason rounding is needed
    assert 4.4 - 2.4 > 2.0
    assert ASYMMETRY.level_cm(2.8 - 1.3) is AsymmetryLevel.BORDERLINE
    assert ASYMMETRY.level_cm(10.7 - 9.2) is AsymmetryLevel.BORDERLINE
    assert ASYMMETRY.level_cm(4.4 - 2.4) is AsymmetryLevel.BORDERLINE


@pytest.mark.parametrize(
    ("difference_deg", "expected"),
    [
        (4.9, AsymmetryLevel.NONE),
        (5.0, AsymmetryLevel.MEANINGFUL),
        (12.0, AsymmetryLevel.MEANINGFUL),
    ],
)
def test_angle_asymmetry_is_meaningful_from_five_degrees(
    difference_deg: float, expected: AsymmetryLevel
) -> None:
    assert ASYMMETRY.level_deg(difference_deg) is expected


def test_measurement_error_is_one_and_a_half_cm_and_four_and_a_half_degrees() -> None:
    assert MEASUREMENT_ERROR.real_distance_change(1.5)
    assert MEASUREMENT_ERROR.real_distance_change(-1.5)
    assert not MEASUREMENT_ERROR.real_distance_change(1.49)
    assert MEASUREMENT_ERROR.real_distance_change(11.2 - 9.7)
    assert MEASUREMENT_ERROR.real_angle_change(4.5)
    assert not MEASUREMENT_ERROR.real_angle_change(4.4)
    tags = {source.tag for source in MEASUREMENT_ERROR.sources}
    assert tags == {"Powden 2015", "Konor 2012", "Chisholm 2012"}


def test_lunge_norm_is_about_39_degrees_from_baumbach() -> None:
    assert (LUNGE_NORM.typical_deg, LUNGE_NORM.low_deg, LUNGE_NORM.high_deg) == (39.0, 36.0, 42.0)
    assert BELOW_LUNGE_NORM.holds(35.9)
    assert not BELOW_LUNGE_NORM.holds(36.0)


def test_jump_sport_threshold_is_36_5_degrees() -> None:
    assert JUMP_SPORT_THRESHOLD.flag is AngleFlag.BELOW_JUMP_SPORT_THRESHOLD
    assert JUMP_SPORT_THRESHOLD.holds(36.4)
    assert not JUMP_SPORT_THRESHOLD.holds(36.5)
    assert JUMP_SPORT_THRESHOLD.source.tag == "Backman & Danielson 2011"


def test_weightlifting_target_starts_at_40_degrees() -> None:
    assert WEIGHTLIFTING_TARGET.holds(39.9)
    assert not WEIGHTLIFTING_TARGET.holds(40.0)


@pytest.mark.parametrize(
    ("knee_bent_deg", "expected"),
    [
        (19.9, AngleFlag.KNEE_BENT_RESTRICTED),
        (20.0, AngleFlag.KNEE_BENT_NORMAL),
        (30.0, AngleFlag.KNEE_BENT_NORMAL),
        (30.1, AngleFlag.KNEE_BENT_ABOVE_AVERAGE),
    ],
)
def test_knee_bent_goniometer_scale(knee_bent_deg: float, expected: AngleFlag) -> None:
    assert GONIOMETER.knee_bent_flag(knee_bent_deg) is expected


def test_goniometer_rules_cite_digiovanni_and_barouk() -> None:
    assert GONIOMETER.knee_straight_tight_below_deg == 5.0
    assert GONIOMETER.straight_source.tag == "DiGiovanni 2002"
    assert GONIOMETER.bent_minus_straight_above_deg == 13.0
    assert GONIOMETER.gap_source.tag == "Barouk 2014"


def test_restricted_and_ample_lines_of_the_standing_test() -> None:
    assert is_restricted(9.99, S)
    assert not is_restricted(10.0, S)
    assert not is_ample(12.0, S)
    assert is_ample(12.01, S)


def test_half_kneeling_lines_follow_its_own_scale() -> None:
    assert is_restricted(3.9 * CM_PER_IN, H)
    assert not is_restricted(4.0 * CM_PER_IN, H)
    assert not is_ample(5.0 * CM_PER_IN, H)
    assert is_ample(5.1 * CM_PER_IN, H)


@pytest.mark.parametrize(
    ("distances", "expected"),
    [([9.9, 14.0], 2.0), ([10.0, 11.99], 1.0), ([12.0, 13.0], 0.0), ([12.5], 0.0)],
)
def test_squat_heel_lift_steps_down_from_two_cm_to_flat(
    distances: list[float], expected: float
) -> None:
    assert heel_lift_cm(distances, S) == expected


distances_cm = st.floats(min_value=0.0, max_value=25.0, allow_nan=False)


@given(a=distances_cm, b=distances_cm, variant=st.sampled_from(list(Variant)))
def test_category_never_gets_worse_as_distance_grows(a: float, b: float, variant: Variant) -> None:
    order = [band.code for band in BANDS[variant]]
    low, high = sorted((a, b))
    assert order.index(category_for(low, variant)) <= order.index(category_for(high, variant))


@given(distance=distances_cm)
def test_percentile_stays_within_zero_and_hundred(distance: float) -> None:
    assert 0.0 <= STANDING_NORM.percentile(distance) <= 100.0
