"""Progress (SPEC §5): change, rate, projection, adherence, flags and referral from a log.

Pure: ``today`` comes from the log. Decisions beyond the spec's letter:
- change is latest minus baseline rounded to 2 decimals *before* the 1.5 cm test, so float
  noise (11.6 - 10.1 = 1.4999...) never hides a real change;
- a retest on a side the assessment did not measure has no baseline: that side is None;
- adherence ratio is rounded to 3 decimals; the 70 % test uses exact integer arithmetic;
- streak: consecutive done/partial days ending today, or ending yesterday when today has no
  entry yet (the day is not over); a day logged only as skipped breaks it; never before plan_start;
- minutes per week: all logged minutes of the last 7 days (today included, never before
  plan_start), and the average
  over the plan so far (total minutes / planned days x 7), both rounded to 1 decimal;
- repeated sharp pain counts distinct session days with sharp or pinching pain (a day with
  three painful exercises is one session);
- detraining needs a real gain at any retest (best retest - baseline >= 1.5 cm), so a gain
  already partly lost still counts;
- without any retest, latest = baseline: change 0, so plateau can fire after 42 adherent days
  (the letter of §5: "no real change").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from dorsi.core.assessment.inputs import PerSide
from dorsi.core.assessment.report import Referral
from dorsi.core.codes import ConsiderReason, Felt, ProgressFlag, ReferralLevel, Side, Variant
from dorsi.core.progress.log import Log, Session
from dorsi.core.progress.stats import Point, Projection, Trend, project, theil_sen
from dorsi.core.thresholds import (
    ADHERENT,
    ASYMMETRY_RESOLVED_BELOW_CM,
    DETRAINING_DAYS,
    EXPECTED_RANGES,
    GOAL,
    GOAL_HELD_RETESTS,
    MEANINGFUL_ASYMMETRY,
    PLATEAU_DAYS,
    REAL_CHANGE,
    REPEATED_PAIN_SESSIONS,
    WEEK_DAYS,
    ExpectedRange,
)

PROGRESS_SCHEMA = "dorsi.progress/v1"


@dataclass(frozen=True)
class SideProgress:
    side: Side
    baseline_cm: float
    baseline_date: date
    latest_cm: float
    latest_date: date
    change_cm: float  # latest - baseline, rounded to 2 decimals
    real_change: bool
    best_change_cm: float  # largest retest - baseline so far (0 without retests)
    trend: Trend | None  # None under 3 measurements
    projection: Projection | None
    points: tuple[Point, ...]  # baseline first, then retests by date

    @property
    def rate_cm_per_week(self) -> float | None:
        return None if self.trend is None else self.trend.rate_cm_per_week


@dataclass(frozen=True)
class Adherence:
    planned_days: int
    done_days: int
    ratio: float  # done / planned, 3 decimals
    streak: int

    @property
    def adherent(self) -> bool:
        """At least 70 % of planned days done, compared exactly (no float rounding)."""
        return self.done_days * 100 >= ADHERENT.value * self.planned_days


@dataclass(frozen=True)
class MinutesPerWeek:
    last_7_days: float
    average: float


@dataclass(frozen=True)
class Progress:
    today: date
    plan_start: date
    variant: Variant
    target_cm: float
    sides: PerSide[SideProgress | None]
    retest_series: PerSide[tuple[Point, ...]]  # retest values of each side, by date
    adherence: Adherence
    minutes_per_week: MinutesPerWeek
    flags: tuple[ProgressFlag, ...]
    referral: Referral
    expected_ranges: tuple[ExpectedRange, ...]
    painful_session_days: int
    unchanged_pinch_sides: tuple[Side, ...]  # front pinch at baseline, no real change in 6 weeks

    @property
    def days_since_start(self) -> int:
        return (self.today - self.plan_start).days

    def side(self, side: Side) -> SideProgress | None:
        return self.sides.get(side)


def _round(value: float) -> float:
    return round(value, 2)


def _retest_points(log: Log, side: Side) -> tuple[Point, ...]:
    return tuple(
        Point(retest.when, value)
        for retest in log.retests
        if (value := retest.get(side)) is not None
    )


def _side_progress(log: Log, side: Side, target_cm: float) -> SideProgress | None:
    baseline_cm = log.assessment.side(side).knee_to_wall_cm
    if baseline_cm is None:
        return None
    baseline = Point(log.baseline_date, baseline_cm)
    retests = _retest_points(log, side)
    latest = retests[-1] if retests else baseline
    change = _round(latest.cm - baseline_cm)
    best = max((_round(point.cm - baseline_cm) for point in retests), default=0.0)
    points = (baseline, *retests)
    trend = theil_sen(points)
    return SideProgress(
        side=side,
        baseline_cm=baseline_cm,
        baseline_date=baseline.when,
        latest_cm=latest.cm,
        latest_date=latest.when,
        change_cm=change,
        real_change=abs(change) >= REAL_CHANGE.value,
        best_change_cm=best,
        trend=trend,
        projection=None if trend is None else project(trend, latest, target_cm, log.today),
        points=points,
    )


def _done_days(log: Log) -> set[date]:
    return {
        s.when for s in log.sessions if s.counts_as_done and log.plan_start <= s.when <= log.today
    }


def _streak(log: Log, done: set[date]) -> int:
    logged_today = any(session.when == log.today for session in log.sessions)
    day = log.today if (log.today in done or logged_today) else log.today - timedelta(days=1)
    streak = 0
    while day in done and day >= log.plan_start:
        streak += 1
        day -= timedelta(days=1)
    return streak


def _adherence(log: Log) -> Adherence:
    planned = (log.today - log.plan_start).days + 1
    done = _done_days(log)
    return Adherence(
        planned_days=planned,
        done_days=len(done),
        ratio=round(len(done) / planned, 3),
        streak=_streak(log, done),
    )


def _minutes(log: Log, planned_days: int) -> MinutesPerWeek:
    week_start = max(log.today - timedelta(days=WEEK_DAYS - 1), log.plan_start)
    last_week = sum(s.minutes for s in log.sessions if s.when >= week_start)
    total = sum(s.minutes for s in log.sessions if s.when >= log.plan_start)
    return MinutesPerWeek(
        last_7_days=round(last_week, 1),
        average=round(total / planned_days * WEEK_DAYS, 1),
    )


def _asymmetric(left_cm: float, right_cm: float) -> bool:
    return abs(_round(left_cm - right_cm)) > MEANINGFUL_ASYMMETRY.value


def _goal_reached(log: Log, sides: PerSide[SideProgress | None], target_cm: float) -> bool:
    """The last two retests both have both sides at the target, and the last one no
    meaningful asymmetry (SPEC §5): one retest over the line may be measurement error."""
    if sides.left is None or sides.right is None:
        return False
    both = [r for r in log.retests if r.left_cm is not None and r.right_cm is not None]
    held = both[-int(GOAL_HELD_RETESTS) :]
    if len(held) < GOAL_HELD_RETESTS:
        return False
    at_target = all(min(r.left_cm or 0.0, r.right_cm or 0.0) >= target_cm for r in held)
    last = held[-1]
    return at_target and not _asymmetric(last.left_cm or 0.0, last.right_cm or 0.0)


def _asymmetry_resolved(sides: PerSide[SideProgress | None]) -> bool:
    """Meaningful at baseline, and under the measurement error (1.5 cm) at the latest retest."""
    left, right = sides.left, sides.right
    if left is None or right is None:
        return False
    latest_gap = abs(_round(left.latest_cm - right.latest_cm))
    measured_again = len(left.points) > 1 and len(right.points) > 1
    return (
        measured_again
        and _asymmetric(left.baseline_cm, right.baseline_cm)
        and latest_gap < ASYMMETRY_RESOLVED_BELOW_CM
    )


def _detraining(log: Log, sides: list[SideProgress]) -> bool:
    gained = any(side.best_change_cm >= REAL_CHANGE.value for side in sides)
    window_start = log.today - timedelta(days=int(DETRAINING_DAYS.value) - 1)
    trained = any(s.counts_as_done and s.when >= window_start for s in log.sessions)
    return gained and not trained


def _six_adherent_weeks(log: Log, adherence: Adherence) -> bool:
    return (log.today - log.plan_start).days >= PLATEAU_DAYS.value and adherence.adherent


def _flags(
    log: Log, sides: PerSide[SideProgress | None], adherence: Adherence, target_cm: float
) -> tuple[ProgressFlag, ...]:
    measured = [side for side in (sides.left, sides.right) if side is not None]
    checks = {
        ProgressFlag.PLATEAU: _six_adherent_weeks(log, adherence)
        and not any(side.real_change for side in measured),
        ProgressFlag.DETRAINING: _detraining(log, measured),
        ProgressFlag.GOAL_REACHED: _goal_reached(log, sides, target_cm),
        ProgressFlag.ASYMMETRY_RESOLVED: _asymmetry_resolved(sides),
    }
    return tuple(flag for flag in ProgressFlag if checks[flag])


def _without_projection(side: SideProgress | None) -> SideProgress | None:
    return None if side is None else replace(side, projection=None)


def painful_days(sessions: tuple[Session, ...]) -> int:
    return len({session.when for session in sessions if session.sharp_or_pinching})


def _unchanged_front_pinch(
    log: Log, sides: PerSide[SideProgress | None], adherence: Adherence
) -> tuple[Side, ...]:
    if not _six_adherent_weeks(log, adherence):
        return ()
    return tuple(
        side
        for side in Side
        if log.assessment.side(side).felt is Felt.FRONT_PINCH
        and (result := sides.get(side)) is not None
        and not result.real_change
    )


def _referral(
    flags: tuple[ProgressFlag, ...], painful: int, pinch_sides: tuple[Side, ...]
) -> Referral:
    checks = {
        ConsiderReason.PLATEAU: ProgressFlag.PLATEAU in flags,
        ConsiderReason.REPEATED_SHARP_PAIN: painful >= REPEATED_PAIN_SESSIONS.value,
        ConsiderReason.UNCHANGED_FRONT_PINCH: bool(pinch_sides),
    }
    reasons = tuple(reason.value for reason, hit in checks.items() if hit)
    return Referral(ReferralLevel.CONSIDER if reasons else ReferralLevel.NONE, reasons)


def compute_progress(log: Log) -> Progress:
    """Everything SPEC §5 asks of a log; the shells render it."""
    variant = log.assessment.variant
    target_cm = GOAL[variant].value
    sides: PerSide[SideProgress | None] = PerSide(
        left=_side_progress(log, Side.LEFT, target_cm),
        right=_side_progress(log, Side.RIGHT, target_cm),
    )
    adherence = _adherence(log)
    flags = _flags(log, sides, adherence, target_cm)
    if {ProgressFlag.PLATEAU, ProgressFlag.DETRAINING} & set(flags):
        # No date while the work has stalled or stopped: the trend no longer describes it.
        sides = PerSide(
            left=_without_projection(sides.left), right=_without_projection(sides.right)
        )
    painful = painful_days(log.sessions)
    pinch_sides = _unchanged_front_pinch(log, sides, adherence)
    return Progress(
        today=log.today,
        plan_start=log.plan_start,
        variant=variant,
        target_cm=target_cm,
        sides=sides,
        retest_series=PerSide(_retest_points(log, Side.LEFT), _retest_points(log, Side.RIGHT)),
        adherence=adherence,
        minutes_per_week=_minutes(log, adherence.planned_days),
        flags=flags,
        referral=_referral(flags, painful, pinch_sides),
        expected_ranges=EXPECTED_RANGES,
        painful_session_days=painful,
        unchanged_pinch_sides=pinch_sides,
    )
