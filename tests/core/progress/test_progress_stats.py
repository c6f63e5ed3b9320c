"""Theil-Sen rate, quantiles and projection dates, on hand-checked numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dorsi.core.progress.stats import (
    HORIZON_DAYS,
    Point,
    Trend,
    pairwise_slopes,
    project,
    quantile,
    sen_interval,
    theil_sen,
)
from dorsi.core.thresholds import MIN_PROJECTION_RATE

D0 = date(2026, 3, 2)


def pt(days: int, cm: float) -> Point:
    return Point(D0 + timedelta(days=days), cm)


def test_pairwise_slopes_are_in_cm_per_week_and_skip_same_day_pairs() -> None:
    slopes = pairwise_slopes([pt(0, 8.0), pt(7, 9.0), pt(7, 9.5)])
    assert sorted(slopes) == pytest.approx([1.0, 1.5])


def test_theil_sen_needs_three_points() -> None:
    assert theil_sen([pt(0, 8.0), pt(7, 9.0)]) is None


def test_theil_sen_needs_two_distinct_dates() -> None:
    assert theil_sen([pt(0, 8.0), pt(0, 8.5), pt(0, 9.0)]) is None


def test_theil_sen_ignores_one_outlier_where_least_squares_would_not() -> None:
    points = [pt(7 * k, 8.0 + 0.25 * k) for k in range(6)]
    points[5] = pt(35, 4.0)
    trend = theil_sen(points)
    assert trend is not None
    assert trend.rate_cm_per_week == pytest.approx(0.25)
    assert trend.at(D0) == pytest.approx(8.0)


def test_trend_line_value_at_a_date() -> None:
    trend = Trend(0.5, 8.0, D0, (0.5,))
    assert trend.at(D0 + timedelta(days=14)) == pytest.approx(9.0)


@pytest.mark.parametrize(("q", "expected"), [(0.0, 1.0), (0.25, 1.75), (0.5, 2.5), (1.0, 4.0)])
def test_quantile_interpolates_linearly(q: float, expected: float) -> None:
    assert quantile([4.0, 1.0, 3.0, 2.0], q) == pytest.approx(expected)


def test_projection_is_anchored_at_the_latest_measurement() -> None:
    trend = Trend(1.0, 7.0, D0, (0.5, 1.0, 2.0))
    projection = project(trend, pt(14, 8.0), 10.0, today=D0 + timedelta(days=14))
    assert projection is not None
    assert projection.value == D0 + timedelta(days=28)
    # Sen's 95 % interval with 3 points spans every slope: 2.0 and 0.5 cm/week.
    assert projection.earliest == D0 + timedelta(days=14 + 7)  # 2 cm at 2.0 cm/week
    assert projection.latest == D0 + timedelta(days=14 + 28)  # 2 cm at 0.5 cm/week


def test_sen_interval_narrows_with_more_points() -> None:
    slopes = tuple(float(k) for k in range(45))  # 10 points give 45 pairwise slopes
    low, high = sen_interval(slopes, 10)
    assert 0.0 < low < high < 44.0
    assert sen_interval((0.5, 1.0, 2.0), 3) == (0.5, 2.0)


def test_projection_range_covers_at_least_the_measurement_error() -> None:
    trend = Trend(0.5, 7.0, D0, (0.5, 0.5, 0.5))
    projection = project(trend, pt(14, 8.0), 10.0, today=D0 + timedelta(days=14))
    assert projection is not None
    assert projection.latest is not None
    assert (projection.latest - projection.earliest).days >= 21  # 1.5 cm at 0.5 cm/week


@given(
    slope=st.floats(min_value=-2.0, max_value=2.0),
    start=st.floats(min_value=0.0, max_value=25.0),
    weeks=st.lists(st.integers(min_value=1, max_value=20), min_size=2, max_size=6, unique=True),
)
def test_theil_sen_recovers_the_slope_of_an_exact_line(
    slope: float, start: float, weeks: list[int]
) -> None:
    points = [pt(0, start)] + [pt(7 * w, start + slope * w) for w in weeks]
    trend = theil_sen(points)
    assert trend is not None
    assert trend.rate_cm_per_week == pytest.approx(slope, abs=1e-9)


@given(
    slopes=st.lists(st.floats(min_value=0.01, max_value=3.0), min_size=1, max_size=10),
    gap=st.floats(min_value=0.01, max_value=10.0),
)
def test_projection_range_brackets_its_value(slopes: list[float], gap: float) -> None:
    rate = sorted(slopes)[len(slopes) // 2]
    trend = Trend(rate, 0.0, D0, tuple(sorted(slopes)))
    projection = project(trend, pt(0, 10.0 - gap), 10.0, today=D0)
    days = gap / rate * 7
    if days > HORIZON_DAYS + 1 or rate < MIN_PROJECTION_RATE.value:  # no date at all
        assert projection is None
        return
    if days < HORIZON_DAYS - 1:  # (the day at the horizon itself may round either way)
        assert projection is not None
    if projection is not None:
        assert projection.earliest <= projection.value
        assert projection.latest is None or projection.value <= projection.latest
