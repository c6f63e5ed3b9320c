"""SPEC §4: heel elevation, goal, footwear, maintenance, return to development, pain rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from dorsi.core.codes import (
    Equipment,
    ItemSide,
    PainType,
    SessionStatus,
    Side,
    Sport,
    Variant,
    Weekday,
)
from dorsi.core.program.build import (
    PainLog,
    heel_elevation_cm,
    maintenance_plan,
    should_return_to_development,
)
from dorsi.core.progress.log import Session
from tests.core.program.support import (
    LIBRARY,
    START,
    has,
    items,
    plan,
    profile,
    report,
    week_days,
)


@pytest.mark.parametrize(
    ("left", "right", "heel"),
    [
        (8.0, 13.0, 2.0),
        (9.99, 12.5, 2.0),
        (10.0, 11.9, 1.0),
        (11.99, 15.0, 1.0),
        (12.0, 12.0, 0.0),
        (14.0, 13.5, 0.0),
        (None, 9.0, 2.0),
        (11.0, None, 1.0),
    ],
)
def test_heel_elevation_is_2cm_under_10_then_1cm_under_12_then_flat(left, right, heel):
    assert heel_elevation_cm(left, right) == heel


def test_heel_elevation_needs_a_measurement():
    with pytest.raises(ValueError, match="at least one"):
        heel_elevation_cm(None, None)


def test_plan_carries_the_heel_rule_and_todays_value():
    heel = plan(report(left=9.2, right=11.0)).heel_elevation
    assert heel.current_cm == 2.0
    assert [(s.below_cm, s.heel_cm) for s in heel.steps] == [(10.0, 2.0), (12.0, 1.0), (None, 0.0)]
    assert plan(report(left=11.0, right=11.5)).heel_elevation.current_cm == 1.0
    assert heel.sources


def test_goal_is_both_sides_at_10cm_without_meaningful_asymmetry():
    goal = plan(report(left=8.0, right=9.0)).goal
    assert (goal.knee_to_wall_cm, goal.no_meaningful_asymmetry, goal.met_at_baseline) == (
        10.0,
        True,
        False,
    )


def test_goal_already_met_at_baseline_is_flagged_but_asymmetry_still_counts():
    assert plan(report(left=11.0, right=12.0)).goal.met_at_baseline
    assert not plan(report(left=10.5, right=13.5)).goal.met_at_baseline  # 3 cm apart


def test_footwear_advice_is_optional_and_emphasised_for_high_drop_or_desk_work():
    plain = plan(report()).footwear
    assert not plain.emphasised
    assert plain.transition_weeks == (8, 12)
    assert "8\u201312 weeks" in plain.text
    shoes = plan(report(who=profile(shoe_drop_mm=10, desk_job=True))).footwear
    assert shoes.emphasised
    assert shoes.reasons == ("high_shoe_drop", "desk_job")
    assert "10\u00a0mm" in shoes.text
    assert not plan(report(who=profile(shoe_drop_mm=4))).footwear.emphasised


def test_an_8_mm_drop_takes_an_not_a():
    shoes = plan(report(who=profile(shoe_drop_mm=8))).footwear.text
    assert "your shoes have an 8\u00a0mm drop" in shoes
    assert "a 8" not in shoes


def test_maintenance_is_5_minutes_before_training_and_stretching_on_two_other_days():
    m = maintenance_plan(profile(training=(Weekday.MON, Weekday.THU)), library=LIBRARY)
    assert m.before_training.days == (Weekday.MON, Weekday.THU)
    assert m.before_training.minutes == 5.0
    assert [i.exercise for i in m.before_training.items] == [
        "knee-to-wall-circles",
        "banded-ankle-mobilization",
    ]
    banded = m.before_training.items[1]
    assert (banded.sets, banded.side) == (1, ItemSide.BOTH)
    assert banded.per_side
    assert len(m.other_days.days) == 2
    assert not set(m.other_days.days) & {Weekday.MON, Weekday.THU}
    assert {i.exercise for i in m.other_days.items} == {
        "gastrocnemius-wall-stretch",
        "soleus-wall-stretch",
        "single-leg-calf-raise",
    }
    assert m.return_drop_cm == 1.5


def test_maintenance_keeps_strength_with_single_leg_raises_2x15_twice_a_week():
    m = maintenance_plan(profile(training=(Weekday.MON, Weekday.THU)), library=LIBRARY)
    (raises,) = [i for i in m.other_days.items if i.exercise == "single-leg-calf-raise"]
    assert (raises.sets, raises.reps, raises.dose.lowering_s) == (2, 15, 3)
    assert len(m.other_days.days) == 2
    assert m.other_days.minutes <= 8.0


def test_maintenance_spreads_the_stretching_days_and_uses_substitutes():
    m = maintenance_plan(profile(equipment=(Equipment.WALL,)), library=LIBRARY)
    assert m.other_days.days == (Weekday.TUE, Weekday.SAT)
    assert m.before_training.items[1].exercise == "half-kneeling-lunge-talus-pressure"
    full_week = maintenance_plan(profile(training=tuple(Weekday)[:6]), library=LIBRARY)
    assert full_week.other_days.days == (Weekday.SUN,)


def test_maintenance_without_training_days_runs_the_routine_3_days_a_week():
    m = maintenance_plan(profile(training=()), library=LIBRARY)
    assert m.before_training.days == (Weekday.MON, Weekday.WED, Weekday.FRI)
    assert m.before_training.minutes <= 5.0
    assert len(m.other_days.days) == 2
    assert not set(m.other_days.days) & set(m.before_training.days)


def test_plan_includes_the_maintenance_template():
    p = plan(report(who=profile(training=(Weekday.TUE,))))
    assert p.maintenance.before_training.days == (Weekday.TUE,)


@pytest.mark.parametrize(("latest_left", "expected"), [(10.0, True), (10.1, False), (12.0, False)])
def test_return_to_development_after_a_real_drop_of_1_5cm(latest_left, expected):
    goal = {Side.LEFT: 11.5, Side.RIGHT: 12.0}
    latest = {Side.LEFT: latest_left, Side.RIGHT: 12.0}
    assert should_return_to_development(goal, latest) is expected


def test_return_to_development_ignores_a_side_without_values():
    assert not should_return_to_development(
        {Side.LEFT: 12.0, Side.RIGHT: None}, {Side.LEFT: 11.0, Side.RIGHT: 5.0}
    )


def _days_from(p, day_number):
    return [d for d in p.days if d.day >= day_number]


def test_sharp_pain_swaps_exercise_for_regression():
    logged = START + timedelta(days=9)  # day 10
    p = plan(sessions=[PainLog(logged, "knee-to-wall-circles", PainType.SHARP)])
    before = [d for d in p.days if d.date <= logged]
    after = [d for d in p.days if d.date > logged]
    assert all(has(d, "knee-to-wall-circles") for d in before)
    assert not any(has(d, "knee-to-wall-circles") for d in after)
    swapped = items(after, "knee-to-wall-rock")
    assert swapped
    assert all(i.note and "sharp pain" in i.note for i in swapped)
    assert "pain_regression" in p.adaptation_codes()


def test_pinch_pain_on_the_regression_steps_down_again():
    p = plan(
        sessions=[
            PainLog(START, "knee-to-wall-circles", PainType.PINCH),
            PainLog(START + timedelta(days=2), "knee-to-wall-rock", PainType.PINCH),
        ]
    )
    assert has(p.days[1], "knee-to-wall-rock")
    assert has(p.days[3], "ankle-cars")
    assert not has(p.days[3], "knee-to-wall-rock")


def test_logged_sessions_from_the_log_document_drive_the_pain_rule():
    session = Session(
        when=START + timedelta(days=40),
        status=SessionStatus.DONE,
        pain=6,
        pain_type=PainType.SHARP,
        exercise="banded-ankle-mobilization",
    )
    p = plan(sessions=[session])
    later = _days_from(p, 42)
    assert not items(later, "banded-ankle-mobilization")
    assert items(later, "half-kneeling-lunge-talus-pressure")
    assert items(week_days(p, 6)[:5], "banded-ankle-mobilization")


@pytest.mark.parametrize("pain", [PainType.NONE, PainType.STRETCH, PainType.DULL])
def test_other_pain_types_change_nothing(pain):
    p = plan(sessions=[PainLog(START, "knee-to-wall-circles", pain)])
    assert p.weeks == plan().weeks
    assert "pain_regression" not in p.adaptation_codes()


def test_pain_without_an_exercise_changes_nothing():
    assert plan(sessions=[PainLog(START, None, PainType.SHARP)]).weeks == plan().weeks


def test_pain_in_eccentric_lowering_steps_down_to_step_calf_raises():
    p = plan(sessions=[PainLog(START, "eccentric-calf-lowering", PainType.SHARP)])
    assert not any(has(d, "eccentric-calf-lowering") for d in p.days)
    assert min(d.day for d in p.days if has(d, "step-calf-raise")) == 22


def test_pain_in_an_exercise_without_regression_drops_it_and_says_so():
    who = profile(sports=(Sport.SOCCER,), equipment=(Equipment.WALL, Equipment.BAND))
    p = plan(report(who=who), sessions=[PainLog(START, "lateral-squat-walk", PainType.SHARP)])
    assert not any(has(d, "lateral-squat-walk") for d in p.days)
    assert any(has(d, "single-leg-balance-alphabet") for d in p.days)
    (trace,) = [a for a in p.adaptations if a.code == "pain_regression"]
    assert "left out" in trace.text


def test_half_kneeling_values_do_not_set_the_standing_heel_lift():
    rep = report(left=9.0, right=9.0)
    half = replace(rep, input=replace(rep.input, variant=Variant.HALF_KNEELING))
    heel = plan(half).heel_elevation
    assert heel.current_cm is None
    assert "standing test" in heel.text
