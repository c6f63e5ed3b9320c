"""SPEC §4 rules of issue 8: the dose-progression limit, harder versions, individual fit,
maintenance from day 1, effort feedback, the step-back rule, video days and maintenance
readiness. Plans come from real assessments (``assess``) so the inputs are the user's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.codes import DayKind, Effort, ItemSide, PainType, PlanMode
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import PainLog, build_plan
from dorsi.core.program.checks import check_plan
from dorsi.core.program.maintenance import maintenance_readiness
from dorsi.core.program.progression import (
    allowed_rise,
    cap_ladder,
    capped,
    ramp_key,
    ramp_violation,
)
from dorsi.core.program.sessions import BALANCE_STAGES, LANDING
from dorsi.core.program.values import Dose, Plan, PlanDay

LIBRARY = load_library()
START = date(2026, 11, 2)  # a Monday
KIT = ["wall", "band", "step", "mini_band"]
CALF = ("eccentric-calf-lowering", "single-leg-calf-raise", "single-leg-floor-calf-raise")


def _plan(
    *,
    profile: dict[str, Any] | None = None,
    left: float = 9.0,
    right: float = 9.0,
    sessions: tuple[PainLog, ...] = (),
    cleared: bool = False,
    **parts: Any,
) -> Plan:
    doc = {
        "profile": {"age": 30, "equipment": KIT, "minutes_per_day": 10} | (profile or {}),
        "knee_to_wall": {"unit": "cm", "left": left, "right": right},
        **parts,
    }
    report = assess(parse_assessment(doc))
    return build_plan(
        report, start=START, library=LIBRARY, cleared_by_professional=cleared, sessions=sessions
    )


def _ids(day: PlanDay) -> set[str]:
    return {item.exercise for item in day.items}


def _weeks_with(plan: Plan, exercises: set[str] | frozenset[str] | tuple[str, ...]) -> list[int]:
    return [w.week for w in plan.weeks if any(_ids(d) & set(exercises) for d in w.days)]


def _day(plan: Plan, number: int) -> PlanDay:
    return plan.days[number - 1]


# --- the dose-progression limit ------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "ok"),
    [
        (Dose(1, reps=12), Dose(2, reps=12), True),
        (Dose(2, reps=12), Dose(2, reps=15), True),
        (Dose(2, reps=15), Dose(3, reps=15), True),
        (Dose(1, reps=15), Dose(3, reps=15), False),
        (Dose(1, reps=10), Dose(1, reps=16), False),
        (Dose(1, reps=12), Dose(2, reps=15), False),
        (Dose(1, seconds=40), Dose(1, seconds=60), True),
        (Dose(1, seconds=30), Dose(1, seconds=60), False),
        (Dose(3, reps=15), Dose(1, reps=15), True),  # lowering is always allowed
    ],
)
def test_dose_progression_limit_one_set_or_5_reps_or_half_the_hold(
    before: Dose, after: Dose, ok: bool
) -> None:
    assert allowed_rise(before, after) is ok
    assert allowed_rise(before, capped(before, after))


def test_cap_ladder_keeps_every_step_within_the_limit() -> None:
    ladder = (Dose(3, reps=15), Dose(2, reps=15), Dose(1, reps=15))
    assert cap_ladder(Dose(1, reps=15), ladder) == (Dose(2, reps=15), Dose(1, reps=15))
    assert cap_ladder(None, ladder) == ladder


def test_loaded_calf_work_ramps_1x12_2x12_2x15_3x15() -> None:
    plan = _plan()
    weekly = []
    for week in plan.weeks[3:9]:
        doses = [i.dose for d in week.days for i in d.items if i.exercise in CALF]
        top = max(doses, key=lambda dose: dose.sets * (dose.reps or 0))
        weekly.append((top.sets, top.reps))
    assert weekly == [(1, 12), (2, 12), (2, 12), (2, 15), (2, 15), (3, 15)]
    assert ramp_violation(plan.weeks) is None


def test_calf_versions_share_one_ramp() -> None:
    assert ramp_key("eccentric-calf-lowering", ItemSide.BOTH) == ramp_key(
        "single-leg-calf-raise", ItemSide.BOTH
    )


def test_check_plan_refuses_a_dose_that_rises_faster_than_the_limit() -> None:
    plan = _plan()
    week = plan.weeks[8]
    day = next(d for d in week.days if _ids(d) & set(CALF))
    jumped = tuple(
        replace(i, dose=Dose(3, reps=15, lowering_s=3)) if i.exercise in CALF else i
        for i in day.items
    )
    check_plan(plan, library=LIBRARY)  # the generated plan keeps the limit
    previous = plan.weeks[7]
    early = next(d for d in previous.days if _ids(d) & set(CALF))
    lowered = tuple(
        replace(i, dose=Dose(1, reps=15, lowering_s=3)) if i.exercise in CALF else i
        for i in early.items
    )
    weeks = list(plan.weeks)
    weeks[7] = replace(
        previous,
        days=tuple(
            replace(d, items=lowered if d.items and _ids(d) & set(CALF) else d.items)
            for d in previous.days
        ),
    )
    weeks[8] = replace(
        week, days=tuple(replace(d, items=jumped) if d.date == day.date else d for d in week.days)
    )
    with pytest.raises(ValidationError, match="in one week"):
        check_plan(replace(plan, weeks=tuple(weeks)), library=LIBRARY)


def test_exercises_move_to_their_harder_versions() -> None:
    plan = _plan(profile={"age": 65})
    assert _weeks_with(plan, {"toe-yoga"}) == [1, 2]
    assert min(_weeks_with(plan, {"short-foot-arch-activation"})) == 3
    assert LIBRARY.get("toe-yoga").progression == "short-foot-arch-activation"
    for easier, harder in zip(BALANCE_STAGES, BALANCE_STAGES[1:], strict=False):
        assert LIBRARY.get(easier).progression == harder
    firsts = [min(_weeks_with(plan, {stage})) for stage in BALANCE_STAGES]
    assert firsts == sorted(firsts)
    assert firsts[0] == 1


# --- individual fit ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("why", "parts", "cleared"),
    [
        ("sprain", {"profile": {"sprains": {"left": 1, "right": 0}}}, False),
        ("ankle rolling", {"signs": ["ankle_rolling"]}, False),
        ("giving way", {"red_flags": ["giving_way"]}, True),
        ("60 and over", {"profile": {"age": 60}}, False),
    ],
)
def test_balance_from_week_1_after_sprains_rolling_giving_way_or_at_60(
    why: str, parts: dict[str, Any], cleared: bool
) -> None:
    plan = _plan(cleared=cleared, **parts)
    assert min(_weeks_with(plan, set(BALANCE_STAGES))) == 1, why
    assert "balance_work" in plan.adaptation_codes()


def test_no_balance_singled_out_without_a_reason() -> None:
    assert not _weeks_with(_plan(), set(BALANCE_STAGES))


@pytest.mark.parametrize("training", [[], ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]])
@pytest.mark.parametrize("sport", ["basketball", "volleyball", "soccer"])
def test_landing_drills_at_least_twice_a_week_in_weeks_9_to_12_for_jump_sports(
    sport: str, training: list[str]
) -> None:
    plan = _plan(profile={"sports": [sport], "training_days": training})
    assert min(_weeks_with(plan, LANDING)) == 9
    for week in plan.weeks[8:]:
        assert sum(1 for d in week.days if _ids(d) & LANDING) >= 2
    assert {"pogo-hops", "lateral-hop-and-stick"} <= {
        i.exercise for d in plan.days for i in d.items
    }


def test_landing_drills_dropped_the_day_after_sharp_pain() -> None:
    base = _plan(profile={"sports": ["basketball"]})
    landing_day = next(d for d in base.days if _ids(d) & LANDING)
    hurt = PainLog(landing_day.date - timedelta(days=1), "knee-to-wall-circles", PainType.SHARP)
    plan = _plan(profile={"sports": ["basketball"]}, sessions=(hurt,))
    assert not _ids(_day(plan, landing_day.day)) & LANDING


def test_knee_pain_gets_supported_squats_and_a_padding_note_when_kneeling() -> None:
    plan = _plan(
        profile={"age": 65, "equipment": ["wall", "step"]},
        knee_pain={"present": True},
        squat_screen={"knees_cave": True, "reaches_parallel": False},
    )
    used = {i.exercise for d in plan.days for i in d.items}
    assert "deep-squat-rock" not in used
    assert "supported-squat" in used
    kneeling = [i for d in plan.days for i in d.items if i.exercise.startswith("half-kneeling")]
    assert kneeling
    assert all(i.note and "towel or cushion" in i.note for i in kneeling)
    assert "knee_pain_supported" in plan.adaptation_codes()


def test_short_foot_work_at_least_twice_a_week_from_week_1() -> None:
    for training in ([], ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]):
        plan = _plan(profile={"training_days": training})
        for week in plan.weeks:
            foot = {"toe-yoga", "short-foot-arch-activation"}
            assert sum(1 for d in week.days if _ids(d) & foot) >= 2


def test_calves_not_limiting_get_short_stretching_and_loaded_range_instead() -> None:
    three = {"straight_knee": "ok", "bent_knee": "ok", "deep_squat": "restricted"}
    plan = _plan(
        profile={"sports": ["powerlifting"]},
        three_position={"left": three, "right": three},
    )
    first = [d for d in plan.weeks[0].days if d.kind is DayKind.DAILY]
    stretch = {"gastrocnemius-wall-stretch", "soleus-wall-stretch"}
    assert all(sum(i.minutes for i in d.items if i.exercise in stretch) <= 2.0 for d in first)
    assert all("deep-squat-hold" in _ids(d) for d in first)
    assert all(d.minutes >= 8.0 for d in first)


def test_at_the_goal_at_baseline_the_plan_is_maintenance_from_day_1() -> None:
    plan = _plan(left=14.0, right=14.0)
    assert plan.mode is PlanMode.MAINTENANCE
    assert plan.retests == tuple(START + timedelta(days=n - 1) for n in (28, 56, 84))
    used = {i.exercise for d in plan.days for i in d.items}
    assert "single-leg-calf-raise" in used  # strength is kept
    assert "deep-squat-rock" not in used  # no development work
    assert "maintenance_from_day_1" in plan.adaptation_codes()
    check_plan(plan, library=LIBRARY)


def test_video_days_on_days_28_56_84() -> None:
    plan = _plan()
    assert plan.video_days == tuple(START + timedelta(days=n - 1) for n in (28, 56, 84))


# --- effort feedback and the step-back rule ------------------------------------------------


def _rated(day: int, exercise: str, effort: Effort) -> PainLog:
    when = START + timedelta(days=day - 1)
    return PainLog(when, None, PainType.NONE, efforts=((exercise, effort),))


def test_two_too_easy_in_a_row_move_an_exercise_to_its_progression() -> None:
    logs = (
        _rated(3, "gastrocnemius-wall-stretch", Effort.TOO_EASY),
        _rated(4, "gastrocnemius-wall-stretch", Effort.TOO_EASY),
    )
    plan = _plan(sessions=logs)
    harder = LIBRARY.get("gastrocnemius-wall-stretch").progression
    assert harder in _ids(_day(plan, 5))
    assert "gastrocnemius-wall-stretch" in _ids(_day(plan, 4))
    assert "effort_feedback" in plan.adaptation_codes()
    once = _plan(sessions=logs[:1])
    assert harder not in _ids(_day(once, 5))


def test_one_too_hard_moves_an_exercise_to_its_regression_and_says_why() -> None:
    plan = _plan(sessions=(_rated(3, "knee-to-wall-circles", Effort.TOO_HARD),))
    easier = LIBRARY.get("knee-to-wall-circles").regression
    item = next(i for i in _day(plan, 4).items if i.exercise == easier)
    assert item.note is not None
    assert "too hard" in item.note


def test_sharp_pain_wins_over_too_easy() -> None:
    when = START + timedelta(days=3)
    logs = (
        PainLog(when - timedelta(days=1), "gastrocnemius-wall-stretch", PainType.SHARP),
        _rated(3, "gastrocnemius-wall-stretch", Effort.TOO_EASY),
        _rated(4, "gastrocnemius-wall-stretch", Effort.TOO_EASY),
    )
    plan = _plan(sessions=logs)
    harder = LIBRARY.get("gastrocnemius-wall-stretch").progression
    assert harder not in _ids(_day(plan, 6))


def test_step_back_after_swelling_uses_regressions_and_one_set_less_for_3_days() -> None:
    swollen = START + timedelta(days=9)  # day 10
    logs = (PainLog(swollen, None, PainType.NONE, swelling=True),)
    plan = _plan(sessions=logs)
    normal = _plan()
    for number in (11, 12, 13):
        day = _day(plan, number)
        assert "knee-to-wall-circles" not in _ids(day)  # its regression instead
        assert all(i.note and "Step back" in i.note for i in day.items if "Step" in (i.note or ""))
        assert max(i.sets for i in day.items) <= max(i.sets for i in _day(normal, number).items)
    assert "knee-to-wall-circles" in _ids(_day(plan, 14))
    assert "step_back" in plan.adaptation_codes()


# --- safety after clearance ----------------------------------------------------------------


def test_cleared_diabetic_foot_has_no_band_no_barefoot_and_a_foot_check_each_session() -> None:
    plan = _plan(red_flags=["diabetic_foot"], cleared=True)
    used = {i.exercise for d in plan.days for i in d.items}
    assert "banded-ankle-mobilization" not in used
    assert "barefoot" not in plan.footwear.text
    assert all(d.items[0].note and "feet" in d.items[0].note for d in plan.days)
    assert "safety_diabetic_foot" in plan.adaptation_codes()
    assert "banded-ankle-mobilization" not in {
        i.exercise for i in plan.maintenance.before_training.items
    }


def test_cleared_recent_trauma_keeps_weeks_1_2_in_the_pain_free_range() -> None:
    plan = _plan(red_flags=["recent_trauma"], cleared=True, felt={"left": "front_pinch"})
    early = {i.exercise for w in plan.weeks[:2] for d in w.days for i in d.items}
    assert "banded-ankle-mobilization" not in early
    assert not {e for e in early if LIBRARY.get(e).loaded_end_range}
    assert "banded-ankle-mobilization" in {i.exercise for d in plan.weeks[2].days for i in d.items}


# --- maintenance readiness -----------------------------------------------------------------


def test_maintenance_readiness_needs_the_goal_at_two_retests_and_week_9() -> None:
    week_8 = START + timedelta(days=55)
    week_9 = START + timedelta(days=56)
    assert maintenance_readiness(plan_start=START, today=week_9, goal_reached=True)[0]
    ready, why = maintenance_readiness(plan_start=START, today=week_8, goal_reached=True)
    assert not ready
    assert "week 9" in why
    assert not maintenance_readiness(plan_start=START, today=week_9, goal_reached=False)[0]


def test_a_different_kind_of_dose_is_not_a_rise() -> None:
    assert allowed_rise(Dose(1, seconds=30), Dose(3, reps=15))


def test_too_easy_twice_at_the_top_of_a_family_adds_one_dose_step() -> None:
    capsule = {"left": "front_pinch", "right": "front_pinch"}
    logs = (
        _rated(3, "banded-ankle-mobilization", Effort.TOO_EASY),
        _rated(4, "banded-ankle-mobilization", Effort.TOO_EASY),
    )
    plan = _plan(felt=capsule, sessions=logs)
    notes = [i.note or "" for i in _day(plan, 5).items if i.exercise == "banded-ankle-mobilization"]
    assert any("One step more" in note for note in notes)
    assert LIBRARY.get("banded-ankle-mobilization").progression is None


def test_too_hard_at_the_bottom_of_a_family_removes_one_dose_step() -> None:
    logs = (_rated(1, "toe-yoga", Effort.TOO_HARD),)
    plan = _plan(sessions=logs)
    later = next(d for d in plan.weeks[0].days[1:] if "toe-yoga" in _ids(d))
    (item,) = [i for i in later.items if i.exercise == "toe-yoga"]
    assert item.note is not None
    assert "One step less" in item.note
    assert LIBRARY.get("toe-yoga").regression is None


def test_a_maintenance_plan_from_day_1_only_explains_what_it_contains() -> None:
    plan = _plan(left=14.0, right=14.0, profile={"age": 65, "sports": ["basketball"]})
    codes = plan.adaptation_codes()
    assert "maintenance_from_day_1" in codes
    assert not codes & {"foot_intrinsics", "balance_work", "court_sport_stability"}


def test_the_plan_text_names_the_video_days() -> None:
    from dorsi.formats.plan_text import plan_to_markdown

    plan = _plan()
    text = plan_to_markdown(plan)
    assert all(day.isoformat() in text for day in plan.video_days)


def test_a_right_effort_resets_the_too_easy_streak() -> None:
    logs = (
        _rated(3, "gastrocnemius-wall-stretch", Effort.TOO_EASY),
        _rated(4, "gastrocnemius-wall-stretch", Effort.RIGHT),
        _rated(5, "gastrocnemius-wall-stretch", Effort.TOO_EASY),
    )
    plan = _plan(sessions=logs)
    assert "gastrocnemius-wall-stretch" in _ids(_day(plan, 6))


def test_after_a_recent_injury_loaded_end_range_holds_become_their_easier_version() -> None:
    three = {"straight_knee": "ok", "bent_knee": "ok", "deep_squat": "restricted"}
    plan = _plan(
        red_flags=["recent_trauma"],
        cleared=True,
        three_position={"left": three, "right": three},
    )
    early = {i.exercise for w in plan.weeks[:2] for d in w.days for i in d.items}
    assert "deep-squat-hold" not in early
    assert "deep-squat-hold" in {i.exercise for d in plan.weeks[2].days for i in d.items}
    assert "safety_substitute" in plan.adaptation_codes()


def test_one_side_at_the_goal_is_not_a_maintenance_plan() -> None:
    doc = {"knee_to_wall": {"unit": "cm", "left": 14.0}}
    plan = build_plan(assess(parse_assessment(doc)), start=START, library=LIBRARY)
    assert plan.mode is PlanMode.DEVELOPMENT
    assert not plan.goal.met_at_baseline
