"""After the goal: the maintenance week, and when to go back to development (SPEC §4).

Seed 000: gains fade within weeks without a stimulus, but a small one keeps them: about
5 minutes before each lower-body session (knee-to-wall circles, one banded set per side)
and a short calf stretch on two other days. A drop of a real change (1.5 cm, Powden 2015)
below the value at the goal sends the user back to the development program.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import combinations

from dorsi.core.assessment.inputs import Profile
from dorsi.core.codes import ItemSide, MaintenanceWhen, Side, Weekday
from dorsi.core.evidence import POWDEN_2015, SEED_000
from dorsi.core.program.fit import Slot, fit
from dorsi.core.program.resolve import Resolver
from dorsi.core.program.sessions import BANDED, CIRCLES, GASTROC, SOLEUS, STRETCH
from dorsi.core.program.tailoring import owned_equipment
from dorsi.core.program.values import (
    Dose,
    ExerciseCatalog,
    MaintenanceBlock,
    MaintenancePlan,
    PlanItem,
)
from dorsi.core.thresholds import (
    MAINTENANCE_BEFORE_TRAINING_MIN,
    MAINTENANCE_OTHER_DAYS_PER_WEEK,
    REAL_CHANGE,
)

PRE_SESSION = (
    Slot(CIRCLES, ItemSide.BOTH, (Dose(1, seconds=90),), 30),
    Slot(BANDED, ItemSide.BOTH, (Dose(1, seconds=60),), 35),
)
OTHER_DAY = (
    Slot(GASTROC, ItemSide.BOTH, STRETCH, 20),
    Slot(SOLEUS, ItemSide.BOTH, STRETCH, 20),
)


def _circular_gap(a: Weekday, b: Weekday) -> int:
    gap = abs(a.number - b.number)
    return min(gap, 7 - gap)


def other_days(training_days: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
    """Two non-training days as far apart as possible (fewer if the week is full)."""
    free = [day for day in Weekday if day not in training_days]
    if len(free) <= MAINTENANCE_OTHER_DAYS_PER_WEEK:
        return tuple(free)
    best = max(
        combinations(free, MAINTENANCE_OTHER_DAYS_PER_WEEK),
        key=lambda pair: (_circular_gap(*pair), -pair[0].number),
    )
    return tuple(best)


def _items(slots: tuple[Slot, ...], resolver: Resolver, cap: float) -> tuple[PlanItem, ...]:
    resolved = [s for s in (resolver.resolve(slot, date.min) for slot in slots) if s]
    fitted = fit(resolved, cap=cap, floor=0.0, sides_of=resolver.sides)
    return tuple(
        PlanItem(
            exercise=f.slot.exercise,
            name=resolver.exercise(f.slot.exercise).name,
            side=f.slot.side,
            dose=f.dose,
            minutes=f.minutes,
            note=f.slot.note,
            per_side=resolver.exercise(f.slot.exercise).per_side,
        )
        for f in fitted
    )


def maintenance_plan(profile: Profile, *, library: ExerciseCatalog) -> MaintenancePlan:
    """The weekly maintenance template for this profile (equipment substitutes applied)."""
    resolver = Resolver(library, owned_equipment(profile), ())
    cap = min(MAINTENANCE_BEFORE_TRAINING_MIN, float(profile.minutes_per_day))
    before = MaintenanceBlock(
        MaintenanceWhen.BEFORE_TRAINING,
        tuple(profile.training_days),
        _items(PRE_SESSION, resolver, cap),
    )
    other = MaintenanceBlock(
        MaintenanceWhen.OTHER_DAY,
        other_days(tuple(profile.training_days)),
        _items(OTHER_DAY, resolver, cap),
    )
    text = (
        "Once both ankles reach the goal: about 5 minutes before each lower-body session "
        "(knee-to-wall circles, one banded set per side) and a short calf stretch on two "
        "other days a week. Keep retesting monthly; a drop of 1.5 cm or more below your "
        "value at the goal means going back to the 12-week program."
    )
    return MaintenancePlan(
        before_training=before,
        other_days=other,
        return_drop_cm=REAL_CHANGE.value,
        text=text,
        sources=(SEED_000.tag, POWDEN_2015.tag),
    )


def should_return_to_development(
    goal_cm_by_side: Mapping[Side, float | None], latest_cm_by_side: Mapping[Side, float | None]
) -> bool:
    """True when a side fell by a real change (>= 1.5 cm) below its value at the goal."""
    for side in Side:
        goal, latest = goal_cm_by_side.get(side), latest_cm_by_side.get(side)
        if goal is not None and latest is not None and round(goal - latest, 6) >= REAL_CHANGE.value:
            return True
    return False
