"""The findings of a report: what was measured and what it means, in Dorsi's own words.

Codes reuse the vocabulary of codes.py where one exists (a category, an angle flag, a
limiting factor, a sign); the text names the side. Asymmetry is described as asymmetry,
never as injury risk, and no risk multiplier is ever stated (SPEC §2.2, §2.3).
"""

from __future__ import annotations

from collections.abc import Iterator

from dorsi.core.assessment import texts
from dorsi.core.assessment.report import Finding, Report, SideReport
from dorsi.core.assessment.texts import distance_text, tags
from dorsi.core.codes import (
    AngleFlag,
    AsymmetryLevel,
    Category,
    RedFlag,
    ReferralLevel,
    Severity,
    Side,
    Sport,
    Variant,
)
from dorsi.core.evidence import (
    ANTHROPOMETRY,
    BAUMBACH_2014,
    OTTAWA_RULES,
    RUNNING_META,
    SEED_000,
    SEED_001,
    SEED_002,
    Source,
)
from dorsi.core.thresholds import (
    ASYMMETRY,
    HIGH_SHOE_DROP_FROM_MM,
    LUNGE_NORM,
    MEASUREMENT_ERROR,
    STANDING_NORM,
    band_for,
)

SEVERITY_BY_CATEGORY = {
    Category.SIGNIFICANT_RESTRICTION: Severity.WARNING,
    Category.MODERATE_RESTRICTION: Severity.NOTICE,
    Category.ADEQUATE: Severity.INFO,
    Category.EXCELLENT: Severity.INFO,
    Category.POOR: Severity.NOTICE,
    Category.NORMAL: Severity.INFO,
}


def _finding(code: str, severity: Severity, text: str, *sources: Source) -> Finding:
    return Finding(code=code, severity=severity, text=text, sources=tags(*sources))


def findings_for(report: Report) -> tuple[Finding, ...]:
    """Every finding of a drafted report (findings and recommendations still empty)."""
    items: list[Finding] = list(_red_flags(report))
    for side in Side:
        result = report.side(side)
        if result is not None:
            items.extend(_side_findings(report, result))
    items.extend(_asymmetry(report))
    items.extend(_squat_and_knee(report))
    items.extend(_signs_and_triggers(report))
    items.extend(_referral(report))
    items.append(
        _finding(
            "measurement_error",
            Severity.INFO,
            f"When you retest, a change smaller than {MEASUREMENT_ERROR.distance_cm:g} cm (or "
            f"{MEASUREMENT_ERROR.angle_deg:g}° for an angle) is within what the test itself varies; "
            f"week-to-week wobble of about ±{MEASUREMENT_ERROR.weekly_noise_cm:g} cm is normal.",
            *MEASUREMENT_ERROR.sources,
        )
    )
    return tuple(items)


def _red_flags(report: Report) -> Iterator[Finding]:
    if report.referral.level is not ReferralLevel.BEFORE_STARTING:
        return
    flags = [flag for flag in RedFlag if flag in report.input.red_flags]
    listed = "; ".join(texts.RED_FLAG_LABELS[flag] for flag in flags)
    sources = (SEED_002, OTTAWA_RULES) if RedFlag.RECENT_TRAUMA in flags else (SEED_002,)
    yield _finding(
        "red_flags",
        Severity.URGENT,
        f"You reported: {listed}. These need a physiotherapist's or doctor's assessment "
        "before any mobility program; Dorsi will not start one until you confirm you were "
        "cleared.",
        *sources,
    )


def _side_findings(report: Report, result: SideReport) -> Iterator[Finding]:
    yield _category(report, result)
    if result.wb_angle_deg is not None:
        yield _finding(
            "measured_angle",
            Severity.INFO,
            f"{texts.side_name(result.side)}: measured lunge angle {result.wb_angle_deg:g}° "
            f"(healthy adults: about {LUNGE_NORM.typical_deg:g}°, usually "
            f"{LUNGE_NORM.low_deg:g}–{LUNGE_NORM.high_deg:g}°).",
            LUNGE_NORM.source,
        )
    if result.angle_estimate is not None:
        yield _estimate(report, result)
    for flag in result.angle_flags:
        yield _angle_flag(result, flag)
    for limitation in result.limitations:
        yield Finding(
            code=limitation.factor.value,
            severity=Severity.NOTICE,
            text=f"{texts.side_name(result.side)}, "
            f"{texts.FACTOR_LABELS[limitation.factor]}: {limitation.reason}",
            sources=limitation.sources,
        )


def _category(report: Report, result: SideReport) -> Finding:
    variant = report.input.variant
    band = band_for(result.knee_to_wall_cm, variant)
    where = distance_text(result.knee_to_wall_cm, report.input.unit)
    text = (
        f"{texts.side_name(result.side)}: {where} on the {texts.VARIANT_NAMES[variant]} — "
        f"{texts.CATEGORY_MEANING[variant][band.code]}"
    )
    sources: tuple[Source, ...] = (band.source,)
    if result.percentile is not None:
        text += (
            f" That is about the {texts.ordinal(result.percentile)} percentile of "
            f"{STANDING_NORM.label}."
        )
        sources = (band.source, STANDING_NORM.source)
    elif variant is Variant.HALF_KNEELING:
        text += (
            " No percentile is given: the healthy-adult norms belong to the standing test, "
            "and the two tests are never mixed."
        )
    return _finding(band.code.value, SEVERITY_BY_CATEGORY[band.code], text, *sources)


def _estimate(report: Report, result: SideReport) -> Finding:
    estimate = result.angle_estimate
    assert estimate is not None
    basis = (
        "your height"
        if report.input.profile.height_cm is not None
        else "an average adult height (add your height for a tighter range)"
    )
    return _finding(
        "angle_estimate",
        Severity.INFO,
        f"{texts.side_name(result.side)}: estimated shin angle about {estimate.value_deg:g}° "
        f"(plausible range {estimate.low_deg:g}–{estimate.high_deg:g}°). This is an estimate "
        f"from the distance and {basis} using typical body proportions, not a measurement. "
        f"Healthy adults average about {LUNGE_NORM.typical_deg:g}°.",
        ANTHROPOMETRY,
        BAUMBACH_2014,
    )


def _angle_flag(result: SideReport, flag: AngleFlag) -> Finding:
    prefix = texts.side_name(result.side)
    if flag in texts.LUNGE_ANGLE_FLAGS:
        if result.wb_angle_deg is not None:
            prefix += f": measured lunge angle {result.wb_angle_deg:g}° is"
        elif result.angle_estimate is not None:
            prefix += f": estimated lunge angle {result.angle_estimate.value_deg:g}° is"
    severity = Severity.INFO if flag in texts.NEUTRAL_ANGLE_FLAGS else Severity.NOTICE
    text = f"{prefix}{'' if prefix.endswith('is') else ':'} {texts.ANGLE_FLAG_TEXT[flag]}"
    return _finding(flag.value, severity, text, *texts.ANGLE_FLAG_SOURCES[flag])


def _asymmetry(report: Report) -> Iterator[Finding]:
    asym = report.asymmetry
    if asym is None:
        return
    unit = report.input.unit
    diff = distance_text(asym.difference_cm, unit)
    side = asym.more_restricted_side.value if asym.more_restricted_side else ""
    text = {
        AsymmetryLevel.NONE: f"Left and right differ by {diff}: no asymmetry to act on.",
        AsymmetryLevel.BORDERLINE: f"Left and right differ by {diff}, the {side} side reaching less: a borderline "
        "asymmetry. A left-right difference this size is within measurement error, so "
        "retest before treating the sides differently.",
        AsymmetryLevel.MEANINGFUL: f"Left and right differ by {diff}: a clear asymmetry, the {side} side being "
        "the more restricted one. It gets extra work in the program.",
    }[asym.level]
    severity = Severity.NOTICE if asym.level is AsymmetryLevel.MEANINGFUL else Severity.INFO
    yield _finding(f"asymmetry_{asym.level.value}", severity, text, *ASYMMETRY.sources)
    if asym.angle_difference_deg is not None:
        meaningful = asym.angle_level is AsymmetryLevel.MEANINGFUL
        yield _finding(
            f"angle_asymmetry_{'meaningful' if meaningful else 'none'}",
            Severity.NOTICE if meaningful else Severity.INFO,
            f"The measured lunge angles differ by {asym.angle_difference_deg:g}°: "
            + (
                "a clear left-right asymmetry."
                if meaningful
                else f"under {ASYMMETRY.angle_meaningful_from_deg:g}°, so not a clear asymmetry."
            ),
            *ASYMMETRY.sources,
        )


def _squat_and_knee(report: Report) -> Iterator[Finding]:
    if report.input.squat_screen is not None and report.ankle_limits_squat is not None:
        yield _finding(*texts.squat_finding(report.ankle_limits_squat), SEED_000)
    if report.check_hips_and_thoracic:
        yield _finding(
            "check_hips_and_thoracic",
            Severity.NOTICE,
            "Both ankles move well, yet the squat still shows a fault: hip mobility or "
            "upper-back extension is the more likely limit, worth having checked.",
            SEED_000,
        )
    pain = report.input.knee_pain
    if report.knee_pain_linked_to_ankle is not None and pain is not None and pain.present:
        yield _finding(*texts.knee_pain_finding(report.knee_pain_linked_to_ankle), SEED_000)


def _signs_and_triggers(report: Report) -> Iterator[Finding]:
    inp = report.input
    for sign in texts.SIGN_TEXT:
        if sign in inp.signs:
            yield _finding(sign.value, Severity.INFO, texts.SIGN_TEXT[sign], SEED_001)
    profile = inp.profile
    if profile.desk_job:
        yield _finding("desk_work", Severity.INFO, texts.DESK_WORK, SEED_001, SEED_000)
    if profile.shoe_drop_mm is not None and profile.shoe_drop_mm >= HIGH_SHOE_DROP_FROM_MM:
        yield _finding(
            "high_drop_shoes",
            Severity.INFO,
            texts.high_drop(profile.shoe_drop_mm),
            SEED_001,
            SEED_000,
        )
    if any(sport is not Sport.GENERAL for sport in profile.sports):
        yield _finding("sport_overuse", Severity.INFO, texts.SPORT_OVERUSE, SEED_001)
    if profile.sprains.left or profile.sprains.right:
        yield _finding("past_sprains", Severity.INFO, texts.PAST_SPRAINS, SEED_001, SEED_000)
    if Sport.RUNNING in profile.sports:
        yield _finding("running_context", Severity.INFO, texts.RUNNING_CONTEXT, RUNNING_META)


def _referral(report: Report) -> Iterator[Finding]:
    if report.referral.level is ReferralLevel.CONSIDER:
        yield _finding(
            "knee_to_wall_below_9cm",
            Severity.WARNING,
            "At least one ankle reaches less than 9 cm. Keep up the daily work, and consider a "
            "physiotherapist to rule out a structural or post-injury cause.",
            SEED_000,
        )
