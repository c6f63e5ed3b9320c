"""Who should see a professional, and how soon (SPEC §2.7, §2.8).

Red flags give ``before_starting`` with an urgency; otherwise reasons to consider a
professional (an ankle under 9 cm, knee or heel pain in a growing athlete) give ``consider``.
"""

from __future__ import annotations

from dorsi.core.assessment.inputs import AssessmentInput
from dorsi.core.assessment.report import Referral
from dorsi.core.assessment.triage import urgency_for
from dorsi.core.codes import ConsiderReason, RedFlag, ReferralLevel, Sign, Variant
from dorsi.core.thresholds import REFERRAL_BELOW_CM, is_adult, round_cm

GROWTH_PAIN_SIGNS = frozenset({Sign.KNEE_PAIN_ON_STAIRS, Sign.MORNING_HEEL_PAIN})


def adolescent_pain(inp: AssessmentInput) -> bool:
    """Knee pain (screen or sign) or morning heel pain in someone under 18."""
    age = inp.profile.age
    if age is None or is_adult(age):
        return False
    knee_pain = inp.knee_pain is not None and inp.knee_pain.present
    return knee_pain or bool(GROWTH_PAIN_SIGNS & inp.signs)


def referral(inp: AssessmentInput) -> Referral:
    if inp.red_flags:
        flags = tuple(flag.value for flag in RedFlag if flag in inp.red_flags)
        return Referral(ReferralLevel.BEFORE_STARTING, flags, urgency_for(inp.red_flags))
    reasons: list[str] = []
    if inp.variant is Variant.STANDING and any(
        d is not None and round_cm(d) < REFERRAL_BELOW_CM
        for d in (inp.left.knee_to_wall_cm, inp.right.knee_to_wall_cm)
    ):
        reasons.append(ConsiderReason.KNEE_TO_WALL_BELOW_9CM.value)
    if adolescent_pain(inp):
        reasons.append(ConsiderReason.ADOLESCENT_PAIN.value)
    if reasons:
        return Referral(ReferralLevel.CONSIDER, tuple(reasons))
    return Referral(ReferralLevel.NONE, ())
