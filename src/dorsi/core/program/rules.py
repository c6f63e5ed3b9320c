"""The fixed rules of the 12-week program (SPEC §4), each with where it comes from.

Calendar, retest days, time budgets, the heel-elevation steps, the goal, the expected rate
and the footwear advice live here as data; ``program_sessions`` decides what goes in a day.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from dorsi.core import words
from dorsi.core.assessment.inputs import Profile
from dorsi.core.assessment.report import Report
from dorsi.core.codes import AsymmetryLevel, Phase, Side, Sport, Variant
from dorsi.core.evidence import (
    CHISHOLM_2012,
    HOCH_MCKEON_2011,
    POWDEN_2015,
    RADFORD_2006,
    SEED_000,
    SEED_001,
)
from dorsi.core.program.values import ExpectedRate, Footwear, Goal, HeelElevation, HeelStep
from dorsi.core.thresholds import (
    GOAL_CM,
    HEEL_LIFT_NEAR_CM,
    HEEL_LIFT_RESTRICTED_CM,
    HIGH_SHOE_DROP_FROM_MM,
    INTEGRATION_FROM_WEEK,
    MINUTES_STEP,
    MOBILIZATION_FROM_WEEK,
    RESEARCH_RATE_CM_PER_WEEK,
    RESEARCH_RATE_HIGH_CM_PER_WEEK,
    RESEARCH_RATE_LOW_CM_PER_WEEK,
    RETEST_DAYS,
    SLOWER_RATE_ABOVE_AGE,
    SLOWER_RATE_FACTOR,
    VARIANT_LINES,
    WEIGHTLIFTING_GOAL_CM,
    WEIGHTLIFTING_TARGET_HIGH_DEG,
    WEIGHTLIFTING_TARGET_LOW_DEG,
    heel_lift_cm,
)

SEED = SEED_000.tag


def phase_of_week(week: int) -> Phase:
    if week < MOBILIZATION_FROM_WEEK:
        return Phase.FOUNDATION
    if week < INTEGRATION_FROM_WEEK:
        return Phase.MOBILIZATION
    return Phase.INTEGRATION


def day_date(start: date, day: int) -> date:
    return start + timedelta(days=day - 1)


def retest_dates(start: date) -> tuple[date, ...]:
    return tuple(sorted({day_date(start, day) for day in RETEST_DAYS}))


def item_minutes(unit_seconds: int, sets: int, sides: int) -> float:
    """Minutes of one item, rounded up to the next half minute."""
    raw = unit_seconds * sets * sides / 60.0
    return max(MINUTES_STEP, math.ceil(raw / MINUTES_STEP - 1e-9) * MINUTES_STEP)


_STANDING = VARIANT_LINES[Variant.STANDING]
HEEL_STEPS = (
    HeelStep(below_cm=_STANDING.restricted_below_cm, heel_cm=HEEL_LIFT_RESTRICTED_CM),
    HeelStep(below_cm=_STANDING.heel_lift_1cm_below_cm, heel_cm=HEEL_LIFT_NEAR_CM),
    HeelStep(below_cm=None, heel_cm=0.0),
)


def heel_elevation_cm(left_cm: float | None, right_cm: float | None) -> float:
    """Heel lift for squats while training: 2 cm while any side < 10 cm, 1 cm while < 12 cm."""
    measured = [value for value in (left_cm, right_cm) if value is not None]
    if not measured:
        raise ValueError("heel elevation needs at least one knee-to-wall value")
    return heel_lift_cm(measured, Variant.STANDING)


def _side_cm(report: Report, side: Side) -> float | None:
    result = report.side(side)
    return None if result is None else result.knee_to_wall_cm


def heel_elevation(report: Report) -> HeelElevation:
    left, right = _side_cm(report, Side.LEFT), _side_cm(report, Side.RIGHT)
    standing = report.input.variant is Variant.STANDING
    known = standing and not (left is None and right is None)
    current = heel_elevation_cm(left, right) if known else None
    text = (
        "Squat with your heels on a 2 cm lift while either ankle measures under 10 cm, "
        "on a 1 cm lift while either is under 12 cm, then flat. Lower it as your "
        "retests improve: the lift lets you train now, the daily work removes the need."
    )
    if not standing:
        text += " The steps use the standing test: measure it once to set your lift."
    return HeelElevation(current_cm=current, steps=HEEL_STEPS, text=text, sources=(SEED,))


def goal_for(report: Report) -> Goal:
    profile = report.input.profile
    lifter = Sport.WEIGHTLIFTING in profile.sports
    target = WEIGHTLIFTING_GOAL_CM if lifter else GOAL_CM
    angle = (WEIGHTLIFTING_TARGET_LOW_DEG, WEIGHTLIFTING_TARGET_HIGH_DEG) if lifter else None
    measured = [r.knee_to_wall_cm for r in (report.sides.left, report.sides.right) if r]
    asymmetric = report.asymmetry is not None and (
        report.asymmetry.level is AsymmetryLevel.MEANINGFUL
    )
    # both sides measured: one ankle at the goal says nothing about the other (SPEC §4)
    met = len(measured) == 2 and min(measured) >= target and not asymmetric
    text = (
        f"Both ankles at {target:g} cm or more on the knee-to-wall test"
        + (
            ", about 40-45 degrees of shin angle for catching lifts in a deep squat"
            if lifter
            else ""
        )
        + ", and no left-right difference over 2 cm. Then the plan switches to maintenance."
    )
    if met:
        text += " Your baseline already meets it: maintenance is enough."
    return Goal(
        knee_to_wall_cm=target,
        angle_low_deg=angle[0] if angle else None,
        angle_high_deg=angle[1] if angle else None,
        no_meaningful_asymmetry=True,
        met_at_baseline=met,
        text=text,
        sources=(SEED, HOCH_MCKEON_2011.tag, CHISHOLM_2012.tag),
    )


def expected_rate(profile: Profile) -> ExpectedRate:
    """The research pace (SPEC §5: about 0.1-0.3 cm a week), never seed 000's claim of 2-4 cm
    in 4-6 weeks; stretching trials show about 1 cm in total (Radford 2006)."""
    older = profile.age is not None and profile.age > SLOWER_RATE_ABOVE_AGE.value
    factor = SLOWER_RATE_FACTOR if older else 1.0
    text = (
        "Plan on about {mid:g} cm per week (range {low:g}-{high:g}), the pace research "
        "supports: stretching studies show about 1 cm in total. The coaching article reports "
        "2-4 cm in 4-6 weeks; some people gain that fast, most do not. Changes under 1.5 cm "
        "between two tests are within measurement error."
    )
    if older:
        text += " After 40 tissues adapt more slowly, so the expected pace is lower; the "
        text += "direction of change is the same."
    rates = (
        RESEARCH_RATE_CM_PER_WEEK.value,
        RESEARCH_RATE_LOW_CM_PER_WEEK,
        RESEARCH_RATE_HIGH_CM_PER_WEEK,
    )
    mid, low, high = (round(v * factor, 3) for v in rates)
    return ExpectedRate(
        cm_per_week=mid,
        low_cm_per_week=low,
        high_cm_per_week=high,
        age_adjusted=older,
        text=text.format(mid=mid, low=low, high=high),
        sources=(SEED, RADFORD_2006.tag, POWDEN_2015.tag),
    )


def footwear(profile: Profile, *, barefoot_advice: bool = True) -> Footwear:
    """Optional lower-drop shoes; no barefoot advice for a foot with less feeling (SPEC §2.7)."""
    reasons: list[str] = []
    why: list[str] = []
    drop = profile.shoe_drop_mm
    if drop is not None and drop >= HIGH_SHOE_DROP_FROM_MM:
        reasons.append("high_shoe_drop")
        why.append(f"your shoes have {words.with_article(words.quantity(drop, 'mm') + ' drop')}")
    if profile.desk_job:
        reasons.append("desk_job")
        why.append("you sit for much of the day")
    barefoot = " and spending some time barefoot at home" if barefoot_advice else ""
    text = (
        "Optional: move gradually to lower-drop shoes over 8–12 weeks, for example by "
        f"wearing them for a little longer each week{barefoot}. Changing quickly can overload "
        "the Achilles tendon."
    )
    if not barefoot_advice:
        text += " Keep shoes or protective footwear on: a foot with less feeling is safer covered."
    if why:
        text += " Worth considering for you: " + " and ".join(why) + "."
    return Footwear(
        emphasised=bool(reasons),
        reasons=tuple(reasons),
        transition_weeks=(8, 12),
        text=text,
        sources=(SEED, SEED_001.tag),
    )
