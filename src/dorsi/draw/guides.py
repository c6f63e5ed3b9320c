"""Drawings that show how to use the phone itself: where to hold it on the shin for the lunge
angle (after a check on a wall), and where to put it to film a squat or a lunge.

Like the exercise figures they are built from the stick-figure kinematics (the lunge of the
``wb_angle`` test, the standing start of the squat screen), drawn in ``currentColor`` so they
follow the page's theme, with a title and a description for screen readers.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from dorsi.core.thresholds import INCLINOMETER_BELOW_KNEE_CM
from dorsi.draw.figures import STEPS, body_shapes, figure_spec, spec_frames
from dorsi.draw.kinematics import SHANK, Point, Skeleton, direction, phi_of
from dorsi.draw.props_base import HALF, SURFACE
from dorsi.draw.svg import document, num, points_attr, serialize, sub, sx, sy

PHONE = {"fill": "#0ea5e9", "stroke": "#0369a1", "stroke-width": "0.6"}
MARK = {"stroke": "#d97706", "fill": "none", "stroke-width": "1.2"}
DASHED = {**MARK, "stroke-dasharray": "3 2"}
LABEL_PX = "8"  # SVG units: about 13 CSS px at the width of a phone screen
FILM_LABEL_PX = "10"  # the filming guide is wider: larger units for the same text size
# Height 1.75 m: how far below the knee the phone sits, as a fraction of height.
PHONE_FROM_KNEE = INCLINOMETER_BELOW_KNEE_CM / 175.0
PHONE_LENGTH = 0.1
PHONE_DEPTH = 0.018
HEAD_ROOM = 0.08  # above the head, inside the frame
SCREEN_X = 100.0  # where the screen panel starts, SVG units
SCREEN_HEIGHT = 104.0


def _label(parent: ET.Element, at: Point, text: str, anchor: str = "start") -> None:
    sub(
        parent,
        "text",
        text,
        x=num(sx(at.x)),
        y=num(sy(at.y)),
        font_size=LABEL_PX,
        fill="currentColor",
        text_anchor=anchor,
    )


def _still_body(parent: ET.Element, body: Skeleton) -> None:
    """One frame of a stick figure (far limbs faint, near limbs solid)."""
    for shape in body_shapes([body]):
        attrs = {**shape.attrs, **{k: v[0] for k, v in shape.frames.items()}}
        ET.SubElement(parent, shape.tag, attrs)


def _phone_on_segment(base: Point, along: Point, front: Point) -> list[Point]:
    """A phone lying flat on a surface: ``along`` its long axis (towards its top edge),
    ``front`` the way its screen faces."""
    top = base + along.scaled(PHONE_LENGTH)
    out = front.scaled(PHONE_DEPTH)
    return [base, top, top + out, base + out]


def lunge_frame() -> Skeleton:
    """The far end of the knee-to-wall lunge of the ``wb_angle`` test figure."""
    spec = figure_spec("wb_angle")
    return spec_frames(spec)[STEPS * (len(spec.keys) - 1)]


def _shin_panel(root: ET.Element, body: Skeleton) -> list[Point]:
    """The lunge with the phone on the front of the near shin and the angle it reads."""
    _still_body(root, body)
    leg = body.near_leg
    up_shin = direction(phi_of(leg.knee - leg.ankle))  # unit vector ankle -> knee
    front = direction(phi_of(leg.knee - leg.ankle) - 90.0)  # the front of the shin
    base = leg.knee - up_shin.scaled(PHONE_FROM_KNEE + PHONE_LENGTH) + front.scaled(HALF)
    phone = _phone_on_segment(base, up_shin, front)
    sub(root, "polygon", points=points_attr(phone), **PHONE)
    # The angle it reads: the shin from vertical.
    vertical_top = leg.ankle + Point(0.0, SHANK * 1.1)
    sub(root, "polyline", points=points_attr([vertical_top, leg.ankle]), **DASHED)
    radius = SHANK * 0.6
    start = leg.ankle + Point(0.0, radius)
    end = leg.ankle + up_shin.scaled(radius)
    sub(
        root,
        "path",
        d=f"M{num(sx(start.x))},{num(sy(start.y))}A{num(sx(radius))},{num(sx(radius))} 0 0 1 "
        f"{num(sx(end.x))},{num(sy(end.y))}",
        **MARK,
    )
    _label(root, phone[2] + Point(0.03, -0.02), "phone")
    _label(root, body.head + Point(-0.1, 0.0), "2. on the shin", anchor="end")
    floor = min(p.y for p in body.points()) - HALF
    ground = [Point(leg.heel.x - 0.75, floor), Point(leg.toe.x + 0.25, floor)]
    sub(root, "polyline", points=points_attr(ground), stroke="#64748b", stroke_width="0.8")
    top = body.head + Point(0.0, HEAD_ROOM)
    return [*body.points(), *phone, vertical_top, top, *ground]


def _wall_panel(root: ET.Element, x: float, floor: float, height: float) -> list[Point]:
    """First step: the phone flat against a wall, its long side vertical; it should read 0°."""
    wall = [Point(x, floor), Point(x, floor + height), Point(x + 0.04, floor + height)]
    wall.append(Point(x + 0.04, floor))
    sub(root, "polygon", points=points_attr(wall), **SURFACE)
    base = Point(x - PHONE_DEPTH, floor + height * 0.55)
    phone = _phone_on_segment(base, Point(0.0, 1.0), Point(-1.0, 0.0))
    sub(root, "polygon", points=points_attr(phone), **PHONE)
    _label(root, Point(x - 0.04, floor + height * 0.55), "0°", anchor="end")
    _label(root, Point(x + 0.02, floor + height + 0.04), "1. on a wall", anchor="middle")
    return [*wall, *phone, Point(x - 0.22, floor), Point(x + 0.24, floor + height + 0.1)]


def _fit(points: Sequence[Point]) -> tuple[float, float, float, float]:
    x0 = min(p.x for p in points) - 0.04
    x1 = max(p.x for p in points) + 0.2  # room for the labels on the right
    y0 = min(p.y for p in points) - 0.04
    y1 = max(p.y for p in points) + 0.04
    return sx(x0), sy(y1), sx(x1 - x0), sx(y1 - y0)


def box_top(box: tuple[float, float, float, float]) -> float:
    return -box[1] / sx(1.0)


def phone_on_shin_svg(*, size_px: int = 320) -> str:
    """Where the phone goes for the lunge angle: first flat on a wall (it must read 0°), then
    flat on the front of the shin below the knee, its top edge towards the knee, screen out."""
    body = lunge_frame()
    floor = min(p.y for p in body.points()) - HALF
    scratch = ET.Element("g")
    shin = _shin_panel(scratch, body)
    wall_x = min(p.x for p in shin) - 0.3
    box = _fit([*shin, *_wall_panel(scratch, wall_x, floor, 0.6)])
    root = document(
        view_box=box,
        width=size_px,
        height=round(size_px * box[3] / box[2]),
        title="Where to hold the phone for the lunge angle",
        desc=(
            "First the phone lies flat against a wall with its long side vertical and should "
            "read 0 degrees. Then, in the knee-to-wall lunge with the heel down, it lies flat "
            "on the front of the shin a hand's width below the knee, its top edge towards the "
            "knee and its screen facing out; it reads the shin's angle from vertical."
        ),
    )
    _wall_panel(root, wall_x, floor, 0.6)
    between = [Point(wall_x + 0.16, floor), Point(wall_x + 0.16, box_top(box))]
    sub(root, "polyline", points=points_attr(between), stroke="#64748b", stroke_dasharray="1 2")
    _shin_panel(root, body)
    return serialize(root)


def _top_view(root: ET.Element) -> None:
    """Seen from above: the person faces right, the camera is 2-3 m to their side."""
    g = sub(root, "g", transform="translate(0 8)")
    sub(g, "text", "from above", x="4", y="4", font_size=FILM_LABEL_PX, fill="currentColor")
    sub(g, "ellipse", cx="46", cy="24", rx="5", ry="12", fill="none", stroke="currentColor")
    sub(g, "circle", cx="46", cy="24", r="4.5", fill="currentColor")
    for y in ("17", "28"):
        sub(g, "rect", x="44", y=y, width="11", height="3.5", rx="1.5", fill="currentColor")
    sub(g, "path", d="M60,24h10m-3,-3l3,3l-3,3", **MARK)
    # Camera on its stand, its lens towards the person; the field of view covers them.
    sub(g, "rect", x="40", y="92", width="12", height="6", rx="1", **PHONE)
    sub(g, "path", d="M46,92L24,8M46,92L68,8", stroke="#64748b", stroke_dasharray="2 2")
    sub(g, "path", d="M22,24V92m-2.5,-4l2.5,4l2.5,-4M19.5,28l2.5,-4l2.5,4", **MARK)
    label = {"font_size": FILM_LABEL_PX, "fill": "currentColor"}
    sub(
        g,
        "text",
        "2–3 m",
        x="17",
        y="58",
        text_anchor="middle",
        transform="rotate(-90 17 58)",
        **label,
    )
    sub(g, "text", "phone", x="55", y="99", **label)


def _screen_view(root: ET.Element) -> None:
    """On the screen: the whole body and both feet, side-on, the phone at hip height."""
    body = spec_frames(figure_spec("deep_squat"))[STEPS // 2]
    points = body.points()
    floor = min(p.y for p in points) - HALF
    left = min(p.x for p in points) - 0.12
    right = max(p.x for p in points) + 0.12
    top = max(p.y for p in points) + HEAD_ROOM
    bottom = floor - 0.05
    scale = SCREEN_HEIGHT / sx(top - bottom)
    g = sub(
        root,
        "g",
        transform=f"translate({num(SCREEN_X - sx(left) * scale)} {num(6 - sy(top) * scale)}) "
        f"scale({num(scale, 3)})",
    )
    frame = [Point(left, bottom), Point(left, top), Point(right, top), Point(right, bottom)]
    sub(g, "polygon", points=points_attr(frame), fill="none", stroke="#0369a1", stroke_width="2")
    _still_body(g, body)
    ground = [Point(left, floor), Point(right, floor)]
    sub(g, "polyline", points=points_attr(ground), stroke="#64748b", stroke_width="0.8")
    hip_line = [Point(left, body.hip.y), Point(right + 0.1, body.hip.y)]
    sub(g, "polyline", points=points_attr(hip_line), **DASHED)
    x = SCREEN_X + sx(right - left) * scale + 4
    hip_y = 6 + sy(body.hip.y - top) * scale
    label = {"font_size": FILM_LABEL_PX, "fill": "currentColor"}
    sub(root, "text", "phone at", x=num(x), y=num(hip_y - 14), **label)
    sub(root, "text", "hip height", x=num(x), y=num(hip_y - 3), **label)
    sub(root, "text", "on the screen", x=num(SCREEN_X), y=num(SCREEN_HEIGHT + 19), **label)


def filming_guide_svg(*, size_px: int = 320) -> str:
    """How to film a squat or a lunge for the video analysis."""
    root = document(
        view_box=(0.0, 0.0, 245.0, 130.0),
        width=size_px,
        height=round(size_px * 130 / 245),
        title="How to film for the video analysis",
        desc=(
            "Seen from above: the phone stands 2 to 3 metres to the side of the person, at a "
            "right angle to the way they face. On the phone's screen: the person side-on, the "
            "whole body from head to both feet inside the frame, the phone at hip height."
        ),
    )
    _top_view(root)
    _screen_view(root)
    return serialize(root)
