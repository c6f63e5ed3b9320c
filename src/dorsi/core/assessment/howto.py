"""How to do each test of the assessment, as data: the wizard, the CLI interview and the test
pages of the library all show these same steps, notes and stop rule.

Written for Dorsi (not copied from the method articles); numbers come from the thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass

from dorsi.core.thresholds import (
    INCLINOMETER_BELOW_KNEE_CM,
    KNEE_PAIN_TEST_HEEL_LIFT_CM,
    SQUAT_TEST_HEEL_LIFT_CM,
)


@dataclass(frozen=True)
class HowTo:
    """One test: ``key`` names its page (``/tests/<key>/``); ``figures`` are drawing keys."""

    key: str
    title: str
    summary: str
    steps: tuple[str, ...]
    stop_rule: str
    figures: tuple[str, ...]
    notes: tuple[str, ...] = ()


def _cm(value: float) -> str:
    return f"{value:g} cm"


SQUAT_LIFT = _cm(SQUAT_TEST_HEEL_LIFT_CM)
KNEE_PAIN_LIFT = "–".join(f"{value:g}" for value in KNEE_PAIN_TEST_HEEL_LIFT_CM) + " cm"

STOP_ON_SHARP_PAIN = (
    "Stop at once if you feel sharp or pinching pain: do not push through it. A stretch or "
    "a firm pull is fine; pain that is sharp is not."
)

KNEE_TO_WALL = HowTo(
    key="knee_to_wall",
    title="Knee-to-wall test (standing)",
    summary=(
        "Heel down, knee to the wall over the second toe: the distance from the big toe to "
        "the wall is the number Dorsi follows."
    ),
    steps=(
        "Shoes off (socks are fine), face a wall. Put the foot you test in front, toes pointing "
        "at the wall; the other foot stays behind for balance.",
        "Bend the front knee straight towards the wall, in line with the second toe, keeping the "
        "whole heel on the floor.",
        "If the knee touches easily, slide the foot back a little; if the heel lifts before the "
        "knee touches, move the foot closer.",
        "Find the farthest spot where the knee still just touches with the heel down, and "
        "measure from the tip of the big toe to the wall.",
        "Take the best of three tries, then test the other foot.",
    ),
    notes=(
        "A tape measure laid on the floor, square to the wall, makes reading the distance easy.",
        "One side is enough if you cannot test both.",
        "Retest at a similar time of day and after a similar amount of activity, so that the "
        "numbers compare.",
    ),
    stop_rule=STOP_ON_SHARP_PAIN,
    figures=("knee_to_wall",),
)

KNEE_TO_WALL_HALF_KNEELING = HowTo(
    key="knee_to_wall_half_kneeling",
    title="Knee-to-wall test (half-kneeling)",
    summary=(
        "The same test with the back knee on the floor. It has its own scale, so its results "
        "are never mixed with the standing test's."
    ),
    steps=(
        "Kneel on the back knee (a cushion under it helps), the tested foot flat in front with "
        "the toes pointing at the wall.",
        "Keep the front heel down and drive the front knee towards the wall over the second toe.",
        "Move the foot until the knee only just touches the wall with the heel still down.",
        "Measure from the tip of the big toe to the wall; take the best of three tries, then "
        "switch sides.",
    ),
    notes=("Choose one version and keep to it: retests are compared with the same version.",),
    stop_rule=STOP_ON_SHARP_PAIN,
    figures=("knee_to_wall_half_kneeling",),
)

WB_ANGLE = HowTo(
    key="wb_angle",
    title="Lunge angle",
    summary=(
        "A phone inclinometer on the shin during the knee-to-wall lunge gives the shin's angle "
        "from vertical in degrees."
    ),
    steps=(
        "Open an inclinometer or spirit-level app on your phone.",
        "Take the knee-to-wall position at your farthest spot, heel down.",
        f"Hold the phone flat on the front of the shin, about {_cm(INCLINOMETER_BELOW_KNEE_CM)} "
        "below the bony bump under the kneecap.",
        "Read the angle of the shin from vertical, then do the other side.",
    ),
    notes=("Skip it if you have no inclinometer: Dorsi estimates the angle from the distance.",),
    stop_rule=STOP_ON_SHARP_PAIN,
    figures=("wb_angle",),
)

GONIOMETER = HowTo(
    key="goniometer",
    title="Goniometer",
    summary=(
        "The ankle's range with no weight on it, with the knee straight and then bent; usually "
        "measured by a physiotherapist."
    ),
    steps=(
        "Lie or sit with the foot free and relaxed, no weight on it.",
        "With the knee straight, the measurer lifts the foot towards the shin as far as it goes "
        "without forcing, and reads the angle with the goniometer.",
        "Repeat with the knee bent.",
        "Measure both sides.",
    ),
    notes=("Leave these blank if nobody measured them.",),
    stop_rule=STOP_ON_SHARP_PAIN,
    figures=("goniometer_knee_straight", "goniometer_knee_bent"),
)

THREE_POSITION = HowTo(
    key="three_position",
    title="Three-position test",
    summary=(
        "A straight-knee stretch, a bent-knee stretch and a deep squat hold: which of them is "
        "restricted points at the tissue that holds the ankle back."
    ),
    steps=(
        "Straight-knee calf stretch (tests the gastrocnemius): hands on a wall, the tested leg "
        "back with the knee straight and the heel down; lean in.",
        "Bent-knee calf stretch (tests the soleus): the same position with the back knee bent "
        "and the heel still down.",
        "Deep squat hold (tests the whole ankle under load): squat as low as you can with both "
        "heels down and hold for a few breaths.",
        "For each position and side, answer restricted (tight, you cannot get far) or OK.",
    ),
    stop_rule=STOP_ON_SHARP_PAIN,
    figures=(
        "three_position_straight_knee",
        "three_position_bent_knee",
        "three_position_deep_squat",
    ),
)

SQUAT_SCREEN = HowTo(
    key="squat_screen",
    title="Overhead squat screen",
    summary=(
        f"Squat with the arms overhead, then again with the heels on a {SQUAT_LIFT} lift: "
        "does the lift help?"
    ),
    steps=(
        "Stand with the feet shoulder-width apart, side-on to a mirror or a phone camera, arms "
        "straight overhead.",
        "Squat as low as you comfortably can, three to five times; watch the heels, the trunk "
        "and the knees.",
        f"Repeat with the heels on a {SQUAT_LIFT} lift (small plates or a book).",
        "Answer what you saw; leave a question blank if you could not tell.",
    ),
    stop_rule=STOP_ON_SHARP_PAIN,
    figures=("squat_screen", "heel_lift"),
)

HOWTOS: tuple[HowTo, ...] = (
    KNEE_TO_WALL,
    KNEE_TO_WALL_HALF_KNEELING,
    WB_ANGLE,
    GONIOMETER,
    THREE_POSITION,
    SQUAT_SCREEN,
)


def howto_named(key: str) -> HowTo | None:
    return next((howto for howto in HOWTOS if howto.key == key), None)
