"""Small SVG writing helpers shared by the figures and the charts.

Documents are built with ``xml.etree.ElementTree`` so text is always escaped and the
output is always well-formed XML. No ``id`` attributes are written: several figures and
charts may sit in one page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from dorsi.draw.kinematics import Point

SVG_NS = "http://www.w3.org/2000/svg"
SCALE = 100.0  # SVG units per unit of body height


def num(value: float, digits: int = 1) -> str:
    """A compact number: ``12.0`` -> ``"12"``, ``-0.04`` -> ``"0"``."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def sx(x: float) -> float:
    return x * SCALE


def sy(y: float) -> float:
    return -y * SCALE


def xy(point: Point) -> str:
    return f"{num(sx(point.x))},{num(sy(point.y))}"


def points_attr(points: Sequence[Point]) -> str:
    return " ".join(xy(p) for p in points)


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """Append a child; ``stroke_width="2"`` becomes ``stroke-width="2"``."""
    child = ET.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        child.text = text
    return child


def document(
    *,
    view_box: tuple[float, float, float, float],
    width: float,
    height: float,
    title: str,
    desc: str,
) -> ET.Element:
    """An accessible ``<svg>`` root: role img, a label, ``<title>`` and ``<desc>`` first."""
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": " ".join(num(v, 2) for v in view_box),
            "width": num(width, 0),
            "height": num(height, 0),
            "role": "img",
            "aria-label": title,
            "font-family": "system-ui, sans-serif",
        },
    )
    sub(root, "title", title)
    sub(root, "desc", desc)
    return root


def enlarge_text(root: ET.Element, factor: float) -> None:
    """Multiply every font size by ``factor``: the narrow (phone) variant of a chart keeps its
    drawing but sets its words large enough to read once the SVG is shrunk to a phone's width."""
    if factor == 1.0:
        return
    for element in root.iter():
        size = element.get("font-size")
        if size is not None:
            element.set("font-size", num(float(size) * factor, 1))


def serialize(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")
