"""dorsi.log/v1 <-> Log: the baseline assessment, retests and session logs that progress reads.

Every problem raises ValidationError naming the field path (``retests[2].left``,
``assessment.knee_to_wall.left``). Decisions beyond SPEC §7:

- ``today`` must not be before ``plan_start``; no retest or session may be dated after ``today``
  (an error on its ``date``: the core has no clock, so the log's ``today`` is the present).
- A retest may not predate the baseline (the assessment ``date``, else ``plan_start``).
- A retest's ``unit`` defaults to the assessment's unit; an optional ``variant`` must match the
  assessment's (standing and half-kneeling values are never mixed in one series, SPEC §1).
- A session's ``minutes`` and ``pain`` default to 0 and ``pain_type`` to ``none``;
  ``exercise`` is a kebab-case id. Sessions before ``plan_start`` are allowed (ignored by adherence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dorsi.core.assessment.inputs import AssessmentInput
from dorsi.core.assessment.parse import assessment_to_document, parse_assessment
from dorsi.core.codes import Effort, PainType, SessionStatus, Side, Unit, Variant
from dorsi.core.errors import ValidationError
from dorsi.core.reader import Reader, check_schema
from dorsi.core.thresholds import KNEE_TO_WALL_RANGE, PAIN_RANGE, SESSION_MINUTES_RANGE
from dorsi.core.units import from_cm, to_cm

LOG_SCHEMA = "dorsi.log/v1"
_EXERCISE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Retest:
    """One knee-to-wall retest; distances stored in cm, ``unit`` kept for round trips."""

    when: date
    left_cm: float | None
    right_cm: float | None
    unit: Unit = Unit.CM

    def get(self, side: Side) -> float | None:
        return self.left_cm if side is Side.LEFT else self.right_cm

    def swapped(self) -> Retest:
        return replace(self, left_cm=self.right_cm, right_cm=self.left_cm)


@dataclass(frozen=True)
class Session:
    when: date
    status: SessionStatus
    minutes: float = 0.0
    pain: float = 0.0
    pain_type: PainType = PainType.NONE
    exercise: str | None = None
    swelling: bool = False  # swelling or heat after training (the step-back rule)
    efforts: tuple[tuple[str, Effort], ...] = ()  # (exercise id, effort) as rated

    @property
    def counts_as_done(self) -> bool:
        """SPEC §7: ``done`` and ``partial`` both count as a done day."""
        return self.status in (SessionStatus.DONE, SessionStatus.PARTIAL)

    @property
    def sharp_or_pinching(self) -> bool:
        return self.pain_type in (PainType.SHARP, PainType.PINCH)


@dataclass(frozen=True)
class Log:
    """A validated dorsi.log/v1 document; retests and sessions sorted by date (stable)."""

    assessment: AssessmentInput
    plan_start: date
    today: date
    retests: tuple[Retest, ...] = ()
    sessions: tuple[Session, ...] = ()
    ignored_fields: tuple[str, ...] = ()

    @property
    def baseline_date(self) -> date:
        """The baseline is dated at the assessment, or at the plan start when it has no date."""
        return self.assessment.date or self.plan_start

    def swapped(self) -> Log:
        """The same log with left and right exchanged everywhere."""
        return replace(
            self,
            assessment=self.assessment.swapped(),
            retests=tuple(retest.swapped() for retest in self.retests),
        )


def parse_log(data: object) -> Log:
    """Validate a dorsi.log/v1 document; raise ValidationError naming the field."""
    check_schema(data, LOG_SCHEMA)
    doc = Reader(data)
    assessment = _assessment(doc.raw("assessment"))
    plan_start = _required_day(doc, "plan_start")
    today = _required_day(doc, "today")
    if today < plan_start:
        raise ValidationError(
            "today", f"{today.isoformat()} is before plan_start ({plan_start.isoformat()})"
        )
    if assessment.date is not None and assessment.date > today:
        raise ValidationError("assessment.date", _after_today(assessment.date, today))
    baseline = assessment.date or plan_start
    retests = [
        _retest(
            Reader(item, doc.field("retests") + f"[{index}]", doc.ignored),
            variant=assessment.variant,
            default_unit=assessment.unit,
            baseline=baseline,
            today=today,
        )
        for index, item in enumerate(doc.items("retests"))
    ]
    sessions = [
        _session(Reader(item, doc.field("sessions") + f"[{index}]", doc.ignored), today)
        for index, item in enumerate(doc.items("sessions"))
    ]
    doc.finish()
    ignored = [f"assessment.{name}" for name in assessment.ignored_fields] + doc.ignored
    return Log(
        assessment=assessment,
        plan_start=plan_start,
        today=today,
        retests=tuple(sorted(retests, key=lambda r: r.when)),
        sessions=tuple(sorted(sessions, key=lambda s: s.when)),
        ignored_fields=tuple(sorted(set(ignored))),
    )


def parse_retest(
    data: object, *, variant: Variant, default_unit: Unit, baseline: date, today: date
) -> Retest:
    """One ``retests[]`` entry on its own (a form, the API, the CLI): the rules of a log's
    retest, against the baseline it will be compared with."""
    return _retest(
        Reader(data), variant=variant, default_unit=default_unit, baseline=baseline, today=today
    )


def parse_session(data: object, *, today: date) -> Session:
    """One ``sessions[]`` entry on its own, with the rules of a log's session."""
    return _session(Reader(data), today)


def _assessment(raw: object) -> AssessmentInput:
    if raw is None:
        raise ValidationError("assessment", "is required (the baseline dorsi.assessment/v1)")
    try:
        return parse_assessment(raw)
    except ValidationError as error:
        inner = "" if error.field in ("", "document") else f".{error.field}"
        raise ValidationError(f"assessment{inner}", error.problem) from None


def _after_today(when: date, today: date) -> str:
    return f"{when.isoformat()} is after today ({today.isoformat()})"


def _required_day(part: Reader, key: str) -> date:
    when = part.day(key)
    if when is None:
        raise ValidationError(part.field(key), "is required (YYYY-MM-DD)")
    return when


def _dated(part: Reader, today: date) -> date:
    when = _required_day(part, "date")
    if when > today:
        raise ValidationError(part.field("date"), _after_today(when, today))
    return when


def _retest(
    part: Reader, *, variant: Variant, default_unit: Unit, baseline: date, today: date
) -> Retest:
    when = _dated(part, today)
    if when < baseline:
        raise ValidationError(
            part.field("date"),
            f"{when.isoformat()} is before the baseline assessment ({baseline.isoformat()})",
        )
    given = part.code("variant", Variant)
    if given is not None and given is not variant:
        raise ValidationError(
            part.field("variant"),
            f"is {given.value} but the baseline is {variant.value}; "
            "the two tests are never mixed in one series",
        )
    unit = part.code("unit", Unit) or default_unit
    values = {side: part.number(side.value, KNEE_TO_WALL_RANGE[unit]) for side in Side}
    part.finish()
    if values[Side.LEFT] is None and values[Side.RIGHT] is None:
        raise ValidationError(part.path or "left", "needs a value for left or right (or both)")
    left, right = (None if values[s] is None else to_cm(values[s] or 0.0, unit) for s in Side)
    return Retest(when=when, left_cm=left, right_cm=right, unit=unit)


def _session(part: Reader, today: date) -> Session:
    when = _dated(part, today)
    status = part.code("status", SessionStatus)
    if status is None:
        raise ValidationError(part.field("status"), "is required (done, partial or skipped)")
    exercise = part.string("exercise")
    if exercise is not None and not _EXERCISE_ID.match(exercise):
        raise ValidationError(
            part.field("exercise"),
            f"{exercise!r} is not an exercise id (kebab-case, e.g. ankle-cars)",
        )
    session = Session(
        when=when,
        status=status,
        minutes=part.number("minutes", SESSION_MINUTES_RANGE) or 0.0,
        pain=part.number("pain", PAIN_RANGE) or 0.0,
        pain_type=part.code("pain_type", PainType) or PainType.NONE,
        exercise=exercise,
        swelling=bool(part.boolean("swelling")),
        efforts=_efforts(part),
    )
    part.finish()
    return session


def _efforts(part: Reader) -> tuple[tuple[str, Effort], ...]:
    out = []
    for index, raw in enumerate(part.items("efforts")):
        entry = Reader(raw, part.field("efforts") + f"[{index}]", part.ignored)
        exercise = entry.string("exercise", required=True) or ""
        if not _EXERCISE_ID.match(exercise):
            raise ValidationError(entry.field("exercise"), f"{exercise!r} is not an exercise id")
        effort = entry.code("effort", Effort)
        if effort is None:
            raise ValidationError(entry.field("effort"), "is required (too_easy, right, too_hard)")
        entry.finish()
        out.append((exercise, effort))
    return tuple(out)


def log_to_document(log: Log) -> dict[str, Any]:
    """The dorsi.log/v1 document for ``log`` (retest distances in their original unit)."""
    return {
        "schema": LOG_SCHEMA,
        "assessment": assessment_to_document(log.assessment),
        "plan_start": log.plan_start.isoformat(),
        "today": log.today.isoformat(),
        "retests": [retest_to_document(retest) for retest in log.retests],
        "sessions": [session_to_document(session) for session in log.sessions],
    }


def retest_to_document(retest: Retest) -> dict[str, Any]:
    doc: dict[str, Any] = {"date": retest.when.isoformat(), "unit": retest.unit.value}
    for side in Side:
        value = retest.get(side)
        doc[side.value] = None if value is None else round(from_cm(value, retest.unit), 4)
    return doc


def session_to_document(session: Session) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "date": session.when.isoformat(),
        "status": session.status.value,
        "minutes": session.minutes,
        "pain": session.pain,
        "pain_type": session.pain_type.value,
    }
    if session.exercise is not None:
        doc["exercise"] = session.exercise
    if session.swelling:
        doc["swelling"] = True
    if session.efforts:
        doc["efforts"] = [
            {"exercise": ex, "effort": effort.value} for ex, effort in session.efforts
        ]
    return doc
