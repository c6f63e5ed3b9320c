"""Server time of the coach's home (the client list, most in need first) at 200 athletes with a
year of daily logs each, and of its API twin.

A throw-away SQLite database by default, or a throw-away PostgreSQL database created on the
server of ``--postgres URL`` (dropped afterwards). Django's test client, so the figures are the
server's own time: routing, middleware, the queries, the attention rules, the access log and
the template. The target (issue 11) is p95 <= 150 ms.

    .venv/bin/python bench/coach_bench.py [--runs 60] [--athletes 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DAYS = 365
TARGET_P95_MS = 150.0
BENCH_DB = "dorsi_coach_bench"


def _setup(data_dir: str, database_url: str | None) -> None:
    os.environ["DORSI_DATA_DIR"] = data_dir
    os.environ["DORSI_TASKS_BACKEND"] = "immediate"
    os.environ.pop("DORSI_DEBUG", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    from dorsi.services.bootstrap import migrate_quietly, setup_django

    setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    migrate_quietly()


def _statuses(n: int) -> list[tuple[str, str, bool]]:
    """A year of (status, pain type, swelling) for athlete ``n``: most train, some slip, some
    hurt, a few stopped; the last two weeks decide who needs attention."""
    days = []
    for d in range(DAYS):
        recent = d >= DAYS - 14
        status = "done" if (d + n) % 6 else "skipped"
        if n % 10 == 3 and recent:
            status = "skipped" if d % 3 else "done"  # adherence under 50 %
        if n % 10 == 5 and d >= DAYS - 9:
            status = "skipped"  # a week without activity
        pain = "sharp" if n % 10 == 1 and d == DAYS - 2 else "stretch" if d % 4 == 0 else "none"
        swelling = n % 10 == 7 and d == DAYS - 4
        days.append((status, pain, swelling))
    return days


def _seed(today: date, athletes: int) -> Any:
    from django.contrib.auth import get_user_model

    from dorsi.db.models import Assessment, CoachLink, Plan, Profile, Retest, SessionLog
    from dorsi.services.accounts import user_create
    from dorsi.services.assessments import assessment_create
    from dorsi.services.coaching import role_set
    from dorsi.services.plans import plan_create

    User = get_user_model()
    coach = user_create(username="coach", password="bench-pass-1234")
    role_set(user=coach, role="coach")
    model = user_create(username="model", password="bench-pass-1234")
    document = {
        "schema": "dorsi.assessment/v1",
        "date": (today - timedelta(days=100)).isoformat(),
        "profile": {"age": 34, "equipment": ["band"], "minutes_per_day": 10},
        "knee_to_wall": {"unit": "cm", "left": 7.5, "right": 10.0},
    }
    template = assessment_create(user=model, document=document, today=today)
    plan_doc = plan_create(user=model, assessment_id=template.pk, start=today - timedelta(days=60))
    plan_row = Plan.objects.get(pk=plan_doc.id)
    users = User.objects.bulk_create(
        User(username=f"athlete{n:03d}", email=f"a{n}@example.com") for n in range(athletes)
    )
    Profile.objects.bulk_create(Profile(user=u, equipment=["band"]) for u in users)
    assessments = Assessment.objects.bulk_create(
        Assessment(
            user=u,
            date=template.date,
            input=template.input,
            report=template.report,
            referral_level=template.referral_level,
        )
        for u in users
    )
    Plan.objects.bulk_create(
        Plan(
            user=u,
            assessment=a,
            start=today - timedelta(days=20 + (n % 60)),
            document=plan_row.document,
            is_active=True,
        )
        for n, (u, a) in enumerate(zip(users, assessments, strict=True))
    )
    first = today - timedelta(days=DAYS - 1)
    for n, u in enumerate(users):
        SessionLog.objects.bulk_create(
            SessionLog(
                user=u,
                date=first + timedelta(days=d),
                status=status,
                minutes=8 if status != "skipped" else 0,
                pain=3 if pain != "none" else 0,
                pain_type=pain,
                swelling=swelling,
            )
            for d, (status, pain, swelling) in enumerate(_statuses(n))
        )
        Retest.objects.bulk_create(
            Retest(
                user=u,
                date=first + timedelta(days=d),
                unit="cm",
                left_cm=7.5 + d / 200,
                right_cm=10.0 + d / 300,
            )
            for d in range(20, DAYS - 30, 21)
        )
    CoachLink.objects.bulk_create(
        CoachLink(client=u, coach=coach, code=f"BENCH{n:05d}", accepted_at=u.date_joined)
        for n, u in enumerate(users)
    )
    return coach


def _time(client: Any, url: str, runs: int) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU milliseconds of each request (CPU time is this process's own work:
    it does not grow when other programs load the machine), and the queries of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu, queries = [], [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        queries = len(captured.captured_queries)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return wall, cpu, queries


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _bench(args: argparse.Namespace, database_url: str | None) -> float:
    from django.test import Client
    from django.utils import timezone

    from dorsi.db.models import SessionLog

    began = time.perf_counter()
    coach = _seed(timezone.localdate(), args.athletes)
    seeded = time.perf_counter() - began
    client = Client()
    client.force_login(coach)
    views = [
        ("coach home: client list (HTML)", "/coach/"),
        ("client list API (JSON)", "/api/coach/clients"),
        ("client list, filtered to sharp pain", "/coach/?concern=sharp_pain"),
    ]
    first, _, _ = _time(client, "/coach/", 1)  # the first view writes the digests
    for _, url in views:
        _time(client, url, 3)
    engine = "PostgreSQL" if database_url else "SQLite"
    logs = SessionLog.objects.count()
    print(
        f"{args.athletes} athletes, {logs} session logs ({DAYS} days each), {engine}, "
        f"seeded in {seeded:.0f} s; first view (writes the digests) {first[0]:.0f} ms"
    )
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores while measuring")
    print(
        f"{'view':38} {'p50 ms':>7} {'p95 ms':>7} {'mean ms':>8} {'cpu p50':>8} {'cpu p95':>8} "
        f"{'queries':>8}"
    )
    worst = 0.0
    for name, url in views:
        wall, cpu, queries = _time(client, url, args.runs)
        p95 = _p(wall, 0.95)
        worst = max(worst, p95)
        print(
            f"{name:38} {_p(wall, 0.5):7.1f} {p95:7.1f} {statistics.mean(wall):8.1f} "
            f"{_p(cpu, 0.5):8.1f} {_p(cpu, 0.95):8.1f} {queries:8d}"
        )
    verdict = "meets" if worst <= TARGET_P95_MS else "MISSES"
    print(f"worst p95 {worst:.1f} ms: {verdict} the {TARGET_P95_MS:.0f} ms target")
    return worst


def _postgres(url: str) -> tuple[str, Any]:
    """A fresh database on the server of ``url``; returns its URL and a function dropping it."""
    import psycopg

    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
    admin.execute(f"CREATE DATABASE {BENCH_DB}")
    base = url.rsplit("/", 1)[0]

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        admin.close()

    return f"{base}/{BENCH_DB}", drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--athletes", type=int, default=200)
    parser.add_argument("--postgres", help="a PostgreSQL URL whose server hosts a scratch database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dorsi-coach-bench-") as data_dir:
        drop = None
        database_url = None
        if args.postgres:
            database_url, drop = _postgres(args.postgres)
        try:
            _setup(data_dir, database_url)
            _bench(args, database_url)
        finally:
            if drop is not None:
                drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
