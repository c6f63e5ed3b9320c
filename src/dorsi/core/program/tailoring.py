"""What the assessment and the profile change in the program (SPEC §4 "Tailoring").

``tailor`` condenses a report into a few facts; ``tailoring_adaptations`` writes the trace
the user sees for each of them ("why is this in my plan?").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dorsi.core.assessment.inputs import AssessmentInput, Profile
from dorsi.core.assessment.report import Report
from dorsi.core.assessment.texts import reason_words
from dorsi.core.assessment.triage import Safety, safety_for
from dorsi.core.codes import (
    COURT_FIELD_SPORTS,
    AsymmetryLevel,
    Equipment,
    ItemSide,
    LimitingFactor,
    Rating,
    RedFlag,
    ReferralLevel,
    Side,
    Sign,
    Sport,
)
from dorsi.core.evidence import (
    CHISHOLM_2012,
    HUPPERETS_2009,
    SEED_000,
    SEED_001,
    SEED_002,
    SHERRINGTON_2019,
    VUURBERG_2018,
)
from dorsi.core.program.values import Adaptation
from dorsi.core.thresholds import (
    FIRST_WEEK,
    LANDING_FROM_WEEK,
    SLOWER_RATE_ABOVE_AGE,
    STABILITY_FROM_WEEK,
    is_older_adult,
)

SEED = SEED_000.tag


@dataclass(frozen=True)
class Tailoring:
    """The facts that shape the sessions; ``owned`` is None when equipment was not stated."""

    factors: dict[LimitingFactor, ItemSide] = field(default_factory=dict)
    restricted_side: Side | None = None
    asymmetry_cm: float | None = None
    running: bool = False
    court: bool = False
    weightlifting: bool = False
    swimming: bool = False
    over_40: bool = False
    short_days: bool = False
    owned: frozenset[Equipment] | None = None
    balance_from_week: int | None = None  # None: no balance work singled out
    balance_why: str | None = None
    landing: bool = False  # jump, court and field sports: landing drills in weeks 9-12
    knee_pain: bool = False  # no unsupported deep squats, padding under a kneeling knee
    calves_free: bool = False  # both stretch positions fine: short calf stretching only
    safety: Safety = field(default_factory=Safety)

    def side_of(self, factor: LimitingFactor) -> ItemSide | None:
        return self.factors.get(factor)

    def has(self, factor: LimitingFactor) -> bool:
        return factor in self.factors

    @property
    def loaded_early(self) -> bool:
        return self.has(LimitingFactor.MOTOR_CONTROL) or self.weightlifting


def _factor_sides(report: Report) -> dict[LimitingFactor, ItemSide]:
    sides: dict[LimitingFactor, set[Side]] = {}
    measured = 0
    for side in Side:
        result = report.side(side)
        if result is None:
            continue
        measured += 1
        for factor in result.limiting_factors:
            sides.setdefault(factor, set()).add(side)
    out: dict[LimitingFactor, ItemSide] = {}
    for factor, where in sides.items():
        one_of_two = measured == 2 and len(where) == 1
        out[factor] = ItemSide(next(iter(where)).value) if one_of_two else ItemSide.BOTH
    return out


def owned_equipment(profile: Profile) -> frozenset[Equipment] | None:
    """What the user owns, or None when nothing was listed (the plan then assumes the kit)."""
    return frozenset(profile.equipment) | {Equipment.NONE} if profile.equipment else None


def _balance(inp: AssessmentInput, cleared: bool) -> tuple[int | None, str | None]:
    """Week 1 after sprains, ankle rolling, a cleared giving-way, or from 60; court and field
    sports from week 5 (SPEC §4)."""
    profile = inp.profile
    if profile.sprains.left or profile.sprains.right:
        return FIRST_WEEK, "a sprain is recorded"
    if Sign.ANKLE_ROLLING in inp.signs:
        return FIRST_WEEK, "your ankle tends to roll"
    if cleared and RedFlag.GIVING_WAY in inp.red_flags:
        return FIRST_WEEK, "your ankle has given way"
    if profile.age is not None and is_older_adult(profile.age):
        return FIRST_WEEK, "balance matters as much as range from 60 on"
    if COURT_FIELD_SPORTS.intersection(profile.sports):
        return STABILITY_FROM_WEEK, "court and field sports need landing and cutting control"
    return None, None


def _knee_pain(inp: AssessmentInput) -> bool:
    """Knee pain present (the knee screen or the sign of knee pain on stairs), or knees cave
    and parallel is not reached (SPEC §4)."""
    screen = inp.squat_screen
    caves = screen is not None and bool(screen.knees_cave) and screen.reaches_parallel is False
    present = inp.knee_pain is not None and inp.knee_pain.present
    return present or Sign.KNEE_PAIN_ON_STAIRS in inp.signs or caves


def _calves_free(inp: AssessmentInput) -> bool:
    """The three-position test found both calf stretches fine on every side it rated."""
    rated = [
        three
        for side in Side
        if (three := inp.side(side).three_position) is not None
        and three.straight_knee is not None
        and three.bent_knee is not None
    ]
    return bool(rated) and all(
        three.straight_knee is Rating.OK and three.bent_knee is Rating.OK for three in rated
    )


def tailor(report: Report, *, cleared: bool = False) -> Tailoring:
    profile = report.input.profile
    sports = set(profile.sports)
    asymmetry = report.asymmetry
    meaningful = asymmetry is not None and asymmetry.level is AsymmetryLevel.MEANINGFUL
    balance_week, balance_why = _balance(report.input, cleared)
    calf_codes = {
        LimitingFactor.GASTROCNEMIUS,
        LimitingFactor.SOLEUS,
        LimitingFactor.CALF_SOFT_TISSUE,
    }
    factors = _factor_sides(report)
    return Tailoring(
        factors=factors,
        restricted_side=asymmetry.more_restricted_side if meaningful and asymmetry else None,
        asymmetry_cm=asymmetry.difference_cm if meaningful and asymmetry else None,
        running=Sport.RUNNING in sports,
        court=bool(sports & COURT_FIELD_SPORTS),
        weightlifting=Sport.WEIGHTLIFTING in sports,
        swimming=Sport.SWIMMING in sports,
        over_40=profile.age is not None and profile.age > SLOWER_RATE_ABOVE_AGE.value,
        short_days=profile.minutes_per_day < 8,
        owned=owned_equipment(profile),
        balance_from_week=balance_week,
        balance_why=balance_why,
        landing=bool(sports & COURT_FIELD_SPORTS),
        knee_pain=_knee_pain(report.input),
        calves_free=_calves_free(report.input) and not calf_codes.intersection(factors),
        safety=safety_for(report.input.red_flags) if cleared else Safety(),
    )


def _where(side: ItemSide | None) -> str:
    if side is None or side is ItemSide.BOTH:
        return "both ankles"
    return f"your {side.value} ankle"


FACTOR_TEXT = {
    LimitingFactor.JOINT_CAPSULE: (
        "joint_capsule_banded_from_week_1",
        "The joint capsule seems to limit {where}: banded ankle mobilization starts in week 1, "
        "because stretching alone does not reach the capsule.",
        (SEED, SEED_002.tag),
    ),
    LimitingFactor.GASTROCNEMIUS: (
        "gastrocnemius_extra_stretch",
        "The straight-knee calf (gastrocnemius) limits {where}: the straight-knee wall stretch "
        "gets an extra set.",
        (SEED,),
    ),
    LimitingFactor.SOLEUS: (
        "soleus_extra_stretch",
        "The bent-knee calf (soleus) limits {where}: the bent-knee wall stretch gets an extra set.",
        (SEED,),
    ),
    LimitingFactor.CALF_SOFT_TISSUE: (
        "calf_stretching_kept",
        "The calf soft tissue limits {where}: both calf stretches are kept even in the short "
        "sessions.",
        (SEED, SEED_002.tag),
    ),
    LimitingFactor.MOTOR_CONTROL: (
        "motor_control_loaded_from_week_5",
        "Your range is fine in the stretches but not in the loaded deep squat: loaded squat work "
        "starts in week 5 instead of week 9.",
        (SEED,),
    ),
}


def _factor_adaptations(t: Tailoring) -> list[Adaptation]:
    out = []
    for factor in LimitingFactor:
        if t.has(factor):
            code, text, sources = FACTOR_TEXT[factor]
            out.append(Adaptation(code, text.format(where=_where(t.side_of(factor))), sources))
    return out


def _sport_adaptations(t: Tailoring) -> list[Adaptation]:
    out = []
    if t.running:
        out.append(
            Adaptation(
                "running_emphasis",
                "Running: banded mobilization and single-leg calf raises get priority, and walking "
                "lunges with a forward knee drive open each training-day warm-up.",
                (SEED,),
            )
        )
    if t.court:
        out.append(
            Adaptation(
                "court_sport_stability",
                "Court and field sports: lateral stability work alternates with the strength "
                f"days, and from week {LANDING_FROM_WEEK} landing drills (pogo hops, then a "
                "sideways hop held on landing) come at least twice a week; they are left out "
                "the day after sharp or pinching pain.",
                (SEED, SEED_001.tag),
            )
        )
    if t.weightlifting:
        out.append(
            Adaptation(
                "weightlifting_target",
                "Weightlifting: the goal is higher (13 cm, about 40-45 degrees) and deep-squat work "
                "starts in week 5.",
                (SEED,),
            )
        )
    if t.swimming:
        out.append(
            Adaptation(
                "swimming_dorsiflexion",
                "Swimming trains the pointed-foot range: the active dorsiflexion drills get "
                "priority.",
                (SEED,),
            )
        )
    return out


def tailoring_adaptations(t: Tailoring, report: Report, *, cleared: bool) -> list[Adaptation]:
    out = _factor_adaptations(t)
    if t.restricted_side is not None and t.asymmetry_cm is not None:
        out.append(
            Adaptation(
                "asymmetry_extra_block",
                f"Your {t.restricted_side.value} ankle is {t.asymmetry_cm:.1f} cm behind the other: "
                "it gets an extra block of the main mobility drill.",
                (SEED, CHISHOLM_2012.tag),
            )
        )
    out.extend(_sport_adaptations(t))
    out.extend(_fit_adaptations(t))
    if t.over_40:
        out.append(
            Adaptation(
                "age_over_40_slower_rate",
                "Over 40 the expected pace of gain is slower; the work is the same.",
                (SEED,),
            )
        )
    if t.short_days:
        out.append(
            Adaptation(
                "short_sessions",
                "Under 8 minutes a day: the non-training days get a shorter standalone session "
                "that keeps the work aimed at what limits you.",
                (SEED,),
            )
        )
    if t.owned is None:
        out.append(
            Adaptation(
                "equipment_assumed",
                "No equipment was listed: the plan assumes a wall, a resistance band and a step. "
                "List what you have to get substitutes.",
                (SEED,),
            )
        )
    out.extend(_referral_adaptations(report, cleared=cleared))
    return out


def _fit_adaptations(t: Tailoring) -> list[Adaptation]:
    out = []
    if t.balance_from_week is not None and t.balance_why is not None:
        when = (
            "from week 1"
            if t.balance_from_week == FIRST_WEEK
            else f"from week {t.balance_from_week}"
        )
        out.append(
            Adaptation(
                "balance_work",
                f"Balance work {when}, because {t.balance_why}: it moves from two feet to one "
                "foot, then with eyes closed or moving, then on a soft surface.",
                (VUURBERG_2018.tag, HUPPERETS_2009.tag, SHERRINGTON_2019.tag),
            )
        )
    if t.knee_pain:
        out.append(
            Adaptation(
                "knee_pain_supported",
                "Your knee hurts or struggles in a deep squat: squats are done with the heels "
                "raised and a hand on support, never unsupported deep squats, and any kneeling "
                "drill is done with a folded towel or cushion under the knee. Have a knee that "
                "keeps hurting checked.",
                (SEED,),
            )
        )
    if t.calves_free:
        out.append(
            Adaptation(
                "calves_not_limiting",
                "Both calf stretches were fine in your test: calf stretching stays short and "
                "the time goes to loaded range work instead.",
                (SEED,),
            )
        )
    out.append(
        Adaptation(
            "foot_intrinsics",
            "Short-foot work for the arch twice a week from week 1 (toe yoga first): the "
            "small foot muscles steady the ankle.",
            (SEED_001.tag,),
        )
    )
    for item in t.safety.adjustments:
        out.append(Adaptation(f"safety_{item.flag.value}", item.why, item.sources))
    return out


def _and(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return "".join(parts) if len(parts) < 2 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _referral_adaptations(report: Report, *, cleared: bool) -> list[Adaptation]:
    level = report.referral.level
    reasons = _and([reason_words(code) for code in report.referral.reasons])
    if level is ReferralLevel.BEFORE_STARTING and cleared:
        return [
            Adaptation(
                "cleared_by_professional",
                f"Started after a professional cleared you (warning signs: {reasons}). Stop and go "
                "back to them if the symptoms return.",
                (SEED,),
            )
        ]
    if level is ReferralLevel.CONSIDER:
        return [
            Adaptation(
                "consider_professional",
                f"Consider seeing a physiotherapist alongside the plan, because of {reasons}.",
                (SEED,),
            )
        ]
    return []
