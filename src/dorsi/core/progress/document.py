"""Progress -> dorsi.progress/v1 document (SPEC §7) and the chart data the shells draw.

Shape: the per-side objects appear twice, as top-level ``left``/``right`` (the letter of §7:
"per side baseline_cm, ...") and under ``sides`` (the same objects, like dorsi.report/v1).
Extensions: ``referral``, ``expected_ranges``, ``minutes_per_week``, ``series``, ``chart``,
``notes``, ``measurement_error_cm``, ``target_cm``, ``variant``. cm values carry 2 decimals.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

from dorsi.core.codes import Side
from dorsi.core.progress.engine import PROGRESS_SCHEMA, Progress, SideProgress
from dorsi.core.progress.stats import Point
from dorsi.core.progress.text import notes
from dorsi.core.thresholds import BANDS, REAL_CHANGE, ExpectedRange

__all__ = [
    "chart_data",
    "progress_to_document",
    "side_to_document",
]


def _cm(value: float) -> float:
    return round(value, 2)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _point(when: date, cm: float) -> dict[str, Any]:
    return {"date": when.isoformat(), "cm": _cm(cm)}


def side_to_document(side: SideProgress) -> dict[str, Any]:
    projection = side.projection
    rate = side.rate_cm_per_week
    return {
        "baseline_cm": _cm(side.baseline_cm),
        "latest_cm": _cm(side.latest_cm),
        "change_cm": side.change_cm,
        "real_change": side.real_change,
        "rate_cm_per_week": None if rate is None else round(rate, 2),
        "projected_goal_date": None
        if projection is None
        else {
            "value": projection.value.isoformat(),
            "earliest": projection.earliest.isoformat(),
            "latest": _day(projection.latest),
        },
        "baseline_date": side.baseline_date.isoformat(),
        "latest_date": side.latest_date.isoformat(),
        "measurements": len(side.points),
    }


def _expected(item: ExpectedRange) -> dict[str, Any]:
    weeks = None if item.weeks_low is None else {"low": item.weeks_low, "high": item.weeks_high}
    return {
        "code": item.code,
        "label": item.label,
        "low_cm": item.low_cm,
        "high_cm": item.high_cm,
        "weeks": weeks,
        "source": item.source.tag,
        "grade": item.source.grade.value,
    }


def _series(p: Progress, side: Side) -> list[dict[str, Any]]:
    result = p.side(side)
    out: list[dict[str, Any]] = []
    if result is not None:
        out.append(_point(result.baseline_date, result.baseline_cm) | {"kind": "baseline"})
    out.extend(_point(pt.when, pt.cm) | {"kind": "retest"} for pt in p.retest_series.get(side))
    return out


def _trend_line(side: SideProgress) -> list[dict[str, Any]]:
    if side.trend is None:
        return []
    ends = (side.points[0].when, max(pt.when for pt in side.points))
    return [_point(when, side.trend.at(when)) for when in ends]


def _projection_line(side: SideProgress, target_cm: float) -> dict[str, Any] | None:
    projection = side.projection
    if projection is None:
        return None
    start = Point(side.latest_date, side.latest_cm)
    return {
        "points": [_point(start.when, start.cm), _point(projection.value, target_cm)],
        "earliest": projection.earliest.isoformat(),
        "latest": _day(projection.latest),
    }


def _per_side(p: Progress, build: Callable[[SideProgress], Any]) -> dict[str, Any]:
    return {side.value: None if (s := p.side(side)) is None else build(s) for side in Side}


def chart_data(p: Progress) -> dict[str, Any]:
    """Everything a progress chart needs, already in cm and ISO dates."""
    error = REAL_CHANGE.value
    return {
        "target_cm": _cm(p.target_cm),
        "bands": [
            {
                "code": band.code.value,
                "low_cm": _cm(band.low_cm),
                "high_cm": None if math.isinf(band.high_cm) else _cm(band.high_cm),
                "source": band.source.tag,
            }
            for band in BANDS[p.variant]
        ],
        "baseline_band": _per_side(
            p,
            lambda s: {"low_cm": _cm(s.baseline_cm - error), "high_cm": _cm(s.baseline_cm + error)},
        ),
        "trend": _per_side(p, _trend_line),
        "projection": _per_side(p, lambda s: _projection_line(s, p.target_cm)),
    }


def progress_to_document(p: Progress) -> dict[str, Any]:
    """The dorsi.progress/v1 document for ``p``."""
    sides = _per_side(p, side_to_document)
    a = p.adherence
    return {
        "schema": PROGRESS_SCHEMA,
        "today": p.today.isoformat(),
        "plan_start": p.plan_start.isoformat(),
        "left": sides["left"],
        "right": sides["right"],
        "sides": sides,
        "adherence": {
            "planned_days": a.planned_days,
            "done_days": a.done_days,
            "ratio": a.ratio,
            "streak": a.streak,
        },
        "flags": [flag.value for flag in p.flags],
        "referral": {"level": p.referral.level.value, "reasons": list(p.referral.reasons)},
        "expected_ranges": [_expected(item) for item in p.expected_ranges],
        "minutes_per_week": {
            "last_7_days": p.minutes_per_week.last_7_days,
            "average": p.minutes_per_week.average,
        },
        "series": {side.value: _series(p, side) for side in Side},
        "chart": chart_data(p),
        "notes": [
            {
                "code": n.code,
                "severity": n.severity.value,
                "text": n.text,
                "sources": list(n.sources),
            }
            for n in notes(p)
        ],
        "measurement_error_cm": REAL_CHANGE.value,
        "target_cm": _cm(p.target_cm),
        "variant": p.variant.value,
    }
