"""What to do about a report: short, concrete advice with its provenance."""

from __future__ import annotations

from collections.abc import Iterator

from dorsi.core.assessment.report import Recommendation, Report
from dorsi.core.assessment.texts import tags
from dorsi.core.codes import (
    COURT_FIELD_SPORTS,
    AsymmetryLevel,
    Category,
    Felt,
    LimitingFactor,
    ReferralLevel,
    Side,
    Sign,
    Sport,
    Unit,
)
from dorsi.core.evidence import (
    OTTAWA_RULES,
    POWDEN_2015,
    SEED_000,
    SEED_001,
    SEED_002,
    Source,
)
from dorsi.core.thresholds import HIGH_SHOE_DROP_FROM_MM, heel_lift_cm

FACTOR_ADVICE: dict[LimitingFactor, tuple[str, tuple[Source, ...]]] = {
    LimitingFactor.GASTROCNEMIUS: (
        "Stretch the calf with the knee straight (against a wall or off a step), 2 minutes a "
        "day per side.",
        (SEED_000,),
    ),
    LimitingFactor.SOLEUS: (
        "Stretch the calf with the knee bent, 2 minutes a day per side; this is the position "
        "a deep squat needs.",
        (SEED_000,),
    ),
    LimitingFactor.CALF_SOFT_TISSUE: (
        "Work the calf tissue: straight- and bent-knee stretches plus foam rolling the calves.",
        (SEED_000, SEED_002),
    ),
    LimitingFactor.JOINT_CAPSULE: (
        "Use banded ankle mobilization from the first week: stretching alone does not reach "
        "the joint capsule. Stop if it pinches sharply at the front.",
        (SEED_000,),
    ),
    LimitingFactor.MOTOR_CONTROL: (
        "Train the range under load: deep-squat rocking and single-leg calf raises with a slow "
        "lowering.",
        (SEED_000,),
    ),
}


def _rec(code: str, text: str, *sources: Source) -> Recommendation:
    return Recommendation(code=code, text=text, sources=tags(*sources))


def recommendations_for(report: Report) -> tuple[Recommendation, ...]:
    if report.referral.level is ReferralLevel.BEFORE_STARTING:
        sources = (
            (SEED_002, OTTAWA_RULES) if "recent_trauma" in report.referral.reasons else (SEED_002,)
        )
        return (
            _rec(
                "see_professional_before_starting",
                "See a physiotherapist or doctor about the warning signs you reported before "
                "starting; once they clear you, confirm it in Dorsi to unlock the program.",
                *sources,
            ),
            _rec(
                "do_not_test_into_pain",
                "Until then, do not push the ankle into the test position or into pain.",
                SEED_002,
            ),
        )
    return (*_core(report), *_context(report))


def _categories(report: Report) -> list[Category]:
    return [result.category for side in Side if (result := report.side(side)) is not None]


def _core(report: Report) -> Iterator[Recommendation]:
    categories = _categories(report)
    if all(category is Category.EXCELLENT for category in categories):
        yield _rec(
            "maintain_range",
            "Keep what you have: a few minutes of ankle work before each lower-body "
            "session and short stretching on two other days a week.",
            SEED_000,
        )
    else:
        yield _rec(
            "daily_mobility",
            "Work on the ankles every day for 8–10 minutes: how often matters more than "
            "how long. Follow your 12-week plan.",
            SEED_000,
        )
    for factor in LimitingFactor:
        if factor in report.limiting_factors:
            text, sources = FACTOR_ADVICE[factor]
            yield _rec(f"target_{factor.value}", text, *sources)
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
            "If the pinch at the front of the ankle is unchanged after 6 weeks of regular "
            "work, have it assessed: a bony block cannot be told apart on your own.",
            SEED_002,
            SEED_000,
        )
    if report.referral.level is ReferralLevel.CONSIDER:
        yield _rec(
            "see_physiotherapist",
            "Consider a physiotherapist's assessment alongside the daily work, to rule out "
            "a structural or post-injury cause.",
            SEED_000,
        )


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
    rolling = Sign.ANKLE_ROLLING in inp.signs or profile.sprains.left or profile.sprains.right
    if COURT_FIELD_SPORTS.intersection(profile.sports) or rolling:
        yield _rec(
            "balance_and_lateral_stability",
            "Add single-leg balance and side-to-side stability work once the first four "
            "weeks are done.",
            SEED_000,
            SEED_001,
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
        SEED_002,
    )
