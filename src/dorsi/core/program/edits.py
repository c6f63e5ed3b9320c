"""A coach's changes to a plan, as pure operations on the Plan value.

Each operation takes a plan and returns a new one; ``apply_edit`` then holds the result to
the rules every plan keeps (``check_plan``: the library, one-side blocks, the time budget and,
the dose progression, judged only on the rises the edit itself adds, so a plan stored before
that limit existed stays editable) and to the red-flag gate, and
raises ValidationError with words a coach can act on. Past days never change: a change reaches
the chosen days from the day it was made (``Scope.from_date``), so replaying the history later
gives the same plan. A note changes nothing in the plan: it is kept with the history and shown
on the days it covers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from dorsi.core import words
from dorsi.core.codes import ItemSide
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import Exercise
from dorsi.core.program.checks import check_plan
from dorsi.core.program.edit_values import (
    NOTE_MAX_CHARS,
    AddExercise,
    AddNote,
    ChangeDose,
    Edit,
    EditContext,
    RemoveExercise,
    Scope,
    SetMinutes,
    SwapExercise,
)
from dorsi.core.program.fit import dose_minutes
from dorsi.core.program.parse import LOWERING_RANGE, REPS_RANGE, SECONDS_RANGE, SETS_RANGE
from dorsi.core.program.values import Dose, Plan, PlanDay, PlanItem, PlanWeek

__all__ = [
    "AddExercise",
    "AddNote",
    "ChangeDose",
    "Edit",
    "EditContext",
    "RemoveExercise",
    "Scope",
    "SetMinutes",
    "SwapExercise",
    "apply_edit",
    "replay",
    "touches",
]
from dorsi.core.thresholds import MINUTES_PER_DAY_RANGE, PLAN_WEEKS, Range

# Shared pieces -----------------------------------------------------------------------------


def _check_note(note: str) -> None:
    if len(note) > NOTE_MAX_CHARS:
        raise ValidationError("note", f"is longer than {NOTE_MAX_CHARS} characters")
    if "\x00" in note:
        raise ValidationError("note", "holds a character that is not text")


def _within(value: int | None, valid: Range, field: str) -> None:
    if value is not None and not valid.contains(value):
        raise ValidationError(
            field,
            f"{words.quantity(value, valid.unit)} is outside the valid range "
            f"{words.value_range(valid.low, valid.high, valid.unit)}",
        )


def check_dose(dose: Dose) -> None:
    if (dose.reps is None) == (dose.seconds is None):
        raise ValidationError("dose", "give either reps or seconds (not both)")
    _within(dose.sets, SETS_RANGE, "sets")
    _within(dose.reps, REPS_RANGE, "reps")
    _within(dose.seconds, SECONDS_RANGE, "seconds")
    _within(dose.lowering_s, LOWERING_RANGE, "lowering_s")


def default_dose(exercise: Exercise) -> Dose:
    dose = exercise.dose
    return Dose(dose.sets, reps=dose.reps, seconds=dose.seconds, lowering_s=dose.lowering_s)


def _exercise(ctx: EditContext, exercise_id: str, field: str) -> Exercise:
    try:
        exercise = ctx.library.get(exercise_id)
    except ValidationError as error:
        raise ValidationError(field, error.problem) from None
    if ctx.owned is not None and not exercise.available(ctx.owned):
        missing = ", ".join(sorted(code.value.replace("_", " ") for code in exercise.needs))
        raise ValidationError(field, f"{exercise.name} needs {missing}, which the athlete lacks")
    return exercise


def _item(exercise: Exercise, dose: Dose, side: ItemSide, note: str | None) -> PlanItem:
    if side is not ItemSide.BOTH and not exercise.per_side:
        raise ValidationError("side", f"{exercise.name} is done with both feet, not one side")
    sides = 2 if exercise.per_side and side is ItemSide.BOTH else 1
    return PlanItem(
        exercise=exercise.id,
        name=exercise.name,
        side=side,
        dose=dose,
        minutes=dose_minutes(dose, sides),
        note=note,
        per_side=exercise.per_side,
    )


def _covered(plan: Plan, scope: Scope) -> list[PlanDay]:
    for week in scope.weeks:
        _within(week, Range(1, PLAN_WEEKS, ""), "scope.weeks")
    for when in scope.dates:
        if plan.development_day(when) is None:
            raise ValidationError("scope.dates", f"{when.isoformat()} is not a day of the plan")
    days = [day for day in plan.days if scope.covers(day)]
    if not days:
        raise ValidationError("scope", "choose at least one day of the plan from today on")
    return days


def _map_days(plan: Plan, scope: Scope, change: Callable[[PlanDay], PlanDay]) -> Plan:
    weeks = tuple(
        PlanWeek(
            week.week,
            week.phase,
            tuple(change(day) if scope.covers(day) else day for day in week.days),
        )
        for week in plan.weeks
    )
    return replace(plan, weeks=weeks)


def _holding(days: Iterable[PlanDay], exercise_id: str, name: str) -> None:
    if not any(item.exercise == exercise_id for day in days for item in day.items):
        raise ValidationError("exercise", f"{name} is not on any of the chosen days")


# The operations ----------------------------------------------------------------------------


def swap_exercise(plan: Plan, edit: SwapExercise, ctx: EditContext) -> Plan:
    old = _exercise(EditContext(ctx.library), edit.old, "exercise")
    new = _exercise(ctx, edit.new, "replacement")
    if new.id == old.id:
        raise ValidationError("replacement", "choose a different exercise")
    dose = edit.dose or default_dose(new)
    check_dose(dose)
    days = _covered(plan, edit.scope)
    _holding(days, old.id, old.name)

    def change(day: PlanDay) -> PlanDay:
        if not any(item.exercise == old.id for item in day.items):
            return day
        if any(item.exercise == new.id for item in day.items):
            raise ValidationError(
                "replacement", f"{new.name} is already on {_day_words(day)}: change its dose"
            )
        fitted = dose if edit.dose is not None else _fitting(day, old.id, new, dose, plan)
        items = tuple(
            _item(new, fitted, item.side if new.per_side else ItemSide.BOTH, None)
            if item.exercise == old.id
            else item
            for item in day.items
        )
        return replace(day, items=items)

    return _map_days(plan, edit.scope, change)


def _fitting(day: PlanDay, old_id: str, new: Exercise, dose: Dose, plan: Plan) -> Dose:
    """The library's usual dose of a replacement, with fewer sets where the day would otherwise
    run over the daily time (sessions use their whole time, so a longer exercise needs room).
    A dose the coach gives is kept as given and checked like any other."""
    others = sum(item.minutes for item in day.items if item.exercise != old_id)
    sides = [
        item.side if new.per_side else ItemSide.BOTH
        for item in day.items
        if item.exercise == old_id
    ]

    def total(candidate: Dose) -> float:
        return others + sum(_item(new, candidate, side, None).minutes for side in sides)

    fitted = dose
    while fitted.sets > 1 and total(fitted) > plan.minutes_per_day:
        fitted = replace(fitted, sets=fitted.sets - 1)
    return fitted


def change_dose(plan: Plan, edit: ChangeDose, ctx: EditContext) -> Plan:
    exercise = _exercise(EditContext(ctx.library), edit.exercise, "exercise")
    check_dose(edit.dose)
    _holding(_covered(plan, edit.scope), exercise.id, exercise.name)

    def change(day: PlanDay) -> PlanDay:
        items = tuple(
            _item(exercise, edit.dose, item.side, item.note)
            if item.exercise == exercise.id
            else item
            for item in day.items
        )
        return replace(day, items=items)

    return _map_days(plan, edit.scope, change)


def add_exercise(plan: Plan, edit: AddExercise, ctx: EditContext) -> Plan:
    exercise = _exercise(ctx, edit.exercise, "exercise")
    dose = edit.dose or default_dose(exercise)
    check_dose(dose)
    added = _item(exercise, dose, edit.side, None)
    _covered(plan, edit.scope)

    def change(day: PlanDay) -> PlanDay:
        if any(item.exercise == exercise.id for item in day.items):
            raise ValidationError(
                "exercise", f"{exercise.name} is already on {_day_words(day)}: change its dose"
            )
        return replace(day, items=(*day.items, added))

    return _map_days(plan, edit.scope, change)


def remove_exercise(plan: Plan, edit: RemoveExercise, ctx: EditContext) -> Plan:
    exercise = _exercise(EditContext(ctx.library), edit.exercise, "exercise")
    _holding(_covered(plan, edit.scope), exercise.id, exercise.name)

    def change(day: PlanDay) -> PlanDay:
        items = tuple(item for item in day.items if item.exercise != exercise.id)
        if not items and day.items:
            raise ValidationError(
                "exercise", f"removing {exercise.name} would leave {_day_words(day)} empty"
            )
        return replace(day, items=items)

    return _map_days(plan, edit.scope, change)


def set_minutes(plan: Plan, edit: SetMinutes, ctx: EditContext) -> Plan:
    _within(edit.minutes_per_day, MINUTES_PER_DAY_RANGE, "minutes_per_day")
    for day in plan.days:
        if day.minutes > edit.minutes_per_day:
            held = "already held" if day.date < edit.from_date else "holds"
            raise ValidationError(
                "minutes_per_day",
                f"{_day_words(day)} {held} {day.minutes:g} min: the daily time cannot go below "
                "that" + ("" if day.date < edit.from_date else " until that day is shortened"),
            )
    return replace(plan, minutes_per_day=edit.minutes_per_day)


def add_note(plan: Plan, edit: AddNote, ctx: EditContext) -> Plan:
    if not edit.note.strip():
        raise ValidationError("note", "write the note")
    days = _covered(plan, edit.scope)
    if edit.exercise is not None:
        exercise = _exercise(EditContext(ctx.library), edit.exercise, "exercise")
        _holding(days, exercise.id, exercise.name)
    return plan


def _day_words(day: PlanDay) -> str:
    week = f"week {day.week}, " if day.week is not None else ""
    return f"day {day.day} ({week}{day.date.isoformat()})"


_OPERATIONS: dict[type, Callable[[Plan, object, EditContext], Plan]] = {
    SwapExercise: swap_exercise,  # type: ignore[dict-item]
    ChangeDose: change_dose,  # type: ignore[dict-item]
    AddExercise: add_exercise,  # type: ignore[dict-item]
    RemoveExercise: remove_exercise,  # type: ignore[dict-item]
    SetMinutes: set_minutes,  # type: ignore[dict-item]
    AddNote: add_note,  # type: ignore[dict-item]
}


def _readable(error: ValidationError, plan: Plan) -> ValidationError:
    """``weeks[3].days[2].items[0].sets: ...`` -> ``day 24 (week 4, 2026-07-10): ...``."""
    path = error.field
    if path.startswith("weeks["):
        try:
            w = int(path[6 : path.index("]")])
            rest = path[path.index("]") + 1 :]
            d = int(rest[rest.index("[") + 1 : rest.index("]")])
            return ValidationError("plan", f"{_day_words(plan.weeks[w].days[d])}: {error.problem}")
        except (ValueError, IndexError):
            pass
    return ValidationError("plan", error.problem)


def apply_edit(plan: Plan, edit: Edit, ctx: EditContext) -> Plan:
    """The plan with ``edit`` made, held to every rule a generated plan keeps."""
    if ctx.held_by_red_flag:
        raise ValidationError(
            "plan", "a red flag holds this athlete's program until a professional clears it"
        )
    _check_note(edit.note)
    changed = _OPERATIONS[type(edit)](plan, edit, ctx)
    try:
        check_plan(changed, library=ctx.library, before=plan)
    except ValidationError as error:
        raise _readable(error, changed) from None
    return changed


def replay(
    plan: Plan, edits: Iterable[tuple[int, Edit]], ctx: EditContext
) -> tuple[Plan, tuple[int, ...]]:
    """The plan with each edit made in order; an edit that no longer fits (the plan was rebuilt
    under it, e.g. after the pain rule) is left out and its key returned."""
    skipped = []
    for key, edit in edits:
        try:
            plan = apply_edit(plan, edit, replace(ctx, held_by_red_flag=False))
        except ValidationError:
            skipped.append(key)
    return plan, tuple(skipped)


def touches(edit: Edit, day: PlanDay) -> bool:
    """Whether ``edit`` changed (or speaks about) that day."""
    if isinstance(edit, SetMinutes):
        return False
    return edit.scope.covers(day)
