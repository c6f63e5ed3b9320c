"""dorsi.plan/v1 -> Plan: the reader gives back the plan the writer wrote, and names the field
of anything it refuses. The plan's day logic (session_on, end, next_retest) lives on the value."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from dorsi.core.codes import DayKind, ItemSide, Phase, PlanMode, Sport, Weekday
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import plan_to_document
from dorsi.core.program.parse import parse_plan
from tests.core.program.support import START, plan, profile, report

LIBRARY = load_library()


def _plan(**profile_args):
    who = profile(training=(Weekday.MON, Weekday.THU), **profile_args)
    return plan(report(left=7.5, right=10.5, who=who))


@pytest.mark.parametrize(
    "profile_args",
    [{}, {"minutes": 5}, {"minutes": 30, "sports": (Sport.RUNNING,)}, {"equipment": ()}],
)
def test_parsing_the_written_document_gives_the_same_plan(profile_args):
    original = _plan(**profile_args)
    assert parse_plan(plan_to_document(original), library=LIBRARY) == original


def test_the_mode_round_trips():
    maintenance = _plan().with_mode(PlanMode.MAINTENANCE)
    assert parse_plan(plan_to_document(maintenance)).mode is PlanMode.MAINTENANCE


def _broken(change):
    document = copy.deepcopy(plan_to_document(_plan()))
    change(document)
    with pytest.raises(ValidationError) as error:
        parse_plan(document, library=LIBRARY)
    return error.value


def test_weeks_that_are_not_a_list_are_refused_by_name():
    error = _broken(lambda d: d.__setitem__("weeks", "x"))
    assert (error.field, error.problem) == ("weeks", "must be a list, got a string")


def test_a_missing_week_is_refused():
    error = _broken(lambda d: d["weeks"].pop())
    assert error.field == "weeks"
    assert "12 weeks" in error.problem


def test_a_day_out_of_sequence_names_its_date():
    def change(document):
        document["weeks"][1]["days"][3]["date"] = "2030-01-01"

    error = _broken(change)
    assert error.field == "weeks[1].days[3].date"
    assert error.problem == f"must be {(START + timedelta(days=10)).isoformat()}"


def test_an_unknown_exercise_names_the_item():
    def change(document):
        document["weeks"][0]["days"][0]["items"][0]["exercise"] = "moon-walk"

    error = _broken(change)
    assert error.field == "weeks[0].days[0].items[0].exercise"
    assert "unknown exercise id 'moon-walk'" in error.problem


def test_a_day_over_the_time_budget_is_refused():
    def change(document):
        document["weeks"][2]["days"][2]["items"][0]["minutes"] = 30

    error = _broken(change)
    assert error.field == "weeks[2].days[2].minutes"
    assert "over the plan's 10 min a day" in error.problem


def test_an_item_with_reps_and_seconds_is_refused():
    def change(document):
        document["weeks"][0]["days"][0]["items"][0].update(reps=10, seconds=30)

    assert _broken(change).field == "weeks[0].days[0].items[0]"


def test_a_nul_character_in_a_note_is_refused():
    def change(document):
        document["weeks"][0]["days"][0]["items"][0]["note"] = "a\x00b"

    error = _broken(change)
    assert (error.field, error.problem) == (
        "weeks[0].days[0].items[0].note",
        "contains a NUL character",
    )


def test_a_one_side_block_of_a_two_footed_exercise_is_refused():
    def change(document):
        item = document["weeks"][0]["days"][0]["items"][0]
        item.update(exercise="deep-squat-rock", side=ItemSide.LEFT.value)

    error = _broken(change)
    assert error.field == "weeks[0].days[0].items[0].side"


def test_development_day_lookup_and_end():
    value = _plan()
    assert value.end == START + timedelta(days=83)
    day = value.session_on(START + timedelta(days=9))
    assert (day.day, day.week, day.phase) == (10, 2, Phase.FOUNDATION)
    assert value.session_on(START - timedelta(days=1)) is None
    assert value.session_on(value.end + timedelta(days=1)) is None
    assert value.is_over(value.end + timedelta(days=1))
    assert not value.is_over(value.end)


def test_next_retest_is_the_first_on_or_after_today():
    value = _plan()
    assert value.next_retest(START) == START + timedelta(days=20)
    assert value.next_retest(START + timedelta(days=20)) == START + timedelta(days=20)
    assert value.next_retest(START + timedelta(days=21)) == START + timedelta(days=34)
    assert value.next_retest(value.end + timedelta(days=1)) is None


def test_maintenance_days_follow_the_weekly_routine():
    value = _plan().with_mode(PlanMode.MAINTENANCE)
    monday = START + timedelta(days=7)  # a training day
    day = value.session_on(monday)
    assert day.kind is DayKind.WARM_UP
    assert day.phase is Phase.MAINTENANCE
    assert day.items == value.maintenance.before_training.items
    other = value.maintenance.other_days.days
    stretch_day = next(
        START + timedelta(days=n)
        for n in range(7, 14)
        if list(Weekday)[(START + timedelta(days=n)).weekday()] in other
    )
    assert value.session_on(stretch_day).items == value.maintenance.other_days.items
    assert not value.is_over(value.end + timedelta(days=100))


def test_a_maintenance_calendar_is_a_window_past_the_twelve_weeks():
    value = _plan().with_mode(PlanMode.MAINTENANCE)
    today = value.end + timedelta(days=30)
    days = value.calendar(today)
    assert days[0].date >= today - timedelta(days=28)
    assert days[-1].date <= today + timedelta(days=84)
    assert days[-1].date > value.end
    assert all(day.phase is Phase.MAINTENANCE for day in days)
    assert {list(Weekday)[d.date.weekday()] for d in days} <= {
        *value.maintenance.before_training.days,
        *value.maintenance.other_days.days,
    }


def test_a_development_calendar_is_the_twelve_weeks():
    value = _plan()
    assert [d.date for d in value.calendar(date(2030, 1, 1))] == [
        START + timedelta(days=n) for n in range(84)
    ]
