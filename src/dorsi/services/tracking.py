"""Daily tracking: recording a session or a retest, and what the plan does about it.

Each entry is checked on its own by the core's fragment parsers (``parse_session``,
``parse_retest``), so the web form, the API and the CLI refuse exactly the same input as a
dorsi.log/v1 document would. Progress computed from the entries is ``dorsi.services.progress``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from dorsi.core.codes import PainType
from dorsi.core.errors import ValidationError
from dorsi.core.progress.log import Retest as CoreRetest
from dorsi.core.progress.log import parse_retest, parse_session
from dorsi.core.thresholds import WB_ANGLE_RANGE, round_deg
from dorsi.db.convert import retest_from_core, session_from_core
from dorsi.db.models import AngleRetest, Retest, SessionLog
from dorsi.services.assessments import assessment_input
from dorsi.services.common import exercise_check, today_or
from dorsi.services.plans import plan_check_fallback, plan_refresh
from dorsi.services.progress import log_baseline


def session_record(
    *,
    user: User,
    when: date,
    status: str,
    minutes: float = 0,
    pain: float = 0,
    pain_type: str = PainType.NONE.value,
    exercise: str | None = None,
    today: date | None = None,
) -> SessionLog:
    """Log (or re-log) the session of one day. Sharp or pinching pain on an exercise makes the
    plan swap it for its regression from the next session on (the core's pain rule)."""
    entry: dict[str, Any] = {
        "date": when.isoformat(),
        "status": status,
        "minutes": minutes,
        "pain": pain,
        "pain_type": pain_type,
    }
    if exercise:
        entry["exercise"] = exercise
    core = parse_session(entry, today=today_or(today))
    exercise_check(core.exercise)
    with transaction.atomic():
        row = SessionLog.objects.select_for_update().filter(user=user, date=core.when).first()
        row = session_from_core(row or SessionLog(user=user), core)
        row.save()
        if core.sharp_or_pinching and core.exercise:
            plan_refresh(user=user)
    return row


def retest_record(
    *,
    user: User,
    when: date,
    left: float | None,
    right: float | None,
    unit: str = "cm",
    today: date | None = None,
) -> Retest:
    """Record a knee-to-wall retest (one per day; entering the same day again replaces it)."""
    baseline = log_baseline(user)
    if baseline is None:
        raise ValidationError("date", "take the assessment first: a retest is compared with it")
    assessment, plan_start = baseline
    inp = assessment_input(assessment)
    core = parse_retest(
        {"date": when.isoformat(), "unit": unit, "left": left, "right": right},
        variant=inp.variant,
        default_unit=inp.unit,
        baseline=inp.date or plan_start,
        today=today_or(today),
    )
    try:
        return _retest_save(user, core)
    except IntegrityError:
        # Another request inserted this day's retest between our read and our insert (two
        # taps, two devices): it exists now, so this write becomes an update of it.
        return _retest_save(user, core)


def _retest_save(user: User, core: CoreRetest) -> Retest:
    with transaction.atomic():
        row = Retest.objects.select_for_update().filter(user=user, date=core.when).first()
        row = retest_from_core(row or Retest(user=user), core)
        row.save()
        plan_check_fallback(user=user)
    return row


def angle_retest_record(
    *, user: User, when: date, left: float | None, right: float | None, today: date | None = None
) -> AngleRetest:
    """Record a lunge (shin) angle retest, one per day: a side given again that day replaces
    that side's angle, the other side is kept (a video measures one leg at a time)."""
    angle_retest_check(when=when, left=left, right=right, today=today)
    try:
        return _angle_retest_save(user, when, left, right)
    except IntegrityError:  # inserted by a concurrent request meanwhile: update it instead
        return _angle_retest_save(user, when, left, right)


def angle_retest_check(
    *,
    when: date,
    left: float | None,
    right: float | None,
    today: date | None = None,
    fields: tuple[str, str, str] = ("left", "right", "angle"),
) -> None:
    """The rules of an angle retest (also for one read from an export): not in the future, one
    side at least, each in the lunge angle's valid range. ``fields`` names the left, right and
    whole entry in the messages."""
    if when > today_or(today):
        raise ValidationError("date", "cannot be in the future")
    if left is None and right is None:
        raise ValidationError(fields[2], "give the angle of at least one side")
    for field, value in zip(fields[:2], (left, right), strict=True):
        if value is not None and not WB_ANGLE_RANGE.contains(value):
            raise ValidationError(
                field, f"must be between {WB_ANGLE_RANGE.low:g} and {WB_ANGLE_RANGE.high:g}°"
            )


def _angle_retest_save(
    user: User, when: date, left: float | None, right: float | None
) -> AngleRetest:
    with transaction.atomic():
        row = AngleRetest.objects.select_for_update().filter(user=user, date=when).first()
        row = row or AngleRetest(user=user, date=when)
        if left is not None:
            row.left_deg = round_deg(left)
        if right is not None:
            row.right_deg = round_deg(right)
        row.save()
    return row


# Selectors ---------------------------------------------------------------------------------


def angle_retest_list(*, user: User) -> QuerySet[AngleRetest]:
    return AngleRetest.objects.filter(user=user)


def session_list(*, user: User) -> QuerySet[SessionLog]:
    return SessionLog.objects.filter(user=user)


def session_get(*, user: User, when: date) -> SessionLog | None:
    return SessionLog.objects.filter(user=user, date=when).first()


def retest_list(*, user: User) -> QuerySet[Retest]:
    return Retest.objects.filter(user=user)


def retest_get(*, user: User, retest_id: int) -> Retest:
    return Retest.objects.get(user=user, pk=retest_id)


def retest_delete(*, user: User, retest_id: int) -> None:
    retest_get(user=user, retest_id=retest_id).delete()
