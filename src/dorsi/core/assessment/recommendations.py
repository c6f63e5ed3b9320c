"""What to do about a report: short, concrete advice with its provenance.

With red flags the advice is only the triage: who to see, how soon, and how to unlock the
plan afterwards (SPEC §2.7). Otherwise it follows the findings and fits the person's time
and equipment, so the report never promises what the plan will not contain.
"""

from __future__ import annotations

from collections.abc import Iterator

from dorsi.core.assessment import context_texts
from dorsi.core.assessment.inputs import Profile
from dorsi.core.assessment.referral import adolescent_pain
from dorsi.core.assessment.report import Recommendation, Report
from dorsi.core.assessment.texts import tags
from dorsi.core.assessment.triage import (
    CONFIRM_CLEARANCE,
    TRIAGE_RECOMMENDATIONS,
    lead_sentence,
    rules_for,
)
from dorsi.core.codes import (
    COURT_FIELD_SPORTS,
    AsymmetryLevel,
    Category,
    ConsiderReason,
    Equipment,
    Felt,
    LimitingFactor,
    RedFlag,
    Side,
    Sign,
    Sport,
    Unit,
)
from dorsi.core.evidence import (
    ATANDA_2011,
    DIFIORI_2014,
    POWDEN_2015,
    SEED_000,
    SEED_001,
    SEED_002,
    SHERRINGTON_2019,
    TERADA_2013,
    VUURBERG_2018,
    Source,
)
from dorsi.core.thresholds import (
    FIRST_WEEK,
    HIGH_SHOE_DROP_FROM_MM,
    STABILITY_FROM_WEEK,
    UNCHANGED_PINCH_WEEKS,
    heel_lift_cm,
    is_older_adult,
)


def _rec(code: str, text: str, *sources: Source) -> Recommendation:
    return Recommendation(code=code, text=text, sources=tags(*sources))


def recommendations_for(report: Report) -> tuple[Recommendation, ...]:
    if report.held:
        return tuple(_triage(report))
    return (*_core(report), *_factors(report), *_context(report))


def _triage(report: Report) -> Iterator[Recommendation]:
    rules = rules_for(report.input.red_flags)
    top = rules[0].urgency
    sources = [source for rule in rules for source in rule.sources]
    yield _rec(TRIAGE_RECOMMENDATIONS[top], lead_sentence(rules), *sources)
    yield _rec(
        "do_not_test_into_pain",
        "Until then, do not push the ankle into the test position or into pain.",
        SEED_001,
    )
    if adolescent_pain(report.input):
        yield _rec(
            "see_professional_growing", context_texts.ADOLESCENT_ADVICE, DIFIORI_2014, ATANDA_2011
        )
    yield _rec(
        CONFIRM_CLEARANCE,
        "Once a professional has examined you and says you can start, confirm it in Dorsi; "
        "the plan is built only then, and it keeps the precautions your answers call for.",
        SEED_001,
    )


def _categories(report: Report) -> list[Category]:
    return [result.category for side in Side if (result := report.side(side)) is not None]


def _core(report: Report) -> Iterator[Recommendation]:
    profile = report.input.profile
    if all(category is Category.EXCELLENT for category in _categories(report)):
        yield _rec(
            "maintain_range",
            "Keep what you have: a few minutes of ankle work before each lower-body "
            "session and short stretching on two other days a week.",
            SEED_000,
        )
    else:
        yield _rec(
            "daily_mobility",
            f"Work on the ankles every day, within the {profile.minutes_per_day} minutes a day "
            "you have: how often matters more than how long. Follow your 12-week plan.",
            SEED_000,
        )
    asym = report.asymmetry
    if asym is not None and asym.level is AsymmetryLevel.MEANINGFUL and asym.more_restricted_side:
        yield _rec(
            "extra_work_restricted_side",
            f"Give the {asym.more_restricted_side.value} ankle one extra set or block "
            "in each session until the sides are level.",
            SEED_000,
        )
    distances = [r.knee_to_wall_cm for side in Side if (r := report.side(side)) is not None]
    lift = heel_lift_cm(distances, report.input.variant)
    if lift > 0:
        yield _rec(
            "squat_heel_elevation",
            f"When you squat, put about {lift:g} cm under your heels (plates or a wedge) "
            "for now; lower it as your range improves, down to flat.",
            SEED_000,
        )
    if any(report.input.side(side).felt is Felt.FRONT_PINCH for side in Side):
        yield _rec(
            "recheck_front_pinch",
            f"If the pinch at the front of the ankle is unchanged after {UNCHANGED_PINCH_WEEKS} "
            "weeks of regular work, have it assessed: a bony block cannot be told apart on "
            "your own.",
            SEED_002,
            SEED_000,
        )
    reasons = report.referral.reasons
    if ConsiderReason.KNEE_TO_WALL_BELOW_9CM.value in reasons:
        yield _rec(
            "see_physiotherapist",
            "Consider a physiotherapist's assessment alongside the daily work, to rule out "
            "a structural or post-injury cause.",
            SEED_000,
        )
    if ConsiderReason.ADOLESCENT_PAIN.value in reasons:
        yield _rec(
            "see_professional_growing", context_texts.ADOLESCENT_ADVICE, DIFIORI_2014, ATANDA_2011
        )


def _soft_tissue_tool(profile: Profile) -> str:
    if profile.has_equipment(Equipment.FOAM_ROLLER):
        return "foam rolling the calves"
    if profile.has_equipment(Equipment.MASSAGE_STICK):
        return "rolling the calves with a massage stick"
    return "massaging the calves with your hands"


def _factors(report: Report) -> Iterator[Recommendation]:
    profile = report.input.profile
    found = report.limiting_factors
    if LimitingFactor.GASTROCNEMIUS in found:
        yield _rec(
            "target_gastrocnemius",
            "Stretch the calf with the knee straight (against a wall or off a step), 2 minutes "
            "a day per side.",
            SEED_000,
        )
    if LimitingFactor.SOLEUS in found:
        yield _rec(
            "target_soleus",
            "Stretch the calf with the knee bent, 2 minutes a day per side; this is the "
            "position a deep squat needs.",
            SEED_000,
        )
    if LimitingFactor.CALF_SOFT_TISSUE in found:
        yield _rec(
            "target_calf_soft_tissue",
            "Work the calf tissue: straight- and bent-knee stretches plus "
            f"{_soft_tissue_tool(profile)}.",
            SEED_000,
            SEED_002,
        )
    if LimitingFactor.JOINT_CAPSULE in found:
        drill = (
            "banded ankle mobilization"
            if profile.has_equipment(Equipment.BAND)
            else "the half-kneeling lunge with hand pressure on the front of the ankle (no band "
            "needed)"
        )
        yield _rec(
            "target_joint_capsule",
            f"Use {drill} from the first week: stretching alone does not reach the joint "
            "capsule. Joint mobilisation by a clinician is well studied; doing it yourself is "
            "a practical version that has not been tested as such. Stop if it pinches at the "
            "front.",
            SEED_000,
            TERADA_2013,
        )
    if LimitingFactor.MOTOR_CONTROL in found:
        yield _rec(
            "target_motor_control",
            "Train the range under load: deep-squat rocking and single-leg calf raises with a "
            "slow lowering.",
            SEED_000,
        )


def _balance_from_week(report: Report) -> int | None:
    """Week 1 after sprains, ankle rolling, a cleared giving-way or from 60; court and
    field sports after the first weeks (SPEC §4); None when balance is not singled out."""
    inp = report.input
    profile = inp.profile
    early = (
        bool(profile.sprains.left or profile.sprains.right)
        or Sign.ANKLE_ROLLING in inp.signs
        or RedFlag.GIVING_WAY in inp.red_flags
        or (profile.age is not None and is_older_adult(profile.age))
    )
    if early:
        return FIRST_WEEK
    return STABILITY_FROM_WEEK if COURT_FIELD_SPORTS.intersection(profile.sports) else None


def _context(report: Report) -> Iterator[Recommendation]:
    inp = report.input
    profile = inp.profile
    if report.check_hips_and_thoracic:
        yield _rec(
            "check_hips_and_thoracic",
            "Have your hip mobility and upper-back extension checked: the ankles are not "
            "what holds your squat back.",
            SEED_000,
        )
    if profile.shoe_drop_mm is not None and profile.shoe_drop_mm >= HIGH_SHOE_DROP_FROM_MM:
        yield _rec(
            "lower_drop_footwear",
            "If you want, move to lower-drop shoes gradually over 8–12 weeks so the "
            "Achilles has time to adapt.",
            SEED_000,
            SEED_001,
        )
    if profile.desk_job:
        yield _rec(
            "break_up_sitting",
            "Break up long sitting: stand up and move the ankles through their range "
            "every hour or so.",
            SEED_001,
        )
    if Sport.RUNNING in profile.sports:
        yield _rec(
            "runner_warm_up",
            "Before runs, do walking lunges that drive the knee forward over the toes.",
            SEED_000,
        )
    week = _balance_from_week(report)
    if week is not None:
        when = "from the first week" if week == FIRST_WEEK else f"from week {week}"
        older = profile.age is not None and is_older_adult(profile.age)
        yield _rec(
            "balance_and_lateral_stability",
            f"Add single-leg balance and side-to-side stability work {when}, from two feet "
            "to one foot to eyes closed or a soft surface.",
            *((SHERRINGTON_2019, VUURBERG_2018) if older else (VUURBERG_2018, SEED_000)),
        )
    unit = "inches" if inp.unit is Unit.IN else "centimetres"
    yield _rec(
        "retest",
        f"Retest every few weeks with the same test, shoes off, best of 3 per side, in {unit}.",
        SEED_000,
        POWDEN_2015,
    )
    yield _rec(
        "stop_on_sharp_pain",
        "Stretch and load should feel like effort, not sharp or pinching pain; if it "
        "pinches, stop that exercise and use its easier version.",
        SEED_001,
    )
