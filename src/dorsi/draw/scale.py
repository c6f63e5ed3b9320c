"""Scales, ticks and category bands for the server-side SVG charts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dorsi.core.codes import Unit, Variant
from dorsi.core.errors import ValidationError
from dorsi.core.thresholds import BANDS as THRESHOLD_BANDS
from dorsi.core.thresholds import KNEE_TO_WALL_RANGE

# Upper bounds of the category bands of each test (SPEC §2.1), read from the one home of
# the thresholds; the open top band is ``TOP_LABEL``.
STANDING_BANDS: tuple[tuple[float, str], ...] = tuple(
    (band.high_cm, band.code.value) for band in THRESHOLD_BANDS[Variant.STANDING][:-1]
)
HALF_KNEELING_BANDS: tuple[tuple[float, str], ...] = tuple(
    (band.high_cm, band.code.value) for band in THRESHOLD_BANDS[Variant.HALF_KNEELING][:-1]
)
TOP_LABEL = "excellent"
LABELS = {
    "significant_restriction": "Significant restriction",
    "moderate_restriction": "Moderate restriction",
    "adequate": "Adequate",
    "excellent": "Excellent",
    "poor": "Poor",
    "normal": "Normal",
}
# Light fills, darker to lighter from restricted to ample; labels carry the meaning.
BAND_FILLS = ("#fde2e2", "#fdf0d5", "#e3f4e1", "#dcecfb", "#ece4fb")
SCALE_MAX_CM = KNEE_TO_WALL_RANGE[Unit.CM].high


@dataclass(frozen=True)
class Band:
    low_cm: float
    high_cm: float | None  # None: open-ended
    code: str

    @property
    def label(self) -> str:
        return LABELS.get(self.code, self.code.replace("_", " ").capitalize())

    @property
    def range_text(self) -> str:
        if self.low_cm <= 0:
            return f"below {self.high_cm:g} cm"
        if self.high_cm is None:
            return f"above {self.low_cm:g} cm"
        return f"{self.low_cm:g}–{self.high_cm:g} cm"


def bands_from(
    upper_bounds: Sequence[tuple[float, str]], top_code: str = TOP_LABEL
) -> tuple[Band, ...]:
    """``((9, "significant"), (10, "moderate"), ...)``: each bound closes the band below it;
    everything above the last bound is ``top_code``."""
    bounds = [float(b) for b, _ in upper_bounds]
    if any(not math.isfinite(b) for b in bounds) or bounds != sorted(bounds):
        raise ValidationError("bands_cm", "bounds must be finite and increasing")
    lows = [0.0, *bounds]
    codes = [code for _, code in upper_bounds] + [top_code]
    highs: list[float | None] = [*bounds, None]
    return tuple(Band(lo, hi, code) for lo, hi, code in zip(lows, highs, codes, strict=True))


def band_of(bands: Sequence[Band], value_cm: float) -> Band:
    """The band a value falls in; a bound belongs to the band above it, except that the
    top of a closed band (10–13 adequate) includes its upper bound, as in SPEC §2.1."""
    for i, band in enumerate(bands):
        if band.high_cm is None or value_cm < band.high_cm:
            return band
        if value_cm == band.high_cm and i == len(bands) - 2:
            return band
    return bands[-1]


@dataclass(frozen=True)
class Linear:
    """Maps a domain interval onto a pixel interval (either may be reversed)."""

    d0: float
    d1: float
    p0: float
    p1: float

    def __call__(self, value: float) -> float:
        span = self.d1 - self.d0
        if span == 0:
            return (self.p0 + self.p1) / 2
        return self.p0 + (value - self.d0) / span * (self.p1 - self.p0)


def cm_range(values: Sequence[float], bands: Sequence[Band]) -> tuple[float, float]:
    """A y range that shows every value and the band bounds, zoomed in where it can be."""
    bounds = [b.high_cm for b in bands if b.high_cm is not None]
    low = min([*values, bounds[0] - 2.0] if bounds else [*values, 0.0])
    high = max([*values, bounds[-1] + 2.0] if bounds else [*values, SCALE_MAX_CM])
    low, high = math.floor(max(0.0, low - 1.0)), math.ceil(high + 1.0)
    if high - low < 6:
        high = low + 6
    return float(low), float(high)


def cm_ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = 1.0 if span <= 8 else 2.0 if span <= 16 else 5.0
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def day_number(day: date) -> float:
    return float(day.toordinal())


@dataclass(frozen=True)
class DateTick:
    day: date
    label: str
    major: bool


def date_ticks(start: date, end: date) -> list[DateTick]:
    """Weekly ticks (Mondays) labelled with the day for up to ten weeks; beyond that every
    Monday is a minor tick and the first of each month a labelled major one."""
    days = (end - start).days
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    mondays = [monday + timedelta(weeks=i) for i in range(days // 7 + 1)]
    mondays = [m for m in mondays if m <= end]
    if days <= 70:
        return [DateTick(m, f"{m.day} {m:%b}", True) for m in mondays]
    ticks = [DateTick(m, "", False) for m in mondays]
    if start.day > 1:  # name the month the axis starts in
        ticks.append(DateTick(start, f"{start.day} {start:%b}", True))
    month = date(start.year, start.month, 1)
    while month <= end:
        if month >= start and (month - start).days >= 10 or month == start:
            label = f"{month:%b}" if month.month != 1 else f"{month:%b %Y}"
            ticks.append(DateTick(month, label, True))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return sorted(ticks, key=lambda t: (t.day, t.major))
