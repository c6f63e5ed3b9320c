"""Knee-to-wall distance -> estimated tibia angle, from the geometry of the lunge (SPEC §1).

There is deliberately no fixed degrees-per-centimetre factor: how many degrees one
centimetre is worth depends on the length of the shank and of the foot, and on where
along the distance the person is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from dorsi.core.assessment.report import AngleEstimate
from dorsi.core.errors import ValidationError
from dorsi.core.evidence import ANTHROPOMETRY, Source
from dorsi.core.thresholds import round_deg

MAX_ANGLE_DEG = 90.0

# --- Segment ratios for the distance -> angle estimate (SPEC §1) -------------------------


@dataclass(frozen=True)
class Ratio:
    """A length as a fraction of something, with a plausible low–high spread."""

    value: float
    low: float
    high: float
    source: Source


@dataclass(frozen=True)
class Geometry:
    """Anthropometric assumptions of ``angles.estimate_tibia_angle`` (see its docstring)."""

    shank_per_height: Ratio  # knee joint centre -> ankle joint centre
    foot_per_height: Ratio  # heel -> tip of the longest toe
    ankle_to_toe_per_foot: Ratio  # ankle joint centre (projected) -> toe tip
    knee_half_depth_per_height: Ratio  # knee front -> knee joint centre, horizontally
    default_height_cm: float
    height_spread_cm: float  # used when no height is known
    distance_error_cm: float  # reading a tape at the toe
    tibia_error_cm: float  # when the user measured the tibia
    foot_error_cm: float  # when the user measured the foot


GEOMETRY = Geometry(
    shank_per_height=Ratio(0.246, 0.235, 0.257, ANTHROPOMETRY),
    foot_per_height=Ratio(0.152, 0.145, 0.159, ANTHROPOMETRY),
    ankle_to_toe_per_foot=Ratio(0.77, 0.73, 0.80, ANTHROPOMETRY),
    # Knee depth ~0.060 H (about 10 cm at 172 cm); the front sits about half of it ahead.
    knee_half_depth_per_height=Ratio(0.030, 0.026, 0.034, ANTHROPOMETRY),
    default_height_cm=172.0,
    height_spread_cm=12.0,
    distance_error_cm=0.5,
    tibia_error_cm=1.0,
    foot_error_cm=0.5,
)


@dataclass(frozen=True)
class _Params:
    distance_cm: float
    height_cm: float
    shank_ratio: float
    foot_ratio: float
    toe_fraction: float
    knee_ratio: float
    tibia_cm: float | None
    foot_cm: float | None

    def angle_deg(self) -> float:
        shank = self.tibia_cm if self.tibia_cm is not None else self.shank_ratio * self.height_cm
        foot = self.foot_cm if self.foot_cm is not None else self.foot_ratio * self.height_cm
        ankle_to_toe = self.toe_fraction * foot
        knee_half_depth = self.knee_ratio * self.height_cm
        reach = self.distance_cm + ankle_to_toe - knee_half_depth
        if shank <= 0:
            return MAX_ANGLE_DEG
        # A short shank with a long reach would need sin > 1: no real pose; cap at 90°.
        ratio = min(max(reach / shank, 0.0), 1.0)
        return math.degrees(math.asin(ratio))


def estimate_tibia_angle(
    knee_to_wall_cm: float,
    *,
    height_cm: float | None = None,
    tibia_cm: float | None = None,
    foot_cm: float | None = None,
    geometry: Geometry = GEOMETRY,
) -> AngleEstimate:
    """Estimate the tibia angle from vertical in the standing knee-to-wall lunge.

    Side view, x towards the wall. The heel is down, so the foot is flat and the ankle
    joint centre is fixed: its projection on the floor sits ``ankle_to_toe`` behind the
    big toe (about 0.77 of the foot length; the malleoli are roughly a quarter of the
    foot from the back of the heel). The toe is ``d`` from the wall, so the ankle centre
    is ``d + ankle_to_toe`` from the wall.

    The wall touches the front of the knee, not the joint centre. Treating the knee's
    front as rounded about the joint centre, the most forward point is about half the
    knee's front-to-back depth ahead of the centre, whatever the knee flexion; so the knee
    joint centre is ``knee_half_depth`` from the wall.

    The tibia angle is that of the line ankle centre -> knee centre, of length
    ``shank`` (knee joint to ankle joint, ~0.246 x height). Its horizontal span is
    ``d + ankle_to_toe - knee_half_depth``, so ``sin(theta) = span / shank``. The ankle
    centre sits ~7 cm above the floor, but only horizontal positions enter: the wall is
    vertical and the shank length runs between the two joint centres, so that height
    does not change the result (it only matters that ``shank`` is not measured from the
    floor).

    Uncertainty: each assumption (segment ratios, the ±0.5 cm tape reading, the height
    when unknown, a measured tibia or foot's own error) is moved to the ends of its
    plausible range one at a time; the deviations are combined as a root sum of squares
    per direction. It is a plausible band, not a strict confidence interval.
    """
    _check_positive(height_cm=height_cm, tibia_cm=tibia_cm, foot_cm=foot_cm)
    if knee_to_wall_cm < 0:
        raise ValidationError("knee_to_wall_cm", f"{knee_to_wall_cm:g} cm cannot be negative")
    nominal, height_known = _nominal(knee_to_wall_cm, height_cm, tibia_cm, foot_cm, geometry)
    value = nominal.angle_deg()
    down = up = 0.0
    for low, high in _perturbations(nominal, geometry, height_known=height_known):
        ends = (low.angle_deg(), high.angle_deg())
        down += max(0.0, value - min(ends)) ** 2
        up += max(0.0, max(ends) - value) ** 2
    low_deg = max(0.0, value - math.sqrt(down))
    high_deg = min(MAX_ANGLE_DEG, value + math.sqrt(up))
    return AngleEstimate(
        value_deg=round_deg(value), low_deg=round_deg(low_deg), high_deg=round_deg(high_deg)
    )


def _nominal(
    distance_cm: float,
    height_cm: float | None,
    tibia_cm: float | None,
    foot_cm: float | None,
    g: Geometry,
) -> tuple[_Params, bool]:
    """Central assumptions; a measured tibia or foot stands in for an unknown height."""
    known_height = height_cm
    if known_height is None and tibia_cm is not None:
        known_height = tibia_cm / g.shank_per_height.value
    if known_height is None and foot_cm is not None:
        known_height = foot_cm / g.foot_per_height.value
    params = _Params(
        distance_cm=distance_cm,
        height_cm=known_height if known_height is not None else g.default_height_cm,
        shank_ratio=g.shank_per_height.value,
        foot_ratio=g.foot_per_height.value,
        toe_fraction=g.ankle_to_toe_per_foot.value,
        knee_ratio=g.knee_half_depth_per_height.value,
        tibia_cm=tibia_cm,
        foot_cm=foot_cm,
    )
    return params, known_height is not None


def _check_positive(**lengths_cm: float | None) -> None:
    for name, value in lengths_cm.items():
        if value is not None and value <= 0:
            raise ValidationError(name, f"{value:g} cm must be a positive length")


def _perturbations(p: _Params, g: Geometry, *, height_known: bool) -> list[tuple[_Params, _Params]]:
    pairs = [
        (
            replace(p, distance_cm=max(0.0, p.distance_cm - g.distance_error_cm)),
            replace(p, distance_cm=p.distance_cm + g.distance_error_cm),
        ),
        (
            replace(p, knee_ratio=g.knee_half_depth_per_height.low),
            replace(p, knee_ratio=g.knee_half_depth_per_height.high),
        ),
        (
            replace(p, toe_fraction=g.ankle_to_toe_per_foot.low),
            replace(p, toe_fraction=g.ankle_to_toe_per_foot.high),
        ),
    ]
    if p.tibia_cm is None:
        pairs.append(
            (
                replace(p, shank_ratio=g.shank_per_height.low),
                replace(p, shank_ratio=g.shank_per_height.high),
            )
        )
    else:
        pairs.append(
            (
                replace(p, tibia_cm=p.tibia_cm - g.tibia_error_cm),
                replace(p, tibia_cm=p.tibia_cm + g.tibia_error_cm),
            )
        )
    if p.foot_cm is None:
        pairs.append(
            (
                replace(p, foot_ratio=g.foot_per_height.low),
                replace(p, foot_ratio=g.foot_per_height.high),
            )
        )
    else:
        pairs.append(
            (
                replace(p, foot_cm=p.foot_cm - g.foot_error_cm),
                replace(p, foot_cm=p.foot_cm + g.foot_error_cm),
            )
        )
    if not height_known:
        pairs.append(
            (
                replace(p, height_cm=p.height_cm - g.height_spread_cm),
                replace(p, height_cm=p.height_cm + g.height_spread_cm),
            )
        )
    return pairs
