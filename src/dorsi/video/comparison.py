"""Compare two analyses: per-metric deltas, and both videos side by side at matching depth.

An angle change under the ±5° uncertainty of the method is "no real change" (SPEC §6). Video
lengths (depth, heel lift, knee travel) have no validated threshold, so they are reported but
not judged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from dorsi.video.model import UNCERTAINTY_DEG, Analysis, Mode
from dorsi.video.serialize import load_analysis

COMPARE_JSON = "compare.json"
COMPARE_PNG = "compare.png"
REAL = "real change"
NOT_REAL = "no real change"
NOT_JUDGED = "not judged"


@dataclass(frozen=True)
class MetricDelta:
    metric: str
    unit: str
    before: float | None
    after: float | None
    delta: float | None
    verdict: str | None  # REAL / NOT_REAL for angles, NOT_JUDGED for lengths, None if missing


@dataclass(frozen=True)
class Comparison:
    before: str
    after: str
    metrics: tuple[MetricDelta, ...]
    image: str | None
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "schema": "dorsi.video-compare/v1",
            "uncertainty_deg": UNCERTAINTY_DEG,
            **asdict(self),
        }


Metric = tuple[str, str, Callable[[Analysis], float | None]]


def _length_unit(a: Analysis) -> str:
    return a.scale.unit.value


def _extreme(
    values: tuple[float | None, ...], pick: Callable[[list[float]], float]
) -> float | None:
    present = [v for v in values if v is not None]
    return pick(present) if present else None


METRICS: tuple[Metric, ...] = (
    ("max tibia angle, heel down", "deg", lambda a: _v(a.summary.max_tibia_angle_heel_down)),
    ("weight-bearing dorsiflexion", "deg", lambda a: _v(a.summary.weight_bearing_dorsiflexion)),
    ("max ankle angle", "deg", lambda a: _v(a.summary.max_ankle_angle)),
    (
        "tibia angle at heel lift",
        "deg",
        lambda a: (
            a.summary.first_heel_lift_onset.tibia_angle_deg
            if a.summary.first_heel_lift_onset
            else None
        ),
    ),
    ("max trunk lean", "deg", lambda a: _extreme(a.series.trunk_lean_deg, max)),
    ("deepest hip above knee", "length", lambda a: _extreme(a.series.hip_above_knee, min)),
    (
        "hip above knee at heel lift",
        "length",
        lambda a: (
            a.summary.first_heel_lift_onset.hip_above_knee
            if a.summary.first_heel_lift_onset
            else None
        ),
    ),
    ("max knee past toes", "length", lambda a: _extreme(a.series.knee_past_toes, max)),
)


def _v(angle: object) -> float | None:
    value = getattr(angle, "value_deg", None)
    return float(value) if value is not None else None


def compare(before_path: Path, after_path: Path, *, out_dir: Path | None = None) -> Comparison:
    before, after = load_analysis(before_path), load_analysis(after_path)
    notes: list[str] = []
    if before.mode is not after.mode:
        notes.append(
            f"The two videos are different tests ({before.mode.value} vs {after.mode.value})."
        )
    if before.side is not after.side:
        notes.append(f"Different legs were measured ({before.side.value} vs {after.side.value}).")
    same_units = _length_unit(before) == _length_unit(after)
    if not same_units:
        notes.append(
            "Lengths use different units (one analysis had a height, the other not): not compared."
        )
    metrics = tuple(_delta(m, before, after, same_units) for m in METRICS)
    image = None
    if out_dir is not None:
        image, missing = _side_by_side(before, after, out_dir)
        notes.extend(missing)
    result = Comparison(str(before_path), str(after_path), metrics, image, tuple(notes))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(result.to_dict(), indent=1, allow_nan=False)
        (out_dir / COMPARE_JSON).write_text(text + "\n", encoding="utf-8")
    return result


def _delta(metric: Metric, before: Analysis, after: Analysis, same_units: bool) -> MetricDelta:
    name, kind, read = metric
    unit = kind if kind == "deg" else _length_unit(after) if same_units else "mixed units"
    a, b = read(before), read(after)
    if a is None or b is None or unit == "mixed units":
        return MetricDelta(name, unit, a, b, None, None)
    delta = round(b - a, 3)
    if kind != "deg":
        return MetricDelta(name, unit, a, b, delta, NOT_JUDGED)
    verdict = REAL if abs(delta) >= UNCERTAINTY_DEG else NOT_REAL
    return MetricDelta(name, unit, a, b, delta, verdict)


def matching_frames(before: Analysis, after: Analysis) -> tuple[int, int]:
    """Frames to show side by side: the same depth in both videos.

    Squat: the shallower of the two deepest hip positions, at the first frame each video
    reaches it. Knee-to-wall: the frame of the largest tibia angle with the heel down.
    """
    if before.mode is Mode.KNEE_TO_WALL and after.mode is Mode.KNEE_TO_WALL:
        return _best_lunge_frame(before), _best_lunge_frame(after)
    depth_a, depth_b = _depth_in_shanks(before), _depth_in_shanks(after)
    present = [v for v in depth_a if v is not None], [v for v in depth_b if v is not None]
    if not present[0] or not present[1]:
        return 0, 0
    target = max(min(present[0]), min(present[1]))
    return _first_at_or_below(depth_a, target), _first_at_or_below(depth_b, target)


def _best_lunge_frame(a: Analysis) -> int:
    best = a.summary.max_tibia_angle_heel_down
    return best.frame if best is not None else 0


def _depth_in_shanks(a: Analysis) -> list[float | None]:
    factor = a.scale.shank_cm if a.scale.shank_cm else 1.0
    return [None if v is None else v / factor for v in a.series.hip_above_knee]


def _first_at_or_below(values: list[float | None], target: float) -> int:
    return next((i for i, v in enumerate(values) if v is not None and v <= target + 1e-9), 0)


def _side_by_side(before: Analysis, after: Analysis, out_dir: Path) -> tuple[str | None, list[str]]:
    missing = [
        f"The video {a.source.path} is no longer there: no side-by-side image."
        for a in (before, after)
        if not Path(a.source.path).is_file()
    ]
    if missing:
        return None, missing
    from dorsi.video.sidebyside import write_side_by_side

    out_dir.mkdir(parents=True, exist_ok=True)
    frames = matching_frames(before, after)
    path = out_dir / COMPARE_PNG
    write_side_by_side(before, after, frames, path)
    return str(path), []
