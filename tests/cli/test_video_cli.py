"""`dorsi video analyze` and `dorsi video compare`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dorsi.cli.video import video_app
from dorsi.video import analyze
from tests.video import synthetic as syn

DEMO = Path(__file__).resolve().parents[1] / "video" / "data" / "demo_landing.mp4"
runner = CliRunner()


def one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_a_file_that_is_not_a_video_exits_2_with_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "squat.mov"
    fake.write_text("hello")
    result = runner.invoke(
        video_app, ["analyze", str(fake), "--mode", "squat", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "not a readable video" in one_line_error(result.output)
    assert not (tmp_path / "out").exists()


def test_a_too_short_clip_exits_2(tmp_path: Path) -> None:
    clip = syn.write_clip(tmp_path / "short.mp4", 12)
    result = runner.invoke(video_app, ["analyze", str(clip), "--mode", "knee-to-wall"])
    assert result.exit_code == 2
    assert "shorter than 1 second" in one_line_error(result.output)


def test_an_impossible_height_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        video_app, ["analyze", str(DEMO), "--mode", "squat", "--height-cm", "20"]
    )
    assert result.exit_code == 2
    assert "height_cm" in one_line_error(result.output)


def test_an_unknown_mode_is_refused() -> None:
    result = runner.invoke(video_app, ["analyze", str(DEMO), "--mode", "deadlift"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_analyze_writes_the_report_and_prints_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(
        video_app,
        ["analyze", str(DEMO), "--mode", "squat", "--height-cm", "180", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "largest tibia angle, heel down" in result.output
    assert "reps found" in result.output
    assert "right leg (the side facing the camera)" in " ".join(result.output.split())
    assert "facing_camera" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "analysis.json",
        "angles.png",
        "annotated.mp4",
        "frames.csv",
    ]


def make_analysis(clip: Path, out: Path, max_tibia: float) -> Path:
    script = syn.script_for(syn.squat_postures(30, 1, max_tibia=max_tibia))
    analyze(clip, mode="squat", estimator=syn.FakeEstimator(script), out_dir=out)
    return out / "analysis.json"


@pytest.fixture
def two_analyses(tmp_path: Path) -> Callable[[float, float], tuple[Path, Path, Path]]:
    def make(before: float, after: float) -> tuple[Path, Path, Path]:
        clip = syn.write_clip(tmp_path / "clip.mp4", len(syn.squat_postures(30, 1)))
        return (
            clip,
            make_analysis(clip, tmp_path / "a", before),
            make_analysis(clip, tmp_path / "b", after),
        )

    return make


def test_compare_prints_deltas_and_the_verdict(
    two_analyses: Callable[[float, float], tuple[Path, Path, Path]], tmp_path: Path
) -> None:
    _, a, b = two_analyses(30.0, 32.0)
    result = runner.invoke(
        video_app,
        ["compare", str(a), str(b), "--out", str(tmp_path / "cmp")],
        env={"COLUMNS": "160"},
    )
    assert result.exit_code == 0, result.output
    assert "max tibia angle, heel down" in result.output
    assert "no real change" in result.output
    assert (tmp_path / "cmp" / "compare.png").is_file()


def test_compare_without_the_videos_still_prints_the_deltas(
    two_analyses: Callable[[float, float], tuple[Path, Path, Path]], tmp_path: Path
) -> None:
    clip, a, b = two_analyses(30.0, 40.0)
    clip.unlink()
    result = runner.invoke(
        video_app,
        ["compare", str(a), str(b), "--out", str(tmp_path / "cmp")],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "real change" in result.output
    assert "no longer there" in result.output


def test_compare_refuses_a_file_that_is_not_an_analysis(tmp_path: Path) -> None:
    other = tmp_path / "x.json"
    other.write_text("[]")
    result = runner.invoke(video_app, ["compare", str(other), str(other)])
    assert result.exit_code == 2
    assert "not a Dorsi video analysis" in one_line_error(result.output)


def test_importing_the_video_cli_loads_no_heavy_library() -> None:
    code = (
        "import sys, dorsi.cli.video; "
        "print(sorted(m for m in ('numpy', 'cv2', 'mediapipe', 'matplotlib', 'av', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_dorsi_video_in_a_real_process_exits_2_on_bad_input(
    dorsi: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    if "video" not in dorsi("--help").stdout:
        pytest.skip("`dorsi video` is not registered in dorsi.cli.app yet")
    fake = tmp_path / "clip.mp4"
    fake.write_bytes(b"\x00" * 100)
    done = dorsi("video", "analyze", str(fake), "--mode", "squat", cwd=tmp_path)
    assert done.returncode == 2
    assert "not a readable video" in one_line_error(done.stderr)
    assert done.stdout == ""
