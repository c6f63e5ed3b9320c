"""A coach's changes to a plan as values (``edits`` makes them on a Plan; their JSON form is
``dorsi.core.coaching.edit_document``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dorsi.core.codes import Equipment, ItemSide
from dorsi.core.library.exercises import ExerciseLibrary
from dorsi.core.program.values import Dose, PlanDay

NOTE_MAX_CHARS = 2000


@dataclass(frozen=True)
class Scope:
    """The days a change reaches: every day of ``weeks`` and each of ``dates``, from
    ``from_date`` on (the day the change was made: the past stays as it was)."""

    from_date: date
    weeks: tuple[int, ...] = ()
    dates: tuple[date, ...] = ()

    def covers(self, day: PlanDay) -> bool:
        return day.date >= self.from_date and (day.week in self.weeks or day.date in self.dates)


@dataclass(frozen=True)
class SwapExercise:
    old: str
    new: str
    scope: Scope
    dose: Dose | None = None  # None: the new exercise's default dose from the library
    note: str = ""


@dataclass(frozen=True)
class ChangeDose:
    exercise: str
    dose: Dose
    scope: Scope
    note: str = ""


@dataclass(frozen=True)
class AddExercise:
    exercise: str
    scope: Scope
    dose: Dose | None = None
    side: ItemSide = ItemSide.BOTH
    note: str = ""


@dataclass(frozen=True)
class RemoveExercise:
    exercise: str
    scope: Scope
    note: str = ""


@dataclass(frozen=True)
class SetMinutes:
    """The most minutes a day may take (the plan's time budget)."""

    minutes_per_day: int
    from_date: date
    note: str = ""


@dataclass(frozen=True)
class AddNote:
    """Words for the athlete on the chosen days, about one exercise or the whole day."""

    scope: Scope
    note: str
    exercise: str | None = None


Edit = SwapExercise | ChangeDose | AddExercise | RemoveExercise | SetMinutes | AddNote


@dataclass(frozen=True)
class EditContext:
    library: ExerciseLibrary
    owned: frozenset[Equipment] | None = None  # the athlete's equipment; None: not checked
    held_by_red_flag: bool = False  # the latest assessment has an uncleared red flag
