"""`dorsi progress --input` through the real entry point."""

from __future__ import annotations

import json
import struct

import pytest


def test_progress_json_follows_the_contract(dorsi, write_json, example_log):
    result = dorsi(
        "progress", "--input", str(write_json("log.json", example_log)), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "dorsi.progress/v1"
    left = doc["sides"]["left"]
    assert left["baseline_cm"] == pytest.approx(7.6)
    assert left["latest_cm"] == pytest.approx(9.9)
    assert left["change_cm"] == pytest.approx(2.3)
    assert left["real_change"] is True
    assert doc["sides"]["right"]["real_change"] is False
    assert doc["adherence"]["planned_days"] == 71
    assert doc["adherence"]["done_days"] == 64
    assert doc["adherence"]["streak"] == 8
    assert "asymmetry_resolved" in doc["flags"]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_progress_chart_is_written(dorsi, write_json, example_log, tmp_path, suffix):
    chart = tmp_path / f"chart{suffix}"
    result = dorsi(
        "progress", "--input", str(write_json("log.json", example_log)), "--chart", str(chart)
    )
    assert result.returncode == 0, result.stderr
    data = chart.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG")
        assert struct.unpack(">II", data[16:24]) == (1280, 640)  # the 640 × 320 SVG, twice
    else:
        assert data.decode() == _web_chart(example_log)


def _web_chart(log: dict) -> str:
    """The SVG the web's progress page draws for the same progress."""
    from dorsi.core.progress.document import progress_to_document
    from dorsi.core.progress.engine import compute_progress
    from dorsi.core.progress.log import parse_log
    from dorsi.draw.charts import progress_chart_svg

    return progress_chart_svg(progress_to_document(compute_progress(parse_log(log))))


def test_progress_rejects_session_after_today(dorsi, write_json, example_log, tmp_path):
    example_log["sessions"].append(
        {"date": "2026-12-01", "status": "done", "minutes": 10, "pain": 0, "pain_type": "none"}
    )
    out = tmp_path / "p.json"
    result = dorsi(
        "progress", "--input", str(write_json("log.json", example_log)), "--output", str(out)
    )
    assert result.returncode == 2
    assert "sessions[71].date" in result.stderr
    assert not out.exists()


def test_progress_rejects_bad_chart_suffix(dorsi, write_json, example_log, tmp_path):
    result = dorsi(
        "progress",
        "--input",
        str(write_json("log.json", example_log)),
        "--chart",
        str(tmp_path / "c.gif"),
    )
    assert result.returncode == 2
    assert "--chart" in result.stderr


def test_progress_needs_input_or_user(dorsi):
    result = dorsi("progress")
    assert result.returncode == 2
    assert "--input" in result.stderr


def test_progress_wrong_schema_is_exit_2(dorsi, write_json, example_log):
    example_log["schema"] = "dorsi.report/v1"
    result = dorsi("progress", "--input", str(write_json("log.json", example_log)))
    assert result.returncode == 2
    assert "schema" in result.stderr
