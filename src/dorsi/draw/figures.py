"""Animated side-view stick figures of every assessment test and exercise.

``figure_svg(key)`` draws the figure for an exercise id, a test id (``knee_to_wall``...) or
a base movement pattern (``deep_squat``...). Resolution order: a figure of its own in
``data/poses.toml`` -> the exercise's ``pose`` pattern in the exercise library
(``dorsi.core.library.exercises``) -> the pattern itself -> ``ValidationError``.

The animated SVG moves between the key poses with SMIL (3.6 s, forever) and carries a
still version (the start pose faint, the end pose solid) that a
``prefers-reduced-motion: reduce`` media query inside the SVG swaps in. ``animate=False``
returns only the still version. The body is drawn in ``currentColor``: it follows the
text colour of the page, light or dark theme.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import replace

from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.draw.frames import frames as make_frames
from dorsi.draw.frames import hand_on, hands_on_wall
from dorsi.draw.kinematics import HEAD_RADIUS, Point, Skeleton
from dorsi.draw.poses import FigureSpec, load_poses
from dorsi.draw.props import prop_shapes, wall_x
from dorsi.draw.props_base import HALF, STROKE, Shape, body_point
from dorsi.draw.svg import document, num, points_attr, serialize, sub, sx, sy

STEPS = 8  # frames between two key poses
DURATION_S = 3.6
ASPECT = 0.75  # height / width of every figure
MARGIN = 0.06
MIN_WIDTH = 1.45  # so that compact figures (a squat, kneeling) keep the scale of a standing one
MOTION_CSS = (
    ".dorsi-still{display:none}"
    "@media (prefers-reduced-motion: reduce){.dorsi-motion{display:none}"
    ".dorsi-still{display:inline}}"
)
FAR_OPACITY = "0.42"


def figure_keys() -> tuple[str, ...]:
    """Every key :func:`figure_svg` draws: test ids, exercise ids and the base patterns."""
    library = load_poses()
    return tuple(sorted({*library.patterns, *library.figures, *load_library().ids}))


def figure_spec(key: str) -> FigureSpec:
    library = load_poses()
    if key in library.figures:
        return library.figures[key]
    exercises = load_library()
    if key in exercises:
        exercise = exercises.get(key)
        return replace(library.patterns[exercise.pose.value], key=key, title=exercise.name)
    if key in library.patterns:
        return library.patterns[key]
    raise ValidationError("figure", f"no figure for {key!r}")


def spec_frames(spec: FigureSpec) -> list[Skeleton]:
    """Every animation frame of a figure, the hands already put on a wall if they rest on one."""
    frames = make_frames(spec.keys, spec.stage, steps=STEPS, loop=spec.loop)
    for prop in spec.props:
        if prop.kind == "wall" and prop.hands:
            frames = hands_on_wall(frames, wall_x(prop, frames), reach=STROKE * 0.4)
        if prop.kind == "hand":
            frames = hand_on(frames, [body_point(b, prop.at) for b in frames])
    return frames


def _limb(points: Sequence[Sequence[Point]], width: float, far: bool) -> Shape:
    style = {
        "fill": "none",
        "stroke": "currentColor",
        "stroke-width": num(sx(width)),
        "stroke-linecap": "round",
        "stroke-linejoin": "round",
    }
    if far:
        style["stroke-opacity"] = FAR_OPACITY
    values = tuple(points_attr(ps) for ps in points)
    return Shape("polyline", style, {"points": values}, tuple(p for ps in points for p in ps))


def body_shapes(frames: Sequence[Skeleton]) -> list[Shape]:
    """Far limbs (faint) behind the trunk and head, near limbs (solid) in front."""

    def leg(b: Skeleton, far: bool) -> list[Point]:
        g = b.far_leg if far else b.near_leg
        return [g.hip, g.knee, g.ankle, g.heel, g.toe, g.ankle]

    def arm(b: Skeleton, far: bool) -> list[Point]:
        a = b.far_arm if far else b.near_arm
        return [a.shoulder, a.elbow, a.wrist, a.hand]

    heads = [b.head for b in frames]
    r = HEAD_RADIUS
    head = Shape(
        "circle",
        {"r": num(sx(r)), "fill": "currentColor"},
        {"cx": tuple(num(sx(h.x)) for h in heads), "cy": tuple(num(sy(h.y)) for h in heads)},
        tuple(h + Point(dx, dy) for h in heads for dx in (-r, r) for dy in (-r, r)),
    )
    return [
        _limb([arm(b, True) for b in frames], STROKE * 0.8, far=True),
        _limb([leg(b, True) for b in frames], STROKE, far=True),
        _limb([[b.hip, b.shoulder, b.neck] for b in frames], STROKE * 1.15, far=False),
        head,
        _limb([leg(b, False) for b in frames], STROKE, far=False),
        _limb([arm(b, False) for b in frames], STROKE * 0.8, far=False),
    ]


def _view_box(shapes: Sequence[Shape]) -> tuple[float, float, float, float]:
    pts = [p for s in shapes for p in s.extent] + [Point(0.0, -HALF)]
    x0 = min(p.x for p in pts) - MARGIN
    x1 = max(p.x for p in pts) + MARGIN
    y0 = min(p.y for p in pts) - MARGIN
    y1 = max(p.y for p in pts) + MARGIN
    if x1 - x0 < MIN_WIDTH:
        x0 -= (MIN_WIDTH - (x1 - x0)) / 2
        x1 = x0 + MIN_WIDTH
    width, height = x1 - x0, y1 - y0
    if height < width * ASPECT:  # grow upwards: the floor stays near the bottom edge
        height = width * ASPECT
    else:
        x0 -= (height / ASPECT - width) / 2
        width = height / ASPECT
    return sx(x0), sy(y0 + height), sx(width), sx(height)


def _draw(parent: ET.Element, shape: Shape, index: int | None, extra: Mapping[str, str]) -> None:
    """``index`` None animates through every frame; otherwise that frame, still."""
    attrs = {**shape.attrs, **extra}
    attrs.update({k: v[0 if index is None else index] for k, v in shape.frames.items()})
    node = sub(parent, shape.tag, **attrs)
    if index is not None:
        return
    for name, values in shape.frames.items():
        if len(set(values)) > 1:
            sub(
                node,
                "animate",
                attributeName=name,
                values=";".join(values),
                dur=f"{DURATION_S:g}s",
                repeatCount="indefinite",
            )


def _still(parent: ET.Element, body: Sequence[Shape], props: Sequence[Shape], end: int) -> None:
    ghost = sub(parent, "g", opacity="0.25")
    for shape in body:
        _draw(ghost, shape, 0, {})
    for shape in [*(p for p in props if not p.front), *body, *(p for p in props if p.front)]:
        _draw(parent, shape, end, {})


def figure_svg(
    key: str, *, animate: bool = True, size_px: int = 240, embed_css: bool = True
) -> str:
    """The figure for ``key`` as a standalone, accessible SVG document (a string).

    ``embed_css=False`` leaves out the reduced-motion ``<style>`` for SVG placed inside an HTML
    page, whose Content-Security-Policy refuses inline styles: the page's stylesheet carries
    the same rules (:data:`MOTION_CSS`)."""
    if size_px <= 0:
        raise ValidationError("size_px", "must be positive")
    spec = figure_spec(key)
    frames = spec_frames(spec)
    body = body_shapes(frames)
    props = prop_shapes(spec.props, frames, seat=spec.stage.seat)
    vb = _view_box([*body, *props])
    root = document(
        view_box=vb,
        width=size_px,
        height=round(size_px * ASPECT),
        title=spec.title,
        desc=spec.description,
    )
    ground_y = num(sy(-HALF))
    sub(
        root,
        "line",
        x1=num(vb[0]),
        x2=num(vb[0] + vb[2]),
        y1=ground_y,
        y2=ground_y,
        stroke="#64748b",
        stroke_width="0.8",
    )
    end = STEPS * (len(spec.keys) - 1)
    if not animate:
        _still(root, body, props, end)
        return serialize(root)
    if embed_css:
        sub(root, "style", MOTION_CSS)
    motion = sub(root, "g", **{"class": "dorsi-motion"})
    for shape in [*(p for p in props if not p.front), *body, *(p for p in props if p.front)]:
        _draw(motion, shape, None, {})
    _still(sub(root, "g", **{"class": "dorsi-still"}), body, props, end)
    return serialize(root)
