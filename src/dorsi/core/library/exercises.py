"""The exercise library (SPEC §3): exercises are data, validated loudly when they are loaded.

The one piece of I/O in the core lives here: :func:`load_library` reads the packaged
``data/exercises.toml`` once (cached). Everything else is pure; parsing and validation live in
:mod:`dorsi.core.library.parsing`, to which tests hand TOML text directly.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

from dorsi.core.codes import Equipment, Purpose
from dorsi.core.errors import DorsiError, ValidationError
from dorsi.core.evidence import Grade

SCHEMA = "dorsi.exercises/v1"
MIN_EXERCISES = 35
# Nobody has to own these; every other item must have a substitute (checked on load).
ALWAYS_AVAILABLE = frozenset({Equipment.NONE, Equipment.WALL})

SPEC_REQUIRED_IDS = (
    "foam-roll-shins",
    "massage-stick-calves",
    "side-lunge-to-pyramid",
    "toe-balance-forward-bend",
    "knee-to-wall-circles",
    "banded-ankle-mobilization",
    "deep-squat-rock",
    "single-leg-calf-raise",
    "gastrocnemius-wall-stretch",
    "soleus-wall-stretch",
    "eccentric-calf-lowering",
    "half-kneeling-lunge",
    "half-kneeling-lunge-3-way",
    "weighted-half-kneeling-lunge",
    "incline-knee-bends",
    "knee-circles",
    "downward-dog-calf-pedal",
    "step-calf-stretch",
    "foam-roll-calves",
    "ankle-cars",
    "single-leg-balance-alphabet",
    "mini-band-lateral-walk",
    "walking-lunge-knee-drive",
    "short-foot-arch-activation",
)
# The program generator refers to these by id.
PROGRAM_REQUIRED_IDS = (
    "half-kneeling-lunge-talus-pressure",
    "double-leg-calf-raise",
    "bent-knee-calf-raise",
    "deep-squat-hold",
    "heel-elevated-squat",
    "single-leg-balance",
    "lateral-hop-and-stick",
    "tibialis-raise",
    "seated-soleus-stretch",
)
REQUIRED_IDS = SPEC_REQUIRED_IDS + PROGRAM_REQUIRED_IDS


class Position(StrEnum):
    STANDING = "standing"
    HALF_KNEELING = "half_kneeling"
    KNEELING = "kneeling"
    SEATED = "seated"
    SUPINE = "supine"
    QUADRUPED = "quadruped"
    PRONE = "prone"
    ON_STEP = "on_step"


class PosePattern(StrEnum):
    """Base movement patterns the stick-figure renderer animates."""

    STANDING_LUNGE_WALL = "standing_lunge_wall"
    HALF_KNEELING_LUNGE = "half_kneeling_lunge"
    DEEP_SQUAT = "deep_squat"
    CALF_RAISE = "calf_raise"
    WALL_CALF_STRETCH_STRAIGHT = "wall_calf_stretch_straight"
    WALL_CALF_STRETCH_BENT = "wall_calf_stretch_bent"
    STEP_STRETCH = "step_stretch"
    DOWNWARD_DOG = "downward_dog"
    FOAM_ROLL = "foam_roll"
    SEATED = "seated"
    SINGLE_LEG_STAND = "single_leg_stand"
    LATERAL_WALK = "lateral_walk"
    WALKING_LUNGE = "walking_lunge"
    SUPINE = "supine"
    HOP = "hop"


class ExerciseLibraryError(DorsiError):
    """The exercise data breaks a rule; names the exercise (id, or #n before the id is known)."""

    def __init__(self, exercise_id: str, field: str, problem: str) -> None:
        self.exercise_id = exercise_id
        self.field = field
        self.problem = problem
        where = f"exercise {exercise_id!r}" if exercise_id else "exercise library"
        super().__init__(f"{where}: {field}: {problem}")


@dataclass(frozen=True)
class Dose:
    """Sets of reps or of timed holds; per side when the exercise is ``per_side``."""

    sets: int
    reps: int | None = None
    seconds: int | None = None
    tempo: str | None = None  # "lowering-pause-lifting" in seconds, e.g. "3-0-1"
    hold_s: int | None = None

    @property
    def lowering_s(self) -> int | None:
        return None if self.tempo is None else int(self.tempo.split("-")[0])

    def work_s(self) -> int | None:
        """Seconds of work for one side, when the dose says enough to know it."""
        if self.seconds is not None:
            return self.sets * self.seconds
        per_rep = sum(int(part) for part in self.tempo.split("-")) if self.tempo else self.hold_s
        return None if per_rep is None or self.reps is None else self.sets * self.reps * per_rep

    def describe(self) -> str:
        amount = f"{self.reps}" if self.reps is not None else f"{self.seconds} s"
        text = f"{self.sets} × {amount}"
        if self.lowering_s:
            text += f", {self.lowering_s} s lowering"
        if self.hold_s:
            text += f", {self.hold_s} s hold"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "sets": self.sets,
            "reps": self.reps,
            "seconds": self.seconds,
            "tempo": self.tempo,
            "lowering_s": self.lowering_s,
            "hold_s": self.hold_s,
        }


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    purpose: tuple[Purpose, ...]
    position: Position
    pose: PosePattern
    equipment: tuple[Equipment, ...]
    dose: Dose
    per_side: bool
    minutes: float  # the default dose, both sides included
    instructions: tuple[str, ...]
    cues: tuple[str, ...]
    feel: str
    stop_rules: tuple[str, ...]
    regression: str | None
    progression: str | None
    substitute_without: tuple[tuple[Equipment, str], ...]
    sources: tuple[str, ...]  # what supports this exercise itself; sets the grade's ceiling
    grade: Grade
    # Research on a related technique (e.g. therapist-applied mobilisation for a self-applied
    # drill): shown as related, never raising the grade.
    related_sources: tuple[str, ...] = ()
    floor: bool = False  # the easiest of its family: no regression, on purpose
    ceiling: bool = False  # the hardest of its family: no progression, on purpose
    # Body weight or more pushes the ankle into its end range (kept out early after an injury).
    loaded_end_range: bool = False
    # What to change before another set ("move the foot farther back"): shown only when the
    # prescription has more than one set.
    between_sets: tuple[str, ...] = ()

    def steps_for(self, sets: int) -> tuple[str, ...]:
        """The instructions for a prescription of ``sets`` sets: the between-set changes only
        when there is another set to change for."""
        return self.instructions + (self.between_sets if sets > 1 else ())

    @property
    def steps(self) -> tuple[str, ...]:
        """The instructions for the library's own dose."""
        return self.steps_for(self.dose.sets)

    @property
    def needs(self) -> frozenset[Equipment]:
        return frozenset(self.equipment) - ALWAYS_AVAILABLE

    def available(self, equipment_owned: Iterable[Equipment]) -> bool:
        return self.needs <= frozenset(equipment_owned)

    def substitute_for(self, missing: Equipment) -> str | None:
        return dict(self.substitute_without).get(missing)

    def dose_text(self) -> str:
        return self.dose.describe() + (" per side" if self.per_side else "")

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "purpose": [str(code) for code in self.purpose],
            "position": str(self.position),
            "pose": str(self.pose),
            "equipment": [str(code) for code in self.equipment],
            "dose": self.dose.to_dict(),
            "per_side": self.per_side,
            "minutes": self.minutes,
            "instructions": list(self.instructions),
            "between_sets": list(self.between_sets),
            "cues": list(self.cues),
            "feel": self.feel,
            "stop_rules": list(self.stop_rules),
            "regression": self.regression,
            "progression": self.progression,
            "substitute_without": {str(code): target for code, target in self.substitute_without},
            "sources": list(self.sources),
            "grade": str(self.grade),
            "related_sources": list(self.related_sources),
            "floor": self.floor,
            "ceiling": self.ceiling,
            "loaded_end_range": self.loaded_end_range,
        }


@dataclass(frozen=True)
class ExerciseLibrary:
    exercises: tuple[Exercise, ...]
    _by_id: Mapping[str, Exercise] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {exercise.id: exercise for exercise in self.exercises})

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(exercise.id for exercise in self.exercises)

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except KeyError:
            close = difflib.get_close_matches(exercise_id, self.ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problem = f"unknown exercise id {exercise_id!r}{hint}"
            raise ValidationError("exercise", problem) from None

    def filter(
        self,
        purpose: Purpose | None = None,
        equipment: Equipment | Iterable[Equipment] | None = None,
    ) -> tuple[Exercise, ...]:
        """Exercises with that purpose, doable with that equipment (plus a wall and the floor)."""
        owned = None if equipment is None else _as_set(equipment)
        return tuple(
            exercise
            for exercise in self.exercises
            if (purpose is None or purpose in exercise.purpose)
            and (owned is None or exercise.available(owned))
        )

    def substitute(self, exercise_id: str, owned: Iterable[Equipment]) -> Exercise:
        """The exercise itself when it is doable with ``owned``, else its doable substitute."""
        have = frozenset(owned)
        current, seen = self.get(exercise_id), {exercise_id}
        while not current.available(have):
            missing = [code for code in current.equipment if code in current.needs - have]
            target = next((t for code in missing if (t := current.substitute_for(code))), None)
            if target is None or target in seen:
                problem = f"no substitute for {exercise_id!r} without {', '.join(missing)}"
                raise ValidationError("equipment", problem)
            current = self.get(target)
            seen.add(target)
        return current

    def regression_of(self, exercise_id: str) -> Exercise | None:
        step = self.get(exercise_id).regression
        return None if step is None else self.get(step)

    def progression_of(self, exercise_id: str) -> Exercise | None:
        step = self.get(exercise_id).progression
        return None if step is None else self.get(step)


def _as_set(equipment: Equipment | Iterable[Equipment]) -> frozenset[Equipment]:
    # Equipment is a str, hence iterable: test for a single code first.
    return frozenset({equipment}) if isinstance(equipment, Equipment) else frozenset(equipment)


@cache
def load_library() -> ExerciseLibrary:
    """Read and validate the packaged library: the core's only file read, done once."""
    from dorsi.core.library.parsing import parse_library

    text = (
        resources.files("dorsi.core.library")
        .joinpath("data/exercises.toml")
        .read_text(encoding="utf-8")
    )
    return parse_library(text)
