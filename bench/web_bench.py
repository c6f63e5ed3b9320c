"""Server time of the progress dashboard for a heavy user, next to a trivial view.

A user with 2 years of daily session logs and 40 retests, in a throw-away SQLite database;
Django's test client (no network, no browser), so the figures are the server's own time:
URL routing, middleware, queries, the core's progress maths, the SVG chart and the template.

    .venv/bin/python bench/web_bench.py [--runs 60]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DAYS = 730
RETESTS = 40


def _setup(data_dir: str) -> None:
    os.environ["DORSI_DATA_DIR"] = data_dir
    os.environ["DORSI_TASKS_BACKEND"] = "immediate"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("DORSI_DEBUG", None)
    from dorsi.services.bootstrap import migrate_quietly, setup_django

    setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    migrate_quietly()


def _heavy_user(today: date) -> object:
    from dorsi.db.models import Retest, SessionLog
    from dorsi.services.accounts import user_create
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create

    user = user_create(username="bench", password="bench-pass-1234")
    start = today - timedelta(days=DAYS - 1)
    document = {
        "schema": "dorsi.assessment/v1",
        "date": start.isoformat(),
        "profile": {
            "age": 34,
            "height_cm": 178,
            "sports": ["running"],
            "training_days": ["mon", "thu"],
            "equipment": ["band"],
            "minutes_per_day": 10,
        },
        "knee_to_wall": {"unit": "cm", "left": 7.5, "right": 10.0},
    }
    assessment = assessment_create(user=user, document=document, today=today)
    plan_create(user=user, assessment_id=assessment.pk, start=start, today=today)
    statuses = ("done", "done", "done", "partial", "skipped")
    SessionLog.objects.bulk_create(
        SessionLog(
            user=user,
            date=start + timedelta(days=n),
            status=statuses[n % 5],
            minutes=8,
            pain=n % 3,
            pain_type="stretch" if n % 3 else "none",
        )
        for n in range(DAYS)
    )
    step = DAYS // RETESTS
    Retest.objects.bulk_create(
        Retest(
            user=user,
            date=start + timedelta(days=step * (n + 1) - 1),
            unit="cm",
            left_cm=min(25.0, 7.5 + 0.12 * n),
            right_cm=min(25.0, 10.0 + 0.08 * n),
        )
        for n in range(RETESTS)
    )
    return user


def _time(client: object, url: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        samples.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return samples


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dorsi-bench-") as data_dir:
        _setup(data_dir)
        from django.test import Client
        from django.utils import timezone

        user = _heavy_user(timezone.localdate())
        client = Client()
        client.force_login(user)
        views = [
            ("trivial page (static template)", "/accounts/password/reset/sent/"),
            ("progress dashboard (HTML + SVG chart)", "/progress/"),
            ("progress API (dorsi.progress/v1)", "/api/progress"),
            ("today", "/"),
        ]
        for _, url in views:  # warm caches: templates, the exercise library, figures
            _time(client, url, 3)
        print(
            f"User: {DAYS} daily session logs, {RETESTS} retests, SQLite, {args.runs} runs per view"
        )
        print(f"{'view':40} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
        for name, url in views:
            samples = _time(client, url, args.runs)
            print(
                f"{name:40} {_p(samples, 0.5):8.1f} {_p(samples, 0.95):8.1f} {statistics.mean(samples):8.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
