"""Daily tracking: session logs, retests, and the progress computed from them (SPEC §5).

Validation is the core's: each entry is checked by ``parse_log`` inside a minimal
dorsi.log/v1 document, so the web form, the API and the CLI refuse exactly the same input.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.codes import PainType
from dorsi.core.errors import ValidationError
from dorsi.core.progress.document import progress_to_document
from dorsi.core.progress.engine import Progress, compute_progress
from dorsi.core.progress.log import LOG_SCHEMA, Log, log_to_document, parse_log
from dorsi.db.convert import (
    RETEST_FIELDS,
    SESSION_FIELDS,
    retest_from_core,
    retest_from_values,
    session_from_core,
    session_from_values,
)
from dorsi.db.models import Assessment, Plan, Retest, SessionLog
from dorsi.services.common import strip_prefix, today_or

_PROBE_ASSESSMENT = {"knee_to_wall": {"left": 10.0}}


def _baseline(user: AbstractBaseUser) -> tuple[Assessment, date] | None:
    """The baseline of the progress log: the active plan's assessment and start date,
    else the latest assessment (starting on its own date)."""
    plan = (
        Plan.objects.filter(user=user, is_active=True)
        .select_related("assessment")
        .defer("document")
        .first()
    )
    if plan is not None:
        return plan.assessment, plan.start
    latest = Assessment.objects.filter(user=user).first()
    return None if latest is None else (latest, latest.date)


def _check_entry(
    kind: str, entry: dict[str, Any], *, assessment: dict[str, Any], plan_start: date, today: date
) -> Log:
    document = {
        "schema": LOG_SCHEMA,
        "assessment": assessment,
        "plan_start": min(plan_start, today).isoformat(),
        "today": today.isoformat(),
        kind: [entry],
    }
    try:
        return parse_log(document)
    except ValidationError as error:
        raise strip_prefix(error, f"{kind}[0]") from None


def _check_exercise(exercise_id: str | None) -> None:
    if not exercise_id:
        return
    from dorsi.core.library.exercises import load_library

    if exercise_id not in load_library().ids:
        raise ValidationError("exercise", f"{exercise_id!r} is not an exercise of the library")


def session_record(
    *,
    user: AbstractBaseUser,
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
    day = today_or(today)
    entry: dict[str, Any] = {
        "date": when.isoformat(),
        "status": status,
        "minutes": minutes,
        "pain": pain,
        "pain_type": pain_type,
    }
    if exercise:
        entry["exercise"] = exercise
    log = _check_entry("sessions", entry, assessment=_PROBE_ASSESSMENT, plan_start=when, today=day)
    core = log.sessions[0]
    _check_exercise(core.exercise)
    with transaction.atomic():
        row = SessionLog.objects.select_for_update().filter(user=user, date=core.when).first()
        row = session_from_core(row or SessionLog(user=user), core)
        row.save()
        if core.sharp_or_pinching and core.exercise:
            from dorsi.services.plans import plan_refresh

            plan_refresh(user=user)
    return row


def retest_record(
    *,
    user: AbstractBaseUser,
    when: date,
    left: float | None,
    right: float | None,
    unit: str = "cm",
    today: date | None = None,
) -> Retest:
    """Record a knee-to-wall retest (one per day; entering the same day again replaces it)."""
    day = today_or(today)
    baseline = _baseline(user)
    if baseline is None:
        raise ValidationError("date", "take the assessment first: a retest is compared with it")
    assessment, plan_start = baseline
    entry = {"date": when.isoformat(), "unit": unit, "left": left, "right": right}
    log = _check_entry(
        "retests", entry, assessment=assessment.input, plan_start=plan_start, today=day
    )
    core = log.retests[0]
    with transaction.atomic():
        row = Retest.objects.select_for_update().filter(user=user, date=core.when).first()
        row = retest_from_core(row or Retest(user=user), core)
        row.save()
        from dorsi.services.plans import plan_check_fallback  # plans imports this module

        plan_check_fallback(user=user)
    return row


def session_list(*, user: AbstractBaseUser) -> QuerySet[SessionLog]:
    return SessionLog.objects.filter(user=user)


def session_get(*, user: AbstractBaseUser, when: date) -> SessionLog | None:
    return SessionLog.objects.filter(user=user, date=when).first()


def retest_list(*, user: AbstractBaseUser) -> QuerySet[Retest]:
    return Retest.objects.filter(user=user)


def retest_get(*, user: AbstractBaseUser, retest_id: int) -> Retest:
    return Retest.objects.get(user=user, pk=retest_id)


def retest_delete(*, user: AbstractBaseUser, retest_id: int) -> None:
    retest_get(user=user, retest_id=retest_id).delete()


def session_delete(*, user: AbstractBaseUser, session_id: int) -> None:
    SessionLog.objects.get(user=user, pk=session_id).delete()


def log_build(*, user: AbstractBaseUser, today: date | None = None) -> Log | None:
    """The user's dorsi.log/v1 as core values, or None before the first assessment.

    Rows were validated when written, so they are converted directly (no re-parsing); retests
    older than the current baseline belong to an earlier assessment and are left out."""
    baseline = _baseline(user)
    if baseline is None:
        return None
    assessment, plan_start = baseline
    day = max(today_or(today), plan_start)
    inp = parse_assessment(assessment.input)
    first = inp.date or plan_start
    retests = (
        Retest.objects.filter(user=user, date__gte=first, date__lte=day)
        .order_by("date")
        .values_list(*RETEST_FIELDS)
    )
    sessions = (
        SessionLog.objects.filter(user=user, date__lte=day)
        .order_by("date")
        .values_list(*SESSION_FIELDS)
    )
    return Log(
        assessment=inp,
        plan_start=plan_start,
        today=day,
        retests=tuple(retest_from_values(*row) for row in retests),
        sessions=tuple(session_from_values(*row) for row in sessions),
    )


def log_document(*, user: AbstractBaseUser, today: date | None = None) -> dict[str, Any] | None:
    log = log_build(user=user, today=today)
    return None if log is None else log_to_document(log)


def progress_get(*, user: AbstractBaseUser, today: date | None = None) -> Progress | None:
    log = log_build(user=user, today=today)
    return None if log is None else compute_progress(log)


def progress_document(
    *, user: AbstractBaseUser, today: date | None = None
) -> dict[str, Any] | None:
    progress = progress_get(user=user, today=today)
    return None if progress is None else progress_to_document(progress)


def progress_for_user(
    username: str, fmt: str = "json", *, today: date | None = None
) -> dict[str, Any]:
    """Progress of ``username`` for the CLI (``dorsi progress --user NAME``).

    ``fmt="json"`` returns the dorsi.progress/v1 document; ``fmt="summary"`` a flat dict of the
    headline figures (one entry per line of a table). ValidationError if there is nothing to show.
    """
    if fmt not in ("json", "summary"):
        raise ValidationError("format", f"unknown format {fmt!r} (expected json or summary)")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ValidationError("user", f"no user named {username!r}")
    document = progress_document(user=user, today=today)
    if document is None:
        raise ValidationError("user", f"{username!r} has no assessment yet")
    return document if fmt == "json" else progress_summary(document)


def progress_summary(document: dict[str, Any]) -> dict[str, Any]:
    summary: dict[str, Any] = {"today": document["today"], "plan_start": document["plan_start"]}
    for side in ("left", "right"):
        part = document["sides"].get(side)
        if part is None:
            continue
        summary[f"{side}_baseline_cm"] = part["baseline_cm"]
        summary[f"{side}_latest_cm"] = part["latest_cm"]
        summary[f"{side}_change_cm"] = part["change_cm"]
        summary[f"{side}_real_change"] = part["real_change"]
        summary[f"{side}_rate_cm_per_week"] = part["rate_cm_per_week"]
        projected = part["projected_goal_date"]
        summary[f"{side}_projected_goal_date"] = None if projected is None else projected["value"]
    adherence = document["adherence"]
    summary["adherence"] = f"{adherence['done_days']}/{adherence['planned_days']}"
    summary["streak"] = adherence["streak"]
    summary["flags"] = ", ".join(document["flags"]) or "none"
    summary["referral"] = document["referral"]["level"]
    return summary
