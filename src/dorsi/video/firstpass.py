"""First pass over the video: pose on every frame, keeping only the athlete's landmarks.

A long video is cut in two halves that run at the same time, each with its own decoder, pose
model and tracker: one pose model keeps one core busy, and a second one turns the machine's
second core into throughput. Where the halves meet, the athlete found at the start of the
second half must be the one the first half ended on; if not (someone else was nearer the
camera there), the second half is redone as a continuation of the first.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from dorsi.video import media
from dorsi.video.model import Progress, SourceInfo
from dorsi.video.pose import N_LANDMARKS, Image, Landmark, PoseCandidate, PoseEstimator
from dorsi.video.tracking import RawTrack, SubjectTracker, TrackStats

Array = npt.NDArray[np.float64]
ProgressCallback = Callable[[Progress], None]
EstimatorFactory = Callable[[], PoseEstimator]

# Below this, starting a second pose model costs more than the second core gives back.
MIN_PARALLEL_S = 4.0
# Seen side-on, the pose model sometimes labels the left leg right and the right leg left for a
# frame (legs crossing in a stride, one leg hidden behind the other). A frame's legs are put back
# when the swapped labels sit this much closer to the previous frame's legs than the given ones.
SWAP_COST_RATIO = 0.5
_LEFT_LEG = [Landmark[f"LEFT_{n}"] for n in ("HIP", "KNEE", "ANKLE", "HEEL", "TOE")]
_RIGHT_LEG = [Landmark[f"RIGHT_{n}"] for n in ("HIP", "KNEE", "ANKLE", "HEEL", "TOE")]


# Pose is the cost of the analysis (about 20 ms a frame whatever the picture size). While the
# athlete is tracked steadily and is not deep in a rep, pose runs on every POSE_STRIDE-th frame
# and the frames between are interpolated; it runs on every frame while the hip is in the lowest
# 30 % of its range so far (the bottoms, where the figures are read), while the hip moves fast,
# and right after the athlete was lost. Tuned on the development clips dev01, dev03 and dev05
# (about 55 % of the frames posed) and checked against pose on every frame (test_parallel).
POSE_STRIDE = 3
DEEP_SHARE = 0.7
MIN_RANGE_TORSO = 0.3
FAST_TORSO_PER_FRAME = 0.08


class StridePolicy:
    """Decides, frame by frame, whether pose must run (see POSE_STRIDE)."""

    def __init__(self, stride: int = POSE_STRIDE) -> None:
        self.stride = max(1, stride)
        self._since = 0
        self._low = self._high = float("nan")
        self._last: tuple[float, float, int] | None = None  # hip y, torso, frame index
        self._steady = False
        self._empty = False

    def wants(self, index: int) -> bool:
        self._since += 1
        if self.stride == 1 or not self._steady or self._since >= self.stride:
            return True
        return self._deep()

    def _deep(self) -> bool:
        if self._last is None:
            return False  # nobody seen lately: nothing deep to miss
        hip_y, torso, _ = self._last
        span = self._high - self._low
        if not np.isfinite(span) or span < MIN_RANGE_TORSO * torso:
            return False
        return hip_y >= self._low + DEEP_SHARE * span

    def seen(self, index: int, chosen: PoseCandidate | None) -> None:
        self._since = 0
        if chosen is None or chosen.torso_px <= 0:
            # Nobody twice in a row (a title card, an empty room): looking every few frames
            # is enough to notice someone arriving.
            self._steady = self._last is None and self._empty
            self._last, self._empty = None, True
            return
        self._empty = False
        hip_y, torso = chosen.hip_center[1], chosen.torso_px
        fast = False
        if self._last is not None:
            moved = abs(hip_y - self._last[0]) / max(1, index - self._last[2])
            fast = moved > FAST_TORSO_PER_FRAME * torso
        self._steady = self._last is not None and not fast
        self._last = (hip_y, torso, index)
        self._low = hip_y if not np.isfinite(self._low) else min(self._low, hip_y)
        self._high = hip_y if not np.isfinite(self._high) else max(self._high, hip_y)


@dataclass
class _Segment:
    """What one worker found in its stretch of the video."""

    estimator: PoseEstimator | None  # None: made by the worker (see _run)
    tracker: SubjectTracker = field(default_factory=SubjectTracker)
    rows: list[Array] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    brightness: list[float] = field(default_factory=list)
    first_subject: PoseCandidate | None = None
    frames_before_subject: int = 0
    error: BaseException | None = None
    stride: int = 1
    skipped: list[bool] = field(default_factory=list)


def find_subject(
    image: Image, estimator: PoseEstimator, tracker: SubjectTracker
) -> PoseCandidate | None:
    seen = estimator.estimate(image)
    chosen = tracker.pick(seen)
    if chosen is None and tracker.locked:
        # The backend followed someone else or lost the athlete: look again where they were.
        region = tracker.search_region()
        if region is not None:
            found = estimator.estimate(image, region=region)
            chosen = tracker.pick(found)
            seen = [*seen, *found]
    tracker.commit(chosen, seen)
    return chosen


def _in_source_pixels(candidate: PoseCandidate | None, factor: float) -> Array:
    if candidate is None:
        return np.full((N_LANDMARKS, 4), np.nan)
    landmarks = candidate.landmarks.astype(np.float64, copy=True)
    landmarks[:, :3] *= factor
    return landmarks


def _run(
    segment: _Segment,
    source: SourceInfo,
    size: tuple[int, int],
    span: media.Span | None,
    on_frame: Callable[[], None],
    stop: threading.Event,
    factory: EstimatorFactory | None = None,
) -> None:
    to_source = source.width / size[0]
    try:
        # Lazy: a frame pose skips is never converted to RGB (its brightness is left unknown;
        # the light checks take the median of the frames that were looked at).
        frames = media.iter_frames(
            Path(source.path),
            size=size,
            rotation=source.rotation_deg,
            span=span,
            lazy=segment.stride > 1,
        )
        if segment.estimator is None:
            # Made here, after the decoder has started: both halves' models load at once (the
            # first one imports MediaPipe, 0.3–0.4 s) while their decoders seek and fill up.
            assert factory is not None
            segment.estimator = factory()
        estimator = segment.estimator
        policy = StridePolicy(segment.stride)
        for frame in frames:
            if stop.is_set():
                return
            index = len(segment.rows)
            if not policy.wants(index):
                segment.rows.append(np.full((N_LANDMARKS, 4), np.nan))
                segment.skipped.append(True)
                segment.times.append(frame.time_s)
                segment.brightness.append(float("nan"))
                on_frame()
                continue
            chosen = find_subject(frame.image, estimator, segment.tracker)
            policy.seen(index, chosen)
            if chosen is not None and segment.first_subject is None:
                segment.first_subject = chosen
                segment.frames_before_subject = len(segment.rows)
            segment.skipped.append(False)
            segment.rows.append(_in_source_pixels(chosen, to_source))
            segment.times.append(frame.time_s)
            segment.brightness.append(frame.brightness)
            on_frame()
    except BaseException as exc:  # re-raised by the thread that started the workers
        segment.error = exc
        stop.set()


def track_subject(
    source: SourceInfo,
    size: tuple[int, int],
    estimator: PoseEstimator,
    progress: ProgressCallback | None,
    stride: int = 1,
) -> RawTrack:
    """The whole video in order, with one backend (which may keep state from frame to frame)."""
    segment = _Segment(estimator, stride=stride)
    total = source.frame_count or None
    done = [0]

    def on_frame() -> None:
        done[0] += 1
        if progress is not None:
            progress(Progress("pose", done[0], total))

    _run(segment, source, size, None, on_frame, threading.Event())
    if segment.error is not None:
        raise segment.error
    return _combine([segment], segment.tracker.stats(), source)


def track(
    source: SourceInfo,
    size: tuple[int, int],
    factory: EstimatorFactory,
    progress: ProgressCallback | None,
    stride: int = POSE_STRIDE,
    spare: Callable[[], None] | None = None,
) -> RawTrack:
    """Pose with backends made by ``factory``: two halves at once when it pays off; pose on
    every ``stride``-th frame while tracking is steady away from the bottoms.

    ``spare`` is work for a core left idle: it runs on the calling thread as soon as one half is
    done while the other is still being posed (on a single pass it is not run)."""
    if source.duration_s < MIN_PARALLEL_S or (os.cpu_count() or 1) < 2:
        estimator = factory()
        try:
            return track_subject(source, size, estimator, progress, stride)
        finally:
            estimator.close()
    segments = [_Segment(None, stride=stride), _Segment(None, stride=stride)]
    try:
        return _track_halves(source, size, segments, factory, progress, spare)
    finally:
        for segment in segments:
            if segment.estimator is not None:
                segment.estimator.close()


def _track_halves(
    source: SourceInfo,
    size: tuple[int, int],
    segments: list[_Segment],
    factory: EstimatorFactory,
    progress: ProgressCallback | None,
    spare: Callable[[], None] | None = None,
) -> RawTrack:
    # Cut half-way between two frames, so no frame time can fall on the boundary.
    half = (round(source.duration_s * source.fps / 2) - 0.5) / source.fps
    spans = [media.Span(source.start_time_s, 0.0, half), media.Span(source.start_time_s, half)]
    counts = [0, 0]
    stop = threading.Event()
    one_done = threading.Event()

    def work(segment: _Segment, span: media.Span, count: Callable[[], None]) -> None:
        try:
            _run(segment, source, size, span, count, stop, factory)
        finally:
            one_done.set()

    workers = [
        threading.Thread(target=work, args=(seg, span, _counter(counts, i)), daemon=True)
        for i, (seg, span) in enumerate(zip(segments, spans, strict=True))
    ]
    for worker in workers:
        worker.start()
    total = source.frame_count or None
    while alive := [w for w in workers if w.is_alive()]:
        if spare is not None:
            if one_done.wait(timeout=0.1):
                # The halves seldom take the same time (on the 10 s bench clip one finished
                # 0.4–0.7 s before the other: more frames posed near the bottoms, more
                # re-searches for a lost athlete), and until the other is done a core is free.
                spare()
                spare = None
        else:
            # The one still running: joining a finished thread returns at once, and this loop
            # spun, taking the GIL from the other half for as long as it ran.
            alive[0].join(timeout=0.1)
        if progress is not None:
            progress(Progress("pose", sum(counts), total))
    if progress is not None:  # the workers may have finished their last frames after the report
        progress(Progress("pose", sum(counts), total))
    for segment in segments:
        if segment.error is not None:
            raise segment.error
    first, second = segments
    if second.first_subject is not None and not first.tracker.accepts(
        second.first_subject, missed=second.frames_before_subject
    ):
        second = _Segment(first.estimator, tracker=first.tracker, stride=first.stride)
        _run(second, source, size, spans[1], lambda: None, threading.Event())
        if second.error is not None:
            raise second.error
        return _combine([first, second], first.tracker.stats(), source)
    return _combine([first, second], first.tracker.stats() + second.tracker.stats(), source)


def _counter(counts: list[int], index: int) -> Callable[[], None]:
    def count() -> None:
        counts[index] += 1

    return count


def unswap_legs(landmarks: Array) -> Array:
    """The (frames, 33, 4) landmarks with one-frame left/right leg swaps put back.

    Each frame's legs are compared with the last frame the athlete was seen in: if the left leg
    is where the right one was and vice versa (the swapped pairing less than ``SWAP_COST_RATIO``
    of the given one, summed over hip, knee, ankle, heel and toe), the two legs' rows change
    places. Legs that merely cross in a stride match both ways about equally and are left alone.
    """
    fixed = landmarks.copy()
    previous: Array | None = None
    for row in fixed:
        if not np.isfinite(row[:, :2]).all():
            continue
        if previous is not None:
            left, right = row[_LEFT_LEG, :2], row[_RIGHT_LEG, :2]
            was_left, was_right = previous[_LEFT_LEG, :2], previous[_RIGHT_LEG, :2]
            given = _spread(left, was_left) + _spread(right, was_right)
            swapped = _spread(left, was_right) + _spread(right, was_left)
            if swapped < SWAP_COST_RATIO * given:
                row[_LEFT_LEG], row[_RIGHT_LEG] = row[_RIGHT_LEG].copy(), row[_LEFT_LEG].copy()
        previous = row
    return fixed


def _spread(a: Array, b: Array) -> float:
    return float(np.linalg.norm(a - b, axis=1).sum())


def fill_skipped(landmarks: Array, skipped: npt.NDArray[np.bool_]) -> Array:
    """Frames pose skipped, interpolated linearly between the frames around them (when the
    athlete was found on both sides); otherwise left unseen."""
    out = landmarks.copy()
    posed = np.flatnonzero(~skipped)
    for i in np.flatnonzero(skipped):
        k = int(np.searchsorted(posed, i))
        if k == 0 or k == posed.size:
            continue
        a, b = int(posed[k - 1]), int(posed[k])
        if not (np.isfinite(landmarks[a, 0, 0]) and np.isfinite(landmarks[b, 0, 0])):
            continue
        w = (i - a) / (b - a)
        out[i] = (1 - w) * landmarks[a] + w * landmarks[b]
    return out


def _combine(segments: list[_Segment], stats: TrackStats, source: SourceInfo) -> RawTrack:
    rows = [row for segment in segments for row in segment.rows]
    skipped = np.array([s for segment in segments for s in segment.skipped], dtype=bool)
    stacked = np.stack(rows) if rows else np.zeros((0, N_LANDMARKS, 4))
    if skipped.any():
        stacked = fill_skipped(unswap_legs(stacked), skipped)
    return RawTrack(
        landmarks=unswap_legs(stacked) if rows else stacked,
        time_s=np.array([t for s in segments for t in s.times], dtype=np.float64),
        brightness=np.array([b for s in segments for b in s.brightness], dtype=np.float64),
        stats=stats,
        width=source.width,
        height=source.height,
    )
