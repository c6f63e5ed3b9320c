"""Props of the figures (wall, step, band, roller, ...) as shapes.

Props are placed from the body, not by hand: a wall stands where the knee reaches at its
furthest, plates fill the gap under raised heels, a roller fits under the calf. So a prop
follows when a pose in the data is tuned.
"""

from __future__ import annotations

from collections.abc import Sequence

from dorsi.draw.kinematics import Point, Skeleton
from dorsi.draw.markers import bounce, circle, goniometer, hand, phone, sideways, weight
from dorsi.draw.props_base import (
    BAND,
    HALF,
    SURFACE,
    PropSpec,
    Shape,
    attached,
    body_point,
    rect,
)
from dorsi.draw.svg import num, points_attr, sx, sy


def wall_x(spec: PropSpec, frames: Sequence[Skeleton]) -> float:
    """The surface of a wall: touching ``at`` where it reaches furthest, plus ``gap``."""
    if spec.behind:
        return min(body_point(b, spec.at).x for b in frames) - HALF - spec.gap
    return max(body_point(b, spec.at).x for b in frames) + HALF + spec.gap


def _wall(spec: PropSpec, frames: Sequence[Skeleton]) -> Shape:
    x = wall_x(spec, frames)
    top = max(max(p.y for p in b.points()) for b in frames) + 0.12
    return rect(x, -HALF, x - 0.05 if spec.behind else x + 0.05, top, **SURFACE)


def _post(spec: PropSpec, frames: Sequence[Skeleton]) -> Shape:
    x = max(body_point(b, spec.at).x for b in frames) + HALF / 2
    top = max(body_point(b, spec.at).y for b in frames) + 0.15
    return rect(x, -HALF, x + 0.025, top, **SURFACE)


def _tape(wall_at: float, frames: Sequence[Skeleton]) -> Shape:
    """A tape measure on the floor from the big toe to the wall, a tick every 0.02."""
    toe = frames[0].near_leg.toe.x
    ticks = [Point(toe + i * 0.02, -HALF) for i in range(int((wall_at - toe) / 0.02) + 1)]
    d = " ".join(f"M{num(sx(p.x))},{num(sy(p.y))}v-1.6" for p in ticks)
    d += f" M{num(sx(toe))},{num(sy(-HALF))}H{num(sx(wall_at))}"
    return Shape(
        "path", {"d": d, "stroke": "#ca8a04", "stroke-width": "0.8", "fill": "none"}, front=True
    )


def _band(spec: PropSpec, frames: Sequence[Skeleton]) -> list[Shape]:
    fixed = Point(spec.x, spec.y)
    ends = [[body_point(b, spec.at) if spec.at else fixed, body_point(b, spec.to)] for b in frames]
    style = BAND if spec.kind == "band" else {**BAND, "stroke": "#7c3aed"}
    shapes = [attached(ends, "polyline", **style)]
    if not spec.at:
        shapes.append(rect(spec.x - 0.02, -HALF, spec.x + 0.02, spec.y + 0.03, **SURFACE))
    return shapes


def _roller(spec: PropSpec, frames: Sequence[Skeleton]) -> Shape:
    calf = body_point(frames[0], spec.at)
    radius = max(0.015, calf.y / 2)  # from the floor line up to the underside of the calf
    centre = Point(calf.x, radius - HALF)
    attrs = {
        "cx": num(sx(centre.x)),
        "cy": num(sy(centre.y)),
        "r": num(sx(radius)),
        "fill": "#93c5fd" if spec.kind == "roller" else "#fca5a5",
        "stroke": "#1d4ed8" if spec.kind == "roller" else "#b91c1c",
        "stroke-width": "0.8",
    }
    extent = (Point(centre.x - radius, -HALF), Point(centre.x + radius, centre.y + radius))
    return Shape("circle", attrs, extent=extent)


def _under_feet(spec: PropSpec, frames: Sequence[Skeleton]) -> list[Shape]:
    shapes = []
    for name in ("near_leg", "far_leg"):
        heel, toe = getattr(frames[0], name).heel, getattr(frames[0], name).toe
        if spec.kind == "plates":
            top = min(getattr(b, name).heel.y for b in frames)
            if top > 0.002:
                style = {**SURFACE, "fill": "#94a3b8"}
                shapes.append(rect(heel.x - 0.025, -HALF, heel.x + 0.045, top - HALF, **style))
            continue
        corners = (
            Point(heel.x - 0.02, -HALF),
            Point(heel.x - 0.02, heel.y - HALF),
            Point(toe.x + 0.02, toe.y - HALF),
            Point(toe.x + 0.02, -HALF),
        )
        shapes.append(Shape("polygon", {"points": points_attr(corners), **SURFACE}, extent=corners))
    return shapes


def _chair(seat: float, frames: Sequence[Skeleton]) -> list[Shape]:
    hip = frames[0].hip
    top = seat - HALF
    return [
        rect(hip.x - 0.1, top - 0.03, hip.x + 0.14, top, **SURFACE),
        rect(hip.x - 0.1, -HALF, hip.x - 0.08, top + 0.3, **SURFACE),
        rect(hip.x + 0.12, -HALF, hip.x + 0.14, top, **SURFACE),
    ]


def prop_shapes(
    specs: Sequence[PropSpec], frames: Sequence[Skeleton], *, seat: float
) -> list[Shape]:
    """Every prop of a figure as shapes (a tape runs from the near toe to the first wall)."""
    shapes: list[Shape] = []
    walls = [wall_x(spec, frames) for spec in specs if spec.kind == "wall"]
    for spec in specs:
        if spec.kind == "wall":
            shapes.append(_wall(spec, frames))
        elif spec.kind == "tape":
            shapes.extend(_tape(x, frames) for x in walls[:1])
        else:
            shapes.extend(_single(spec, frames, seat))
    return shapes


def _single(spec: PropSpec, frames: Sequence[Skeleton], seat: float) -> list[Shape]:
    kind = spec.kind
    if kind == "post":
        return [_post(spec, frames)]
    if kind == "step":
        return [rect(spec.back, -HALF, spec.front, spec.height - HALF, **SURFACE)]
    if kind in ("band", "strap"):
        return _band(spec, frames)
    if kind in ("roller", "ball"):
        return [_roller(spec, frames)]
    if kind in ("plates", "wedge"):
        return _under_feet(spec, frames)
    if kind == "chair":
        return _chair(seat, frames)
    if kind == "weight":
        return [weight(spec, frames)]
    if kind == "phone":
        return [phone(frames)]
    if kind == "goniometer":
        return [goniometer(frames)]
    if kind == "circle":
        return [circle(spec, frames)]
    if kind == "hand":
        return hand(spec, frames)
    if kind == "bounce":
        return [bounce(frames)]
    if kind == "sideways":
        return [sideways(frames)]
    return []
