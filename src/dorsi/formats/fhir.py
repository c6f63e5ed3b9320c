"""A clinic export as a FHIR R4 JSON Bundle (type ``collection``): one Patient, an Observation per
measured side and day, and a CarePlan with the plan's exercises.

- Patient: an identifier for the Dorsi account and nothing else (no name, birth date, address
  or contact: the account does not need them, so the export does not carry them).
- Observations: knee-to-wall distance in ``cm`` and the lunge and goniometer angles in ``deg``,
  both UCUM (``http://unitsofmeasure.org``). No LOINC code for the knee-to-wall (weight-bearing
  lunge) test was found, so every measurement is coded in Dorsi's own code system
  (``MEASUREMENT_SYSTEM``) and named in ``code.text``; the side is the ``bodySite`` text. A
  retest measured in the clinic says so in ``method``.
- CarePlan: one activity per exercise of the plan, with the weeks and the dose in words, coded
  in Dorsi's exercise code system (the library's stable ids).

Ids are stable UUIDs derived from the account and the content, so two exports of the same data
are the same bundle.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dorsi.core.codes import PlanMode, Side
from dorsi.core.program.values import Plan, PlanItem

UCUM = "http://unitsofmeasure.org"
MEASUREMENT_SYSTEM = "urn:dorsi:fhir:measurement"
EXERCISE_SYSTEM = "urn:dorsi:fhir:exercise"
ACCOUNT_SYSTEM = "urn:dorsi:fhir:account"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
NAMESPACE = uuid.UUID("1d0c7a52-6f1e-4c2f-9d4e-2b5f0c3a9e11")

# Dorsi's measurement codes, their display and their UCUM unit.
MEASUREMENTS = {
    "knee-to-wall": ("Knee-to-wall distance, standing weight-bearing lunge", "cm"),
    "knee-to-wall-half-kneeling": ("Knee-to-wall distance, half-kneeling", "cm"),
    "lunge-angle": ("Tibia angle from vertical in the weight-bearing lunge", "deg"),
    "goniometer-knee-straight": ("Ankle dorsiflexion, goniometer, knee straight", "deg"),
    "goniometer-knee-bent": ("Ankle dorsiflexion, goniometer, knee bent", "deg"),
}
UNIT_WORDS = {"cm": "cm", "deg": "°"}


@dataclass(frozen=True)
class Measurement:
    code: str  # a key of MEASUREMENTS
    side: Side
    value: float
    when: date
    in_clinic: bool = False


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(part) for part in parts)))


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def patient(account_id: str) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": _uuid("patient", account_id),
        "identifier": [{"system": ACCOUNT_SYSTEM, "value": account_id}],
        "active": True,
    }


def observation(measurement: Measurement, patient_ref: str, account_id: str) -> dict[str, Any]:
    display, unit = MEASUREMENTS[measurement.code]
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _uuid("observation", account_id, measurement),
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": "exam", "display": "Exam"}]}],
        "code": {
            "coding": [
                {"system": MEASUREMENT_SYSTEM, "code": measurement.code, "display": display}
            ],
            "text": display,
        },
        "subject": {"reference": patient_ref},
        "effectiveDateTime": measurement.when.isoformat(),
        "valueQuantity": {
            "value": round(measurement.value, 2),
            "unit": UNIT_WORDS[unit],
            "system": UCUM,
            "code": unit,
        },
        "bodySite": {"text": f"{measurement.side.value.title()} ankle"},
    }
    if measurement.in_clinic:
        resource["method"] = {"text": "Measured by a coach or physiotherapist in the clinic"}
    return resource


def _dose(item: PlanItem) -> str:
    amount = f"{item.reps} reps" if item.reps is not None else f"{item.seconds} s"
    text = f"{item.sets} × {amount}"
    if item.dose.lowering_s:
        text += f", {item.dose.lowering_s} s lowering"
    if item.side.value != "both":
        return text + f", {item.side.value} side"
    return text + (" each side" if item.per_side else "")


def _weeks_words(weeks: list[int]) -> str:
    """[1, 2, 3, 5] -> "weeks 1–3, 5"."""
    numbers = sorted(set(weeks))
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else f"{run[0]}" for run in runs]
    return ("week " if numbers == [numbers[0]] else "weeks ") + ", ".join(parts)


def _activities(plan: Plan) -> list[dict[str, Any]]:
    """One activity per exercise: its first and last day, and its doses week by week."""
    seen: dict[str, dict[str, Any]] = {}
    for week in plan.weeks:
        for day in week.days:
            for item in day.items:
                entry = seen.setdefault(
                    item.exercise,
                    {"name": item.name, "first": day.date, "last": day.date, "weeks_by_dose": {}},
                )
                entry["last"] = day.date
                entry["weeks_by_dose"].setdefault(_dose(item), []).append(week.week)
    out = []
    for exercise, entry in seen.items():
        doses = "; ".join(
            f"{_weeks_words(weeks)}: {dose}" for dose, weeks in entry["weeks_by_dose"].items()
        )
        out.append(
            {
                "detail": {
                    "code": {
                        "coding": [
                            {"system": EXERCISE_SYSTEM, "code": exercise, "display": entry["name"]}
                        ],
                        "text": entry["name"],
                    },
                    "status": "scheduled",
                    "scheduledPeriod": {
                        "start": entry["first"].isoformat(),
                        "end": entry["last"].isoformat(),
                    },
                    "description": f"{entry['name']}: {doses}",
                }
            }
        )
    return out


def care_plan(plan: Plan, patient_ref: str, account_id: str) -> dict[str, Any]:
    maintenance = plan.mode is PlanMode.MAINTENANCE
    return {
        "resourceType": "CarePlan",
        "id": _uuid("careplan", account_id, plan.start),
        "status": "active",
        "intent": "plan",
        "title": "Ankle dorsiflexion home program",
        "description": (
            "Maintenance routine after the goal was reached"
            if maintenance
            else f"12-week plan, at most {plan.minutes_per_day} min a day"
        ),
        "subject": {"reference": patient_ref},
        "period": {"start": plan.start.isoformat(), "end": plan.end.isoformat()},
        "activity": _activities(plan),
    }


def fhir_bundle(
    *,
    account_id: str,
    measurements: Sequence[Measurement],
    plan: Plan | None,
    generated_at: datetime,
) -> dict[str, Any]:
    """The whole export (JSON-ready)."""
    person = patient(account_id)
    ref = f"urn:uuid:{person['id']}"
    entries = [_entry(person)]
    entries += [_entry(observation(m, ref, account_id)) for m in measurements]
    if plan is not None:
        entries.append(_entry(care_plan(plan, ref, account_id)))
    return {
        "resourceType": "Bundle",
        "id": _uuid("bundle", account_id, generated_at.isoformat()),
        "meta": {"lastUpdated": generated_at.isoformat()},
        "type": "collection",
        "timestamp": generated_at.isoformat(),
        "entry": entries,
    }
