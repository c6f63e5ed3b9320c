"""Props that move with the body: a held weight, a phone on the shin, a goniometer at the
ankle, a hand pressing on the body; and the motion marks: the dashed loop that says "this
part moves in circles", the strokes that say "hop up and down", the arrow that says "sideways"."""

from __future__ import annotations

from collections.abc import Sequence

from dorsi.draw.kinematics import Point, Skeleton, direction, phi_of
from dorsi.draw.props_base import HALF, PropSpec, Shape, attached, body_point
from dorsi.draw.svg import num, sx, sy


def _weight_centre(body: Skeleton, at: str, radius: float) -> Point:
    """In the hand when held, otherwise resting on top of the body point."""
    if at.endswith("wrist"):
        arm = body.near_arm if at.startswith("near") else body.far_arm
        return Point((arm.wrist.x + arm.hand.x) / 2, (arm.wrist.y + arm.hand.y) / 2)
    return body_point(body, at) + Point(0.0, radius + HALF)


def weight(spec: PropSpec, frames: Sequence[Skeleton]) -> Shape:
    """A kettlebell hanging from the hands, or a plate resting on a body point."""
    radius = 0.035
    centres = [_weight_centre(b, spec.at, radius) for b in frames]
    extent = tuple(
        c + Point(dx, dy) for c in centres for dx in (-radius, radius) for dy in (-radius, radius)
    )
    return Shape(
        "circle",
        {"r": num(sx(radius)), "fill": "#475569", "stroke": "#0f172a", "stroke-width": "0.6"},
        {"cx": tuple(num(sx(c.x)) for c in centres), "cy": tuple(num(sy(c.y)) for c in centres)},
        extent,
        front=True,
    )


def _on_shank(body: Skeleton, along: float, across: float) -> Point:
    leg = body.near_leg
    shank = leg.ankle - leg.knee
    front = direction(phi_of(shank) + 90.0)
    return leg.knee + shank.scaled(along) + front.scaled(across)


def phone(frames: Sequence[Skeleton]) -> Shape:
    """A phone strapped to the front of the shin, as for the inclinometer lunge angle."""
    corners = [
        [
            _on_shank(b, a, c)
            for a, c in ((0.2, HALF), (0.5, HALF), (0.5, HALF + 0.022), (0.2, HALF + 0.022))
        ]
        for b in frames
    ]
    return attached(corners, "polygon", fill="#0ea5e9", stroke="#0369a1", stroke_width="0.5")


def goniometer(frames: Sequence[Skeleton]) -> Shape:
    """Two arms of a goniometer: one along the shank, one along the sole."""
    arms = []
    for b in frames:
        leg = b.near_leg
        up = direction(phi_of(leg.knee - leg.ankle)).scaled(0.13)
        sole = direction(leg.foot_phi).scaled(0.1)
        arms.append([leg.ankle + up, leg.ankle, leg.ankle + sole])
    return attached(arms, "polyline", fill="none", stroke="#d97706", stroke_width="1.2")


def circle(spec: PropSpec, frames: Sequence[Skeleton]) -> Shape:
    """A dashed loop with an arrowhead around a body point: it moves in circles."""
    spots = [body_point(b, spec.at) for b in frames]
    c = Point(sum(p.x for p in spots) / len(spots), sum(p.y for p in spots) / len(spots))
    rx, ry = 0.07, 0.045
    d = (
        f"M{num(sx(c.x - rx))},{num(sy(c.y))}a{num(sx(rx))},{num(sx(ry))} 0 1 1 "
        f"{num(sx(rx))},{num(sx(ry))}m0,0l-2,2.4m2,-2.4l-3,-0.6"
    )
    extent = (Point(c.x - rx, c.y - ry), Point(c.x + rx, c.y + ry))
    style = {
        "fill": "none",
        "stroke": "#d97706",
        "stroke-width": "0.8",
        "stroke-dasharray": "2 1.5",
    }
    return Shape("path", {"d": d, **style}, extent=extent, front=True)


MOTION = {"fill": "none", "stroke": "#d97706", "stroke-width": "0.9", "stroke-linecap": "round"}


def hand(spec: PropSpec, frames: Sequence[Skeleton]) -> list[Shape]:
    """The palm on a spot of the body (the arm already reaches it, see ``frames.hand_on``); on
    the talus an arrow shows the press: backwards, towards the heel."""
    spots = [body_point(b, spec.at) for b in frames]
    r = 0.016
    extent = tuple(p + Point(dx, dy) for p in spots for dx in (-r, r) for dy in (-r, r))
    palm = Shape(
        "circle",
        {"r": num(sx(r)), "fill": "#f59e0b", "stroke": "#92400e", "stroke-width": "0.6"},
        {"cx": tuple(num(sx(p.x)) for p in spots), "cy": tuple(num(sy(p.y)) for p in spots)},
        extent,
        front=True,
    )
    palm = Shape(palm.tag, {**palm.attrs, "class": "dorsi-hand"}, palm.frames, extent, front=True)
    if not spec.at.endswith("talus"):
        return [palm]
    arrows = []
    for p in spots:
        tail, head = p + Point(0.07, 0.0), p + Point(0.025, 0.0)
        arrows.append([tail, head, head + Point(0.012, 0.01), head, head + Point(0.012, -0.01)])
    return [palm, attached(arrows, "polyline", **MOTION)]


def bounce(frames: Sequence[Skeleton]) -> Shape:
    """Short upright strokes either side of the feet: quick hops straight up and down."""
    leg = frames[0].near_leg
    floor = min(min(b.near_leg.toe.y, b.near_leg.heel.y) for b in frames) - HALF
    marks = []
    for x in (leg.heel.x - 0.05, leg.heel.x - 0.075, leg.toe.x + 0.05, leg.toe.x + 0.075):
        marks.append(f"M{num(sx(x))},{num(sy(floor + 0.015))}V{num(sy(floor + 0.07))}")
    extent = (Point(leg.heel.x - 0.08, floor), Point(leg.toe.x + 0.08, floor + 0.07))
    return Shape("path", {"d": "".join(marks), **MOTION}, extent=extent, front=True)


def sideways(frames: Sequence[Skeleton]) -> Shape:
    """A double arrow drawn into the page under the standing foot: the hop goes sideways,
    across the line of sight."""
    leg = frames[0].near_leg
    floor = min(leg.toe.y, leg.heel.y) - HALF
    a, b = Point(leg.ankle.x - 0.09, floor - 0.035), Point(leg.ankle.x + 0.09, floor + 0.035)
    d = (
        f"M{num(sx(a.x))},{num(sy(a.y))}L{num(sx(b.x))},{num(sy(b.y))}"
        f"m-3,-0.2l3,0.2l-1.2,2.7"
        f"M{num(sx(a.x))},{num(sy(a.y))}m3,0.2l-3,-0.2l1.2,-2.7"
    )
    style = {**MOTION, "stroke-dasharray": "3 1.5"}
    return Shape("path", {"d": d, **style}, extent=(a, b), front=True)
