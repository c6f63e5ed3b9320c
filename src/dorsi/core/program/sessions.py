"""What a day's session holds, before fitting it into its time budget (SPEC §4).

Foundation (weeks 1-4): straight- and bent-knee calf stretches, knee-to-wall circles, and
strength from week 4. Mobilization (5-8) adds banded mobilization. Integration (9-12) adds
deep-squat rocking and single-leg calf raises 3 x 15 with a 3 s lowering. Strength work sits
on every other session day (calves recover between hard sessions, and it keeps the daily
session at 8-10 min); court-sport balance drills fill the days between. Tailoring changes
priorities, adds targeted blocks and sport drills.
"""

from __future__ import annotations

from dataclasses import replace

from dorsi.core.codes import DayKind, ItemSide, LimitingFactor
from dorsi.core.program.fit import Slot
from dorsi.core.program.tailoring import Tailoring
from dorsi.core.program.values import Dose
from dorsi.core.thresholds import (
    INTEGRATION_FROM_WEEK,
    LOADED_EARLY_FROM_WEEK,
    MOBILIZATION_FROM_WEEK,
    STABILITY_FROM_WEEK,
    STRENGTH_FROM_WEEK,
)

GASTROC = "gastrocnemius-wall-stretch"
SOLEUS = "soleus-wall-stretch"
CIRCLES = "knee-to-wall-circles"
BANDED = "banded-ankle-mobilization"
ECCENTRIC = "eccentric-calf-lowering"
SL_RAISE = "single-leg-calf-raise"
SQUAT_ROCK = "deep-squat-rock"
BALANCE = "single-leg-balance-alphabet"
LATERAL = "mini-band-lateral-walk"
LUNGE_DRIVE = "walking-lunge-knee-drive"

# Ladders step down by about half a minute so a session can land on its budget.
STRETCH = (Dose(2, seconds=30), Dose(1, seconds=45), Dose(1, seconds=30))
STRETCH_MORE = (Dose(3, seconds=30), Dose(2, seconds=30), Dose(1, seconds=45), Dose(1, seconds=30))
DRILL = (Dose(2, seconds=60),) + tuple(Dose(1, seconds=s) for s in (105, 90, 75, 60, 45, 30))
WARM_DRILL = (Dose(1, seconds=60), Dose(1, seconds=45), Dose(1, seconds=30))
EXTRA_BLOCK = (Dose(1, seconds=60), Dose(1, seconds=30))
WARM_EXTRA = (Dose(1, seconds=30),)
EXTRA_STRETCH_SET = (Dose(1, seconds=30),)
EARLY_STRENGTH_DOSE = (Dose(2, reps=15, lowering_s=3), Dose(1, reps=15, lowering_s=3))
SL_RAISE_DOSE = (
    Dose(3, reps=15, lowering_s=3),
    Dose(2, reps=15, lowering_s=3),
    Dose(1, reps=15, lowering_s=3),
)
ROCK_DOSE = (Dose(1, reps=30), Dose(1, reps=20))
BALANCE_DOSE = (Dose(1, seconds=45), Dose(1, seconds=30))
LATERAL_DOSE = (Dose(2, reps=10), Dose(1, reps=10))
LUNGE_DOSE = (Dose(1, reps=10), Dose(1, reps=6))

TARGETED = 50  # priority boost for work aimed at a limiting factor
EMPHASIS = 10  # priority boost for a sport's emphasis


def _where(side: ItemSide) -> str:
    return "both ankles" if side is ItemSide.BOTH else f"your {side.value} ankle"


def _banded_side(week: int, t: Tailoring) -> ItemSide | None:
    if week >= MOBILIZATION_FROM_WEEK:
        return ItemSide.BOTH
    return t.side_of(LimitingFactor.JOINT_CAPSULE)


def drills(week: int, t: Tailoring, *, warm_up: bool) -> list[Slot]:
    """Knee-to-wall circles, banded mobilization, and the restricted side's extra block."""
    ladder = WARM_DRILL if warm_up else DRILL
    swim = "Dorsiflexion emphasis for swimmers." if t.swimming else None
    out = [Slot(CIRCLES, ItemSide.BOTH, ladder, 30 + (EMPHASIS if t.swimming else 0), note=swim)]
    banded_side = _banded_side(week, t)
    if banded_side is not None:
        capsule = t.has(LimitingFactor.JOINT_CAPSULE)
        note = None
        if capsule and week < MOBILIZATION_FROM_WEEK:
            note = f"From week 1 for {_where(banded_side)}: the joint capsule limits it."
        elif t.running:
            note = "Runners: a priority drill."
        priority = 35 + (TARGETED if capsule else 0) + (EMPHASIS if t.running else 0)
        out.append(
            Slot(
                BANDED,
                banded_side,
                ladder,
                priority,
                targeted=capsule,
                core=week >= MOBILIZATION_FROM_WEEK,
                note=note,
            )
        )
    if t.restricted_side is not None and t.asymmetry_cm is not None:
        side = ItemSide(t.restricted_side.value)
        exercise = BANDED if banded_side is ItemSide.BOTH else CIRCLES
        out.append(
            Slot(
                exercise,
                side,
                WARM_EXTRA if warm_up else EXTRA_BLOCK,
                45,
                targeted=True,
                note=f"Extra block for your {side.value} ankle, "
                f"{t.asymmetry_cm:.1f} cm behind the other.",
            )
        )
    return out


def _stretch(
    exercise: str, factor: LimitingFactor, label: str, t: Tailoring, *, droppable: bool
) -> list[Slot]:
    """A wall stretch; one aimed at a limiting factor gets more and a higher priority."""
    side = t.side_of(factor)
    if side is None and not t.has(LimitingFactor.CALF_SOFT_TISSUE):
        return [Slot(exercise, ItemSide.BOTH, STRETCH, 20, droppable=droppable)]

    def aimed(where: ItemSide, ladder: tuple[Dose, ...], note: str | None) -> Slot:
        return Slot(
            exercise, where, ladder, 20 + TARGETED, droppable=droppable, targeted=True, note=note
        )

    if side is None:
        return [
            aimed(
                ItemSide.BOTH, STRETCH, "Calf soft tissue limits you: kept even in short sessions."
            )
        ]
    note = f"Extra set: the {label} limits {_where(side)}."
    if side is ItemSide.BOTH:
        return [aimed(side, STRETCH_MORE, note)]
    return [aimed(ItemSide.BOTH, STRETCH, None), aimed(side, EXTRA_STRETCH_SET, note)]


def stretches(*, droppable: bool, t: Tailoring) -> list[Slot]:
    return _stretch(
        GASTROC,
        LimitingFactor.GASTROCNEMIUS,
        "straight-knee calf (gastrocnemius)",
        t,
        droppable=droppable,
    ) + _stretch(SOLEUS, LimitingFactor.SOLEUS, "bent-knee calf (soleus)", t, droppable=droppable)


def loaded(week: int, t: Tailoring) -> list[Slot]:
    if week >= INTEGRATION_FROM_WEEK:
        motor = t.has(LimitingFactor.MOTOR_CONTROL)
        return [
            Slot(
                SQUAT_ROCK,
                ItemSide.BOTH,
                ROCK_DOSE,
                38 + (TARGETED if motor else 0),
                targeted=motor,
                core=True,
            )
        ]
    if week >= LOADED_EARLY_FROM_WEEK and t.loaded_early:
        motor = t.has(LimitingFactor.MOTOR_CONTROL)
        why = "the loaded squat limits you" if motor else "weightlifting needs a deep squat"
        return [
            Slot(
                SQUAT_ROCK,
                ItemSide.BOTH,
                ROCK_DOSE,
                38 + (TARGETED if motor else 0),
                targeted=motor,
                core=True,
                note=f"Loaded work from week 5: {why}.",
            )
        ]
    return []


def strength(week: int, t: Tailoring) -> list[Slot]:
    bonus = EMPHASIS if t.running else 0
    if week >= INTEGRATION_FROM_WEEK:
        # The centre of an integration strength day: everything else yields to 3 x 15 first.
        note = (
            "Full range from a step, 3 s lowering: the heel drop at the bottom is "
            "today's calf stretch."
        )
        return [Slot(SL_RAISE, ItemSide.BOTH, SL_RAISE_DOSE, 100, core=True, note=note)]
    if week < STRENGTH_FROM_WEEK:
        return []
    if t.running:
        note = "Runners: single-leg calf raises, 3 s lowering."
        return [
            Slot(SL_RAISE, ItemSide.BOTH, EARLY_STRENGTH_DOSE, 25 + bonus, core=True, note=note)
        ]
    note = "Rise on both feet, lower on one over 3 s."
    return [Slot(ECCENTRIC, ItemSide.BOTH, EARLY_STRENGTH_DOSE, 25, core=True, note=note)]


def stability(week: int, t: Tailoring) -> list[Slot]:
    if not t.court or week < STABILITY_FROM_WEEK:
        return []
    note = "Court and field sports: landing and cutting control."
    return [
        Slot(BALANCE, ItemSide.BOTH, BALANCE_DOSE, 15, note=note),
        Slot(LATERAL, ItemSide.BOTH, LATERAL_DOSE, 15, note=note),
    ]


def session_slots(week: int, kind: DayKind, t: Tailoring, *, strength_day: bool) -> list[Slot]:
    """A daily or standalone session; a standalone one may drop all but targeted and core work."""
    # On integration strength days the full-range raises stretch the calf under load, so the
    # wall stretches may give way to them (standalone days keep the targeted ones, as SPEC
    # §4 asks); balance work alternates with strength days.
    heavy = strength_day and week >= INTEGRATION_FROM_WEEK
    slots = drills(week, t, warm_up=False) + stretches(droppable=heavy, t=t) + loaded(week, t)
    slots += strength(week, t) if strength_day else stability(week, t)
    if kind is DayKind.STANDALONE:
        slots = [replace(slot, droppable=not (slot.targeted or slot.core)) for slot in slots]
    return slots


def warm_up_slots(week: int, t: Tailoring) -> list[Slot]:
    """The phase's mobilization drills before training; runners add lunges with knee drive."""
    slots = drills(week, t, warm_up=True)
    if t.running:
        slots.append(
            Slot(
                LUNGE_DRIVE,
                ItemSide.BOTH,
                LUNGE_DOSE,
                40,
                note="Before runs: drive the knee forward over the toes.",
            )
        )
    return slots
