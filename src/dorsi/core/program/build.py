"""The 12-week program (SPEC §4): ``build_plan`` turns a report into 84 days of sessions.

Pure: the start date, the exercise library and the logged sessions are passed in. The
values live in ``program_types``, the fixed rules in ``program_rules``, the content of a
session in ``program_sessions`` and its fitting into the time budget in ``program_fit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from dorsi.core.assessment.inputs import Profile
from dorsi.core.assessment.report import Report
from dorsi.core.codes import DayKind, Phase, PlanMode, ReferralLevel, Weekday
from dorsi.core.errors import ReferralRequired
from dorsi.core.evidence import SEED_000
from dorsi.core.program.document import plan_to_document
from dorsi.core.program.fit import fit
from dorsi.core.program.maintenance import maintenance_plan, should_return_to_development
from dorsi.core.program.progression import Key, cap_ladder, ramp_key, week_doses
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
    Adaptation,
    Dose,
    ExerciseCatalog,
    ExerciseLike,
    MaintenancePlan,
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
    DAILY_FULL_MIN,
    FOOT_DAYS_PER_WEEK,
    LANDING_DAYS_PER_WEEK,
    MAINTENANCE_RETEST_DAYS,
    PLAN_WEEKS,
    RETEST_DAYS,
    STANDALONE_FLOOR_MIN,
    STRENGTH_FROM_WEEK,
    VIDEO_DAYS,
    WARM_UP_CAP_MIN,
    WARM_UP_FLOOR_MIN,
)

HALF_KNEELING = "half_kneeling"  # the library's position of kneeling drills

__all__ = [
    "PainLog",
    "Plan",
    "build_plan",
    "day_kind",
    "heel_elevation_cm",
    "maintenance_plan",
    "plan_to_document",
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


def _spread(candidates: list[int], wanted: int) -> list[int]:
    """``wanted`` of the candidates, as far apart as possible (all when there are fewer)."""
    if len(candidates) <= wanted:
        return list(candidates)
    step = len(candidates) / wanted
    return [candidates[int(n * step)] for n in range(wanted)]


def _pick(preferred: list[list[int]], wanted: int) -> frozenset[int]:
    chosen: list[int] = []
    for group in preferred:
        chosen += _spread([i for i in group if i not in chosen], wanted - len(chosen))
        if len(chosen) >= wanted:
            break
    return frozenset(chosen)


@dataclass
class _Builder:
    """Builds the weeks in order, remembering last week's doses for the progression limit."""

    profile: Profile
    t: Tailoring
    resolver: Resolver
    start: date
    previous: dict[Key, Dose] = field(default_factory=dict)

    def week(self, week: int) -> PlanWeek:
        numbers = range((week - 1) * 7 + 1, week * 7 + 1)
        kinds = [day_kind(day_date(self.start, n), self.profile) for n in numbers]
        sessions = [i for i, kind in enumerate(kinds) if kind is not DayKind.WARM_UP]
        warm = [i for i, kind in enumerate(kinds) if kind is DayKind.WARM_UP]
        # strength work on the 1st, 3rd, ... session day of each week
        strong = {i for n, i in enumerate(sessions) if week >= STRENGTH_FROM_WEEK and n % 2 == 0}
        light = [i for i in sessions if i not in strong]
        foot_days = _pick([light, sorted(strong), warm], FOOT_DAYS_PER_WEEK)
        landing_days = _pick([light, sorted(strong), warm], LANDING_DAYS_PER_WEEK)
        days = tuple(
            self.day(
                number,
                day_date(self.start, number),
                kinds[i],
                week=week,
                strength_day=i in strong,
                foot_day=i in foot_days,
                landing_day=i in landing_days,
            )
            for i, number in enumerate(numbers)
        )
        self.previous = week_doses(item for day in days for item in day.items)
        return PlanWeek(week=week, phase=phase_of_week(week), days=days)

    def day(
        self,
        number: int,
        when: date,
        kind: DayKind,
        *,
        week: int,
        strength_day: bool,
        foot_day: bool,
        landing_day: bool,
    ) -> PlanDay:
        t, resolver = self.t, self.resolver
        if kind is DayKind.WARM_UP:
            slots = warm_up_slots(week, t, foot_day=foot_day, landing_day=landing_day)
        else:
            slots = session_slots(
                week,
                kind,
                t,
                strength_day=strength_day,
                foot_day=foot_day,
                landing_day=landing_day,
                extra_time=self.profile.minutes_per_day > DAILY_FULL_MIN,
            )
        resolved = [s for s in (resolver.resolve(slot, when, week=week) for slot in slots) if s]
        ramped = [
            replace(s, ladder=cap_ladder(self.previous.get(ramp_key(s.exercise, s.side)), s.ladder))
            for s in resolved
        ]
        cap, floor = budget(kind, self.profile.minutes_per_day)
        fitted = fit(ramped, cap=cap, floor=floor, sides_of=resolver.sides)
        foot_check = t.safety.foot_check_note
        items = tuple(
            PlanItem(
                exercise=f.slot.exercise,
                name=resolver.exercise(f.slot.exercise).name,
                side=f.slot.side,
                dose=f.dose,
                minutes=f.minutes,
                note=_note(
                    f.slot.note, resolver.exercise(f.slot.exercise), t, foot_check, first=n == 0
                ),
                per_side=resolver.exercise(f.slot.exercise).per_side,
            )
            for n, f in enumerate(fitted)
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


PADDING_NOTE = "Kneel on a folded towel or cushion: your knee is sore."


def _note(
    note: str | None, exercise: ExerciseLike, t: Tailoring, foot_check: str | None, *, first: bool
) -> str | None:
    parts = [note]
    if t.knee_pain and exercise.position == HALF_KNEELING:
        parts.append(PADDING_NOTE)
    if first and foot_check:
        parts.append(foot_check)
    text = " ".join(part for part in parts if part)
    return text or None


def _gate(report: Report, cleared: bool) -> None:
    if report.referral.level is ReferralLevel.BEFORE_STARTING and not cleared:
        raise ReferralRequired(tuple(report.referral.reasons))


def _maintenance_weeks(start: date, maintenance: MaintenancePlan) -> tuple[PlanWeek, ...]:
    """Twelve weeks of the maintenance routine (a plan at the goal from day 1)."""
    plan_like = _MaintenanceCalendar(start, maintenance)
    weeks = []
    for week in range(1, PLAN_WEEKS + 1):
        days = []
        for number in range((week - 1) * 7 + 1, week * 7 + 1):
            when = day_date(start, number)
            routine = plan_like.day(when)
            days.append(
                PlanDay(
                    day=number,
                    date=when,
                    kind=routine[0],
                    items=routine[1],
                    retest=number in MAINTENANCE_RETEST_DAYS,
                    week=week,
                    phase=Phase.MAINTENANCE,
                )
            )
        weeks.append(PlanWeek(week=week, phase=Phase.MAINTENANCE, days=tuple(days)))
    return tuple(weeks)


@dataclass(frozen=True)
class _MaintenanceCalendar:
    start: date
    maintenance: MaintenancePlan

    def day(self, when: date) -> tuple[DayKind, tuple[PlanItem, ...]]:
        weekday = list(Weekday)[when.weekday()]
        if weekday in self.maintenance.before_training.days:
            return DayKind.WARM_UP, self.maintenance.before_training.items
        if weekday in self.maintenance.other_days.days:
            return DayKind.DAILY, self.maintenance.other_days.items
        return DayKind.REST, ()


MAINTENANCE_ADAPTATIONS = frozenset(
    {"equipment_assumed", "cleared_by_professional", "consider_professional"}
)


def _applies_to_maintenance(code: str) -> bool:
    return code in MAINTENANCE_ADAPTATIONS or code.startswith("safety_")


def build_plan(
    report: Report,
    *,
    start: date,
    library: ExerciseCatalog,
    cleared_by_professional: bool = False,
    sessions: Sequence[PainReport] = (),
) -> Plan:
    """The 12-week plan; raises ReferralRequired on red flags unless a professional cleared.

    Already at the goal at baseline: a maintenance plan from day 1 (retests every 4 weeks)."""
    _gate(report, cleared_by_professional)
    profile = report.input.profile
    t = tailor(report, cleared=cleared_by_professional)
    resolver = Resolver(library, owned_equipment(profile), sessions, safety=t.safety)
    goal = goal_for(report)
    maintenance = maintenance_plan(profile, library=library, safety=t.safety)
    if goal.met_at_baseline:
        weeks = _maintenance_weeks(start, maintenance)
        retests = tuple(day_date(start, n) for n in MAINTENANCE_RETEST_DAYS)
        mode = PlanMode.MAINTENANCE
    else:
        builder = _Builder(profile, t, resolver, start)
        weeks = tuple(builder.week(n) for n in range(1, PLAN_WEEKS + 1))
        retests = retest_dates(start)
        mode = PlanMode.DEVELOPMENT
    adaptations = tailoring_adaptations(t, report, cleared=cleared_by_professional)
    if goal.met_at_baseline:
        # only what the maintenance routine itself contains or keeps (the plan says what it has)
        adaptations = [a for a in adaptations if _applies_to_maintenance(a.code)]
        adaptations.append(
            Adaptation(
                "maintenance_from_day_1",
                "Both ankles already meet the goal: the plan keeps the range with the "
                "maintenance routine from day 1 and retests every 4 weeks.",
                (SEED_000.tag,),
            )
        )
    return Plan(
        start=start,
        minutes_per_day=profile.minutes_per_day,
        weeks=weeks,
        retests=retests,
        heel_elevation=heel_elevation(report),
        goal=goal,
        maintenance=maintenance,
        adaptations=tuple(adaptations + resolver.adaptations()),
        footwear=footwear(profile, barefoot_advice=not t.safety.no_barefoot_advice),
        expected_rate=expected_rate(profile),
        referral_level=report.referral.level,
        referral_reasons=tuple(report.referral.reasons),
        cleared_by_professional=cleared_by_professional,
        mode=mode,
        video_days=tuple(day_date(start, n) for n in VIDEO_DAYS),
    )
