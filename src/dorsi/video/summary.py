"""Per-rep and whole-clip results from the cleaned series."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from dorsi.video.model import (
    AngleAt,
    DeepestPoint,
    HeelLiftOnset,
    KneeToWallEstimate,
    Mode,
    Rep,
    Summary,
    Value,
)
from dorsi.video.pose import EXACT, Calibration
from dorsi.video.reps import RepSpan

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


def value(series: Array, frame: int, digits: int = 2) -> Value:
    v = float(series[frame])
    return round(v, digits) if np.isfinite(v) else None


def largest(series: Array, frames: Mask, time_s: Array) -> AngleAt | None:
    """Largest finite value among ``frames``, with when it happened."""
    candidates = frames & np.isfinite(series)
    if not candidates.any():
        return None
    frame = int(np.flatnonzero(candidates)[np.argmax(series[candidates])])
    return AngleAt(
        frame=frame, time_s=float(time_s[frame]), value_deg=round(float(series[frame]), 1)
    )


def heel_lift_onset(
    lifted: Mask,
    start: int,
    stop: int,
    tibia: Array,
    hip_above_knee: Array,
    time_s: Array,
    length_factor: float,
) -> HeelLiftOnset | None:
    """First frame in [start, stop) where the heel comes up (not already up at ``start``)."""
    for frame in range(max(start, 1), stop):
        if lifted[frame] and not lifted[frame - 1]:
            return HeelLiftOnset(
                frame=frame,
                time_s=float(time_s[frame]),
                tibia_angle_deg=value(tibia, frame, 1),
                hip_above_knee=value(hip_above_knee * length_factor, frame, 3),
            )
    return None


def build_reps(
    spans: list[RepSpan],
    *,
    tibia: Array,
    hip_above_knee: Array,
    heel_lift: Array,
    lifted: Mask,
    time_s: Array,
    length_factor: float,
    excluded: Mask | None = None,
    legs: list[str | None] | None = None,
) -> tuple[Rep, ...]:
    """``length_factor`` converts shank lengths to the output unit (1 or the shank in cm).

    "Heel down" figures come only from frames where the heel is seen (finite ``heel_lift``),
    not lifted, and not ``excluded`` (outside the side view, or the wrong leg)."""
    down = heel_down_frames(heel_lift, lifted, excluded)
    result = []
    for number, span in enumerate(spans, start=1):
        in_rep = np.zeros(tibia.size, dtype=bool)
        in_rep[span.start : span.end + 1] = True
        deepest = DeepestPoint(
            frame=span.bottom,
            time_s=float(time_s[span.bottom]),
            hip_above_knee=value(hip_above_knee * length_factor, span.bottom, 3),
            tibia_angle_deg=value(tibia, span.bottom, 1),
            heel_lift=value(heel_lift * length_factor, span.bottom, 3),
        )
        result.append(
            Rep(
                number=number,
                start_frame=span.start,
                end_frame=span.end,
                start_s=float(time_s[span.start]),
                end_s=float(time_s[span.end]),
                deepest=deepest,
                max_tibia_angle_heel_down=largest(tibia, in_rep & down, time_s),
                heel_lift_onset=heel_lift_onset(
                    lifted, span.start, span.end + 1, tibia, hip_above_knee, time_s, length_factor
                ),
                leg=_most_common(legs[span.start : span.end + 1]) if legs else None,
            )
        )
    return tuple(result)


def heel_down_frames(heel_lift: Array, lifted: Mask, excluded: Mask | None) -> Mask:
    down = np.isfinite(heel_lift) & ~lifted
    if excluded is not None:
        down &= ~excluded
    return np.asarray(down, dtype=bool)


def build_summary(
    mode: Mode,
    reps: tuple[Rep, ...],
    *,
    tibia: Array,
    ankle: Array,
    heel_lift: Array,
    lifted: Mask,
    hip_above_knee: Array,
    time_s: Array,
    length_factor: float,
    excluded: Mask | None = None,
) -> Summary:
    everywhere = np.ones(tibia.size, dtype=bool) if excluded is None else ~excluded
    heel_down = largest(tibia, heel_down_frames(heel_lift, lifted, excluded), time_s)
    onsets = [r.heel_lift_onset for r in reps if r.heel_lift_onset is not None]
    first_onset = (
        onsets[0]
        if onsets
        else heel_lift_onset(lifted, 0, tibia.size, tibia, hip_above_knee, time_s, length_factor)
    )
    return Summary(
        rep_count=len(reps),
        max_tibia_angle_heel_down=heel_down,
        max_ankle_angle=largest(ankle, everywhere, time_s),
        first_heel_lift_onset=first_onset,
        weight_bearing_dorsiflexion=heel_down if mode is Mode.KNEE_TO_WALL else None,
    )


def _most_common(values: list[str | None]) -> str | None:
    seen = [v for v in values if v is not None]
    return max(set(seen), key=seen.count) if seen else None


# Knee-to-wall distance from the video. The front of the knee sits about a tenth of a shank
# ahead of the joint centre the pose model finds (half the knee's depth); without a height or
# shank, a typical adult shank (0.246 × 175 cm) is used with a wider range.
KNEE_FRONT_SHANKS = 0.1
TYPICAL_SHANK_CM = 43.0
SCALE_SPREAD = {"height_cm": 0.06, "shank_cm": 0.03, "typical_adult": 0.15}


def knee_to_wall_estimate(
    at: AngleAt | None,
    *,
    knee_x: Array,
    toe_x: Array,
    forward: float,
    shank_px: float,
    shank_cm: float | None,
    scaled_from: str,
    time_s: Array,
    uncertainty_deg: float,
    calibration: Calibration = EXACT,
) -> KneeToWallEstimate | None:
    """Toe to knee-front horizontally at ``at`` (the largest heel-down tibia angle), in cm,
    less what the pose backend is known to add to it (``calibration``)."""
    if at is None or not np.isfinite(shank_px) or shank_px <= 0:
        return None
    frame = at.frame
    ahead_px = (float(knee_x[frame]) - float(toe_x[frame])) * forward
    if not np.isfinite(ahead_px):
        return None
    if shank_cm is None:
        shank_cm, scaled_from = TYPICAL_SHANK_CM, "typical_adult"
    ahead = ahead_px / shank_px - calibration.knee_ahead_of_toe_shanks
    distance = (ahead + KNEE_FRONT_SHANKS) * shank_cm
    theta = np.radians(at.value_deg)
    swing = shank_cm * abs(
        np.sin(theta + np.radians(uncertainty_deg)) - np.sin(theta)
    )  # the knee moves this far for a 5° error in the shin angle
    spread = (
        swing
        + SCALE_SPREAD[scaled_from] * abs(distance)
        + calibration.knee_ahead_spread_shanks * shank_cm
    )
    return KneeToWallEstimate(
        frame=frame,
        time_s=float(time_s[frame]),
        distance_cm=round(max(0.0, distance), 1),
        low_cm=round(max(0.0, distance - spread), 1),
        high_cm=round(max(0.0, distance + spread), 1),
        scaled_from=scaled_from,
    )
