"""Keep the web server and the task worker running: restart a child that dies, give up only
when restarts keep failing, and stop both cleanly when asked.

Every event is one line on the launcher's output ("task worker stopped unexpectedly (killed
by signal 9); restarting it in 1 s"), so an operator reading the log sees what happened.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

# A child that needs more than this many restarts within the window is broken, not unlucky.
MAX_RESTARTS = 5
RESTART_WINDOW_S = 120.0
FIRST_BACKOFF_S = 1.0
MAX_BACKOFF_S = 30.0
POLL_S = 0.5


def say(message: str) -> None:
    print(f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S} Dorsi: {message}", flush=True)


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"killed by {name}"
    return f"exit code {code}"


@dataclass
class Child:
    name: str
    command: list[str]
    env: dict[str, str]
    stop_timeout_s: float
    process: subprocess.Popen[bytes] | None = None
    restarts: deque[float] = field(default_factory=deque)
    restart_at: float | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, env=self.env)
        self.restart_at = None

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def backoff_s(self, now: float) -> float | None:
        """Seconds to wait before the next start, or None when it keeps failing."""
        while self.restarts and now - self.restarts[0] > RESTART_WINDOW_S:
            self.restarts.popleft()
        if len(self.restarts) >= MAX_RESTARTS:
            return None
        return min(MAX_BACKOFF_S, FIRST_BACKOFF_S * 2.0 ** len(self.restarts))

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=self.stop_timeout_s)
        except subprocess.TimeoutExpired:
            say(f"{self.name} did not stop within {self.stop_timeout_s:g} s; killing it")
            process.kill()
            process.wait()


class Supervisor:
    def __init__(self, children: list[Child]) -> None:
        self.children = children

    def start(self) -> None:
        for child in self.children:
            child.start()

    def watch(self) -> int:
        """Restart children that die; return 1 when one keeps dying. Stops them on the way
        out, whatever the reason (a StopRequested from the signal handler included)."""
        try:
            while True:
                time.sleep(POLL_S)
                if not self._tend(time.monotonic()):
                    return 1
        finally:
            self.stop()

    def _tend(self, now: float) -> bool:
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at:
                    child.restarts.append(now)
                    child.start()
                    say(f"{child.name} restarted")
                continue
            code = child.exited()
            if code is None:
                continue
            wait = child.backoff_s(now)
            if wait is None:
                say(
                    f"{child.name} stopped ({describe_exit(code)}) and keeps stopping: "
                    f"{MAX_RESTARTS} restarts in {RESTART_WINDOW_S:g} s. Giving up; see the "
                    "lines above for its error."
                )
                return False
            say(
                f"{child.name} stopped unexpectedly ({describe_exit(code)}); restarting it in {wait:g} s"
            )
            child.restart_at = now + wait
        return True

    def stop(self) -> None:
        # The web server first, so no new work arrives while the worker hands back.
        for child in self.children:
            child.stop()
