"""Distance -> tibia angle: a geometric estimate with its uncertainty (SPEC §1)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dorsi.core.assessment.angles import GEOMETRY, estimate_tibia_angle
from dorsi.core.errors import ValidationError


def test_typical_adult_at_the_population_mean_lands_near_the_baumbach_norm() -> None:
    estimate = estimate_tibia_angle(12.0, height_cm=172.0)
    assert 38.0 <= estimate.value_deg <= 42.0
    assert estimate.low_deg < 39.0 < estimate.high_deg


def test_nine_cm_is_about_33_to_36_degrees_for_a_typical_adult() -> None:
    assert 33.0 <= estimate_tibia_angle(9.0, height_cm=172.0).value_deg <= 36.0


def test_value_matches_the_documented_geometry() -> None:
    height = 172.0
    shank = GEOMETRY.shank_per_height.value * height
    ankle_to_toe = GEOMETRY.ankle_to_toe_per_foot.value * GEOMETRY.foot_per_height.value * height
    knee_half_depth = GEOMETRY.knee_half_depth_per_height.value * height
    expected = math.degrees(math.asin((12.0 + ankle_to_toe - knee_half_depth) / shank))
    assert estimate_tibia_angle(12.0, height_cm=height).value_deg == round(expected, 1)


def test_no_fixed_degrees_per_cm_factor_the_slope_changes_along_the_distance() -> None:
    def slope(d: float) -> float:
        return (
            estimate_tibia_angle(d + 1, height_cm=172).value_deg
            - estimate_tibia_angle(d, height_cm=172).value_deg
        )

    assert slope(3.0) < slope(18.0)
    assert abs(slope(12.0) - 3.6) > 1.0  # the common 3.6°/cm is not used


def test_the_same_distance_means_a_smaller_angle_for_a_taller_person() -> None:
    short = estimate_tibia_angle(12.0, height_cm=155.0)
    tall = estimate_tibia_angle(12.0, height_cm=195.0)
    assert short.value_deg > tall.value_deg + 2.0


def test_unknown_height_uses_a_default_adult_with_a_wider_range() -> None:
    unknown = estimate_tibia_angle(12.0)
    known = estimate_tibia_angle(12.0, height_cm=GEOMETRY.default_height_cm)
    assert unknown.value_deg == known.value_deg
    assert unknown.high_deg - unknown.low_deg > known.high_deg - known.low_deg


def test_measured_tibia_and_foot_narrow_the_range() -> None:
    from_height = estimate_tibia_angle(12.0, height_cm=175.0)
    measured = estimate_tibia_angle(12.0, height_cm=175.0, tibia_cm=43.0, foot_cm=26.6)
    assert measured.high_deg - measured.low_deg < from_height.high_deg - from_height.low_deg


def test_a_longer_measured_tibia_gives_a_smaller_angle() -> None:
    assert (
        estimate_tibia_angle(12.0, tibia_cm=46.0).value_deg
        < estimate_tibia_angle(12.0, tibia_cm=38.0).value_deg
    )


def test_values_are_rounded_to_a_tenth_of_a_degree() -> None:
    estimate = estimate_tibia_angle(11.37, height_cm=181.3)
    for value in (estimate.value_deg, estimate.low_deg, estimate.high_deg):
        assert value == round(value, 1)


def test_an_impossible_reach_for_a_very_short_shank_is_capped_not_crashed() -> None:
    estimate = estimate_tibia_angle(25.0, height_cm=100.0)
    assert estimate.value_deg == 90.0
    assert estimate.high_deg == 90.0


@pytest.mark.parametrize("field", ["height_cm", "tibia_cm", "foot_cm"])
def test_non_positive_lengths_are_rejected_naming_the_field(field: str) -> None:
    with pytest.raises(ValidationError) as error:
        estimate_tibia_angle(10.0, **{field: 0.0})
    assert error.value.field == field


def test_negative_distance_is_rejected() -> None:
    with pytest.raises(ValidationError):
        estimate_tibia_angle(-1.0)


distances = st.floats(min_value=0.0, max_value=25.0, allow_nan=False)
heights = st.one_of(st.none(), st.floats(min_value=100.0, max_value=230.0, allow_nan=False))


@given(a=distances, b=distances, height=heights)
def test_estimate_grows_with_distance(a: float, b: float, height: float | None) -> None:
    low, high = sorted((a, b))
    assert (
        estimate_tibia_angle(low, height_cm=height).value_deg
        <= estimate_tibia_angle(high, height_cm=height).value_deg
    )


@given(distance=distances, height=heights)
def test_range_brackets_the_value_and_stays_physical(distance: float, height: float | None) -> None:
    e = estimate_tibia_angle(distance, height_cm=height)
    assert 0.0 <= e.low_deg <= e.value_deg <= e.high_deg <= 90.0


def test_measured_segment_lengths_from_the_profile_narrow_the_estimate():
    from dorsi.core.assessment.engine import assess
    from dorsi.core.assessment.parse import parse_assessment

    base = {
        "schema": "dorsi.assessment/v1",
        "knee_to_wall": {"left": 12.0},
        "profile": {"height_cm": 175},
    }
    measured = {**base, "profile": {"height_cm": 175, "tibia_cm": 43.0, "foot_cm": 26.6}}
    by_height = assess(parse_assessment(base)).sides.left
    by_segments = assess(parse_assessment(measured)).sides.left
    assert by_height is not None
    assert by_segments is not None
    wide = by_height.angle_estimate
    narrow = by_segments.angle_estimate
    assert wide is not None
    assert narrow is not None
    assert narrow.high_deg - narrow.low_deg < wide.high_deg - wide.low_deg


def test_tibia_length_outside_its_range_is_refused():
    import pytest

    from dorsi.core.assessment.parse import parse_assessment
    from dorsi.core.errors import ValidationError

    with pytest.raises(ValidationError, match="profile.tibia_cm"):
        parse_assessment({"knee_to_wall": {"left": 10}, "profile": {"tibia_cm": 90}})
