"""Model <-> core conversion: rows into the core's values and documents, and back."""

from __future__ import annotations

from typing import Any

from dorsi.core.assessment.inputs import Profile as CoreProfile
from dorsi.core.codes import Effort, PainType, SessionStatus, Unit
from dorsi.core.progress.log import Retest as CoreRetest
from dorsi.core.progress.log import Session as CoreSession
from dorsi.db.models import Profile, Retest, SessionLog


def profile_document(profile: Profile) -> dict[str, Any]:
    """The ``profile`` object of dorsi.assessment/v1 for a stored profile."""
    return {
        "age": profile.age,
        "height_cm": profile.height_cm,
        "sports": list(profile.sports),
        "sprains": {"left": profile.sprains_left, "right": profile.sprains_right},
        "training_days": list(profile.training_days),
        "equipment": list(profile.equipment),
        "minutes_per_day": profile.minutes_per_day,
        "desk_job": profile.desk_job,
        "shoe_drop_mm": profile.shoe_drop_mm,
    }


def profile_from_core(profile: Profile, core: CoreProfile) -> Profile:
    """Copy a validated core profile onto a row (not saved)."""
    profile.age = core.age
    profile.height_cm = core.height_cm
    profile.sports = [sport.value for sport in core.sports]
    profile.sprains_left = core.sprains.left
    profile.sprains_right = core.sprains.right
    profile.training_days = [day.value for day in core.training_days]
    profile.equipment = [item.value for item in core.equipment]
    profile.minutes_per_day = core.minutes_per_day
    profile.desk_job = core.desk_job
    profile.shoe_drop_mm = core.shoe_drop_mm
    return profile


def retest_from_core(row: Retest, core: CoreRetest) -> Retest:
    row.date = core.when
    row.unit = core.unit.value
    row.left_cm = core.left_cm
    row.right_cm = core.right_cm
    return row


SESSION_FIELDS = (
    "date",
    "status",
    "minutes",
    "pain",
    "pain_type",
    "exercise",
    "swelling",
    "efforts",
)
RETEST_FIELDS = ("date", "left_cm", "right_cm", "unit")


def session_from_values(
    when: Any,
    status: str,
    minutes: float,
    pain: float,
    pain_type: str,
    exercise: str,
    swelling: bool = False,
    efforts: Any = (),
) -> CoreSession:
    """A core session straight from ``values_list(*SESSION_FIELDS)`` (no model instances:
    two years of daily logs are read on every dashboard view). Swelling and the efforts go
    to the core too, so the step-back rule and effort feedback see them."""
    return CoreSession(
        when=when,
        status=SessionStatus(status),
        minutes=minutes,
        pain=pain,
        pain_type=PainType(pain_type),
        exercise=exercise or None,
        swelling=bool(swelling),
        efforts=_efforts(efforts),
    )


def _efforts(stored: Any) -> tuple[tuple[str, Effort], ...]:
    """The stored ``[{exercise, effort}]`` list; entries that are not valid are skipped."""
    out = []
    for entry in stored or ():
        if not isinstance(entry, dict):
            continue
        exercise, effort = entry.get("exercise"), entry.get("effort")
        if isinstance(exercise, str) and effort in EFFORTS:
            out.append((exercise, Effort(effort)))
    return tuple(out)


EFFORTS = frozenset(effort.value for effort in Effort)


def retest_from_values(
    when: Any, left_cm: float | None, right_cm: float | None, unit: str
) -> CoreRetest:
    return CoreRetest(when=when, left_cm=left_cm, right_cm=right_cm, unit=Unit(unit))


def session_from_core(row: SessionLog, core: CoreSession) -> SessionLog:
    row.date = core.when
    row.status = core.status.value
    row.minutes = core.minutes
    row.pain = core.pain
    row.pain_type = core.pain_type.value
    row.exercise = core.exercise or ""
    return row
