"""From the athlete's raw landmarks to clean per-frame measures of one leg."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dorsi.core.codes import Side
from dorsi.video import filtering, kinematics, reps
from dorsi.video.model import Mode, SideChoice, SideReason
from dorsi.video.pose import Landmark

Array = npt.NDArray[np.float64]
Points = npt.NDArray[np.float64]

# A landmark the backend is less sure of than this is treated as not seen.
MIN_VISIBILITY = 0.5
JOINTS = ("shoulder", "hip", "knee", "ankle", "heel", "toe")
LEG_JOINTS = ("hip", "knee", "ankle", "heel", "toe")
FLAT_FOOT_PERCENTILE = 25.0


@dataclass(frozen=True)
class LegChoice:
    side: Side
    reason: SideReason
    forward: float  # +1 facing image right, -1 facing image left


@dataclass(frozen=True)
class LegMeasures:
    """Cleaned series of one leg; lengths in shank lengths, NaN where not seen."""

    points: dict[str, Points]
    confidence: Array
    shank_px: float
    tibia_deg: Array
    ankle_deg: Array
    trunk_deg: Array
    heel_lift: Array
    lifted: npt.NDArray[np.bool_]
    knee_past_toes: Array
    hip_above_knee: Array
    hip_height: Array  # hip above the floor (lowest foot point), for rep finding


def joint(landmarks: Array, side: Side, name: str) -> Array:
    """(frames, 4) array of one joint of one side: x, y, z, visibility."""
    return landmarks[:, Landmark[f"{side.value.upper()}_{name.upper()}"], :]


def forward_sign(landmarks: Array) -> float:
    heels = np.concatenate([joint(landmarks, s, "heel")[:, :2] for s in Side])
    toes = np.concatenate([joint(landmarks, s, "toe")[:, :2] for s in Side])
    return kinematics.facing_sign(heels, toes)


def choose_leg(landmarks: Array, mode: Mode, choice: SideChoice) -> LegChoice:
    forward = forward_sign(landmarks)
    if choice is not SideChoice.AUTO:
        return LegChoice(Side(choice.value), SideReason.USER, forward)
    if mode is Mode.KNEE_TO_WALL:
        front = _front_leg(landmarks, forward)
        if front is not None:
            return LegChoice(front, SideReason.FRONT_LEG, forward)
    return LegChoice(_nearer_side(landmarks), SideReason.FACING_CAMERA, forward)


def _front_leg(landmarks: Array, forward: float) -> Side | None:
    """In a split stance the tested foot is the one ahead; decided once for the whole clip."""
    ahead = (
        joint(landmarks, Side.LEFT, "ankle")[:, 0] - joint(landmarks, Side.RIGHT, "ankle")[:, 0]
    ) * forward
    ahead = ahead[np.isfinite(ahead)]
    if ahead.size == 0:
        return None
    median = float(np.median(ahead))
    if abs(median) < 0.25 * _median_shank_px(landmarks):
        return None  # feet side by side: not a split stance
    return Side.LEFT if median > 0 else Side.RIGHT


def _median_shank_px(landmarks: Array) -> float:
    lengths = [
        kinematics.distance_px(
            joint(landmarks, s, "knee")[:, :2], joint(landmarks, s, "ankle")[:, :2]
        )
        for s in Side
    ]
    values = np.concatenate(lengths)
    values = values[np.isfinite(values)]
    return float(np.median(values)) if values.size else 0.0


def _nearer_side(landmarks: Array) -> Side:
    """The side nearer the camera: smaller depth, or failing that, better seen."""
    names = ("hip", "knee", "ankle", "shoulder")
    dz = np.concatenate(
        [
            joint(landmarks, Side.LEFT, n)[:, 2] - joint(landmarks, Side.RIGHT, n)[:, 2]
            for n in names
        ]
    )
    dz = dz[np.isfinite(dz)]
    if dz.size and abs(float(np.median(dz))) > 1e-3 * _median_shank_px(landmarks):
        return Side.LEFT if float(np.median(dz)) < 0 else Side.RIGHT
    vis = {
        s: median_or(np.concatenate([joint(landmarks, s, n)[:, 3] for n in names]), 0.0)
        for s in Side
    }
    return Side.LEFT if vis[Side.LEFT] >= vis[Side.RIGHT] else Side.RIGHT


def median_or(values: Array, default: float) -> float:
    """Median of the finite values, or ``default`` when there are none."""
    finite = values[np.isfinite(values)]
    return float(np.median(finite)) if finite.size else default


def leg_confidence(landmarks: Array, side: Side) -> Array:
    """Lowest visibility among the leg's joints, per frame (NaN when nobody was found)."""
    stacked = np.stack([joint(landmarks, side, n)[:, 3] for n in LEG_JOINTS])
    return np.asarray(np.min(stacked, axis=0), dtype=np.float64)


def clean_points(landmarks: Array, side: Side, fps: float, cutoff_hz: float) -> dict[str, Points]:
    points: dict[str, Points] = {}
    for name in JOINTS:
        raw = joint(landmarks, side, name)
        xy = raw[:, :2].copy()
        xy[~(raw[:, 3] >= MIN_VISIBILITY)] = np.nan
        points[name] = np.column_stack(
            [filtering.clean(xy[:, k], fps, cutoff_hz) for k in range(2)]
        )
    return points


def measure_leg(
    landmarks: Array, leg: LegChoice, mode: Mode, fps: float, cutoff_hz: float
) -> LegMeasures:
    p = clean_points(landmarks, leg.side, fps, cutoff_hz)
    shank_series = kinematics.distance_px(p["knee"], p["ankle"])
    shank_px = median_or(shank_series, float("nan"))
    tibia = kinematics.tibia_angle_deg(p["knee"], p["ankle"], leg.forward)
    hip_above_knee = kinematics.hip_above_knee_px(p["hip"], p["knee"]) / shank_px
    rise = kinematics.heel_rise_px(p["heel"], p["toe"]) / shank_px
    heel_lift = rise - flat_foot_level(rise)
    return LegMeasures(
        points=p,
        confidence=leg_confidence(landmarks, leg.side),
        shank_px=shank_px,
        tibia_deg=tibia,
        ankle_deg=kinematics.ankle_angle_deg(p["knee"], p["ankle"], p["heel"], p["toe"]),
        trunk_deg=kinematics.trunk_lean_deg(p["shoulder"], p["hip"], leg.forward),
        heel_lift=heel_lift,
        lifted=reps.heel_lifted(heel_lift, fps),
        knee_past_toes=kinematics.knee_past_toes_px(p["knee"], p["toe"], leg.forward) / shank_px,
        hip_above_knee=hip_above_knee,
        hip_height=(floor_y(landmarks, leg.side, p, fps, cutoff_hz) - p["hip"][:, 1]) / shank_px,
    )


def flat_foot_level(rise: Array) -> float:
    """Heel-over-toe height when the foot is flat: the lower quartile of the whole clip.

    The heel is flat on the floor for a good part of any squat or lunge, and cannot go lower, so
    the low end of the series is the flat foot whatever the landmark's offset on the shoe. Not
    the minimum, which is one noisy frame (and would make every later frame look lifted); not
    the first frames, which may not be flat (a clip that starts mid-movement or on the toes).
    """
    finite = rise[np.isfinite(rise)]
    return float(np.percentile(finite, FLAT_FOOT_PERCENTILE)) if finite.size else 0.0


def floor_y(
    landmarks: Array, side: Side, points: dict[str, Points], fps: float, cutoff_hz: float
) -> Array:
    """Image height of the floor: the lowest heel or toe of either foot.

    Hip height is measured from here rather than from the ankle: a foot kicked back or lifted
    (a step, a run-out at the end of the clip) would otherwise look like the hip going down.
    """
    other = side.other
    feet = [points["toe"][:, 1], points["heel"][:, 1]]
    for name in ("toe", "heel"):
        raw = joint(landmarks, other, name)
        y = np.where(raw[:, 3] >= MIN_VISIBILITY, raw[:, 1], np.nan)
        feet.append(filtering.clean(y, fps, cutoff_hz))
    return np.asarray(np.fmax.reduce(np.stack(feet), axis=0), dtype=np.float64)


def excursion(measures: LegMeasures, mode: Mode) -> tuple[Array, float]:
    """The signal reps are cut from, and the least excursion that counts as a rep.

    Squat reps come from hip height (down and back up); knee-to-wall reps from the tibia angle,
    because in a lunge the hip hardly drops while the knee drives to the wall.
    """
    if mode is Mode.KNEE_TO_WALL:
        tibia = measures.tibia_deg
        base = np.nanpercentile(tibia, 5) if np.isfinite(tibia).any() else 0.0
        return tibia - base, reps.MIN_LUNGE_DRIVE_DEG
    height = measures.hip_height
    top = np.nanpercentile(height, 95) if np.isfinite(height).any() else 0.0
    return top - height, reps.MIN_SQUAT_DEPTH
