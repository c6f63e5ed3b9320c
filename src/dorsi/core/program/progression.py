"""The dose-progression limit (SPEC §4): doses rise gradually, week by week.

From one week to the next an exercise's dose rises by at most one set, or 5 reps, or 50 %
more hold time (one of them, not several at once); lowering is always allowed. Loaded calf
work is one family, so moving from eccentric lowering to single-leg raises is a step in the
same ramp (1 x 12 -> 2 x 12 -> 2 x 15 -> 3 x 15, never 1 x 15 -> 3 x 15).

``check_plan`` holds every plan to :func:`ramp_violations` (an edit only to the rises it adds,
:func:`new_rises`, so a plan stored before the limit existed can still be edited); the builder
caps each ladder with :func:`cap_ladder` against the previous week, so it never produces a
violation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from dorsi.core.codes import ItemSide
from dorsi.core.program.values import Dose, PlanItem, PlanWeek
from dorsi.core.thresholds import (
    MAX_WEEKLY_HOLD_RISE,
    MAX_WEEKLY_REPS_RISE,
    MAX_WEEKLY_SETS_RISE,
)

# Loaded calf work: one ramp whichever version is done (SPEC §4's example).
CALF_LOAD_FAMILY = frozenset(
    {
        "eccentric-calf-lowering",
        "single-leg-calf-raise",
        "single-leg-floor-calf-raise",
        "weighted-single-leg-calf-raise",
        "step-calf-raise",
        "double-leg-calf-raise",
        "bent-knee-calf-raise",
        "seated-calf-raise",
    }
)
CALF_LOAD = "loaded calf work"

Key = tuple[str, ItemSide]


def ramp_key(exercise: str, side: ItemSide) -> Key:
    return (CALF_LOAD if exercise in CALF_LOAD_FAMILY else exercise, side)


def volume(dose: Dose) -> int:
    return dose.sets * (dose.reps if dose.reps is not None else dose.seconds or 0)


def _hold_limit(seconds: int) -> int:
    return math.floor(seconds * MAX_WEEKLY_HOLD_RISE)


def allowed_rise(previous: Dose, new: Dose) -> bool:
    """True when ``new`` is at most one step above ``previous`` (or not above it)."""
    if (previous.reps is None) != (new.reps is None):
        return True  # a different kind of dose (reps vs hold): a different exercise form
    sets_up = new.sets - previous.sets
    if new.reps is not None and previous.reps is not None:
        amount_up = new.reps - previous.reps
        amount_ok = amount_up <= MAX_WEEKLY_REPS_RISE
    else:
        now, before = new.seconds or 0, previous.seconds or 0
        amount_up = now - before
        amount_ok = now <= _hold_limit(before)
    if sets_up > 0 and amount_up > 0:
        return False
    return sets_up <= MAX_WEEKLY_SETS_RISE and amount_ok


def capped(previous: Dose, new: Dose) -> Dose:
    """``new``, or the largest dose under it that is one allowed step above ``previous``."""
    if allowed_rise(previous, new):
        return new
    more_sets = min(new.sets, previous.sets + MAX_WEEKLY_SETS_RISE)
    same_sets = min(new.sets, previous.sets)
    if new.reps is not None and previous.reps is not None:
        options = (
            Dose(more_sets, reps=min(new.reps, previous.reps), lowering_s=new.lowering_s),
            Dose(
                same_sets,
                reps=min(new.reps, previous.reps + MAX_WEEKLY_REPS_RISE),
                lowering_s=new.lowering_s,
            ),
        )
    else:
        now, before = new.seconds or 0, previous.seconds or 0
        options = (
            Dose(more_sets, seconds=min(now, before), lowering_s=new.lowering_s),
            Dose(same_sets, seconds=min(now, _hold_limit(before)), lowering_s=new.lowering_s),
        )
    return max(options, key=volume)


def cap_ladder(previous: Dose | None, ladder: tuple[Dose, ...]) -> tuple[Dose, ...]:
    """The ladder with every step capped against last week's dose (order kept, no repeats)."""
    if previous is None:
        return ladder
    out: list[Dose] = []
    for dose in ladder:
        step = capped(previous, dose)
        if step not in out:
            out.append(step)
    return tuple(out)


def week_doses(items: Iterable[PlanItem]) -> dict[Key, Dose]:
    """The largest dose of each ramp key in a week's items."""
    out: dict[Key, Dose] = {}
    for item in items:
        key = ramp_key(item.exercise, item.side)
        if key not in out or volume(item.dose) > volume(out[key]):
            out[key] = item.dose
    return out


@dataclass(frozen=True)
class Rise:
    """A dose that rises faster than the limit: item ``item`` of day ``day`` of week index
    ``week``, from last week's ``before`` to ``after``."""

    week: int
    day: int
    item: int
    key: Key
    before: Dose
    after: Dose
    problem: str

    @property
    def field(self) -> str:
        return f"weeks[{self.week}].days[{self.day}].items[{self.item}].sets"

    def no_steeper_than(self, other: Rise) -> bool:
        """The same ramp in the same week, rising from as much or more to as much or less."""
        return (
            (self.week, self.key) == (other.week, other.key)
            and volume(self.before) >= volume(other.before)
            and volume(self.after) <= volume(other.after)
        )


def ramp_violations(weeks: tuple[PlanWeek, ...]) -> tuple[Rise, ...]:
    """Every dose that rises faster than the limit against the previous week, in order."""
    out = []
    previous: dict[Key, Dose] = {}
    for w, week in enumerate(weeks):
        for d, day in enumerate(week.days):
            for i, item in enumerate(day.items):
                key = ramp_key(item.exercise, item.side)
                before = previous.get(key)
                if before is not None and not allowed_rise(before, item.dose):
                    out.append(Rise(w, d, i, key, before, item.dose, _problem(item, before)))
        previous = week_doses(item for day in week.days for item in day.items)
    return tuple(out)


def ramp_violation(weeks: tuple[PlanWeek, ...]) -> tuple[int, int, int, str] | None:
    """The first (week index, day index, item index, problem) where a dose rises faster than
    the limit against the previous week; None when the plan ramps gradually."""
    rises = ramp_violations(weeks)
    if not rises:
        return None
    first = rises[0]
    return (first.week, first.day, first.item, first.problem)


def new_rises(weeks: tuple[PlanWeek, ...], before: tuple[PlanWeek, ...]) -> tuple[Rise, ...]:
    """The rises over the limit in ``weeks`` that ``before`` (the plan as it was before an
    edit) did not already have: a rise of the same ramp in the same week that is no steeper
    was there before the edit, so the edit did not introduce it."""
    old = ramp_violations(before)
    return tuple(
        rise
        for rise in ramp_violations(weeks)
        if not any(rise.no_steeper_than(known) for known in old)
    )


def _words(dose: Dose) -> str:
    amount = f"{dose.reps} reps" if dose.reps is not None else f"{dose.seconds} s"
    return f"{dose.sets} x {amount}"


def _problem(item: PlanItem, before: Dose) -> str:
    return (
        f"{item.name} rises from {_words(before)} to {_words(item.dose)} in one week; a dose "
        f"may rise by one set, {MAX_WEEKLY_REPS_RISE} reps or half the hold time a week"
    )
