"""Which exercise a slot really names on a given day: equipment substitutes and the pain rule.

Missing equipment swaps an exercise for the library's substitute for the whole plan. A sharp
or pinching pain logged on an exercise swaps it for its regression on every later day
(SPEC §4 pain rule); a second such log on the regression steps down again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from dorsi.core.codes import Equipment, ItemSide, PainType
from dorsi.core.evidence import SEED_000
from dorsi.core.program.fit import Slot
from dorsi.core.program.values import Adaptation, ExerciseCatalog, ExerciseLike, PainReport

HURTS = frozenset({PainType.SHARP, PainType.PINCH})


def _join(*parts: str | None) -> str | None:
    text = " ".join(part for part in parts if part)
    return text or None


class Resolver:
    """Resolves slots for one plan and remembers every swap it made, for the adaptations."""

    def __init__(
        self,
        library: ExerciseCatalog,
        owned: frozenset[Equipment] | None,
        sessions: Sequence[PainReport],
    ) -> None:
        self.library = library
        self.owned = owned
        self.pain = sorted(
            (log for log in sessions if log.exercise and log.pain_type in HURTS),
            key=lambda log: log.when,
        )
        self._substitutes: dict[str, str] = {}
        self.substituted: dict[str, str] = {}  # original -> substitute, as used
        self.regressed: dict[tuple[str, str | None], date] = {}  # (from, to) -> pain date

    def exercise(self, exercise_id: str) -> ExerciseLike:
        return self.library.get(exercise_id)

    def _substitute(self, exercise_id: str) -> str:
        if self.owned is None:
            return exercise_id
        if exercise_id not in self._substitutes:
            self._substitutes[exercise_id] = self.library.substitute(exercise_id, self.owned).id
        return self._substitutes[exercise_id]

    def resolve(self, slot: Slot, when: date) -> Slot | None:
        """The slot as done on ``when``, or None when the pain rule leaves nothing to do."""
        current = self._substitute(slot.exercise)
        notes: list[str | None] = [slot.note]
        if current != slot.exercise:
            self.substituted[slot.exercise] = current
            notes.append(
                f"Instead of {self.exercise(slot.exercise).name}: equipment you did not list."
            )
        for log in self.pain:
            if log.when >= when or log.exercise != current:
                continue
            regression = self.exercise(current).regression or None
            self.regressed.setdefault((current, regression), log.when)
            if regression is None:
                return None
            notes.append(
                f"Easier version: {log.pain_type.value} pain was logged in "
                f"{self.exercise(current).name} on {log.when.isoformat()}. Stop if it "
                "returns."
            )
            current = self._substitute(regression)
        if current == slot.exercise:
            return slot
        if slot.side is not ItemSide.BOTH and not self.exercise(current).per_side:
            return None  # a one-side block of a two-footed exercise makes no sense
        return replace(slot, exercise=current, note=_join(*notes))

    def sides(self, slot: Slot) -> int:
        return 2 if slot.side is ItemSide.BOTH and self.exercise(slot.exercise).per_side else 1

    def adaptations(self) -> list[Adaptation]:
        out = []
        for original, substitute in sorted(self.substituted.items()):
            out.append(
                Adaptation(
                    "equipment_substitute",
                    f"{self.exercise(substitute).name} replaces {self.exercise(original).name}, "
                    "which needs equipment you did not list.",
                    (SEED_000.tag,),
                )
            )
        for (painful, regression), when in sorted(self.regressed.items(), key=lambda kv: kv[1]):
            name = self.exercise(painful).name
            then = (
                f"swapped for {self.exercise(regression).name}"
                if regression
                else "left out (there is no easier version)"
            )
            out.append(
                Adaptation(
                    "pain_regression",
                    f"Sharp or pinching pain was logged in {name} on {when.isoformat()}: it is "
                    f"{then} from the next day. Sharp or pinching pain means stop; if it keeps "
                    "coming back, see a professional.",
                    (SEED_000.tag,),
                )
            )
        return out
