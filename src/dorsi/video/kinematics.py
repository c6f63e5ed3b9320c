"""Joint angles and distances from 2-D keypoints. Pure numpy, no I/O.

Every function takes arrays of image points of shape ``(n, 2)`` (x to the right, y down, pixels)
and returns one value per frame; a missing point (NaN) gives NaN. ``forward`` is +1 when the
athlete faces the right of the image and -1 when they face the left, so "forward" values
(knee past the toes, tibia angle) keep their sign whichever way the athlete faces.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Points = npt.NDArray[np.float64]
Series = npt.NDArray[np.float64]


def _incline_deg(top: Points, bottom: Points, forward: float) -> Series:
    """Angle of the segment bottom→top from the vertical; positive when top is ahead of bottom."""
    dx = (top[:, 0] - bottom[:, 0]) * forward
    dy_up = bottom[:, 1] - top[:, 1]
    return np.asarray(np.degrees(np.arctan2(dx, dy_up)), dtype=np.float64)


def tibia_angle_deg(knee: Points, ankle: Points, forward: float) -> Series:
    """Shank inclination from vertical (the weight-bearing lunge angle); + = knee ahead of ankle."""
    return _incline_deg(knee, ankle, forward)


def trunk_lean_deg(shoulder: Points, hip: Points, forward: float) -> Series:
    """Trunk inclination from vertical; + = shoulders ahead of hips."""
    return _incline_deg(shoulder, hip, forward)


def ankle_angle_deg(knee: Points, ankle: Points, heel: Points, toe: Points) -> Series:
    """Shank against foot, 0 at a right angle, positive in dorsiflexion (knee over the toes).

    The foot line is heel→toe (the sole), so a lifted heel lowers the angle even when the shank
    keeps its incline: that is why it is reported next to the tibia angle, not instead of it.
    """
    shank = knee - ankle
    foot = toe - heel
    dot = np.einsum("ij,ij->i", shank, foot)
    norms = np.linalg.norm(shank, axis=1) * np.linalg.norm(foot, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        between = np.degrees(np.arccos(np.clip(dot / norms, -1.0, 1.0)))
    return np.asarray(90.0 - between, dtype=np.float64)


def heel_rise_px(heel: Points, toe: Points) -> Series:
    """Height of the heel above the toe; rises when the heel leaves the floor, whatever the camera
    height, because the toe stays on the floor in a squat or a lunge."""
    return np.asarray(toe[:, 1] - heel[:, 1], dtype=np.float64)


def knee_past_toes_px(knee: Points, toe: Points, forward: float) -> Series:
    """Horizontal distance of the knee ahead of the toe tip; negative while it is behind."""
    return (knee[:, 0] - toe[:, 0]) * forward


def hip_above_knee_px(hip: Points, knee: Points) -> Series:
    """Hip height over the knee: positive standing, zero at parallel, negative below parallel."""
    return knee[:, 1] - hip[:, 1]


def distance_px(a: Points, b: Points) -> Series:
    return np.asarray(np.linalg.norm(a - b, axis=1), dtype=np.float64)


def horizontal_spread(left: Points, right: Points, reference_length: Series) -> Series:
    """Left–right horizontal gap as a share of a body length: near 0 side-on, large face-on."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.abs(left[:, 0] - right[:, 0]) / reference_length


def midpoint(a: Points, b: Points) -> Points:
    return (a + b) / 2.0


def facing_sign(heel: Points, toe: Points) -> float:
    """+1 if the feet point to the right of the image, -1 if to the left (median over frames)."""
    dx = toe[:, 0] - heel[:, 0]
    dx = dx[np.isfinite(dx)]
    if dx.size == 0:
        return 1.0
    return 1.0 if float(np.median(dx)) >= 0 else -1.0
