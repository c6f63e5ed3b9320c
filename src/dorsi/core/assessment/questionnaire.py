"""The assessment questionnaire as data: the sections in order, each with its title, intro, the
how-to of its tests, its drawings and its questions (dotted paths in dorsi.assessment/v1).

The web wizard and the CLI interview both render this one definition, so they ask the same
questions in the same order with the same words. Screening comes first (SPEC §2.7): after a
red flag the person is told not to do the tests now (``labels.RED_FLAG_STOP``), and the
measurements become optional.
Helpers on the answers (nesting them into a document, putting them in words) are in
``dorsi.core.assessment.answers``.
"""

from __future__ import annotations

from dataclasses import replace

from dorsi.core.assessment import howto
from dorsi.core.assessment.labels import (
    EQUIPMENT_LABELS,
    FELT_LABELS,
    RATING_LABELS,
    RED_FLAG_OPTIONS,
    SIGN_LABELS,
    SPORT_LABELS,
    UNIT_LABELS,
    VARIANT_LABELS,
    WEEKDAY_LABELS,
    options,
)
from dorsi.core.assessment.questions import SIDES, Kind, Question, Section, per_side
from dorsi.core.codes import Equipment, RedFlag, Unit, Variant
from dorsi.core.thresholds import (
    AGE_RANGE,
    DEFAULT_MINUTES_PER_DAY,
    GONIOMETER_RANGE,
    HEIGHT_RANGE,
    KNEE_TO_WALL_RANGE,
    MINUTES_PER_DAY_RANGE,
    SHOE_DROP_RANGE,
    SPRAIN_RANGE,
    WB_ANGLE_RANGE,
    Range,
)


def _degrees(valid: Range) -> Question:
    return Question("", "", Kind.NUMBER, valid=valid, unit="°")


SAFETY = Section(
    key="safety",
    title="Safety check",
    intro=(
        "Before any test: some symptoms need a doctor or physiotherapist before the ankle is "
        "loaded. If one of these applies, Dorsi still records your answers but holds the plan "
        "until you confirm a professional cleared you."
    ),
    questions=(
        Question(
            "red_flags",
            "Tick anything that applies to you now",
            Kind.CHOICES,
            options=options(RED_FLAG_OPTIONS, skip=(RedFlag.SHARP_PAIN_ON_TEST,)),
            blank="None of these",
        ),
    ),
)

KNEE_TO_WALL = Section(
    key="knee_to_wall",
    title="Knee-to-wall test",
    intro=(
        "The knee-to-wall test measures how far your shin can travel over your foot with the "
        "heel down. It is the main number Dorsi follows."
    ),
    howtos=(howto.KNEE_TO_WALL, howto.KNEE_TO_WALL_HALF_KNEELING),
    physical_test=True,
    questions=(
        Question("date", "Date of the test", Kind.DATE, required=True),
        Question(
            "knee_to_wall.variant",
            "Which test",
            Kind.CHOICE,
            options=options(VARIANT_LABELS),
            default=Variant.STANDING.value,
            required=True,
        ),
        Question(
            "knee_to_wall.unit",
            "Unit",
            Kind.CHOICE,
            options=options(UNIT_LABELS),
            default=Unit.CM.value,
            required=True,
        ),
        *per_side(
            "knee_to_wall.{side}",
            "{Side} foot: big toe to wall",
            Question(
                "",
                "",
                Kind.NUMBER,
                valid_by_unit=tuple(KNEE_TO_WALL_RANGE.items()),
                help="The best of three tries; leave it blank for a side you could not test.",
            ),
        ),
        Question(
            "red_flags",
            "Did the test hurt?",
            Kind.CHOICES,
            options=options(
                {RedFlag.SHARP_PAIN_ON_TEST: RED_FLAG_OPTIONS[RedFlag.SHARP_PAIN_ON_TEST]}
            ),
            help="Tick it if the test caused sharp or pinching pain.",
            blank="No",
        ),
    ),
)

ABOUT = Section(
    key="about",
    title="About you",
    intro=(
        "A few facts about you tailor the plan: sports, training days, equipment and the "
        "minutes you can give each day. They are saved to your profile."
    ),
    questions=(
        Question("profile.age", "Age", Kind.INTEGER, valid=AGE_RANGE, unit="years"),
        Question(
            "profile.height_cm",
            "Height",
            Kind.NUMBER,
            valid=HEIGHT_RANGE,
            unit="cm",
            help="Used to estimate the shin angle from the distance.",
        ),
        Question("profile.sports", "Sports", Kind.CHOICES, options=options(SPORT_LABELS)),
        *per_side(
            "profile.sprains.{side}",
            "Past ankle sprains, {side}",
            Question("", "", Kind.INTEGER, valid=SPRAIN_RANGE),
        ),
        Question(
            "profile.training_days",
            "Lower-body training days",
            Kind.CHOICES,
            options=options(WEEKDAY_LABELS),
            help="On these days the ankle work is a short warm-up before training.",
        ),
        Question(
            "profile.equipment",
            "Equipment you have",
            Kind.CHOICES,
            options=options(EQUIPMENT_LABELS, skip=(Equipment.NONE, Equipment.WALL)),
            help="A wall and the floor are assumed.",
        ),
        Question(
            "profile.minutes_per_day",
            "Minutes per day for ankle work",
            Kind.INTEGER,
            valid=MINUTES_PER_DAY_RANGE,
            unit="min",
            default=DEFAULT_MINUTES_PER_DAY,
            help="A little every day counts more than long days.",
        ),
        Question("profile.desk_job", "Desk job (sitting most of the day)", Kind.YES_NO),
        Question(
            "profile.shoe_drop_mm",
            "Usual shoe heel-to-toe drop",
            Kind.NUMBER,
            valid=SHOE_DROP_RANGE,
            unit="mm",
            help="Leave it blank if you do not know.",
        ),
    ),
)

ANGLES = Section(
    key="angles",
    title="Angles",
    intro=(
        "Only if you have the tools: a phone inclinometer on the shin in the lunge gives the "
        "lunge angle; a goniometer, usually held by a physiotherapist, gives the range with the "
        "knee straight and bent."
    ),
    howtos=(howto.WB_ANGLE, howto.GONIOMETER),
    optional=True,
    physical_test=True,
    questions=(
        *per_side("wb_angle_deg.{side}", "Lunge angle, {side}", _degrees(WB_ANGLE_RANGE)),
        *(
            question
            for side in ("left", "right")
            for question in (
                replace(
                    _degrees(GONIOMETER_RANGE),
                    path=f"goniometer_deg.{side}.{bend}",
                    label=f"Goniometer {side}, {words}",
                )
                for bend, words in (("knee_straight", "knee straight"), ("knee_bent", "knee bent"))
            )
        ),
    ),
)

THREE_POSITION = Section(
    key="three_position",
    title="Three-position test",
    intro=(
        "Three positions tell which tissue holds you back. For each side, is the position "
        "restricted (tight, you cannot get far) or OK?"
    ),
    howtos=(howto.THREE_POSITION,),
    optional=True,
    physical_test=True,
    questions=tuple(
        Question(
            f"three_position.{side}.{position}",
            f"{name}: {words}",
            Kind.CHOICE,
            options=options(RATING_LABELS),
            blank="Not tested",
        )
        for side, name in SIDES
        for position, words in (
            ("straight_knee", "straight-knee calf stretch"),
            ("bent_knee", "bent-knee calf stretch"),
            ("deep_squat", "loaded deep-squat hold"),
        )
    ),
)

FELT = Section(
    key="felt",
    title="Where you felt it",
    intro=(
        "Where did you feel the limit during the knee-to-wall test? A pull in the calf points "
        "to soft tissue; a block or pinch at the front of the ankle points to the joint."
    ),
    figures=("knee_to_wall",),
    optional=True,
    questions=per_side(
        "felt.{side}",
        "{Side} ankle",
        Question("", "", Kind.CHOICE, options=options(FELT_LABELS), blank="Not noted"),
    ),
)

SQUAT = Section(
    key="squat",
    title="Squat screen",
    intro="A squat filmed or watched from the side shows whether the ankles limit it.",
    howtos=(howto.SQUAT_SCREEN,),
    optional=True,
    physical_test=True,
    questions=tuple(
        Question(f"squat_screen.{key}", words, Kind.YES_NO)
        for key, words in (
            ("heels_rise", "Do the heels rise?"),
            ("torso_forward", "Does the torso pitch far forward?"),
            ("knees_cave", "Do the knees cave inwards?"),
            ("reaches_parallel", "Do you reach parallel (thighs level)?"),
            ("better_with_heel_lift", f"Is it better with the heels on a {howto.SQUAT_LIFT} lift?"),
        )
    ),
)

KNEE = Section(
    key="knee",
    title="Knee pain and signs",
    intro="Stiff ankles often show up elsewhere. Answer what applies; leave the rest.",
    optional=True,
    questions=(
        Question("knee_pain.present", "Do you have knee pain in squats or on stairs?", Kind.YES_NO),
        Question(
            "knee_pain.less_with_heel_lift",
            f"Is it less with the heels raised {howto.KNEE_PAIN_LIFT}?",
            Kind.YES_NO,
            help="Only if you have knee pain.",
        ),
        Question(
            "signs", "Do any of these sound like you?", Kind.CHOICES, options=options(SIGN_LABELS)
        ),
    ),
)

QUESTIONNAIRE: tuple[Section, ...] = (
    SAFETY,
    KNEE_TO_WALL,
    ABOUT,
    ANGLES,
    THREE_POSITION,
    FELT,
    SQUAT,
    KNEE,
)


def section_named(key: str) -> Section | None:
    return next((section for section in QUESTIONNAIRE if section.key == key), None)


def measurement_due(section: Section) -> bool:
    """Whether the core's "at least one knee-to-wall side" rule applies to the answers given
    up to ``section`` included (before the knee-to-wall section nothing was measured yet)."""
    return QUESTIONNAIRE.index(section) >= QUESTIONNAIRE.index(KNEE_TO_WALL)
