"""Props that move with the body: a held weight, a phone on the shin, a goniometer at the
ankle, and the dashed loop that says "this part moves in circles"."""

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
