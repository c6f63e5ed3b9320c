"""The supervisor restarts a child that dies, with a growing wait, and gives up (exit 1) only
when it keeps dying; every event is a line naming the child."""

from __future__ import annotations

import sys
import time

import pytest

from dorsi.web import supervise
from dorsi.web.supervise import Child, Supervisor, describe_exit


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(supervise, "FIRST_BACKOFF_S", 0.01)
    monkeypatch.setattr(supervise, "POLL_S", 0.01)
    monkeypatch.setattr(supervise, "MAX_RESTARTS", 3)


def _child(code: str, name: str = "task worker") -> Child:
    return Child(name, [sys.executable, "-c", code], env={}, stop_timeout_s=5)


def test_a_child_that_keeps_dying_makes_the_supervisor_give_up(quick, capsys) -> None:
    supervisor = Supervisor([_child("import sys; sys.exit(3)")])
    supervisor.start()
    assert supervisor.watch() == 1
    lines = capsys.readouterr().out.splitlines()
    assert sum("task worker stopped unexpectedly (exit code 3)" in line for line in lines) == 3
    assert sum("task worker restarted" in line for line in lines) == 3
    assert "keeps stopping: 3 restarts in 120 s. Giving up" in lines[-1]


def test_the_wait_before_a_restart_doubles_up_to_a_limit() -> None:
    child = _child("pass")
    waits = []
    for n in range(7):
        waits.append(child.backoff_s(now=float(n)))
        child.restarts.append(float(n))
    assert waits[:5] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert waits[5:] == [None, None]  # five restarts within two minutes: broken, not unlucky
    child.restarts.clear()
    child.restarts.extend([0.0, 1.0, 2.0, 3.0, 4.0])
    assert child.backoff_s(now=500.0) == 1.0  # old restarts leave the window


def test_a_healthy_child_keeps_running_and_is_stopped_on_the_way_out(quick) -> None:
    child = _child("import time; time.sleep(60)", name="web server")
    supervisor = Supervisor([child])
    supervisor.start()
    assert supervisor._tend(time.monotonic()) is True
    assert child.exited() is None
    supervisor.stop()
    assert child.exited() == -15


def test_exit_descriptions_name_the_signal() -> None:
    assert describe_exit(-9) == "killed by SIGKILL"
    assert describe_exit(2) == "exit code 2"
