"""After the goal: the maintenance week, and when to go back to development (SPEC §4).

Seed 000: gains fade within weeks without a stimulus, but a small one keeps them: about
5 minutes before each lower-body session (knee-to-wall circles, one banded set per side)
and a short calf stretch on two other days. A drop of a real change (1.5 cm, Powden 2015)
below the value at the goal sends the user back to the development program.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from itertools import combinations

from dorsi.core.assessment.inputs import Profile
from dorsi.core.assessment.triage import Safety
from dorsi.core.codes import ItemSide, MaintenanceWhen, Side, Weekday
from dorsi.core.evidence import POWDEN_2015, SEED_000
from dorsi.core.program.fit import Slot, fit
from dorsi.core.program.resolve import Resolver
from dorsi.core.program.sessions import BANDED, CIRCLES, GASTROC, SL_RAISE, SOLEUS, STRETCH
from dorsi.core.program.tailoring import owned_equipment
from dorsi.core.program.values import (
    Dose,
    ExerciseCatalog,
    MaintenanceBlock,
    MaintenancePlan,
    PlanItem,
)
from dorsi.core.thresholds import (
    DAYS_PER_WEEK,
    LOADED_END_RANGE_FROM_WEEK_AFTER_TRAUMA,
    MAINTENANCE_BEFORE_TRAINING_MIN,
    MAINTENANCE_FROM_WEEK,
    MAINTENANCE_OTHER_DAY_MIN,
    MAINTENANCE_OTHER_DAYS_PER_WEEK,
    MAINTENANCE_ROUTINE_DAYS_WITHOUT_TRAINING,
    REAL_CHANGE,
)

PRE_SESSION = (
    Slot(CIRCLES, ItemSide.BOTH, (Dose(1, seconds=90),), 30),
    Slot(BANDED, ItemSide.BOTH, (Dose(1, seconds=60),), 35),
)
OTHER_DAY = (
    Slot(GASTROC, ItemSide.BOTH, STRETCH, 20),
    Slot(SOLEUS, ItemSide.BOTH, STRETCH, 20),
    # strength is kept: single-leg calf raises 2 x 15 on the two other days (SPEC §4)
    Slot(
        SL_RAISE,
        ItemSide.BOTH,
        (Dose(2, reps=15, lowering_s=3), Dose(1, reps=15, lowering_s=3)),
        50,
        core=True,
        note="Strength is kept: 3 s lowering.",
    ),
)
# Without training days the 5-minute routine runs on three spread days.
ROUTINE_DAYS = (Weekday.MON, Weekday.WED, Weekday.FRI)


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
    later = LOADED_END_RANGE_FROM_WEEK_AFTER_TRAUMA  # maintenance never falls in weeks 1-2
    resolved = [s for s in (resolver.resolve(slot, date.min, week=later) for slot in slots) if s]
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


def maintenance_plan(
    profile: Profile, *, library: ExerciseCatalog, safety: Safety | None = None
) -> MaintenancePlan:
    """The weekly maintenance template for this profile (equipment substitutes and the safety
    rules of cleared red flags applied; no first-weeks restriction: maintenance comes later)."""
    resolver = Resolver(library, owned_equipment(profile), (), safety=safety)
    cap = min(MAINTENANCE_BEFORE_TRAINING_MIN, float(profile.minutes_per_day))
    other_cap = min(MAINTENANCE_OTHER_DAY_MIN, float(profile.minutes_per_day))
    routine_days = tuple(profile.training_days) or ROUTINE_DAYS
    before = MaintenanceBlock(
        MaintenanceWhen.BEFORE_TRAINING,
        routine_days,
        _items(PRE_SESSION, resolver, cap),
    )
    other = MaintenanceBlock(
        MaintenanceWhen.OTHER_DAY,
        other_days(routine_days),
        _items(OTHER_DAY, resolver, other_cap),
    )
    routine = (
        "before each lower-body session"
        if profile.training_days
        else f"on {MAINTENANCE_ROUTINE_DAYS_WITHOUT_TRAINING} days a week"
    )
    text = (
        f"Once both ankles reach the goal: about 5 minutes {routine} (knee-to-wall circles, "
        "one banded set per side), and on two other days a short calf stretch with single-leg "
        "calf raises, 2 sets of 15, so strength is kept. Keep retesting monthly; a drop of "
        "1.5 cm or more below your value at the goal means going back to the 12-week program."
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


def maintenance_readiness(*, plan_start: date, today: date, goal_reached: bool) -> tuple[bool, str]:
    """Whether a development plan may switch to maintenance on ``today``, and why (SPEC §4):
    the goal held at two retests in a row (progress's ``goal_reached``) and the integration
    phase started (week 9 on). Before that the goal is celebrated and the loaded phase goes on."""
    first_day = plan_start + timedelta(days=(MAINTENANCE_FROM_WEEK - 1) * DAYS_PER_WEEK)
    if not goal_reached:
        return False, (
            "the goal is not reached yet: both sides at the target, no meaningful asymmetry, "
            "at two retests in a row"
        )
    if today < first_day:
        return False, (
            f"the goal is reached, well done; maintenance starts from week "
            f"{MAINTENANCE_FROM_WEEK} ({first_day.isoformat()}) so the loaded phase is not skipped"
        )
    return True, "the goal held at two retests in a row"
