"""`python -m dorsi.web.run` (what `make run` starts): migrate, serve, work, stop; twice."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(data_dir: Path, port: int) -> subprocess.Popen[str]:
    # The user's environment, not the test settings' (which switch tasks to run inline).
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"} and not key.startswith("DORSI_")
    }
    env.update(DORSI_DATA_DIR=str(data_dir), DORSI_PORT=str(port), PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "dorsi.web.run"],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _get(url: str, process: subprocess.Popen[str], deadline_s: float = 90.0) -> tuple[int, str]:
    stop = time.monotonic() + deadline_s
    while True:
        if process.poll() is not None:
            raise AssertionError(f"dorsi.web.run exited early:\n{process.communicate()[0]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                return response.status, response.read().decode()
        except OSError:
            if time.monotonic() > stop:
                raise
            time.sleep(0.5)


def _run_once(data_dir: Path) -> str:
    port = _free_port()
    process = _start(data_dir, port)
    try:
        status, body = _get(f"http://127.0.0.1:{port}/", process)
        assert status == 200
        assert "Dorsi" in body
        css_status, _ = _get(f"http://127.0.0.1:{port}/static/vendor/pico/pico.min.css", process)
        assert css_status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    return output


def test_run_starts_web_and_worker_on_sqlite_and_a_second_run_is_harmless(tmp_path: Path) -> None:
    first = _run_once(tmp_path)
    assert "First run: created the database" in first
    assert "Starting worker" in first
    assert (tmp_path / "dorsi.sqlite3").exists()
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "dorsi.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    second = _run_once(tmp_path)
    assert "First run" not in second
    assert "Dorsi is running." in second
