"""Fitting a session into its time budget: the cap always holds, importance decides the cuts."""

from __future__ import annotations

from dorsi.core.codes import ItemSide
from dorsi.core.program.fit import Slot, dose_minutes, fit
from dorsi.core.program.values import Dose

STRETCH = (Dose(2, seconds=30), Dose(1, seconds=45), Dose(1, seconds=30))
RAISES = (Dose(3, reps=15), Dose(2, reps=15), Dose(1, reps=15))


def two_sides(_slot: Slot) -> int:
    return 2


def chosen(fitted) -> dict[str, float]:
    return {f.slot.exercise: f.minutes for f in fitted}


def test_dose_minutes_count_sets_sides_and_four_seconds_a_rep_rounded_up_to_half_minutes():
    assert dose_minutes(Dose(2, seconds=60), sides=2) == 4.0
    assert dose_minutes(Dose(3, reps=15), sides=2) == 6.0
    assert dose_minutes(Dose(1, reps=20), sides=1) == 1.5  # 80 s
    assert dose_minutes(Dose(1, seconds=10), sides=1) == 0.5


def test_a_session_that_fits_is_left_at_full_dose():
    slots = [Slot("a", ItemSide.BOTH, STRETCH, 20), Slot("b", ItemSide.BOTH, STRETCH, 30)]
    assert chosen(fit(slots, cap=10, floor=0, sides_of=two_sides)) == {"a": 2.0, "b": 2.0}


def test_the_least_important_slot_gives_way_first():
    slots = [Slot("low", ItemSide.BOTH, STRETCH, 10), Slot("high", ItemSide.BOTH, RAISES, 90)]
    assert chosen(fit(slots, cap=7, floor=0, sides_of=two_sides)) == {"low": 1.0, "high": 6.0}


def test_droppable_slots_are_dropped_before_essential_ones_shrink():
    slots = [
        Slot("extra", ItemSide.BOTH, STRETCH, 10, droppable=True),
        Slot("core", ItemSide.BOTH, RAISES, 90),
    ]
    assert chosen(fit(slots, cap=6, floor=0, sides_of=two_sides)) == {"core": 6.0}


def test_the_cap_holds_even_when_every_slot_is_essential():
    slots = [Slot(str(n), ItemSide.BOTH, RAISES, n) for n in range(5)]
    fitted = fit(slots, cap=5, floor=0, sides_of=two_sides)
    assert sum(f.minutes for f in fitted) <= 5


def test_a_session_under_its_floor_regrows_a_slot_and_shrinks_the_others_around_it():
    def sides(slot: Slot) -> int:
        return 2 if slot.side is ItemSide.BOTH else 1

    slots = [
        Slot("aimed", ItemSide.LEFT, (Dose(2, seconds=60),), 80),
        Slot("stretch", ItemSide.BOTH, STRETCH, 70),
        Slot("extra", ItemSide.RIGHT, (Dose(1, seconds=30),), 70),
        Slot(
            "drill", ItemSide.BOTH, (Dose(2, seconds=60), Dose(1, seconds=30)), 30, droppable=True
        ),
    ]
    fitted = fit(slots, cap=5, floor=5, sides_of=sides)
    assert chosen(fitted) == {"aimed": 2.0, "stretch": 1.5, "extra": 0.5, "drill": 1.0}
