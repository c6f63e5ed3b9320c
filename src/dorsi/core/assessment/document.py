"""Report -> dorsi.report/v1 (JSON-ready dict), Markdown, and a short plain-text summary.

The SPEC §7 fields come first; extensions (``unit``, ``percentile_basis``,
``limiting_factor_reasons``, ``wb_angle_deg``, ``angle_flags_basis``, ``limiting_factors``
at the top, ``ignored_fields``) are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Any

from dorsi.core.assessment import texts
from dorsi.core.assessment.report import REPORT_SCHEMA, AngleEstimate, Asymmetry, Report, SideReport
from dorsi.core.codes import Side, Unit, Variant
from dorsi.core.thresholds import STANDING_NORM, round_cm
from dorsi.core.units import from_cm


def report_to_document(report: Report) -> dict[str, Any]:
    inp = report.input
    standing = inp.variant is Variant.STANDING
    return {
        "schema": REPORT_SCHEMA,
        "date": inp.date.isoformat() if inp.date is not None else None,
        "variant": inp.variant.value,
        "unit": inp.unit.value,
        "sides": {side.value: _side(report.side(side), inp.unit) for side in Side},
        "asymmetry": _asymmetry(report.asymmetry, inp.unit),
        "squat": {
            "ankle_limits_squat": report.ankle_limits_squat,
            "check_hips_and_thoracic": report.check_hips_and_thoracic,
        },
        "knee_pain_linked_to_ankle": report.knee_pain_linked_to_ankle,
        "referral": {
            "level": report.referral.level.value,
            "reasons": list(report.referral.reasons),
        },
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "text": f.text,
                "sources": list(f.sources),
            }
            for f in report.findings
        ],
        "recommendations": [
            {"code": r.code, "text": r.text, "sources": list(r.sources)}
            for r in report.recommendations
        ],
        "limiting_factors": sorted(f.value for f in report.limiting_factors),
        "percentile_basis": STANDING_NORM.label if standing else None,
        "ignored_fields": list(inp.ignored_fields),
    }


def _estimate(estimate: AngleEstimate | None) -> dict[str, float] | None:
    if estimate is None:
        return None
    return {"value": estimate.value_deg, "low": estimate.low_deg, "high": estimate.high_deg}


def _side(result: SideReport | None, unit: Unit) -> dict[str, Any] | None:
    if result is None:
        return None
    if result.wb_angle_deg is not None:
        basis: str | None = "measured"
    else:
        basis = "estimated" if result.angle_estimate is not None else None
    doc: dict[str, Any] = {
        "knee_to_wall_cm": round_cm(result.knee_to_wall_cm),
        "category": result.category.value,
        "percentile": result.percentile,
        "angle_estimate_deg": _estimate(result.angle_estimate),
        "angle_flags": [flag.value for flag in result.angle_flags],
        "limiting_factors": [factor.value for factor in result.limiting_factors],
        "limiting_factor_reasons": [
            {"code": item.factor.value, "reason": item.reason, "sources": list(item.sources)}
            for item in result.limitations
        ],
        "wb_angle_deg": result.wb_angle_deg,
        "angle_flags_basis": basis,
    }
    if unit is Unit.IN:
        doc["knee_to_wall_in"] = round(from_cm(result.knee_to_wall_cm, unit), 2)
    return doc


def _asymmetry(asym: Asymmetry | None, unit: Unit) -> dict[str, Any] | None:
    if asym is None:
        return None
    doc: dict[str, Any] = {
        "difference_cm": asym.difference_cm,
        "level": asym.level.value,
        "more_restricted_side": (
            asym.more_restricted_side.value if asym.more_restricted_side is not None else None
        ),
        "angle_difference_deg": asym.angle_difference_deg,
        "angle_level": asym.angle_level.value if asym.angle_level is not None else None,
    }
    if unit is Unit.IN:
        doc["difference_in"] = round(from_cm(asym.difference_cm, unit), 2)
    return doc


def _side_line(report: Report, result: SideReport) -> str:
    parts = [
        texts.distance_text(result.knee_to_wall_cm, report.input.unit),
        result.category.value.replace("_", " "),
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
        parts.append(f"limited by: {limits}")
    return "; ".join(parts)


def summary_lines(report: Report) -> list[str]:
    """The key results as short lines (no markup), for a terminal or a notification."""
    inp = report.input
    lines = [
        f"Dorsi assessment ({texts.VARIANT_NAMES[inp.variant]})"
        + (f", {inp.date.isoformat()}" if inp.date else "")
    ]
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
    if report.ankle_limits_squat is not None:
        lines.append(
            f"Ankles limit the squat: {'yes' if report.ankle_limits_squat else 'no'}"
            + ("; check hips and thoracic spine" if report.check_hips_and_thoracic else "")
        )
    if report.knee_pain_linked_to_ankle is not None:
        lines.append(
            "Knee pain linked to the ankle: "
            + ("yes" if report.knee_pain_linked_to_ankle else "no")
        )
    referral = report.referral
    lines.append(
        f"Referral: {referral.level.value}"
        + (f" ({', '.join(referral.reasons)})" if referral.reasons else "")
    )
    return lines


def report_to_text(report: Report) -> str:
    """Summary, then findings and advice, as plain text."""
    lines = summary_lines(report)
    lines.append("")
    lines.append("Findings:")
    lines.extend(f"- {f.text} [{'; '.join(f.sources)}]" for f in report.findings)
    lines.append("")
    lines.append("What to do:")
    lines.extend(f"- {r.text} [{'; '.join(r.sources)}]" for r in report.recommendations)
    return "\n".join(lines) + "\n"


def report_to_markdown(report: Report) -> str:
    inp = report.input
    out = ["# Dorsi assessment", ""]
    if inp.date is not None:
        out += [f"Date: {inp.date.isoformat()}  ", ""]
    out += [
        f"Test: {texts.VARIANT_NAMES[inp.variant]}",
        "",
        "| Side | Knee-to-wall | Category | Percentile | Tibia angle | Limited by |",
        "|---|---|---|---|---|---|",
    ]
    for side in Side:
        out.append(_markdown_row(report, side))
    if inp.variant is Variant.STANDING:
        out += ["", f"Percentiles: {STANDING_NORM.label}."]
    out += ["", "## Summary", ""]
    out += [f"- {line}" for line in summary_lines(report)[1 + len(Side) :]]
    out += ["", "## Findings", ""]
    out += [
        f"- **{f.severity.value}** {f.text} _({'; '.join(f.sources)})_" for f in report.findings
    ]
    out += ["", "## What to do", ""]
    out += [f"- {r.text} _({'; '.join(r.sources)})_" for r in report.recommendations]
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
        f"| {side.value} | {distance} | {result.category.value.replace('_', ' ')} | "
        f"{percentile} | {angle} | {limits} |"
    )
