"""Logging a session with what the athlete adds for their coach: swelling or heat after
training, how each exercise felt, and a note. The log itself is ``tracking.session_record``'s
(the core's checks and the pain rule); the details are checked by the core and stored with it
in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from dorsi.core.coaching.session_details import parse_session_details
from dorsi.core.codes import PainType
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.db.models import SessionLog, SessionLogKey
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


IDEMPOTENCY_KEY_MAX = 64


def session_log_once(
    *, user: User, key: str, when: date, **fields: Any
) -> tuple[SessionLog | None, bool]:
    """:func:`session_log` at most once per ``key`` (an Idempotency-Key from the phone): the
    first request logs and stores the key in the same transaction; a replay logs nothing and
    answers the first result (the log of the day the key was first sent for), flagged True.
    The key's unique constraint settles two copies racing each other."""
    key = key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX or not key.isprintable():
        raise ValidationError("idempotency_key", "must be 1 to 64 printable characters")
    first = SessionLogKey.objects.filter(user=user, key=key).first()
    if first is not None:
        return SessionLog.objects.filter(user=user, date=first.date).first(), True
    try:
        with transaction.atomic():
            SessionLogKey.objects.create(user=user, key=key, date=when)
            return session_log(user=user, when=when, **fields), False
    except IntegrityError:  # the same key arrived twice at once: the other one logged
        first = SessionLogKey.objects.filter(user=user, key=key).first()
        if first is None:  # the integrity error was not the key's: let it surface
            raise
        return SessionLog.objects.filter(user=user, date=first.date).first(), True
