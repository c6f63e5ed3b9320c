"""A GitHub-style week grid of the session log: one column per week, Monday on top.

Each status has its own shape as well as its own colour (full square, half square, cross,
empty, dashed), and every cell has a ``<title>`` with the date and the status.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta

from dorsi.core.errors import ValidationError
from dorsi.draw.progress_chart import INK, SMALL
from dorsi.draw.svg import document, enlarge_text, num, serialize, sub

CELL = 13.0
PITCH = 16.0
LEFT = 34.0
TOP = 22.0
STATUSES = ("done", "partial", "skipped")
GREEN = "#15803d"
LABELS = {
    "done": "done",
    "partial": "partial",
    "skipped": "skipped",
    "missing": "not logged",
    "upcoming": "upcoming",
}


def _cell(parent: ET.Element, x: float, y: float, status: str, label: str) -> ET.Element:
    group = sub(parent, "g")
    sub(group, "title", label)
    box = {"x": num(x), "y": num(y), "width": num(CELL), "height": num(CELL), "rx": "2"}
    if status == "done":
        sub(group, "rect", **box, fill=GREEN)
    elif status == "partial":
        sub(group, "rect", **box, fill="white", stroke=GREEN, stroke_width="1.2")
        sub(
            group,
            "polygon",
            fill=GREEN,
            points=f"{num(x)},{num(y + CELL)} {num(x)},{num(y)} {num(x + CELL)},{num(y + CELL)}",
        )
    elif status == "skipped":
        sub(group, "rect", **box, fill="#f1f5f9", stroke="#94a3b8", stroke_width="0.8")
        d = (
            f"M{num(x + 3.5)},{num(y + 3.5)}L{num(x + CELL - 3.5)},{num(y + CELL - 3.5)}"
            f"M{num(x + CELL - 3.5)},{num(y + 3.5)}L{num(x + 3.5)},{num(y + CELL - 3.5)}"
        )
        sub(group, "path", d=d, stroke="#475569", stroke_width="1.4", stroke_linecap="round")
    elif status == "missing":
        sub(group, "rect", **box, fill="#e2e8f0")
    else:
        sub(
            group,
            "rect",
            **box,
            fill="none",
            stroke="#cbd5e1",
            stroke_width="0.8",
            stroke_dasharray="2 1.5",
        )
    return group


def _status(day: date, done: Mapping[date, str], today: date) -> str:
    status = done.get(day)
    if status is not None:
        if status not in STATUSES:
            raise ValidationError(
                f"done.{day.isoformat()}", f"status must be one of {', '.join(STATUSES)}"
            )
        return status
    return "upcoming" if day > today else "missing"


def _labels(root: ET.Element, first_monday: date, weeks: int, start: date) -> None:
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        sub(
            root,
            "text",
            name,
            x=num(LEFT - 6),
            y=num(TOP + row * PITCH + 10),
            font_size=SMALL,
            fill=INK,
            text_anchor="end",
        )
    shown: set[tuple[int, int]] = set()
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        day = max(monday, start)
        key = (day.year, day.month)
        if key in shown or (week > 0 and day.day > 7):
            continue
        shown.add(key)
        sub(
            root,
            "text",
            f"{day:%b}",
            x=num(LEFT + week * PITCH),
            y=num(TOP - 7),
            font_size=SMALL,
            fill=INK,
        )


def _today(parent: ET.Element, x: float, y: float) -> None:
    sub(
        parent,
        "rect",
        x=num(x - 1.5),
        y=num(y - 1.5),
        width=num(CELL + 3),
        height=num(CELL + 3),
        rx="3",
        fill="none",
        stroke="#0f172a",
        stroke_width="1.5",
    )


def _legend(root: ET.Element, y: float, *, column: float | None = None) -> None:
    """One row of keys, or with ``column`` (the phone variant) two keys a row."""
    x = LEFT
    for index, status in enumerate(("done", "partial", "skipped", "missing", "upcoming", "today")):
        if column is not None:
            x, y_row = LEFT + (index % 2) * column, y + (index // 2) * PITCH * 1.3
            _key(root, status, x, y_row)
            continue
        _key(root, status, x, y)
        x += CELL + 12 + 6.2 * len(LABELS.get(status, status))


def _key(root: ET.Element, status: str, x: float, y: float) -> None:
    if status == "today":
        _today(_cell(root, x, y, "missing", "today"), x, y)
    else:
        _cell(root, x, y, status, LABELS[status])
    sub(
        root,
        "text",
        LABELS.get(status, status),
        x=num(x + CELL + 4),
        y=num(y + 10),
        font_size=SMALL,
        fill=INK,
    )


def calendar_svg(
    *,
    start: date,
    end: date,
    done: Mapping[date, str],
    today: date,
    narrow_column_px: float | None = None,
) -> str:
    """``narrow_column_px``: draw the phone variant for a column that wide (legend in three
    rows, only as wide as the weeks, words enlarged to stay 12 CSS px or more there)."""
    first_monday = start - timedelta(days=start.weekday())
    days = [start + timedelta(days=i) for i in range(max((end - start).days + 1, 0))]
    weeks = max(1, (end - first_monday).days // 7 + 1) if days else 1
    narrow = narrow_column_px is not None
    width = max(LEFT + weeks * PITCH + 12, 200.0 if narrow else 470.0)
    height = TOP + 7 * PITCH + (10 + 3 * PITCH * 1.3 + 8 if narrow else 34)
    statuses = {day: _status(day, done, today) for day in days}
    counts = Counter(statuses.values())
    summary = ", ".join(f"{counts[s]} {LABELS[s]}" for s in LABELS if counts[s])
    desc = (
        f"Sessions from {start.isoformat()} to {end.isoformat()}: {summary}."
        if days
        else "No days in this range."
    )
    root = document(
        view_box=(0, 0, width, height),
        width=width,
        height=height,
        title="Session calendar",
        desc=desc,
    )
    _labels(root, first_monday, weeks, start)
    for day, status in statuses.items():
        column, row = (day - first_monday).days // 7, day.weekday()
        x, y = LEFT + column * PITCH, TOP + row * PITCH
        cell = _cell(root, x, y, status, f"{day:%a} {day.day} {day:%b %Y}: {LABELS[status]}")
        if day == today:
            _today(cell, x, y)
    _legend(root, TOP + 7 * PITCH + 10, column=(width - LEFT) / 2 if narrow else None)
    if narrow_column_px is not None:
        shown = float(SMALL) * narrow_column_px / width
        enlarge_text(root, max(1.0, 12.5 / shown))
    return serialize(root)
