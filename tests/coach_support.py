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


def edit_documents(today: date) -> dict[str, dict[str, Any]]:
    """One dorsi.plan-edit/v1 change of each kind, all from ``today`` over week 1."""
    scope = {"from": today.isoformat(), "weeks": [1], "dates": []}
    base = {"schema": "dorsi.plan-edit/v1", "scope": scope}
    return {
        "swap": swap_document(today),
        "dose": base
        | {"kind": "dose", "exercise": "knee-to-wall-circles", "dose": {"sets": 1, "reps": 5}},
        "add": base | {"kind": "add", "exercise": "ankle-cars", "side": "both"},
        "remove": base | {"kind": "remove", "exercise": "knee-to-wall-circles"},
        "minutes": {
            "schema": "dorsi.plan-edit/v1",
            "kind": "minutes",
            "minutes_per_day": 12,
            "from": today.isoformat(),
        },
        "note": base | {"kind": "note", "note": "Easy week"},
    }


def put_in_maintenance(athlete: Any) -> None:
    """The athlete's active plan in maintenance mode, as the switch leaves it (for pages and
    the API, whose clock cannot reach week 9 of a plan started on the fixed day)."""
    from dorsi.db.models import Plan

    Plan.objects.filter(user=athlete, is_active=True).update(
        mode="maintenance", maintenance_since=date(2026, 6, 17)
    )
