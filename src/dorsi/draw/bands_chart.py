"""A gauge per side: where each knee-to-wall value sits among the category bands."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from dorsi.draw.progress_chart import INK, SMALL, STYLES
from dorsi.draw.scale import BAND_FILLS, SCALE_MAX_CM, Band, Linear, band_of
from dorsi.draw.svg import document, enlarge_text, num, serialize, sub

WIDTH = 640.0
ROW_HEIGHT = 46.0
BAR = 16.0
TOP = 16.0
LEFT = 56.0
RIGHT = 34.0


def _result_text(label: str, value_cm: float | None, bands: Sequence[Band]) -> str:
    if value_cm is None:
        return f"{label}: not measured"
    band = band_of(bands, value_cm)
    return f"{label}: {value_cm:.1f} cm, {band.label.lower()} ({band.range_text})"


def _bar(root: ET.Element, x: Linear, y: float, bands: Sequence[Band]) -> None:
    for i, band in enumerate(bands):
        high = SCALE_MAX_CM if band.high_cm is None else min(band.high_cm, SCALE_MAX_CM)
        if high <= band.low_cm:
            continue
        sub(
            root,
            "rect",
            x=num(x(band.low_cm)),
            y=num(y),
            width=num(x(high) - x(band.low_cm)),
            height=num(BAR),
            fill=BAND_FILLS[i % len(BAND_FILLS)],
            stroke="white",
            stroke_width="1",
        )


def _row(
    root: ET.Element,
    x: Linear,
    y: float,
    side: str,
    value_cm: float | None,
    bands: Sequence[Band],
    *,
    narrow: bool = False,
) -> None:
    style = STYLES[side]
    group = sub(root, "g", aria_label=_result_text(style.label, value_cm, bands))
    sub(
        group,
        "text",
        style.label,
        x=num(x(0.0) - 8),
        y=num(y + BAR / 2 + 4),
        font_size="12",
        fill=INK,
        text_anchor="end",
        font_weight="600",
    )
    _bar(group, x, y, bands)
    if value_cm is None:
        sub(
            group,
            "text",
            "not measured",
            x=num(x(SCALE_MAX_CM / 2)),
            y=num(y + BAR / 2 + 4),
            font_size="11",
            fill=INK,
            text_anchor="middle",
            font_style="italic",
        )
        return
    px = x(min(max(value_cm, 0.0), SCALE_MAX_CM))
    sub(
        group,
        "line",
        x1=num(px),
        x2=num(px),
        y1=num(y - 3),
        y2=num(y + BAR + 3),
        stroke=style.colour,
        stroke_width="3",
        stroke_linecap="round",
    )
    sub(
        group,
        "polygon",
        points=f"{num(px - 5)},{num(y - 8)} {num(px + 5)},{num(y - 8)} {num(px)},{num(y - 2)}",
        fill=style.colour,
    )
    text = _result_text(style.label, value_cm, bands).split(": ", 1)[1]
    anchor = "end" if px > x(SCALE_MAX_CM) * 0.62 else "start"
    if narrow:  # on a phone: the value and band under the bar from its start, no range
        text, anchor, px = text.split(" (", 1)[0], "start", x(0.0) - 8
    sub(
        group,
        "text",
        text,
        x=num(px - 8 if anchor == "end" else px + 8),
        y=num(y + BAR + 15),
        font_size="11",
        fill=style.colour,
        text_anchor=anchor,
        font_weight="600",
    )


def _axis(
    root: ET.Element, x: Linear, y: float, bands: Sequence[Band], *, narrow: bool = False
) -> None:
    bounds = {b.high_cm for b in bands if b.high_cm is not None}
    # On a phone the close band bounds (9, 10) would collide: round ticks only there.
    ticks = sorted({0.0, 5.0, 10.0, 15.0, 20.0, SCALE_MAX_CM} | (set() if narrow else bounds))
    for cm in ticks:
        px = num(x(cm))
        sub(root, "line", x1=px, x2=px, y1=num(y), y2=num(y + 4), stroke=INK, stroke_width="0.8")
        sub(
            root,
            "text",
            f"{cm:g}",
            x=px,
            y=num(y + 14),
            font_size=SMALL,
            fill=INK,
            text_anchor="middle",
            font_weight="600" if cm in bounds else "400",
        )
    sub(root, "text", "cm", x=num(x(SCALE_MAX_CM) + 12), y=num(y + 14), font_size=SMALL, fill=INK)


def _legend(
    root: ET.Element, y: float, bands: Sequence[Band], *, width: float, columns: int, row: float
) -> None:
    start = LEFT if columns > 1 else 8.0
    column = (width - start - RIGHT) / columns
    for i, band in enumerate(bands):
        x = start + (i % columns) * column
        row_y = y + (i // columns) * row
        sub(
            root,
            "rect",
            x=num(x),
            y=num(row_y - 9),
            width="12",
            height="12",
            fill=BAND_FILLS[i % len(BAND_FILLS)],
            stroke=INK,
            stroke_width="0.5",
        )
        sub(
            root,
            "text",
            f"{band.label} ({band.range_text})",
            x=num(x + 17),
            y=num(row_y + 1),
            font_size=SMALL,
            fill=INK,
        )


def bands_svg(
    *,
    left_cm: float | None,
    right_cm: float | None,
    bands: Sequence[Band],
    title: str,
    width: float = WIDTH,
    text_scale: float = 1.0,
) -> str:
    """``width``/``text_scale``: the phone variant is narrower with larger words and a legend
    in one column, so its text stays at least 12 CSS px once shown 330 px wide."""
    narrow = width < WIDTH
    left = LEFT * text_scale
    x = Linear(0.0, SCALE_MAX_CM, left, width - RIGHT)
    row_height = ROW_HEIGHT + 8 * (text_scale - 1.0)
    rows_end = TOP + 8 + 2 * row_height
    columns = 2 if width >= WIDTH else 1
    legend_row = 16 * text_scale
    legend_rows = (len(bands) + columns - 1) // columns
    height = rows_end + 22 * text_scale + legend_rows * legend_row + 6
    desc = (
        ". ".join(
            [
                _result_text("Left", left_cm, bands),
                _result_text("Right", right_cm, bands),
                "Bands: " + "; ".join(f"{b.label.lower()} {b.range_text}" for b in bands),
            ]
        )
        + "."
    )
    root = document(
        view_box=(0, 0, width, height), width=width, height=height, title=title, desc=desc
    )
    for i, (side, value) in enumerate((("left", left_cm), ("right", right_cm))):
        _row(root, x, TOP + 8 + i * row_height, side, value, bands, narrow=narrow)
    _axis(root, x, rows_end - 6, bands, narrow=narrow)
    _legend(root, rows_end + 24 * text_scale, bands, width=width, columns=columns, row=legend_row)
    enlarge_text(root, text_scale)
    return serialize(root)
