"""dorsi.log/v1 parsing: valid logs become values; every bad field is named in the error."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from dorsi.core.codes import Effort, PainType, SessionStatus, Unit, Variant
from dorsi.core.errors import ValidationError
from dorsi.core.progress.log import (
    log_to_document,
    parse_log,
    parse_retest,
    parse_session,
    session_to_document,
)


def log_doc() -> dict[str, Any]:
    return {
        "schema": "dorsi.log/v1",
        "assessment": {
            "schema": "dorsi.assessment/v1",
            "date": "2026-09-01",
            "knee_to_wall": {"unit": "cm", "left": 7.6, "right": 10.2},
        },
        "plan_start": "2026-09-01",
        "today": "2026-10-20",
        "retests": [
            {"date": "2026-10-06", "unit": "cm", "left": 8.9, "right": 10.6},
            {"date": "2026-09-21", "unit": "in", "left": 3.5, "right": None},
        ],
        "sessions": [
            {
                "date": "2026-10-20",
                "status": "done",
                "minutes": 10,
                "pain": 2,
                "pain_type": "stretch",
                "exercise": "banded-ankle-mobilization",
            },
            {"date": "2026-10-19", "status": "skipped"},
        ],
    }


def error_for(doc: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_log(doc)
    return caught.value


def test_valid_log_is_parsed_with_dates_and_codes() -> None:
    log = parse_log(log_doc())
    assert log.plan_start == date(2026, 9, 1)
    assert log.today == date(2026, 10, 20)
    assert log.assessment.left.knee_to_wall_cm == pytest.approx(7.6)
    assert log.baseline_date == date(2026, 9, 1)


def test_retests_are_sorted_by_date_and_inches_become_cm() -> None:
    log = parse_log(log_doc())
    assert [r.when for r in log.retests] == [date(2026, 9, 21), date(2026, 10, 6)]
    first = log.retests[0]
    assert first.left_cm == pytest.approx(8.89)
    assert first.right_cm is None
    assert first.unit is Unit.IN


def test_session_defaults_are_zero_minutes_zero_pain_and_no_pain_type() -> None:
    skipped = parse_log(log_doc()).sessions[0]
    assert skipped.when == date(2026, 10, 19)
    assert skipped.status is SessionStatus.SKIPPED
    assert (skipped.minutes, skipped.pain, skipped.pain_type) == (0.0, 0.0, PainType.NONE)
    assert skipped.exercise is None


def test_retest_unit_defaults_to_the_assessment_unit() -> None:
    doc = log_doc()
    doc["assessment"]["knee_to_wall"] = {"unit": "in", "left": 3.0}
    doc["retests"] = [{"date": "2026-10-01", "left": 4.0}]
    retest = parse_log(doc).retests[0]
    assert retest.unit is Unit.IN
    assert retest.left_cm == pytest.approx(10.16)


def test_baseline_is_dated_at_plan_start_when_the_assessment_has_no_date() -> None:
    doc = log_doc()
    del doc["assessment"]["date"]
    doc["plan_start"] = "2026-09-03"
    doc["retests"] = []
    assert parse_log(doc).baseline_date == date(2026, 9, 3)


def test_document_round_trips() -> None:
    log = parse_log(log_doc())
    assert parse_log(log_to_document(log)) == log


def test_unknown_fields_are_recorded_not_fatal() -> None:
    doc = log_doc()
    doc["note"] = "hello"
    doc["sessions"][0]["mood"] = "great"
    doc["assessment"]["colour"] = "blue"
    assert parse_log(doc).ignored_fields == ("assessment.colour", "note", "sessions[0].mood")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("assessment"), "assessment"),
        (lambda d: d["assessment"]["knee_to_wall"].update(left=26), "assessment.knee_to_wall.left"),
        (lambda d: d["assessment"].update(knee_to_wall={}), "assessment.knee_to_wall"),
        (lambda d: d.update(assessment=[]), "assessment"),
        (lambda d: d["assessment"].update(schema="dorsi.plan/v1"), "assessment.schema"),
        (lambda d: d.update(schema="dorsi.log/v2"), "schema"),
        (lambda d: d.pop("plan_start"), "plan_start"),
        (lambda d: d.update(today="20-10-2026"), "today"),
        (lambda d: d.update(today="2026-08-31"), "today"),
        (lambda d: d["assessment"].update(date="2026-10-21"), "assessment.date"),
        (lambda d: d.update(retests={}), "retests"),
        (lambda d: d["retests"].append(5), "retests[2]"),
        (lambda d: d["retests"][1].update(date="2026-10-21"), "retests[1].date"),
        (lambda d: d["retests"][1].update(date="2026-08-31"), "retests[1].date"),
        (lambda d: d["retests"][0].update(left=25.5), "retests[0].left"),
        (lambda d: d["retests"][1].update(left=10.5), "retests[1].left"),
        (lambda d: d["retests"][0].update(right=-1), "retests[0].right"),
        (lambda d: d["retests"][0].update(right="9"), "retests[0].right"),
        (lambda d: d["retests"][0].update(unit="mm"), "retests[0].unit"),
        (lambda d: d["retests"][0].update(left=None, right=None), "retests[0]"),
        (lambda d: d["retests"][0].update(variant="half_kneeling"), "retests[0].variant"),
        (lambda d: d["sessions"][1].update(date="2026-10-21"), "sessions[1].date"),
        (lambda d: d["sessions"][1].pop("date"), "sessions[1].date"),
        (lambda d: d["sessions"][1].pop("status"), "sessions[1].status"),
        (lambda d: d["sessions"][1].update(status="finished"), "sessions[1].status"),
        (lambda d: d["sessions"][0].update(minutes=601), "sessions[0].minutes"),
        (lambda d: d["sessions"][0].update(minutes=-1), "sessions[0].minutes"),
        (lambda d: d["sessions"][0].update(pain=11), "sessions[0].pain"),
        (lambda d: d["sessions"][0].update(pain_type="burning"), "sessions[0].pain_type"),
        (lambda d: d["sessions"][0].update(exercise="Ankle Cars"), "sessions[0].exercise"),
        (lambda d: d["sessions"][0].update(exercise=3), "sessions[0].exercise"),
    ],
)
def test_bad_input_names_the_field(change: Any, field: str) -> None:
    doc = copy.deepcopy(log_doc())
    change(doc)
    assert error_for(doc).field == field


def test_retest_after_today_message_names_both_dates() -> None:
    doc = log_doc()
    doc["retests"][0]["date"] = "2026-10-21"
    error = error_for(doc)
    assert "2026-10-21" in error.problem
    assert "2026-10-20" in error.problem


def test_out_of_range_inch_retest_gives_the_inch_range() -> None:
    doc = log_doc()
    doc["retests"][1]["left"] = 10.5
    assert "0 to 10\u00a0in" in error_for(doc).problem


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError, match="document"):
        parse_log([1, 2])


def test_sessions_before_plan_start_and_retests_on_baseline_day_are_allowed() -> None:
    doc = log_doc()
    doc["sessions"].append({"date": "2026-08-20", "status": "done", "minutes": 5})
    doc["retests"].append({"date": "2026-09-01", "unit": "cm", "left": 7.5})
    log = parse_log(doc)
    assert log.sessions[0].when == date(2026, 8, 20)
    assert log.retests[0].when == date(2026, 9, 1)


def test_today_may_equal_plan_start() -> None:
    doc = log_doc()
    doc.update(today="2026-09-01", retests=[], sessions=[])
    assert parse_log(doc).today == date(2026, 9, 1)


def test_a_retest_checks_on_its_own_against_its_baseline():
    retest = parse_retest(
        {"date": "2026-03-01", "unit": "in", "left": 4},
        variant=Variant.STANDING,
        default_unit=Unit.CM,
        baseline=date(2026, 2, 1),
        today=date(2026, 3, 2),
    )
    assert (retest.left_cm, retest.right_cm, retest.unit) == (10.16, None, Unit.IN)
    with pytest.raises(ValidationError) as error:
        parse_retest(
            {"date": "2026-01-01", "left": 9},
            variant=Variant.STANDING,
            default_unit=Unit.CM,
            baseline=date(2026, 2, 1),
            today=date(2026, 3, 2),
        )
    assert error.value.field == "date"
    assert "before the baseline assessment (2026-02-01)" in error.value.problem


def test_a_session_checks_on_its_own():
    session = parse_session(
        {"date": "2026-03-01", "status": "done", "pain": 6, "pain_type": "sharp"},
        today=date(2026, 3, 1),
    )
    assert (session.pain, session.pain_type) == (6.0, PainType.SHARP)
    with pytest.raises(ValidationError) as error:
        parse_session({"date": "2026-03-01", "status": "done", "pain": 11}, today=date(2026, 3, 1))
    assert error.value.field == "pain"


def test_sessions_carry_swelling_and_efforts_and_round_trip() -> None:
    entry = {
        "date": "2026-01-05",
        "status": "done",
        "swelling": True,
        "efforts": [{"exercise": "ankle-cars", "effort": "too_easy"}],
    }
    session = parse_session(entry, today=date(2026, 1, 6))
    assert session.swelling is True
    assert session.efforts == (("ankle-cars", Effort.TOO_EASY),)
    again = parse_session(session_to_document(session), today=date(2026, 1, 6))
    assert again == session


@pytest.mark.parametrize(
    ("effort", "field"),
    [
        ({"exercise": "Not An Id", "effort": "right"}, "efforts[0].exercise"),
        ({"exercise": "ankle-cars"}, "efforts[0].effort"),
    ],
)
def test_a_bad_effort_names_its_field(effort: dict[str, str], field: str) -> None:
    entry = {"date": "2026-01-05", "status": "done", "efforts": [effort]}
    with pytest.raises(ValidationError) as caught:
        parse_session(entry, today=date(2026, 1, 6))
    assert caught.value.field == field
