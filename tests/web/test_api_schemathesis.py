"""Schemathesis against the live OpenAPI schema of /api/ (in process, bounded examples): no
server error and every answer within the schema — status, content type and body — for an
athlete with data."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

import tests.django_support  # noqa: F401  (Django first: the schema is read from the app)
from dorsi.web.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
# Negative examples are generated and sent (and must not be a server error), but the
# "negative data rejected" check is left out: it would count a request "missing" the session
# cookie as accepted, while every request here carries the athlete's session.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def athlete(client: Any, user: Any, plan: Any) -> Any:
    """A logged-in athlete with an assessment and a plan: the session cookie and CSRF token.

    The real WSGI handler closes a connection that is inside a transaction at the start of
    each request; the test's transaction needs it open, so that signal is off meanwhile (what
    Django's test Client does around its own requests)."""
    from django.core import signals
    from django.db import close_old_connections

    client.force_login(user)
    client.get("/accounts/profile/")
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"cookies": cookies, "headers": {"X-CSRFToken": cookies.get("csrftoken", "")}}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_within_its_schema(case: Any, athlete: Any) -> None:
    case.call_and_validate(checks=CHECKS, **athlete)
