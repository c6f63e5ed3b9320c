"""Gates that refuse a video Dorsi cannot measure well, each with its own error.

Thresholds are deliberately loose: they catch a wrong filming set-up, not a slightly
imperfect one. The per-frame confidence in the results shows the rest.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from dorsi.core.codes import Side
from dorsi.video import kinematics
from dorsi.video.errors import (
    FeetOutOfFrame,
    LowConfidence,
    NoPersonFound,
    NotSideOn,
    SubjectAmbiguous,
    TooDark,
    VideoTooShort,
)
from dorsi.video.measure import MIN_VISIBILITY, joint, leg_confidence, median_or
from dorsi.video.tracking import RawTrack

Array = npt.NDArray[np.float64]

MIN_DURATION_S = 1.0
# Mean luma (0–255). Below DARK the detector degrades; below VERY_DARK nothing is trustworthy.
DARK_LUMA = 45.0
VERY_DARK_LUMA = 20.0
# The athlete must be found in at least this share of frames.
MIN_FOUND_SHARE = 0.2
# A similar-sized second person in half of the athlete's frames: no safe way to choose.
MAX_COMPETITOR_SHARE = 0.5
# Side-on, hips and shoulders overlap across the image; face-on the hips are ~0.65 torso
# lengths apart and the shoulders ~0.9 (standard anthropometric widths). A camera 30° off the
# side gives about 0.3 and 0.45, which is as far as sagittal angles stay usable.
MAX_HIP_SPREAD = 0.35
MAX_SHOULDER_SPREAD = 0.5
# Feet at the image edge (or beyond it) in more than this share of the frames found.
MAX_FEET_OUT_SHARE = 0.25
EDGE_MARGIN = 0.01
# The measured leg must be clearly seen in at least this share of all frames.
MIN_CONFIDENT_SHARE = 0.6


def check_duration(duration_s: float, frames: int, fps: float) -> None:
    if max(duration_s, frames / fps if fps > 0 else 0.0) < MIN_DURATION_S:
        raise VideoTooShort()


def check_subject(track: RawTrack) -> None:
    """Is there one clearly identifiable person, in enough light?"""
    brightness = median_or(track.brightness, 255.0)
    if brightness < VERY_DARK_LUMA:
        raise TooDark()
    found = np.isfinite(track.landmarks[:, 0, 0])
    if found.mean() < MIN_FOUND_SHARE:
        raise TooDark() if brightness < DARK_LUMA else NoPersonFound()
    stats = track.stats
    if stats.competitor_frames >= MAX_COMPETITOR_SHARE * max(1, stats.subject_frames):
        raise SubjectAmbiguous()


def check_side_on(track: RawTrack) -> None:
    lm = track.landmarks
    hips = [joint(lm, s, "hip")[:, :2] for s in (Side.LEFT, Side.RIGHT)]
    shoulders = [joint(lm, s, "shoulder")[:, :2] for s in (Side.LEFT, Side.RIGHT)]
    torso = kinematics.distance_px(
        kinematics.midpoint(hips[0], hips[1]), kinematics.midpoint(shoulders[0], shoulders[1])
    )
    hip_spread = median_or(kinematics.horizontal_spread(hips[0], hips[1], torso), 0.0)
    shoulder_spread = median_or(
        kinematics.horizontal_spread(shoulders[0], shoulders[1], torso), 0.0
    )
    if hip_spread > MAX_HIP_SPREAD or shoulder_spread > MAX_SHOULDER_SPREAD:
        raise NotSideOn()


def check_feet(track: RawTrack, side: Side) -> None:
    found = np.isfinite(track.landmarks[:, 0, 0])
    if not found.any():
        return
    out = np.zeros(found.sum(), dtype=bool)
    for name in ("ankle", "heel", "toe"):
        xy = joint(track.landmarks, side, name)[found, :2]
        out |= _outside(xy, track.width, track.height)
    if out.mean() > MAX_FEET_OUT_SHARE:
        raise FeetOutOfFrame()


def _outside(xy: Array, width: int, height: int) -> npt.NDArray[np.bool_]:
    mx, my = EDGE_MARGIN * width, EDGE_MARGIN * height
    x, y = xy[:, 0], xy[:, 1]
    return np.asarray((x < mx) | (x > width - mx) | (y > height - my) | (y < my), dtype=bool)


def check_confidence(track: RawTrack, side: Side) -> None:
    confidence = leg_confidence(track.landmarks, side)
    confident = np.nan_to_num(confidence, nan=0.0) >= MIN_VISIBILITY
    if confident.mean() < MIN_CONFIDENT_SHARE:
        raise TooDark() if median_or(track.brightness, 255.0) < DARK_LUMA else LowConfidence()
