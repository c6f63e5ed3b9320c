"""The figure data (``data/poses.toml``): base movement patterns and per-figure overrides.

Loading validates everything and fails loudly, naming the pose and the field
(``pattern.deep_squat.end.near_leg.knee_flexion_deg: ...``): a typo in the data must never
turn into a figure with a knee bending backwards.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import PosePattern
from dorsi.draw.frames import ANCHOR_CONTACTS, Anchor, Contact, KeyPose, Stage
from dorsi.draw.kinematics import ArmAngles, LegAngles, Pose
from dorsi.draw.props_base import PropSpec, parse_prop

SCHEMA = "dorsi.poses/v1"

PATTERNS = tuple(pattern.value for pattern in PosePattern)  # the exercises' `pose` codes

# Anatomical (or, for the trunk, plausible orientation) limits of the data, in degrees.
LIMITS: dict[str, tuple[float, float]] = {
    "trunk_deg": (-100.0, 150.0),
    "neck_flexion_deg": (-45.0, 60.0),
    "hip_flexion_deg": (-35.0, 145.0),
    "knee_flexion_deg": (0.0, 160.0),
    "ankle_dorsiflexion_deg": (-55.0, 50.0),
    "shoulder_flexion_deg": (-60.0, 185.0),
    "elbow_flexion_deg": (0.0, 150.0),
    "lift": (-0.2, 0.5),
    "shift": (-0.5, 0.5),
}
LEG_FIELDS = ("hip_flexion_deg", "knee_flexion_deg", "ankle_dorsiflexion_deg")
ARM_FIELDS = ("shoulder_flexion_deg", "elbow_flexion_deg")
FIGURE_FIELDS = frozenset(
    {"title", "description", "anchor", "seat", "forefoot", "loop", "props", "start", "via", "end"}
)


@dataclass(frozen=True)
class FigureSpec:
    key: str
    title: str
    description: str
    stage: Stage
    keys: tuple[KeyPose, ...]  # start, via..., end
    loop: bool
    props: tuple[PropSpec, ...]


@dataclass(frozen=True)
class PoseLibrary:
    patterns: Mapping[str, FigureSpec]
    figures: Mapping[str, FigureSpec]  # test ids and per-exercise overrides


def _table(raw: object, path: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise ValidationError(path, "must be a table")
    return raw


def _only(table: Mapping[str, Any], allowed: frozenset[str] | tuple[str, ...], path: str) -> None:
    for key in table:
        if key not in allowed:
            raise ValidationError(
                f"{path}.{key}", f"unknown field (expected one of {sorted(allowed)})"
            )


def _number(table: Mapping[str, Any], key: str, path: str, default: float | None = None) -> float:
    value = table.get(key, default)
    if value is None:
        raise ValidationError(f"{path}.{key}", "is required")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{path}.{key}", "must be a number")
    low, high = LIMITS.get(key, (float("-inf"), float("inf")))
    if not low <= value <= high:
        raise ValidationError(f"{path}.{key}", f"{value:g} is outside {low:g} to {high:g}")
    return float(value)


def _text(table: Mapping[str, Any], key: str, path: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{path}.{key}", "must be a non-empty string")
    return value


def _flag(table: Mapping[str, Any], key: str, path: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ValidationError(f"{path}.{key}", "must be true or false")
    return value


def _leg(raw: object, path: str) -> LegAngles:
    table = _table(raw, path)
    _only(table, LEG_FIELDS, path)
    return LegAngles(*(_number(table, f, path) for f in LEG_FIELDS))


def _arm(raw: object, path: str) -> ArmAngles:
    table = _table(raw, path)
    _only(table, ARM_FIELDS, path)
    return ArmAngles(*(_number(table, f, path) for f in ARM_FIELDS))


def _contacts(table: Mapping[str, Any], anchor: Anchor, path: str) -> frozenset[Contact]:
    raw = table.get("contacts")
    if raw is None:
        return ANCHOR_CONTACTS.get(anchor, frozenset())
    if not isinstance(raw, list):
        raise ValidationError(f"{path}.contacts", "must be a list")
    known = {c.value for c in Contact}
    for item in raw:
        if item not in known:
            raise ValidationError(
                f"{path}.contacts", f"unknown contact {item!r}; use {sorted(known)}"
            )
    return frozenset(Contact(item) for item in raw)


KEY_FIELDS = frozenset(
    {
        "trunk_deg",
        "neck_flexion_deg",
        "near_leg",
        "far_leg",
        "near_arm",
        "far_arm",
        "lift",
        "shift",
        "contacts",
    }
)


def parse_key_pose(raw: object, anchor: Anchor, path: str) -> KeyPose:
    table = _table(raw, path)
    _only(table, KEY_FIELDS, path)
    for limb in ("near_leg", "far_leg", "near_arm", "far_arm"):
        if limb not in table:
            raise ValidationError(f"{path}.{limb}", "is required")
    pose = Pose(
        trunk_deg=_number(table, "trunk_deg", path),
        neck_flexion_deg=_number(table, "neck_flexion_deg", path, 0.0),
        near_leg=_leg(table["near_leg"], f"{path}.near_leg"),
        far_leg=_leg(table["far_leg"], f"{path}.far_leg"),
        near_arm=_arm(table["near_arm"], f"{path}.near_arm"),
        far_arm=_arm(table["far_arm"], f"{path}.far_arm"),
        lift=_number(table, "lift", path, 0.0),
        shift=_number(table, "shift", path, 0.0),
    )
    return KeyPose(pose, _contacts(table, anchor, path))


def _stage(table: Mapping[str, Any], props: tuple[PropSpec, ...], path: str) -> Stage:
    anchors = {a.value for a in Anchor}
    anchor = table.get("anchor")
    if anchor not in anchors:
        raise ValidationError(f"{path}.anchor", f"must be one of {sorted(anchors)}")
    steps = [p.height for p in props if p.kind == "step"]
    seat = _number(table, "seat", path, 0.0)
    if not 0.0 <= seat <= 0.5:
        raise ValidationError(f"{path}.seat", "must be 0 to 0.5 of the height")
    return Stage(Anchor(anchor), steps[0] if steps else 0.0, seat, _flag(table, "forefoot", path))


def parse_figure(key: str, raw: object, path: str) -> FigureSpec:
    table = _table(raw, path)
    _only(table, FIGURE_FIELDS, path)
    props_raw = table.get("props", [])
    if not isinstance(props_raw, list):
        raise ValidationError(f"{path}.props", "must be a list of tables")
    props = tuple(parse_prop(p, f"{path}.props[{i}]") for i, p in enumerate(props_raw))
    if any(p.kind == "tape" for p in props) and not any(p.kind == "wall" for p in props):
        raise ValidationError(f"{path}.props", "a tape runs to a wall: add a wall")
    stage = _stage(table, props, path)
    via = table.get("via", [])
    if not isinstance(via, list):
        raise ValidationError(f"{path}.via", "must be a list of key poses")
    for name in ("start", "end"):
        if name not in table:
            raise ValidationError(f"{path}.{name}", "is required")
    raws = [
        ("start", table["start"]),
        *((f"via[{i}]", v) for i, v in enumerate(via)),
        ("end", table["end"]),
    ]
    keys = tuple(parse_key_pose(r, stage.anchor, f"{path}.{name}") for name, r in raws)
    return FigureSpec(
        key=key,
        title=_text(table, "title", path),
        description=_text(table, "description", path),
        stage=stage,
        keys=keys,
        loop=_flag(table, "loop", path),
        props=props,
    )


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Override tables merge key by key; ``props`` add to the pattern's (unless
    ``own_props = true``); other values replace."""
    out = dict(base)
    own = over.get("own_props", False) is True
    for key, value in over.items():
        if key == "own_props":
            continue
        if key == "props" and isinstance(value, list) and not own:
            out[key] = [*base.get("props", []), *value]
        elif isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            out[key] = _merged(base[key], value)
        else:
            out[key] = value
    return out


def parse_poses(data: Mapping[str, Any]) -> PoseLibrary:
    if data.get("schema") != SCHEMA:
        raise ValidationError("schema", f"must be {SCHEMA!r}")
    _only(data, ("schema", "pattern", "figure"), "poses")
    raw_patterns = _table(data.get("pattern", {}), "pattern")
    for name in raw_patterns:
        if name not in PATTERNS:
            raise ValidationError(
                f"pattern.{name}", f"unknown pattern; use one of {list(PATTERNS)}"
            )
    missing = [name for name in PATTERNS if name not in raw_patterns]
    if missing:
        raise ValidationError("pattern", f"missing patterns: {', '.join(missing)}")
    patterns = {n: parse_figure(n, raw_patterns[n], f"pattern.{n}") for n in PATTERNS}
    figures: dict[str, FigureSpec] = {}
    for key, raw in _table(data.get("figure", {}), "figure").items():
        path = f"figure.{key}"
        table = _table(raw, path)
        base = table.get("pattern")
        if not isinstance(base, str) or base not in raw_patterns:
            raise ValidationError(f"{path}.pattern", f"unknown pattern {base!r}")
        over = {k: v for k, v in table.items() if k != "pattern"}
        figures[key] = parse_figure(key, _merged(raw_patterns[base], over), path)
    return PoseLibrary(patterns=patterns, figures=figures)


@cache
def load_poses() -> PoseLibrary:
    """The packaged figure data, parsed and validated once."""
    text = files("dorsi.draw").joinpath("data/poses.toml").read_text(encoding="utf-8")
    return parse_poses(tomllib.loads(text))
