"""Words of the questionnaire: readable labels of the codes a person chooses from (the JSON
keeps the codes; a person only ever sees these words) and its fixed sentences."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TypeVar

from dorsi.core.assessment.questions import Option
from dorsi.core.assessment.texts import RED_FLAG_LABELS
from dorsi.core.codes import (
    Equipment,
    Felt,
    Rating,
    RedFlag,
    Sign,
    Sport,
    Unit,
    Variant,
    Weekday,
)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


E = TypeVar("E", bound=StrEnum)

RED_FLAG_OPTIONS = {flag: _sentence(RED_FLAG_LABELS[flag]) for flag in RedFlag}
SPORT_LABELS = {
    Sport.RUNNING: "Running",
    Sport.BASKETBALL: "Basketball",
    Sport.SOCCER: "Soccer (football)",
    Sport.VOLLEYBALL: "Volleyball",
    Sport.WEIGHTLIFTING: "Olympic weightlifting",
    Sport.POWERLIFTING: "Powerlifting",
    Sport.SWIMMING: "Swimming",
    Sport.GENERAL: "General fitness",
}
WEEKDAY_LABELS = {
    Weekday.MON: "Monday",
    Weekday.TUE: "Tuesday",
    Weekday.WED: "Wednesday",
    Weekday.THU: "Thursday",
    Weekday.FRI: "Friday",
    Weekday.SAT: "Saturday",
    Weekday.SUN: "Sunday",
}
EQUIPMENT_LABELS = {
    Equipment.NONE: "Nothing",
    Equipment.WALL: "A wall",
    Equipment.BAND: "Resistance band",
    Equipment.MINI_BAND: "Mini band (a small loop)",
    Equipment.STEP: "Step or stair",
    Equipment.FOAM_ROLLER: "Foam roller",
    Equipment.WEIGHT: "Dumbbell or kettlebell",
    Equipment.PLATES: "Weight plates",
    Equipment.SLANT_BOARD: "Slant board",
    Equipment.CHAIR: "Chair",
    Equipment.BENCH: "Bench",
    Equipment.BALL: "Ball",
}
SIGN_LABELS = {
    Sign.HEELS_LIFT_IN_SQUAT: "Heels lift in squats",
    Sign.TIGHT_CALVES: "Calves feel tight despite stretching",
    Sign.ANKLE_ROLLING: "I roll my ankle often",
    Sign.MORNING_HEEL_PAIN: "Heel or arch pain with the first steps in the morning",
    Sign.KNEE_PAIN_ON_STAIRS: "Knee pain on stairs",
}
FELT_LABELS = {
    Felt.CALF_STRETCH: "A stretch in the calf or Achilles",
    Felt.FRONT_PINCH: "A block or pinch at the front of the ankle",
    Felt.NOTHING: "Nothing in particular",
}
RATING_LABELS = {Rating.RESTRICTED: "Restricted", Rating.OK: "OK"}
VARIANT_LABELS = {
    Variant.STANDING: "Standing (recommended)",
    Variant.HALF_KNEELING: "Half-kneeling",
}
UNIT_LABELS = {Unit.CM: "cm", Unit.IN: "inches"}


def options(labels: Mapping[E, str], skip: Iterable[E] = ()) -> tuple[Option, ...]:
    """The choices offered for ``labels``' codes, in their order, leaving out ``skip``."""
    return tuple(Option(code.value, label) for code, label in labels.items() if code not in skip)


RED_FLAG_STOP = (
    "You ticked a warning sign, so do not do the tests now: see a doctor or physiotherapist "
    "first. Enter a measurement only if you already have one; everything else can be skipped."
)
