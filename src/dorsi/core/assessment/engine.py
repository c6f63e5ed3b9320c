"""The assessment engine: a validated AssessmentInput in, a Report out (SPEC §2).

Pure: no I/O, no clock. Every valid input gives a report; swapping left and right in the
input swaps the per-side results.
"""

from __future__ import annotations

from dataclasses import replace

from dorsi.core.assessment.angles import estimate_tibia_angle
from dorsi.core.assessment.findings import findings_for
from dorsi.core.assessment.inputs import AssessmentInput, Goniometer, PerSide, SquatScreen
from dorsi.core.assessment.limiting import limitations_for
from dorsi.core.assessment.recommendations import recommendations_for
from dorsi.core.assessment.referral import referral
from dorsi.core.assessment.report import Asymmetry, Report, SideReport
from dorsi.core.codes import (
    JUMP_SPORTS,
    AngleFlag,
    AsymmetryLevel,
    RedFlag,
    Side,
    Sport,
    Variant,
)
from dorsi.core.thresholds import (
    ASYMMETRY,
    BELOW_LUNGE_NORM,
    GONIOMETER,
    JUMP_SPORT_THRESHOLD,
    STANDING_NORM,
    VARIANT_LINES,
    WEIGHTLIFTING_TARGET,
    category_for,
    is_ample,
    is_restricted,
    round_cm,
    round_deg,
)


def assess(inp: AssessmentInput) -> Report:
    """Apply every rule of SPEC §2 to ``inp``."""
    sides = PerSide(left=side_report(inp, Side.LEFT), right=side_report(inp, Side.RIGHT))
    ankle_limits, check_hips = squat_screen(inp)
    draft = Report(
        input=inp,
        sides=sides,
        asymmetry=asymmetry(sides),
        ankle_limits_squat=ankle_limits,
        check_hips_and_thoracic=check_hips,
        knee_pain_linked_to_ankle=knee_pain_linked(inp),
        referral=referral(inp),
        findings=(),
        recommendations=(),
    )
    return replace(draft, findings=findings_for(draft), recommendations=recommendations_for(draft))


def side_report(inp: AssessmentInput, side: Side) -> SideReport | None:
    """One measured side; None when that side has no knee-to-wall value."""
    measured = inp.side(side)
    distance = measured.knee_to_wall_cm
    if distance is None:
        return None
    standing = inp.variant is Variant.STANDING
    # The estimate is built for the standing lunge only; the half-kneeling test has no
    # validated reference point for the distance, so no angle is guessed from it.
    estimate = (
        estimate_tibia_angle(
            distance,
            height_cm=inp.profile.height_cm,
            tibia_cm=inp.profile.tibia_cm,
            foot_cm=inp.profile.foot_cm,
        )
        if standing
        else None
    )
    angle = measured.wb_angle_deg
    if angle is None and estimate is not None:
        angle = estimate.value_deg
    lines = VARIANT_LINES[inp.variant]
    factors, possible = limitations_for(
        measured,
        sprains=inp.profile.sprains.get(side),
        restricted=is_restricted(distance, inp.variant),
        restricted_line_cm=lines.restricted_below_cm,
        recent_injury=RedFlag.RECENT_TRAUMA in inp.red_flags,
    )
    return SideReport(
        side=side,
        knee_to_wall_cm=distance,
        category=category_for(distance, inp.variant),
        percentile=STANDING_NORM.percentile(distance) if standing else None,
        angle_estimate=estimate,
        wb_angle_deg=measured.wb_angle_deg,
        angle_flags=angle_flags(angle, measured.goniometer, inp.profile.sports),
        limitations=factors,
        possible=possible,
    )


def angle_flags(
    angle_deg: float | None, goniometer: Goniometer | None, sports: tuple[Sport, ...]
) -> tuple[AngleFlag, ...]:
    """Flags of §2.3, in enum order. ``angle_deg``: the measured lunge angle, else the estimate."""
    flags: set[AngleFlag] = set()
    if angle_deg is not None:
        if BELOW_LUNGE_NORM.holds(angle_deg):
            flags.add(BELOW_LUNGE_NORM.flag)
        if JUMP_SPORTS.intersection(sports) and JUMP_SPORT_THRESHOLD.holds(angle_deg):
            flags.add(JUMP_SPORT_THRESHOLD.flag)
        if Sport.WEIGHTLIFTING in sports and WEIGHTLIFTING_TARGET.holds(angle_deg):
            flags.add(WEIGHTLIFTING_TARGET.flag)
    if goniometer is not None:
        straight, bent = goniometer.knee_straight_deg, goniometer.knee_bent_deg
        if straight is not None and round_deg(straight) < GONIOMETER.knee_straight_tight_below_deg:
            flags.add(AngleFlag.GASTROCNEMIUS_TIGHTNESS_LIKELY)
        if (
            straight is not None
            and bent is not None
            and round_deg(bent - straight) > GONIOMETER.bent_minus_straight_above_deg
        ):
            flags.add(AngleFlag.GASTROCNEMIUS_DOMINANT)
        if bent is not None:
            flags.add(GONIOMETER.knee_bent_flag(bent))
    return tuple(flag for flag in AngleFlag if flag in flags)


def asymmetry(sides: PerSide[SideReport | None]) -> Asymmetry | None:
    left, right = sides.left, sides.right
    if left is None or right is None:
        return None
    difference = round_cm(abs(left.knee_to_wall_cm - right.knee_to_wall_cm))
    level = ASYMMETRY.level_cm(difference)
    more_restricted: Side | None = None
    if level is not AsymmetryLevel.NONE:
        more_restricted = Side.LEFT if left.knee_to_wall_cm < right.knee_to_wall_cm else Side.RIGHT
    angle_difference: float | None = None
    angle_level: AsymmetryLevel | None = None
    if left.wb_angle_deg is not None and right.wb_angle_deg is not None:
        angle_difference = round_deg(abs(left.wb_angle_deg - right.wb_angle_deg))
        angle_level = ASYMMETRY.level_deg(angle_difference)
    return Asymmetry(
        difference_cm=difference,
        level=level,
        more_restricted_side=more_restricted,
        angle_difference_deg=angle_difference,
        angle_level=angle_level,
    )


def squat_screen(inp: AssessmentInput) -> tuple[bool, bool]:
    """(ankle_limits_squat, check_hips_and_thoracic).

    The spec defines both as formulas over the screen's answers; without a screen every answer
    is "not seen", so both are false (the report only adds a squat finding when screened).
    """
    screen = inp.squat_screen or SquatScreen()
    distances = [d for d in (inp.left.knee_to_wall_cm, inp.right.knee_to_wall_cm) if d is not None]
    any_restricted = any(is_restricted(d, inp.variant) for d in distances)
    ankle_limits = screen.better_with_heel_lift is True or (
        screen.heels_rise is True and any_restricted
    )
    both_ample = len(distances) == 2 and all(is_ample(d, inp.variant) for d in distances)
    return ankle_limits, both_ample and screen.compromised


def knee_pain_linked(inp: AssessmentInput) -> bool:
    """Knee pain present and reduced with the heels raised; false when no knee pain was given."""
    if inp.knee_pain is None:
        return False
    return inp.knee_pain.present and inp.knee_pain.less_with_heel_lift is True
