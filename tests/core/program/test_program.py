"""SPEC §4 program: calendar, phases, session kinds, time budgets, retests, red-flag gate."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dorsi.core.codes import DayKind, Phase, ReferralLevel, Weekday
from dorsi.core.errors import ReferralRequired
from tests.core.program.support import (
    START,
    has,
    items,
    per_side_seconds,
    plan,
    profile,
    report,
    week_days,
    weeks_with,
)

TRAINING = (Weekday.MON, Weekday.THU)


def test_plan_has_84_days_in_12_weeks_starting_on_the_start_date():
    p = plan()
    assert [w.week for w in p.weeks] == list(range(1, 13))
    assert [d.day for d in p.days] == list(range(1, 85))
    assert [d.date for d in p.days] == [START + timedelta(days=n) for n in range(84)]
    assert all(len(w.days) == 7 for w in p.weeks)


def test_phases_are_foundation_then_mobilization_then_integration_four_weeks_each():
    assert [w.phase for w in plan().weeks] == (
        [Phase.FOUNDATION] * 4 + [Phase.MOBILIZATION] * 4 + [Phase.INTEGRATION] * 4
    )


def test_retests_fall_on_days_21_35_42_49_56_63_84():
    p = plan()
    expected = [START + timedelta(days=n - 1) for n in (21, 35, 42, 49, 56, 63, 84)]
    assert list(p.retests) == expected
    assert [d.day for d in p.days if d.retest] == [21, 35, 42, 49, 56, 63, 84]


def test_every_day_has_one_session_and_none_is_a_rest_day():
    p = plan(report(who=profile(training=TRAINING)))
    assert all(d.items and d.kind is not DayKind.REST for d in p.days)
    assert len({d.date for d in p.days}) == 84


def test_training_days_get_a_two_to_three_minute_warm_up():
    p = plan(report(who=profile(training=TRAINING)))
    warm = [d for d in p.days if d.kind is DayKind.WARM_UP]
    assert {d.weekday for d in warm} == {Weekday.MON, Weekday.THU}
    assert len(warm) == 24
    assert all(2.0 <= d.minutes <= 3.0 for d in warm)


def test_warm_up_holds_the_phase_mobilization_drills():
    p = plan(report(who=profile(training=TRAINING)))
    assert {i.exercise for d in week_days(p, 1, DayKind.WARM_UP) for i in d.items} == {
        "knee-to-wall-circles"
    }
    assert "banded-ankle-mobilization" in {
        i.exercise for d in week_days(p, 6, DayKind.WARM_UP) for i in d.items
    }


def test_other_days_get_a_daily_session_of_8_to_10_minutes():
    p = plan(report(who=profile(training=TRAINING, minutes=10)))
    daily = [d for d in p.days if d.kind is DayKind.DAILY]
    assert len(daily) == 60
    assert all(8.0 <= d.minutes <= 10.0 for d in daily)


@pytest.mark.parametrize("minutes", [5, 6, 7])
def test_under_8_minutes_a_day_sessions_are_standalone_of_at_least_5_minutes(minutes):
    p = plan(report(who=profile(training=TRAINING, minutes=minutes)))
    standalone = [d for d in p.days if d.kind is DayKind.STANDALONE]
    assert len(standalone) == 60
    assert not [d for d in p.days if d.kind is DayKind.DAILY]
    assert all(5.0 <= d.minutes <= minutes for d in standalone)


@pytest.mark.parametrize("minutes", [5, 6, 7, 8, 9, 10, 12, 30, 60])
def test_no_day_exceeds_minutes_per_day(minutes):
    p = plan(report(left=7.0, right=10.5, who=profile(training=TRAINING, minutes=minutes)))
    assert max(d.minutes for d in p.days) <= minutes


def test_day_minutes_are_the_sum_of_its_items_in_half_minutes():
    for day in plan(report(left=8.0, right=11.0)).days:
        assert day.minutes == sum(i.minutes for i in day.items)
        assert all((i.minutes * 2).is_integer() and i.minutes > 0 for i in day.items)


def test_item_minutes_come_from_the_dose_not_the_library_default():
    week1 = week_days(plan(), 1)
    (circles,) = items(week1[:1], "knee-to-wall-circles")
    assert (circles.sets, circles.seconds, circles.per_side) == (2, 60, True)
    assert circles.minutes == 4.0  # 2 x 60 s on each of two sides


def test_daily_sessions_use_the_users_own_minutes_up_to_15():
    p = plan(report(who=profile(minutes=30)))
    assert max(d.minutes for d in p.days) <= 15.0
    assert min(d.minutes for d in p.days) == 15.0  # the extras fill the time given
    twelve = plan(report(who=profile(minutes=12)))
    assert max(d.minutes for d in twelve.days) == 12.0


def test_foundation_has_both_calf_stretches_2_min_each_and_circles_2_min_per_side():
    first_week = week_days(plan(), 1, DayKind.DAILY)
    for day in first_week:
        stretch, bent, circles = (
            items([day], e)[0]
            for e in ("gastrocnemius-wall-stretch", "soleus-wall-stretch", "knee-to-wall-circles")
        )
        assert stretch.minutes == 2.0
        assert bent.minutes == 2.0
        assert per_side_seconds(circles) == 120
        assert circles.per_side
    # 8 min of routine; foot work (toe yoga in the first weeks) comes on two of the days
    assert sorted(d.minutes for d in first_week) == [8.0] * 5 + [9.0] * 2


def test_strength_work_starts_in_week_4_and_not_before():
    p = plan()
    strength = set(weeks_with(p, "eccentric-calf-lowering")) | set(
        weeks_with(p, "single-leg-calf-raise")
    )
    assert min(strength) == 4
    assert strength == set(range(4, 13))


def test_strength_days_alternate_so_each_week_has_strength_and_lighter_days():
    week4 = week_days(plan(), 4)
    pattern = [has(d, "eccentric-calf-lowering") for d in week4]
    assert pattern == [True, False, True, False, True, False, True]


def test_banded_mobilization_starts_in_week_5_with_2_min_per_side():
    p = plan()
    assert min(weeks_with(p, "banded-ankle-mobilization")) == 5
    banded = items(week_days(p, 5, DayKind.DAILY), "banded-ankle-mobilization")
    assert max(per_side_seconds(i) for i in banded) == 120


def test_integration_adds_deep_squat_rocking_and_single_leg_raises_3x15_with_3s_lowering():
    p = plan()
    assert min(weeks_with(p, "deep-squat-rock")) == 9
    rocks = items(week_days(p, 9), "deep-squat-rock")
    assert rocks
    assert all(i.reps is not None and 20 <= i.reps <= 30 for i in rocks)
    raises = items(week_days(p, 9), "single-leg-calf-raise")
    assert raises
    assert all((i.sets, i.reps, i.dose.lowering_s) == (3, 15, 3) for i in raises)


def test_red_flag_blocks_plan_unless_cleared():
    flagged = report(
        referral=ReferralLevel.BEFORE_STARTING, reasons=("night_pain", "calf_swelling")
    )
    with pytest.raises(ReferralRequired) as refused:
        plan(flagged)
    assert refused.value.reasons == ("night_pain", "calf_swelling")
    cleared = plan(flagged, cleared=True)
    assert len(cleared.days) == 84
    assert "cleared_by_professional" in cleared.adaptation_codes()
    assert cleared.cleared_by_professional


def test_consider_referral_is_noted_without_blocking_the_plan():
    p = plan(report(left=8.0, referral=ReferralLevel.CONSIDER, reasons=("knee_to_wall_below_9cm",)))
    assert len(p.days) == 84
    assert "consider_professional" in p.adaptation_codes()


def test_a_plan_is_the_same_for_the_same_input():
    assert plan(report(left=8.0, right=11.0)) == plan(report(left=8.0, right=11.0))
