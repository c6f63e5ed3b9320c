"""The knee-to-wall progress chart: both sides over time against the category bands.

Sides differ by colour, dash pattern, marker shape and a text label, so the chart reads
without colour. Everything a sighted reader gets is also in ``<desc>`` and in the
``<title>`` of each point.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from dorsi.core.errors import ValidationError
from dorsi.core.thresholds import REAL_CHANGE
from dorsi.draw.scale import (
    BAND_FILLS,
    Band,
    Linear,
    cm_range,
    cm_ticks,
    date_ticks,
    day_number,
)
from dorsi.draw.svg import document, enlarge_text, num, serialize, sub

REAL_CHANGE_CM = REAL_CHANGE.value  # smaller changes are within measurement error
INK = "#334155"
GRID = "#cbd5e1"
FONT = "11"
SMALL = "9.5"
NARROW_BELOW = 480.0  # narrower drawings are the phone variant (see charts.NARROW_WIDTH)


class Projection(NamedTuple):
    """Goal date and value, with an optional earliest–latest range of dates."""

    goal_date: date
    goal_cm: float
    earliest: date | None = None
    latest: date | None = None


@dataclass(frozen=True)
class SideStyle:
    label: str
    colour: str
    dash: str  # "" for solid
    marker: str  # "circle" | "square"


STYLES = {
    "left": SideStyle("Left", "#1d4ed8", "", "circle"),
    "right": SideStyle("Right", "#0f766e", "6 3", "square"),
}


@dataclass(frozen=True)
class Plot:
    x: Linear
    y: Linear
    left: float
    right: float
    top: float
    bottom: float
    narrow: bool = False  # the phone variant: labels inside the plot, no side margin

    def at(self, day: date, cm: float) -> tuple[float, float]:
        return self.x(day_number(day)), self.y(cm)


def clean_series(
    series: Mapping[str, Sequence[tuple[date, float]]],
) -> dict[str, list[tuple[date, float]]]:
    out: dict[str, list[tuple[date, float]]] = {}
    for side, points in series.items():
        if side not in STYLES:
            raise ValidationError(f"series.{side}", "sides are 'left' and 'right'")
        for _, value in points:
            if not math.isfinite(value):
                raise ValidationError(f"series.{side}", "values must be finite numbers")
        out[side] = sorted(points, key=lambda p: p[0])
    return out


def make_plot(
    *,
    series: Mapping[str, list[tuple[date, float]]],
    bands: Sequence[Band],
    baselines: Mapping[str, float],
    projections: Mapping[str, Projection],
    start: date,
    end: date,
    width: float,
    height: float,
) -> Plot:
    days = [
        start,
        end,
        *(d for pts in series.values() for d, _ in pts),
        *(p.goal_date for p in projections.values()),
    ]
    first, last = min(days), max(days)
    if last <= first:
        last = first + timedelta(days=1)
    values = [v for pts in series.values() for _, v in pts]
    values += [b + s * REAL_CHANGE_CM for b in baselines.values() for s in (-1, 1)]
    values += [p.goal_cm for p in projections.values()]
    low, high = cm_range(values, bands)
    narrow = width < NARROW_BELOW
    left, right, top, bottom = 42.0, width - 112.0, 34.0, height - 26.0
    if narrow:
        left, right, top, bottom = 50.0, width - 10.0, 62.0, height - 30.0
    return Plot(
        Linear(day_number(first), day_number(last), left, right),
        Linear(low, high, bottom, top),
        left,
        right,
        top,
        bottom,
        narrow,
    )


def draw_bands(root: ET.Element, plot: Plot, bands: Sequence[Band]) -> None:
    low, high = plot.y.d0, plot.y.d1
    for i, band in enumerate(bands):
        b_low = max(band.low_cm, low)
        b_high = high if band.high_cm is None else min(band.high_cm, high)
        if b_high <= b_low:
            continue
        y0, y1 = plot.y(b_high), plot.y(b_low)
        sub(
            root,
            "rect",
            x=num(plot.left),
            y=num(y0),
            width=num(plot.right - plot.left),
            height=num(y1 - y0),
            fill=BAND_FILLS[i % len(BAND_FILLS)],
        )
        if y1 - y0 >= (18 if plot.narrow else 10):
            # On a phone the band names sit inside the plot, at its left edge.
            sub(
                root,
                "text",
                band.label,
                x=num(plot.left + 4 if plot.narrow else plot.right + 4),
                y=num((y0 + y1) / 2 + 3.5),
                font_size=SMALL,
                fill=INK,
                fill_opacity="0.8" if plot.narrow else "1",
            )


def draw_axes(root: ET.Element, plot: Plot, start: date, end: date) -> None:
    for cm in cm_ticks(plot.y.d0, plot.y.d1):
        y = num(plot.y(cm))
        sub(
            root,
            "line",
            x1=num(plot.left),
            x2=num(plot.right),
            y1=y,
            y2=y,
            stroke=GRID,
            stroke_width="0.6",
        )
        sub(
            root,
            "text",
            f"{cm:g}",
            x=num(plot.left - 6),
            y=num(plot.y(cm) + 3.5),
            font_size=SMALL,
            fill=INK,
            text_anchor="end",
        )
    sub(
        root,
        "text",
        "cm",
        x=num(plot.left - 6),
        y=num(plot.top - 8),
        font_size=SMALL,
        fill=INK,
        text_anchor="end",
    )
    first = date.fromordinal(int(plot.x.d0))
    last = date.fromordinal(int(plot.x.d1))
    for tick in date_ticks(first, last):
        x = num(plot.x(day_number(tick.day)))
        length = 5 if tick.major else 3
        sub(
            root,
            "line",
            x1=x,
            x2=x,
            y1=num(plot.bottom),
            y2=num(plot.bottom + length),
            stroke=INK,
            stroke_width="0.8",
        )
        if tick.label:
            sub(
                root,
                "text",
                tick.label,
                x=x,
                y=num(plot.bottom + 16),
                font_size=SMALL,
                fill=INK,
                text_anchor="middle",
            )
    sub(
        root,
        "rect",
        x=num(plot.left),
        y=num(plot.top),
        width=num(plot.right - plot.left),
        height=num(plot.bottom - plot.top),
        fill="none",
        stroke=INK,
        stroke_width="0.8",
    )


def draw_baseline(root: ET.Element, plot: Plot, side: str, baseline_cm: float) -> None:
    """The band of measurement error around a side's baseline: changes inside it are noise."""
    style = STYLES[side]
    low = max(baseline_cm - REAL_CHANGE_CM, plot.y.d0)
    high = min(baseline_cm + REAL_CHANGE_CM, plot.y.d1)
    y0, y1 = plot.y(high), plot.y(low)
    group = sub(root, "g")
    sub(
        group,
        "title",
        f"{style.label} baseline {baseline_cm:.1f} cm ±{REAL_CHANGE_CM:g} cm: "
        "changes inside this band are within measurement error",
    )
    sub(
        group,
        "rect",
        x=num(plot.left),
        y=num(y0),
        width=num(plot.right - plot.left),
        height=num(y1 - y0),
        fill=style.colour,
        fill_opacity="0.10",
    )
    for y in (y0, y1):
        sub(
            group,
            "line",
            x1=num(plot.left),
            x2=num(plot.right),
            y1=num(y),
            y2=num(y),
            stroke=style.colour,
            stroke_width="0.7",
            stroke_dasharray="2 2",
        )
    if plot.narrow:
        return  # no room on a phone: the table under the chart gives the baseline in words
    # Left's label top left, right's bottom right: overlapping bands stay legible.
    at_left = side == "left"
    sub(
        group,
        "text",
        f"{style.label} baseline ±{REAL_CHANGE_CM:g} cm",
        x=num(plot.left + 8 if at_left else plot.right - 4),
        y=num(y0 + 10 if at_left else y1 - 3),
        font_size=SMALL,
        fill=style.colour,
        text_anchor="start" if at_left else "end",
    )


def marker(parent: ET.Element, style: SideStyle, x: float, y: float, label: str) -> None:
    if style.marker == "circle":
        node = sub(parent, "circle", cx=num(x), cy=num(y), r="3.5", fill=style.colour)
    else:
        node = sub(
            parent,
            "rect",
            x=num(x - 3.3),
            y=num(y - 3.3),
            width="6.6",
            height="6.6",
            fill=style.colour,
        )
    sub(node, "title", label)


def draw_series(
    root: ET.Element, plot: Plot, side: str, points: Sequence[tuple[date, float]], label_dy: float
) -> None:
    if not points:
        return
    style = STYLES[side]
    group = sub(root, "g", aria_label=f"{style.label} side")
    xy = [plot.at(d, v) for d, v in points]
    if len(xy) > 1:
        sub(
            group,
            "polyline",
            points=" ".join(f"{num(x)},{num(y)}" for x, y in xy),
            fill="none",
            stroke=style.colour,
            stroke_width="2",
            stroke_dasharray=style.dash or "none",
            stroke_linejoin="round",
        )
    for (day, value), (x, y) in zip(points, xy, strict=True):
        marker(group, style, x, y, f"{style.label}: {value:.1f} cm on {day.isoformat()}")
    x, y = xy[-1]
    at_end = plot.narrow and x > (plot.left + plot.right) / 2
    sub(
        group,
        "text",
        f"{style.label} {points[-1][1]:.1f} cm",
        text_anchor="end" if at_end else "start",
        x=num(x - 7 if at_end else x + 7),
        y=num(y + 4 + label_dy),
        font_size=FONT,
        fill=style.colour,
        font_weight="600",
    )


def draw_projection(
    root: ET.Element, plot: Plot, side: str, last: tuple[date, float], projection: Projection
) -> None:
    style = STYLES[side]
    group = sub(root, "g")
    sub(
        group,
        "title",
        f"{style.label}: projected to reach {projection.goal_cm:.1f} cm "
        f"around {projection.goal_date.isoformat()}" + _range_text(projection),
    )
    x0, y0 = plot.at(*last)
    x1, y1 = plot.at(projection.goal_date, projection.goal_cm)
    if projection.earliest is not None or projection.latest is not None:
        lo = projection.earliest or projection.goal_date
        hi = min(projection.latest or projection.goal_date, date.fromordinal(int(plot.x.d1)))
        xa, xb = plot.x(day_number(lo)), plot.x(day_number(hi))
        sub(
            group,
            "line",
            x1=num(xa),
            x2=num(xb),
            y1=num(y1),
            y2=num(y1),
            stroke=style.colour,
            stroke_width="5",
            stroke_opacity="0.25",
            stroke_linecap="round",
        )
    sub(
        group,
        "line",
        x1=num(x0),
        y1=num(y0),
        x2=num(x1),
        y2=num(y1),
        stroke=style.colour,
        stroke_width="1.5",
        stroke_dasharray="1.5 3",
        stroke_linecap="round",
    )
    diamond = [(x1, y1 - 5), (x1 + 5, y1), (x1, y1 + 5), (x1 - 5, y1)]
    sub(
        group,
        "polygon",
        points=" ".join(f"{num(x)},{num(y)}" for x, y in diamond),
        fill="white",
        stroke=style.colour,
        stroke_width="1.5",
    )


def _range_text(projection: Projection) -> str:
    if projection.earliest is None and projection.latest is None:
        return ""
    latest = "not in sight" if projection.latest is None else projection.latest.isoformat()
    earliest = (projection.earliest or projection.goal_date).isoformat()
    return f" (range {earliest} to {latest})"


def draw_legend(
    root: ET.Element,
    plot: Plot,
    sides: Sequence[str],
    extras: Sequence[str],
    *,
    text_scale: float = 1.0,
) -> None:
    x = plot.left
    y = plot.top - (34 if plot.narrow else 14)
    for side in sides:
        style = STYLES[side]
        sub(
            root,
            "line",
            x1=num(x),
            x2=num(x + 22),
            y1=num(y),
            y2=num(y),
            stroke=style.colour,
            stroke_width="2",
            stroke_dasharray=style.dash or "none",
        )
        marker(root, style, x + 11, y, style.label)
        sub(root, "text", style.label, x=num(x + 27), y=num(y + 4), font_size=FONT, fill=INK)
        x += 27 + 43 * text_scale
    for text in extras:
        sub(root, "text", text, x=num(x), y=num(y + 4), font_size=SMALL, fill=INK)
        x += (7 + 5.4 * len(text)) * text_scale


def progress_svg(
    *,
    series: Mapping[str, Sequence[tuple[date, float]]],
    bands: Sequence[Band],
    baselines: Mapping[str, float],
    projections: Mapping[str, Projection],
    start: date,
    end: date,
    width: float,
    height: float,
    desc: str,
    text_scale: float = 1.0,
) -> str:
    """``text_scale`` > 1: the phone variant, its words enlarged to stay readable when small."""
    clean = clean_series(series)
    plot = make_plot(
        series=clean,
        bands=bands,
        baselines=baselines,
        projections=projections,
        start=start,
        end=end,
        width=width,
        height=height,
    )
    root = document(
        view_box=(0, 0, width, height),
        width=width,
        height=height,
        title="Knee-to-wall progress",
        desc=desc,
    )
    draw_bands(root, plot, bands)
    draw_axes(root, plot, start, end)
    for side, baseline in baselines.items():
        draw_baseline(root, plot, side, baseline)
    lasts = {side: pts[-1] for side, pts in clean.items() if pts}
    for side, projection in projections.items():
        if side in lasts:
            draw_projection(root, plot, side, lasts[side], projection)
    offsets = _label_offsets(plot, lasts)
    for side, points in clean.items():
        draw_series(root, plot, side, points, offsets.get(side, 0.0))
    if not lasts:
        sub(
            root,
            "text",
            "No measurements yet",
            x=num((plot.left + plot.right) / 2),
            y=num((plot.top + plot.bottom) / 2),
            font_size="13",
            fill=INK,
            text_anchor="middle",
        )
    extras = ["◇ projected goal"] if projections else []
    draw_legend(root, plot, [s for s in STYLES if s in clean], extras, text_scale=text_scale)
    enlarge_text(root, text_scale)
    return serialize(root)


def _label_offsets(plot: Plot, lasts: Mapping[str, tuple[date, float]]) -> dict[str, float]:
    """Push the two last-value labels apart when they would overlap."""
    if len(lasts) < 2:
        return {}
    left_y, right_y = plot.y(lasts["left"][1]), plot.y(lasts["right"][1])
    gap = abs(left_y - right_y)
    if gap >= 13:
        return {}
    push = (13 - gap) / 2
    upper = "left" if left_y <= right_y else "right"
    return {upper: -push, ("right" if upper == "left" else "left"): push}
