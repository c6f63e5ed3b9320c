"""Comparing two analyses: deltas, the 5° rule, the side-by-side image."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dorsi.video import AnalysisFileError, analyze, compare
from dorsi.video.comparison import NOT_JUDGED, NOT_REAL, REAL
from tests.video import synthetic as syn


def analysis_json(clip: Path, out: Path, max_tibia: float) -> Path:
    script = syn.script_for(syn.squat_postures(30, 1, max_tibia=max_tibia))
    analyze(clip, mode="squat", estimator=syn.FakeEstimator(script), out_dir=out)
    return out / "analysis.json"


@pytest.fixture(scope="module")
def clip(blank_clip: Callable[..., Path]) -> Path:
    return blank_clip(len(syn.squat_postures(30, 1)))


def metric(result: object, name: str) -> object:
    return next(m for m in result.metrics if m.metric == name)  # type: ignore[attr-defined]


def test_a_gain_under_five_degrees_is_no_real_change(clip: Path, tmp_path: Path) -> None:
    a = analysis_json(clip, tmp_path / "a", 32.0)
    b = analysis_json(clip, tmp_path / "b", 35.0)
    result = compare(a, b)
    tibia = metric(result, "max tibia angle, heel down")
    assert tibia.delta == pytest.approx(3.0, abs=0.2)  # type: ignore[attr-defined]
    assert tibia.verdict == NOT_REAL  # type: ignore[attr-defined]


def test_a_gain_of_five_degrees_or_more_is_real(clip: Path, tmp_path: Path) -> None:
    a = analysis_json(clip, tmp_path / "a", 30.0)
    b = analysis_json(clip, tmp_path / "b", 40.0)
    result = compare(a, b, out_dir=tmp_path / "cmp")
    tibia = metric(result, "max tibia angle, heel down")
    assert tibia.delta == pytest.approx(10.0, abs=0.2)  # type: ignore[attr-defined]
    assert tibia.verdict == REAL  # type: ignore[attr-defined]
    assert metric(result, "deepest hip above knee").verdict == NOT_JUDGED  # type: ignore[attr-defined]
    assert (tmp_path / "cmp" / "compare.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "cmp" / "compare.json").is_file()
    assert result.image == str(tmp_path / "cmp" / "compare.png")


def test_a_missing_source_video_still_gives_the_deltas(
    blank_clip: Callable[..., Path], tmp_path: Path
) -> None:
    n = len(syn.squat_postures(30, 1))
    moved = tmp_path / "gone.mp4"
    moved.write_bytes(blank_clip(n).read_bytes())
    a = analysis_json(moved, tmp_path / "a", 30.0)
    b = analysis_json(blank_clip(n), tmp_path / "b", 31.0)
    moved.unlink()
    result = compare(a, b, out_dir=tmp_path / "cmp")
    assert result.image is None
    assert any("no longer there" in note for note in result.notes)
    assert metric(result, "max tibia angle, heel down").verdict == NOT_REAL  # type: ignore[attr-defined]


def test_matching_depth_picks_frames_at_the_same_hip_height(clip: Path, tmp_path: Path) -> None:
    from dorsi.video.comparison import matching_frames
    from dorsi.video.serialize import load_analysis

    shallow = load_analysis(analysis_json(clip, tmp_path / "a", 20.0))
    deep = load_analysis(analysis_json(clip, tmp_path / "b", 40.0))
    fa, fb = matching_frames(shallow, deep)
    ha, hb = shallow.series.hip_above_knee[fa], deep.series.hip_above_knee[fb]
    assert ha is not None
    assert hb is not None
    assert ha == min(v for v in shallow.series.hip_above_knee if v is not None)
    assert hb <= ha
    assert hb == pytest.approx(ha, abs=0.1)


def test_something_else_than_an_analysis_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"schema": "dorsi.report/v1"}')
    with pytest.raises(AnalysisFileError, match="not a Dorsi video analysis"):
        compare(other, other)
    with pytest.raises(AnalysisFileError, match="No analysis file"):
        compare(tmp_path / "none.json", other)
