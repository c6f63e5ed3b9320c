"""Video analysis of side-view squats and knee-to-wall tests (SPEC §6).

Importing this package is cheap: numpy, OpenCV, PyAV and MediaPipe load only when
``analyze`` or ``compare`` runs.

    from dorsi.video import analyze
    result = analyze("squat.mp4", mode="squat", height_cm=178, out_dir="squat-analysis")
    result.summary.max_tibia_angle_heel_down
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dorsi.video.errors import (
    AnalysisFileError,
    FeetOutOfFrame,
    LowConfidence,
    NoPersonFound,
    NotAVideo,
    NotSideOn,
    SubjectAmbiguous,
    TooDark,
    VideoError,
    VideoTooShort,
)
from dorsi.video.model import (
    SCHEMA,
    UNCERTAINTY_DEG,
    Analysis,
    AngleAt,
    DeepestPoint,
    FrameSeries,
    HeelLiftOnset,
    LengthUnit,
    Mode,
    Progress,
    Rep,
    Scale,
    SideChoice,
    SourceInfo,
    Summary,
)

if TYPE_CHECKING:
    from dorsi.video.comparison import Comparison
    from dorsi.video.pose import PoseEstimator

__all__ = [
    "SCHEMA",
    "UNCERTAINTY_DEG",
    "Analysis",
    "AnalysisFileError",
    "AngleAt",
    "DeepestPoint",
    "FeetOutOfFrame",
    "FrameSeries",
    "HeelLiftOnset",
    "LengthUnit",
    "LowConfidence",
    "Mode",
    "NoPersonFound",
    "NotAVideo",
    "NotSideOn",
    "Progress",
    "Rep",
    "Scale",
    "SideChoice",
    "SourceInfo",
    "SubjectAmbiguous",
    "Summary",
    "TooDark",
    "VideoError",
    "VideoTooShort",
    "analyze",
    "compare",
]


def analyze(
    path: str | Path,
    *,
    mode: Mode | str = Mode.SQUAT,
    side: SideChoice | str = SideChoice.AUTO,
    height_cm: float | None = None,
    shank_cm: float | None = None,
    out_dir: str | Path | None = None,
    progress: Callable[[Progress], None] | None = None,
    estimator: PoseEstimator | None = None,
) -> Analysis:
    """Analyse a side-view video of a squat or a knee-to-wall test.

    Returns the analysis as frozen dataclasses; with ``out_dir`` also writes ``analysis.json``,
    ``frames.csv``, ``angles.png`` and ``annotated.mp4`` there (all or nothing). ``progress``
    is called once per processed frame. Bad input raises a :class:`VideoError` subclass whose
    message tells the user what to change. ``estimator`` replaces the MediaPipe backend.
    """
    from dorsi.video.pipeline import analyze as run

    return run(
        path,
        mode=mode,
        side=side,
        height_cm=height_cm,
        shank_cm=shank_cm,
        out_dir=out_dir,
        progress=progress,
        estimator=estimator,
    )


def compare(
    before: str | Path, after: str | Path, *, out_dir: str | Path | None = None
) -> Comparison:
    """Compare two ``analysis.json`` files; with ``out_dir`` write ``compare.json`` and a
    side-by-side image of both videos at matching depth (when both videos still exist)."""
    from dorsi.video.comparison import compare as run

    return run(Path(before), Path(after), out_dir=Path(out_dir) if out_dir is not None else None)
