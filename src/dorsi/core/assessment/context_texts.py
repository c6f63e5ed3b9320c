"""Words for the context of a report: signs, lifestyle, age and the reasons to see someone.

Each sentence keeps its description apart from its advice (:class:`Said`), so a report held
by red flags says what was found without prescribing anything (SPEC §2.7).
"""

from __future__ import annotations

from dorsi.core import words
from dorsi.core.assessment.texts import KNEE_CHECK, Said
from dorsi.core.codes import Sign
from dorsi.core.thresholds import ADULT_FROM_AGE, BALANCE_FIRST_FROM_AGE, STANDING_BANDS

SIGN_TEXT: dict[Sign, Said] = {
    Sign.HEELS_LIFT_IN_SQUAT: Said(
        "Heels coming up in a squat is a common sign that the ankles run out of bend."
    ),
    Sign.TIGHT_CALVES: Said(
        "Calves that stay tight despite stretching often have more going on than short muscles.",
        "Loading and joint work usually help more than extra stretching.",
    ),
    Sign.ANKLE_ROLLING: Said(
        "Rolling the ankle often points to balance and side-to-side control as well as range.",
        "Balance work goes next to the mobility work.",
    ),
    Sign.MORNING_HEEL_PAIN: Said(
        "Heel or arch pain with the first steps of the day often goes with stiff calves and ankles."
    ),
    Sign.KNEE_PAIN_ON_STAIRS: Said(
        "Knee pain on stairs can come from an ankle that no longer shares the load, but it "
        f"can have other causes. {KNEE_CHECK}"
    ),
}

DESK_WORK = Said(
    "Long hours of sitting keep the ankles still.",
    "Short movement breaks and the daily routine counter it.",
)
SPORT_OVERUSE = Said(
    "Repetitive loading in sport can stiffen the calves and ankles over time.",
    "The daily routine balances them.",
)
PAST_SPRAINS = Said(
    "Past ankle sprains often leave the joint stiffer than before.",
    "Joint mobilization is part of the plan for this.",
)
RECENT_INJURY = Said(
    "A recent injury can hold the ankle's range back by itself; its measurements are best "
    "repeated once it has settled."
)
RUNNING_CONTEXT = Said(
    "Runners with injuries often have less ankle range, but studies that follow runners over "
    "time do not support any fixed number that predicts injury.",
    "Treat your result as something to train, not as a forecast.",
)


def high_drop(shoe_drop_mm: float) -> Said:
    return Said(
        f"Shoes with {words.with_article(words.quantity(shoe_drop_mm, 'mm'))} heel-to-toe drop keep the calves shortened for much "
        "of the day.",
        "A gradual move to lower-drop shoes can help.",
    )


_UNDER = f"under {ADULT_FROM_AGE.value:g}"

ADULT_NORMS = Said(
    f"You are {_UNDER}: the bands and percentiles here come from adults, so read them as adult "
    "norms. Range changes quickly during growth spurts."
)
ADOLESCENT_PAIN = Said(
    "Knee or heel pain in a growing athlete is often a growth-area condition (Osgood-Schlatter "
    "below the kneecap, Sever's at the heel). These are common and usually settle, but they "
    "need a physiotherapist's or doctor's look to confirm them and to guide how much to load.",
)
ADOLESCENT_ADVICE = (
    "Have the knee or heel pain looked at by a physiotherapist or doctor who works with young "
    "athletes, and keep any work on the ankle pain-free."
)
OLDER_BALANCE = Said(
    f"From {BALANCE_FIRST_FROM_AGE.value:g} on, balance matters as much as range.",
    "Balance work is part of the plan from week 1.",
)
BELOW_REFERRAL_LINE = Said(
    f"At least one ankle reaches less than {STANDING_BANDS[0].high_cm:g} cm.",
    "Keep up the daily work, and consider a physiotherapist to rule out a structural or "
    "post-injury cause.",
)
