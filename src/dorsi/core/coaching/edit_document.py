"""A coach's plan change as a document (``dorsi.plan-edit/v1``, stored with the history and
sent by the API) and in words (the history, and "changed by your coach" on the athlete's day).

    {"schema": "dorsi.plan-edit/v1", "kind": "swap", "exercise": "knee-to-wall-circles",
     "replacement": "half-kneeling-lunge", "scope": {"from": "2026-06-17", "weeks": [2, 3],
     "dates": []}, "dose": {"sets": 2, "seconds": 45}, "note": "easier on the knee"}

``kind`` is one of swap, dose, add, remove, minutes, note. ``dose`` is {sets, reps or seconds,
lowering_s}; ``side`` (add) is left, right or both; ``minutes_per_day`` and ``from`` (minutes).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from dorsi.core.coaching.attention import short_date
from dorsi.core.codes import ItemSide
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import ExerciseLibrary
from dorsi.core.program.edits import (
    AddExercise,
    AddNote,
    ChangeDose,
    Edit,
    RemoveExercise,
    Scope,
    SetMinutes,
    SwapExercise,
)
from dorsi.core.program.values import Dose
from dorsi.core.reader import Reader, check_schema

EDIT_SCHEMA = "dorsi.plan-edit/v1"
MAX_SCOPE_ENTRIES = 100


class EditKind(StrEnum):
    SWAP = "swap"
    DOSE = "dose"
    ADD = "add"
    REMOVE = "remove"
    MINUTES = "minutes"
    NOTE = "note"


KIND_OF: dict[type, EditKind] = {
    SwapExercise: EditKind.SWAP,
    ChangeDose: EditKind.DOSE,
    AddExercise: EditKind.ADD,
    RemoveExercise: EditKind.REMOVE,
    SetMinutes: EditKind.MINUTES,
    AddNote: EditKind.NOTE,
}


# Document -> Edit --------------------------------------------------------------------------


def _dose(doc: Reader, *, required: bool) -> Dose | None:
    part = doc.obj("dose")
    if part is None:
        if required:
            raise ValidationError("dose", "is required")
        return None
    sets = part.integer("sets")
    if sets is None:
        raise ValidationError("dose.sets", "is required")
    dose = Dose(
        sets,
        reps=part.integer("reps"),
        seconds=part.integer("seconds"),
        lowering_s=part.integer("lowering_s"),
    )
    part.finish()
    return dose


def _scope(doc: Reader) -> Scope:
    part = doc.obj("scope")
    if part is None:
        raise ValidationError("scope", "is required")
    start = part.day("from", required=True)
    assert start is not None  # required=True raises instead
    weeks = part.items("weeks")
    dates = part.items("dates")
    if len(weeks) + len(dates) > MAX_SCOPE_ENTRIES:
        raise ValidationError("scope", f"holds more than {MAX_SCOPE_ENTRIES} entries")
    if not all(isinstance(w, int) and not isinstance(w, bool) for w in weeks):
        raise ValidationError("scope.weeks", "must be week numbers")
    days = []
    for index, value in enumerate(dates):
        where = f"scope.dates[{index}]"
        if not isinstance(value, str):
            raise ValidationError(where, "must be a date (YYYY-MM-DD)")
        day = Reader({"date": value}, where).day("date")
        assert day is not None
        days.append(day)
    part.finish()
    return Scope(from_date=start, weeks=tuple(sorted(set(weeks))), dates=tuple(sorted(set(days))))


def _text(doc: Reader, key: str, *, required: bool = False) -> str:
    value = doc.string(key, required=required) or ""
    return value


def parse_edit(data: object) -> Edit:
    """Validate a dorsi.plan-edit/v1 document into an edit (its rules are checked on apply)."""
    check_schema(data, EDIT_SCHEMA)
    doc = Reader(data)
    kind = doc.code("kind", EditKind, required=True)
    assert kind is not None  # required=True raises instead
    note = _text(doc, "note")
    edit: Edit
    if kind is EditKind.MINUTES:
        minutes = doc.integer("minutes_per_day")
        if minutes is None:
            raise ValidationError("minutes_per_day", "is required")
        start = doc.day("from", required=True)
        assert start is not None
        edit = SetMinutes(minutes, start, note)
    elif kind is EditKind.NOTE:
        edit = AddNote(_scope(doc), note, doc.string("exercise") or None)
    else:
        exercise = _text(doc, "exercise", required=True)
        scope = _scope(doc)
        if kind is EditKind.SWAP:
            new = _text(doc, "replacement", required=True)
            edit = SwapExercise(exercise, new, scope, _dose(doc, required=False), note)
        elif kind is EditKind.DOSE:
            dose = _dose(doc, required=True)
            assert dose is not None
            edit = ChangeDose(exercise, dose, scope, note)
        elif kind is EditKind.ADD:
            side = doc.code("side", ItemSide) or ItemSide.BOTH
            edit = AddExercise(exercise, scope, _dose(doc, required=False), side, note)
        else:
            edit = RemoveExercise(exercise, scope, note)
    doc.finish()
    return edit


# Edit -> document --------------------------------------------------------------------------


def _dose_document(dose: Dose) -> dict[str, Any]:
    out: dict[str, Any] = {"sets": dose.sets}
    if dose.reps is not None:
        out["reps"] = dose.reps
    else:
        out["seconds"] = dose.seconds
    if dose.lowering_s is not None:
        out["lowering_s"] = dose.lowering_s
    return out


def _scope_document(scope: Scope) -> dict[str, Any]:
    return {
        "from": scope.from_date.isoformat(),
        "weeks": list(scope.weeks),
        "dates": [when.isoformat() for when in scope.dates],
    }


def edit_to_document(edit: Edit) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema": EDIT_SCHEMA, "kind": KIND_OF[type(edit)].value}
    if isinstance(edit, SetMinutes):
        return doc | {
            "minutes_per_day": edit.minutes_per_day,
            "from": edit.from_date.isoformat(),
            "note": edit.note,
        }
    doc["scope"] = _scope_document(edit.scope)
    if isinstance(edit, AddNote):
        return doc | {"exercise": edit.exercise, "note": edit.note}
    if isinstance(edit, SwapExercise):
        doc |= {"exercise": edit.old, "replacement": edit.new}
    else:
        doc["exercise"] = edit.exercise
    if isinstance(edit, AddExercise):
        doc["side"] = edit.side.value
    dose = getattr(edit, "dose", None)
    if dose is not None:
        doc["dose"] = _dose_document(dose)
    return doc | {"note": edit.note}


# Edit -> words -----------------------------------------------------------------------------


def dose_words(dose: Dose) -> str:
    amount = f"{dose.reps}" if dose.reps is not None else f"{dose.seconds} s"
    text = f"{dose.sets} × {amount}"
    return text + (f", {dose.lowering_s} s lowering" if dose.lowering_s else "")


def _list_words(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def scope_words(scope: Scope) -> str:
    parts = []
    if scope.weeks:
        label = "week" if len(scope.weeks) == 1 else "weeks"
        parts.append(f"{label} {_list_words([str(w) for w in scope.weeks])}")
    if scope.dates:
        parts.append(_list_words([short_date(when) for when in scope.dates]))
    return f"{' and '.join(parts)}, from {short_date(scope.from_date)}"


def _name(library: ExerciseLibrary, exercise_id: str) -> str:
    return library.get(exercise_id).name if exercise_id in library else exercise_id


def edit_words(edit: Edit, library: ExerciseLibrary) -> str:
    """One line saying what changed, e.g. "Swapped Knee circles for Ankle CARs (week 3, ...)"."""
    if isinstance(edit, SetMinutes):
        return f"Daily time set to at most {edit.minutes_per_day} min, from {short_date(edit.from_date)}"
    where = scope_words(edit.scope)
    if isinstance(edit, SwapExercise):
        dose = f" at {dose_words(edit.dose)}" if edit.dose else ""
        what = f"Swapped {_name(library, edit.old)} for {_name(library, edit.new)}{dose}"
    elif isinstance(edit, ChangeDose):
        what = f"Dose of {_name(library, edit.exercise)} set to {dose_words(edit.dose)}"
    elif isinstance(edit, AddExercise):
        dose = f" at {dose_words(edit.dose)}" if edit.dose else ""
        side = "" if edit.side is ItemSide.BOTH else f", {edit.side.value} side"
        what = f"Added {_name(library, edit.exercise)}{dose}{side}"
    elif isinstance(edit, RemoveExercise):
        what = f"Removed {_name(library, edit.exercise)}"
    else:
        about = f" about {_name(library, edit.exercise)}" if edit.exercise else ""
        what = f"Note{about}"
    return f"{what} ({where})"


def edit_exercise(edit: Edit) -> str | None:
    """The exercise a change is about, as it now stands in the plan (for a note beside it)."""
    if isinstance(edit, SwapExercise):
        return edit.new
    if isinstance(edit, (ChangeDose, AddExercise, AddNote)):
        return edit.exercise
    return None


def edit_from_day(edit: Edit) -> date:
    return edit.from_date if isinstance(edit, SetMinutes) else edit.scope.from_date
