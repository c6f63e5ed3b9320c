"""Progress (SPEC §5): the user's dorsi.log/v1 read from the stored rows, and what the core
computes from it. Read-only: recording a session or a retest is ``dorsi.services.tracking``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User

from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.errors import ValidationError
from dorsi.core.progress.document import progress_to_document
from dorsi.core.progress.engine import Progress, compute_progress
from dorsi.core.progress.log import Log, log_to_document
from dorsi.db.convert import RETEST_FIELDS, SESSION_FIELDS, retest_from_values, session_from_values
from dorsi.db.models import Assessment, Plan, Retest, SessionLog
from dorsi.services.common import today_or


def log_baseline(user: User) -> tuple[Assessment, date] | None:
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


def log_build(*, user: User, today: date | None = None) -> Log | None:
    """The user's dorsi.log/v1 as core values, or None before the first assessment.

    Rows were validated when written, so they are converted directly (no re-parsing); retests
    older than the current baseline belong to an earlier assessment and are left out."""
    baseline = log_baseline(user)
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


def log_document(*, user: User, today: date | None = None) -> dict[str, Any] | None:
    log = log_build(user=user, today=today)
    return None if log is None else log_to_document(log)


def progress_get(*, user: User, today: date | None = None) -> Progress | None:
    log = log_build(user=user, today=today)
    return None if log is None else compute_progress(log)


def progress_document(*, user: User, today: date | None = None) -> dict[str, Any] | None:
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
    user = User.objects.filter(username=username).first()
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
