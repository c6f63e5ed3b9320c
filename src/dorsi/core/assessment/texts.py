"""Words of the report: labels and fixed sentences, written for Dorsi (not from the seeds)."""

from __future__ import annotations

from dorsi.core.codes import (
    AngleFlag,
    Category,
    LimitingFactor,
    RedFlag,
    Severity,
    Side,
    Sign,
    Unit,
    Variant,
)
from dorsi.core.evidence import (
    BACKMAN_DANIELSON_2011,
    BAROUK_2014,
    BAUMBACH_2014,
    DIGIOVANNI_2002,
    SEED_000,
    Source,
)
from dorsi.core.units import from_cm


def tags(*sources: Source) -> tuple[str, ...]:
    out: list[str] = []
    for source in sources:
        if source.tag not in out:
            out.append(source.tag)
    return tuple(out)


def side_name(side: Side) -> str:
    return "Left ankle" if side is Side.LEFT else "Right ankle"


def distance_text(value_cm: float, unit: Unit) -> str:
    cm = f"{round(value_cm, 1):g} cm"
    if unit is Unit.IN:
        return f"{round(from_cm(value_cm, unit), 2):g} in ({cm})"
    return cm


def ordinal(percentile: float) -> str:
    n = min(99, max(1, round(percentile)))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


VARIANT_NAMES = {
    Variant.STANDING: "standing knee-to-wall test",
    Variant.HALF_KNEELING: "half-kneeling knee-to-wall test",
}

CATEGORY_MEANING: dict[Variant, dict[Category, str]] = {
    Variant.STANDING: {
        Category.SIGNIFICANT_RESTRICTION: "significant restriction (under 9 cm). It calls for targeted work every day, and a "
        "physiotherapist can check for a structural or post-injury cause.",
        Category.MODERATE_RESTRICTION: "moderate restriction (9 to just under 10 cm). Daily work usually moves this.",
        Category.ADEQUATE: "adequate (10 to 13 cm). Enough for most activities, and regular practice still "
        "adds range.",
        Category.EXCELLENT: "excellent (over 13 cm). Keep it with regular use.",
    },
    Variant.HALF_KNEELING: {
        Category.POOR: "poor on this test's own scale (under 4 in).",
        Category.NORMAL: "normal on this test's own scale (4 to 5 in).",
        Category.EXCELLENT: "excellent on this test's own scale (over 5 in).",
    },
}

FACTOR_LABELS = {
    LimitingFactor.GASTROCNEMIUS: "gastrocnemius",
    LimitingFactor.SOLEUS: "soleus",
    LimitingFactor.CALF_SOFT_TISSUE: "calf soft tissue",
    LimitingFactor.JOINT_CAPSULE: "joint capsule",
    LimitingFactor.MOTOR_CONTROL: "motor control",
}

RED_FLAG_LABELS = {
    RedFlag.GIVING_WAY: "the ankle suddenly giving way",
    RedFlag.NIGHT_PAIN: "pain at night or at rest",
    RedFlag.NERVE_SYMPTOMS: "nerve symptoms (tingling, burning, numbness, weakness or foot drop)",
    RedFlag.RECENT_TRAUMA: "a recent injury (a pop, marked swelling, or not managing 4 steps)",
    RedFlag.HOT_SWOLLEN_JOINT: "a hot, swollen joint with fever",
    RedFlag.CALF_SWELLING: "swelling or warmth in the calf",
    RedFlag.CALF_SNAP: "a snap felt in the calf",
    RedFlag.DIABETIC_FOOT: "a diabetic foot with a wound or lost sensation",
    RedFlag.SHARP_PAIN_ON_TEST: "sharp pain during the test",
}

# Flags read from the lunge angle (measured, else estimated); the rest come from a goniometer.
LUNGE_ANGLE_FLAGS = frozenset(
    {
        AngleFlag.BELOW_LUNGE_NORM,
        AngleFlag.BELOW_JUMP_SPORT_THRESHOLD,
        AngleFlag.BELOW_WEIGHTLIFTING_TARGET,
    }
)
NEUTRAL_ANGLE_FLAGS = frozenset({AngleFlag.KNEE_BENT_NORMAL, AngleFlag.KNEE_BENT_ABOVE_AVERAGE})

ANGLE_FLAG_TEXT = {
    AngleFlag.BELOW_LUNGE_NORM: "below the 36–42° range usual for healthy adults in the lunge.",
    AngleFlag.BELOW_JUMP_SPORT_THRESHOLD: "below 36.5°. In a study of junior basketball players, those under this line developed "
    "patellar tendinopathy more often, so for jumping and court sports it is worth raising.",
    AngleFlag.BELOW_WEIGHTLIFTING_TARGET: "below the 40–45° that catching a snatch or clean in a deep squat usually needs.",
    AngleFlag.GASTROCNEMIUS_TIGHTNESS_LIKELY: "under 5° of dorsiflexion with the knee straight (goniometer): the gastrocnemius is "
    "probably tight.",
    AngleFlag.GASTROCNEMIUS_DOMINANT: "bending the knee adds more than 13° (goniometer): the gastrocnemius drives much of the "
    "restriction.",
    AngleFlag.KNEE_BENT_RESTRICTED: "knee-bent goniometer range under 20°: restricted.",
    AngleFlag.KNEE_BENT_NORMAL: "knee-bent goniometer range of 20–30°: normal.",
    AngleFlag.KNEE_BENT_ABOVE_AVERAGE: "knee-bent goniometer range over 30°: above average.",
}

ANGLE_FLAG_SOURCES: dict[AngleFlag, tuple[Source, ...]] = {
    AngleFlag.BELOW_LUNGE_NORM: (BAUMBACH_2014,),
    AngleFlag.BELOW_JUMP_SPORT_THRESHOLD: (BACKMAN_DANIELSON_2011,),
    AngleFlag.BELOW_WEIGHTLIFTING_TARGET: (SEED_000,),
    AngleFlag.GASTROCNEMIUS_TIGHTNESS_LIKELY: (DIGIOVANNI_2002,),
    AngleFlag.GASTROCNEMIUS_DOMINANT: (BAROUK_2014,),
    AngleFlag.KNEE_BENT_RESTRICTED: (SEED_000,),
    AngleFlag.KNEE_BENT_NORMAL: (SEED_000,),
    AngleFlag.KNEE_BENT_ABOVE_AVERAGE: (SEED_000,),
}


def squat_finding(ankle_limits: bool) -> tuple[str, Severity, str]:
    if ankle_limits:
        return (
            "ankle_limits_squat",
            Severity.NOTICE,
            "Your squat points at the ankles: it improves with the heels raised, or the heels "
            "come up while an ankle is restricted.",
        )
    return (
        "ankle_not_limiting_squat",
        Severity.INFO,
        "The squat screen does not point at the ankles as the main limit.",
    )


def knee_pain_finding(linked: bool) -> tuple[str, Severity, str]:
    if linked:
        return (
            "knee_pain_linked_to_ankle",
            Severity.NOTICE,
            "Your knee hurts less with the heels raised 2–3 cm: stiff ankles are probably "
            "part of the knee problem, and the ankle work should help it.",
        )
    return (
        "knee_pain_not_linked",
        Severity.NOTICE,
        "Raising the heels did not ease your knee pain, so the ankle may not be its main "
        "driver. Have the knee checked if the pain persists.",
    )


SIGN_TEXT = {
    Sign.HEELS_LIFT_IN_SQUAT: "Heels coming up in a squat is a common sign that the ankles run out of bend.",
    Sign.TIGHT_CALVES: "Calves that stay tight despite stretching often need loading and joint work, not "
    "only more stretching.",
    Sign.ANKLE_ROLLING: "Rolling the ankle often suggests that balance and side-to-side control deserve work "
    "next to mobility.",
    Sign.MORNING_HEEL_PAIN: "Heel or arch pain with the first steps of the day often goes with stiff calves and "
    "ankles.",
    Sign.KNEE_PAIN_ON_STAIRS: "Knee pain on stairs can come from an ankle that no longer shares the load.",
}

DESK_WORK = (
    "Long hours of sitting keep the ankles still; short movement breaks and the daily "
    "routine counter it."
)
SPORT_OVERUSE = (
    "Repetitive training loads can stiffen the calves and ankles over time; the "
    "daily routine balances them."
)
PAST_SPRAINS = (
    "Past ankle sprains, especially ones that were never fully rehabilitated, often "
    "leave the joint stiff; the program adds joint mobilization for this."
)
RUNNING_CONTEXT = (
    "Runners with injuries often have less ankle range, but studies that follow "
    "runners over time do not support any fixed number that predicts injury. Treat "
    "your result as something to train, not as a forecast."
)


def high_drop(shoe_drop_mm: float) -> str:
    return (
        f"Shoes with a {shoe_drop_mm:g} mm heel-to-toe drop keep the calves shortened for "
        "much of the day; a gradual move to lower-drop shoes can help."
    )
