"""Coaches see, read-only, only the clients who invited them; revoking ends it (404)."""

from __future__ import annotations

import pytest

from dorsi.db.models import CoachLink
from tests.django_support import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(db):
    return make_user("coach")


def _invite(client, who) -> str:
    client.force_login(who)
    client.post("/coach/invite/")
    return CoachLink.objects.filter(client=who).latest("created_at").code


def test_invite_accept_and_read_the_client(client, user, plan, coach) -> None:
    code = _invite(client, user)
    client.force_login(coach)
    client.post("/coach/accept/", {"code": code.lower()})
    assert [link.client for link in client.get("/coach/").context["clients"]] == [user]
    page = client.get(f"/coach/clients/{user.pk}/")
    assert page.status_code == 200
    assert "read-only" in page.content.decode()
    assert "Significant restriction" in page.content.decode()


def test_a_code_works_once(client, user, coach, other_user) -> None:
    code = _invite(client, user)
    client.force_login(coach)
    client.post("/coach/accept/", {"code": code})
    client.force_login(other_user)
    response = client.post("/coach/accept/", {"code": code}, follow=True)
    assert "unknown or already used" in response.content.decode()
    assert client.get(f"/coach/clients/{user.pk}/").status_code == 404


def test_own_code_is_refused(client, user) -> None:
    code = _invite(client, user)
    response = client.post("/coach/accept/", {"code": code}, follow=True)
    assert "your own invitation" in response.content.decode()


def test_a_coach_cannot_see_someone_who_did_not_invite_them(
    client, coach, other_user, assessment
) -> None:
    client.force_login(coach)
    assert client.get(f"/coach/clients/{other_user.pk}/").status_code == 404


def test_revoking_ends_access(client, user, plan, coach) -> None:
    code = _invite(client, user)
    client.force_login(coach)
    client.post("/coach/accept/", {"code": code})
    link = CoachLink.objects.get(code=code)
    client.force_login(user)
    client.post(f"/coach/links/{link.pk}/revoke/")
    client.force_login(coach)
    assert client.get(f"/coach/clients/{user.pk}/").status_code == 404


def test_nobody_else_can_revoke_a_link(client, user, coach, other_user) -> None:
    code = _invite(client, user)
    link = CoachLink.objects.get(code=code)
    client.force_login(other_user)
    assert client.post(f"/coach/links/{link.pk}/revoke/").status_code == 404
    assert CoachLink.objects.filter(pk=link.pk).exists()


def test_a_coach_has_no_access_to_the_clients_own_pages(client, user, plan, coach) -> None:
    code = _invite(client, user)
    client.force_login(coach)
    client.post("/coach/accept/", {"code": code})
    assessment = user.assessments.first()
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 404
    assert client.get(f"/api/assessments/{assessment.pk}").status_code == 404
