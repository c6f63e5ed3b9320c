"""Who reaches what: every URL and API route of the coach's workspace, for the athlete
themselves, their own coach, another coach and an anonymous visitor; and stopping sharing cuts
the own coach off everywhere at once (pages, API, exports, files, handouts)."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.db.models import CoachAccess, CoachLink, PlanEdit
from tests.coach_support import make_coach, share, swap_document
from tests.django_support import TODAY

pytestmark = pytest.mark.django_db

# (method, path, body); {c} the athlete, {a} an assessment, {v}/{w} two videos, {e} a change.
PAGES = [
    ("get", "/coach/clients/{c}/", None),
    ("get", "/coach/clients/{c}/sessions/", None),
    ("get", "/coach/clients/{c}/assessments/{a}/", None),
    ("get", "/coach/clients/{c}/plan/", None),
    ("get", "/coach/clients/{c}/days/2026-06-18/", None),
    ("get", "/coach/clients/{c}/retest/", None),
    ("get", "/coach/clients/{c}/notes/", None),
    ("get", "/coach/clients/{c}/videos/", None),
    ("get", "/coach/clients/{c}/videos/{v}/", None),
    ("get", "/coach/clients/{c}/videos/{v}/files/annotated.mp4", None),
    ("get", "/coach/clients/{c}/videos/{v}/files/angles.png", None),
    ("get", "/coach/clients/{c}/videos/compare/?before={w}&after={v}", None),
    ("get", "/coach/clients/{c}/videos/compare/{w}/{v}/compare.png", None),
    ("get", "/coach/clients/{c}/handout/", None),
    ("get", "/coach/clients/{c}/handout.pdf", None),
    ("get", "/coach/clients/{c}/export.json", None),
    ("get", "/coach/clients/{c}/export-csv.zip", None),
    ("get", "/coach/clients/{c}/fhir.json", None),
    ("post", "/coach/clients/{c}/plan/edits/", {"kind": "note", "note": "Go easy", "weeks": "1"}),
    ("post", "/coach/clients/{c}/plan/edits/{e}/revert/", {}),
    ("post", "/coach/clients/{c}/retest/", {"date": "2026-06-17", "unit": "cm", "left": "8"}),
    ("post", "/coach/clients/{c}/notes/", {"text": "How is it going?"}),
]
API = [
    ("get", "/api/coach/clients/{c}", None),
    ("get", "/api/coach/clients/{c}/plan/edits", None),
    ("get", "/api/coach/clients/{c}/notes", None),
    ("get", "/api/coach/clients/{c}/fhir", None),
    (
        "post",
        "/api/coach/clients/{c}/plan/edits",
        {"kind": "note", "note": "Go easy", "scope": {"from": "2026-06-17", "weeks": [1]}},
    ),
    ("post", "/api/coach/clients/{c}/plan/edits/{e}/revert", {}),
    ("post", "/api/coach/clients/{c}/retests", {"date": "2026-06-17", "left": 8}),
    ("post", "/api/coach/clients/{c}/notes", {"text": "How is it going?"}),
]
OK = {"get": 200, "post": 302}
API_OK = {"get": 200, "post": (200, 201)}


@pytest.fixture
def world(user: Any, plan: Any, finished_analysis: Any) -> dict[str, Any]:
    """Ana shares with Carla; Dario is another coach; Ana has a plan, two videos, one change."""
    from dorsi.services.coaching_plans import plan_edit_apply

    carla, dario = make_coach("carla"), make_coach("dario")
    share(user, carla)
    before, after = finished_analysis(user, "before.mp4"), finished_analysis(user, "after.mp4")
    edit = plan_edit_apply(coach=carla, client=user, document=swap_document(TODAY))
    ids = {
        "c": user.pk,
        "a": user.assessments.first().pk,
        "v": after.pk,
        "w": before.pk,
        "e": edit.id,
    }
    return {"athlete": user, "own": carla, "other": dario, "ids": ids}


def _call(client: Any, method: str, path: str, body: Any, *, api: bool) -> Any:
    if method == "get":
        response = client.get(path)
    elif api:
        response = client.post(path, body, content_type="application/json")
    else:
        response = client.post(path, body)
    if response.streaming:  # a file: reading it to the end closes it
        b"".join(response.streaming_content)
    return response


def _as(client: Any, who: Any) -> Any:
    client.logout()
    if who is not None:
        client.force_login(who)
    return client


@pytest.mark.parametrize(("method", "template", "body"), PAGES)
def test_each_page_answers_the_own_coach_only(
    client: Any, world: dict[str, Any], method: str, template: str, body: Any
) -> None:
    path = template.format(**world["ids"])
    if template.endswith("/revert/"):  # each run needs a change still in force
        PlanEdit.objects.filter(pk=world["ids"]["e"]).update(reverted_at=None)
    assert _call(_as(client, world["athlete"]), method, path, body, api=False).status_code == 404
    assert _call(_as(client, world["other"]), method, path, body, api=False).status_code == 404
    anonymous = _call(_as(client, None), method, path, body, api=False)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert _call(_as(client, world["own"]), method, path, body, api=False).status_code == OK[method]


@pytest.mark.parametrize(("method", "template", "body"), API)
def test_each_api_route_answers_the_own_coach_only(
    client: Any, world: dict[str, Any], method: str, template: str, body: Any
) -> None:
    path = template.format(**world["ids"])
    assert _call(_as(client, world["athlete"]), method, path, body, api=True).status_code == 403
    assert _call(_as(client, world["other"]), method, path, body, api=True).status_code == 404
    assert _call(_as(client, None), method, path, body, api=True).status_code == 401
    own = _call(_as(client, world["own"]), method, path, body, api=True)
    expected = API_OK[method]
    assert own.status_code in (expected if isinstance(expected, tuple) else (expected,))


def test_the_client_list_needs_a_coach(client: Any, world: dict[str, Any]) -> None:
    assert _as(client, world["athlete"]).get("/api/coach/clients").status_code == 403
    assert _as(client, None).get("/api/coach/clients").status_code == 401
    assert _as(client, None).get("/coach/").status_code == 302
    other = _as(client, world["other"]).get("/api/coach/clients").json()
    assert other["clients"] == []
    own = _as(client, world["own"]).get("/api/coach/clients").json()
    assert [row["username"] for row in own["clients"]] == ["ana"]


def test_stopping_sharing_cuts_every_door_at_once(client: Any, world: dict[str, Any]) -> None:
    ids = world["ids"]
    link = CoachLink.objects.get(client=world["athlete"], coach=world["own"])
    _as(client, world["athlete"]).post(f"/coach/links/{link.pk}/revoke/")
    coach = _as(client, world["own"])
    for method, template, body in PAGES:
        response = _call(coach, method, template.format(**ids), body, api=False)
        assert response.status_code == 404, template
    for method, template, body in API:
        response = _call(coach, method, template.format(**ids), body, api=True)
        assert response.status_code == 404, template
    assert coach.get("/api/coach/clients").json()["clients"] == []


def test_every_coach_view_is_in_the_athletes_access_log(client: Any, world: dict[str, Any]) -> None:
    coach = _as(client, world["own"])
    before = CoachAccess.objects.filter(client=world["athlete"]).count()
    for method, template, body in PAGES[:18]:  # the reads
        _call(coach, method, template.format(**world["ids"]), body, api=False)
    logged = CoachAccess.objects.filter(client=world["athlete"]).order_by("id")[before:]
    assert len(logged) == 18
    assert {entry.coach_name for entry in logged} == {"carla"}
    page = _as(client, world["athlete"]).get("/sharing/").content.decode()
    assert "downloaded a clinic record file (FHIR)" in page
    assert "printed your home-program handout" in page
    api = client.get("/api/sharing/access-log").json()
    assert api[0]["coach"] == "carla"


def test_an_athlete_reaches_only_their_own_sharing_routes(
    client: Any, world: dict[str, Any], other_user: Any
) -> None:
    link = CoachLink.objects.get(client=world["athlete"], coach=world["own"])
    outsider = _as(client, other_user)
    assert outsider.get(f"/sharing/{link.pk}/notes/").status_code == 404
    assert outsider.get(f"/api/sharing/{link.pk}/notes").status_code == 404
    assert outsider.delete(f"/api/sharing/{link.pk}").status_code == 404
    assert outsider.post(f"/coach/links/{link.pk}/revoke/").status_code == 404
    assert _as(client, None).get("/sharing/").status_code == 302
    assert _as(client, None).get("/api/sharing").status_code == 401
    owner = _as(client, world["athlete"])
    assert owner.get(f"/sharing/{link.pk}/notes/").status_code == 200
    assert owner.get(f"/api/sharing/{link.pk}/notes").status_code == 200
    assert owner.delete(f"/api/sharing/{link.pk}").status_code == 204
    assert not CoachLink.objects.filter(pk=link.pk).exists()


TOP_LEVEL = [
    ("get", "/sharing/"),
    ("post", "/sharing/code/"),
    ("post", "/sharing/accept/"),
    ("get", "/sharing/1/notes/"),
    ("get", "/join/ABCDEFGHJK/"),
    ("post", "/accounts/role/"),
    ("get", "/coach/"),
    ("post", "/coach/invite/"),
    ("post", "/coach/accept/"),
    ("post", "/coach/links/1/revoke/"),
]
TOP_LEVEL_API = [
    ("get", "/api/coach/clients"),
    ("get", "/api/sharing"),
    ("get", "/api/sharing/access-log"),
    ("post", "/api/sharing/accept"),
    ("delete", "/api/sharing/1"),
    ("get", "/api/sharing/1/notes"),
    ("post", "/api/sharing/1/notes"),
]


@pytest.mark.parametrize(("method", "path"), TOP_LEVEL)
def test_anonymous_visitors_are_sent_to_log_in(client: Any, method: str, path: str) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("method", "path"), TOP_LEVEL_API)
def test_anonymous_api_calls_are_refused(client: Any, method: str, path: str) -> None:
    assert getattr(client, method)(path, content_type="application/json").status_code == 401


def test_an_athlete_cannot_invite_athletes_nor_follow_anyone(client: Any, user: Any) -> None:
    client.force_login(user)
    assert "only a coach" in client.post("/coach/invite/", follow=True).content.decode()
    assert not CoachLink.objects.filter(coach=user).exists()
    assert client.get("/coach/")["Location"] == "/sharing/"
