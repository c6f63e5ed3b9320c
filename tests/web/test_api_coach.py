"""The coach's workspace in the JSON API: the list, one client, plan changes (refused with a
422 naming the field), undo, notes, clinic retests, the athlete's sharing routes, and the
OpenAPI schema that documents them."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.db.models import CoachLink, PlanEdit
from dorsi.services.coaching_plans import MAINTENANCE_REFUSAL
from tests.coach_support import (
    edit_documents,
    log,
    make_coach,
    put_in_maintenance,
    share,
    swap_document,
)
from tests.django_support import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(user: Any, plan: Any) -> Any:
    carla = make_coach("carla")
    share(user, carla)
    return carla


def _post(client: Any, path: str, body: Any) -> Any:
    return client.post(path, body, content_type="application/json")


def test_the_list_and_one_client(client: Any, user: Any, coach: Any) -> None:
    log(user, TODAY, pain=5, pain_type="pinch", exercise="knee-to-wall-circles")
    client.force_login(coach)
    listing = client.get("/api/coach/clients?concern=sharp_pain").json()
    assert listing["total"] == 1
    assert listing["clients"][0]["reasons"][0]["concern"] == "sharp_pain"
    assert listing["clients"][0]["needs_attention"] is True
    detail = client.get(f"/api/coach/clients/{user.pk}").json()
    assert detail["assessment"]["schema"] == "dorsi.report/v1"
    assert detail["plan"]["schema"] == "dorsi.plan/v1"
    assert detail["sessions"][0]["pain_type"] == "pinch"
    assert detail["sessions"][0]["exercise"] == "Knee-to-wall circles"
    assert detail["sessions"][0]["swelling"] is False


def test_the_client_detail_carries_swelling_efforts_and_the_note(
    client: Any, user: Any, coach: Any
) -> None:
    log(user, TODAY, swelling=True, efforts=[("knee-to-wall-circles", "right")], note="Hot")
    client.force_login(coach)
    session = client.get(f"/api/coach/clients/{user.pk}").json()["sessions"][0]
    assert (session["swelling"], session["efforts"], session["note"]) == (
        True,
        "Knee-to-wall circles about right",
        "Hot",
    )


def test_a_plan_change_and_its_undo(client: Any, user: Any, coach: Any) -> None:
    client.force_login(coach)
    body = swap_document(TODAY)
    body.pop("schema")
    created = _post(client, f"/api/coach/clients/{user.pk}/plan/edits", body)
    assert created.status_code == 201
    edit = created.json()["edit"]
    assert edit["in_force"] is True
    assert edit["operation"]["kind"] == "swap"
    today = next(
        d
        for w in created.json()["plan"]["weeks"]
        for d in w["days"]
        if d["date"] == TODAY.isoformat()
    )
    assert "ankle-cars" in [item["exercise"] for item in today["items"]]
    undone = _post(client, f"/api/coach/clients/{user.pk}/plan/edits/{edit['id']}/revert", {})
    assert undone.json()["edit"]["in_force"] is False
    assert [e["id"] for e in client.get(f"/api/coach/clients/{user.pk}/plan/edits").json()] == [
        edit["id"]
    ]


@pytest.mark.parametrize("kind", ["swap", "dose", "add", "remove", "minutes", "note"])
def test_a_change_to_a_plan_in_maintenance_is_a_422_in_words(
    client: Any, user: Any, coach: Any, kind: str
) -> None:
    put_in_maintenance(user)
    client.force_login(coach)
    body = edit_documents(TODAY)[kind]
    body.pop("schema")
    response = _post(client, f"/api/coach/clients/{user.pk}/plan/edits", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "plan"
    assert response.json()["detail"][0]["msg"] == MAINTENANCE_REFUSAL
    assert not PlanEdit.objects.exists()


def test_a_refused_change_is_a_422_naming_the_field(client: Any, user: Any, coach: Any) -> None:
    client.force_login(coach)
    body = {
        "kind": "swap",
        "exercise": "knee-to-wall-circles",
        "replacement": "no-such-drill",
        "scope": {"from": TODAY.isoformat(), "weeks": [1]},
    }
    response = _post(client, f"/api/coach/clients/{user.pk}/plan/edits", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "replacement"
    assert "unknown exercise id" in response.json()["detail"][0]["msg"]
    past = {
        "kind": "remove",
        "exercise": "knee-to-wall-circles",
        "scope": {"from": "2026-06-16", "dates": ["2026-06-16"]},
    }
    response = _post(client, f"/api/coach/clients/{user.pk}/plan/edits", past)
    assert response.status_code == 422
    schema = _post(client, f"/api/coach/clients/{user.pk}/plan/edits", {"kind": "rename"})
    assert schema.status_code == 422


def test_a_red_flag_holds_every_change(client: Any, user: Any, coach: Any) -> None:
    from dorsi.services.assessments import assessment_create
    from tests.django_support import assessment_document

    assessment_create(
        user=user, document=assessment_document(red_flags=["night_pain"]), today=TODAY
    )
    client.force_login(coach)
    body = swap_document(TODAY)
    response = _post(client, f"/api/coach/clients/{user.pk}/plan/edits", body)
    assert response.status_code == 422
    assert "red flag" in response.json()["detail"][0]["msg"]
    listing = client.get("/api/coach/clients").json()
    assert listing["clients"][0]["reasons"][0]["concern"] == "red_flag"


def test_notes_and_a_clinic_retest(client: Any, user: Any, coach: Any) -> None:
    client.force_login(coach)
    note = _post(client, f"/api/coach/clients/{user.pk}/notes", {"text": "Well done"})
    assert note.status_code == 201
    assert note.json()["by_coach"] is True
    assert client.get(f"/api/coach/clients/{user.pk}/notes").json()[0]["text"] == "Well done"
    retest = _post(
        client, f"/api/coach/clients/{user.pk}/retests", {"date": TODAY.isoformat(), "left": 8.0}
    )
    assert retest.json()["in_clinic"] is True
    bad = _post(
        client, f"/api/coach/clients/{user.pk}/retests", {"date": TODAY.isoformat(), "left": 40}
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "left"


def test_the_athletes_sharing_routes(client: Any, user: Any, coach: Any) -> None:
    client.force_login(user)
    sharing = client.get("/api/sharing").json()
    assert sharing["links"][0]["coach"] == "carla"
    assert any("session" in item for item in sharing["shared"])
    link = CoachLink.objects.get(client=user)
    posted = _post(client, f"/api/sharing/{link.pk}/notes", {"text": "Knee feels better"})
    assert posted.json()["by_coach"] is False
    dario = make_coach("dario")
    client.force_login(dario)
    from dorsi.services.coaching import client_invite_create

    code = client_invite_create(coach=dario).code
    client.force_login(user)
    accepted = _post(client, "/api/sharing/accept", {"code": code})
    assert accepted.status_code == 201
    assert accepted.json()["coach"] == "dario"
    assert _post(client, "/api/sharing/accept", {"code": code}).status_code == 422


def test_the_openapi_schema_documents_the_routes_and_their_errors(client: Any, user: Any) -> None:
    client.force_login(user)
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    edits = paths["/api/coach/clients/{client_id}/plan/edits"]["post"]
    assert set(edits["responses"]) >= {"201", "404", "422"}
    assert "PlanEditIn" in str(edits["requestBody"])
    assert "403" in paths["/api/coach/clients"]["get"]["responses"]
    for path in (
        "/api/coach/clients/{client_id}",
        "/api/coach/clients/{client_id}/notes",
        "/api/coach/clients/{client_id}/fhir",
        "/api/coach/clients/{client_id}/retests",
        "/api/coach/clients/{client_id}/plan/edits/{edit_id}/revert",
        "/api/sharing",
        "/api/sharing/access-log",
        "/api/sharing/{link_id}",
        "/api/sharing/{link_id}/notes",
        "/api/sharing/accept",
    ):
        assert path in paths, path
