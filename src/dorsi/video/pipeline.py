"""Orchestration: decode → pose → lock on the athlete → gates → clean series → reps → summary.

(Named ``pipeline`` rather than ``analyze``, like ``comparison`` rather than ``compare``, so a
submodule never shadows the public function of the same name in the package namespace.)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from dorsi.core.codes import Side
from dorsi.core.errors import ValidationError
from dorsi.video import filtering, firstpass, measure, media, notices, quality, reps, summary
from dorsi.video.model import (
    UNCERTAINTY_DEG,
    Analysis,
    FrameSeries,
    LegPoints,
    LengthUnit,
    Mode,
    Notice,
    Scale,
    ScaleSource,
    Settings,
    SideChoice,
    SideReason,
    SourceInfo,
    Value,
)
from dorsi.video.pose import EXACT, Calibration, MediaPipePose, PoseEstimator, calibration_of
from dorsi.video.tracking import RawTrack

Array = npt.NDArray[np.float64]
ProgressCallback = firstpass.ProgressCallback

# Pose is estimated on frames no larger than this on the long side: BlazePose works on a
# 256-pixel crop of the person anyway, and converting full 4K frames would only cost time.
INFERENCE_MAX_SIDE = 1280
# Drillis & Contini (1966): knee height 0.285 H minus ankle height 0.039 H = shank 0.246 H.
SHANK_PER_HEIGHT = 0.246


def analyze(
    path: str | Path,
    *,
    mode: Mode | str = Mode.SQUAT,
    side: SideChoice | str = SideChoice.AUTO,
    height_cm: float | None = None,
    shank_cm: float | None = None,
    out_dir: str | Path | None = None,
    progress: ProgressCallback | None = None,
    estimator: PoseEstimator | None = None,
    estimator_factory: firstpass.EstimatorFactory | None = None,
    cutoff_hz: float = filtering.DEFAULT_CUTOFF_HZ,
    pose_stride: int = firstpass.POSE_STRIDE,
) -> Analysis:
    """Analyse a side-view video; with ``out_dir``, also write the report files there.

    ``estimator`` is used for every frame in order; otherwise backends come from
    ``estimator_factory`` (default: MediaPipe), two at once on a long video, with pose on
    every ``pose_stride``-th frame where tracking is steady away from the bottoms.
    """
    mode, side = Mode(mode), SideChoice(side)
    scale_cm = _shank_cm(height_cm, shank_cm)
    source = media.probe(Path(path))
    quality.check_duration(source.duration_s, source.frame_count, source.fps)
    size = media.fit_size(source.width, source.height, INFERENCE_MAX_SIDE)
    if estimator is not None:
        track = firstpass.track_subject(source, size, estimator, progress)
    else:
        track = firstpass.track(
            source,
            size,
            estimator_factory or MediaPipePose.sharing(),
            progress,
            pose_stride,
            spare=filtering.preload,
        )
    backend = estimator if estimator is not None else (estimator_factory or MediaPipePose)
    analysis = analyze_track(
        track, source, mode, side, scale_cm, cutoff_hz, size, calibration_of(backend)
    )
    if out_dir is not None:
        from dorsi.video.export import write_outputs

        write_outputs(analysis, Path(out_dir), progress=progress)
    return analysis


def analyze_track(
    track: RawTrack,
    source: SourceInfo,
    mode: Mode,
    side: SideChoice,
    scale_cm: tuple[float, ScaleSource] | None,
    cutoff_hz: float,
    size: tuple[int, int],
    calibration: Calibration = EXACT,
) -> Analysis:
    """Everything after pose: the gates, the measured leg, the series, reps and summary
    (``calibration``: what the pose backend is known to get wrong)."""
    quality.check_duration(0.0, track.time_s.size, source.fps)
    quality.check_subject(track)
    usable, view = quality.side_view(track, source.fps)
    leg = measure.choose_leg(track.landmarks, mode, side)
    feet_share = quality.check_feet(track, leg.side)
    found = np.isfinite(track.landmarks[:, 0, 0])
    quality.check_confidence(track, leg.side, usable & found)
    found_notices = [
        *notices.view_notices(usable, found, view, track.time_s, source.fps),
        *notices.feet_notice(feet_share),
        *notices.light_notice(track.brightness),
    ]
    return assemble(
        track,
        source,
        leg,
        mode,
        scale_cm,
        cutoff_hz,
        size,
        usable=usable,
        side_on=~(view > quality.SIDE_ON_DEG),
        per_frame_leg=side is SideChoice.AUTO,
        found_notices=found_notices,
        calibration=calibration,
    )


def _shank_cm(height_cm: float | None, shank_cm: float | None) -> tuple[float, ScaleSource] | None:
    if shank_cm is not None:
        if not 15 <= shank_cm <= 70:
            raise ValidationError("shank_cm", "must be between 15 and 70 cm")
        return shank_cm, ScaleSource.SHANK
    if height_cm is not None:
        if not 80 <= height_cm <= 250:
            raise ValidationError("height_cm", "must be between 80 and 250 cm")
        return SHANK_PER_HEIGHT * height_cm, ScaleSource.HEIGHT
    return None


def assemble(
    track: RawTrack,
    source: SourceInfo,
    leg: measure.LegChoice,
    mode: Mode,
    scale_cm: tuple[float, ScaleSource] | None,
    cutoff_hz: float,
    size: tuple[int, int],
    *,
    usable: npt.NDArray[np.bool_] | None = None,
    side_on: npt.NDArray[np.bool_] | None = None,
    per_frame_leg: bool = False,
    found_notices: list[Notice] | None = None,
    calibration: Calibration = EXACT,
) -> Analysis:
    n = track.time_s.size
    usable = np.ones(n, dtype=bool) if usable is None else usable
    side_on = usable if side_on is None else side_on
    landmarks = track.landmarks
    legs: list[Side | None] = [leg.side] * n
    if per_frame_leg:
        landmarks, legs = measure.front_leg_per_frame(
            landmarks, leg.side, leg.forward, source.fps, side_on
        )
    landmarks = np.where(usable[:, None, None], landmarks, np.nan)
    m = measure.measure_leg(
        landmarks, leg, mode, source.fps, cutoff_hz, (track.width, track.height)
    )
    with np.errstate(invalid="ignore"):
        implausible = np.abs(m.tibia_deg) > quality.MAX_SHANK_LEAN_DEG
    m = measure.left_out(m, implausible)
    m = measure.heel_not_judged(m, ~side_on)
    excluded = ~usable | implausible
    legs = [
        None if excluded[i] or not np.isfinite(m.tibia_deg[i]) else g for i, g in enumerate(legs)
    ]
    factor = scale_cm[0] if scale_cm else 1.0
    signal, least = measure.excursion(m, mode)
    spans = reps.find_reps(signal, source.fps, least)
    if mode is Mode.SQUAT:
        spans = reps.to_depth(spans, m.hip_above_knee, signal)
        # (Not in knee-to-wall mode: a drive held to the end of the clip is no rep, yet its
        # heel-down angle is the result.)
        m = measure.heel_not_judged(m, measure.leaning_outside_reps(m.tibia_deg, spans))
    rep_list = summary.build_reps(
        spans,
        tibia=m.tibia_deg,
        hip_above_knee=m.hip_above_knee,
        time_s=track.time_s,
        heel_lift=m.heel_lift,
        lifted=m.lifted,
        length_factor=factor,
        excluded=excluded,
        legs=[g.value if g is not None else None for g in legs],
    )
    measured = Counter(g for g in legs if g is not None)
    side, reason = leg.side, leg.reason
    if per_frame_leg and measured:
        side = measured.most_common(1)[0][0]
        if len(measured) > 1 or side is not leg.side:
            reason = SideReason.FRONT_LEG
    built = summary.build_summary(
        mode,
        rep_list,
        ankle=m.ankle_deg,
        tibia=m.tibia_deg,
        hip_above_knee=m.hip_above_knee,
        time_s=track.time_s,
        heel_lift=m.heel_lift,
        lifted=m.lifted,
        length_factor=factor,
        excluded=excluded,
    )
    if mode is Mode.KNEE_TO_WALL:
        estimate = summary.knee_to_wall_estimate(
            built.weight_bearing_dorsiflexion,
            knee_x=m.points["knee"][:, 0],
            toe_x=m.points["toe"][:, 0],
            forward=leg.forward,
            shank_px=m.shank_px,
            shank_cm=scale_cm[0] if scale_cm else None,
            scaled_from=scale_cm[1].value if scale_cm else "typical_adult",
            time_s=track.time_s,
            uncertainty_deg=UNCERTAINTY_DEG,
            calibration=calibration,
        )
        built = replace(built, knee_to_wall=estimate)
    all_notices = [
        *(found_notices or []),
        *notices.leg_notice(implausible & usable, source.fps),
        *notices.depth_notice(
            len(rep_list), mode is Mode.SQUAT, m.tibia_deg, np.isfinite(m.heel_lift)
        ),
    ]
    return Analysis(
        mode=mode,
        source=source,
        side=side,
        side_reason=reason,
        facing="right" if leg.forward > 0 else "left",
        scale=_scale(m.shank_px, scale_cm),
        series=_series(track, m, factor, usable, legs),
        points=_points(m),
        reps=rep_list,
        summary=built,
        settings=Settings(
            filter_cutoff_hz=min(cutoff_hz, 0.4 * source.fps),
            min_visibility=measure.MIN_VISIBILITY,
            heel_lift_threshold=round(reps.HEEL_LIFT_ON * factor, 3),
            inference_width=size[0],
            inference_height=size[1],
        ),
        warnings=tuple(all_notices),
    )


def _scale(shank_px: float, scale_cm: tuple[float, ScaleSource] | None) -> Scale:
    return Scale(
        unit=LengthUnit.CM if scale_cm else LengthUnit.SHANK,
        source=scale_cm[1] if scale_cm else ScaleSource.NONE,
        shank_px=round(shank_px, 1),
        shank_cm=round(scale_cm[0], 1) if scale_cm else None,
    )


def _values(series: Array, digits: int) -> tuple[Value, ...]:
    return tuple(round(float(v), digits) if np.isfinite(v) else None for v in series)


def _series(
    track: RawTrack,
    m: measure.LegMeasures,
    factor: float,
    usable: npt.NDArray[np.bool_],
    legs: list[Side | None],
) -> FrameSeries:
    seen = np.isfinite(m.heel_lift)
    return FrameSeries(
        time_s=tuple(float(t) for t in track.time_s),
        tibia_angle_deg=_values(m.tibia_deg, 2),
        ankle_angle_deg=_values(m.ankle_deg, 2),
        heel_lift=_values(m.heel_lift * factor, 3),
        heel_down=tuple(
            bool(not up) if ok else None for up, ok in zip(m.lifted, seen, strict=True)
        ),
        knee_past_toes=_values(m.knee_past_toes * factor, 3),
        hip_above_knee=_values(m.hip_above_knee * factor, 3),
        trunk_lean_deg=_values(m.trunk_deg, 2),
        confidence=_values(m.confidence, 3),
        side_view=tuple(bool(u) for u in usable),
        leg=tuple(None if g is None else g.value for g in legs),
    )


def _points(m: measure.LegMeasures) -> LegPoints:
    def pairs(name: str) -> tuple[tuple[float, float] | None, ...]:
        xy = m.points[name]
        return tuple(
            (round(float(x), 1), round(float(y), 1)) if np.isfinite(x) and np.isfinite(y) else None
            for x, y in xy
        )

    return LegPoints(**{name: pairs(name) for name in measure.JOINTS})
