"""Plan -> dorsi.plan/v1 (JSON-ready dict); one item in words (``describe_item``). The
Markdown a person reads is ``dorsi.formats.plan_text``.

SPEC §7 fields: ``start``, ``weeks`` [{``week``, ``phase``, ``days`` [{``date``, ``kind``,
``minutes``, ``items`` [{``exercise``, ``side``, ``sets``, ``reps`` or ``seconds``, ``note``}]}]}],
``retests``, ``heel_elevation_cm``, ``maintenance``. Extensions: ``day``, ``weekday``,
``retest``, item ``name``/``minutes``/``per_side``/``lowering_s``, ``goal``, ``adaptations``,
``footwear``, ``expected_rate``, ``referral``. An item carries ``reps`` or ``seconds``, never
both; ``side`` "both" means each side for a per-side exercise (``per_side`` true).
"""

from __future__ import annotations

from typing import Any

from dorsi.core.program.values import (
    Adaptation,
    MaintenanceBlock,
    MaintenancePlan,
    Plan,
    PlanDay,
    PlanItem,
    PlanWeek,
)

PLAN_SCHEMA = "dorsi.plan/v1"


def item_to_document(item: PlanItem) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "exercise": item.exercise,
        "name": item.name,
        "side": item.side.value,
        "sets": item.sets,
    }
    if item.seconds is not None:
        doc["seconds"] = item.seconds
    else:
        doc["reps"] = item.reps
    if item.dose.lowering_s is not None:
        doc["lowering_s"] = item.dose.lowering_s
    doc.update(per_side=item.per_side, minutes=item.minutes, note=item.note)
    return doc


def _day(day: PlanDay) -> dict[str, Any]:
    return {
        "day": day.day,
        "date": day.date.isoformat(),
        "weekday": day.weekday.value,
        "kind": day.kind.value,
        "minutes": day.minutes,
        "retest": day.retest,
        "items": [item_to_document(item) for item in day.items],
    }


def day_to_document(day: PlanDay) -> dict[str, Any]:
    """One day on its own (the API's day route): its fields plus its ``week`` and ``phase``
    (``week`` null and ``phase`` "maintenance" for a day of the maintenance routine)."""
    return _day(day) | {"week": day.week, "phase": day.phase.value}


def _week(week: PlanWeek) -> dict[str, Any]:
    return {"week": week.week, "phase": week.phase.value, "days": [_day(d) for d in week.days]}


def _adaptation(item: Adaptation) -> dict[str, Any]:
    return {"code": item.code, "text": item.text, "sources": list(item.sources)}


def _block(block: MaintenanceBlock) -> dict[str, Any]:
    return {
        "when": block.when.value,
        "days": [day.value for day in block.days],
        "minutes": block.minutes,
        "items": [item_to_document(i) for i in block.items],
    }


def maintenance_to_document(plan: MaintenancePlan) -> dict[str, Any]:
    return {
        "before_training": _block(plan.before_training),
        "other_days": _block(plan.other_days),
        "return_to_development": {
            "drop_cm": plan.return_drop_cm,
            "below": "knee-to-wall value when the goal was reached",
        },
        "text": plan.text,
        "sources": list(plan.sources),
    }


def _heel(plan: Plan) -> dict[str, Any]:
    heel = plan.heel_elevation
    rule = [
        {"while_any_side_below_cm": step.below_cm, "heel_cm": step.heel_cm} for step in heel.steps
    ]
    return {
        "current": heel.current_cm,
        "rule": rule,
        "text": heel.text,
        "sources": list(heel.sources),
    }


def _extensions(plan: Plan) -> dict[str, Any]:
    goal, shoes, rate = plan.goal, plan.footwear, plan.expected_rate
    angle = (
        None
        if goal.angle_low_deg is None
        else {"low": goal.angle_low_deg, "high": goal.angle_high_deg}
    )
    return {
        "goal": {
            "knee_to_wall_cm": goal.knee_to_wall_cm,
            "angle_deg": angle,
            "no_meaningful_asymmetry": goal.no_meaningful_asymmetry,
            "met_at_baseline": goal.met_at_baseline,
            "text": goal.text,
            "sources": list(goal.sources),
        },
        "adaptations": [_adaptation(a) for a in plan.adaptations],
        "footwear": {
            "emphasised": shoes.emphasised,
            "reasons": list(shoes.reasons),
            "transition_weeks": list(shoes.transition_weeks),
            "text": shoes.text,
            "sources": list(shoes.sources),
        },
        "expected_rate": {
            "cm_per_week": rate.cm_per_week,
            "low_cm_per_week": rate.low_cm_per_week,
            "high_cm_per_week": rate.high_cm_per_week,
            "age_adjusted": rate.age_adjusted,
            "text": rate.text,
            "sources": list(rate.sources),
        },
        "referral": {
            "level": plan.referral_level.value,
            "reasons": list(plan.referral_reasons),
            "cleared_by_professional": plan.cleared_by_professional,
        },
    }


def plan_to_document(plan: Plan) -> dict[str, Any]:
    """The dorsi.plan/v1 document of a plan (plain JSON types only)."""
    days = plan.days
    return {
        "schema": PLAN_SCHEMA,
        "start": plan.start.isoformat(),
        "end": days[-1].date.isoformat(),
        "minutes_per_day": plan.minutes_per_day,
        "mode": plan.mode.value,
        "weeks": [_week(week) for week in plan.weeks],
        "retests": [when.isoformat() for when in plan.retests],
        "video_days": [when.isoformat() for when in plan.video_days],
        "heel_elevation_cm": _heel(plan),
        "maintenance": maintenance_to_document(plan.maintenance),
        **_extensions(plan),
    }


def describe_item(item: PlanItem) -> str:
    """E.g. "Knee-to-wall circles: 2 × 60 s each side — note"."""
    amount = f"{item.seconds} s" if item.seconds is not None else f"{item.reps}"
    text = f"{item.name}: {item.sets} × {amount}"
    if item.dose.lowering_s:
        text += f" ({item.dose.lowering_s} s lowering)"
    if item.side.value != "both":
        text += f", {item.side.value} side only"
    elif item.per_side:
        text += " each side"
    return text + (f" — {item.note}" if item.note else "")
