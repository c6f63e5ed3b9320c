"""Server-side SVG charts (stdlib only): progress over time, the category gauge, and the
session calendar. Each returns a complete, accessible ``<svg>`` document as a string
(``role="img"``, ``<title>``, ``<desc>`` with the numbers in words), safe to inline in HTML.

The progress and gauge charts also take a whole document as their one positional argument
(a ``dorsi.progress/v1`` or a ``dorsi.report/v1``), for the web templates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from dorsi.core.errors import ValidationError
from dorsi.draw.bands_chart import bands_svg
from dorsi.draw.calendar_chart import calendar_svg
from dorsi.draw.progress_chart import REAL_CHANGE_CM, STYLES, Projection, progress_svg
from dorsi.draw.scale import HALF_KNEELING_BANDS, STANDING_BANDS, bands_from

__all__ = ["Projection", "adherence_calendar_svg", "bands_chart_svg", "progress_chart_svg"]

# The phone variant: drawn 360 units wide with its words enlarged, so that shown in a 330 px
# column (a 360 px phone less the page margins) the smallest text is still 12 CSS px or more.
NARROW_WIDTH = 360
NARROW_TEXT_SCALE = 1.45
PHONE_COLUMN_PX = 328

VARIANT_BANDS = {"standing": STANDING_BANDS, "half_kneeling": HALF_KNEELING_BANDS}
ProjectionArg = Projection | tuple[date, float, date | None, date | None] | None


def _projections(projection: Mapping[str, ProjectionArg] | None) -> dict[str, Projection]:
    out: dict[str, Projection] = {}
    for side, value in (projection or {}).items():
        if side not in STYLES:
            raise ValidationError(f"projection.{side}", "sides are 'left' and 'right'")
        if value is not None:
            out[side] = Projection(*value)
    return out


def _describe(
    series: Mapping[str, Sequence[tuple[date, float]]],
    baselines: Mapping[str, float],
    projections: Mapping[str, Projection],
) -> str:
    parts = []
    for side, style in STYLES.items():
        points = sorted(series.get(side, ()), key=lambda p: p[0])
        if not points:
            continue
        (d0, v0), (d1, v1) = points[0], points[-1]
        text = f"{style.label}: {len(points)} measurement{'s' if len(points) > 1 else ''}"
        text += f", {v0:.1f} cm on {d0.isoformat()}"
        if len(points) > 1:
            text += f" to {v1:.1f} cm on {d1.isoformat()}"
        if side in baselines:
            text += f"; baseline {baselines[side]:.1f} cm ±{REAL_CHANGE_CM:g} cm"
        if side in projections:
            p = projections[side]
            text += f"; projected {p.goal_cm:.1f} cm around {p.goal_date.isoformat()}"
        parts.append(text)
    return ". ".join(parts) + "." if parts else "No measurements yet."


def progress_chart_svg(
    progress: Mapping[str, Any] | None = None,
    /,
    *,
    series: Mapping[str, Sequence[tuple[date, float]]] | None = None,
    bands_cm: Sequence[tuple[float, str]] = STANDING_BANDS,
    baseline_cm: Mapping[str, float | None] | None = None,
    projection: Mapping[str, ProjectionArg] | None = None,
    start: date | None = None,
    end: date | None = None,
    width: int = 640,
    height: int = 320,
    narrow: bool = False,
) -> str:
    """Knee-to-wall per side over time on the category bands, the ±1.5 cm real-change band
    around each side's baseline, and a dashed projection to the goal.

    ``projection[side]`` is ``(goal_date, goal_cm, earliest_date, latest_date)``; the last
    two may be None. The date axis spans ``start``–``end``, widened to show every point and
    goal; the cm axis zooms in on the data but always shows the band bounds.
    """
    if progress is not None:
        return progress_chart_svg(
            **document_progress_args(progress), width=width, height=height, narrow=narrow
        )
    if start is None or end is None:
        raise ValidationError("start" if start is None else "end", "is required")
    if width < 320 or height < 160:
        raise ValidationError("width", "the chart needs at least 320 × 160 pixels")
    series = series or {}
    baselines = {s: float(v) for s, v in (baseline_cm or {}).items() if v is not None}
    for side in baselines:
        if side not in STYLES:
            raise ValidationError(f"baseline_cm.{side}", "sides are 'left' and 'right'")
    projections = _projections(projection)
    bands = bands_from(bands_cm)
    return progress_svg(
        series=series,
        bands=bands,
        baselines=baselines,
        projections=projections,
        start=start,
        end=end,
        width=NARROW_WIDTH if narrow else width,
        height=NARROW_WIDTH if narrow else height,
        desc=_describe(series, baselines, projections),
        text_scale=NARROW_TEXT_SCALE if narrow else 1.0,
    )


def bands_chart_svg(
    report: Mapping[str, Any] | None = None,
    /,
    *,
    left_cm: float | None = None,
    right_cm: float | None = None,
    variant: str = "standing",
    narrow: bool = False,
) -> str:
    """Each side's knee-to-wall value as a marker on a 0–25 cm gauge of the category bands
    (standing: <9, 9–10, 10–13, >13 cm; half-kneeling: <10.16, 10.16–12.7, >12.7 cm)."""
    if report is not None:
        return bands_chart_svg(**document_bands_args(report), narrow=narrow)
    if variant not in VARIANT_BANDS:
        raise ValidationError("variant", f"must be one of {', '.join(VARIANT_BANDS)}")
    title = "Knee-to-wall result" + (" (half-kneeling)" if variant == "half_kneeling" else "")
    return bands_svg(
        left_cm=left_cm,
        right_cm=right_cm,
        bands=bands_from(VARIANT_BANDS[variant]),
        title=title,
        width=NARROW_WIDTH if narrow else 640,
        text_scale=NARROW_TEXT_SCALE if narrow else 1.0,
    )


def adherence_calendar_svg(
    *, start: date, end: date, done: Mapping[date, str], today: date, narrow: bool = False
) -> str:
    """One square per day from ``start`` to ``end``: done, partial, skipped, not logged
    (past days without a log) or upcoming (after ``today``)."""
    return calendar_svg(
        start=start,
        end=end,
        done=done,
        today=today,
        narrow_column_px=PHONE_COLUMN_PX if narrow else None,
    )


# --- documents -> arguments ---------------------------------------------------------------


def _day(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationError(field, f"{value!r} is not an ISO date") from error


def _sides(doc: Mapping[str, Any]) -> Mapping[str, Any]:
    sides = doc.get("sides") or {}
    return sides if isinstance(sides, Mapping) else {}


def document_bands_args(report: Mapping[str, Any]) -> dict[str, Any]:
    """``bands_chart_svg`` keywords from a dorsi.report/v1 document."""
    sides = _sides(report)

    def value(side: str) -> float | None:
        entry = sides.get(side)
        return None if not isinstance(entry, Mapping) else entry.get("knee_to_wall_cm")

    return {
        "left_cm": value("left"),
        "right_cm": value("right"),
        "variant": report.get("variant") or "standing",
    }


def document_progress_args(progress: Mapping[str, Any]) -> dict[str, Any]:
    """``progress_chart_svg`` keywords from a dorsi.progress/v1 document."""
    raw_series = progress.get("series") or {}
    series = {
        side: [(_day(p["date"], f"series.{side}"), float(p["cm"])) for p in raw_series[side]]
        for side in STYLES
        if raw_series.get(side)
    }
    chart = progress.get("chart") or {}
    bands = [
        (float(b["high_cm"]), str(b["code"]))
        for b in chart.get("bands", [])
        if b.get("high_cm") is not None
    ]
    baselines = {
        side: entry.get("baseline_cm")
        for side, entry in _sides(progress).items()
        if isinstance(entry, Mapping)
    }
    projections: dict[str, ProjectionArg] = {}
    for side, line in (chart.get("projection") or {}).items():
        if isinstance(line, Mapping) and line.get("points"):
            goal = line["points"][-1]
            projections[side] = Projection(
                _day(goal["date"], f"chart.projection.{side}"),
                float(goal["cm"]),
                _day(line["earliest"], "earliest") if line.get("earliest") else None,
                _day(line["latest"], "latest") if line.get("latest") else None,
            )
    days = [d for pts in series.values() for d, _ in pts]
    start = _day(progress["plan_start"], "plan_start") if progress.get("plan_start") else None
    today = _day(progress["today"], "today") if progress.get("today") else None
    first = start or (min(days) if days else today)
    last = today or (max(days) if days else first)
    if first is None or last is None:
        raise ValidationError("plan_start", "the progress document has no dates")
    return {
        "series": series,
        "bands_cm": bands or STANDING_BANDS,
        "baseline_cm": baselines,
        "projection": projections,
        "start": first,
        "end": last,
    }
