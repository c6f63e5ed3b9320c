"""Load on the real server (loopback only, bounded): N athletes log sessions and retests and
read their pages for a while, on SQLite and on PostgreSQL, while the worker analyses videos.

Reported per database: requests, server errors (5xx), lost writes (an acknowledged id that is
not in the database afterwards), p50/p95 latency per kind of request, videos finished. Figures
are printed, not asserted. Usage: python bench/load.py [--db sqlite|postgres|both]
[--users 40] [--seconds 45] [--videos 2]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


@dataclass
class Tally:
    latency_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    acknowledged: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, status: int, body: bytes) -> None:
        with self.lock:
            self.latency_ms[kind].append(ms)
            if status >= 500:
                self.errors.append(f"{kind} {status}")


class Browser:
    """One athlete: a keep-alive connection with a session cookie and a CSRF token."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: str | None = None,
        content_type: str = "application/x-www-form-urlencoded",
    ) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers |= {
                "Content-Type": content_type,
                "X-CSRFToken": self.cookies.get("csrftoken", ""),
                "Referer": "http://127.0.0.1/",
            }
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def login(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, status
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": password,
            }
        )
        status, _ = self.request("POST", "/accounts/login/", form)
        assert status == 302, f"login of {username} answered {status}"


def _athlete(
    port: int, username: str, password: str, start: date, stop_at: float, tally: Tally
) -> None:
    browser = Browser(port)
    browser.login(username, password)
    days = [start + timedelta(days=n) for n in range(31)]  # the plan began 30 days ago
    rng = random.Random(username)
    step = 0
    while time.monotonic() < stop_at:
        step += 1
        if step % 5 == 0:
            kind, path = "retest", "/api/retests"
            body = {
                "date": rng.choice(days).isoformat(),
                "left": round(rng.uniform(7, 12), 1),
                "right": round(rng.uniform(7, 12), 1),
            }
        elif step % 5 in (1, 3):
            kind, path = "session", "/api/sessions"
            body = {
                "date": rng.choice(days).isoformat(),
                "status": "done",
                "minutes": rng.randint(5, 15),
            }
        else:
            kind, path, body = (
                ("today page", "/", None) if step % 2 else ("progress api", "/api/progress", None)
            )
        began = time.perf_counter()
        if body is None:
            status, data = browser.request("GET", path)
        else:
            status, data = browser.request("POST", path, json.dumps(body), "application/json")
        tally.add(kind, (time.perf_counter() - began) * 1000, status, data)
        if status == 201:
            with tally.lock:
                tally.acknowledged[kind].add(int(json.loads(data)["id"]))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_up(port: int, launcher: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert launcher.poll() is None, "the launcher stopped"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("Dorsi did not start")


def _count(env: dict[str, str], sql: str) -> set[int]:
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as db:
            return {row[0] for row in db.execute(sql).fetchall()}  # type: ignore[arg-type]
    with sqlite3.connect(Path(env["DORSI_DATA_DIR"]) / "dorsi.sqlite3", timeout=30) as db:
        return {row[0] for row in db.execute(sql).fetchall()}


def run(db: str, users: int, seconds: float, videos: int) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="dorsi-load-"))
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DORSI_") and k != "DATABASE_URL"
    }
    env |= {"DORSI_DATA_DIR": str(data_dir), "DORSI_PORT": str(port), "PYTHONUNBUFFERED": "1"}
    pg_name = f"dorsi_load_{os.getpid()}"
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {pg_name}")  # type: ignore[arg-type]
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    launcher = subprocess.Popen(
        [sys.executable, "-m", "dorsi.web.run"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_up(port, launcher)
        setup = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "load_setup.py"), str(users), str(videos)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        people = json.loads(setup.stdout.strip().splitlines()[-1])
        tally = Tally()
        stop_at = time.monotonic() + seconds
        start = date.fromisoformat(people["start"])
        threads = [
            threading.Thread(
                target=_athlete, args=(port, name, people["password"], start, stop_at, tally)
            )
            for name in people["users"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stored = {
            "session": _count(env, "SELECT id FROM dorsi_sessionlog"),
            "retest": _count(env, "SELECT id FROM dorsi_retest"),
        }
        lost = sum(len(ids - stored[kind]) for kind, ids in tally.acknowledged.items())
        done = len(_count(env, "SELECT id FROM dorsi_videoanalysis WHERE status = 'done'"))
    finally:
        launcher.send_signal(signal.SIGTERM)
        launcher.wait(timeout=60)
        if db == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")  # type: ignore[arg-type]
    return {"db": db, "tally": tally, "lost": lost, "videos_done": done, "videos": videos}


def report(result: dict[str, Any], users: int, seconds: float) -> None:
    tally: Tally = result["tally"]
    total = sum(len(v) for v in tally.latency_ms.values())
    print(
        f"\n{result['db']}: {users} athletes for {seconds:g} s — {total} requests "
        f"({total / seconds:.0f}/s), {len(tally.errors)} server errors, {result['lost']} lost "
        f"writes, videos analysed meanwhile: {result['videos_done']} of {result['videos']}"
    )
    print(f"  {'request':<14}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for kind, samples in sorted(tally.latency_ms.items()):
        samples = sorted(samples)
        p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
        print(f"  {kind:<14}{len(samples):>7}{statistics.median(samples):>9.1f}{p95:>9.1f}")
    if tally.errors:
        print("  errors:", ", ".join(sorted(set(tally.errors))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--videos", type=int, default=2)
    args = parser.parse_args()
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        report(run(db, args.users, args.seconds, args.videos), args.users, args.seconds)


if __name__ == "__main__":
    main()
