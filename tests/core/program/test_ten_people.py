"""The ten people of issue 8 (fixtures in bench/ten_people.py): one test per person, asserting
the behaviour SPEC §2.7, §2.8, §4 and §5 now describe for them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dorsi.core.codes import DayKind, PlanMode, ReferralLevel, Urgency
from dorsi.core.errors import ReferralRequired
from dorsi.core.program.progression import ramp_violation
from dorsi.core.program.sessions import BALANCE_STAGES, LANDING


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[3] / "bench" / "ten_people.py"
    spec = importlib.util.spec_from_file_location("ten_people", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ten_people", module)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
BALANCE = set(BALANCE_STAGES)


def _plan(key: str) -> Any:
    return BENCH.plan_for(BENCH.by_key(key))


def _used(plan: Any, weeks: range = range(1, 13)) -> set[str]:
    return {i.exercise for w in plan.weeks if w.week in weeks for d in w.days for i in d.items}


def _first_week(plan: Any, exercises: set[str] | frozenset[str]) -> int:
    return min(
        w.week for w in plan.weeks if any(i.exercise in exercises for d in w.days for i in d.items)
    )


def test_every_plan_keeps_the_progression_limit_and_the_budget() -> None:
    for person in BENCH.PEOPLE:
        plan = BENCH.plan_for(person)
        assert ramp_violation(plan.weeks) is None, person.key
        assert max(d.minutes for d in plan.days) <= plan.minutes_per_day, person.key


def test_runner_45_after_a_sprain() -> None:
    plan = _plan("runner_after_sprain")
    assert _first_week(plan, BALANCE) == 1  # a sprain is recorded
    assert "single-leg-calf-raise" in _used(plan, range(4, 5))  # runners: from week 4
    assert plan.expected_rate.age_adjusted
    assert plan.expected_rate.cm_per_week <= 0.3  # the research pace


def test_basketball_player_at_34_degrees() -> None:
    report = BENCH.report_for(BENCH.by_key("basketball_34"))
    assert "below_jump_sport_threshold" in report.sides.left.angle_flags
    plan = _plan("basketball_34")
    assert _first_week(plan, LANDING) == 9
    for week in plan.weeks[8:]:
        assert sum(1 for d in week.days if {i.exercise for i in d.items} & LANDING) >= 2
    daily = [d for d in plan.days if d.kind is DayKind.DAILY]
    assert max(d.minutes for d in daily) == 12.0  # the minutes given, up to 15


def test_footballer_16_with_knee_pain_on_stairs() -> None:
    report = BENCH.report_for(BENCH.by_key("footballer_16"))
    assert "adolescent_pain" in report.referral.reasons
    assert report.referral.level is ReferralLevel.CONSIDER
    assert _first_week(_plan("footballer_16"), LANDING) == 9


def test_65_year_old_with_knee_pain() -> None:
    plan = _plan("older_knee_pain")
    assert _first_week(plan, BALANCE) == 1
    assert "deep-squat-rock" not in _used(plan)
    kneeling = [i for d in plan.days for i in d.items if i.exercise.startswith("half-kneeling")]
    assert all(i.note and "cushion" in i.note for i in kneeling)
    assert max(d.minutes for d in plan.days) == 15.0


def test_red_flags_hold_the_plan_until_cleared_then_keep_safety() -> None:
    person = BENCH.by_key("red_flags")
    report = BENCH.report_for(person)
    assert report.referral.urgency is Urgency.URGENT
    from dorsi.core.library.exercises import load_library
    from dorsi.core.program.build import build_plan

    with pytest.raises(ReferralRequired):
        build_plan(report, start=BENCH.START, library=load_library())
    plan = _plan("red_flags")  # cleared
    assert "banded-ankle-mobilization" not in _used(plan)
    assert "barefoot" not in plan.footwear.text
    assert all(d.items[0].note and "feet" in d.items[0].note for d in plan.days if d.items)


def test_capsule_limited_ankle_gets_banded_work_from_week_1() -> None:
    plan = _plan("capsule")
    assert "banded-ankle-mobilization" in _used(plan, range(1, 2))


def test_powerlifter_with_free_calves_gets_short_stretching() -> None:
    plan = _plan("powerlifter")
    stretch = {"gastrocnemius-wall-stretch", "soleus-wall-stretch"}
    daily = [d for d in plan.days if d.kind is DayKind.DAILY]
    assert all(sum(i.minutes for i in d.items if i.exercise in stretch) <= 2.0 for d in daily)
    assert "calves_not_limiting" in plan.adaptation_codes()


def test_inches_give_the_same_plan_as_centimetres() -> None:
    person = BENCH.by_key("inches")
    in_cm = BENCH.Person(
        "cm",
        "the same in cm",
        person.document | {"knee_to_wall": {"unit": "cm", "left": 3.5 * 2.54, "right": 3.6 * 2.54}},
    )
    assert [d.items for d in _plan("inches").days] == [d.items for d in BENCH.plan_for(in_cm).days]


def test_five_minutes_without_equipment() -> None:
    plan = _plan("five_minutes")
    assert all(5.0 <= d.minutes <= 5.0 for d in plan.days)
    assert all(d.kind is DayKind.STANDALONE for d in plan.days)
    assert not {"foam-roll-calves", "banded-ankle-mobilization", "single-leg-calf-raise"} & _used(
        plan
    )


def test_someone_at_14_cm_gets_maintenance_from_day_1() -> None:
    plan = _plan("at_goal")
    assert plan.mode is PlanMode.MAINTENANCE
    assert len(plan.retests) == 3
    assert "deep-squat-rock" not in _used(plan)
    assert "single-leg-calf-raise" in _used(plan)


def test_bench_table_lists_the_ten_people() -> None:
    lines = list(BENCH._lines())
    assert len([line for line in lines if line.startswith("| ") and "---" not in line]) == 11
    assert BENCH.distinct_exercises() > 13
