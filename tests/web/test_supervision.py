"""`dorsi.web.run` keeps Dorsi up unattended: a killed worker is restarted and its analysis
finished by the next one; SIGTERM stops everything promptly, the analysis handed back and
finished after the next start; no half-written folder is left anywhere.

These start the real launcher (web server + worker) on a throw-away data dir, with a slowed
fake pose estimator so an analysis lasts long enough to be interrupted.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.video_fixtures import squat_clip
from tests.web.test_run_command import _free_port, _get

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _env(data_dir: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"} and not key.startswith("DORSI_")
    }
    env.update(
        DORSI_DATA_DIR=str(data_dir),
        DORSI_PORT=str(port),
        DORSI_VIDEO_ESTIMATOR="tests.video_fixtures.slow_squat_estimator",
        DORSI_WORKER_BEAT_S="0.5",
        DORSI_WORKER_STALE_S="3",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(ROOT),
    )
    return env


def _launch(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dorsi.web.run"],
        env=env,
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _script(env: dict[str, str], *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "tests.web.launcher_script", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _state(env: dict[str, str]) -> dict[str, Any]:
    """Analyses and worker heartbeats, read straight from the launcher's SQLite file."""
    with sqlite3.connect(Path(env["DORSI_DATA_DIR"]) / "dorsi.sqlite3", timeout=20) as db:
        db.row_factory = sqlite3.Row
        analyses = db.execute(
            "SELECT id, status, progress, attempts, worker_id, error FROM dorsi_videoanalysis"
        ).fetchall()
        workers = db.execute("SELECT worker_id, pid FROM dorsi_workerheartbeat").fetchall()
    return {"analyses": [dict(r) for r in analyses], "workers": [dict(r) for r in workers]}


def _wait_for(env: dict[str, str], check: Any, what: str, timeout_s: float = 90.0) -> Any:
    deadline = time.monotonic() + timeout_s
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = _state(env)
        if check(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; last state {state}")


def _analysis(state: dict[str, Any]) -> dict[str, Any]:
    [row] = state["analyses"]
    return dict(row)


def _running_at(percent: int) -> Any:
    def check(state: dict[str, Any]) -> bool:
        row = state["analyses"][0] if state["analyses"] else {}
        return row.get("status") == "running" and row.get("progress", 0) >= percent

    return check


def _done(state: dict[str, Any]) -> bool:
    return bool(state["analyses"]) and state["analyses"][0]["status"] in ("done", "failed")


def _stray_folders(data_dir: Path, analysis_id: int) -> list[str]:
    """Anything on disk besides the analysis' own folder and live workers' empty scratch."""
    videos = data_dir / "media" / "videos"
    extra = [
        str(p.relative_to(data_dir))
        for p in videos.rglob("*")
        if p.is_dir() and p.name not in ("1", str(analysis_id))
    ]
    work = data_dir / "work"
    extra += [str(p.relative_to(data_dir)) for p in work.rglob("*") if p.parent != work]
    return extra


def _stop(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    return output


def test_a_killed_worker_is_restarted_and_the_analysis_completes(tmp_path: Path) -> None:
    port = _free_port()
    env = _env(tmp_path / "data", port)
    launcher = _launch(env)
    try:
        assert _get(f"http://127.0.0.1:{port}/", launcher)[0] == 200
        analysis_id = _script(env, "queue", str(squat_clip(tmp_path / "clips")))["id"]
        state = _wait_for(env, _running_at(20), "the analysis to be under way")
        [worker] = state["workers"]
        os.kill(worker["pid"], signal.SIGKILL)
        for _ in range(6):  # the site keeps answering while the worker is down
            assert _get(f"http://127.0.0.1:{port}/", launcher, deadline_s=5)[0] == 200
            time.sleep(0.5)
        final = _analysis(_wait_for(env, _done, "the analysis to finish after the restart"))
    finally:
        output = _stop(launcher)
    assert "task worker stopped unexpectedly (killed by SIGKILL); restarting it" in output
    assert "task worker restarted" in output
    assert (final["status"], final["progress"], final["attempts"]) == ("done", 100, 2)
    assert _stray_folders(tmp_path / "data", analysis_id) == []


def test_sigterm_hands_the_analysis_back_and_the_next_start_finishes_it(tmp_path: Path) -> None:
    port = _free_port()
    env = _env(tmp_path / "data", port)
    launcher = _launch(env)
    try:
        assert _get(f"http://127.0.0.1:{port}/", launcher)[0] == 200
        analysis_id = _script(env, "queue", str(squat_clip(tmp_path / "clips")))["id"]
        _wait_for(env, _running_at(20), "the analysis to be under way")
        asked = time.monotonic()
        output = _stop(launcher)
        stopped_in_s = time.monotonic() - asked
    finally:
        _stop(launcher)
    assert launcher.returncode == 0, output
    assert stopped_in_s < 15, output
    handed_back = _analysis(_state(env))
    assert (handed_back["status"], handed_back["attempts"]) == ("queued", 0)
    assert _state(env)["workers"] == []
    again = _launch(env)
    try:
        final = _analysis(_wait_for(env, _done, "the analysis to finish after the restart"))
    finally:
        _stop(again)
    assert (final["status"], final["attempts"]) == ("done", 1)
    assert _stray_folders(tmp_path / "data", analysis_id) == []
