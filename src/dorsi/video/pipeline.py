"""Orchestration: decode → pose → lock on the athlete → gates → clean series → reps → summary.

(Named ``pipeline`` rather than ``analyze``, like ``comparison`` rather than ``compare``, so a
submodule never shadows the public function of the same name in the package namespace.)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from dorsi.core.errors import ValidationError
from dorsi.video import filtering, firstpass, measure, media, quality, reps, summary
from dorsi.video.model import (
    Analysis,
    FrameSeries,
    LegPoints,
    LengthUnit,
    Mode,
    Scale,
    ScaleSource,
    Settings,
    SideChoice,
    SourceInfo,
    Value,
)
from dorsi.video.pose import MediaPipePose, PoseEstimator
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
) -> Analysis:
    """Analyse a side-view video; with ``out_dir``, also write the report files there.

    ``estimator`` is used for every frame in order; otherwise backends come from
    ``estimator_factory`` (default: MediaPipe), two at once on a long video.
    """
    mode, side = Mode(mode), SideChoice(side)
    scale_cm = _shank_cm(height_cm, shank_cm)
    source = media.probe(Path(path))
    quality.check_duration(source.duration_s, source.frame_count, source.fps)
    size = media.fit_size(source.width, source.height, INFERENCE_MAX_SIDE)
    if estimator is not None:
        track = firstpass.track_subject(source, size, estimator, progress)
    else:
        track = firstpass.track(source, size, estimator_factory or MediaPipePose, progress)
    analysis = analyze_track(track, source, mode, side, scale_cm, cutoff_hz, size)
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
) -> Analysis:
    """Everything after pose: the gates, the measured leg, the series, reps and summary."""
    quality.check_duration(0.0, track.time_s.size, source.fps)
    quality.check_subject(track)
    quality.check_side_on(track)
    leg = measure.choose_leg(track.landmarks, mode, side)
    quality.check_feet(track, leg.side)
    quality.check_confidence(track, leg.side)
    return assemble(track, source, leg, mode, scale_cm, cutoff_hz, size)


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
) -> Analysis:
    m = measure.measure_leg(
        track.landmarks, leg, mode, source.fps, cutoff_hz, (track.width, track.height)
    )
    factor = scale_cm[0] if scale_cm else 1.0
    signal, least = measure.excursion(m, mode)
    spans = reps.find_reps(signal, source.fps, least)
    rep_list = summary.build_reps(
        spans,
        tibia=m.tibia_deg,
        hip_above_knee=m.hip_above_knee,
        time_s=track.time_s,
        heel_lift=m.heel_lift,
        lifted=m.lifted,
        length_factor=factor,
    )
    return Analysis(
        mode=mode,
        source=source,
        side=leg.side,
        side_reason=leg.reason,
        facing="right" if leg.forward > 0 else "left",
        scale=_scale(m.shank_px, scale_cm),
        series=_series(track, m, factor),
        points=_points(m),
        reps=rep_list,
        summary=summary.build_summary(
            mode,
            rep_list,
            ankle=m.ankle_deg,
            tibia=m.tibia_deg,
            hip_above_knee=m.hip_above_knee,
            time_s=track.time_s,
            heel_lift=m.heel_lift,
            lifted=m.lifted,
            length_factor=factor,
        ),
        settings=Settings(
            filter_cutoff_hz=min(cutoff_hz, 0.4 * source.fps),
            min_visibility=measure.MIN_VISIBILITY,
            heel_lift_threshold=round(reps.HEEL_LIFT_ON * factor, 3),
            inference_width=size[0],
            inference_height=size[1],
        ),
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


def _series(track: RawTrack, m: measure.LegMeasures, factor: float) -> FrameSeries:
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
    )


def _points(m: measure.LegMeasures) -> LegPoints:
    def pairs(name: str) -> tuple[tuple[float, float] | None, ...]:
        xy = m.points[name]
        return tuple(
            (round(float(x), 1), round(float(y), 1)) if np.isfinite(x) and np.isfinite(y) else None
            for x, y in xy
        )

    return LegPoints(**{name: pairs(name) for name in measure.JOINTS})
