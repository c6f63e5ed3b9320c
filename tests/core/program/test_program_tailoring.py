"""SPEC §4 tailoring: limiting factors, asymmetry, sports, age and equipment change the plan."""

from __future__ import annotations

from dorsi.core.codes import DayKind, Equipment, ItemSide, LimitingFactor, Side, Sport, Weekday
from tests.core.program.support import (
    has,
    items,
    plan,
    profile,
    report,
    week_days,
    weeks_with,
)

CAPSULE = LimitingFactor.JOINT_CAPSULE
BOTH_SIDES = (Side.LEFT, Side.RIGHT)


def factors(factor: LimitingFactor, *sides: Side) -> dict[Side, tuple[LimitingFactor, ...]]:
    return {side: (factor,) for side in sides or BOTH_SIDES}


def test_joint_capsule_gets_banded_mobilization_from_week_one():
    p = plan(report(factors=factors(CAPSULE)))
    assert weeks_with(p, "banded-ankle-mobilization") == list(range(1, 13))
    banded = items(week_days(p, 1, DayKind.DAILY), "banded-ankle-mobilization")
    assert all(i.side is ItemSide.BOTH and i.note and "week 1" in i.note for i in banded)
    assert "joint_capsule_banded_from_week_1" in p.adaptation_codes()


def test_joint_capsule_on_one_side_mobilizes_that_side_in_the_first_weeks():
    p = plan(report(left=9.5, right=9.6, factors=factors(CAPSULE, Side.LEFT)))
    early = items(week_days(p, 2), "banded-ankle-mobilization")
    assert early
    assert {i.side for i in early} == {ItemSide.LEFT}
    later = items(week_days(p, 6), "banded-ankle-mobilization")
    assert ItemSide.BOTH in {i.side for i in later}


def test_without_capsule_restriction_banded_work_waits_for_week_5():
    assert min(weeks_with(plan(report()), "banded-ankle-mobilization")) == 5


def test_gastrocnemius_gets_an_extra_set_of_the_straight_knee_stretch():
    p = plan(report(factors=factors(LimitingFactor.GASTROCNEMIUS)))
    stretch = items(week_days(p, 1, DayKind.DAILY), "gastrocnemius-wall-stretch")
    bent = items(week_days(p, 1, DayKind.DAILY), "soleus-wall-stretch")
    assert all(i.sets == 3 for i in stretch)
    assert max(i.minutes for i in stretch) > max(i.minutes for i in bent)
    assert "gastrocnemius_extra_stretch" in p.adaptation_codes()


def test_soleus_on_one_side_gets_an_extra_bent_knee_set_on_that_side():
    p = plan(report(left=9.5, right=9.6, factors=factors(LimitingFactor.SOLEUS, Side.RIGHT)))
    extra = [i for i in items(week_days(p, 1), "soleus-wall-stretch") if i.side is ItemSide.RIGHT]
    assert extra
    assert all(i.note and "soleus" in i.note for i in extra)


def test_motor_control_gets_loaded_squat_work_from_week_5():
    p = plan(report(factors=factors(LimitingFactor.MOTOR_CONTROL)))
    assert min(weeks_with(p, "deep-squat-rock")) == 5
    assert "motor_control_loaded_from_week_5" in p.adaptation_codes()


def test_meaningful_asymmetry_adds_an_extra_block_on_the_restricted_side():
    p = plan(report(left=7.0, right=10.0))
    for week in (1, 6, 10):
        extra = [i for d in week_days(p, week) for i in d.items if i.side is ItemSide.LEFT]
        assert extra, week
        assert all(i.note and "left" in i.note for i in extra)
    assert not [i for d in p.days for i in d.items if i.side is ItemSide.RIGHT]
    assert "asymmetry_extra_block" in p.adaptation_codes()


def test_borderline_asymmetry_adds_no_extra_block():
    p = plan(report(left=9.0, right=10.8))
    assert all(i.side is ItemSide.BOTH for d in p.days for i in d.items)
    assert "asymmetry_extra_block" not in p.adaptation_codes()


def test_running_opens_warm_ups_with_lunges_and_favours_single_leg_raises():
    who = profile(sports=(Sport.RUNNING,), training=(Weekday.TUE, Weekday.SAT))
    p = plan(report(who=who))
    warm = [d for d in p.days if d.kind is DayKind.WARM_UP]
    assert all(has(d, "walking-lunge-knee-drive") for d in warm)
    assert min(weeks_with(p, "single-leg-calf-raise")) == 4
    assert not weeks_with(p, "eccentric-calf-lowering")
    assert "running_emphasis" in p.adaptation_codes()


def test_court_sports_add_balance_and_lateral_stability_after_week_4():
    for sport in (Sport.BASKETBALL, Sport.SOCCER, Sport.VOLLEYBALL):
        p = plan(report(who=profile(sports=(sport,))))
        assert min(weeks_with(p, "single-leg-balance")) == 5
        assert min(weeks_with(p, "single-leg-balance-alphabet")) == 8  # the next stage
        assert min(weeks_with(p, "mini-band-lateral-walk")) == 5
        assert "court_sport_stability" in p.adaptation_codes()


def test_weightlifting_raises_the_target_and_starts_deep_squats_in_week_5():
    p = plan(report(who=profile(sports=(Sport.WEIGHTLIFTING,))))
    assert p.goal.knee_to_wall_cm == 13.0
    assert (p.goal.angle_low_deg, p.goal.angle_high_deg) == (40.0, 45.0)
    assert min(weeks_with(p, "deep-squat-rock")) == 5
    assert plan(report()).goal.knee_to_wall_cm == 10.0


def test_swimming_puts_the_dorsiflexion_drills_first():
    swim = plan(report(who=profile(sports=(Sport.SWIMMING,))))
    circles = items(week_days(swim, 1), "knee-to-wall-circles")
    assert all(i.note and "swimmers" in i.note for i in circles)
    assert "swimming_dorsiflexion" in swim.adaptation_codes()


def test_over_40_lowers_the_expected_rate_of_gain():
    young = plan(report(who=profile(age=30))).expected_rate
    older = plan(report(who=profile(age=55))).expected_rate
    assert older.cm_per_week < young.cm_per_week
    assert older.age_adjusted
    assert not young.age_adjusted
    assert plan(report(who=profile(age=55))).expected_rate_cm_per_week == older.cm_per_week


def test_no_band_swaps_banded_mobilization_for_the_talus_pressure_lunge():
    p = plan(report(who=profile(equipment=(Equipment.WALL, Equipment.STEP))))
    assert not weeks_with(p, "banded-ankle-mobilization")
    assert min(weeks_with(p, "half-kneeling-lunge-talus-pressure")) == 5
    swapped = items(week_days(p, 5), "half-kneeling-lunge-talus-pressure")
    assert all(i.note and "Banded ankle mobilization" in i.note for i in swapped)
    assert "equipment_substitute" in p.adaptation_codes()


def test_no_step_swaps_step_calf_raises_for_floor_raises():
    p = plan(report(who=profile(equipment=(Equipment.WALL, Equipment.BAND))))
    assert not weeks_with(p, "single-leg-calf-raise")
    assert not weeks_with(p, "eccentric-calf-lowering")
    assert min(weeks_with(p, "single-leg-floor-calf-raise")) == 4


def test_unlisted_equipment_keeps_the_standard_exercises_and_says_so():
    p = plan(report(who=profile(equipment=())))
    assert min(weeks_with(p, "banded-ankle-mobilization")) == 5
    assert "equipment_assumed" in p.adaptation_codes()


def test_short_days_keep_the_work_aimed_at_the_limiting_factor():
    p = plan(report(factors=factors(LimitingFactor.SOLEUS), who=profile(minutes=5)))
    days = [d for d in p.days if d.kind is DayKind.STANDALONE]
    assert days
    assert all(has(d, "soleus-wall-stretch") for d in days)
    assert all(5.0 <= d.minutes <= 5.0 for d in days)
    assert "short_sessions" in p.adaptation_codes()


def test_every_tailoring_leaves_a_trace_with_its_sources():
    who = profile(
        sports=(Sport.RUNNING, Sport.SOCCER, Sport.WEIGHTLIFTING, Sport.SWIMMING),
        age=50,
        minutes=6,
        equipment=(Equipment.WALL,),
    )
    p = plan(
        report(
            left=7.0,
            right=10.0,
            who=who,
            factors={
                Side.LEFT: (CAPSULE, LimitingFactor.MOTOR_CONTROL),
                Side.RIGHT: (LimitingFactor.GASTROCNEMIUS, LimitingFactor.SOLEUS),
            },
        )
    )
    assert {
        "joint_capsule_banded_from_week_1",
        "motor_control_loaded_from_week_5",
        "gastrocnemius_extra_stretch",
        "soleus_extra_stretch",
        "asymmetry_extra_block",
        "running_emphasis",
        "court_sport_stability",
        "weightlifting_target",
        "swimming_dorsiflexion",
        "age_over_40_slower_rate",
        "short_sessions",
        "equipment_substitute",
    } <= p.adaptation_codes()
    assert all(a.text and a.sources for a in p.adaptations)
