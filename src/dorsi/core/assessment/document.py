"""Report -> dorsi.report/v1 (JSON-ready dict). Text and Markdown live in ``render``.

The SPEC §7 fields come first, then its optional additions (``referral.urgency``,
``findings[].evidence``, the top-level ``sources`` map); extensions (``unit``,
``percentile_basis``, ``limiting_factor_reasons``, ``possible_factors``, ``wb_angle_deg``,
``angle_flags_basis``, ``limiting_factors`` at the top, ``recommendations[].evidence``,
``safety_after_clearance``, ``ignored_fields``) are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Any

from dorsi.core.assessment.render import report_to_markdown, report_to_text, summary_lines
from dorsi.core.assessment.report import (
    REPORT_SCHEMA,
    AngleEstimate,
    Asymmetry,
    Limitation,
    Report,
    SideReport,
)
from dorsi.core.assessment.triage import safety_for
from dorsi.core.codes import Side, Unit, Variant
from dorsi.core.evidence import sources_map
from dorsi.core.thresholds import STANDING_NORM, round_cm
from dorsi.core.units import from_cm

__all__ = ["report_to_document", "report_to_markdown", "report_to_text", "summary_lines"]


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
            "urgency": None if report.referral.urgency is None else report.referral.urgency.value,
        },
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "text": f.text,
                "sources": list(f.sources),
                "evidence": None if f.evidence is None else f.evidence.value,
            }
            for f in report.findings
        ],
        "recommendations": [
            {
                "code": r.code,
                "text": r.text,
                "sources": list(r.sources),
                "evidence": None if r.evidence is None else r.evidence.value,
            }
            for r in report.recommendations
        ],
        "sources": sources_map(report.cited),
        "limiting_factors": sorted(f.value for f in report.limiting_factors),
        "percentile_basis": STANDING_NORM.label if standing else None,
        "safety_after_clearance": sorted(rule.value for rule in safety_for(inp.red_flags).rules),
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
        "limiting_factor_reasons": [_reason(item) for item in result.limitations],
        "possible_factors": [_reason(item) for item in result.possible],
        "wb_angle_deg": result.wb_angle_deg,
        "angle_flags_basis": basis,
    }
    if unit is Unit.IN:
        doc["knee_to_wall_in"] = round(from_cm(result.knee_to_wall_cm, unit), 2)
    return doc


def _reason(item: Limitation) -> dict[str, Any]:
    return {"code": item.factor.value, "reason": item.reason, "sources": list(item.sources)}


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
