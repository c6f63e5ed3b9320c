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
        confidence=blank(m.confidence),
    )


def heel_not_judged(m: LegMeasures, frames: npt.NDArray[np.bool_]) -> LegMeasures:
    """``m`` with the heel neither up nor down in ``frames``. Filmed obliquely, the foot's
    heel-to-toe line is foreshortened and turned out of the picture's plane, so its rise reads
    wrong (dev06, about 30° off side-on: flat heels read 0.1 shank lengths up at the bottoms)."""
    return replace(m, heel_lift=np.where(frames, np.nan, m.heel_lift), lifted=m.lifted & ~frames)


def leaning_outside_reps(tibia: Array, spans: list[reps.RepSpan]) -> npt.NDArray[np.bool_]:
    """Frames outside every rep where the shin leans forward: half a movement (a step in or out,
    a rep cut short, a fade between shots where the pose model still draws a body), whose heel
    is not judged. Standing frames keep their heel calls (a calf raise is no rep)."""
    out = np.ones(tibia.size, dtype=bool)
    for span in spans:
        out[span.start : span.end + 1] = False
    with np.errstate(invalid="ignore"):
        return np.asarray(out & (np.abs(tibia) >= STANDING_TIBIA_DEG), dtype=bool)


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
    heel_lift, heel_rise = foot_heel_lift(p, tibia, shank_px, frame_size, fps)
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
    )


def foot_heel_lift(
    p: dict[str, Points],
    tibia: Array,
    shank_px: float,
    frame_size: tuple[int, int] | None,
    fps: float = 30.0,
) -> tuple[Array, Array]:
    """Heel height over the flat foot, in shank lengths, from the foot's own geometry.

    A heel is up only when four readings agree (the smallest is returned): the heel and the
    ankle have risen over the toe, compared with the same foot's standing frames, and both have
    risen in the picture above where they sat while that foot was planted on the same spot (the
    floor line under the foot). Pose models move the toe landmark down and the heel landmark up
    at the bottom of a deep squat with the foot flat (dev03: toe 0.06, heel 0.05 shank lengths),
    which fools any one reading but not all four. Also returned: the heel's own rise (over the
    toe and in the picture, whichever is smaller), on which a certain lift's start is traced
    back. NaN where the heel, ankle or toe is not seen or lies outside the picture, and where
    the foot is moving (a step: its heel leaves the floor first, and that is no heel lift).
    """
    toe_y = p["toe"][:, 1]
    heel = (toe_y - p["heel"][:, 1]) / shank_px
    ankle = (toe_y - p["ankle"][:, 1]) / shank_px
    seen = np.isfinite(heel) & np.isfinite(ankle)
    standing = (np.abs(tibia) < STANDING_TIBIA_DEG) & seen
    heel_floor, ankle_floor = planted_levels(p, shank_px, fps)
    # The flat foot's shape comes from standing frames whose heel sits on the floor line: in a
    # calf raise the shin stays upright while the heel is up for half the clip.
    with np.errstate(invalid="ignore"):
        flat = standing & ((heel_floor - p["heel"][:, 1]) / shank_px < FLAT_IN_PICTURE_SHANKS)
    if flat.sum() >= MIN_STANDING_FRAMES:
        heel_flat, ankle_flat = float(np.median(heel[flat])), float(np.median(ankle[flat]))
    elif standing.sum() >= MIN_STANDING_FRAMES:
        heel_flat, ankle_flat = float(np.median(heel[standing])), float(np.median(ankle[standing]))
    else:  # nobody stood upright in the clip: the lower end of the series is the flat foot
        heel_flat, ankle_flat = flat_foot_level(heel), flat_foot_level(ankle)
    heel_up = np.fmin(heel - heel_flat, (heel_floor - p["heel"][:, 1]) / shank_px)
    ankle_up = np.fmin(ankle - ankle_flat, (ankle_floor - p["ankle"][:, 1]) / shank_px)
    lift = np.fmin(heel_up, ankle_up / ANKLE_SHARE_OF_HEEL_RISE)
    lift = np.where(seen, lift, np.nan)
    not_judged = foot_moving(p["toe"], shank_px, fps)
    if standing.sum() >= MIN_STANDING_FRAMES:
        # A foot in the air (a step in a lunge, walking in or out) has no heel on the floor to
        # lift: its toe is well above where it stood.
        toe_floor = float(np.median(toe_y[standing]))
        with np.errstate(invalid="ignore"):
            not_judged |= (toe_floor - toe_y) / shank_px > FOOT_IN_AIR_SHANKS
    if frame_size is not None:
        for name in ("heel", "toe", "ankle"):
            not_judged |= outside_frame(p[name], *frame_size)
    lift[not_judged] = np.nan
    return np.asarray(lift, dtype=np.float64), np.asarray(heel_up, dtype=np.float64)


# A standing heel within this of its planted level in the picture is flat (shank lengths).
FLAT_IN_PICTURE_SHANKS = 0.03
# The foot's place on the floor: frames within PLANTED_WINDOW_S whose toe is within
# SAME_PLACE_SHANKS of this frame's toe stood on the same spot; the heel's and ankle's lowest
# usual position there (PLANTED_PERCENTILE of their image height) is where they sit flat.
PLANTED_WINDOW_S = 5.0
SAME_PLACE_SHANKS = 0.15
PLANTED_PERCENTILE = 75.0
# A foot is stepping while its toe moves faster than STEP_SHANKS in STEP_SPAN_S (about 0.65 m/s
# for an adult), and from STEP_LEAD_S before that: a foot leaves the floor heel first, and that
# heel rise is a step, not a heel lift (dev04, alternating lunges: the front heel rises for 0.1–
# 0.3 s before each step back).
STEP_SHANKS = 0.3
STEP_SPAN_S = 0.2
STEP_LEAD_S = 0.2
STEP_LAG_S = 0.1


def planted_levels(p: dict[str, Points], shank_px: float, fps: float) -> tuple[Array, Array]:
    """Per frame, the image height of the flat heel and of the ankle on the foot's current spot
    (the floor line under that foot); NaN where the toe is not seen."""
    toe = p["toe"]
    n = toe.shape[0]
    heel_y, ankle_y = p["heel"][:, 1], p["ankle"][:, 1]
    half = max(1, round(PLANTED_WINDOW_S * fps))
    near = SAME_PLACE_SHANKS * shank_px
    heel_floor = np.full(n, np.nan)
    ankle_floor = np.full(n, np.nan)
    ok = np.isfinite(toe).all(axis=1) & np.isfinite(heel_y) & np.isfinite(ankle_y)
    for i in np.flatnonzero(ok):
        lo, hi = max(0, i - half), min(n, i + half + 1)
        place = ok[lo:hi] & (np.hypot(*(toe[lo:hi] - toe[i]).T) <= near)
        heel_floor[i] = np.percentile(heel_y[lo:hi][place], PLANTED_PERCENTILE)
        ankle_floor[i] = np.percentile(ankle_y[lo:hi][place], PLANTED_PERCENTILE)
    return heel_floor, ankle_floor


def foot_moving(toe: Points, shank_px: float, fps: float) -> npt.NDArray[np.bool_]:
    """Frames where the foot is stepping (see STEP_SHANKS), or about to, or just landed."""
    n = toe.shape[0]
    k = max(1, round(STEP_SPAN_S * fps / 2))
    now = np.zeros(n, dtype=bool)
    if n > 2 * k:
        with np.errstate(invalid="ignore"):
            now[k:-k] = np.hypot(*(toe[2 * k :] - toe[: -2 * k]).T) > STEP_SHANKS * shank_px
    moving = now.copy()
    lead, lag = round(STEP_LEAD_S * fps), round(STEP_LAG_S * fps)
    for start, stop in reps.runs(now):
        moving[max(0, start - lead) : min(n, stop + lag)] = True
    return moving


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


def excursion(measures: LegMeasures, mode: Mode) -> tuple[Array, float]:
    """The signal reps are cut from, and the least excursion that counts as a rep.

    Squat reps come from the hip's height above the knee (down and back up): it needs no floor,
    so a close-up with the feet out of the picture still counts its reps (dev03), and a foot
    kicked back or stepping does not move it. Knee-to-wall reps come from the tibia angle,
    because in a lunge the hip hardly drops while the knee drives to the wall.
    """
    if mode is Mode.KNEE_TO_WALL:
        tibia = measures.tibia_deg
        base = np.nanpercentile(tibia, 5) if np.isfinite(tibia).any() else 0.0
        return tibia - base, reps.MIN_LUNGE_DRIVE_DEG
    height = measures.hip_above_knee
    top = np.nanpercentile(height, 95) if np.isfinite(height).any() else 0.0
    return top - height, reps.MIN_SQUAT_DEPTH
