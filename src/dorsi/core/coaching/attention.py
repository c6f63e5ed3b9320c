"""Who needs attention first: the rules behind the coach's client list (issue 11).

The service gathers a few aggregated facts per client (counts and dates, never a whole log)
and these pure rules turn them into concerns, most pressing first, each with one line of
words. The progress rules they mirror (plateau, goal reached) read the same thresholds as
``dorsi.core.progress`` so the list and the athlete's progress page never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dorsi.core.assessment.texts import reason_words
from dorsi.core.codes import PlanMode, ReferralLevel
from dorsi.core.thresholds import (
    ADHERENT,
    ATTENTION_WINDOW_DAYS,
    INACTIVE_DAYS,
    LOW_ADHERENCE_PERCENT,
    MEANINGFUL_ASYMMETRY,
    PLATEAU_DAYS,
    REAL_CHANGE,
    RETEST_WINDOW_DAYS,
    round_cm,
)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Concern(StrEnum):
    """Why a client needs attention, most pressing first (the order is the list's order)."""

    RED_FLAG = "red_flag"
    SHARP_PAIN = "sharp_pain"
    SWELLING = "swelling"
    REFERRAL = "referral"
    LOW_ADHERENCE = "low_adherence"
    RETEST_OVERDUE = "retest_overdue"
    INACTIVE = "inactive"
    PLATEAU = "plateau"
    RETEST_DUE = "retest_due"
    GOAL_REACHED = "goal_reached"
    NO_PLAN = "no_plan"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {concern: rank for rank, concern in enumerate(Concern)}


@dataclass(frozen=True)
class Measure:
    """A knee-to-wall measurement of both sides (None: that side was not measured)."""

    when: date
    left_cm: float | None
    right_cm: float | None

    @property
    def sides(self) -> tuple[float | None, float | None]:
        return (self.left_cm, self.right_cm)


@dataclass(frozen=True)
class ClientFacts:
    """What the list knows of one client on ``today``; counts are over the attention window."""

    today: date
    has_assessment: bool = False
    referral_level: ReferralLevel = ReferralLevel.NONE  # of the latest assessment
    referral_reasons: tuple[str, ...] = ()
    cleared: bool = False
    plan_start: date | None = None
    plan_mode: PlanMode | None = None
    retest_schedule: tuple[date, ...] = ()
    baseline: Measure | None = None  # the assessment the plan was built from
    target_cm: float | None = None
    retests: tuple[Measure, ...] = ()  # since the baseline, by date
    sharp_pain_days: int = 0
    last_sharp_pain: date | None = None
    swelling_days: int = 0
    last_swelling: date | None = None
    done_days_in_window: int = 0
    done_days_since_start: int = 0
    last_active: date | None = None  # the last day logged as done or partial

    @property
    def window_start(self) -> date:
        return self.today - timedelta(days=ATTENTION_WINDOW_DAYS - 1)


@dataclass(frozen=True)
class Reason:
    concern: Concern
    text: str


@dataclass(frozen=True)
class Attention:
    reasons: tuple[Reason, ...]  # most pressing first

    @property
    def needed(self) -> bool:
        return bool(self.reasons)

    @property
    def rank(self) -> int:
        return self.reasons[0].concern.rank if self.reasons else len(Concern)

    @property
    def headline(self) -> str:
        return self.reasons[0].text if self.reasons else "Nothing needs attention"

    @property
    def concerns(self) -> frozenset[Concern]:
        return frozenset(reason.concern for reason in self.reasons)


def short_date(when: date) -> str:
    """``15 Jun`` (no locale, no year: the list only shows recent days)."""
    return f"{when.day} {MONTHS[when.month - 1]}"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _referral(facts: ClientFacts) -> Reason | None:
    words = "; ".join(reason_words(code) for code in facts.referral_reasons)
    if facts.referral_level is ReferralLevel.BEFORE_STARTING and not facts.cleared:
        return Reason(
            Concern.RED_FLAG, f"Red flag: {words} — no program until a professional clears it"
        )
    if facts.referral_level is ReferralLevel.CONSIDER and words:
        return Reason(Concern.REFERRAL, f"Referral suggested: {words}")
    return None


def _pain(facts: ClientFacts) -> list[Reason]:
    out = []
    if facts.sharp_pain_days and facts.last_sharp_pain is not None:
        out.append(
            Reason(
                Concern.SHARP_PAIN,
                f"Sharp or pinching pain on {_days(facts.sharp_pain_days)} in the last "
                f"{ATTENTION_WINDOW_DAYS} (last {short_date(facts.last_sharp_pain)})",
            )
        )
    if facts.swelling_days and facts.last_swelling is not None:
        out.append(
            Reason(
                Concern.SWELLING,
                f"Swelling or heat logged on {_days(facts.swelling_days)} "
                f"(last {short_date(facts.last_swelling)})",
            )
        )
    return out


def planned_days_in_window(facts: ClientFacts) -> int:
    if facts.plan_start is None or facts.plan_start > facts.today:
        return 0
    return (facts.today - max(facts.plan_start, facts.window_start)).days + 1


def _adherence(facts: ClientFacts) -> Reason | None:
    planned = planned_days_in_window(facts)
    if planned == 0 or facts.done_days_in_window * 100 >= LOW_ADHERENCE_PERCENT * planned:
        return None
    percent = round(facts.done_days_in_window * 100 / planned)
    return Reason(
        Concern.LOW_ADHERENCE,
        f"Adherence {percent} % in the last {_days(planned)} "
        f"({facts.done_days_in_window} of {planned} done)",
    )


def _inactive(facts: ClientFacts) -> Reason | None:
    if facts.plan_start is None or facts.plan_start > facts.today - timedelta(days=INACTIVE_DAYS):
        return None  # a plan younger than a week cannot be a week without activity
    last = facts.last_active
    if last is not None and (facts.today - last).days < INACTIVE_DAYS:
        return None
    since = "no session logged yet" if last is None else f"last session {short_date(last)}"
    return Reason(Concern.INACTIVE, f"No activity for {INACTIVE_DAYS} days or more ({since})")


def _retested_for(facts: ClientFacts, scheduled: date) -> bool:
    early = scheduled - timedelta(days=RETEST_WINDOW_DAYS)
    return any(measure.when >= early for measure in facts.retests)


def _retest(facts: ClientFacts) -> Reason | None:
    if facts.plan_mode is not PlanMode.DEVELOPMENT:
        return None
    passed = [when for when in facts.retest_schedule if when <= facts.today]
    if not passed or _retested_for(facts, passed[-1]):
        return None
    late = (facts.today - passed[-1]).days
    if late > RETEST_WINDOW_DAYS:
        return Reason(
            Concern.RETEST_OVERDUE, f"Retest overdue since {short_date(passed[-1])} ({late} days)"
        )
    when = "today" if late == 0 else f"since {short_date(passed[-1])}"
    return Reason(Concern.RETEST_DUE, f"Retest due {when}")


def _latest(facts: ClientFacts) -> tuple[float | None, float | None]:
    """The latest value of each side: the last retest that measured it, else the baseline."""
    left, right = (None, None) if facts.baseline is None else facts.baseline.sides
    for measure in facts.retests:
        left = measure.left_cm if measure.left_cm is not None else left
        right = measure.right_cm if measure.right_cm is not None else right
    return left, right


def _plateau(facts: ClientFacts) -> Reason | None:
    """SPEC §5: six weeks in, at least 70 % adherence, no real change on either side."""
    if facts.plan_start is None or facts.baseline is None:
        return None
    elapsed = (facts.today - facts.plan_start).days
    planned = elapsed + 1
    if elapsed < PLATEAU_DAYS.value or facts.done_days_since_start * 100 < ADHERENT.value * planned:
        return None
    pairs = zip(facts.baseline.sides, _latest(facts), strict=True)
    changes = [round_cm(now - then) for then, now in pairs if then is not None and now is not None]
    if not changes or any(abs(change) >= REAL_CHANGE.value for change in changes):
        return None
    return Reason(
        Concern.PLATEAU,
        f"Plateau: no real change after {elapsed // 7} weeks of regular work",
    )


def _at_goal(measure: Measure, target_cm: float) -> bool:
    left, right = measure.sides
    return left is not None and right is not None and min(left, right) >= target_cm


def _goal(facts: ClientFacts) -> Reason | None:
    """SPEC §5 goal_reached: the last two retests at the goal, no meaningful asymmetry."""
    if facts.plan_mode is not PlanMode.DEVELOPMENT or facts.target_cm is None:
        return None
    if len(facts.retests) < 2:
        return None
    before, last = facts.retests[-2], facts.retests[-1]
    if not (_at_goal(before, facts.target_cm) and _at_goal(last, facts.target_cm)):
        return None
    left, right = last.sides
    if left is None or right is None or abs(round_cm(left - right)) > MEANINGFUL_ASYMMETRY.value:
        return None
    return Reason(Concern.GOAL_REACHED, "Goal reached at two retests: ready for maintenance")


def _no_plan(facts: ClientFacts) -> Reason | None:
    if facts.plan_start is not None:
        return None
    if not facts.has_assessment:
        return Reason(Concern.NO_PLAN, "No assessment yet")
    return Reason(Concern.NO_PLAN, "Assessed, no plan yet")


def attention(facts: ClientFacts) -> Attention:
    """Every concern that holds for the client, most pressing first."""
    found = [_referral(facts), *_pain(facts), _adherence(facts), _inactive(facts)]
    found += [_retest(facts), _plateau(facts), _goal(facts), _no_plan(facts)]
    reasons = sorted((r for r in found if r is not None), key=lambda r: r.concern.rank)
    return Attention(tuple(reasons))
