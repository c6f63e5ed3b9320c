"""Rate limits on the edges people can hammer: failed logins per account and per address,
reset emails, sign-ups. Counts live in the shared cache (the database's by default)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection

from dorsi.web.limits import LOGIN_PER_ACCOUNT, SIGNUP_PER_ADDRESS
from tests.django_support import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Any, username: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_after_five_wrong_passwords_even_the_right_one_waits(client, user, fixed_clock) -> None:
    for _ in range(LOGIN_PER_ACCOUNT.count):
        assert _login(client, "ana", "wrong-password").status_code == 200
    blocked = _login(client, "ana", PASSWORD)
    assert blocked.status_code == 429
    assert "Too many attempts. Wait 15 minutes and try again." in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    fixed_clock.shift(timedelta(minutes=16))
    assert _login(client, "ana", PASSWORD).status_code == 302


def test_the_account_limit_holds_from_another_address_too(client, user) -> None:
    for n in range(LOGIN_PER_ACCOUNT.count):
        _login(client, "ana", "wrong-password", address=f"10.0.1.{n}")
    assert _login(client, "ana", PASSWORD, address="10.9.9.9").status_code == 429


def test_one_address_trying_many_accounts_is_stopped(client, user) -> None:
    for n in range(20):
        _login(client, f"someone{n}", "guess")
    assert _login(client, "ana", PASSWORD).status_code == 429
    assert _login(client, "ana", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_successful_login_does_not_count(client, user) -> None:
    for _ in range(LOGIN_PER_ACCOUNT.count + 2):
        assert _login(client, "ana", PASSWORD).status_code == 302
        client.logout()


def test_reset_emails_to_one_address_are_limited(client, user, mailoutbox) -> None:
    user.email = "ana@example.org"
    user.save()
    answers = [
        client.post("/accounts/password/reset/", {"email": "ana@example.org"}).status_code
        for _ in range(5)
    ]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3


def test_sign_ups_from_one_address_are_limited(client) -> None:
    for n in range(SIGNUP_PER_ADDRESS.count):
        client.post("/accounts/signup/", {"username": f"a{n}"}, REMOTE_ADDR="10.1.1.1")
    page = client.post("/accounts/signup/", {"username": "late"}, REMOTE_ADDR="10.1.1.1")
    assert page.status_code == 429
    assert "Too many attempts. Wait 60 minutes" in page.content.decode()


def test_the_counts_live_in_the_shared_database_cache(client, user) -> None:
    _login(client, "ana", "wrong-password")
    assert type(caches["default"]).__name__ == "DatabaseCache"
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM dorsi_cache")
        assert cursor.fetchone()[0] >= 2  # one counter per account, one per address


def test_redis_is_the_shared_cache_when_configured(monkeypatch) -> None:
    from dorsi.web import settings

    monkeypatch.setenv("DORSI_REDIS_URL", "redis://127.0.0.1:6379/5")
    caches = settings._caches()
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/5"
