"""The findings of a report: what was measured and what it means, in Dorsi's own words.

With red flags the triage finding leads and nothing reads as a program (SPEC §2.7): every
sentence below keeps its description apart from its advice and drops the advice when held.
Asymmetry is described as asymmetry, never as injury risk, and no risk multiplier is ever
stated (SPEC §2.2, §2.3).
"""

from __future__ import annotations

from collections.abc import Iterator

from dorsi.core.assessment import texts
from dorsi.core.assessment.findings_context import context_findings
from dorsi.core.assessment.report import Finding, Report, SideReport
from dorsi.core.assessment.texts import distance_text, tags
from dorsi.core.assessment.triage import TRIAGE_FINDING, lead_see, lead_sentence, rules_for
from dorsi.core.codes import AngleFlag, AsymmetryLevel, Category, Severity, Side, Variant
from dorsi.core.evidence import ANTHROPOMETRY, BAUMBACH_2014, Source
from dorsi.core.thresholds import (
    ASYMMETRY,
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
    items: list[Finding] = list(_triage(report))
    for side in Side:
        result = report.side(side)
        if result is not None:
            items.extend(_side_findings(report, result))
    items.extend(_asymmetry(report))
    items.extend(context_findings(report))
    if report.measured:
        items.append(
            _finding(
                "measurement_error",
                Severity.INFO,
                f"When you retest, a change smaller than {MEASUREMENT_ERROR.distance_cm:g} cm "
                f"(or {MEASUREMENT_ERROR.angle_deg:g}° for an angle) is within what the test "
                "itself varies; week-to-week wobble of about "
                f"±{MEASUREMENT_ERROR.weekly_noise_cm:g} cm is normal.",
                *MEASUREMENT_ERROR.sources,
            )
        )
    return tuple(items)


def _triage(report: Report) -> Iterator[Finding]:
    """Red flags first: what to do and how soon, then what each sign can mean."""
    rules = rules_for(report.input.red_flags)
    if not report.held or not rules:
        return
    see = lead_see(rules)
    lines = "; and ".join(
        f"{texts.RED_FLAG_LABELS[rule.flag]}, which {rule.meaning}"
        + ("" if rule.see == see else f" ({rule.see} can help)")
        for rule in rules
    )
    sources = [source for rule in rules for source in rule.sources]
    yield _finding(
        TRIAGE_FINDING,
        Severity.URGENT,
        f"{lead_sentence(rules)} You reported {lines}. Dorsi holds the ankle plan until you "
        "confirm that a professional has cleared you.",
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
        yield _angle_flag(report, result, flag)
    name = texts.side_name(result.side)
    for limitation in result.limitations:
        yield Finding(
            code=limitation.factor.value,
            severity=Severity.NOTICE,
            text=f"{name}, {texts.FACTOR_LABELS[limitation.factor]}: {limitation.reason}",
            sources=limitation.sources,
        )
    for possible in result.possible:
        yield Finding(
            code=f"{possible.factor.value}_possible",
            severity=Severity.INFO,
            text=f"{name}, {texts.FACTOR_LABELS[possible.factor]} possibly also involved: "
            f"{possible.reason}",
            sources=possible.sources,
        )


def _category(report: Report, result: SideReport) -> Finding:
    variant = report.input.variant
    band = band_for(result.knee_to_wall_cm, variant)
    where = distance_text(result.knee_to_wall_cm, report.input.unit)
    meaning = texts.CATEGORY_MEANING[variant][band.code].text(held=report.held)
    text = (
        f"{texts.side_name(result.side)}: {where} on the {texts.VARIANT_NAMES[variant]} — {meaning}"
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


def _angle_flag(report: Report, result: SideReport, flag: AngleFlag) -> Finding:
    prefix = texts.side_name(result.side)
    if flag in texts.LUNGE_ANGLE_FLAGS:
        if result.wb_angle_deg is not None:
            prefix += f": measured lunge angle {result.wb_angle_deg:g}° is"
        elif result.angle_estimate is not None:
            prefix += f": estimated lunge angle {result.angle_estimate.value_deg:g}° is"
    severity = Severity.INFO if flag in texts.NEUTRAL_ANGLE_FLAGS else Severity.NOTICE
    said = texts.ANGLE_FLAG_TEXT[flag].text(held=report.held)
    text = f"{prefix}{'' if prefix.endswith('is') else ':'} {said}"
    return _finding(flag.value, severity, text, *texts.ANGLE_FLAG_SOURCES[flag])


def _asymmetry(report: Report) -> Iterator[Finding]:
    asym = report.asymmetry
    if asym is None:
        return
    diff = distance_text(asym.difference_cm, report.input.unit)
    side = asym.more_restricted_side.value if asym.more_restricted_side else ""
    said = {
        AsymmetryLevel.NONE: texts.Said(
            f"Left and right differ by {diff}: no asymmetry to act on."
        ),
        AsymmetryLevel.BORDERLINE: texts.Said(
            f"Left and right differ by {diff}, the {side} side reaching less: a borderline "
            "asymmetry, within the measurement error of a left-right difference.",
            "Retest before treating the sides differently.",
        ),
        AsymmetryLevel.MEANINGFUL: texts.Said(
            f"Left and right differ by {diff}: a clear asymmetry, the {side} side being the "
            "more restricted one.",
            "It gets extra work in the program.",
        ),
    }[asym.level]
    severity = Severity.NOTICE if asym.level is AsymmetryLevel.MEANINGFUL else Severity.INFO
    yield _finding(
        f"asymmetry_{asym.level.value}", severity, said.text(held=report.held), *ASYMMETRY.sources
    )
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
