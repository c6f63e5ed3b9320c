"""Sign-up, login, logout, password reset (through the task queue), profile, deletion."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from dorsi.db.models import Profile
from tests.django_support import PASSWORD

pytestmark = pytest.mark.django_db


def test_landing_page_invites_to_sign_up(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert b"Create a free account" in response.content
    assert b"/static/vendor/pico/pico.min.css" in response.content
    assert b"/static/vendor/htmx/htmx.min.js" in response.content


def test_vendored_static_files_are_served_without_a_cdn(client) -> None:
    response = client.get("/static/vendor/htmx/htmx.min.js")
    assert response.status_code == 200
    assert b"htmx" in b"".join(response.streaming_content)


def test_signup_logs_in_and_starts_the_assessment(client) -> None:
    response = client.post(
        "/accounts/signup/", {"username": "dana", "email": "dana@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/assessment/new/"
    user = get_user_model().objects.get(username="dana")
    assert user.password.startswith("argon2$")
    assert client.get("/").context["user"] == user


def test_signup_with_a_weak_password_shows_the_reason(client) -> None:
    response = client.post("/accounts/signup/", {"username": "dana", "password": "12345678"})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="dana").exists()


def test_login_and_logout(client, user) -> None:
    response = client.post("/accounts/login/", {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_password_reset_email_goes_through_the_task_and_the_link_works(client, user) -> None:
    response = client.post("/accounts/password/reset/", {"email": "ana@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body
    ).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "new-calf-pass-99", "new_password2": "new-calf-pass-99"},
    )
    assert done.status_code == 302
    assert client.login(username="ana", password="new-calf-pass-99")


def test_profile_form_saves_and_shows_core_range_errors(ana, user) -> None:
    data = {
        "units": "in",
        "profile__age": "41",
        "profile__height_cm": "180",
        "profile__sports": ["running"],
        "profile__sprains__left": "1",
        "profile__sprains__right": "0",
        "profile__equipment": ["band"],
        "profile__training_days": ["tue"],
        "profile__minutes_per_day": "8",
        "profile__desk_job": "no",
        "profile__shoe_drop_mm": "",
    }
    assert ana.post("/accounts/profile/", data).status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.units, profile.age, profile.minutes_per_day, profile.desk_job) == (
        "in",
        41,
        8,
        False,
    )
    response = ana.post("/accounts/profile/", data | {"profile__minutes_per_day": "3"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "3\u00a0min is outside the valid range 5 to 60\u00a0min" in page
    assert page.index("Minutes per day for ankle work") < page.index("outside the valid range")


def test_the_profile_page_asks_the_wizards_about_you_questions(ana, user) -> None:
    from dorsi.core.assessment.questionnaire import ABOUT

    ana.post(
        "/accounts/profile/",
        {"units": "cm", "profile__age": "41", "profile__sports": ["running"]},
    )
    page = ana.get("/accounts/profile/").content.decode()
    ana.get("/assessment/new/?restart=1")
    ana.post("/assessment/new/safety/", {"red_flags": []})
    ana.post(
        "/assessment/new/knee_to_wall/",
        {
            "date": "2026-01-05",
            "knee_to_wall__variant": "standing",
            "knee_to_wall__unit": "cm",
            "knee_to_wall__left": "9",
        },
    )
    wizard = ana.get("/assessment/new/about/").content.decode()
    for question in ABOUT.questions:
        assert question.label in page, question.label
        assert question.label in wizard, question.label
    assert 'value="41"' in page
    assert 'value="41"' in wizard  # the wizard starts from the stored profile
    assert "Distance unit" in page


def test_account_delete_needs_confirmation_then_removes_everything(ana, user, assessment) -> None:
    response = ana.post("/accounts/delete/", {"confirm": "on", "username": "wrong"})
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=user.pk).exists()
    response = ana.post("/accounts/delete/", {"confirm": "on", "username": "ana"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()


def test_pages_need_login(client) -> None:
    for url in (
        "/plan/",
        "/progress/",
        "/retest/",
        "/data/",
        "/assessment/new/",
        "/calendar/",
        "/accounts/profile/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")


def test_production_settings_hash_with_argon2_first() -> None:
    import dorsi.web.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
