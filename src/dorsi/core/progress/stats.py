"""Robust trend maths for progress: Theil-Sen rate and a projected date with a range.

Why Theil-Sen (Sen 1968): the rate is the median of all pairwise slopes, so one bad retest
(a cold morning, a different wall) cannot drag it the way it drags a least-squares line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from dorsi.core.thresholds import (
    MEASUREMENT_ERROR,
    MIN_POINTS_FOR_RATE,
    MIN_PROJECTION_RATE,
    SEN_CI_Z,
)

DAYS_PER_WEEK = 7.0
# Beyond two years a straight-line projection says nothing useful: report none.
HORIZON_DAYS = 730


@dataclass(frozen=True)
class Point:
    when: date
    cm: float


@dataclass(frozen=True)
class Trend:
    """Theil-Sen fit in cm per week; slopes kept for the projection range."""

    rate_cm_per_week: float
    intercept_cm: float  # value of the line at ``origin``
    origin: date
    slopes_cm_per_week: tuple[float, ...]

    def at(self, when: date) -> float:
        return self.intercept_cm + self.rate_cm_per_week * _weeks(self.origin, when)


@dataclass(frozen=True)
class Projection:
    value: date
    earliest: date
    latest: date | None  # None: at the slowest plausible rate the goal is not in sight


def _weeks(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_WEEK


def pairwise_slopes(points: Sequence[Point]) -> tuple[float, ...]:
    """cm/week between every pair measured on different days."""
    slopes = []
    for i, first in enumerate(points):
        for second in points[i + 1 :]:
            weeks = _weeks(first.when, second.when)
            if weeks != 0:
                slopes.append((second.cm - first.cm) / weeks)
    return tuple(slopes)


def theil_sen(points: Sequence[Point]) -> Trend | None:
    """The Theil-Sen line, or None with fewer than 3 points or no two distinct dates."""
    if len(points) < MIN_POINTS_FOR_RATE:
        return None
    slopes = pairwise_slopes(points)
    if not slopes:
        return None
    rate = median(slopes)
    origin = min(point.when for point in points)
    intercept = median(point.cm - rate * _weeks(origin, point.when) for point in points)
    return Trend(rate, intercept, origin, tuple(sorted(slopes)))


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile of a non-empty sequence (numpy's default method)."""
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def sen_interval(slopes: Sequence[float], points: int) -> tuple[float, float]:
    """Sen's (1968) 95 % confidence interval of the Theil-Sen slope, from the ranks of the
    pairwise slopes (no ties correction); clamped to the smallest and largest slope."""
    ordered = sorted(slopes)
    n_slopes = len(ordered)
    spread = SEN_CI_Z * math.sqrt(points * (points - 1) * (2 * points + 5) / 18.0)
    low_rank = max(0, math.floor((n_slopes - spread) / 2.0))
    high_rank = min(n_slopes - 1, math.ceil((n_slopes + spread) / 2.0))
    return ordered[low_rank], ordered[high_rank]


def _reach(start: date, gap_cm: float, rate_cm_per_week: float, not_before: date) -> date | None:
    if rate_cm_per_week <= 0:
        return None
    # Rounded before ceil so float noise (35.000000001 days) does not add a day.
    days = math.ceil(round(gap_cm / rate_cm_per_week * DAYS_PER_WEEK, 6))
    if days > HORIZON_DAYS:
        return None
    return max(start + timedelta(days=days), not_before)


def error_span_days(rate_cm_per_week: float) -> int:
    """Days the rate takes to cover the measurement error (1.5 cm): no range is narrower."""
    return math.ceil(round(MEASUREMENT_ERROR.distance_cm / rate_cm_per_week * DAYS_PER_WEEK, 6))


def project(trend: Trend, latest: Point, target_cm: float, today: date) -> Projection | None:
    """When ``latest`` reaches ``target_cm`` at the trend's rate (dates never before today).

    Anchored at the latest measurement, so the date moves with each retest; None when the
    goal is already reached, the rate is under 0.05 cm/week, or the date is beyond two years.
    The range comes from Sen's confidence interval of the slope and is never narrower than
    the time the rate takes to cover the measurement error (1.5 cm).
    """
    gap = target_cm - latest.cm
    rate = trend.rate_cm_per_week
    if gap <= 0 or rate < MIN_PROJECTION_RATE.value:
        return None
    value = _reach(latest.when, gap, rate, today)
    if value is None:
        return None
    points = round((1 + math.sqrt(1 + 8 * len(trend.slopes_cm_per_week))) / 2)
    slow, fast = sen_interval(trend.slopes_cm_per_week, points)
    earliest = _reach(latest.when, gap, max(fast, rate), today) or value
    latest_date = _reach(latest.when, gap, min(slow, rate), today)
    if latest_date is None:
        return Projection(value=value, earliest=earliest, latest=None)
    span = error_span_days(rate)
    missing = span - (latest_date - earliest).days
    if missing > 0:
        earliest = max(today, earliest - timedelta(days=missing // 2))
        latest_date = max(latest_date, earliest + timedelta(days=span))
    return Projection(value=value, earliest=earliest, latest=latest_date)
