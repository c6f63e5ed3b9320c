"""What the plan's pages show (today, the plan calendar, a guided session), gathered in one call
each so a view only parses the request, calls one function and renders.

The day logic is the core's (``Plan.session_on``, ``next_retest``, ``is_over``); this module only
brings the plan together with the user's logs, progress and latest assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User

from dorsi.core.codes import DayKind, ItemSide, Phase, Unit
from dorsi.core.library.exercises import Exercise, load_library
from dorsi.core.program.calendar_text import WeekLabel, phase_label, week_label
from dorsi.core.program.values import PlanDay, PlanItem
from dorsi.core.progress.engine import Progress
from dorsi.core.thresholds import REP_PACE_S
from dorsi.db.models import Assessment, SessionLog
from dorsi.formats.triage import Triage
from dorsi.services.accounts import profile_get
from dorsi.services.assessments import (
    assessment_latest,
    assessment_needs_clearance,
    assessment_triage,
)
from dorsi.services.coaching_plans import CoachChange, coach_changes_on
from dorsi.services.common import today_or
from dorsi.services.plans import ActivePlan, plan_active
from dorsi.services.progress import progress_get
from dorsi.services.tracking import session_get, session_list


@dataclass(frozen=True)
class TodayPage:
    today: date
    plan: ActivePlan | None
    latest: Assessment | None  # the latest assessment, offered when there is no plan
    needs_clearance: bool = False
    day: PlanDay | None = None  # today's session in the plan's mode (None: a free day)
    logged: SessionLog | None = None
    next_retest: date | None = None
    retest_today: bool = False
    progress: Progress | None = None
    plan_over: bool = False
    before_start: bool = False
    coach_changes: tuple[CoachChange, ...] = ()  # "changed by your coach", with the notes
    triage: Triage | None = None  # red flags or a referral: said before anything else

    @property
    def flags(self) -> tuple[str, ...]:
        return () if self.progress is None else tuple(flag.value for flag in self.progress.flags)


def today_page(*, user: User, today: date | None = None) -> TodayPage:
    day = today_or(today)
    active = plan_active(user=user)
    latest = assessment_latest(user=user)
    if active is None:
        needs_clearance = latest is not None and assessment_needs_clearance(latest)
        return TodayPage(
            today=day,
            plan=None,
            latest=latest,
            needs_clearance=needs_clearance,
            triage=assessment_triage(latest),
        )
    plan = active.plan
    session = plan.session_on(day)
    return TodayPage(
        today=day,
        plan=active,
        latest=latest,
        day=session,
        coach_changes=coach_changes_on(plan_id=active.id, day=session),
        logged=session_get(user=user, when=day),
        next_retest=plan.next_retest(day),
        retest_today=plan.is_retest(day),
        progress=progress_get(user=user, today=day),
        plan_over=plan.is_over(day),
        before_start=day < plan.start,
        triage=assessment_triage(latest),
    )


@dataclass(frozen=True)
class CalendarCell:
    date: date
    kind: DayKind
    minutes: float
    week: int | None
    phase: Phase
    status: str  # the logged status, "" when nothing is logged
    today: bool
    retest: bool
    future: bool


@dataclass(frozen=True)
class CalendarWeek:
    label: WeekLabel
    cells: tuple[CalendarCell, ...]


@dataclass(frozen=True)
class PlanPage:
    today: date
    plan: ActivePlan | None
    latest: Assessment | None = None  # offered when there is no plan
    cells: tuple[CalendarCell, ...] = ()
    triage: Triage | None = None  # of the latest assessment: said before the calendar

    @property
    def padding(self) -> range:
        """Empty cells before the first day, so each weekday stays in its column."""
        return range(self.cells[0].date.weekday() if self.cells else 0)

    @property
    def weeks(self) -> tuple[CalendarWeek, ...]:
        """The cells in the plan's own weeks, each labelled with its phase and retest reason."""
        groups: dict[int, list[CalendarCell]] = {}
        for cell in self.cells:
            groups.setdefault(cell.week or 0, []).append(cell)
        return tuple(
            CalendarWeek(week_label(number, cells[0].phase), tuple(cells))
            for number, cells in groups.items()
        )

    @property
    def phases(self) -> tuple[str, ...]:
        """Each phase of the calendar once, in order, in words."""
        seen = dict.fromkeys(cell.phase for cell in self.cells)
        return tuple(phase_label(phase) for phase in seen)


def plan_page(*, user: User, today: date | None = None) -> PlanPage:
    day = today_or(today)
    active = plan_active(user=user)
    if active is None:
        latest = assessment_latest(user=user)
        return PlanPage(today=day, plan=None, latest=latest, triage=assessment_triage(latest))
    logs = dict(
        session_list(user=user).filter(date__gte=active.start).values_list("date", "status")
    )
    cells = tuple(
        CalendarCell(
            date=when.date,
            kind=when.kind,
            minutes=when.minutes,
            week=when.week,
            phase=when.phase,
            status=logs.get(when.date, ""),
            today=when.date == day,
            retest=active.plan.is_retest(when.date),
            future=when.date > day,
        )
        for when in active.plan.days
    )
    triage = assessment_triage(assessment_latest(user=user))
    return PlanPage(today=day, plan=active, cells=cells, triage=triage)


@dataclass(frozen=True)
class GuidedBlock:
    """One step of the guided session: an item, on one side for a per-side exercise."""

    number: int
    item: PlanItem
    exercise: Exercise | None  # the library's instructions (None for an unknown id)
    side: ItemSide

    @property
    def sets(self) -> int:
        return self.item.sets

    @property
    def reps(self) -> int | None:
        return self.item.reps

    @property
    def seconds(self) -> int | None:
        return self.item.seconds

    @property
    def lowering_s(self) -> int | None:
        return self.item.dose.lowering_s

    @property
    def steps(self) -> tuple[str, ...]:
        """The library's instructions for this prescription (set changes only with 2+ sets)."""
        return () if self.exercise is None else self.exercise.steps_for(self.sets)

    @property
    def rep_pace_s(self) -> int:
        """Seconds per rep for the guided count: the library's tempo or hold for the exercise,
        else the plan's lowering time and a second to rise, else a default pace."""
        dose = self.exercise.dose if self.exercise is not None else None
        if dose is not None and dose.tempo:
            return max(1, sum(int(part) for part in dose.tempo.split("-")))
        if dose is not None and dose.hold_s:
            return dose.hold_s + 1
        lowering = self.item.dose.lowering_s
        return lowering + 1 if lowering else REP_PACE_S


def guided_blocks(day: PlanDay) -> tuple[GuidedBlock, ...]:
    """A per-side exercise done on both sides is two blocks, left then right."""
    library = load_library()
    steps: list[tuple[PlanItem, ItemSide]] = []
    for item in day.items:
        if item.per_side and item.side is ItemSide.BOTH:
            steps += [(item, ItemSide.LEFT), (item, ItemSide.RIGHT)]
        else:
            steps.append((item, item.side))
    return tuple(
        GuidedBlock(
            number=number,
            item=item,
            exercise=library.get(item.exercise) if item.exercise in library else None,
            side=side,
        )
        for number, (item, side) in enumerate(steps, start=1)
    )


@dataclass(frozen=True)
class SessionPage:
    when: date
    today: date
    plan: ActivePlan | None
    units: Unit
    day: PlanDay | None = None
    blocks: tuple[GuidedBlock, ...] = ()
    logged: SessionLog | None = None
    coach_changes: tuple[CoachChange, ...] = ()

    @property
    def is_future(self) -> bool:
        return self.when > self.today

    @property
    def exercises(self) -> list[tuple[str, str]]:
        """The day's exercises (id, name), once each, for "which exercise hurt?"."""
        seen: dict[str, str] = {}
        for item in self.day.items if self.day else ():
            seen.setdefault(item.exercise, item.name)
        return list(seen.items())


def session_page(*, user: User, when: date, today: date | None = None) -> SessionPage:
    active = plan_active(user=user)
    day = None if active is None else active.plan.session_on(when)
    return SessionPage(
        when=when,
        today=today_or(today),
        plan=active,
        units=Unit(profile_get(user=user).units),
        day=day,
        blocks=() if day is None else guided_blocks(day),
        logged=session_get(user=user, when=when),
        coach_changes=() if active is None else coach_changes_on(plan_id=active.id, day=day),
    )
