"""The JSON API: session auth + CSRF, 422 with the field, 404 for other users' ids."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dorsi.db.models import Assessment, Retest, SessionLog
from dorsi.services.plans import plan_active, plan_switch_to_maintenance
from dorsi.services.tracking import retest_record
from tests.django_support import PASSWORD, assessment_document, goal_held_in_week_10

pytestmark = pytest.mark.django_db


def _today() -> str:
    return timezone.localdate().isoformat()


def test_api_needs_login(client) -> None:
    assert client.get("/api/progress").status_code == 401


def test_api_post_needs_the_csrf_token(user) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.login(username="ana", password=PASSWORD)
    response = strict.post(
        "/api/assessments", assessment_document(), content_type="application/json"
    )
    assert response.status_code == 403
    strict.get("/")  # sets the csrftoken cookie
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        "/api/assessments",
        assessment_document(),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201


def test_create_assessment_returns_the_report(ana) -> None:
    response = ana.post("/api/assessments", assessment_document(), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["report"]["schema"] == "dorsi.report/v1"
    assert body["input"]["knee_to_wall"]["left"] == 7.5
    assert ana.get(f"/api/assessments/{body['id']}").json()["id"] == body["id"]
    assert [a["id"] for a in ana.get("/api/assessments").json()] == [body["id"]]


def test_bad_assessment_is_422_with_the_field_and_nothing_is_stored(ana) -> None:
    document = assessment_document(knee_to_wall={"unit": "cm", "left": 40})
    response = ana.post("/api/assessments", document, content_type="application/json")
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["field"] == "knee_to_wall.left"
    assert detail["loc"] == ["body", "knee_to_wall", "left"]
    assert "0 to 25\u00a0cm" in detail["msg"]
    assert not Assessment.objects.exists()


def test_not_json_is_a_4xx_not_a_500(ana) -> None:
    response = ana.post("/api/assessments", "{nope", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_plan_flow_sessions_retests_progress(ana, assessment) -> None:
    response = ana.post(
        "/api/plan",
        {"assessment_id": assessment.pk, "start": _today()},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["plan"]["schema"] == "dorsi.plan/v1"
    assert ana.get("/api/plan").json()["start"] == _today()
    assert ana.get(f"/api/plan/days/{_today()}").json()["items"]
    logged = ana.post(
        "/api/sessions",
        {"date": _today(), "status": "done", "minutes": 8},
        content_type="application/json",
    )
    assert logged.status_code == 201
    assert ana.get("/api/sessions").json()[0]["status"] == "done"
    retest = ana.post(
        "/api/retests",
        {"date": _today(), "unit": "cm", "left": 9.5, "right": 11},
        content_type="application/json",
    )
    assert retest.status_code == 201
    progress = ana.get("/api/progress").json()
    assert progress["schema"] == "dorsi.progress/v1"
    assert progress["sides"]["left"]["real_change"] is True
    assert ana.delete(f"/api/retests/{retest.json()['id']}").status_code == 204


def test_the_plan_routes_follow_the_maintenance_mode(ana, user, plan) -> None:
    today = timezone.localdate()
    goal_held_in_week_10(user)
    plan_switch_to_maintenance(user=user)
    body = ana.get("/api/plan").json()
    assert (body["mode"], body["plan"]["mode"]) == ("maintenance", "maintenance")
    monday = next(
        today + timedelta(days=n) for n in range(1, 8) if (today + timedelta(days=n)).weekday() == 0
    )
    day = ana.get(f"/api/plan/days/{monday.isoformat()}").json()
    assert (day["kind"], day["phase"], day["week"]) == ("warm_up", "maintenance", None)
    routine = plan_active(user=user).plan.maintenance.before_training
    assert [item["exercise"] for item in day["items"]] == [i.exercise for i in routine.items]


def test_red_flag_plan_is_409_until_cleared(ana, user) -> None:
    created = ana.post(
        "/api/assessments",
        assessment_document(red_flags=["recent_trauma"]),
        content_type="application/json",
    ).json()
    response = ana.post(
        "/api/plan", {"assessment_id": created["id"]}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["reasons"] == ["recent_trauma"]
    assert ana.post(f"/api/assessments/{created['id']}/clearance").json()["cleared_by_professional"]
    assert (
        ana.post(
            "/api/plan", {"assessment_id": created["id"]}, content_type="application/json"
        ).status_code
        == 201
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "TODAY", "status": "done", "pain": 12}, "pain"),
        ({"date": "TODAY", "status": "sometimes"}, "status"),
        ({"date": "TODAY", "status": "done", "pain_type": "stabbing"}, "pain_type"),
        ({"date": "TOMORROW", "status": "done"}, "date"),
        ({"date": "TODAY", "status": "done", "exercise": "Not An Id"}, "exercise"),
    ],
)
def test_bad_session_is_422_naming_the_field(ana, plan, body, field) -> None:
    days = {"TODAY": _today(), "TOMORROW": (timezone.localdate() + timedelta(days=1)).isoformat()}
    body = body | {"date": days[body["date"]]}
    response = ana.post("/api/sessions", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field
    assert not SessionLog.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"date": "2026-01-01", "left": "x"},
        {"unit": "cm", "left": 9},
        {"date": "TODAY", "unit": "mm", "left": 9},
        {"date": "TODAY", "left": 26},
    ],
)
def test_bad_retest_is_422(ana, plan, body) -> None:
    if body.get("date") == "TODAY":
        body = body | {"date": _today()}
    response = ana.post("/api/retests", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not Retest.objects.exists()


def test_export_and_import_round_trip(ana, client_of, other_user, plan) -> None:
    bundle = ana.get("/api/export").json()
    assert bundle["schema"] == "dorsi.export/v1"
    bruno = client_of(other_user)
    counts = bruno.post("/api/import", bundle, content_type="application/json").json()
    assert counts["assessments"] == 1
    again = bruno.get("/api/export").json()
    for key in ("exported_at", "account"):
        bundle.pop(key)
        again.pop(key)
    assert again == bundle


def test_bad_import_is_422(ana) -> None:
    response = ana.post(
        "/api/import",
        {"schema": "dorsi.export/v1", "retests": [{"date": "2020-01-01", "left": 99}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "retests[0].left"


def test_progress_before_assessment_is_404(ana) -> None:
    assert ana.get("/api/progress").status_code == 404
    assert ana.get("/api/plan").status_code == 404


def test_api_docs_are_served_without_a_cdn(ana) -> None:
    page = ana.get("/api/docs").content.decode()
    assert "cdn." not in page
    assert "/static/ninja/" in page


class TestIsolation:
    """Every API route with another user's ids answers 404 and changes nothing."""

    @pytest.fixture
    def bruno_assessment(self, other_user):
        from dorsi.services.assessments import assessment_create

        return assessment_create(
            user=other_user, document=assessment_document(red_flags=["night_pain"])
        )

    @pytest.fixture
    def bruno_retest(self, other_user, bruno_assessment):

        return retest_record(
            user=other_user, when=timezone.localdate(), unit="cm", left=9, right=10
        )

    def test_assessment_detail(self, ana, bruno_assessment) -> None:
        assert ana.get(f"/api/assessments/{bruno_assessment.pk}").status_code == 404

    def test_assessment_clearance(self, ana, bruno_assessment) -> None:
        assert ana.post(f"/api/assessments/{bruno_assessment.pk}/clearance").status_code == 404
        bruno_assessment.refresh_from_db()
        assert bruno_assessment.cleared_by_professional_at is None

    def test_plan_from_someone_elses_assessment(self, ana, bruno_assessment) -> None:
        response = ana.post(
            "/api/plan", {"assessment_id": bruno_assessment.pk}, content_type="application/json"
        )
        assert response.status_code == 404

    def test_retest_delete(self, ana, bruno_retest) -> None:
        assert ana.delete(f"/api/retests/{bruno_retest.pk}").status_code == 404
        assert Retest.objects.filter(pk=bruno_retest.pk).exists()

    def test_lists_are_empty(self, ana, bruno_retest) -> None:
        assert ana.get("/api/assessments").json() == []
        assert ana.get("/api/retests").json() == []
        assert ana.get("/api/sessions").json() == []
        assert ana.get("/api/export").json()["assessments"] == []
