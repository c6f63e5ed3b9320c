"""Which exercise a slot really names on a given day: equipment substitutes, safety after
clearance, the pain rule, effort feedback and the step-back rule (SPEC §2.7, §4).

- Missing equipment swaps an exercise for the library's substitute for the whole plan.
- A cleared red flag's safety rules treat some equipment as absent (a band on skin that may
  not feel it) and keep loaded end-range work out of the first weeks after an injury.
- A sharp or pinching pain logged on an exercise swaps it for its regression on every later
  day; a second such log on the regression steps down again. Pain always wins over effort.
- Effort: two ``too_easy`` in a row move an exercise to its progression (or one dose step up
  at the top of its family); one ``too_hard`` to its regression (or one dose step down).
- Step back: a session logged with swelling or heat makes the next 3 days use regressions and
  one set less.
- Landing drills are left out the day after sharp or pinching pain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from dorsi.core.assessment.triage import Safety
from dorsi.core.codes import Effort, Equipment, ItemSide, PainType
from dorsi.core.errors import ValidationError
from dorsi.core.evidence import SEED_000, SEED_001
from dorsi.core.program.fit import Slot
from dorsi.core.program.sessions import LANDING
from dorsi.core.program.values import (
    Adaptation,
    Dose,
    ExerciseCatalog,
    ExerciseLike,
    PainReport,
)
from dorsi.core.thresholds import STEP_BACK_DAYS, TOO_EASY_IN_A_ROW

HURTS = frozenset({PainType.SHARP, PainType.PINCH})
ALL_EQUIPMENT = frozenset(Equipment)


def _join(*parts: str | None) -> str | None:
    text = " ".join(part for part in parts if part)
    return text or None


def _shift(ladder: tuple[Dose, ...], steps: int) -> tuple[Dose, ...]:
    """One dose step up (a set more on top) or down (the top step removed) per ``steps``."""
    for _ in range(abs(steps)):
        if steps > 0:
            top = ladder[0]
            ladder = (replace(top, sets=top.sets + 1), *ladder)
        elif len(ladder) > 1:
            ladder = ladder[1:]
    return ladder


def _one_set_less(ladder: tuple[Dose, ...]) -> tuple[Dose, ...]:
    out: list[Dose] = []
    for dose in ladder:
        lower = replace(dose, sets=max(1, dose.sets - 1))
        if lower not in out:
            out.append(lower)
    return tuple(out)


class Resolver:
    """Resolves slots for one plan and remembers every swap it made, for the adaptations."""

    def __init__(
        self,
        library: ExerciseCatalog,
        owned: frozenset[Equipment] | None,
        sessions: Sequence[PainReport],
        *,
        safety: Safety | None = None,
    ) -> None:
        self.library = library
        self.owned = owned
        self.safety = safety or Safety()
        ordered = sorted(sessions, key=lambda log: log.when)
        self.pain = [log for log in ordered if log.exercise and log.pain_type in HURTS]
        self.pain_days = {log.when for log in ordered if log.pain_type in HURTS}
        self.swelling = [log.when for log in ordered if getattr(log, "swelling", False)]
        self.efforts = [
            (log.when, exercise, effort)
            for log in ordered
            for exercise, effort in getattr(log, "efforts", ())
        ]
        self._substitutes: dict[tuple[str, frozenset[Equipment] | None], str] = {}
        self.substituted: dict[str, str] = {}  # original -> substitute, as used
        self.regressed: dict[tuple[str, str | None], date] = {}  # (from, to) -> pain date
        self.effort_changes: dict[tuple[str, str, str], date] = {}  # (from, to, why) -> date
        self.stepped_back: set[date] = set()
        self.safety_swaps: dict[str, str] = {}

    def exercise(self, exercise_id: str) -> ExerciseLike:
        return self.library.get(exercise_id)

    def _substitute(self, exercise_id: str, owned: frozenset[Equipment] | None = None) -> str:
        have = owned if owned is not None else self.owned
        if have is None:
            return exercise_id
        key = (exercise_id, have)
        if key not in self._substitutes:
            try:
                found = self.library.substitute(exercise_id, have).id
            except ValidationError:
                found = exercise_id
            self._substitutes[key] = found
        return self._substitutes[key]

    def _safe(self, exercise_id: str, week: int) -> str | None:
        """The version the cleared red flags allow in ``week`` (None: nothing allowed)."""
        excluded = self.safety.excluded_equipment(week)
        current = exercise_id
        if excluded:
            current = self._substitute(current, (self.owned or ALL_EQUIPMENT) - excluded)
        seen = set()
        while current not in seen:
            seen.add(current)
            exercise = self.exercise(current)
            early = week < self.safety.loaded_end_range_from_week and exercise.loaded_end_range
            if not early and not set(exercise.equipment) & excluded:
                if current != exercise_id:
                    self.safety_swaps[exercise_id] = current
                return current
            step = exercise.regression
            if not step:
                return None
            current = self._substitute(step, (self.owned or ALL_EQUIPMENT) - excluded)
        return None

    def resolve(self, slot: Slot, when: date, *, week: int = 1) -> Slot | None:
        """The slot as done on ``when``, or None when the rules leave nothing to do."""
        if slot.exercise in LANDING and (when - timedelta(days=1)) in self.pain_days:
            return None
        current: str | None = self._substitute(slot.exercise)
        assert current is not None
        notes: list[str | None] = [slot.note]
        if current != slot.exercise:
            self.substituted[slot.exercise] = current
            notes.append(
                f"Instead of {self.exercise(slot.exercise).name}: equipment you did not list."
            )
        if self.safety.adjustments:
            safe = self._safe(current, week)
            if safe is None:
                return None
            if safe != current:
                notes.append("A safer version after your clearance.")
            current = safe
        current = self._pain(current, when, notes)
        if current is None:
            return None
        current, steps = self._effort(current, when, notes)
        ladder = _shift(slot.ladder, steps)
        back = self._stepping_back(when)
        if back is not None:
            easier = self.exercise(current).regression
            if easier:
                current = self._substitute(easier)
            ladder = _one_set_less(ladder)
            self.stepped_back.add(back)
            notes.append(
                f"Step back: swelling or heat was logged on {back.isoformat()}, so an easier "
                f"version and one set less for {STEP_BACK_DAYS} days."
            )
        if current == slot.exercise and ladder == slot.ladder:
            return slot
        if slot.side is not ItemSide.BOTH and not self.exercise(current).per_side:
            return None  # a one-side block of a two-footed exercise makes no sense
        return replace(slot, exercise=current, ladder=ladder, note=_join(*notes))

    def _pain(self, current: str, when: date, notes: list[str | None]) -> str | None:
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
        return current

    def _effort(self, current: str, when: date, notes: list[str | None]) -> tuple[str, int]:
        steps = 0
        easy = 0
        painful = {log.exercise for log in self.pain if log.when < when}
        for logged, exercise, effort in self.efforts:
            if logged >= when or exercise != current:
                continue
            if effort is Effort.TOO_HARD:
                easy = 0
                easier = self.exercise(current).regression
                why = f"rated too hard on {logged.isoformat()}"
                if easier:
                    target = self._substitute(easier)
                    self.effort_changes.setdefault((current, target, why), logged)
                    notes.append(f"Easier version: {self.exercise(current).name} was {why}.")
                    current = target
                else:
                    steps -= 1
                    notes.append(f"One step less: {why}.")
            elif effort is Effort.TOO_EASY and current not in painful:
                easy += 1
                if easy < TOO_EASY_IN_A_ROW:
                    continue
                easy = 0
                harder = self.exercise(current).progression
                target = self._substitute(harder) if harder else current
                why = f"rated too easy twice in a row (last on {logged.isoformat()})"
                if target != current:
                    self.effort_changes.setdefault((current, target, why), logged)
                    notes.append(f"Harder version: {self.exercise(current).name} was {why}.")
                    current = target
                else:
                    steps += 1
                    notes.append(f"One step more: {why}.")
            else:
                easy = 0
        return current, steps

    def _stepping_back(self, when: date) -> date | None:
        for swollen in reversed(self.swelling):
            if swollen < when <= swollen + timedelta(days=STEP_BACK_DAYS):
                return swollen
        return None

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
        for original, safer in sorted(self.safety_swaps.items()):
            out.append(
                Adaptation(
                    "safety_substitute",
                    f"{self.exercise(safer).name} replaces {self.exercise(original).name} "
                    "for safety after your clearance.",
                    self.safety.sources or (SEED_001.tag,),
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
        for (before, after, why), _ in sorted(self.effort_changes.items(), key=lambda kv: kv[1]):
            out.append(
                Adaptation(
                    "effort_feedback",
                    f"{self.exercise(before).name} was {why}: {self.exercise(after).name} "
                    "from the next session.",
                    (SEED_000.tag,),
                )
            )
        for swollen in sorted(self.stepped_back):
            out.append(
                Adaptation(
                    "step_back",
                    f"Swelling or heat after training was logged on {swollen.isoformat()}: the "
                    f"next {STEP_BACK_DAYS} days use easier versions and one set less, then the "
                    "plan picks up again.",
                    (SEED_001.tag,),
                )
            )
        return out
