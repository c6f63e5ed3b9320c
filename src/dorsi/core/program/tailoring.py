"""What the assessment and the profile change in the program (SPEC §4 "Tailoring").

``tailor`` condenses a report into a few facts; ``tailoring_adaptations`` writes the trace
the user sees for each of them ("why is this in my plan?").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dorsi.core.assessment.inputs import Profile
from dorsi.core.assessment.report import Report
from dorsi.core.codes import (
    COURT_FIELD_SPORTS,
    AsymmetryLevel,
    Equipment,
    ItemSide,
    LimitingFactor,
    ReferralLevel,
    Side,
    Sport,
)
from dorsi.core.evidence import CHISHOLM_2012, SEED_000, SEED_001, SEED_002
from dorsi.core.program.values import Adaptation
from dorsi.core.thresholds import SLOWER_RATE_ABOVE_AGE

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


def tailor(report: Report) -> Tailoring:
    profile = report.input.profile
    sports = set(profile.sports)
    asymmetry = report.asymmetry
    meaningful = asymmetry is not None and asymmetry.level is AsymmetryLevel.MEANINGFUL
    return Tailoring(
        factors=_factor_sides(report),
        restricted_side=asymmetry.more_restricted_side if meaningful and asymmetry else None,
        asymmetry_cm=asymmetry.difference_cm if meaningful and asymmetry else None,
        running=Sport.RUNNING in sports,
        court=bool(sports & COURT_FIELD_SPORTS),
        weightlifting=Sport.WEIGHTLIFTING in sports,
        swimming=Sport.SWIMMING in sports,
        over_40=profile.age is not None and profile.age > SLOWER_RATE_ABOVE_AGE.value,
        short_days=profile.minutes_per_day < 8,
        owned=owned_equipment(profile),
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
                "Court and field sports: from week 5, single-leg balance and lateral band walks "
                "alternate with the strength days, for landing and cutting control.",
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


def _referral_adaptations(report: Report, *, cleared: bool) -> list[Adaptation]:
    level = report.referral.level
    reasons = ", ".join(report.referral.reasons)
    if level is ReferralLevel.BEFORE_STARTING and cleared:
        return [
            Adaptation(
                "cleared_by_professional",
                f"Started after a professional cleared you (red flags: {reasons}). Stop and go "
                "back to them if the symptoms return.",
                (SEED,),
            )
        ]
    if level is ReferralLevel.CONSIDER:
        return [
            Adaptation(
                "consider_professional",
                f"Consider seeing a physiotherapist alongside the plan ({reasons}).",
                (SEED,),
            )
        ]
    return []
