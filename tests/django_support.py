"""Django test setup shared by tests/services, tests/web, tests/e2e and the tracking CLI test.

The core tests never import this module, so they run without Django. Importing it points
Django at a throw-away data dir, runs background tasks inline and turns debug off.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
import time_machine

os.environ["DJANGO_SETTINGS_MODULE"] = "dorsi.web.settings"
if "DORSI_DATA_DIR" not in os.environ:
    _data_dir = tempfile.mkdtemp(prefix="dorsi-test-")
    os.environ["DORSI_DATA_DIR"] = _data_dir
    atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
os.environ["DORSI_TASKS_BACKEND"] = "immediate"
os.environ.pop("DORSI_DEBUG", None)

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:
    django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import Argon2PasswordHasher  # noqa: E402


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    """Still Argon2 (hashes start with ``argon2$``), but cheap: the real cost is ~1 s a hash."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


settings.PASSWORD_HASHERS = ["tests.django_support.QuickArgon2PasswordHasher"]

PASSWORD = "calf-raise-1234"
# The database tests run on a fixed clock (a Wednesday), so no result depends on the day the
# suite runs: weekdays decide training days, dates decide plans and retests.
TODAY = date(2026, 6, 17)
FIXED_NOW = datetime.combine(TODAY, time(10, 0), tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock() -> Any:
    """Every test that imports this fixture (through its conftest) starts at ``FIXED_NOW``;
    time then runs on, so timeouts and expiries still work."""
    with time_machine.travel(FIXED_NOW, tick=True) as traveller:
        yield traveller


def assessment_document(**changes: Any) -> dict[str, Any]:
    """A full dorsi.assessment/v1 with a restricted left side (sprained twice)."""
    doc: dict[str, Any] = {
        "schema": "dorsi.assessment/v1",
        "date": TODAY.isoformat(),
        "profile": {
            "age": 34,
            "height_cm": 178,
            "sports": ["running", "basketball"],
            "sprains": {"left": 2, "right": 0},
            "training_days": ["mon", "thu"],
            "equipment": ["wall", "band", "step"],
            "minutes_per_day": 10,
            "desk_job": True,
            "shoe_drop_mm": 10,
        },
        "knee_to_wall": {"variant": "standing", "unit": "cm", "left": 7.5, "right": 10.5},
        "three_position": {
            "left": {
                "straight_knee": "restricted",
                "bent_knee": "restricted",
                "deep_squat": "restricted",
            },
            "right": {"straight_knee": "restricted", "bent_knee": "ok", "deep_squat": "ok"},
        },
        "felt": {"left": "front_pinch", "right": "calf_stretch"},
        "squat_screen": {
            "heels_rise": True,
            "torso_forward": True,
            "knees_cave": False,
            "reaches_parallel": False,
            "better_with_heel_lift": True,
        },
        "knee_pain": {"present": True, "less_with_heel_lift": True},
        "signs": ["heels_lift_in_squat", "tight_calves"],
        "red_flags": [],
    }
    doc.update(changes)
    return doc


def make_user(username: str = "ana", email: str | None = None) -> Any:
    from dorsi.services.accounts import user_create

    return user_create(
        username=username, email=email or f"{username}@example.com", password=PASSWORD
    )


@pytest.fixture(name="user")
def user_fixture(db: Any) -> Any:
    return make_user("ana")


@pytest.fixture(name="other_user")
def other_user_fixture(db: Any) -> Any:
    return make_user("bruno")


@pytest.fixture(name="assessment")
def assessment_fixture(user: Any) -> Any:
    from dorsi.services.assessments import assessment_create

    return assessment_create(user=user, document=assessment_document(), today=TODAY)


@pytest.fixture(name="plan")
def plan_fixture(user: Any, assessment: Any) -> Any:
    from dorsi.services.plans import plan_create

    return plan_create(user=user, assessment_id=assessment.pk, start=TODAY)


def goal_held_in_week_10(user: Any, left: float = 11.5, right: float = 11.8) -> Any:
    """A plan started 9 weeks before TODAY with the goal held at two retests (TODAY - 7 and
    TODAY): maintenance is offered (SPEC §4: two retests at the goal, week 9 on)."""
    from datetime import timedelta

    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from dorsi.services.tracking import retest_record

    start = TODAY - timedelta(days=63)
    row = assessment_create(
        user=user, document=assessment_document(date=start.isoformat()), today=TODAY
    )
    active = plan_create(user=user, assessment_id=row.pk, start=start, today=TODAY)
    for day in (TODAY - timedelta(days=7), TODAY):
        retest_record(user=user, when=day, unit="cm", left=left, right=right, today=TODAY)
    return active
