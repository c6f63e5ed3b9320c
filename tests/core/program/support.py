"""Builders shared by the program tests: reports made by hand, plans, and day/item queries.

Reports are built directly (not through ``assess``) so each test controls exactly the
limiting factors, asymmetry and referral the program sees. No tests live here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from dorsi.core.assessment.inputs import AssessmentInput, PerSide, Profile, SideInput
from dorsi.core.assessment.report import Asymmetry, Limitation, Referral, Report, SideReport
from dorsi.core.codes import (
    AsymmetryLevel,
    Category,
    DayKind,
    Equipment,
    LimitingFactor,
    ReferralLevel,
    Side,
    Sport,
    Weekday,
)
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan
from dorsi.core.program.progression import CALF_LOAD_FAMILY as CALF
from dorsi.core.program.values import Dose, PainReport, Plan, PlanDay, PlanItem, PlanWeek

LIBRARY = load_library()
START = date(2026, 11, 2)  # a Monday
DEFAULT_KIT = (Equipment.WALL, Equipment.BAND, Equipment.STEP, Equipment.MINI_BAND)


def _category(cm: float) -> Category:
    if cm < 9.0:
        return Category.SIGNIFICANT_RESTRICTION
    if cm < 10.0:
        return Category.MODERATE_RESTRICTION
    return Category.ADEQUATE if cm <= 13.0 else Category.EXCELLENT


def _side(side: Side, cm: float | None, factors: Iterable[LimitingFactor]) -> SideReport | None:
    if cm is None:
        return None
    limitations = tuple(Limitation(f, "test", ("seed:000_dce03341e02d3671.txt",)) for f in factors)
    return SideReport(
        side=side,
        knee_to_wall_cm=cm,
        category=_category(cm),
        percentile=50.0,
        angle_estimate=None,
        wb_angle_deg=None,
        angle_flags=(),
        limitations=limitations,
    )


def _asymmetry(left: float | None, right: float | None) -> Asymmetry | None:
    if left is None or right is None:
        return None
    difference = round(abs(left - right), 2)
    level = (
        AsymmetryLevel.NONE
        if difference < 1.5
        else AsymmetryLevel.BORDERLINE
        if difference <= 2.0
        else AsymmetryLevel.MEANINGFUL
    )
    worse = None if level is AsymmetryLevel.NONE else (Side.LEFT if left < right else Side.RIGHT)
    return Asymmetry(difference, level, worse, None, None)


def profile(
    *,
    minutes: int = 10,
    training: Sequence[Weekday] = (),
    sports: Sequence[Sport] = (),
    equipment: Sequence[Equipment] = DEFAULT_KIT,
    age: int | None = 30,
    desk_job: bool | None = None,
    shoe_drop_mm: float | None = None,
) -> Profile:
    return Profile(
        age=age,
        sports=tuple(sports),
        training_days=tuple(training),
        equipment=tuple(equipment),
        minutes_per_day=minutes,
        desk_job=desk_job,
        shoe_drop_mm=shoe_drop_mm,
    )


def report(
    *,
    left: float | None = 9.5,
    right: float | None = 9.5,
    factors: Mapping[Side, Iterable[LimitingFactor]] | None = None,
    who: Profile | None = None,
    referral: ReferralLevel = ReferralLevel.NONE,
    reasons: tuple[str, ...] = (),
) -> Report:
    factors = factors or {}
    inp = AssessmentInput(
        left=SideInput(knee_to_wall_cm=left),
        right=SideInput(knee_to_wall_cm=right),
        profile=who or profile(),
    )
    sides = PerSide(
        _side(Side.LEFT, left, factors.get(Side.LEFT, ())),
        _side(Side.RIGHT, right, factors.get(Side.RIGHT, ())),
    )
    return Report(
        input=inp,
        sides=sides,
        asymmetry=_asymmetry(left, right),
        ankle_limits_squat=None,
        check_hips_and_thoracic=None,
        knee_pain_linked_to_ankle=None,
        referral=Referral(referral, reasons),
        findings=(),
        recommendations=(),
    )


def plan(
    rep: Report | None = None,
    *,
    start: date = START,
    cleared: bool = False,
    sessions: Sequence[PainReport] = (),
) -> Plan:
    return build_plan(
        rep or report(),
        start=start,
        library=LIBRARY,
        cleared_by_professional=cleared,
        sessions=sessions,
    )


def week_days(p: Plan, week: int, kind: DayKind | None = None) -> list[PlanDay]:
    return [d for d in p.weeks[week - 1].days if kind is None or d.kind is kind]


def items(days: Iterable[PlanDay], exercise: str) -> list[PlanItem]:
    return [item for day in days for item in day.items if item.exercise == exercise]


def has(day: PlanDay, exercise: str) -> bool:
    return any(item.exercise == exercise for item in day.items)


def weeks_with(p: Plan, exercise: str) -> list[int]:
    return [w.week for w in p.weeks if any(has(d, exercise) for d in w.days)]


def per_side_seconds(item: PlanItem) -> int:
    """Work time on one side (or both feet together for a two-footed exercise)."""
    assert item.seconds is not None
    return item.sets * item.seconds


def with_a_jump(plan: Plan, week: int = 9) -> tuple[Plan, str]:
    """``plan`` as if stored before the dose-progression limit existed: one exercise with reps
    (outside the calf family) at 1 set in week ``week - 1`` and 3 sets in week ``week``, a rise
    the limit forbids. Returns the plan and that exercise's id."""
    earlier, later = plan.weeks[week - 2], plan.weeks[week - 1]

    def reps_ids(w: PlanWeek) -> set[str]:
        items = (i for d in w.days for i in d.items)
        return {i.exercise for i in items if i.reps is not None and i.exercise not in CALF}

    exercise = sorted(reps_ids(earlier) & reps_ids(later))[0]
    reps = next(i.reps for d in later.days for i in d.items if i.exercise == exercise)

    def dosed(w: PlanWeek, sets: int) -> PlanWeek:
        def item(i: PlanItem) -> PlanItem:
            return replace(i, dose=Dose(sets, reps=reps)) if i.exercise == exercise else i

        return replace(w, days=tuple(replace(d, items=tuple(map(item, d.items))) for d in w.days))

    weeks = list(plan.weeks)
    weeks[week - 2], weeks[week - 1] = dosed(earlier, 1), dosed(later, 3)
    return replace(plan, weeks=tuple(weeks)), exercise
