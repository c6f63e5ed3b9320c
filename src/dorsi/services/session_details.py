"""Logging a session with what the athlete adds for their coach: swelling or heat after
training, how each exercise felt, and a note. The log itself is ``tracking.session_record``'s
(the core's checks and the pain rule); the details are checked by the core and stored with it
in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from dorsi.core.coaching.session_details import parse_session_details
from dorsi.core.codes import PainType
from dorsi.core.library.exercises import load_library
from dorsi.db.models import SessionLog
from dorsi.services.plans import plan_refresh
from dorsi.services.tracking import session_record


def session_log(
    *,
    user: User,
    when: date,
    status: str,
    minutes: float = 0,
    pain: float = 0,
    pain_type: str = PainType.NONE.value,
    exercise: str | None = None,
    swelling: bool = False,
    efforts: Iterable[tuple[str, str]] = (),
    note: str = "",
    today: date | None = None,
) -> SessionLog:
    details = parse_session_details(
        swelling=swelling, efforts=efforts, note=note, exercise_ids=frozenset(load_library().ids)
    )
    with transaction.atomic():
        row = session_record(
            user=user,
            when=when,
            status=status,
            minutes=minutes,
            pain=pain,
            pain_type=pain_type,
            exercise=exercise,
            today=today,
        )
        row.swelling = details.swelling
        row.efforts = details.efforts_document()
        row.note = details.note
        row.save(update_fields=["swelling", "efforts", "note"])
        if details.swelling or row.efforts:
            # the step-back rule and effort feedback act on the plan from the next session
            plan_refresh(user=user)
    return row
