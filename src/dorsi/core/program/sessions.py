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

from dorsi.core.codes import DayKind, Equipment, ItemSide, LimitingFactor
from dorsi.core.program.fit import Slot
from dorsi.core.program.tailoring import Tailoring
from dorsi.core.program.values import Dose
from dorsi.core.thresholds import (
    BALANCE_WEEKS_PER_STAGE,
    CALF_LOWERING_S,
    CALF_RAMP,
    INTEGRATION_FROM_WEEK,
    LANDING_FROM_WEEK,
    LOADED_EARLY_FROM_WEEK,
    MOBILIZATION_FROM_WEEK,
    SHORT_FOOT_FROM_WEEK,
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
SUPPORTED_SQUAT = "heel-elevated-squat"  # without plates: the supported squat
SQUAT_HOLD = "deep-squat-hold"
KNEE_CIRCLES = "knee-circles"
FILL_NOTE = "Extra time: easy ankle range to finish."
SHORT_FOOT = "short-foot-arch-activation"
TOE_YOGA = "toe-yoga"
POGO = "pogo-hops"
HOP_STICK = "lateral-hop-and-stick"
LANDING = frozenset({POGO, HOP_STICK})
FOAM_ROLL = "foam-roll-calves"
MASSAGE_STICK = "massage-stick-calves"
# Balance progresses along the library's chain: two-leg, one-leg, eyes closed or moving,
# unstable (each the previous one's progression).
BALANCE_STAGES = (
    "tandem-stance",
    "single-leg-balance",
    "single-leg-balance-alphabet",
    "single-leg-balance-unstable",
)

# Ladders step down by about half a minute so a session can land on its budget.
STRETCH = (Dose(2, seconds=30), Dose(1, seconds=45), Dose(1, seconds=30))
STRETCH_MORE = (Dose(3, seconds=30), Dose(2, seconds=30), Dose(1, seconds=45), Dose(1, seconds=30))
DRILL = (Dose(2, seconds=60),) + tuple(Dose(1, seconds=s) for s in (105, 90, 75, 60, 45, 30))
WARM_DRILL = (Dose(1, seconds=60), Dose(1, seconds=45), Dose(1, seconds=30))
EXTRA_BLOCK = (Dose(1, seconds=60), Dose(1, seconds=30))
WARM_EXTRA = (Dose(1, seconds=30),)
EXTRA_STRETCH_SET = (Dose(1, seconds=30),)
STRETCH_LIGHT = (Dose(1, seconds=30),)
ROCK_DOSE = (Dose(1, reps=30), Dose(1, reps=20))
SUPPORTED_SQUAT_DOSE = (Dose(2, reps=10), Dose(1, reps=10))
SQUAT_HOLD_DOSE = (
    Dose(4, seconds=45),
    Dose(3, seconds=45),
    Dose(3, seconds=30),
    Dose(2, seconds=30),
    Dose(1, seconds=30),
)
BALANCE_DOSE = (Dose(1, seconds=45), Dose(1, seconds=30))
LATERAL_DOSE = (Dose(2, reps=10), Dose(1, reps=10))
LUNGE_DOSE = (Dose(1, reps=10), Dose(1, reps=6))
FOOT_DOSE = (Dose(1, reps=10), Dose(1, reps=6))
POGO_DOSE = (Dose(2, reps=10), Dose(1, reps=10))
HOP_STICK_DOSE = (Dose(2, reps=5), Dose(1, reps=5))
SOFT_TISSUE_DOSE = (Dose(1, seconds=90), Dose(1, seconds=60), Dose(1, seconds=30))
EXTRA_DOSE = (Dose(2, seconds=60), Dose(1, seconds=90), Dose(1, seconds=60), Dose(1, seconds=30))
FILL_DOSE = (Dose(1, seconds=90), Dose(1, seconds=60), Dose(1, seconds=30))
EXTRA_BALANCE = (Dose(2, seconds=45), Dose(1, seconds=45), Dose(1, seconds=30))


def calf_ladder(week: int) -> tuple[Dose, ...]:
    """The week's loaded calf dose (a gradual ramp), then smaller steps for short sessions."""
    sets, reps = CALF_RAMP[min(week, max(CALF_RAMP))]
    return tuple(Dose(n, reps=reps, lowering_s=CALF_LOWERING_S) for n in range(sets, 0, -1))


TARGETED = 50  # priority boost for work aimed at a limiting factor
STRENGTH = 60  # the calf ramp keeps its weekly dose before the drills give time back
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
    if t.calves_free:
        note = "Short: your calves were not what limited the test."
        return [
            Slot(GASTROC, ItemSide.BOTH, STRETCH_LIGHT, 12, droppable=True, note=note),
            Slot(SOLEUS, ItemSide.BOTH, STRETCH_LIGHT, 12, droppable=True, note=note),
        ]
    return _stretch(
        GASTROC,
        LimitingFactor.GASTROCNEMIUS,
        "straight-knee calf (gastrocnemius)",
        t,
        droppable=droppable,
    ) + _stretch(SOLEUS, LimitingFactor.SOLEUS, "bent-knee calf (soleus)", t, droppable=droppable)


def _squat(t: Tailoring) -> tuple[str, tuple[Dose, ...], str | None]:
    if t.knee_pain:
        return (
            SUPPORTED_SQUAT,
            SUPPORTED_SQUAT_DOSE,
            "Heels raised and a hand on support: no unsupported deep squats with a sore knee.",
        )
    return SQUAT_ROCK, ROCK_DOSE, None


def loaded(week: int, t: Tailoring) -> list[Slot]:
    exercise, ladder, knee_note = _squat(t)
    if week >= INTEGRATION_FROM_WEEK:
        motor = t.has(LimitingFactor.MOTOR_CONTROL)
        return [
            Slot(
                exercise,
                ItemSide.BOTH,
                ladder,
                38 + (TARGETED if motor else 0),
                targeted=motor,
                core=True,
                note=knee_note,
            )
        ]
    if week >= LOADED_EARLY_FROM_WEEK and t.loaded_early:
        motor = t.has(LimitingFactor.MOTOR_CONTROL)
        why = "the loaded squat limits you" if motor else "weightlifting needs a deep squat"
        note = f"Loaded work from week 5: {why}."
        return [
            Slot(
                exercise,
                ItemSide.BOTH,
                ladder,
                38 + (TARGETED if motor else 0),
                targeted=motor,
                core=True,
                note=f"{note} {knee_note}" if knee_note else note,
            )
        ]
    if t.calves_free:
        # The calves were not the limit: the stretching time goes to range under load.
        hold = SUPPORTED_SQUAT if t.knee_pain else SQUAT_HOLD
        note = "Your calves were not what limited the test: range under load instead."
        return [Slot(hold, ItemSide.BOTH, SQUAT_HOLD_DOSE, 14, droppable=True, note=note)]
    return []


def strength(week: int, t: Tailoring) -> list[Slot]:
    """Loaded calf work from week 4, its dose ramping week by week (SPEC §4); single-leg
    raises, the harder version, in weeks 9-12 (from week 4 for runners)."""
    if week < STRENGTH_FROM_WEEK:
        return []
    ladder = calf_ladder(week)
    if week >= INTEGRATION_FROM_WEEK:
        # The centre of an integration strength day: everything else yields to it first.
        note = "Full range, 3 s lowering: the bottom of each rep is today's calf stretch."
        return [Slot(SL_RAISE, ItemSide.BOTH, ladder, 100, core=True, note=note)]
    if t.running:
        note = "Runners: single-leg calf raises, 3 s lowering."
        return [Slot(SL_RAISE, ItemSide.BOTH, ladder, STRENGTH + EMPHASIS, core=True, note=note)]
    note = "Rise on both feet, lower on one over 3 s."
    return [Slot(ECCENTRIC, ItemSide.BOTH, ladder, STRENGTH, core=True, note=note)]


def balance_exercise(week: int, t: Tailoring) -> str | None:
    """The balance stage of ``week`` (None before balance starts or without it)."""
    start = t.balance_from_week
    if start is None or week < start:
        return None
    first = 0 if start == 1 else 1  # athletes starting later begin on one leg
    stage = min(first + (week - start) // BALANCE_WEEKS_PER_STAGE, len(BALANCE_STAGES) - 1)
    return BALANCE_STAGES[stage]


def stability(week: int, t: Tailoring) -> list[Slot]:
    exercise = balance_exercise(week, t)
    if exercise is None:
        return []
    note = f"Balance: {t.balance_why}." if t.balance_why else None
    out = [Slot(exercise, ItemSide.BOTH, BALANCE_DOSE, 32, note=note)]
    if t.court and week >= LOADED_EARLY_FROM_WEEK:
        side_note = "Court and field sports: landing and cutting control."
        out.append(Slot(LATERAL, ItemSide.BOTH, LATERAL_DOSE, 15, note=side_note))
    return out


def foot(week: int) -> list[Slot]:
    """Short-foot work for the arch (seed 001), toe yoga in the first weeks."""
    exercise = SHORT_FOOT if week >= SHORT_FOOT_FROM_WEEK else TOE_YOGA
    return [Slot(exercise, ItemSide.BOTH, FOOT_DOSE, 45, core=True, note="Foot intrinsics.")]


def landing(week: int, t: Tailoring) -> list[Slot]:
    """Landing and stiffness drills for jump, court and field sports in weeks 9-12."""
    if not t.landing or week < LANDING_FROM_WEEK:
        return []
    early = week < LANDING_FROM_WEEK + 2
    exercise, ladder = (POGO, POGO_DOSE) if early else (HOP_STICK, HOP_STICK_DOSE)
    note = "Landing drill: soft, quiet landings; skip it if anything hurts sharply."
    return [Slot(exercise, ItemSide.BOTH, ladder, 56, core=True, note=note)]


def _targeted_extra(week: int, t: Tailoring) -> Slot:
    if t.has(LimitingFactor.JOINT_CAPSULE):
        exercise = (
            BANDED
            if week >= MOBILIZATION_FROM_WEEK or t.side_of(LimitingFactor.JOINT_CAPSULE)
            else CIRCLES
        )
    elif t.has(LimitingFactor.GASTROCNEMIUS) or t.has(LimitingFactor.CALF_SOFT_TISSUE):
        exercise = GASTROC
    elif t.has(LimitingFactor.SOLEUS):
        exercise = SOLEUS
    else:
        exercise = CIRCLES
    note = "Extra time: more of the work aimed at what limits you."
    return Slot(exercise, ItemSide.BOTH, EXTRA_DOSE, 9, droppable=True, note=note)


def extras(week: int, t: Tailoring) -> list[Slot]:
    """What time over the full session goes to (SPEC §4 Time): the limiting factor, then
    balance, then soft tissue when a foam roller or massage stick is at hand. Lowest
    priority and droppable, so they only fill minutes the user gave beyond the routine."""
    out = [_targeted_extra(week, t)]
    stage = balance_exercise(week, t) or BALANCE_STAGES[1]
    out.append(
        Slot(stage, ItemSide.BOTH, EXTRA_BALANCE, 8, droppable=True, note="Extra time: balance.")
    )
    owned = t.owned or frozenset()
    for tool, exercise in (
        (Equipment.FOAM_ROLLER, FOAM_ROLL),
        (Equipment.MASSAGE_STICK, MASSAGE_STICK),
    ):
        if tool in owned:
            note = "Extra time: loosen the calves."
            out.append(
                Slot(exercise, ItemSide.BOTH, SOFT_TISSUE_DOSE, 7, droppable=True, note=note)
            )
            break
    # the last half minutes: gentle knee circles on both feet fill what is left
    out.append(Slot(KNEE_CIRCLES, ItemSide.BOTH, FILL_DOSE, 6, droppable=True, note=FILL_NOTE))
    return out


def session_slots(
    week: int,
    kind: DayKind,
    t: Tailoring,
    *,
    strength_day: bool,
    foot_day: bool = False,
    landing_day: bool = False,
    extra_time: bool = False,
) -> list[Slot]:
    """A daily or standalone session; a standalone one may drop all but targeted and core work."""
    # On integration strength days the full-range raises stretch the calf under load, so the
    # wall stretches may give way to them (standalone days keep the targeted ones, as SPEC
    # §4 asks); balance work alternates with strength days.
    heavy = strength_day and week >= INTEGRATION_FROM_WEEK
    slots = drills(week, t, warm_up=False) + stretches(droppable=heavy, t=t) + loaded(week, t)
    slots += strength(week, t) if strength_day else stability(week, t)
    if foot_day:
        slots += foot(week)
    if landing_day:
        slots += landing(week, t)
    if extra_time:
        present = {slot.exercise for slot in slots}
        slots += [
            slot for slot in extras(week, t) if slot.exercise not in present or slot.priority == 9
        ]
    if kind is DayKind.STANDALONE:
        slots = [replace(slot, droppable=not (slot.targeted or slot.core)) for slot in slots]
    return slots


def warm_up_slots(
    week: int, t: Tailoring, *, foot_day: bool = False, landing_day: bool = False
) -> list[Slot]:
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
    if foot_day:
        slots += [replace(slot, ladder=slot.ladder[-1:]) for slot in foot(week)]
    if landing_day:
        slots += [replace(slot, ladder=slot.ladder[-1:]) for slot in landing(week, t)]
    return slots
