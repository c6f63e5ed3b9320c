"""What the plan calendar says about its weeks: the phase each week belongs to and why a retest
falls where it does (SPEC §4: retests on the last day of weeks 3, 6, 9 and 12, and weekly
through the mobilization block). Own words; the dates come from ``thresholds.RETEST_DAYS``."""

from __future__ import annotations

from dataclasses import dataclass

from dorsi.core.codes import DayKind, Phase
from dorsi.core.thresholds import (
    DAYS_PER_WEEK,
    INTEGRATION_FROM_WEEK,
    MOBILIZATION_FROM_WEEK,
    PLAN_WEEKS,
    RETEST_DAYS,
)

PHASE_NAMES = {
    Phase.FOUNDATION: "Foundation",
    Phase.MOBILIZATION: "Mobilization",
    Phase.INTEGRATION: "Integration",
    Phase.MAINTENANCE: "Maintenance",
}

PHASE_AIMS = {
    Phase.FOUNDATION: "build the daily habit and load the calves gently",
    Phase.MOBILIZATION: "the main push on range: joint mobilizations and longer stretches",
    Phase.INTEGRATION: "use the new range under load, in squats and sport moves",
    Phase.MAINTENANCE: "keep the range with a short routine",
}

DAY_KIND_NAMES = {
    DayKind.DAILY: "daily session",
    DayKind.WARM_UP: "warm-up before training",
    DayKind.STANDALONE: "short session",
    DayKind.REST: "rest day",
}

# A logged day in words and as a mark, so colour is never the only signal.
STATUS_WORDS = {"done": "done", "partial": "partly done", "skipped": "skipped"}
STATUS_MARKS = {"done": "✓", "partial": "½", "skipped": "✗"}

_EVERY_THIRD = "every third week: often enough to see a real change, rare enough for one to build"
_WEEKLY = "weekly during the mobilization block, when the range usually changes fastest"


def _phase_weeks(phase: Phase) -> str:
    spans = {
        Phase.FOUNDATION: (1, MOBILIZATION_FROM_WEEK - 1),
        Phase.MOBILIZATION: (MOBILIZATION_FROM_WEEK, INTEGRATION_FROM_WEEK - 1),
        Phase.INTEGRATION: (INTEGRATION_FROM_WEEK, PLAN_WEEKS),
    }
    if phase not in spans:
        return ""
    low, high = spans[phase]
    return f"weeks {low}\u2013{high}"


def phase_label(phase: Phase) -> str:
    """``Mobilization (weeks 5–8): the main push on range…``."""
    weeks = _phase_weeks(phase)
    span = f" ({weeks})" if weeks else ""
    return f"{PHASE_NAMES[phase]}{span}: {PHASE_AIMS[phase]}"


def day_kind_name(kind: str) -> str:
    """``standalone`` -> ``short session``; an unknown code stays as plain words."""
    try:
        return DAY_KIND_NAMES[DayKind(kind)]
    except ValueError:
        return kind.replace("_", " ")


def retest_weeks() -> tuple[int, ...]:
    return tuple(sorted({(day - 1) // DAYS_PER_WEEK + 1 for day in RETEST_DAYS}))


@dataclass(frozen=True)
class WeekLabel:
    week: int
    phase: Phase
    title: str  # "Week 5 · Mobilization"
    retest_reason: str  # "" when the week has no retest


def week_label(week: int, phase: Phase) -> WeekLabel:
    reason = ""
    if week in retest_weeks():
        why = _EVERY_THIRD if week % 3 == 0 else _WEEKLY
        if week % 3 == 0 and MOBILIZATION_FROM_WEEK <= week < INTEGRATION_FROM_WEEK:
            why = f"{_EVERY_THIRD}, and {_WEEKLY}"
        reason = f"Retest on the last day of the week ({why})."
    title = f"Week {week} · {PHASE_NAMES[phase]}" if week else PHASE_NAMES[phase]
    return WeekLabel(week, phase, title, reason)
