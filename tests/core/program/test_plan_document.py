"""SPEC §7 dorsi.plan/v1: the document shape, its values, and the Markdown rendering."""

from __future__ import annotations

import json
from datetime import date, timedelta

from dorsi.core.codes import ItemSide, Sport, Weekday
from dorsi.core.program.build import plan_to_document
from dorsi.core.program.document import describe_item
from dorsi.formats.plan_text import plan_to_markdown
from tests.core.program.support import START, plan, profile, report

TOP_LEVEL = {"schema", "start", "weeks", "retests", "heel_elevation_cm", "maintenance"}
EXTENSIONS = {
    "end",
    "minutes_per_day",
    "mode",
    "video_days",
    "goal",
    "adaptations",
    "footwear",
    "expected_rate",
    "referral",
}


def document(**profile_args):
    who = profile(training=(Weekday.MON, Weekday.THU), **profile_args)
    return plan_to_document(plan(report(left=7.5, right=10.5, who=who)))


def all_days(doc):
    return [day for week in doc["weeks"] for day in week["days"]]


def test_document_has_the_spec_fields_and_the_extensions():
    doc = document()
    assert set(doc) == TOP_LEVEL | EXTENSIONS
    assert doc["schema"] == "dorsi.plan/v1"
    assert doc["start"] == "2026-11-02"
    assert doc["end"] == (START + timedelta(days=83)).isoformat()
    assert doc["minutes_per_day"] == 10


def test_weeks_and_days_carry_number_phase_date_kind_minutes_and_items():
    doc = document()
    assert [w["week"] for w in doc["weeks"]] == list(range(1, 13))
    assert [w["phase"] for w in doc["weeks"]] == (
        ["foundation"] * 4 + ["mobilization"] * 4 + ["integration"] * 4
    )
    days = all_days(doc)
    assert [d["day"] for d in days] == list(range(1, 85))
    assert days[0] | {"items": []} == {
        "day": 1,
        "date": "2026-11-02",
        "weekday": "mon",
        "kind": "warm_up",
        "minutes": days[0]["minutes"],
        "retest": False,
        "items": [],
    }
    assert {d["kind"] for d in days} == {"warm_up", "daily"}


def test_items_carry_reps_or_seconds_but_never_both():
    for day in all_days(document()):
        for item in day["items"]:
            assert {"exercise", "side", "sets", "note", "minutes", "per_side"} <= set(item)
            assert ("reps" in item) != ("seconds" in item)
            assert item["side"] in {"left", "right", "both"}
            assert item["sets"] >= 1


def test_day_minutes_equal_the_sum_of_item_minutes_and_respect_the_budget():
    for day in all_days(document(minutes=8)):
        assert day["minutes"] == sum(item["minutes"] for item in day["items"])
        assert day["minutes"] <= 8


def test_restricted_side_block_is_an_explicit_left_item():
    days = all_days(document())
    left = [i for d in days for i in d["items"] if i["side"] == "left"]
    assert left
    assert all("left" in i["note"] or "week 1" in i["note"] for i in left)


def test_single_leg_raises_carry_their_slow_lowering():
    raises = [
        i
        for d in all_days(document())
        for i in d["items"]
        if i["exercise"] == "single-leg-calf-raise"
    ]
    assert raises
    assert {i["lowering_s"] for i in raises} == {3}


def test_retests_are_iso_dates_of_days_21_35_42_49_56_63_84():
    doc = document()
    assert doc["retests"] == [
        (START + timedelta(days=n - 1)).isoformat() for n in (21, 35, 42, 49, 56, 63, 84)
    ]
    flagged = [d["date"] for d in all_days(doc) if d["retest"]]
    assert flagged == doc["retests"]


def test_heel_elevation_has_the_rule_and_the_current_value():
    heel = document()["heel_elevation_cm"]
    assert heel["current"] == 2.0
    assert heel["rule"] == [
        {"while_any_side_below_cm": 10.0, "heel_cm": 2.0},
        {"while_any_side_below_cm": 12.0, "heel_cm": 1.0},
        {"while_any_side_below_cm": None, "heel_cm": 0.0},
    ]


def test_maintenance_block_lists_days_minutes_and_items():
    maintenance = document()["maintenance"]
    before = maintenance["before_training"]
    assert before["days"] == ["mon", "thu"]
    assert before["minutes"] == 5.0
    assert [i["exercise"] for i in before["items"]] == [
        "knee-to-wall-circles",
        "banded-ankle-mobilization",
    ]
    assert len(maintenance["other_days"]["days"]) == 2
    assert maintenance["return_to_development"]["drop_cm"] == 1.5


def test_extensions_hold_goal_adaptations_footwear_rate_and_referral():
    doc = document(sports=(Sport.WEIGHTLIFTING,), age=52, shoe_drop_mm=12)
    assert doc["goal"]["knee_to_wall_cm"] == 13.0
    assert doc["goal"]["angle_deg"] == {"low": 40.0, "high": 45.0}
    codes = {a["code"] for a in doc["adaptations"]}
    assert {"weightlifting_target", "age_over_40_slower_rate", "asymmetry_extra_block"} <= codes
    assert all(a["sources"] for a in doc["adaptations"])
    assert doc["footwear"]["emphasised"] is True
    assert doc["footwear"]["transition_weeks"] == [8, 12]
    assert doc["expected_rate"]["age_adjusted"] is True
    assert doc["referral"] == {"level": "none", "reasons": [], "cleared_by_professional": False}


def test_document_survives_a_json_round_trip():
    doc = document()
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc


def test_markdown_shows_every_week_the_retests_and_the_reasons():
    p = plan(report(left=7.5, right=10.5, who=profile(training=(Weekday.MON,))))
    text = plan_to_markdown(p)
    assert text.startswith("# Your 12-week ankle plan from 2026-11-02")
    assert all(f"## Week {n} — " in text for n in range(1, 13))
    assert all(d.isoformat() in text for d in p.retests)
    assert "retest knee-to-wall today" in text
    assert "Your left ankle is 3.0 cm behind the other" in text
    assert "## After the goal: maintenance" in text
    assert "Today: 2 cm." in text


def test_item_description_names_the_side_and_the_dose():
    p = plan(report(left=7.0, right=10.0))
    day = p.days[0]
    lines = [describe_item(i) for i in day.items]
    assert "Knee-to-wall circles: 2 × 60 s each side" in lines[0]
    left = [describe_item(i) for i in day.items if i.side is ItemSide.LEFT]
    assert left
    assert all(", left side only" in line for line in left)
    assert date(2026, 11, 2) == p.days[0].date
