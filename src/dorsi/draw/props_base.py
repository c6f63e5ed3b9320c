"""The vocabulary of figure props: their data (validated), the body points they attach
to, and the animated SVG shape every part of a figure becomes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dorsi.core.errors import ValidationError
from dorsi.draw.kinematics import Point, Skeleton
from dorsi.draw.svg import num, points_attr, sx, sy

STROKE = 0.04  # limb thickness, fraction of height
HALF = STROKE / 2  # surfaces are drawn this much below the contact points

BODY_POINTS = (
    "hip",
    "shoulder",
    "head",
    "near_knee",
    "far_knee",
    "near_ankle",
    "far_ankle",
    "near_heel",
    "far_heel",
    "near_toe",
    "far_toe",
    "near_wrist",
    "far_wrist",
    "near_elbow",
    "far_elbow",
    "near_calf",
    "far_calf",
    "near_shin",
    "far_shin",
    "near_shin_top",
    "far_shin_top",
    "near_talus",
    "far_talus",
)
# kind -> (required fields, optional fields)
PROP_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "wall": (("at",), ("gap", "hands", "behind")),
    "post": (("at",), ()),
    "tape": ((), ()),
    "step": (("height", "back", "front"), ()),
    "band": (("to",), ("at", "x", "y")),
    "strap": (("at", "to"), ()),
    "roller": (("at",), ()),
    "ball": (("at",), ()),
    "plates": ((), ()),
    "wedge": ((), ()),
    "chair": ((), ()),
    "weight": (("at",), ()),
    "phone": ((), ()),
    "goniometer": ((), ()),
    "circle": (("at",), ()),
    "hand": (("at",), ()),
    "bounce": ((), ()),
    "sideways": ((), ()),
}


@dataclass(frozen=True)
class PropSpec:
    kind: str
    at: str = ""
    to: str = ""
    x: float = 0.0
    y: float = 0.0
    height: float = 0.0
    back: float = 0.0
    front: float = 0.0
    gap: float = 0.0
    hands: bool = False  # the hands rest on it (a wall)
    behind: bool = False  # a wall behind the person (leaning back on it)


def parse_prop(raw: object, path: str) -> PropSpec:
    if not isinstance(raw, Mapping):
        raise ValidationError(path, "must be a table")
    kind = raw.get("kind")
    if kind not in PROP_FIELDS:
        raise ValidationError(f"{path}.kind", f"unknown prop {kind!r}; use {sorted(PROP_FIELDS)}")
    required, optional = PROP_FIELDS[kind]
    for key in raw:
        if key != "kind" and key not in required + optional:
            raise ValidationError(f"{path}.{key}", f"not a field of a {kind}")
    for key in required:
        if key not in raw:
            raise ValidationError(f"{path}.{key}", f"a {kind} needs it")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("at", "to"):
            if value not in BODY_POINTS:
                raise ValidationError(f"{path}.{key}", f"unknown body point {value!r}")
        elif key in ("hands", "behind"):
            if not isinstance(value, bool):
                raise ValidationError(f"{path}.{key}", "must be true or false")
        elif key != "kind" and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValidationError(f"{path}.{key}", "must be a number (fraction of height)")
        values[key] = value if key in ("kind", "at", "to", "hands", "behind") else float(value)
    if kind == "band" and "at" not in raw and not ("x" in raw and "y" in raw):
        raise ValidationError(f"{path}.at", "a band is tied to a body point (at) or to x and y")
    return PropSpec(**values)


def body_point(body: Skeleton, name: str) -> Point:
    side, _, part = name.partition("_")
    if not part:
        return {"hip": body.hip, "shoulder": body.shoulder, "head": body.head}[name]
    leg = body.near_leg if side == "near" else body.far_leg
    arm = body.near_arm if side == "near" else body.far_arm
    shank = leg.ankle - leg.knee
    return {
        "knee": leg.knee,
        "ankle": leg.ankle,
        "heel": leg.heel,
        "toe": leg.toe,
        "calf": leg.knee + shank.scaled(0.55),
        "shin": leg.knee + shank.scaled(0.35),
        # Just below the knee, where a hand turns the shin.
        "shin_top": leg.knee + shank.scaled(0.15),
        # The front of the ankle, where the talus sits under the shin bone.
        "talus": leg.ankle + (leg.toe - leg.ankle).scaled(0.22) + Point(0.0, 0.012),
        "wrist": arm.wrist,
        "elbow": arm.elbow,
    }[part]


@dataclass(frozen=True)
class Shape:
    """One SVG element; ``frames`` holds the attributes that change, one value per frame."""

    tag: str
    attrs: Mapping[str, str]
    frames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extent: tuple[Point, ...] = ()  # world points that must be in view
    front: bool = False  # drawn over the body


def rect(x0: float, y0: float, x1: float, y1: float, **style: str) -> Shape:
    corners = (Point(min(x0, x1), max(y0, y1)), Point(max(x0, x1), min(y0, y1)))
    attrs = {
        "x": num(sx(corners[0].x)),
        "y": num(sy(corners[0].y)),
        "width": num(sx(corners[1].x - corners[0].x)),
        "height": num(sx(corners[0].y - corners[1].y)),
        **style,
    }
    return Shape("rect", attrs, extent=corners)


SURFACE = {"fill": "#e2e8f0", "stroke": "#64748b", "stroke-width": "0.6"}
BAND = {"stroke": "#dc2626", "stroke-width": "1.6", "fill": "none", "stroke-linecap": "round"}


def attached(points: Sequence[Sequence[Point]], tag: str, **style: str) -> Shape:
    """A shape that moves with the body: one list of points per frame."""
    values = tuple(points_attr(ps) for ps in points)
    extent = tuple(p for ps in points for p in ps)
    return Shape(tag, dict(style), {"points": values}, extent, front=True)
