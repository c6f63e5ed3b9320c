"""The 12-week plan: built by the core from the assessment and profile, stored as dorsi.plan/v1.

One plan is active per user. Logging sharp or pinching pain on an exercise rebuilds the active
plan with the session history, so the core's pain rule swaps that exercise for its regression
from then on (the plan keeps its start date, so past days do not move).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from dorsi.core.codes import Side
from dorsi.core.errors import ReferralRequired, ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan, should_return_to_development
from dorsi.core.program.document import plan_to_document
from dorsi.db.convert import SESSION_FIELDS, session_from_values
from dorsi.db.models import Assessment, Plan, PlanMode, Retest, SessionLog
from dorsi.services.assessments import assessment_get, assessment_report
from dorsi.services.common import today_or

MAX_START_AHEAD_DAYS = 90  # a plan is for now; a far start would only be a typo


def _document(assessment: Assessment, *, user: AbstractBaseUser, start: date) -> dict[str, Any]:
    report = assessment_report(assessment)
    rows = SessionLog.objects.filter(user=user).order_by("date").values_list(*SESSION_FIELDS)
    sessions = tuple(session_from_values(*row) for row in rows)
    plan = build_plan(
        report,
        start=start,
        library=load_library(),
        cleared_by_professional=assessment.cleared_by_professional_at is not None,
        sessions=sessions,
    )
    return plan_to_document(plan)


def plan_create(
    *,
    user: AbstractBaseUser,
    assessment_id: int,
    start: date | None = None,
    today: date | None = None,
) -> Plan:
    """Build and activate a plan; ReferralRequired while red flags are not cleared."""
    day = today_or(today)
    start = start or day
    assessment = assessment_get(user=user, assessment_id=assessment_id)
    if start < assessment.date:
        raise ValidationError(
            "start", f"{start.isoformat()} is before the assessment ({assessment.date})"
        )
    if start > day + timedelta(days=MAX_START_AHEAD_DAYS):
        raise ValidationError(
            "start", f"{start.isoformat()} is more than {MAX_START_AHEAD_DAYS} days ahead"
        )
    document = _document(assessment, user=user, start=start)
    with transaction.atomic():
        Plan.objects.filter(user=user, is_active=True).update(is_active=False)
        return Plan.objects.create(
            user=user, assessment=assessment, start=start, document=document, is_active=True
        )


def plan_refresh(*, user: AbstractBaseUser) -> Plan | None:
    """Rebuild the active plan with the latest session logs (the pain rule)."""
    plan = plan_active(user=user)
    if plan is None:
        return None
    try:
        plan.document = _document(plan.assessment, user=user, start=plan.start)
    except ReferralRequired:
        return plan
    plan.save(update_fields=["document"])
    return plan


def plan_switch_to_maintenance(*, user: AbstractBaseUser, today: date | None = None) -> Plan:
    """Goal reached: keep the plan's maintenance routine as the daily work from today."""
    from dorsi.services.tracking import progress_get

    plan = plan_active(user=user)
    if plan is None:
        raise ValidationError("plan", "there is no plan to switch")
    progress = progress_get(user=user, today=today)
    if progress is None or "goal_reached" not in {flag.value for flag in progress.flags}:
        raise ValidationError(
            "plan", "the goal is not reached yet (both sides at target, no meaningful asymmetry)"
        )
    plan.mode = PlanMode.MAINTENANCE
    plan.maintenance_since = progress.today
    plan.returned_to_development_on = None
    plan.save(update_fields=["mode", "maintenance_since", "returned_to_development_on"])
    return plan


def plan_switch_to_development(*, user: AbstractBaseUser) -> Plan:
    plan = plan_active(user=user)
    if plan is None:
        raise ValidationError("plan", "there is no plan to switch")
    plan.mode = PlanMode.DEVELOPMENT
    plan.maintenance_since = None
    plan.save(update_fields=["mode", "maintenance_since"])
    return plan


def _latest_by_side(
    rows: list[tuple[date, float | None, float | None]],
) -> dict[Side, float | None]:
    latest: dict[Side, float | None] = {Side.LEFT: None, Side.RIGHT: None}
    for _, left_cm, right_cm in rows:  # rows are in date order: the last value of a side wins
        latest[Side.LEFT] = left_cm if left_cm is not None else latest[Side.LEFT]
        latest[Side.RIGHT] = right_cm if right_cm is not None else latest[Side.RIGHT]
    return latest


def plan_check_fallback(*, user: AbstractBaseUser) -> bool:
    """In maintenance, a retest a real change (>= 1.5 cm) below the values at the goal sends
    the plan back to development (SPEC §4). Returns True when it did."""
    plan = plan_active(user=user)
    if plan is None or plan.mode != PlanMode.MAINTENANCE or plan.maintenance_since is None:
        return False
    rows = list(
        Retest.objects.filter(user=user).order_by("date").values_list("date", "left_cm", "right_cm")
    )
    at_goal = _latest_by_side([row for row in rows if row[0] <= plan.maintenance_since])
    after = [row for row in rows if row[0] > plan.maintenance_since]
    if not after or not should_return_to_development(at_goal, _latest_by_side(rows)):
        return False
    plan.mode = PlanMode.DEVELOPMENT
    plan.maintenance_since = None
    plan.returned_to_development_on = after[-1][0]
    plan.save(update_fields=["mode", "maintenance_since", "returned_to_development_on"])
    return True


# Selectors ---------------------------------------------------------------------------------


def plan_active(*, user: AbstractBaseUser) -> Plan | None:
    return Plan.objects.filter(user=user, is_active=True).select_related("assessment").first()


def plan_get(*, user: AbstractBaseUser, plan_id: int) -> Plan:
    return Plan.objects.select_related("assessment").get(user=user, pk=plan_id)


def plan_day(plan: Plan, when: date) -> dict[str, Any] | None:
    """The day of the plan document dated ``when`` (None outside the 12 weeks)."""
    key = when.isoformat()
    for week in plan.document.get("weeks", []):
        for day in week.get("days", []):
            if day.get("date") == key:
                return dict(day, week=week.get("week"), phase=week.get("phase"))
    return None
