"""Pose estimation behind a small protocol, and the MediaPipe adapter.

A backend returns zero or more people per frame as 33 landmarks in the BlazePose order
(x, y in pixels of the image it was given, z in the same scale with smaller = nearer the
camera, and a visibility between 0 and 1). Another backend only has to map its joints to
these indices.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property
from types import TracebackType
from typing import Any, ClassVar, Protocol

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
Landmarks = npt.NDArray[np.float64]  # shape (33, 4): x_px, y_px, z_px, visibility
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels

N_LANDMARKS = 33


class Landmark(IntEnum):
    NOSE = 0
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_TOE = 31  # BlazePose "foot index": tip of the big toe region
    RIGHT_TOE = 32


@dataclass(frozen=True)
class PoseCandidate:
    """One person's landmarks. Their sizes are worked out once: the tracker and the stride
    policy ask for them about five times a frame, and numpy's mean of two points is slow next
    to the arithmetic (0.1 CPU s on the 10 s bench clip)."""

    landmarks: Landmarks

    @cached_property
    def hip_center(self) -> tuple[float, float]:
        hips = self.landmarks[[Landmark.LEFT_HIP, Landmark.RIGHT_HIP], :2].mean(axis=0)
        return float(hips[0]), float(hips[1])

    @cached_property
    def torso_px(self) -> float:
        """Shoulder-centre to hip-centre distance: a size that barely changes with the view."""
        lm = self.landmarks
        shoulders = lm[[Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER], :2].mean(axis=0)
        hips = lm[[Landmark.LEFT_HIP, Landmark.RIGHT_HIP], :2].mean(axis=0)
        return float(np.linalg.norm(shoulders - hips))

    @cached_property
    def mean_visibility(self) -> float:
        return float(self.landmarks[:, 3].mean())

    def box(self) -> Box:
        xy = self.landmarks[:, :2]
        return (
            float(xy[:, 0].min()),
            float(xy[:, 1].min()),
            float(xy[:, 0].max()),
            float(xy[:, 1].max()),
        )


@dataclass(frozen=True)
class Calibration:
    """What a backend is known to get wrong, measured against hand labels, for the figures that
    rest on it. A backend without one is taken as exact (the synthetic test estimator)."""

    # How much further ahead of the toe the backend puts the knee than the knee joint's centre
    # is, at squat or lunge depth, in shank lengths; and the spread of that between frames.
    knee_ahead_of_toe_shanks: float = 0.0
    knee_ahead_spread_shanks: float = 0.0


EXACT = Calibration()
# BlazePose against the hand labels of the side-on development clips dev01–dev05 (8 frames at
# the bottom of a squat or a lunge): its knee sits up to 0.11 shank lengths ahead of the joint's
# centre and its "foot index" up to 0.09 behind the tip of the shoe, so the knee reads further
# ahead of the toe than it is: 0.08–0.20 (mean 0.12, SD 0.04) with pose on every frame, 0.02–0.21
# (mean 0.11, SD 0.05) through the product's first pass. About 5 cm for an adult, which the
# knee-to-wall distance from a video takes off (and whose spread it adds to its range).
MEDIAPIPE_CALIBRATION = Calibration(knee_ahead_of_toe_shanks=0.12, knee_ahead_spread_shanks=0.05)


def calibration_of(backend: object) -> Calibration:
    value = getattr(backend, "calibration", EXACT)
    return value if isinstance(value, Calibration) else EXACT


class PoseEstimator(Protocol):
    """Finds people in one RGB frame; frames arrive in order, so a backend may track."""

    def estimate(self, image: Image, *, region: Box | None = None) -> list[PoseCandidate]:
        """People in ``image``; with ``region``, look only there (used to re-find the subject)."""
        ...

    def close(self) -> None: ...


class MediaPipePose:
    """MediaPipe's legacy BlazePose (``solutions.pose``), full model, bundled in the wheel.

    Video mode (``static_image_mode=False``) runs the person detector only until a pose is
    found and then follows it from frame to frame, which is what makes it fast. A second,
    still-image instance looks inside a region when the tracker has drifted onto someone else;
    estimators made by one ``MediaPipePose.sharing()`` factory share that one.
    """

    calibration: ClassVar[Calibration] = MEDIAPIPE_CALIBRATION

    def __init__(
        self,
        *,
        model_complexity: int = 1,
        static_image_mode: bool = False,
        still: StillPose | None = None,
    ) -> None:
        self._complexity = model_complexity
        self._static = static_image_mode
        self._tracker: Any = _new_pose(model_complexity, static_image_mode)
        self._still = still if still is not None else StillPose(model_complexity)
        self._still.hold()
        self._warmed_up = False

    @classmethod
    def sharing(cls, *, model_complexity: int = 1) -> SharingFactory:
        """A factory of video-mode estimators that share one still-image model for their
        re-searches: it is made once, not once per half of the video (about 0.1 s each on this
        machine with its first search), and it keeps no state from one search to the next."""
        return SharingFactory(model_complexity)

    def estimate(self, image: Image, *, region: Box | None = None) -> list[PoseCandidate]:
        if region is not None:
            return self._estimate_region(image, region)
        # The landmark model starts (and logs) on the first frame with a person in it.
        with _quiet_native_logs(enabled=not self._warmed_up):
            result = self._tracker.process(image)
        candidates = _candidates(result, image.shape[1], image.shape[0], 0.0, 0.0)
        self._warmed_up = self._warmed_up or bool(candidates)
        return candidates

    def _estimate_region(self, image: Image, region: Box) -> list[PoseCandidate]:
        height, width = image.shape[:2]
        x0, y0 = max(0, int(region[0])), max(0, int(region[1]))
        x1, y1 = min(width, int(region[2])), min(height, int(region[3]))
        if x1 - x0 < 16 or y1 - y0 < 16:
            return []
        crop = np.ascontiguousarray(image[y0:y1, x0:x1])
        result = self._still.process(crop)
        return _candidates(result, x1 - x0, y1 - y0, float(x0), float(y0))

    def close(self) -> None:
        self._tracker.close()
        self._still.release()

    def __enter__(self) -> MediaPipePose:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class SharingFactory:
    """Makes MediaPipe estimators sharing one still-image model; carries their calibration, so
    an analysis given this factory corrects what MediaPipe is known to get wrong."""

    calibration: ClassVar[Calibration] = MEDIAPIPE_CALIBRATION

    def __init__(self, model_complexity: int) -> None:
        self._complexity = model_complexity
        self._still = StillPose(model_complexity)

    def __call__(self) -> MediaPipePose:
        return MediaPipePose(model_complexity=self._complexity, still=self._still)


class StillPose:
    """The still-image model for re-searches, made on first use and shared by the estimators
    holding it (one search at a time); closed when the last of them is."""

    def __init__(self, model_complexity: int) -> None:
        self._complexity = model_complexity
        self._lock = threading.Lock()
        self._pose: Any = None
        self._users = 0

    def hold(self) -> None:
        with self._lock:
            self._users += 1

    def process(self, crop: Image) -> Any:
        with self._lock:
            if self._pose is None:
                self._pose = _new_pose(self._complexity, static_image_mode=True)
            with _quiet_native_logs(enabled=True):
                return self._pose.process(crop)

    def release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users <= 0 and self._pose is not None:
                self._pose.close()
                self._pose = None


def _new_pose(model_complexity: int, static_image_mode: bool) -> Any:
    # Quieten glog before the native library loads; Python-side deprecation warnings from the
    # protobuf bindings are silenced here only, not for the whole program.
    os.environ.setdefault("GLOG_minloglevel", "2")
    with _quiet_warnings():
        from mediapipe.python.solutions import pose as mp_pose

        with _quiet_native_logs(enabled=True):
            pose = mp_pose.Pose(
                static_image_mode=static_image_mode,
                model_complexity=model_complexity,
                # Its own smoothing is causal and lags the movement; the pipeline filters
                # afterwards with a zero-phase filter instead.
                smooth_landmarks=False,
                enable_segmentation=False,
            )
            # The graph starts its models on background threads; one blank frame waits for
            # them, so their start-up logging happens while it is hidden.
            pose.process(np.zeros((64, 64, 3), dtype=np.uint8))
            return pose


def _candidates(result: Any, width: int, height: int, dx: float, dy: float) -> list[PoseCandidate]:
    if result.pose_landmarks is None:
        return []
    raw = np.array(
        [(p.x, p.y, p.z, p.visibility) for p in result.pose_landmarks.landmark], dtype=np.float64
    )
    landmarks = np.column_stack(
        (raw[:, 0] * width + dx, raw[:, 1] * height + dy, raw[:, 2] * width, raw[:, 3])
    )
    return [PoseCandidate(landmarks=landmarks)]


# warnings.catch_warnings swaps the process-wide filter list in and out, so two threads each
# using it (the halves of a video make their pose models at once) could leave one's "ignore"
# behind for the whole program. As for fd 2 below: one catch for the process, entered by the
# first thread that asks and left by the last.
_WARNINGS_LOCK = threading.Lock()
_warnings_state: dict[str, Any] = {"depth": 0, "catch": None}


@contextlib.contextmanager
def _quiet_warnings() -> Iterator[None]:
    with _WARNINGS_LOCK:
        if _warnings_state["depth"] == 0:
            catch = warnings.catch_warnings()
            catch.__enter__()
            warnings.simplefilter("ignore")
            _warnings_state["catch"] = catch
        _warnings_state["depth"] += 1
    try:
        yield
    finally:
        with _WARNINGS_LOCK:
            _warnings_state["depth"] -= 1
            if _warnings_state["depth"] == 0:
                _warnings_state["catch"].__exit__(None, None, None)
                _warnings_state["catch"] = None


# One redirection of file descriptor 2 for the whole process, however many threads ask for it:
# the first to enter points fd 2 at /dev/null, the last to leave puts the saved descriptor back.
# (Two threads each saving and restoring fd 2 on their own raced, and left it on /dev/null.)
_QUIET_LOCK = threading.Lock()
_quiet_state: dict[str, int] = {"depth": 0, "saved": -1}


@contextlib.contextmanager
def _quiet_native_logs(*, enabled: bool) -> Iterator[None]:
    """TFLite prints an INFO line and a few glog warnings straight to file descriptor 2 when a
    graph starts; hide them so the command line shows only Dorsi's own output. Safe across
    threads: fd 2 is always restored once the last user leaves, even after an error."""
    if not enabled:
        yield
        return
    entered = _silence()
    try:
        yield
    finally:
        if entered:
            _restore()


def _silence() -> bool:
    with _QUIET_LOCK:
        if _quiet_state["depth"] == 0:
            try:
                saved = os.dup(2)
            except OSError:
                return False
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 2)
            finally:
                os.close(null)
            _quiet_state["saved"] = saved
        _quiet_state["depth"] += 1
        return True


def _restore() -> None:
    with _QUIET_LOCK:
        _quiet_state["depth"] -= 1
        if _quiet_state["depth"] == 0:
            saved = _quiet_state["saved"]
            _quiet_state["saved"] = -1
            os.dup2(saved, 2)
            os.close(saved)
