"""Builders shared by the coach tests (services, web, API, end to end). No tests live here."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.django_support import make_user


def make_coach(username: str = "carla") -> Any:
    from dorsi.services.coaching import role_set

    coach = make_user(username)
    role_set(user=coach, role="coach")
    return coach


def share(athlete: Any, coach: Any) -> Any:
    """The athlete shares with the coach (the coach's invitation, accepted by the athlete)."""
    from dorsi.services.coaching import client_invite_accept, client_invite_create

    return client_invite_accept(client=athlete, code=client_invite_create(coach=coach).code)


def log(athlete: Any, when: date, **fields: Any) -> Any:
    from dorsi.services.session_details import session_log

    values = {"status": "done", "minutes": 10} | fields
    return session_log(user=athlete, when=when, today=max(when, date(2026, 6, 17)), **values)


def swap_document(today: date, **changes: Any) -> dict[str, Any]:
    """Swap the knee-to-wall circles for ankle CARs from today, over the rest of week 1."""
    return {
        "schema": "dorsi.plan-edit/v1",
        "kind": "swap",
        "exercise": "knee-to-wall-circles",
        "replacement": "ankle-cars",
        "scope": {"from": today.isoformat(), "weeks": [1], "dates": []},
        # one set: sessions use their whole budget, so the swap must fit in the circles' time
        "dose": {"sets": 1, "reps": 5},
        "note": "Circles pinch: try these instead",
    } | changes
