"""The 12-week program (SPEC §4): ``build_plan`` turns a report into 84 days of sessions.

Pure: the start date, the exercise library and the logged sessions are passed in. The
values live in ``program_types``, the fixed rules in ``program_rules``, the content of a
session in ``program_sessions`` and its fitting into the time budget in ``program_fit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dorsi.core.assessment.inputs import Profile
from dorsi.core.assessment.report import Report
from dorsi.core.codes import DayKind, ReferralLevel
from dorsi.core.errors import ReferralRequired
from dorsi.core.program.document import plan_to_document, plan_to_markdown
from dorsi.core.program.fit import fit
from dorsi.core.program.maintenance import maintenance_plan, should_return_to_development
from dorsi.core.program.resolve import Resolver
from dorsi.core.program.rules import (
    day_date,
    expected_rate,
    footwear,
    goal_for,
    heel_elevation,
    heel_elevation_cm,
    phase_of_week,
    retest_dates,
)
from dorsi.core.program.sessions import session_slots, warm_up_slots
from dorsi.core.program.tailoring import Tailoring, owned_equipment, tailor, tailoring_adaptations
from dorsi.core.program.values import (
    ExerciseCatalog,
    PainLog,
    PainReport,
    Plan,
    PlanDay,
    PlanItem,
    PlanWeek,
)
from dorsi.core.thresholds import (
    DAILY_CAP_MIN,
    DAILY_FLOOR_MIN,
    PLAN_WEEKS,
    RETEST_DAYS,
    STANDALONE_FLOOR_MIN,
    STRENGTH_FROM_WEEK,
    WARM_UP_CAP_MIN,
    WARM_UP_FLOOR_MIN,
)

__all__ = [
    "PainLog",
    "Plan",
    "build_plan",
    "day_kind",
    "heel_elevation_cm",
    "maintenance_plan",
    "plan_to_document",
    "plan_to_markdown",
    "should_return_to_development",
]


def day_kind(when: date, profile: Profile) -> DayKind:
    """Warm-up on lower-body training days; otherwise daily, or standalone under 8 min."""
    if any(day.number == when.weekday() for day in profile.training_days):
        return DayKind.WARM_UP
    return DayKind.DAILY if profile.minutes_per_day >= DAILY_FLOOR_MIN else DayKind.STANDALONE


def budget(kind: DayKind, minutes_per_day: int) -> tuple[float, float]:
    """(cap, floor) in minutes; no day is ever longer than ``minutes_per_day``."""
    if kind is DayKind.WARM_UP:
        return min(WARM_UP_CAP_MIN, minutes_per_day), WARM_UP_FLOOR_MIN
    if kind is DayKind.DAILY:
        return min(DAILY_CAP_MIN, minutes_per_day), DAILY_FLOOR_MIN
    return float(minutes_per_day), STANDALONE_FLOOR_MIN


def _day(
    number: int,
    when: date,
    kind: DayKind,
    t: Tailoring,
    resolver: Resolver,
    *,
    week: int,
    strength_day: bool,
    minutes_per_day: int,
) -> PlanDay:
    if kind is DayKind.WARM_UP:
        slots = warm_up_slots(week, t)
    else:
        slots = session_slots(week, kind, t, strength_day=strength_day)
    resolved = [s for s in (resolver.resolve(slot, when) for slot in slots) if s is not None]
    cap, floor = budget(kind, minutes_per_day)
    items = tuple(
        PlanItem(
            exercise=f.slot.exercise,
            name=resolver.exercise(f.slot.exercise).name,
            side=f.slot.side,
            dose=f.dose,
            minutes=f.minutes,
            note=f.slot.note,
            per_side=resolver.exercise(f.slot.exercise).per_side,
        )
        for f in fit(resolved, cap=cap, floor=floor, sides_of=resolver.sides)
    )
    return PlanDay(
        day=number,
        date=when,
        kind=kind,
        items=items,
        retest=number in RETEST_DAYS,
        week=week,
        phase=phase_of_week(week),
    )


def _week(week: int, start: date, profile: Profile, t: Tailoring, resolver: Resolver) -> PlanWeek:
    days = []
    session_index = 0  # strength work on the 1st, 3rd, ... non-training day of each week
    for number in range((week - 1) * 7 + 1, week * 7 + 1):
        when = day_date(start, number)
        kind = day_kind(when, profile)
        strength_day = False
        if kind is not DayKind.WARM_UP:
            strength_day = week >= STRENGTH_FROM_WEEK and session_index % 2 == 0
            session_index += 1
        days.append(
            _day(
                number,
                when,
                kind,
                t,
                resolver,
                week=week,
                strength_day=strength_day,
                minutes_per_day=profile.minutes_per_day,
            )
        )
    return PlanWeek(week=week, phase=phase_of_week(week), days=tuple(days))


def _gate(report: Report, cleared: bool) -> None:
    if report.referral.level is ReferralLevel.BEFORE_STARTING and not cleared:
        raise ReferralRequired(tuple(report.referral.reasons))


def build_plan(
    report: Report,
    *,
    start: date,
    library: ExerciseCatalog,
    cleared_by_professional: bool = False,
    sessions: Sequence[PainReport] = (),
) -> Plan:
    """The 12-week plan; raises ReferralRequired on red flags unless a professional cleared."""
    _gate(report, cleared_by_professional)
    profile = report.input.profile
    t = tailor(report)
    resolver = Resolver(library, owned_equipment(profile), sessions)
    weeks = tuple(_week(n, start, profile, t, resolver) for n in range(1, PLAN_WEEKS + 1))
    adaptations = tailoring_adaptations(t, report, cleared=cleared_by_professional)
    return Plan(
        start=start,
        minutes_per_day=profile.minutes_per_day,
        weeks=weeks,
        retests=retest_dates(start),
        heel_elevation=heel_elevation(report),
        goal=goal_for(report),
        maintenance=maintenance_plan(profile, library=library),
        adaptations=tuple(adaptations + resolver.adaptations()),
        footwear=footwear(profile),
        expected_rate=expected_rate(profile),
        referral_level=report.referral.level,
        referral_reasons=tuple(report.referral.reasons),
        cleared_by_professional=cleared_by_professional,
    )
