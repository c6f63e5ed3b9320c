"""The 12-week program as values (dorsi.plan/v1 is its JSON form, see ``plan_document``).

The exercise library and the session log are read through small protocols so the program
depends only on what it uses: ``dorsi.core.library.exercises.ExerciseLibrary`` and
``dorsi.core.progress.log.Session`` satisfy them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol

from dorsi.core.codes import (
    DayKind,
    Effort,
    Equipment,
    ItemSide,
    MaintenanceWhen,
    PainType,
    Phase,
    PlanMode,
    ReferralLevel,
    Weekday,
)
from dorsi.core.thresholds import DAYS_PER_WEEK, PLAN_DAYS

# A maintenance calendar has no end: feeds and pages show this window around today.
MAINTENANCE_PAST_DAYS = 28
MAINTENANCE_AHEAD_DAYS = 84


class ExerciseLike(Protocol):
    """The fields of a library exercise that the program reads."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def per_side(self) -> bool: ...

    @property
    def regression(self) -> str | None: ...

    @property
    def progression(self) -> str | None: ...

    @property
    def position(self) -> str: ...

    @property
    def equipment(self) -> tuple[Equipment, ...]: ...

    @property
    def loaded_end_range(self) -> bool: ...


class ExerciseCatalog(Protocol):
    """What the program needs from ``ExerciseLibrary``."""

    def get(self, exercise_id: str, /) -> ExerciseLike: ...

    def substitute(self, exercise_id: str, owned: frozenset[Equipment], /) -> ExerciseLike: ...


class PainReport(Protocol):
    """A logged session as far as the pain rule is concerned (``log_document.Session`` fits)."""

    @property
    def when(self) -> date: ...

    @property
    def pain_type(self) -> PainType: ...

    @property
    def exercise(self) -> str | None: ...

    @property
    def swelling(self) -> bool: ...

    @property
    def efforts(self) -> tuple[tuple[str, Effort], ...]: ...


@dataclass(frozen=True)
class PainLog:
    """The minimal session report: on ``when``, ``exercise`` hurt with ``pain_type``; swelling
    or heat after training, and how hard each rated exercise felt."""

    when: date
    exercise: str | None
    pain_type: PainType
    swelling: bool = False
    efforts: tuple[tuple[str, Effort], ...] = ()


@dataclass(frozen=True)
class Dose:
    """Sets of either reps or seconds (per side for per-side exercises)."""

    sets: int
    reps: int | None = None
    seconds: int | None = None
    lowering_s: int | None = None  # slow eccentric tempo, e.g. 3 s down


@dataclass(frozen=True)
class PlanItem:
    """One exercise of a day. ``side`` BOTH means each side for a per-side exercise."""

    exercise: str
    name: str
    side: ItemSide
    dose: Dose
    minutes: float
    note: str | None = None
    per_side: bool = False  # the exercise is done one side at a time

    @property
    def sets(self) -> int:
        return self.dose.sets

    @property
    def reps(self) -> int | None:
        return self.dose.reps

    @property
    def seconds(self) -> int | None:
        return self.dose.seconds


@dataclass(frozen=True)
class PlanDay:
    """What to do on one date. ``week`` is None on a maintenance day (no 12-week calendar)."""

    day: int  # 1 is the start date
    date: date
    kind: DayKind
    items: tuple[PlanItem, ...]
    retest: bool = False
    week: int | None = None
    phase: Phase = Phase.FOUNDATION

    @property
    def minutes(self) -> float:
        return sum((item.minutes for item in self.items), 0.0)

    @property
    def weekday(self) -> Weekday:
        return list(Weekday)[self.date.weekday()]


@dataclass(frozen=True)
class PlanWeek:
    week: int
    phase: Phase
    days: tuple[PlanDay, ...]


@dataclass(frozen=True)
class Adaptation:
    """A trace of one tailoring decision: what changed, why, and on what evidence."""

    code: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class HeelStep:
    below_cm: float | None  # applies while any side is below this; None: otherwise
    heel_cm: float


@dataclass(frozen=True)
class HeelElevation:
    current_cm: float | None  # None when no standing knee-to-wall value is known
    steps: tuple[HeelStep, ...]
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Goal:
    knee_to_wall_cm: float
    angle_low_deg: float | None
    angle_high_deg: float | None
    no_meaningful_asymmetry: bool
    met_at_baseline: bool
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Footwear:
    emphasised: bool
    reasons: tuple[str, ...]  # e.g. high_shoe_drop, desk_job
    transition_weeks: tuple[int, int]
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ExpectedRate:
    """Planning rate of knee-to-wall gain; the progress projection may use ``cm_per_week``."""

    cm_per_week: float
    low_cm_per_week: float
    high_cm_per_week: float
    age_adjusted: bool
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MaintenanceBlock:
    when: MaintenanceWhen
    days: tuple[Weekday, ...]
    items: tuple[PlanItem, ...]

    @property
    def minutes(self) -> float:
        return sum((item.minutes for item in self.items), 0.0)


@dataclass(frozen=True)
class MaintenancePlan:
    before_training: MaintenanceBlock
    other_days: MaintenanceBlock
    return_drop_cm: float
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    start: date
    minutes_per_day: int
    weeks: tuple[PlanWeek, ...]
    retests: tuple[date, ...]
    heel_elevation: HeelElevation
    goal: Goal
    maintenance: MaintenancePlan
    adaptations: tuple[Adaptation, ...]
    footwear: Footwear
    expected_rate: ExpectedRate
    referral_level: ReferralLevel
    referral_reasons: tuple[str, ...]
    cleared_by_professional: bool
    mode: PlanMode = PlanMode.DEVELOPMENT
    video_days: tuple[date, ...] = ()  # film the squat (seed 000: monthly)

    @property
    def days(self) -> tuple[PlanDay, ...]:
        return tuple(day for week in self.weeks for day in week.days)

    @property
    def session_days(self) -> tuple[PlanDay, ...]:
        """The days of the 12 weeks that have work to do (a maintenance plan's rest days are
        left out)."""
        return tuple(day for day in self.days if day.kind is not DayKind.REST and day.items)

    @property
    def end(self) -> date:
        """The last day of the 12 weeks."""
        return self.start + timedelta(days=PLAN_DAYS - 1)

    @property
    def expected_rate_cm_per_week(self) -> float:
        return self.expected_rate.cm_per_week

    def adaptation_codes(self) -> frozenset[str]:
        return frozenset(item.code for item in self.adaptations)

    def with_mode(self, mode: PlanMode) -> Plan:
        return replace(self, mode=mode)

    def development_day(self, when: date) -> PlanDay | None:
        """The day of the 12-week calendar dated ``when`` (None outside it)."""
        offset = (when - self.start).days
        if not 0 <= offset < len(self.weeks) * DAYS_PER_WEEK:
            return None
        week = self.weeks[offset // DAYS_PER_WEEK]
        day = week.days[offset % DAYS_PER_WEEK]
        return day if day.date == when else None

    def maintenance_day(self, when: date) -> PlanDay | None:
        """The maintenance routine of ``when``'s weekday: before training, a stretch day, or
        None (a free day)."""
        if when < self.start:
            return None
        weekday = list(Weekday)[when.weekday()]
        for block, kind in (
            (self.maintenance.before_training, DayKind.WARM_UP),
            (self.maintenance.other_days, DayKind.DAILY),
        ):
            if weekday in block.days:
                return PlanDay(
                    day=(when - self.start).days + 1,
                    date=when,
                    kind=kind,
                    items=block.items,
                    retest=self.is_retest(when),
                    week=None,
                    phase=Phase.MAINTENANCE,
                )
        return None

    def session_on(self, when: date) -> PlanDay | None:
        """What to do on ``when`` in the plan's current mode."""
        if self.mode is PlanMode.MAINTENANCE:
            return self.maintenance_day(when)
        return self.development_day(when)

    def is_retest(self, when: date) -> bool:
        return when in self.retests

    def next_retest(self, today: date) -> date | None:
        """The first retest on or after ``today``."""
        return next((when for when in self.retests if when >= today), None)

    def is_over(self, today: date) -> bool:
        """The 12 weeks of development are behind ``today`` (maintenance never ends)."""
        return self.mode is PlanMode.DEVELOPMENT and today > self.end

    def calendar(self, today: date) -> tuple[PlanDay, ...]:
        """The sessions a calendar shows: the 12 weeks, or in maintenance a window around
        ``today`` (maintenance goes on after the 12 weeks)."""
        if self.mode is PlanMode.DEVELOPMENT:
            return self.days
        first = max(self.start, today - timedelta(days=MAINTENANCE_PAST_DAYS))
        window = (first + timedelta(days=n) for n in range(MAINTENANCE_AHEAD_DAYS + 1))
        return tuple(day for when in window if (day := self.maintenance_day(when)) is not None)
