"""The phone inclinometer page: what it shows, and the angles it hands to the wizard."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.web.conftest import WIZARD_ANSWERS

pytestmark = pytest.mark.django_db

PAGE = "/measure/lunge-angle/"


def _to_the_angle_step(client) -> None:
    client.get("/assessment/new/?restart=1")
    for step in ("safety", "knee_to_wall", "about"):
        data = dict(WIZARD_ANSWERS[step] or {})
        if "date" in data:
            data["date"] = timezone.localdate().isoformat()
        assert client.post(f"/assessment/new/{step}/", data | {"action": "next"}).status_code == 302


def test_the_page_draws_the_phone_on_the_shin_and_loads_its_script_without_inline_code(ana) -> None:
    page = ana.get(PAGE).content.decode()
    assert "Where to hold the phone for the lunge angle" in page
    assert "dorsi/inclinometer.js" in page
    assert 'data-window-s="1.0"' in page
    assert "make run HTTPS=1" in page  # what to do over plain http
    assert "<script>" not in page
    assert "onclick" not in page
    assert 'style="' not in page


def test_the_page_needs_an_account(client) -> None:
    assert client.get(PAGE).status_code == 302


def test_phone_angles_fill_in_the_wizard_angle_step_and_are_forgotten_once_saved(ana) -> None:
    _to_the_angle_step(ana)
    response = ana.post(PAGE, {"left": "34.46", "right": "38"}, follow=True)
    assert response.redirect_chain[-1][0] == "/assessment/new/angles/"
    page = response.content.decode()
    assert "filled in below" in page
    assert 'name="wb_angle_deg__left" value="34.5"' in page
    assert 'name="wb_angle_deg__right" value="38.0"' in page
    saved = ana.post(
        "/assessment/new/angles/",
        {"wb_angle_deg__left": "34.5", "wb_angle_deg__right": "38", "action": "next"},
    )
    assert saved.status_code == 302
    assert "phone_angles" not in ana.session


def test_phone_angles_wait_for_the_angle_step_when_the_wizard_is_not_there_yet(ana) -> None:
    response = ana.post(PAGE, {"left": "30"}, follow=True)
    assert "when you reach the Angles step" in response.content.decode()
    _to_the_angle_step(ana)
    assert (
        'name="wb_angle_deg__left" value="30.0"'
        in ana.get("/assessment/new/angles/").content.decode()
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "at least one side"),
        ({"left": "95"}, "less than or equal to 70"),
        ({"right": "-25"}, "greater than or equal to -20"),
    ],
)
def test_phone_angles_outside_the_valid_range_or_missing_are_refused(ana, data, message) -> None:
    response = ana.post(PAGE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "phone_angles" not in ana.session


def test_the_angle_step_and_the_test_page_link_to_the_phone_page(ana) -> None:
    _to_the_angle_step(ana)
    assert PAGE in ana.get("/assessment/new/angles/").content.decode()
    assert PAGE in ana.get("/tests/wb_angle/").content.decode()


def test_an_unknown_guide_drawing_is_a_template_error() -> None:
    from django.template import TemplateSyntaxError

    from dorsi.web.templatetags.dorsi_tags import guide

    assert "How to film for the video analysis" in guide("filming")
    with pytest.raises(TemplateSyntaxError, match="no guide"):
        guide("selfie")


def test_skipping_the_angle_step_forgets_the_phone_angles(ana) -> None:
    _to_the_angle_step(ana)
    ana.post(PAGE, {"left": "30"})
    assert ana.post("/assessment/new/angles/", {"action": "skip"}).status_code == 302
    assert "phone_angles" not in ana.session
