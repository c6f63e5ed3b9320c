"""A coach's plan changes: pure operations on the Plan value, held to the plan's rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import cache

import pytest

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.codes import Equipment, ItemSide
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan
from dorsi.core.program.checks import check_plan
from dorsi.core.program.document import plan_to_document
from dorsi.core.program.edits import (
    AddExercise,
    AddNote,
    ChangeDose,
    EditContext,
    RemoveExercise,
    Scope,
    SetMinutes,
    SwapExercise,
    apply_edit,
    default_dose,
    replay,
    touches,
)
from dorsi.core.program.fit import dose_minutes
from dorsi.core.program.parse import parse_plan
from dorsi.core.program.progression import ramp_violations
from dorsi.core.program.values import Dose, Plan, PlanDay
from tests.core.program.support import with_a_jump

LIBRARY = load_library()
START = date(2026, 6, 1)
TODAY = date(2026, 6, 17)  # day 17, week 3
CIRCLES = "knee-to-wall-circles"
KIT = frozenset({Equipment.WALL, Equipment.BAND, Equipment.STEP})
CTX = EditContext(LIBRARY, owned=KIT)


@cache
def _plan(minutes: int = 10) -> Plan:
    document = {
        "profile": {"age": 34, "equipment": ["band", "step"], "minutes_per_day": minutes},
        "knee_to_wall": {"left": 7.5, "right": 10.5},
        "felt": {"left": "front_pinch"},
    }
    return build_plan(assess(parse_assessment(document)), start=START, library=LIBRARY)


def _weeks(*numbers: int) -> Scope:
    return Scope(from_date=TODAY, weeks=numbers)


def _ids(day: PlanDay | None) -> list[str]:
    assert day is not None
    return [item.exercise for item in day.items]


def _day(plan: Plan, when: date) -> PlanDay:
    day = plan.development_day(when)
    assert day is not None
    return day


def test_swap_replaces_the_exercise_on_the_chosen_weeks_from_today_only() -> None:
    plan = _plan(30)  # sessions use 15 min: room for a longer exercise
    edit = SwapExercise(CIRCLES, "ankle-cars", _weeks(3, 4))
    changed = apply_edit(plan, edit, CTX)
    assert CIRCLES in _ids(_day(changed, TODAY - timedelta(days=1)))  # the past stays
    for when in (TODAY, date(2026, 6, 28)):
        assert "ankle-cars" in _ids(_day(changed, when))
        assert CIRCLES not in _ids(_day(changed, when))
    assert CIRCLES in _ids(_day(changed, date(2026, 6, 29)))  # week 5 is not chosen


def test_a_swapped_exercise_takes_its_library_dose_and_minutes() -> None:
    changed = apply_edit(_plan(), SwapExercise(CIRCLES, "ankle-cars", _weeks(3)), CTX)
    item = next(i for i in _day(changed, TODAY).items if i.exercise == "ankle-cars")
    exercise = LIBRARY.get("ankle-cars")
    assert item.name == exercise.name
    assert (item.sets, item.reps, item.seconds) == (
        exercise.dose.sets,
        exercise.dose.reps,
        exercise.dose.seconds,
    )
    assert item.minutes > 0


def test_swap_to_an_exercise_needing_missing_equipment_is_refused() -> None:
    needs_roller = next(e for e in LIBRARY if Equipment.FOAM_ROLLER in e.needs)
    with pytest.raises(ValidationError, match="foam roller") as raised:
        apply_edit(_plan(), SwapExercise(CIRCLES, needs_roller.id, _weeks(3)), CTX)
    assert raised.value.field == "replacement"


def test_swap_to_an_unknown_exercise_names_it() -> None:
    with pytest.raises(ValidationError, match="unknown exercise id 'no-such'"):
        apply_edit(_plan(), SwapExercise(CIRCLES, "no-such", _weeks(3)), CTX)


def test_swap_of_an_exercise_absent_from_the_chosen_days_is_refused() -> None:
    absent = next(e for e in LIBRARY if e.available(KIT) and e.id not in _ids(_day(_plan(), TODAY)))
    with pytest.raises(ValidationError, match="is not on any of the chosen days"):
        apply_edit(_plan(), SwapExercise(absent.id, "ankle-cars", _weeks(3)), CTX)


def test_a_change_reaching_only_past_days_is_refused() -> None:
    with pytest.raises(ValidationError, match="from today on") as raised:
        apply_edit(_plan(), SwapExercise(CIRCLES, "ankle-cars", _weeks(1, 2)), CTX)
    assert raised.value.field == "scope"


def test_dose_change_sets_the_dose_and_recomputes_the_minutes() -> None:
    dose = Dose(1, seconds=45)
    changed = apply_edit(_plan(), ChangeDose(CIRCLES, dose, Scope(TODAY, dates=(TODAY,))), CTX)
    item = next(i for i in _day(changed, TODAY).items if i.exercise == CIRCLES)
    assert item.dose == dose
    assert item.minutes == 1.5  # 45 s each side, rounded up to the half minute
    tomorrow = next(
        i for i in _day(changed, TODAY + timedelta(days=1)).items if i.exercise == CIRCLES
    )
    assert tomorrow.dose != dose


def test_a_dose_over_the_time_budget_is_refused_naming_the_day() -> None:
    with pytest.raises(
        ValidationError, match=r"day 17 \(week 3, 2026-06-17\).*over the plan's 10 min"
    ):
        apply_edit(
            _plan(), ChangeDose(CIRCLES, Dose(5, seconds=120), Scope(TODAY, dates=(TODAY,))), CTX
        )


def test_a_dose_outside_the_valid_range_is_refused() -> None:
    with pytest.raises(ValidationError, match="outside the valid range 1 to 10\u00a0sets"):
        apply_edit(_plan(), ChangeDose(CIRCLES, Dose(12, seconds=30), _weeks(3)), CTX)
    with pytest.raises(ValidationError, match="either reps or seconds"):
        apply_edit(_plan(), ChangeDose(CIRCLES, Dose(1, reps=5, seconds=30), _weeks(3)), CTX)


def test_add_puts_the_exercise_on_each_chosen_day_within_the_budget() -> None:
    plan = _plan(30)
    edit = AddExercise("ankle-cars", Scope(TODAY, dates=(TODAY,)), Dose(1, reps=5), ItemSide.LEFT)
    changed = apply_edit(plan, edit, CTX)
    added = _day(changed, TODAY).items[-1]
    assert (added.exercise, added.side, added.sets, added.reps) == (
        "ankle-cars",
        ItemSide.LEFT,
        1,
        5,
    )
    assert _ids(_day(changed, TODAY + timedelta(days=1))) == _ids(
        _day(plan, TODAY + timedelta(days=1))
    )


def test_adding_an_exercise_already_on_the_day_is_refused() -> None:
    with pytest.raises(ValidationError, match="already on day 17"):
        apply_edit(_plan(15), AddExercise(CIRCLES, Scope(TODAY, dates=(TODAY,))), CTX)


def test_adding_one_side_of_a_two_footed_exercise_is_refused() -> None:
    both_feet = next(e for e in LIBRARY if not e.per_side and e.available(KIT))
    with pytest.raises(ValidationError, match="both feet"):
        apply_edit(_plan(15), AddExercise(both_feet.id, _weeks(3), side=ItemSide.RIGHT), CTX)


def test_remove_takes_the_exercise_off_the_chosen_days() -> None:
    changed = apply_edit(_plan(), RemoveExercise(CIRCLES, _weeks(3)), CTX)
    assert CIRCLES not in _ids(_day(changed, TODAY))
    assert CIRCLES in _ids(_day(changed, date(2026, 6, 22)))


def test_removing_the_last_exercise_of_a_day_is_refused() -> None:
    plan = _plan()
    day = _day(plan, TODAY)
    scope = Scope(TODAY, dates=(TODAY,))
    first, *others = dict.fromkeys(_ids(day))
    for exercise in others:
        plan = apply_edit(plan, RemoveExercise(exercise, scope), CTX)
    with pytest.raises(ValidationError, match="would leave day 17"):
        apply_edit(plan, RemoveExercise(first, scope), CTX)


def test_minutes_can_rise_and_cannot_fall_under_a_day_already_held() -> None:
    plan = _plan()
    assert apply_edit(plan, SetMinutes(20, TODAY), CTX).minutes_per_day == 20
    longest = max(day.minutes for day in plan.days)
    with pytest.raises(ValidationError, match="cannot go below"):
        apply_edit(plan, SetMinutes(int(longest) - 1, TODAY), CTX)
    with pytest.raises(ValidationError, match="outside the valid range 5 to 60\u00a0min"):
        apply_edit(plan, SetMinutes(90, TODAY), CTX)


def test_a_note_changes_nothing_and_must_be_about_a_chosen_exercise() -> None:
    plan = _plan()
    note = AddNote(_weeks(3), "Slow down on the way back", CIRCLES)
    assert apply_edit(plan, note, CTX) == plan
    with pytest.raises(ValidationError, match="write the note"):
        apply_edit(plan, AddNote(_weeks(3), "  "), CTX)
    with pytest.raises(ValidationError, match="longer than 2000"):
        apply_edit(plan, AddNote(_weeks(3), "x" * 2001), CTX)


def test_a_red_flag_holds_every_change() -> None:
    held = EditContext(LIBRARY, owned=KIT, held_by_red_flag=True)
    with pytest.raises(ValidationError, match="red flag holds") as raised:
        apply_edit(_plan(), SwapExercise(CIRCLES, "ankle-cars", _weeks(3)), held)
    assert raised.value.field == "plan"


def test_replay_applies_edits_in_order_and_leaves_out_those_that_no_longer_fit() -> None:
    swap = SwapExercise(CIRCLES, "ankle-cars", _weeks(3))
    again = SwapExercise(CIRCLES, "knee-circles", _weeks(3))  # circles are gone after the swap
    plan, skipped = replay(_plan(), [(1, swap), (2, again)], CTX)
    assert "ankle-cars" in _ids(_day(plan, TODAY))
    assert skipped == (2,)


def test_touches_tells_which_days_a_change_reaches() -> None:
    plan = _plan()
    swap = SwapExercise(CIRCLES, "ankle-cars", _weeks(3))
    assert touches(swap, _day(plan, TODAY)) is True
    assert touches(swap, _day(plan, TODAY - timedelta(days=1))) is False
    assert touches(SetMinutes(20, TODAY), _day(plan, TODAY)) is False


def test_a_swap_without_a_dose_takes_fewer_sets_where_the_usual_dose_would_not_fit() -> None:
    plan = _plan()
    day = _day(plan, TODAY)
    old = next(item for item in day.items if item.exercise == CIRCLES)
    candidates = [
        e
        for e in LIBRARY
        if e.dose.sets >= 2 and e.available(KIT) and e.id not in _ids(day) and e.per_side
    ]
    too_long = next(
        e
        for e in candidates
        if day.minutes - old.minutes + dose_minutes(default_dose(e), 2) > plan.minutes_per_day
        and day.minutes - old.minutes + dose_minutes(replace(default_dose(e), sets=1), 2)
        <= plan.minutes_per_day
    )
    today_only = Scope(from_date=TODAY, dates=(TODAY,))
    changed = apply_edit(plan, SwapExercise(CIRCLES, too_long.id, today_only), CTX)
    swapped_day = _day(changed, TODAY)
    item = next(i for i in swapped_day.items if i.exercise == too_long.id)
    assert item.sets < too_long.dose.sets
    assert swapped_day.minutes <= plan.minutes_per_day


def test_a_swap_with_the_coachs_own_dose_is_kept_as_given_and_refused_when_over_time() -> None:
    heavy = Dose(10, seconds=60)
    with pytest.raises(ValidationError, match="over the plan's 10 min"):
        apply_edit(plan := _plan(), SwapExercise(CIRCLES, "ankle-cars", _weeks(3), dose=heavy), CTX)
    assert plan.minutes_per_day == 10


# --- plans stored before the dose-progression limit (SPEC §4) -------------------------------


def _dose_in(plan: Plan, exercise: str, week: int) -> set[Dose]:
    return {i.dose for d in plan.weeks[week - 1].days for i in d.items if i.exercise == exercise}


def test_an_edit_of_a_plan_stored_before_the_progression_limit_is_accepted() -> None:
    old, exercise = with_a_jump(_plan(30))
    with pytest.raises(ValidationError, match="in one week"):
        check_plan(old, library=LIBRARY)  # the full check (an import) refuses it
    dose = Dose(1, seconds=45)
    changed = apply_edit(old, ChangeDose(CIRCLES, dose, Scope(TODAY, dates=(TODAY,))), CTX)
    assert next(i for i in _day(changed, TODAY).items if i.exercise == CIRCLES).dose == dose
    assert ramp_violations(changed.weeks) == ramp_violations(old.weeks)  # kept, not judged
    assert _dose_in(changed, exercise, 9) == {Dose(3, reps=10)}


def test_an_edit_that_makes_an_old_jump_steeper_is_refused() -> None:
    old, exercise = with_a_jump(_plan(30))
    lower = ChangeDose(exercise, Dose(1, reps=5), _weeks(8))  # week 9 stays at 3 x 10
    with pytest.raises(ValidationError, match="from 1 x 5 reps to 3 x 10 reps in one week"):
        apply_edit(old, lower, CTX)


def test_an_edit_that_adds_a_new_rise_over_the_limit_to_an_older_plan_is_refused() -> None:
    old, _ = with_a_jump(_plan(30))
    before = max(_dose_in(old, CIRCLES, 4), key=lambda dose: dose.sets * (dose.seconds or 0))
    assert before.seconds is not None
    jump = Dose(before.sets + 2, seconds=before.seconds)
    with pytest.raises(ValidationError, match="in one week") as raised:
        apply_edit(old, ChangeDose(CIRCLES, jump, _weeks(5)), CTX)
    assert "build a new plan" not in raised.value.problem  # the edit's own rise: no rebuild


def test_an_edit_that_eases_an_old_jump_is_accepted() -> None:
    old, exercise = with_a_jump(_plan(30))
    for dose in (Dose(2, reps=10), Dose(3, reps=8)):  # within the limit / still over, but less
        changed = apply_edit(old, ChangeDose(exercise, dose, _weeks(9)), CTX)
        assert _dose_in(changed, exercise, 9) == {dose}


def test_a_new_rise_over_the_limit_is_refused_on_a_generated_plan() -> None:
    plan = _plan(30)
    assert not ramp_violations(plan.weeks)
    old, exercise = with_a_jump(plan)
    week8 = ChangeDose(exercise, Dose(1, reps=10), _weeks(8))
    changed = apply_edit(plan, week8, CTX)  # 1 x 10 as in week 7: within the limit
    with pytest.raises(ValidationError, match="in one week"):
        apply_edit(changed, ChangeDose(exercise, Dose(3, reps=10), _weeks(9)), CTX)
    assert exercise in {i.exercise for d in old.weeks[8].days for i in d.items}


def test_an_imported_plan_with_a_dose_jump_is_refused_with_how_to_fix_it() -> None:
    old, _ = with_a_jump(_plan(30))
    with pytest.raises(ValidationError, match="in one week") as raised:
        parse_plan(plan_to_document(old), library=LIBRARY)
    assert "build a new plan from its assessment" in raised.value.problem
    assert raised.value.field.startswith("weeks[8].")
