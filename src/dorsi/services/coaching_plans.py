"""A coach prescribes: changes to the athlete's active plan, their history and undo, the
library they choose from, clinic retests, and what the athlete sees of a change.

A change is a dorsi.plan-edit/v1 document, read by the core (``parse_edit``) and made on the
plan value by ``apply_edit`` with every rule of a generated plan; the new plan document and the
history row are written together. Reverting marks the row and rebuilds the plan with the
changes still in force (the same path the pain rule takes, ``plans.plan_refresh``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from dorsi.core.coaching.edit_document import (
    edit_exercise,
    edit_from_day,
    edit_to_document,
    edit_words,
    parse_edit,
)
from dorsi.core.codes import PlanMode, Purpose
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import Exercise, load_library
from dorsi.core.program.document import plan_to_document
from dorsi.core.program.edits import EditContext, SetMinutes, apply_edit, touches
from dorsi.core.program.parse import parse_plan
from dorsi.core.program.values import PlanDay
from dorsi.db.models import Assessment, PlanEdit, Retest
from dorsi.db.models import Plan as PlanRow
from dorsi.services.assessments import assessment_needs_clearance
from dorsi.services.coaching_replay import owned_equipment, plan_edits
from dorsi.services.common import today_or
from dorsi.services.plans import plan_refresh
from dorsi.services.tracking import retest_record


@dataclass(frozen=True)
class EditRecord:
    """One row of the history a coach and the athlete read."""

    id: int
    summary: str
    note: str
    author: str
    created_at: datetime
    reverted_at: datetime | None
    reverted_by: str
    operation: dict[str, Any]

    @property
    def in_force(self) -> bool:
        return self.reverted_at is None


def _record(row: PlanEdit) -> EditRecord:
    return EditRecord(
        id=row.pk,
        summary=row.summary,
        note=row.note,
        author=row.author_name,
        created_at=row.created_at,
        reverted_at=row.reverted_at,
        reverted_by=row.reverted_by_name,
        operation=row.operation,
    )


def _active_row(client: User, *, lock: bool = False) -> PlanRow:
    rows = PlanRow.objects.filter(user=client, is_active=True)
    row = (rows.select_for_update() if lock else rows).first()
    if row is None:
        raise ValidationError("plan", "the athlete has no plan yet: there is nothing to change")
    return row


# Maintenance is a weekly routine (``core/program/maintenance.py``: blocks by weekday), not the
# dated days the edits of ``core/program/edits.py`` and their replay work on; changing it would
# need edits of its own. Until then a change is refused, in words, on the page and in the API.
MAINTENANCE_REFUSAL = (
    "The athlete's plan is in maintenance, the short weekly routine that keeps the range after "
    "the goal, and a coach cannot change that routine. The athlete can go back to the "
    "development plan from their plan page (then every change works again); meanwhile, write "
    "to them in the notes."
)


def plan_in_maintenance(*, client: User) -> bool:
    return PlanRow.objects.filter(
        user=client, is_active=True, mode=PlanMode.MAINTENANCE.value
    ).exists()


def _held_by_red_flag(client: User) -> bool:
    latest = Assessment.objects.filter(user=client).first()
    return latest is not None and assessment_needs_clearance(latest)


def plan_edit_apply(
    *,
    coach: User,
    client: User,
    document: dict[str, Any],
    today: date | None = None,
) -> EditRecord:
    """Make one change to the athlete's active plan (ValidationError says why it is refused;
    a plan in maintenance is refused first, whatever the change)."""
    with transaction.atomic():
        row = _active_row(client, lock=True)
        if row.mode != PlanMode.DEVELOPMENT.value:
            raise ValidationError("plan", MAINTENANCE_REFUSAL)
        edit = parse_edit(document)
        if edit_from_day(edit) < today_or(today):
            field = "from" if isinstance(edit, SetMinutes) else "scope.from"
            raise ValidationError(field, "a change starts today at the earliest: past days stay")
        library = load_library()
        context = EditContext(
            library,
            owned=owned_equipment(user=client),
            held_by_red_flag=_held_by_red_flag(client),
        )
        changed = apply_edit(parse_plan(row.document), edit, context)
        row.document = plan_to_document(changed.with_mode(PlanMode(row.mode)))
        row.save(update_fields=["document"])
        history = PlanEdit.objects.create(
            plan=row,
            client=client,
            author=coach,
            author_name=coach.get_username(),
            operation=edit_to_document(edit),
            summary=edit_words(edit, library)[:300],
            note=edit.note,
        )
    return _record(history)


def plan_edit_revert(*, coach: User, client: User, edit_id: int) -> EditRecord:
    """Undo one change: the plan is rebuilt with the changes still in force."""
    with transaction.atomic():
        row = _active_row(client, lock=True)
        history = PlanEdit.objects.select_for_update().get(pk=edit_id, plan=row)
        if history.reverted_at is not None:
            raise ValidationError("edit", "this change was already undone")
        history.reverted_at = timezone.now()
        history.reverted_by_name = coach.get_username()
        history.save(update_fields=["reverted_at", "reverted_by_name"])
        plan_refresh(user=client)
    return _record(history)


def plan_edit_history(*, client: User) -> list[EditRecord]:
    """Every change to the active plan, newest first."""
    rows = PlanEdit.objects.filter(client=client, plan__is_active=True).order_by(
        "-created_at", "-id"
    )
    return [_record(row) for row in rows]


# What the athlete sees ---------------------------------------------------------------------


@dataclass(frozen=True)
class CoachChange:
    """ "Changed by your coach" on a day: what changed, the coach's note, about which exercise."""

    summary: str
    note: str
    author: str
    at: datetime
    exercise: str | None


def coach_changes_on(*, plan_id: int, day: PlanDay | None) -> tuple[CoachChange, ...]:
    """The changes in force that reach ``day`` (newest first)."""
    if day is None:
        return ()
    reaching = {pk for pk, edit in plan_edits(plan_id=plan_id) if touches(edit, day)}
    if not reaching:
        return ()
    rows = PlanEdit.objects.filter(pk__in=reaching).order_by("-created_at", "-id")
    return tuple(
        CoachChange(
            summary=row.summary,
            note=row.note,
            author=row.author_name,
            at=row.created_at,
            exercise=edit_exercise(parse_edit(row.operation)),
        )
        for row in rows
    )


def coach_changed_dates(*, plan_id: int, days: tuple[PlanDay, ...]) -> frozenset[date]:
    """The days of ``days`` that a change in force reaches (marked on the coach's calendar)."""
    edits = [edit for _, edit in plan_edits(plan_id=plan_id)]
    return frozenset(day.date for day in days if any(touches(edit, day) for edit in edits))


# The library a coach chooses from, and clinic retests -------------------------------------


def exercise_choices(*, client: User, purpose: str = "") -> list[Exercise]:
    """Exercises the athlete can do with their equipment, of one purpose if given."""
    wanted = None
    if purpose:
        try:
            wanted = Purpose(purpose)
        except ValueError:
            raise ValidationError("purpose", f"unknown purpose {purpose!r}") from None
    library = load_library()
    chosen = library.filter(purpose=wanted, equipment=owned_equipment(user=client))
    return sorted(chosen, key=lambda exercise: exercise.name)


def clinic_retest_record(
    *,
    coach: User,
    client: User,
    when: date,
    left: float | None,
    right: float | None,
    unit: str = "cm",
) -> Retest:
    """A knee-to-wall retest the coach measured in the clinic (marked as such)."""
    with transaction.atomic():
        row = retest_record(user=client, when=when, left=left, right=right, unit=unit)
        row.in_clinic = True
        row.recorded_by = coach
        row.save(update_fields=["in_clinic", "recorded_by"])
    return row
