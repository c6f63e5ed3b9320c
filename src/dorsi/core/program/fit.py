"""Fitting a session into its time budget.

A session starts as slots, each with a ladder of doses from the full dose down to the
smallest useful one and a priority. While the session is too long, the least important slot
gives up one step of its ladder, then (if it may) its place; only when nothing else is left
is an essential slot dropped, so the budget always holds. Then steps are given back, most
important slot first, while they fit; a session still under its floor grows one slot and
shrinks the others around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dorsi.core.codes import ItemSide
from dorsi.core.program.rules import item_minutes
from dorsi.core.program.values import Dose
from dorsi.core.thresholds import SECONDS_PER_REP

EPSILON = 1e-9


@dataclass(frozen=True)
class Slot:
    exercise: str
    side: ItemSide
    ladder: tuple[Dose, ...]  # full dose first
    priority: int
    droppable: bool = False
    targeted: bool = False  # aims at a limiting factor or the more restricted side
    core: bool = False  # what the phase adds; short sessions keep it as well
    note: str | None = None


@dataclass(frozen=True)
class Fitted:
    slot: Slot
    dose: Dose
    minutes: float


def dose_minutes(dose: Dose, sides: int) -> float:
    unit_s = dose.seconds if dose.seconds is not None else (dose.reps or 0) * SECONDS_PER_REP
    return item_minutes(unit_s, dose.sets, sides)


class _Fitter:
    def __init__(self, slots: Sequence[Slot], sides_of: Callable[[Slot], int]) -> None:
        self.slots = list(slots)
        self.table = [[dose_minutes(d, sides_of(s)) for d in s.ladder] for s in self.slots]
        self.levels: list[int | None] = [0] * len(self.slots)

    def total(self) -> float:
        return sum(self.minutes(i) for i in range(len(self.slots)))

    def minutes(self, i: int, level: int | None = -1) -> float:
        chosen = self.levels[i] if level == -1 else level
        return 0.0 if chosen is None else self.table[i][chosen]

    def _active_by_importance(self) -> list[int]:
        active = [i for i, level in enumerate(self.levels) if level is not None]
        return sorted(active, key=lambda i: (self.slots[i].priority, -i))

    def _can_give(self, i: int) -> bool:
        level = self.levels[i]
        assert level is not None
        return level < len(self.slots[i].ladder) - 1 or self.slots[i].droppable

    def shrink(self, cap: float, protect: int | None = None) -> None:
        while self.total() > cap + EPSILON:
            order = self._active_by_importance()
            others = [j for j in order if j != protect] or order
            i = next((j for j in others if self._can_give(j)), others[0])
            level = self.levels[i]
            assert level is not None
            last = len(self.slots[i].ladder) - 1
            self.levels[i] = level + 1 if level < last else None

    def _grown(self, i: int) -> int | None:
        level = self.levels[i]
        if level is None:
            return len(self.slots[i].ladder) - 1
        return level - 1 if level > 0 else None

    def top_up(self, cap: float) -> None:
        """Give time back, most important slot first, while a step still fits."""
        order = sorted(range(len(self.slots)), key=lambda i: (-self.slots[i].priority, i))
        grew = True
        while grew:
            grew = False
            for i in order:
                grown = self._grown(i)
                if grown is None:
                    continue
                if self.total() - self.minutes(i) + self.table[i][grown] <= cap + EPSILON:
                    self.levels[i] = grown
                    grew = True
                    break

    def repair(self, cap: float, floor: float) -> None:
        """Under the floor with no step that fits: grow one slot, shrink the others around it."""
        if self.total() >= floor - EPSILON:
            return
        base = list(self.levels)
        for i in sorted(range(len(self.slots)), key=lambda i: (-self.slots[i].priority, i)):
            grown = self._grown(i)
            if grown is None:
                continue
            self.levels = list(base)
            self.levels[i] = grown
            self.shrink(cap, protect=i)
            if self.total() >= floor - EPSILON:
                return
        self.levels = base

    def result(self) -> list[Fitted]:
        out = []
        for i, slot in enumerate(self.slots):
            level = self.levels[i]
            if level is not None:
                out.append(Fitted(slot, slot.ladder[level], self.table[i][level]))
        return out


def fit(
    slots: Sequence[Slot], *, cap: float, floor: float, sides_of: Callable[[Slot], int]
) -> list[Fitted]:
    """The slots at the doses that keep the session within ``cap`` (and, if possible, floor)."""
    fitter = _Fitter(slots, sides_of)
    fitter.shrink(cap)
    fitter.top_up(cap)
    fitter.repair(cap, floor)
    return fitter.result()
