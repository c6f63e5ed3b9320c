"""A refusal's message always arrives: file descriptor 2 is never left pointing at /dev/null."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from dorsi.video import pose


def _fd2_target() -> str:
    return str(Path("/proc/self/fd/2").readlink()) if Path("/proc/self/fd").is_dir() else ""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to read fd 2")
def test_quiet_native_logs_restores_fd2_when_threads_overlap() -> None:
    before = _fd2_target()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with pose._quiet_native_logs(enabled=True):
            first_in.set()
            second_in.wait(5)
        first_out.set()  # leaves while the second is still inside

    def second() -> None:
        first_in.wait(5)
        with pose._quiet_native_logs(enabled=True):
            second_in.set()
            first_out.wait(5)
            assert _fd2_target() == os.devnull  # still quiet for the one inside

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert _fd2_target() == before


def test_quiet_native_logs_restores_fd2_after_an_error(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RuntimeError), pose._quiet_native_logs(enabled=True):
        raise RuntimeError("boom")
    os.write(2, b"still heard\n")
    assert "still heard" in capfd.readouterr().err


@pytest.mark.slow
def test_cli_refusal_prints_its_message_with_two_pose_threads(
    blank_clip: Callable[..., Path], tmp_path: Path
) -> None:
    clip = blank_clip(150, size=(320, 240))  # 5 s: long enough for the two pose halves
    done = subprocess.run(
        [sys.executable, "-m", "dorsi", "video", "analyze", str(clip), "--mode", "squat"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert "No person was found" in done.stderr
