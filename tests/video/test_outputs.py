"""The report folder: analysis.json, frames.csv, angles.png and a browser-ready annotated.mp4."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import av
import pytest

from dorsi.video import SCHEMA, Analysis, analyze
from dorsi.video.serialize import analysis_from_dict, load_analysis
from tests.video import synthetic as syn

POSTURES = syn.squat_postures(30, 2, heel_lift_from=25.0)


@pytest.fixture(scope="module")
def report(
    blank_clip: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Analysis, Path]:
    script = syn.script_for(POSTURES)
    clip = syn.write_clip(
        tmp_path_factory.mktemp("clip") / "squat.mp4", len(POSTURES), draw=syn.stick_figure(script)
    )
    out = tmp_path_factory.mktemp("report") / "squat-analysis"
    result = analyze(
        clip, mode="squat", height_cm=175, estimator=syn.FakeEstimator(script), out_dir=out
    )
    return result, out


def test_the_report_folder_has_the_four_files(report: tuple[Analysis, Path]) -> None:
    _, out = report
    assert sorted(p.name for p in out.iterdir()) == [
        "analysis.json",
        "angles.png",
        "annotated.mp4",
        "frames.csv",
    ]
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no staging left


def test_analysis_json_is_the_v1_document(report: tuple[Analysis, Path]) -> None:
    result, out = report
    data = json.loads((out / "analysis.json").read_text())
    assert data["schema"] == SCHEMA == "dorsi.video/v1"
    assert data["mode"] == "squat"
    assert data["side"] == "right"
    assert data["scale"]["unit"] == "cm"
    assert data["scale"]["source"] == "height_cm"
    assert data["uncertainty_deg"] == 5.0
    assert data["source"]["fps"] == 30.0
    assert data["source"]["frame_count"] == len(POSTURES)
    assert len(data["series"]["tibia_angle_deg"]) == len(POSTURES)
    assert len(data["reps"]) == 2
    assert data["summary"]["first_heel_lift_onset"]["tibia_angle_deg"] == pytest.approx(
        25.0, abs=3.5
    )


def test_analysis_json_reads_back_into_the_same_objects(report: tuple[Analysis, Path]) -> None:
    result, out = report
    assert load_analysis(out / "analysis.json") == result
    assert analysis_from_dict(result.to_dict()) == result


def test_frames_csv_has_one_row_per_frame_with_units(report: tuple[Analysis, Path]) -> None:
    result, out = report
    with (out / "frames.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(POSTURES)
    assert "heel_lift_cm" in rows[0]
    assert "hip_above_knee_cm" in rows[0]
    deepest = result.reps[0].deepest.frame
    assert float(rows[deepest]["tibia_angle_deg"]) == pytest.approx(35.0, abs=0.2)
    assert rows[deepest]["rep"] == "1"
    assert rows[0]["rep"] == ""


def test_annotated_video_plays_in_browsers(report: tuple[Analysis, Path]) -> None:
    _, out = report
    with av.open(str(out / "annotated.mp4")) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        assert sum(1 for _ in container.decode(stream)) == len(POSTURES)


def test_angles_png_is_an_image(report: tuple[Analysis, Path]) -> None:
    _, out = report
    assert (out / "angles.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_writing_again_replaces_the_files_in_place(
    report: tuple[Analysis, Path], blank_clip: Callable[..., Path]
) -> None:
    _, out = report
    clip = blank_clip(len(POSTURES))
    analyze(clip, mode="squat", estimator=syn.FakeEstimator(syn.script_for(POSTURES)), out_dir=out)
    assert json.loads((out / "analysis.json").read_text())["scale"]["unit"] == "shank_lengths"


def test_angles_png_fixed_margins_keep_every_label_inside(report: tuple[Analysis, Path]) -> None:
    from dorsi.video.plot import figure

    analysis, _ = report
    fig = figure(analysis)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    inside = fig.bbox
    drawn = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
    assert drawn.x0 >= inside.x0 - 0.5
    assert drawn.y0 >= inside.y0 - 0.5
    assert drawn.x1 <= inside.x1 + 0.5
    assert drawn.y1 <= inside.y1 + 0.5
