"""The real development clips (``../shared/video-dev``, kept out of the repository) scored
against their hand labels. Used by ``bench/video_eval.py`` and ``tests/video/test_dev_clips.py``.

Pose runs once per clip; with a cache folder the athlete's landmarks are stored there
(``<clip>.npz``) so the stages after pose can be re-run in seconds while tuning.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dorsi.video import VideoError, media
from dorsi.video.model import Analysis, Mode, SideChoice
from dorsi.video.pipeline import INFERENCE_MAX_SIDE, analyze_track
from dorsi.video.pose import MEDIAPIPE_CALIBRATION
from dorsi.video.tracking import RawTrack, TrackStats

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = Path(os.environ.get("DORSI_VIDEO_DEV", ROOT.parent / "shared" / "video-dev"))
MISSING = (
    f"the real development clips are not here ({DEV_DIR}); they stay out of the repository "
    "(see their README): set DORSI_VIDEO_DEV to their folder to run this"
)


def available() -> bool:
    return (DEV_DIR / "labels.json").is_file()


def labels() -> list[dict[str, Any]]:
    clips: list[dict[str, Any]] = json.loads((DEV_DIR / "labels.json").read_text())["clips"]
    return clips


def track_for(clip: dict[str, Any], cache: Path | None) -> tuple[Any, RawTrack, tuple[int, int]]:
    from dorsi.video import firstpass
    from dorsi.video.pose import MediaPipePose

    path = DEV_DIR / clip["file"]
    source = media.probe(path)
    size = media.fit_size(source.width, source.height, INFERENCE_MAX_SIDE)
    stored = cache / (clip["file"] + ".npz") if cache else None
    if stored is not None and stored.is_file():
        data = np.load(stored)
        stats = TrackStats(*(int(v) for v in data["stats"]))
        track = RawTrack(
            data["landmarks"],
            data["time_s"],
            data["brightness"],
            stats,
            source.width,
            source.height,
        )
        return source, track, size
    # The product's own first pass (two halves at once, pose at a lower rate while steady), so
    # the scores are those of what a person gets.
    track = firstpass.track(source, size, MediaPipePose.sharing(), None)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        s = track.stats
        np.savez_compressed(
            stored,
            landmarks=track.landmarks,
            time_s=track.time_s,
            brightness=track.brightness,
            stats=np.array([s.frames, s.subject_frames, s.competitor_frames, s.refused_frames]),
        )
    return source, track, size


MATCH_S = 0.5


@dataclass
class DevResult:
    clip: str
    view: str
    outcome: str  # "ok", "warned", "refused: <reason>"
    reps_found: int | None
    reps_labelled: int
    tibia: list[tuple[int, float, float | None, float]] = field(default_factory=list)
    bottoms_flagged: int = (
        0  # labelled bottom frames called "heel up" (every labelled heel is flat)
    )
    bottoms_seen: int = 0
    false_heel_up: int = 0  # frames called "heel up" anywhere (no labelled front heel ever lifts)
    leg_ok: list[bool] = field(default_factory=list)
    # Labelled side-view reps with a found rep whose deepest frame is within MATCH_S of the
    # label, and found reps matching no label (a walk-out or a fade counted as a rep).
    reps_matched: int = 0
    reps_extra: int = 0
    warnings: list[str] = field(default_factory=list)
    analysis: Analysis | None = None


def score(clip: dict[str, Any], cache: Path | None, mode: Mode = Mode.SQUAT) -> DevResult:
    source, track, size = track_for(clip, cache)
    # Reps filmed from the front (dev05) are left out by design: only side-view reps count.
    reps_labelled = sum(1 for rep in clip["reps"] if rep.get("view") != "frontal")
    result = DevResult(clip["file"], clip["view"], "ok", None, reps_labelled)
    try:
        analysis = analyze_track(
            track, source, mode, SideChoice.AUTO, None, 6.0, size, MEDIAPIPE_CALIBRATION
        )
    except VideoError as error:
        result.outcome = f"refused: {type(error).__name__}"
        result.warnings = [str(error)]
        return result
    result.analysis = analysis
    result.warnings = [w.message for w in analysis.warnings]
    result.outcome = (
        "warned: " + ",".join(w.code for w in analysis.warnings) if analysis.warnings else "ok"
    )
    result.reps_found = len(analysis.reps)
    labelled = [r["deepest_frame"] for r in clip["reps"] if r.get("view") != "frontal"]
    found = [rep.deepest.frame for rep in analysis.reps]
    near = MATCH_S * clip["fps"]
    result.reps_matched = sum(any(abs(f - frame) <= near for f in found) for frame in labelled)
    result.reps_extra = sum(not any(abs(f - frame) <= near for frame in labelled) for f in found)
    down = analysis.series.heel_down
    result.false_heel_up = sum(1 for d in down if d is False)
    for rep in clip["reps"]:
        if rep.get("view") == "frontal":
            continue
        lo, hi = rep.get("bottom_hold", [rep["deepest_frame"] - 2, rep["deepest_frame"] + 2])
        for frame in range(lo, hi + 1):
            if frame < len(down) and down[frame] is not None:
                result.bottoms_seen += 1
                result.bottoms_flagged += down[frame] is False
    knees = analysis.points.knee
    for frame_key, label in clip.get("tibia_deg", {}).items():
        frame = int(frame_key)
        measured = analysis.series.tibia_angle_deg[frame]
        result.tibia.append((frame, label, measured, float(clip["tolerance_deg"])))
        knee, truth = knees[frame], clip["points"][frame_key]["knee"]
        shank = float(np.hypot(*np.subtract(truth, clip["points"][frame_key]["ankle"])))
        result.leg_ok.append(
            knee is not None and float(np.hypot(*np.subtract(knee, truth))) < 0.3 * shank
        )
    return result
