"""Forms that forgive: a decimal comma, every field error at once in words, Back keeps values."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import WIZARD_ANSWERS


def _through_safety(client) -> None:
    client.get("/assessment/new/?restart=1")
    client.post("/assessment/new/safety/", {"red_flags": []})


def _knee_to_wall(**values: str) -> dict[str, str]:
    return dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-06-17") | values


def test_decimal_comma_is_a_decimal_point_never_a_thousands_comma(ana) -> None:
    _through_safety(ana)
    response = ana.post(
        "/assessment/new/knee_to_wall/", _knee_to_wall(**{"knee_to_wall__left": "7,5"})
    )
    assert response.status_code == 302
    page = ana.get("/assessment/new/knee_to_wall/").content.decode()
    assert re.search(r'name="knee_to_wall__left"[^>]*value="7.5"', page)


def test_every_field_error_shows_at_once(ana) -> None:
    _through_safety(ana)
    data = _knee_to_wall(**{"knee_to_wall__left": "-2", "knee_to_wall__right": "40"})
    errors = ana.post("/assessment/new/knee_to_wall/", data).context["form"].errors
    assert "knee_to_wall__left" in errors
    assert "knee_to_wall__right" in errors


def test_an_empty_submit_says_what_is_missing_in_words_without_keys(ana) -> None:
    _through_safety(ana)
    data = _knee_to_wall(**{"knee_to_wall__left": "", "knee_to_wall__right": ""})
    page = ana.post("/assessment/new/knee_to_wall/", data).content.decode()
    assert "knee_to_wall" not in re.sub(r'[a-z-]+="[^"]*"', "", page)
    assert "needs a value" in page or "Give" in page


def test_back_to_a_saved_step_shows_the_saved_values(ana) -> None:
    _through_safety(ana)
    ana.post("/assessment/new/knee_to_wall/", _knee_to_wall(**{"knee_to_wall__left": "8.5"}))
    page = ana.get("/assessment/new/knee_to_wall/").content.decode()
    assert re.search(r'name="knee_to_wall__left"[^>]*value="8.5"', page)


# Every number a person types is a text input: "7,5" reaches the server as typed ---------------


def test_whole_number_field_reads_a_comma_zero_and_refuses_a_fraction_in_words() -> None:
    from django import forms as django_forms

    from dorsi.web.forms import WholeNumberField

    field = WholeNumberField(label="Reps", min_value=1)
    assert field.clean("8") == 8
    assert field.clean(" 8,0 ") == 8
    assert field.clean("12.0") == 12
    for typed, words in (
        ("7,5", "Type a whole number here, such as 7 or 8 (not 7,5)."),
        ("7.5", "Type a whole number here, such as 7 or 8 (not 7.5)."),
        ("seven", "Type a whole number, such as 8."),
    ):
        with pytest.raises(django_forms.ValidationError) as refused:
            field.clean(typed)
        assert refused.value.messages == [words]
    assert 'inputmode="numeric"' in str(field.widget.render("reps", ""))
    assert 'type="text"' in str(field.widget.render("reps", ""))


def test_the_session_log_reads_minutes_with_a_decimal_comma(ana, user, plan) -> None:
    from dorsi.db.models import SessionLog

    today = "2026-06-17"
    page = ana.get(f"/session/{today}/").content.decode()
    assert re.search(r'<input type="text" name="minutes"[^>]*inputmode="decimal"', page)
    response = ana.post(
        f"/session/{today}/",
        {"status": "done", "minutes": "7,5", "pain": "0", "pain_type": "none", "exercise": ""},
    )
    assert response.status_code == 302
    assert SessionLog.objects.get(user=user).minutes == 7.5


def test_the_questionnaires_whole_numbers_refuse_a_fraction_in_words(ana) -> None:
    _through_safety(ana)
    ana.post("/assessment/new/knee_to_wall/", _knee_to_wall())
    about = dict(WIZARD_ANSWERS["about"] or {}) | {"profile__sprains__left": "1,5"}
    response = ana.post("/assessment/new/about/", about)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["profile__sprains__left"] == [
        "Type a whole number here, such as 1 or 2 (not 1,5)."
    ]
    page = ana.get("/assessment/new/about/").content.decode()
    assert 'type="number"' not in page


def test_the_video_height_and_the_phone_angles_take_a_decimal_comma(ana) -> None:
    from dorsi.web.views.measure import PhoneAnglesForm
    from dorsi.web.views.videos import VideoUploadForm

    assert VideoUploadForm().fields["height_cm"].clean("178,5") == 178.5
    assert PhoneAnglesForm().fields["left"].clean("34,5") == 34.5
    assert 'type="number"' not in ana.get("/videos/").content.decode()
    assert 'type="number"' not in ana.get("/measure/lunge-angle/").content.decode()
