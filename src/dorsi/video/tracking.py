"""Keeps the analysis on one athlete: the first clearly visible person is locked, and a pose
that jumps away from where that person was (a reflection, someone walking past) is refused.

Positions are compared in torso lengths (shoulder centre to hip centre) so the same rule works
whether the athlete fills the frame or stands far away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dorsi.video.pose import Box, PoseCandidate

# Between two consecutive frames a squatting hip moves far less than half a torso length; the
# allowance grows while the athlete is unseen so they can be found again after an occlusion.
MAX_JUMP_TORSO = 0.6
JUMP_GROWTH_PER_MISSED_FRAME = 0.3
MAX_JUMP_CAP_TORSO = 3.0
# The projected torso length changes little in a squat; a much bigger or smaller body is
# somebody else (or a reflection further away).
SIZE_RATIO_RANGE = (0.6, 1.0 / 0.6)
# Another person at least this big, relative to the athlete, counts as a competitor.
COMPARABLE_SIZE = 0.8
MIN_VISIBILITY = 0.5


@dataclass(frozen=True)
class TrackStats:
    frames: int
    subject_frames: int
    competitor_frames: int  # frames with a second, similar-sized, clearly visible person
    refused_frames: int  # frames where the backend's pose was someone else and was refused

    def __add__(self, other: TrackStats) -> TrackStats:
        return TrackStats(
            frames=self.frames + other.frames,
            subject_frames=self.subject_frames + other.subject_frames,
            competitor_frames=self.competitor_frames + other.competitor_frames,
            refused_frames=self.refused_frames + other.refused_frames,
        )


class SubjectTracker:
    def __init__(self) -> None:
        self._center: tuple[float, float] | None = None
        self._torso = 0.0
        self._box: Box | None = None
        self._missed = 0
        self._frames = 0
        self._subject_frames = 0
        self._competitor_frames = 0
        self._refused_frames = 0

    @property
    def locked(self) -> bool:
        return self._center is not None

    def pick(self, candidates: Sequence[PoseCandidate]) -> PoseCandidate | None:
        """The candidate that is the athlete, without changing the tracker's state."""
        usable = [c for c in candidates if c.torso_px > 0 and c.mean_visibility >= MIN_VISIBILITY]
        if not self.locked:
            return max(usable, key=lambda c: c.torso_px, default=None)
        matches = [c for c in candidates if self._matches(c)]
        return min(matches, key=self._distance, default=None)

    def commit(self, chosen: PoseCandidate | None, seen: Sequence[PoseCandidate]) -> None:
        """Record the frame's outcome; ``seen`` is every candidate looked at in this frame."""
        self._frames += 1
        others = [c for c in seen if c is not chosen]
        if chosen is None:
            self._missed += 1
            self._refused_frames += bool(others)
            return
        if any(self._is_competitor(c, chosen) for c in others):
            self._competitor_frames += 1
        self._subject_frames += 1
        self._missed = 0
        self._center = chosen.hip_center
        # Smooth the size so one badly estimated frame does not loosen or tighten the lock.
        self._torso = (
            chosen.torso_px if self._torso == 0 else 0.8 * self._torso + 0.2 * chosen.torso_px
        )
        self._box = chosen.box()

    def accepts(self, candidate: PoseCandidate, *, missed: int) -> bool:
        """Would ``candidate``, seen ``missed`` frames after the last one, be the athlete?"""
        if not self.locked:
            return True
        saved = self._missed
        self._missed += missed
        try:
            return self._matches(candidate)
        finally:
            self._missed = saved

    def search_region(self) -> Box | None:
        """Where to look again for the athlete: their last box, widened by a torso length."""
        if self._box is None:
            return None
        pad = self._torso * (1.0 + JUMP_GROWTH_PER_MISSED_FRAME * self._missed)
        x0, y0, x1, y1 = self._box
        return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)

    def stats(self) -> TrackStats:
        return TrackStats(
            frames=self._frames,
            subject_frames=self._subject_frames,
            competitor_frames=self._competitor_frames,
            refused_frames=self._refused_frames,
        )

    def _distance(self, candidate: PoseCandidate) -> float:
        assert self._center is not None
        cx, cy = candidate.hip_center
        return float(((cx - self._center[0]) ** 2 + (cy - self._center[1]) ** 2) ** 0.5)

    def _matches(self, candidate: PoseCandidate) -> bool:
        if candidate.torso_px <= 0:
            return False
        ratio = candidate.torso_px / self._torso
        if not SIZE_RATIO_RANGE[0] <= ratio <= SIZE_RATIO_RANGE[1]:
            return False
        allowance = min(
            MAX_JUMP_CAP_TORSO, MAX_JUMP_TORSO + JUMP_GROWTH_PER_MISSED_FRAME * self._missed
        )
        return self._distance(candidate) <= allowance * self._torso

    @staticmethod
    def _is_competitor(other: PoseCandidate, chosen: PoseCandidate) -> bool:
        return (
            other.mean_visibility >= MIN_VISIBILITY
            and other.torso_px >= COMPARABLE_SIZE * chosen.torso_px
        )


@dataclass(frozen=True)
class RawTrack:
    """The athlete's unfiltered landmarks over the whole clip, in source pixels.

    ``landmarks`` has shape (frames, 33, 4) and is NaN where the athlete was not found. It is
    small (about half a kilobyte a frame), unlike the frames themselves, which are not kept.
    """

    landmarks: npt.NDArray[np.float64]
    time_s: npt.NDArray[np.float64]
    brightness: npt.NDArray[np.float64]
    stats: TrackStats
    width: int
    height: int
