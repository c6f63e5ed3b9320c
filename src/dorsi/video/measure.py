"""From the athlete's raw landmarks to clean per-frame measures of one leg."""

from __future__ import annotations

from dataclasses import dataclass, replace

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
# Frames where this leg's shank is within this many degrees of vertical are "standing": the
# foot is flat there, so they give the foot's own flat-foot geometry (the floor line under it).
STANDING_TIBIA_DEG = 8.0
MIN_STANDING_FRAMES = 5
# When the foot turns about the toes, the ankle joint rises about three quarters as much as the
# heel (it sits a quarter foot ahead of the heel). Pose models move the heel landmark up when the
# shank tilts far forward with the heel flat (about 0.06 shank lengths at 30° on the development
# clips dev03 and dev05), but not the ankle: a heel counts as lifted only when both say so.
ANKLE_SHARE_OF_HEEL_RISE = 0.75
FOOT_IN_AIR_SHANKS = 0.1


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


# A split stance: one ankle at least this many shank lengths ahead of the other (smoothed over
# half a second, so a stride or a one-frame label swap does not flip the measured leg).
SPLIT_SHANKS = 0.25
SPLIT_WINDOW_S = 0.5
SPLIT_MIN_S = 0.6
LEG_ROWS = {
    side: [Landmark[f"{side.value.upper()}_{n}"] for n in ("HIP", "KNEE", "ANKLE", "HEEL", "TOE")]
    for side in Side
}


def front_leg_per_frame(
    landmarks: Array, side: Side, forward: float, fps: float, side_on: npt.NDArray[np.bool_]
) -> tuple[Array, list[Side | None]]:
    """The landmarks with, in every split-stance frame, the front leg in ``side``'s rows.

    Returns the rearranged landmarks and the real side measured in each frame. Decided per
    frame from the smoothed gap between the ankles, so alternating lunges measure each front
    leg in turn and a run of frames where the pose model swapped the labels is put right.
    Only in ``side_on`` frames: filmed obliquely, feet side by side are apart in the image."""
    gap = (
        joint(landmarks, Side.LEFT, "ankle")[:, 0] - joint(landmarks, Side.RIGHT, "ankle")[:, 0]
    ) * forward
    gap = filtering.rolling_median(gap, max(1, round(SPLIT_WINDOW_S * fps)))
    limit = SPLIT_SHANKS * _median_shank_px(landmarks)
    other = side.other
    switched = np.zeros(gap.size, dtype=bool)
    with np.errstate(invalid="ignore"):
        switched = side_on & np.isfinite(gap) & (gap * (1 if other is Side.LEFT else -1) > limit)
    # A stride (a run, a step in or out) is not a stance: only a split held this long switches.
    for start, stop in reps.runs(switched):
        if stop - start < SPLIT_MIN_S * fps:
            switched[start:stop] = False
    out = landmarks.copy()
    out[np.ix_(switched, LEG_ROWS[side])] = landmarks[np.ix_(switched, LEG_ROWS[other])]
    out[np.ix_(switched, LEG_ROWS[other])] = landmarks[np.ix_(switched, LEG_ROWS[side])]
    found = np.isfinite(landmarks[:, 0, 0])
    legs: list[Side | None] = [
        None if not found[i] else (other if switched[i] else side) for i in range(gap.size)
    ]
    return out, legs


def left_out(m: LegMeasures, frames: npt.NDArray[np.bool_]) -> LegMeasures:
    """``m`` with ``frames`` not measured (NaN, heel not lifted)."""

    def blank(series: Array) -> Array:
        return np.where(frames, np.nan, series)

    return replace(
        m,
        points={k: np.where(frames[:, None], np.nan, v) for k, v in m.points.items()},
        tibia_deg=blank(m.tibia_deg),
        ankle_deg=blank(m.ankle_deg),
        trunk_deg=blank(m.trunk_deg),
        heel_lift=blank(m.heel_lift),
        lifted=m.lifted & ~frames,
        knee_past_toes=blank(m.knee_past_toes),
        hip_above_knee=blank(m.hip_above_knee),
        hip_height=blank(m.hip_height),
        confidence=blank(m.confidence),
    )


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
    landmarks: Array,
    leg: LegChoice,
    mode: Mode,
    fps: float,
    cutoff_hz: float,
    frame_size: tuple[int, int] | None = None,
) -> LegMeasures:
    p = clean_points(landmarks, leg.side, fps, cutoff_hz)
    shank_series = kinematics.distance_px(p["knee"], p["ankle"])
    shank_px = median_or(shank_series, float("nan"))
    tibia = kinematics.tibia_angle_deg(p["knee"], p["ankle"], leg.forward)
    hip_above_knee = kinematics.hip_above_knee_px(p["hip"], p["knee"]) / shank_px
    heel_lift, heel_rise = foot_heel_lift(p, tibia, shank_px, frame_size)
    return LegMeasures(
        points=p,
        confidence=leg_confidence(landmarks, leg.side),
        shank_px=shank_px,
        tibia_deg=tibia,
        ankle_deg=kinematics.ankle_angle_deg(p["knee"], p["ankle"], p["heel"], p["toe"]),
        trunk_deg=kinematics.trunk_lean_deg(p["shoulder"], p["hip"], leg.forward),
        heel_lift=heel_lift,
        lifted=reps.heel_lifted(heel_lift, fps, heel_rise),
        knee_past_toes=kinematics.knee_past_toes_px(p["knee"], p["toe"], leg.forward) / shank_px,
        hip_above_knee=hip_above_knee,
        hip_height=(floor_y(landmarks, leg.side, p, fps, cutoff_hz) - p["hip"][:, 1]) / shank_px,
    )


def foot_heel_lift(
    p: dict[str, Points], tibia: Array, shank_px: float, frame_size: tuple[int, int] | None
) -> tuple[Array, Array]:
    """Heel height over the flat foot, in shank lengths, from the foot's own geometry.

    Heel and ankle heights above the toe (the toe stays on the floor in a squat or a lunge) are
    compared with the same foot's standing frames; the lift is the smaller of the heel's rise
    and the ankle's rise scaled to the heel (returned with the heel's own rise, on which a
    certain lift's start is traced back). NaN where the heel, ankle or toe is not seen or
    lies outside the picture (a heel off the frame is never called up or down).
    """
    toe_y = p["toe"][:, 1]
    heel = (toe_y - p["heel"][:, 1]) / shank_px
    ankle = (toe_y - p["ankle"][:, 1]) / shank_px
    standing = np.abs(tibia) < STANDING_TIBIA_DEG
    standing &= np.isfinite(heel) & np.isfinite(ankle)
    if standing.sum() >= MIN_STANDING_FRAMES:
        heel_flat = float(np.median(heel[standing]))
        ankle_flat = float(np.median(ankle[standing]))
    else:  # nobody stood upright in the clip: the lower end of the series is the flat foot
        heel_flat, ankle_flat = flat_foot_level(heel), flat_foot_level(ankle)
    lift = np.fmin(heel - heel_flat, (ankle - ankle_flat) / ANKLE_SHARE_OF_HEEL_RISE)
    lift = np.where(np.isfinite(heel) & np.isfinite(ankle), lift, np.nan)
    if standing.sum() >= MIN_STANDING_FRAMES:
        # A foot in the air (a step in a lunge, walking in or out) has no heel on the floor to
        # lift: its toe is well above where it stood.
        toe_floor = float(np.median(toe_y[standing]))
        with np.errstate(invalid="ignore"):
            lift[(toe_floor - toe_y) / shank_px > FOOT_IN_AIR_SHANKS] = np.nan
    if frame_size is not None:
        outside = np.zeros(lift.size, dtype=bool)
        for name in ("heel", "toe", "ankle"):
            outside |= outside_frame(p[name], *frame_size)
        lift[outside] = np.nan
    return np.asarray(lift, dtype=np.float64), np.asarray(heel - heel_flat, dtype=np.float64)


def outside_frame(
    xy: Points, width: int, height: int, margin: float = 0.01
) -> npt.NDArray[np.bool_]:
    """Points at the picture's edge or beyond it (pose models guess them)."""
    mx, my = margin * width, margin * height
    x, y = xy[:, 0], xy[:, 1]
    with np.errstate(invalid="ignore"):
        return np.asarray((x < mx) | (x > width - mx) | (y > height - my) | (y < my), dtype=bool)


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
