"""The 12-week plan: built by the core from the assessment and profile, stored as dorsi.plan/v1.

One plan is active per user. Logging sharp or pinching pain on an exercise rebuilds the active
plan with the session history, so the core's pain rule swaps that exercise for its regression
from then on (the plan keeps its start date, so past days do not move).

The shells never see the stored row or its document: they get an ``ActivePlan``, the core's
``Plan`` value read through ``parse_plan`` with the row's mode applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from dorsi.core.codes import PlanMode, ProgressFlag, Side
from dorsi.core.errors import ReferralRequired, ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan, should_return_to_development
from dorsi.core.program.document import plan_to_document
from dorsi.core.program.maintenance import maintenance_readiness
from dorsi.core.program.parse import parse_plan
from dorsi.core.program.values import Plan
from dorsi.db.convert import SESSION_FIELDS, session_from_values
from dorsi.db.models import Assessment, Retest, SessionLog
from dorsi.db.models import Plan as PlanRow
from dorsi.services.assessments import assessment_get, assessment_report
from dorsi.services.coaching_replay import with_coach_edits
from dorsi.services.common import today_or
from dorsi.services.progress import progress_get

MAX_START_AHEAD_DAYS = 90  # a plan is for now; a far start would only be a typo


@dataclass(frozen=True)
class ActivePlan:
    """A stored plan as the web pages, the API and the CLI read it."""

    id: int
    assessment_id: int
    plan: Plan  # in the row's mode: ``plan.session_on(day)`` is what to do that day
    maintenance_since: date | None = None
    returned_to_development_on: date | None = None

    @property
    def start(self) -> date:
        return self.plan.start

    @property
    def mode(self) -> PlanMode:
        return self.plan.mode


def _active_plan(row: PlanRow) -> ActivePlan:
    return ActivePlan(
        id=row.pk,
        assessment_id=row.assessment_id,
        plan=parse_plan(row.document).with_mode(PlanMode(row.mode)),
        maintenance_since=row.maintenance_since,
        returned_to_development_on=row.returned_to_development_on,
    )


def _build(assessment: Assessment, *, user: User, start: date) -> Plan:
    report = assessment_report(assessment)
    rows = SessionLog.objects.filter(user=user).order_by("date").values_list(*SESSION_FIELDS)
    sessions = tuple(session_from_values(*row) for row in rows)
    return build_plan(
        report,
        start=start,
        library=load_library(),
        cleared_by_professional=assessment.cleared_by_professional_at is not None,
        sessions=sessions,
    )


def plan_create(
    *,
    user: User,
    assessment_id: int,
    start: date | None = None,
    today: date | None = None,
) -> ActivePlan:
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
    plan = _build(assessment, user=user, start=start)
    with transaction.atomic():
        PlanRow.objects.filter(user=user, is_active=True).update(is_active=False)
        row = PlanRow.objects.create(
            user=user,
            assessment=assessment,
            start=start,
            mode=plan.mode.value,
            document=plan_to_document(plan),
            is_active=True,
            # at the goal from day 1: maintenance since the start, so a real drop returns
            maintenance_since=start if plan.mode is PlanMode.MAINTENANCE else None,
        )
    return _active_plan(row)


def plan_refresh(*, user: User) -> ActivePlan | None:
    """Rebuild the active plan with the latest session logs (the pain rule)."""
    row = _active_row(user)
    if row is None:
        return None
    try:
        plan = _build(row.assessment, user=user, start=row.start)
    except ReferralRequired:
        return _active_plan(row)
    plan = with_coach_edits(plan_id=row.pk, plan=plan)  # a coach's changes outlive a rebuild
    row.document = plan_to_document(plan.with_mode(PlanMode(row.mode)))
    row.save(update_fields=["document"])
    return _active_plan(row)


def _set_mode(row: PlanRow, mode: PlanMode, **dates: date | None) -> None:
    """Switch the row and its stored document together, so both always tell the same mode."""
    row.mode = mode.value
    row.document = plan_to_document(parse_plan(row.document).with_mode(mode))
    for name, value in dates.items():
        setattr(row, name, value)
    row.save(update_fields=["mode", "document", *dates])


def plan_switch_to_maintenance(*, user: User, today: date | None = None) -> ActivePlan:
    """Goal reached: keep the plan's maintenance routine as the daily work from today."""
    row = _active_row(user)
    if row is None:
        raise ValidationError("plan", "there is no plan to switch")
    progress = progress_get(user=user, today=today)
    reached = progress is not None and ProgressFlag.GOAL_REACHED in progress.flags
    day = progress.today if progress is not None else today_or(today)
    ready, why = maintenance_readiness(plan_start=row.start, today=day, goal_reached=reached)
    if progress is None or not ready:
        raise ValidationError("plan", why)
    _set_mode(
        row,
        PlanMode.MAINTENANCE,
        maintenance_since=progress.today,
        returned_to_development_on=None,
    )
    return _active_plan(row)


def plan_switch_to_development(*, user: User) -> ActivePlan:
    row = _active_row(user)
    if row is None:
        raise ValidationError("plan", "there is no plan to switch")
    _set_mode(row, PlanMode.DEVELOPMENT, maintenance_since=None)
    return _active_plan(row)


def _latest_by_side(
    rows: list[tuple[date, float | None, float | None]],
) -> dict[Side, float | None]:
    latest: dict[Side, float | None] = {Side.LEFT: None, Side.RIGHT: None}
    for _, left_cm, right_cm in rows:  # rows are in date order: the last value of a side wins
        latest[Side.LEFT] = left_cm if left_cm is not None else latest[Side.LEFT]
        latest[Side.RIGHT] = right_cm if right_cm is not None else latest[Side.RIGHT]
    return latest


def plan_check_fallback(*, user: User) -> bool:
    """In maintenance, a retest a real change (>= 1.5 cm) below the values at the goal sends
    the plan back to development (SPEC §4). Returns True when it did."""
    row = _active_row(user)
    if row is None or row.mode != PlanMode.MAINTENANCE or row.maintenance_since is None:
        return False
    rows = list(
        Retest.objects.filter(user=user).order_by("date").values_list("date", "left_cm", "right_cm")
    )
    at_goal = _latest_by_side([entry for entry in rows if entry[0] <= row.maintenance_since])
    after = [entry for entry in rows if entry[0] > row.maintenance_since]
    if not after or not should_return_to_development(at_goal, _latest_by_side(rows)):
        return False
    _set_mode(
        row,
        PlanMode.DEVELOPMENT,
        maintenance_since=None,
        returned_to_development_on=after[-1][0],
    )
    return True


# Selectors ---------------------------------------------------------------------------------


def _active_row(user: User) -> PlanRow | None:
    return PlanRow.objects.filter(user=user, is_active=True).select_related("assessment").first()


def plan_active(*, user: User) -> ActivePlan | None:
    row = PlanRow.objects.filter(user=user, is_active=True).first()
    return None if row is None else _active_plan(row)
