"""A coach's change as a dorsi.plan-edit/v1 document and in words."""

from __future__ import annotations

from datetime import date

import pytest

from dorsi.core.coaching.edit_document import (
    edit_exercise,
    edit_from_day,
    edit_to_document,
    edit_words,
    parse_edit,
    scope_words,
)
from dorsi.core.codes import ItemSide
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.edits import (
    AddExercise,
    AddNote,
    ChangeDose,
    RemoveExercise,
    Scope,
    SetMinutes,
    SwapExercise,
)
from dorsi.core.program.values import Dose

LIBRARY = load_library()
DAY = date(2026, 6, 17)
SCOPE = Scope(DAY, weeks=(3, 4), dates=(date(2026, 7, 1),))
EDITS = [
    SwapExercise("knee-to-wall-circles", "ankle-cars", SCOPE, Dose(2, reps=10), "gentler"),
    SwapExercise("knee-to-wall-circles", "ankle-cars", SCOPE),
    ChangeDose("single-leg-calf-raise", Dose(2, reps=12, lowering_s=3), SCOPE),
    AddExercise("ankle-cars", SCOPE, Dose(1, seconds=30), ItemSide.LEFT, "left only"),
    RemoveExercise("knee-to-wall-circles", SCOPE),
    SetMinutes(15, DAY, "more time now"),
    AddNote(SCOPE, "Film the squat this week", "ankle-cars"),
    AddNote(SCOPE, "Easy week"),
]


@pytest.mark.parametrize("edit", EDITS)
def test_every_edit_survives_its_document(edit: object) -> None:
    assert parse_edit(edit_to_document(edit)) == edit  # type: ignore[arg-type]


def test_the_document_names_kind_scope_and_dose() -> None:
    doc = edit_to_document(EDITS[0])
    assert doc == {
        "schema": "dorsi.plan-edit/v1",
        "kind": "swap",
        "scope": {"from": "2026-06-17", "weeks": [3, 4], "dates": ["2026-07-01"]},
        "exercise": "knee-to-wall-circles",
        "replacement": "ankle-cars",
        "dose": {"sets": 2, "reps": 10},
        "note": "gentler",
    }


def test_a_bad_document_names_the_field() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_edit({"kind": "swap", "exercise": "a", "scope": {"from": "2026-06-17"}})
    assert raised.value.field == "replacement"
    with pytest.raises(ValidationError, match="unknown code 'rename'"):
        parse_edit({"kind": "rename"})
    with pytest.raises(ValidationError) as raised:
        parse_edit({"kind": "dose", "exercise": "a", "scope": {"from": "2026-06-17"}})
    assert raised.value.field == "dose"
    with pytest.raises(ValidationError) as raised:
        parse_edit({"kind": "remove", "exercise": "a", "scope": {"from": "x"}})
    assert raised.value.field == "scope.from"
    with pytest.raises(ValidationError, match="week numbers"):
        parse_edit(
            {"kind": "remove", "exercise": "a", "scope": {"from": "2026-06-17", "weeks": ["3"]}}
        )
    with pytest.raises(ValidationError, match="is 'dorsi.plan/v1'"):
        parse_edit({"schema": "dorsi.plan/v1", "kind": "note"})


def test_each_edit_reads_as_one_line_without_codes() -> None:
    words = [edit_words(edit, LIBRARY) for edit in EDITS]
    cars = LIBRARY.get("ankle-cars").name
    circles = LIBRARY.get("knee-to-wall-circles").name
    assert (
        words[0] == f"Swapped {circles} for {cars} at 2 × 10 (weeks 3 and 4 and 1 Jul, from 17 Jun)"
    )
    assert words[2].startswith(
        f"Dose of {LIBRARY.get('single-leg-calf-raise').name} set to 2 × 12, 3 s lowering"
    )
    assert words[3].startswith(f"Added {cars} at 1 × 30 s, left side")
    assert words[5] == "Daily time set to at most 15 min, from 17 Jun"
    assert words[6].startswith(f"Note about {cars}")
    assert not [word for word in words if "_" in word or "knee-to-wall-circles" in word]


def test_scope_words_for_one_week_and_one_day() -> None:
    assert scope_words(Scope(DAY, weeks=(5,))) == "week 5, from 17 Jun"
    assert scope_words(Scope(DAY, dates=(DAY,))) == "17 Jun, from 17 Jun"


def test_the_exercise_a_change_is_about_is_the_one_now_in_the_plan() -> None:
    assert [edit_exercise(edit) for edit in EDITS] == [
        "ankle-cars",
        "ankle-cars",
        "single-leg-calf-raise",
        "ankle-cars",
        None,
        None,
        "ankle-cars",
        None,
    ]
    assert {edit_from_day(edit) for edit in EDITS} == {DAY}
