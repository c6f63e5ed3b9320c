"""The clinic export: a FHIR R4 Bundle validated with the fhir.resources models (R4B, the R4
line that package ships for pydantic 2: see docs/coach.md), UCUM units, Dorsi's own codes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.codes import Side
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan
from dorsi.core.program.values import Plan
from dorsi.formats.fhir import MEASUREMENT_SYSTEM, UCUM, Measurement, fhir_bundle

NOW = datetime(2026, 6, 17, 10, 0, tzinfo=UTC)
MEASURES = [
    Measurement("knee-to-wall", Side.LEFT, 7.5, date(2026, 6, 1)),
    Measurement("knee-to-wall", Side.RIGHT, 10.5, date(2026, 6, 1)),
    Measurement("lunge-angle", Side.LEFT, 33.4, date(2026, 6, 1)),
    Measurement("goniometer-knee-bent", Side.LEFT, 18.0, date(2026, 6, 1)),
    Measurement("knee-to-wall", Side.LEFT, 9.0, date(2026, 6, 15), in_clinic=True),
]


@cache
def _plan() -> Plan:
    document = {"knee_to_wall": {"left": 7.5, "right": 10.5}, "profile": {"equipment": ["band"]}}
    return build_plan(
        assess(parse_assessment(document)), start=date(2026, 6, 1), library=load_library()
    )


def _bundle() -> dict:
    return fhir_bundle(account_id="user-7", measurements=MEASURES, plan=_plan(), generated_at=NOW)


def _resources(bundle: Bundle) -> list:
    return [entry.resource for entry in bundle.entry]


def test_the_bundle_validates_as_fhir_with_one_patient_observations_and_a_care_plan() -> None:
    bundle = Bundle.model_validate(_bundle())
    resources = _resources(bundle)
    assert bundle.type == "collection"
    assert [type(r) for r in resources].count(Patient) == 1
    assert [type(r) for r in resources].count(Observation) == len(MEASURES)
    assert [type(r) for r in resources].count(CarePlan) == 1


def test_the_patient_carries_only_the_account_identifier() -> None:
    patient = next(
        r for r in _resources(Bundle.model_validate(_bundle())) if isinstance(r, Patient)
    )
    assert patient.identifier[0].value == "user-7"
    assert patient.name is None
    assert patient.birthDate is None
    assert patient.telecom is None
    assert patient.address is None


def test_observations_use_ucum_units_and_dorsis_code_system() -> None:
    observations = [
        r for r in _resources(Bundle.model_validate(_bundle())) if isinstance(r, Observation)
    ]
    units = {(o.code.coding[0].code, o.valueQuantity.code) for o in observations}
    assert units == {
        ("knee-to-wall", "cm"),
        ("lunge-angle", "deg"),
        ("goniometer-knee-bent", "deg"),
    }
    assert {o.valueQuantity.system for o in observations} == {UCUM}
    assert {o.code.coding[0].system for o in observations} == {MEASUREMENT_SYSTEM}
    first = observations[0]
    assert (first.valueQuantity.value, first.bodySite.text) == (7.5, "Left ankle")
    clinic = [o for o in observations if o.method is not None]
    assert len(clinic) == 1
    assert "clinic" in clinic[0].method.text
    subject = next(
        e.fullUrl for e in Bundle.model_validate(_bundle()).entry if e.resource.__class__ is Patient
    )
    assert {o.subject.reference for o in observations} == {subject}


def test_the_care_plan_lists_each_exercise_of_the_plan_with_its_weeks_and_dose() -> None:
    care = next(r for r in _resources(Bundle.model_validate(_bundle())) if isinstance(r, CarePlan))
    codes = {activity.detail.code.coding[0].code for activity in care.activity}
    planned = {item.exercise for day in _plan().days for item in day.items}
    assert codes == planned
    circles = next(
        a for a in care.activity if a.detail.code.coding[0].code == "knee-to-wall-circles"
    )
    assert circles.detail.description.startswith("Knee-to-wall circles: week")
    assert "×" in circles.detail.description
    assert str(care.period.start) == "2026-06-01"
    assert str(care.period.end) == "2026-08-23"


def test_two_exports_of_the_same_data_are_the_same_bundle() -> None:
    assert _bundle() == _bundle()
    without_plan = fhir_bundle(account_id="user-7", measurements=[], plan=None, generated_at=NOW)
    assert [e["resource"]["resourceType"] for e in without_plan["entry"]] == ["Patient"]
    Bundle.model_validate(without_plan)
