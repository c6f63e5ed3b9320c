"""What an athlete adds to a logged session for their coach: swelling or heat after training,
how each exercise felt (SPEC §7 log additions ``swelling`` and ``efforts``), and a note."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from dorsi.core.codes import Effort
from dorsi.core.errors import ValidationError
from dorsi.core.reader import parse_code

NOTE_MAX_CHARS = 2000
EFFORT_WORDS = {
    Effort.TOO_EASY: "too easy",
    Effort.RIGHT: "about right",
    Effort.TOO_HARD: "too hard",
}


@dataclass(frozen=True)
class EffortRating:
    exercise: str
    effort: Effort


@dataclass(frozen=True)
class SessionDetails:
    swelling: bool = False
    efforts: tuple[EffortRating, ...] = ()
    note: str = ""

    def efforts_document(self) -> list[dict[str, Any]]:
        return [{"exercise": r.exercise, "effort": r.effort.value} for r in self.efforts]


def parse_session_details(
    *,
    swelling: bool,
    efforts: Iterable[tuple[str, str]],
    note: str,
    exercise_ids: Collection[str],
) -> SessionDetails:
    """Checked details: known exercises, known effort codes, a short plain note."""
    if len(note) > NOTE_MAX_CHARS:
        raise ValidationError("note", f"is longer than {NOTE_MAX_CHARS} characters")
    if "\x00" in note:
        raise ValidationError("note", "contains a NUL character")
    ratings: dict[str, EffortRating] = {}
    for index, (exercise, effort) in enumerate(efforts):
        where = f"efforts[{index}]"
        if exercise not in exercise_ids:
            raise ValidationError(
                f"{where}.exercise", f"{exercise!r} is not an exercise of the library"
            )
        ratings[exercise] = EffortRating(exercise, parse_code(f"{where}.effort", effort, Effort))
    return SessionDetails(swelling=swelling, efforts=tuple(ratings.values()), note=note.strip())


def efforts_words(efforts: Iterable[dict[str, Any]], names: dict[str, str]) -> str:
    """Stored efforts as words, e.g. "Ankle CARs too easy; Knee circles about right"."""
    parts = []
    for rating in efforts:
        effort = Effort(rating["effort"])
        parts.append(f"{names.get(rating['exercise'], rating['exercise'])} {EFFORT_WORDS[effort]}")
    return "; ".join(parts)
