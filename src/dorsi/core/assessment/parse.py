"""dorsi.assessment/v1 <-> AssessmentInput: parsing with validation, and back to a document."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dorsi.core.assessment.inputs import (
    AssessmentInput,
    Goniometer,
    KneePain,
    PerSide,
    Profile,
    SideInput,
    SquatScreen,
    ThreePosition,
)
from dorsi.core.codes import (
    Equipment,
    Felt,
    Rating,
    RedFlag,
    Side,
    Sign,
    Sport,
    Unit,
    Variant,
    Weekday,
)
from dorsi.core.errors import ValidationError
from dorsi.core.reader import Reader, check_schema
from dorsi.core.thresholds import (
    AGE_RANGE,
    FOOT_RANGE,
    GONIOMETER_RANGE,
    HEIGHT_RANGE,
    KNEE_TO_WALL_RANGE,
    MINUTES_PER_DAY_RANGE,
    SHOE_DROP_RANGE,
    SPRAIN_RANGE,
    TIBIA_RANGE,
    WB_ANGLE_RANGE,
)
from dorsi.core.units import from_cm, to_cm

ASSESSMENT_SCHEMA = "dorsi.assessment/v1"


def parse_assessment(data: object, *, draft: bool = False) -> AssessmentInput:
    """Validate a dorsi.assessment/v1 document; raise ValidationError naming the field.

    ``draft``: a questionnaire still being filled in, checked answer by answer by the same
    rules, but the knee-to-wall measurement may still be missing."""
    check_schema(data, ASSESSMENT_SCHEMA)
    doc = Reader(data)
    when = doc.day("date")
    profile = _profile(doc.obj("profile"))
    red_flags = frozenset(doc.codes("red_flags", RedFlag))
    variant, unit, distances = _knee_to_wall(
        doc.obj("knee_to_wall"), optional=draft or bool(red_flags)
    )
    angles = doc.obj("wb_angle_deg")
    gonio = doc.obj("goniometer_deg")
    three = doc.obj("three_position")
    felt = doc.obj("felt")
    sides = {
        side: SideInput(
            knee_to_wall_cm=None
            if distances[side] is None
            else to_cm(distances[side] or 0.0, unit),
            wb_angle_deg=angles.number(side.value, WB_ANGLE_RANGE) if angles else None,
            goniometer=_goniometer(gonio.obj(side.value)) if gonio else None,
            three_position=_three_position(three.obj(side.value)) if three else None,
            felt=felt.code(side.value, Felt) if felt else None,
        )
        for side in Side
    }
    for part in (angles, gonio, three, felt):
        if part is not None:
            part.finish()
    result = AssessmentInput(
        left=sides[Side.LEFT],
        right=sides[Side.RIGHT],
        variant=variant,
        unit=unit,
        date=when,
        profile=profile,
        squat_screen=_squat_screen(doc.obj("squat_screen")),
        knee_pain=_knee_pain(doc.obj("knee_pain")),
        signs=frozenset(doc.codes("signs", Sign)),
        red_flags=red_flags,
    )
    doc.finish()
    return _with_ignored(result, doc.ignored)


def _knee_to_wall(
    ktw: Reader | None, *, optional: bool
) -> tuple[Variant, Unit, dict[Side, float | None]]:
    """Variant, unit and the distance per side as entered. At least one side is required,
    except after a red flag: the person is told not to do the tests now (SPEC §2.7)."""
    if ktw is None:
        if optional:
            return Variant.STANDING, Unit.CM, dict.fromkeys(Side)
        raise ValidationError("knee_to_wall", "is required (measure at least one side)")
    variant = ktw.code("variant", Variant) or Variant.STANDING
    unit = ktw.code("unit", Unit) or Unit.CM
    distances = {side: ktw.number(side.value, KNEE_TO_WALL_RANGE[unit]) for side in Side}
    ktw.finish()
    if all(value is None for value in distances.values()) and not optional:
        raise ValidationError("knee_to_wall", "needs a value for left or right (or both)")
    return variant, unit, distances


def _with_ignored(result: AssessmentInput, ignored: list[str]) -> AssessmentInput:
    return replace(result, ignored_fields=tuple(sorted(set(ignored))))


def parse_profile(data: object) -> Profile:
    """A ``profile`` object on its own (the settings page, an import): the same rules as
    inside an assessment; errors name the field without a ``profile.`` prefix."""
    return _profile(Reader(data))


def _profile(part: Reader | None) -> Profile:
    if part is None:
        return Profile()
    sprains = part.obj("sprains")
    sprain_counts = PerSide(0, 0)
    if sprains is not None:
        sprain_counts = PerSide(
            left=sprains.integer("left", SPRAIN_RANGE) or 0,
            right=sprains.integer("right", SPRAIN_RANGE) or 0,
        )
        sprains.finish()
    minutes = part.integer("minutes_per_day", MINUTES_PER_DAY_RANGE)
    profile = Profile(
        age=part.integer("age", AGE_RANGE),
        height_cm=part.number("height_cm", HEIGHT_RANGE),
        sports=part.codes("sports", Sport),
        sprains=sprain_counts,
        training_days=part.codes("training_days", Weekday),
        equipment=part.codes("equipment", Equipment),
        minutes_per_day=10 if minutes is None else minutes,
        desk_job=part.boolean("desk_job"),
        shoe_drop_mm=part.number("shoe_drop_mm", SHOE_DROP_RANGE),
        tibia_cm=part.number("tibia_cm", TIBIA_RANGE),
        foot_cm=part.number("foot_cm", FOOT_RANGE),
    )
    part.finish()
    return profile


def _goniometer(part: Reader | None) -> Goniometer | None:
    if part is None:
        return None
    result = Goniometer(
        knee_straight_deg=part.number("knee_straight", GONIOMETER_RANGE),
        knee_bent_deg=part.number("knee_bent", GONIOMETER_RANGE),
    )
    part.finish()
    return result


def _three_position(part: Reader | None) -> ThreePosition | None:
    if part is None:
        return None
    result = ThreePosition(
        straight_knee=part.code("straight_knee", Rating),
        bent_knee=part.code("bent_knee", Rating),
        deep_squat=part.code("deep_squat", Rating),
    )
    part.finish()
    return result


def _squat_screen(part: Reader | None) -> SquatScreen | None:
    if part is None:
        return None
    result = SquatScreen(
        heels_rise=part.boolean("heels_rise"),
        torso_forward=part.boolean("torso_forward"),
        knees_cave=part.boolean("knees_cave"),
        reaches_parallel=part.boolean("reaches_parallel"),
        better_with_heel_lift=part.boolean("better_with_heel_lift"),
    )
    part.finish()
    return result


def _knee_pain(part: Reader | None) -> KneePain | None:
    if part is None:
        return None
    result = KneePain(
        present=bool(part.boolean("present")),
        less_with_heel_lift=part.boolean("less_with_heel_lift"),
    )
    part.finish()
    return result


def assessment_to_document(inp: AssessmentInput) -> dict[str, Any]:
    """The dorsi.assessment/v1 document for ``inp`` (distances in its original unit)."""
    doc: dict[str, Any] = {"schema": ASSESSMENT_SCHEMA}
    if inp.date is not None:
        doc["date"] = inp.date.isoformat()
    doc["profile"] = _profile_doc(inp.profile)
    doc["knee_to_wall"] = {"variant": inp.variant.value, "unit": inp.unit.value} | {
        side.value: _distance(inp.side(side).knee_to_wall_cm, inp.unit) for side in Side
    }
    per_side: dict[str, dict[str, Any]] = {
        "wb_angle_deg": {},
        "goniometer_deg": {},
        "three_position": {},
        "felt": {},
    }
    for side in Side:
        s = inp.side(side)
        if s.wb_angle_deg is not None:
            per_side["wb_angle_deg"][side.value] = s.wb_angle_deg
        if s.goniometer is not None:
            per_side["goniometer_deg"][side.value] = {
                "knee_straight": s.goniometer.knee_straight_deg,
                "knee_bent": s.goniometer.knee_bent_deg,
            }
        if s.three_position is not None:
            tp = s.three_position
            per_side["three_position"][side.value] = {
                "straight_knee": _val(tp.straight_knee),
                "bent_knee": _val(tp.bent_knee),
                "deep_squat": _val(tp.deep_squat),
            }
        if s.felt is not None:
            per_side["felt"][side.value] = s.felt.value
    doc.update({key: value for key, value in per_side.items() if value})
    if inp.squat_screen is not None:
        doc["squat_screen"] = dict(vars(inp.squat_screen))
    if inp.knee_pain is not None:
        doc["knee_pain"] = dict(vars(inp.knee_pain))
    doc["signs"] = sorted(sign.value for sign in inp.signs)
    doc["red_flags"] = sorted(flag.value for flag in inp.red_flags)
    return doc


def _val(code: Rating | None) -> str | None:
    return None if code is None else code.value


def _distance(value_cm: float | None, unit: Unit) -> float | None:
    return None if value_cm is None else round(from_cm(value_cm, unit), 4)


def _profile_doc(p: Profile) -> dict[str, Any]:
    return {
        "age": p.age,
        "height_cm": p.height_cm,
        "sports": [s.value for s in p.sports],
        "sprains": {"left": p.sprains.left, "right": p.sprains.right},
        "training_days": [d.value for d in p.training_days],
        "equipment": [e.value for e in p.equipment],
        "minutes_per_day": p.minutes_per_day,
        "desk_job": p.desk_job,
        "shoe_drop_mm": p.shoe_drop_mm,
        "tibia_cm": p.tibia_cm,
        "foot_cm": p.foot_cm,
    }
