"""View tests: Django's test client against a real database (SQLite or DATABASE_URL)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.django_support import (  # noqa: F401 (fixtures)
    PASSWORD,
    assessment_fixture,
    fixed_clock,
    other_user_fixture,
    plan_fixture,
    user_fixture,
)
from tests.video_fixtures import (  # noqa: F401 (fixtures)
    clip_bytes,
    engine_report,
    finished_analysis,
    s3_media,
    video_settings,
)


@pytest.fixture
def client_of(client: Any) -> Any:
    """Log a user in with the test client."""

    def login(who: Any) -> Any:
        assert client.login(username=who.username, password=PASSWORD)
        return client

    return login


@pytest.fixture
def ana(client_of: Any, user: Any) -> Any:
    return client_of(user)


WIZARD_ANSWERS: dict[str, dict[str, Any] | None] = {
    "safety": {"red_flags": []},
    "knee_to_wall": {
        "date": "",
        "knee_to_wall__variant": "standing",
        "knee_to_wall__unit": "cm",
        "knee_to_wall__left": "7.5",
        "knee_to_wall__right": "10.5",
    },
    "about": {
        "profile__age": "34",
        "profile__height_cm": "178",
        "profile__sports": ["running", "basketball"],
        "profile__sprains__left": "2",
        "profile__sprains__right": "0",
        "profile__training_days": ["mon", "thu"],
        "profile__equipment": ["band", "step"],
        "profile__minutes_per_day": "10",
        "profile__desk_job": "yes",
        "profile__shoe_drop_mm": "10",
    },
    "angles": None,  # skipped
    "three_position": {
        "three_position__left__straight_knee": "restricted",
        "three_position__left__bent_knee": "restricted",
        "three_position__left__deep_squat": "restricted",
        "three_position__right__straight_knee": "restricted",
        "three_position__right__bent_knee": "ok",
        "three_position__right__deep_squat": "ok",
    },
    "felt": {"felt__left": "front_pinch", "felt__right": "calf_stretch"},
    "squat": {
        "squat_screen__heels_rise": "yes",
        "squat_screen__torso_forward": "yes",
        "squat_screen__knees_cave": "no",
        "squat_screen__reaches_parallel": "no",
        "squat_screen__better_with_heel_lift": "yes",
    },
    "knee": {
        "knee_pain__present": "yes",
        "knee_pain__less_with_heel_lift": "yes",
        "signs": ["heels_lift_in_squat", "tight_calves"],
    },
}


@pytest.fixture
def complete_wizard() -> Any:
    """Walk a logged-in client through every step; returns the response of the review POST."""
    from django.utils import timezone

    def run(client: Any, **overrides: dict[str, Any] | None) -> Any:
        client.get("/assessment/new/?restart=1")
        for step, answers in (WIZARD_ANSWERS | overrides).items():
            if answers is None:
                response = client.post(f"/assessment/new/{step}/", {"action": "skip"})
            else:
                data = dict(answers)
                if "date" in data and not data["date"]:
                    data["date"] = timezone.localdate().isoformat()
                response = client.post(f"/assessment/new/{step}/", data | {"action": "next"})
            assert response.status_code == 302, (step, response.content.decode()[:3000])
        return client.post("/assessment/new/review/")

    return run
