"""A report as text a person reads: short summary lines, plain text and Markdown.

People read sources by name with their grade in words (never a tag or a file name), and a
report with red flags says what to do and how soon before anything else (SPEC §2.7, §7).
"""

from __future__ import annotations

from dorsi.core.assessment import texts
from dorsi.core.assessment.report import Report, SideReport
from dorsi.core.assessment.triage import (
    CONSIDER_HEADING,
    CONSIDER_LEAD,
    HELD,
    heading_and_lead,
    rules_for,
    sign_sentence,
)
from dorsi.core.codes import ReferralLevel, Side, Variant
from dorsi.core.evidence import by_tag, cite
from dorsi.core.thresholds import STANDING_NORM


def _side_line(report: Report, result: SideReport) -> str:
    parts = [
        texts.distance_text(result.knee_to_wall_cm, report.input.unit),
        texts.words(result.category.value),
    ]
    if result.percentile is not None:
        parts.append(f"{texts.ordinal(result.percentile)} percentile (healthy adults)")
    if result.wb_angle_deg is not None:
        parts.append(f"measured angle {result.wb_angle_deg:g}°")
    elif result.angle_estimate is not None:
        e = result.angle_estimate
        parts.append(f"estimated angle ~{e.value_deg:g}° ({e.low_deg:g}–{e.high_deg:g}°)")
    if result.limitations:
        limits = ", ".join(texts.FACTOR_LABELS[f] for f in result.limiting_factors)
        parts.append(f"probably limited by: {limits}")
    if result.possible:
        maybe = ", ".join(texts.FACTOR_LABELS[item.factor] for item in result.possible)
        parts.append(f"possible factors: {maybe}")
    return "; ".join(parts)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def triage_lines(report: Report) -> list[str]:
    """What to do and how soon, said first (SPEC §2.7): the same words as the web's triage."""
    level = report.referral.level
    if level is ReferralLevel.NONE:
        return []
    rules = rules_for(report.input.red_flags)
    if level is ReferralLevel.CONSIDER or not rules:
        reasons = _and([texts.reason_words(code) for code in report.referral.reasons])
        return [f"{CONSIDER_HEADING}: {CONSIDER_LEAD.format(reasons=reasons)}"]
    lines = [heading_and_lead(rules)]
    lines += [f"- {sign_sentence(rule, texts.RED_FLAG_LABELS[rule.flag])}" for rule in rules]
    if report.held:
        lines.append(HELD)
    lines.append("Sources: " + cite(source.tag for rule in rules for source in rule.sources))
    return lines


def _referral_line(report: Report) -> str:
    referral = report.referral
    line = f"Professional check: {texts.REFERRAL_WORDS[referral.level]}"
    if referral.urgency is not None:
        line += f" ({texts.URGENCY_WORDS[referral.urgency]})"
    if referral.reasons:
        line += ": " + "; ".join(texts.reason_words(code) for code in referral.reasons)
    return line


def summary_lines(report: Report) -> list[str]:
    """The key results as short lines (no markup), triage first, for a terminal or a notice."""
    inp = report.input
    lines = [
        f"Dorsi assessment ({texts.VARIANT_NAMES[inp.variant]})"
        + (f", {inp.date.isoformat()}" if inp.date else "")
    ]
    lines += triage_lines(report)
    for side in Side:
        result = report.side(side)
        label = side.value.capitalize()
        lines.append(
            f"{label}: " + ("not measured" if result is None else _side_line(report, result))
        )
    if report.asymmetry is not None:
        asym = report.asymmetry
        more = (
            f", {asym.more_restricted_side.value} more restricted"
            if asym.more_restricted_side
            else ""
        )
        lines.append(
            f"Asymmetry: {asym.level.value} "
            f"({texts.distance_text(asym.difference_cm, inp.unit)}{more})"
        )
    if inp.squat_screen is not None and report.ankle_limits_squat is not None:
        lines.append(
            f"Ankles limit the squat: {'yes' if report.ankle_limits_squat else 'no'}"
            + ("; check hips and thoracic spine" if report.check_hips_and_thoracic else "")
        )
    if inp.knee_pain is not None and inp.knee_pain.present:
        lines.append(
            "Knee pain linked to the ankle: "
            + ("yes" if report.knee_pain_linked_to_ankle else "no")
        )
    lines.append(_referral_line(report))
    return lines


def _reference_lines(report: Report) -> list[str]:
    lines = []
    for tag in report.cited:
        source = by_tag(tag)
        named = source.reference.startswith(source.label)
        lines.append(source.reference if named else f"{source.label}: {source.reference}")
    return lines


def report_to_text(report: Report) -> str:
    """Summary, then findings and advice with readable sources, then the references."""
    lines = summary_lines(report)
    lines += ["", "Findings:"]
    lines.extend(f"- {f.text} ({cite(f.sources)})" for f in report.findings)
    lines += ["", "What to do:"]
    lines.extend(f"- {r.text} ({cite(r.sources)})" for r in report.recommendations)
    lines += ["", "Sources:"]
    lines.extend(f"- {line}" for line in _reference_lines(report))
    return "\n".join(lines) + "\n"


def report_to_markdown(report: Report) -> str:
    inp = report.input
    out = ["# Dorsi assessment", ""]
    triage = triage_lines(report)
    if triage:
        signs = [line for line in triage[1:] if line.startswith("- ")]
        rest = [line for line in triage[1:] if not line.startswith("- ")]
        out += [f"**{triage[0]}**", ""] + ([*signs, ""] if signs else [])
        out += [line for rest_line in rest for line in (rest_line, "")]
    if inp.date is not None:
        out += [f"Date: {inp.date.isoformat()}  ", ""]
    out += [
        f"Test: {texts.VARIANT_NAMES[inp.variant]}",
        "",
        "| Side | Knee-to-wall | Category | Percentile | Tibia angle | Probably limited by |",
        "|---|---|---|---|---|---|",
    ]
    for side in Side:
        out.append(_markdown_row(report, side))
    if inp.variant is Variant.STANDING:
        out += ["", f"Percentiles: {STANDING_NORM.label}."]
    first_detail = 1 + len(triage) + len(Side)
    out += ["", "## Summary", ""]
    out += [f"- {line}" for line in summary_lines(report)[first_detail:]]
    out += ["", "## Findings", ""]
    out += [f"- **{f.severity.value}** {f.text} _({cite(f.sources)})_" for f in report.findings]
    out += ["", "## What to do", ""]
    out += [f"- {r.text} _({cite(r.sources)})_" for r in report.recommendations]
    out += ["", "## Sources", ""]
    out += [f"- {line}" for line in _reference_lines(report)]
    return "\n".join(out) + "\n"


def _markdown_row(report: Report, side: Side) -> str:
    result = report.side(side)
    if result is None:
        return f"| {side.value} | not measured | | | | |"
    angle = "—"
    if result.wb_angle_deg is not None:
        angle = f"{result.wb_angle_deg:g}° (measured)"
    elif result.angle_estimate is not None:
        e = result.angle_estimate
        angle = f"~{e.value_deg:g}° ({e.low_deg:g}–{e.high_deg:g}°, estimate)"
    percentile = "—" if result.percentile is None else f"{result.percentile:g}"
    limits = ", ".join(texts.FACTOR_LABELS[f] for f in result.limiting_factors) or "—"
    distance = texts.distance_text(result.knee_to_wall_cm, report.input.unit)
    return (
        f"| {side.value} | {distance} | {texts.words(result.category.value)} | "
        f"{percentile} | {angle} | {limits} |"
    )
