"""Words of the report: labels and fixed sentences, written for Dorsi (not from the seeds).

Sentences that describe a measurement are kept apart from the advice that follows from it
(:class:`Said`): while red flags hold the program (SPEC §2.7) only the description is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from dorsi.core import words as wording
from dorsi.core.codes import (
    AngleFlag,
    Category,
    ConsiderReason,
    LimitingFactor,
    RedFlag,
    ReferralLevel,
    Severity,
    Side,
    Unit,
    Urgency,
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
from dorsi.core.thresholds import (
    GONIOMETER,
    HALF_KNEELING_EXCELLENT_ABOVE_CM,
    HALF_KNEELING_POOR_BELOW_CM,
    JUMP_SPORT_THRESHOLD,
    KNEE_PAIN_TEST_HEEL_LIFT_CM,
    LUNGE_NORM,
    OTTAWA_STEPS,
    STANDING_BANDS,
    WEIGHTLIFTING_TARGET_HIGH_DEG,
    WEIGHTLIFTING_TARGET_LOW_DEG,
)
from dorsi.core.units import from_cm


@dataclass(frozen=True)
class Said:
    """A description and, apart from it, the advice that follows (empty when there is none)."""

    fact: str
    advice: str = ""

    def text(self, *, held: bool) -> str:
        return self.fact if held or not self.advice else f"{self.fact} {self.advice}"


def tags(*sources: Source) -> tuple[str, ...]:
    return tuple(dict.fromkeys(source.tag for source in sources))


def side_name(side: Side) -> str:
    return "Left ankle" if side is Side.LEFT else "Right ankle"


def distance_text(value_cm: float, unit: Unit) -> str:
    cm = wording.quantity(round(value_cm, 1), "cm")
    if unit is Unit.IN:
        return f"{wording.quantity(round(from_cm(value_cm, unit), 2), 'in')} ({cm})"
    return cm


def ordinal(percentile: float) -> str:
    return wording.ordinal(min(99, max(1, round(percentile))))


def words(code: str) -> str:
    """A code as plain words, for the few codes that are already words ("moderate restriction")."""
    return code.replace("_", " ")


VARIANT_NAMES = {
    Variant.STANDING: "standing knee-to-wall test",
    Variant.HALF_KNEELING: "half-kneeling knee-to-wall test",
}

_SIG, _MOD, _ADEQ, _EXC = STANDING_BANDS
_HK_POOR_IN = round(from_cm(HALF_KNEELING_POOR_BELOW_CM, Unit.IN))
_HK_EXC_IN = round(from_cm(HALF_KNEELING_EXCELLENT_ABOVE_CM, Unit.IN))

CATEGORY_MEANING: dict[Variant, dict[Category, Said]] = {
    Variant.STANDING: {
        Category.SIGNIFICANT_RESTRICTION: Said(
            f"significant restriction (under {_SIG.high_cm:g} cm).",
            "It calls for targeted work every day, and a physiotherapist can check for a "
            "structural or post-injury cause.",
        ),
        Category.MODERATE_RESTRICTION: Said(
            f"moderate restriction ({_MOD.low_cm:g} to just under {_MOD.high_cm:g} cm).",
            "Daily work usually moves this.",
        ),
        Category.ADEQUATE: Said(
            f"adequate ({_ADEQ.low_cm:g} to {_ADEQ.high_cm:g} cm), enough for most activities.",
            "Regular practice still adds range.",
        ),
        Category.EXCELLENT: Said(
            f"excellent (over {_EXC.low_cm:g} cm).", "Keep it with regular use."
        ),
    },
    Variant.HALF_KNEELING: {
        Category.POOR: Said(f"poor on this test's own scale (under {_HK_POOR_IN} in)."),
        Category.NORMAL: Said(
            f"normal on this test's own scale ({_HK_POOR_IN} to {_HK_EXC_IN} in)."
        ),
        Category.EXCELLENT: Said(f"excellent on this test's own scale (over {_HK_EXC_IN} in)."),
    },
}

FACTOR_LABELS = {
    LimitingFactor.GASTROCNEMIUS: "gastrocnemius",
    LimitingFactor.SOLEUS: "soleus",
    LimitingFactor.CALF_SOFT_TISSUE: "calf soft tissue",
    LimitingFactor.JOINT_CAPSULE: "joint capsule",
    LimitingFactor.MOTOR_CONTROL: "motor control",
}

# The questionnaires show these as the red-flag questions (capitalised); keep them short.
RED_FLAG_LABELS = {
    RedFlag.GIVING_WAY: "the ankle suddenly giving way",
    RedFlag.NIGHT_PAIN: "pain at night or at rest",
    RedFlag.NERVE_SYMPTOMS: "nerve symptoms (tingling, burning, numbness, weakness or foot drop)",
    RedFlag.RECENT_TRAUMA: "a recent injury (a pop, marked swelling, or not managing "
    f"{OTTAWA_STEPS} steps)",
    RedFlag.HOT_SWOLLEN_JOINT: "a hot, swollen joint with fever",
    RedFlag.CALF_SWELLING: "swelling or warmth in the calf",
    RedFlag.CALF_SNAP: "a snap felt in the calf",
    RedFlag.DIABETIC_FOOT: "a diabetic foot with a wound or lost sensation",
    RedFlag.SHARP_PAIN_ON_TEST: "sharp pain during the test",
}

URGENCY_WORDS = {
    Urgency.EMERGENCY: "emergency: seek care today",
    Urgency.URGENT: "urgent: see a doctor within days",
    Urgency.ROUTINE: "see a professional before starting",
}
REFERRAL_WORDS = {
    ReferralLevel.NONE: "none needed",
    ReferralLevel.CONSIDER: "worth considering",
    ReferralLevel.BEFORE_STARTING: "needed before starting",
}
CONSIDER_REASON_WORDS = {
    ConsiderReason.KNEE_TO_WALL_BELOW_9CM: f"an ankle under {wording.quantity(_SIG.high_cm, 'cm')}",
    ConsiderReason.PLATEAU: "no real change after weeks of regular work",
    ConsiderReason.REPEATED_SHARP_PAIN: "sharp or pinching pain in several sessions",
    ConsiderReason.UNCHANGED_FRONT_PINCH: "a pinch at the front of the ankle that has not changed",
    ConsiderReason.ADOLESCENT_PAIN: "knee or heel pain in a growing athlete",
}


def reason_words(code: str) -> str:
    """A referral reason code as words (red flags and consider reasons alike)."""
    for flag in RedFlag:
        if flag.value == code:
            return RED_FLAG_LABELS[flag]
    for reason in ConsiderReason:
        if reason.value == code:
            return CONSIDER_REASON_WORDS[reason]
    return words(code)


# Flags read from the lunge angle (measured, else estimated); the rest come from a goniometer.
LUNGE_ANGLE_FLAGS = frozenset(
    {
        AngleFlag.BELOW_LUNGE_NORM,
        AngleFlag.BELOW_JUMP_SPORT_THRESHOLD,
        AngleFlag.BELOW_WEIGHTLIFTING_TARGET,
    }
)
NEUTRAL_ANGLE_FLAGS = frozenset({AngleFlag.KNEE_BENT_NORMAL, AngleFlag.KNEE_BENT_ABOVE_AVERAGE})
_G = GONIOMETER

ANGLE_FLAG_TEXT: dict[AngleFlag, Said] = {
    AngleFlag.BELOW_LUNGE_NORM: Said(
        f"below the {LUNGE_NORM.low_deg:g}–{LUNGE_NORM.high_deg:g}° range usual for healthy "
        "adults in the lunge."
    ),
    AngleFlag.BELOW_JUMP_SPORT_THRESHOLD: Said(
        f"below {JUMP_SPORT_THRESHOLD.below_deg:g}°. In a study of junior basketball players, "
        "those under this line developed patellar tendinopathy more often.",
        "For jumping and court sports it is worth raising.",
    ),
    AngleFlag.BELOW_WEIGHTLIFTING_TARGET: Said(
        f"below the {WEIGHTLIFTING_TARGET_LOW_DEG:g}–{WEIGHTLIFTING_TARGET_HIGH_DEG:g}° that "
        "catching a snatch or clean in a deep squat usually needs."
    ),
    AngleFlag.GASTROCNEMIUS_TIGHTNESS_LIKELY: Said(
        f"under {_G.knee_straight_tight_below_deg:g}° of dorsiflexion with the knee straight "
        "(goniometer): the gastrocnemius is probably tight."
    ),
    AngleFlag.GASTROCNEMIUS_DOMINANT: Said(
        f"bending the knee adds more than {_G.bent_minus_straight_above_deg:g}° (goniometer): "
        "the gastrocnemius drives much of the restriction."
    ),
    AngleFlag.KNEE_BENT_RESTRICTED: Said(
        f"knee-bent goniometer range under {_G.knee_bent_restricted_below_deg:g}°: restricted."
    ),
    AngleFlag.KNEE_BENT_NORMAL: Said(
        f"knee-bent goniometer range of {_G.knee_bent_restricted_below_deg:g}–"
        f"{_G.knee_bent_above_average_above_deg:g}°: normal."
    ),
    AngleFlag.KNEE_BENT_ABOVE_AVERAGE: Said(
        f"knee-bent goniometer range over {_G.knee_bent_above_average_above_deg:g}°: above average."
    ),
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

KNEE_CHECK = "A knee that keeps hurting is worth having checked, whatever the ankles show."
_LIFT = f"{KNEE_PAIN_TEST_HEEL_LIFT_CM[0]:g}–{KNEE_PAIN_TEST_HEEL_LIFT_CM[1]:g} cm"


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


def knee_pain_finding(linked: bool) -> tuple[str, Severity, Said]:
    """Knee pain never gets ruled out (SPEC §2.8): both texts suggest a check if it persists."""
    if linked:
        return (
            "knee_pain_linked_to_ankle",
            Severity.NOTICE,
            Said(
                f"Your knee hurts less with the heels raised {_LIFT}: stiff ankles are probably "
                f"part of the knee problem, though not necessarily all of it. {KNEE_CHECK}",
                "The ankle work should help the knee too.",
            ),
        )
    return (
        "knee_pain_not_linked",
        Severity.NOTICE,
        Said(
            "Raising the heels did not ease your knee pain, so the ankle may not be its main "
            f"driver. {KNEE_CHECK}"
        ),
    )
