"""Properties of every plan, whatever the assessment, profile, start date and pain log."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dorsi.core.codes import (
    DayKind,
    Equipment,
    LimitingFactor,
    PainType,
    Phase,
    PlanMode,
    Side,
    Sport,
    Weekday,
)
from dorsi.core.program.build import PainLog, plan_to_document
from dorsi.core.program.parse import parse_plan
from dorsi.core.program.values import Plan
from tests.core.program.support import LIBRARY, plan, profile, report

RETEST_DAYS = [21, 35, 42, 49, 56, 63, 84]
KNOWN = frozenset(LIBRARY.ids)
PLAN_IDS = [
    "knee-to-wall-circles",
    "banded-ankle-mobilization",
    "single-leg-calf-raise",
    "eccentric-calf-lowering",
    "deep-squat-rock",
    "gastrocnemius-wall-stretch",
    "knee-to-wall-rock",
    "half-kneeling-lunge-talus-pressure",
    "lateral-squat-walk",
]

cm = st.one_of(st.none(), st.floats(0.0, 25.0).map(lambda v: round(v, 1)))
factor_sets = st.sets(st.sampled_from(list(LimitingFactor)), max_size=3)


@st.composite
def plans(draw: st.DrawFn) -> tuple[Plan, int]:
    left, right = draw(cm), draw(cm)
    if left is None and right is None:
        left = draw(st.floats(0.0, 25.0))
    minutes = draw(st.integers(5, 60))
    who = profile(
        minutes=minutes,
        training=tuple(draw(st.sets(st.sampled_from(list(Weekday))))),
        sports=tuple(draw(st.sets(st.sampled_from(list(Sport)), max_size=3))),
        equipment=tuple(draw(st.sets(st.sampled_from(list(Equipment)), max_size=5))),
        age=draw(st.one_of(st.none(), st.integers(10, 100))),
    )
    start = draw(st.dates(date(2020, 1, 1), date(2035, 12, 31)))
    logs = draw(
        st.lists(
            st.builds(
                PainLog,
                when=st.integers(-5, 90).map(lambda n: start + timedelta(days=n)),
                exercise=st.one_of(st.none(), st.sampled_from(PLAN_IDS)),
                pain_type=st.sampled_from(list(PainType)),
            ),
            max_size=4,
        )
    )
    rep = report(
        left=left,
        right=right,
        who=who,
        factors={Side.LEFT: draw(factor_sets), Side.RIGHT: draw(factor_sets)},
    )
    return plan(rep, start=start, cleared=True, sessions=logs), minutes


SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(plans())
def test_no_day_ever_exceeds_minutes_per_day(case):
    p, minutes = case
    assert max(day.minutes for day in p.days) <= minutes


@SETTINGS
@given(plans())
def test_each_kind_of_day_stays_within_its_time_range(case):
    p, minutes = case
    ranges = {
        DayKind.WARM_UP: (2.0, 3.0),
        DayKind.DAILY: (8.0, min(15.0, minutes)),
        DayKind.STANDALONE: (5.0, minutes),
    }
    if p.mode is PlanMode.MAINTENANCE:  # at the goal from day 1: the maintenance routine
        assert all(day.minutes <= minutes for day in p.days)
        return
    for day in p.days:
        low, high = ranges[day.kind]
        assert low <= day.minutes <= high
        assert day.minutes == sum(item.minutes for item in day.items)


@SETTINGS
@given(plans())
def test_every_plan_item_names_an_existing_exercise(case):
    p, _ = case
    assert {item.exercise for day in p.days for item in day.items} <= KNOWN
    assert {
        item.exercise
        for block in (p.maintenance.before_training, p.maintenance.other_days)
        for item in block.items
    } <= KNOWN


@SETTINGS
@given(plans())
def test_84_days_each_with_one_session_and_retests_on_the_spec_days(case):
    p, _ = case
    assert len(p.days) == 84
    assert [d.date for d in p.days] == [p.start + timedelta(days=n) for n in range(84)]
    if p.mode is PlanMode.MAINTENANCE:
        assert list(p.retests) == [p.start + timedelta(days=n - 1) for n in (28, 56, 84)]
        return
    assert all(day.items and day.kind is not DayKind.REST for day in p.days)
    assert list(p.retests) == [p.start + timedelta(days=n - 1) for n in RETEST_DAYS]
    assert [w.phase for w in p.weeks] == (
        [Phase.FOUNDATION] * 4 + [Phase.MOBILIZATION] * 4 + [Phase.INTEGRATION] * 4
    )


@SETTINGS
@given(plans())
def test_document_items_have_exactly_one_of_reps_and_seconds(case):
    p, _ = case
    doc = plan_to_document(p)
    for week in doc["weeks"]:
        for day in week["days"]:
            for item in day["items"]:
                assert ("reps" in item) != ("seconds" in item)
                assert item["side"] in {"left", "right", "both"}


@SETTINGS
@given(plans())
def test_every_plan_reads_back_from_its_document_unchanged(case: tuple[Plan, int]) -> None:
    generated, _ = case
    assert parse_plan(plan_to_document(generated), library=LIBRARY) == generated


@SETTINGS
@given(plans())
def test_no_plan_raises_a_dose_faster_than_the_progression_limit(case):
    from dorsi.core.program.progression import ramp_violation

    p, _ = case
    assert ramp_violation(p.weeks) is None
