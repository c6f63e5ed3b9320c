"""Garbage on every form and route: a clear answer (4xx or the form again), never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from dorsi.db.models import Assessment, Plan, Retest, SessionLog

pytestmark = pytest.mark.django_db

GARBAGE = [
    "",
    "abc",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999",
    "0001-01-01",
    "9999-12-31",
    "<script>",
    "🦶",
    "12,5",
]
WIZARD_FIELDS = {
    "knee_to_wall": ["date", "knee_to_wall__variant", "knee_to_wall__unit", "knee_to_wall__left"],
    "about": [
        "profile__age",
        "profile__height_cm",
        "profile__sports",
        "profile__sprains__left",
        "profile__minutes_per_day",
        "profile__desk_job",
        "profile__shoe_drop_mm",
    ],
}


@pytest.fixture
def strict(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("value", GARBAGE)
def test_wizard_steps_never_fail(strict, value) -> None:
    strict.get("/assessment/new/?restart=1")
    for step, fields in WIZARD_FIELDS.items():
        for field in fields:
            response = strict.post(f"/assessment/new/{step}/", {field: value})
            assert response.status_code in (200, 302), (step, field, value)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("value", GARBAGE)
def test_session_retest_plan_and_profile_forms_never_fail(strict, plan, value) -> None:
    today = timezone.localdate().isoformat()
    posts = [
        (
            f"/session/{today}/",
            {
                "status": value,
                "minutes": value,
                "pain": value,
                "pain_type": value,
                "exercise": value,
            },
        ),
        ("/retest/", {"date": value, "unit": value, "left": value, "right": value}),
        ("/retest/", {"date": today, "unit": "cm", "left": value, "right": "10"}),
        ("/plan/build/", {"assessment": value, "start": value}),
        ("/plan/build/", {"assessment": plan.assessment_id, "start": value}),
        ("/plan/mode/", {"mode": value}),
        (
            "/accounts/profile/",
            {"units": value, "age": value, "minutes_per_day": value, "sports": value},
        ),
        ("/coach/accept/", {"code": value}),
        ("/data/exports/", {"format": value}),
        ("/calendar/", {"action": value}),
        (f"/assessments/{plan.assessment_id}/cleared/", {"confirm": value}),
    ]
    for url, data in posts:
        response = strict.post(url, data)
        assert response.status_code < 500, (url, data)
    assert not SessionLog.objects.exists()
    assert Plan.objects.filter(is_active=True).count() == 1


@pytest.mark.parametrize("value", GARBAGE)
def test_api_routes_never_fail(strict, plan, value) -> None:
    bodies = [
        ("/api/assessments", {"knee_to_wall": {"left": value}}),
        ("/api/assessments", {"schema": value}),
        ("/api/plan", {"assessment_id": value, "start": value}),
        ("/api/sessions", {"date": value, "status": value, "pain": value}),
        ("/api/retests", {"date": value, "left": value}),
        ("/api/import", {"schema": "dorsi.export/v1", "assessments": [{"input": value}]}),
        ("/api/import", {"schema": "dorsi.export/v1", "plans": [{"assessment": value}]}),
    ]
    for url, body in bodies:
        response = strict.post(url, body, content_type="application/json")
        assert 400 <= response.status_code < 500, (url, body, response.status_code)
    for url in (f"/api/plan/days/{value}", f"/session/{value}/", f"/api/assessments/{value}"):
        assert strict.get(url).status_code < 500, url
    assert not Retest.objects.exists()
    assert Assessment.objects.count() == 1
