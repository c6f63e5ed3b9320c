"""View tests: Django's test client against a real database (SQLite or DATABASE_URL)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.django_support import (  # noqa: F401 (fixtures)
    PASSWORD,
    assessment_fixture,
    other_user_fixture,
    plan_fixture,
    user_fixture,
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
