"""Export all of a user's data (dorsi.export/v1 JSON, or a zip of CSVs) and import it back.

The bundle holds the dorsi documents: every assessment (dorsi.assessment/v1 input and its
dorsi.report/v1), every plan (dorsi.plan/v1), the retests and sessions as dorsi.log/v1
entries, the current dorsi.log/v1 and dorsi.progress/v1, and the finished video analyses
(``videos``: metadata and dorsi.video/v1 documents, not the video files). Each session keeps
what the athlete added for their coach: ``swelling`` and ``efforts`` (dorsi.log/v1 additions)
and the athlete's ``note`` (an export-only addition; a reader of dorsi.log/v1 ignores it); an
older export without them imports as sessions without them. Next to the questionnaire's
profile, ``profile`` carries the account's settings: ``units``, and when the calendar feed's
reminders ring (``reminder_time`` "HH:MM", ``time_zone`` an IANA name or ""); an older
bundle without them leaves those settings as they are. Importing replaces
the account's data with the bundle's, in one transaction (video analyses are only added, see
dorsi.services.video_export): export -> import -> export gives the same bundle.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from dorsi.core.assessment.parse import ASSESSMENT_SCHEMA
from dorsi.core.coaching.session_details import SessionDetails, parse_session_details
from dorsi.core.codes import PlanMode, Unit, Variant
from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.document import plan_to_document
from dorsi.core.program.parse import parse_plan
from dorsi.core.program.values import Plan as CorePlan
from dorsi.core.program.values import PlanDay
from dorsi.core.progress.log import Retest as CoreRetest
from dorsi.core.progress.log import Session as CoreSession
from dorsi.core.progress.log import (
    parse_retest,
    parse_session,
    retest_to_document,
    session_to_document,
)
from dorsi.core.reader import check_json
from dorsi.db.convert import (
    RETEST_FIELDS,
    SESSION_FIELDS,
    retest_from_core,
    retest_from_values,
    session_from_core,
    session_from_values,
)
from dorsi.db.models import (
    AngleRetest,
    Assessment,
    Export,
    ExportFormat,
    ExportStatus,
    Plan,
    Retest,
    SessionLog,
)
from dorsi.services.accounts import profile_as_document, profile_get, profile_update
from dorsi.services.assessments import assessment_create
from dorsi.services.calendar_feed import reminder_set
from dorsi.services.common import exercise_check, parse_moment, today_or
from dorsi.services.progress import log_document, progress_document
from dorsi.services.tracking import angle_retest_check
from dorsi.services.video_export import videos_export, videos_import, videos_import_check

EXPORT_SCHEMA = "dorsi.export/v1"
T = TypeVar("T")


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def export_bundle(*, user: User, today: date | None = None) -> dict[str, Any]:
    """Everything the user owns, as one JSON-ready document."""
    day = today_or(today)
    assessments = list(Assessment.objects.filter(user=user).order_by("date", "created_at", "id"))
    index = {row.pk: number for number, row in enumerate(assessments)}
    plans = Plan.objects.filter(user=user).order_by("created_at", "id")
    return {
        "schema": EXPORT_SCHEMA,
        "exported_at": timezone.now().isoformat(),
        "account": {"username": user.get_username(), "email": getattr(user, "email", "")},
        "profile": _profile(user),
        "assessments": [
            {
                "input": row.input,
                "report": row.report,
                "created_at": _stamp(row.created_at),
                "cleared_by_professional_at": _stamp(row.cleared_by_professional_at),
            }
            for row in assessments
        ],
        "plans": [
            {
                "assessment": index[row.assessment_id],
                "start": row.start.isoformat(),
                "mode": row.mode,
                "maintenance_since": _day_or_none(row.maintenance_since),
                "returned_to_development_on": _day_or_none(row.returned_to_development_on),
                "active": row.is_active,
                "created_at": _stamp(row.created_at),
                "plan": row.document,
            }
            for row in plans
        ],
        "retests": [
            retest_to_document(retest_from_values(*row))
            for row in Retest.objects.filter(user=user).order_by("date").values_list(*RETEST_FIELDS)
        ],
        "angle_retests": [
            {"date": when.isoformat(), "left_deg": left, "right_deg": right, "source": source}
            for when, left, right, source in AngleRetest.objects.filter(user=user)
            .order_by("date")
            .values_list("date", "left_deg", "right_deg", "source")
        ],
        "sessions": [
            session_to_document(session_from_values(*row)) | ({"note": note} if note else {})
            for *row, note in SessionLog.objects.filter(user=user)
            .order_by("date")
            .values_list(*SESSION_FIELDS, "note")
        ],
        "log": log_document(user=user, today=day),
        "progress": progress_document(user=user, today=day),
        "videos": videos_export(user=user),
    }


def _profile(user: User) -> dict[str, Any]:
    """The questionnaire's profile and the account's settings (units, reminders)."""
    row = profile_get(user=user)
    return profile_as_document(user=user) | {
        "units": row.units,
        "reminder_time": row.reminder_time.strftime("%H:%M"),
        "time_zone": row.time_zone,
    }


def _reminder(profile: dict[str, Any]) -> tuple[time, str] | None:
    """The bundle's reminder setting (taken out of ``profile``), None when an older bundle has
    none; a ValidationError naming the field when it is not a time or a text."""
    at, zone = profile.pop("reminder_time", None), profile.pop("time_zone", None)
    if at is None and zone is None:
        return None
    try:
        moment = time.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise ValidationError("profile.reminder_time", f"{at!r} is not a time like 07:30")
    if zone is not None and not isinstance(zone, str):
        raise ValidationError("profile.time_zone", "is not a time zone name like Europe/Paris")
    return moment, zone or ""


def comparable(bundle: dict[str, Any]) -> dict[str, Any]:
    """The bundle without what legitimately differs between two exports of the same data."""
    return {key: value for key, value in bundle.items() if key not in ("exported_at", "account")}


# Import ------------------------------------------------------------------------------------


def _obj(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(field, "must be an object")
    return value


def _list(bundle: dict[str, Any], key: str) -> list[Any]:
    value = bundle.get(key, [])
    if not isinstance(value, list):
        raise ValidationError(key, "must be a list")
    return value


def _entries(
    bundle: dict[str, Any], today: date
) -> tuple[list[CoreRetest], list[tuple[CoreSession, SessionDetails]]]:
    """Retests and sessions, each checked by the core's fragment parser (one per day), the
    sessions with what the athlete added for their coach (swelling, efforts, note)."""
    retests = [
        _entry(
            "retests", number, lambda item: parse_retest(item, **_ANY_BASELINE, today=today), item
        )
        for number, item in enumerate(_list(bundle, "retests"))
    ]
    sessions = [
        _entry("sessions", number, lambda item: parse_session(item, today=today), item)
        for number, item in enumerate(_list(bundle, "sessions"))
    ]
    for kind, items in (("retests", retests), ("sessions", sessions)):
        seen: set[date] = set()
        for entry in items:
            if entry.when in seen:
                raise ValidationError(
                    kind, f"two entries on {entry.when.isoformat()} (one per day)"
                )
            seen.add(entry.when)
    for number, session in enumerate(sessions):
        exercise_check(session.exercise, field=f"sessions[{number}].exercise")
    items = _list(bundle, "sessions")
    details = [
        _entry("sessions", number, partial(_details, session=session), item)
        for number, (item, session) in enumerate(zip(items, sessions, strict=True))
    ]
    return retests, list(zip(sessions, details, strict=True))


def _angle_entries(bundle: dict[str, Any], today: date) -> list[AngleEntry]:
    """The shin-angle retests (optional in a bundle): a day each, one or two sides in range."""
    out: list[AngleEntry] = []
    for number, item in enumerate(_list(bundle, "angle_retests")):
        out.append(_entry("angle_retests", number, partial(_angle_entry, today=today), item))
    seen: set[date] = set()
    for entry in out:
        if entry.when in seen:
            raise ValidationError(
                "angle_retests", f"two entries on {entry.when.isoformat()} (one per day)"
            )
        seen.add(entry.when)
    return out


@dataclass(frozen=True)
class AngleEntry:
    when: date
    left_deg: float | None
    right_deg: float | None
    source: str


def _angle_entry(item: Any, today: date) -> AngleEntry:
    item = _obj(item, "document")
    text = item.get("date")
    if not isinstance(text, str) or not _is_day(text):
        raise ValidationError("date", "must be a date (YYYY-MM-DD)")
    when = date.fromisoformat(text)
    sides: dict[str, float | None] = {}
    for key in ("left_deg", "right_deg"):
        value = item.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValidationError(key, "must be a number")
        sides[key] = None if value is None else float(value)
    left, right = sides["left_deg"], sides["right_deg"]
    angle_retest_check(
        when=when, left=left, right=right, today=today, fields=("left_deg", "right_deg", "document")
    )
    source = item.get("source", AngleRetest.Source.VIDEO.value)
    if source not in AngleRetest.Source.values:
        raise ValidationError("source", f"must be one of {', '.join(AngleRetest.Source.values)}")
    return AngleEntry(when, left, right, str(source))


def _details(item: dict[str, Any], session: CoreSession) -> SessionDetails:
    """A session's swelling and efforts (read by the core's parser) and the athlete's note,
    held to the rules of a logged session's details (library exercises, a short note)."""
    note = item.get("note", "")
    if not isinstance(note, str):
        raise ValidationError("note", "must be text")
    return parse_session_details(
        swelling=session.swelling,
        efforts=[(exercise, effort.value) for exercise, effort in session.efforts],
        note=note,
        exercise_ids=frozenset(load_library().ids),
    )


# A bundle's retests are read as the log's are, but without a baseline to compare them with:
# each is checked on its own, in the unit it names (cm by default).
_ANY_BASELINE: dict[str, Any] = {
    "variant": Variant.STANDING,
    "default_unit": Unit.CM,
    "baseline": date.min,
}


def _entry(kind: str, number: int, parse: Callable[[Any], T], item: Any) -> T:
    try:
        return parse(item)
    except ValidationError as error:
        inner = "" if error.field in ("", "document") else f".{error.field}"
        raise ValidationError(f"{kind}[{number}]{inner}", error.problem) from None


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def export_import(*, user: User, bundle: Any, today: date | None = None) -> dict[str, int]:
    """Replace the user's data with a dorsi.export/v1 bundle; all or nothing."""
    day = today_or(today)
    bundle = _obj(bundle, "document")
    check_json(bundle)  # NULs, NaN and absurd nesting, in the parts stored as sent too
    if bundle.get("schema") != EXPORT_SCHEMA:
        raise ValidationError("schema", f"is {bundle.get('schema')!r}, expected {EXPORT_SCHEMA!r}")
    profile = dict(_obj(bundle.get("profile", {}), "profile"))
    units = profile.pop("units", None)
    reminder = _reminder(profile)
    retests, sessions = _entries(bundle, day)
    angles = _angle_entries(bundle, day)
    videos = videos_import_check(bundle.get("videos", []))
    with transaction.atomic():
        Plan.objects.filter(user=user).delete()
        Assessment.objects.filter(user=user).delete()
        Retest.objects.filter(user=user).delete()
        AngleRetest.objects.filter(user=user).delete()
        SessionLog.objects.filter(user=user).delete()
        try:
            profile_update(user=user, document=profile, units=units)
        except ValidationError as error:
            raise ValidationError(f"profile.{error.field}".rstrip("."), error.problem) from None
        if reminder is not None:
            try:
                reminder_set(user=user, at=reminder[0], zone=reminder[1])
            except ValidationError as error:
                raise ValidationError("profile.time_zone", error.problem) from None
        created = _import_assessments(user, _list(bundle, "assessments"), day)
        plans = _import_plans(user, _list(bundle, "plans"), created)
        for retest in retests:
            retest_from_core(Retest(user=user), retest).save()
        AngleRetest.objects.bulk_create(
            AngleRetest(
                user=user, date=a.when, left_deg=a.left_deg, right_deg=a.right_deg, source=a.source
            )
            for a in angles
        )
        for session, details in sessions:
            row = session_from_core(SessionLog(user=user), session)
            row.swelling, row.efforts = details.swelling, details.efforts_document()
            row.note = details.note
            row.save()
        added = videos_import(user=user, entries=videos)  # last: it writes files
    return {
        "assessments": len(created),
        "plans": plans,
        "retests": len(retests),
        "angle_retests": len(angles),
        "sessions": len(sessions),
        "videos": added,
    }


def _import_assessments(user: User, items: list[Any], today: date) -> list[Assessment]:
    created = []
    for number, item in enumerate(items):
        where = f"assessments[{number}]"
        item = _obj(item, where)
        document = _obj(item.get("input"), f"{where}.input")
        if document.get("schema", ASSESSMENT_SCHEMA) != ASSESSMENT_SCHEMA:
            raise ValidationError(f"{where}.input.schema", f"expected {ASSESSMENT_SCHEMA!r}")
        try:
            row = assessment_create(
                user=user,
                document=document,
                today=today,
                update_profile=False,
                created_at=parse_moment(item.get("created_at"), f"{where}.created_at"),
            )
        except ValidationError as error:
            raise ValidationError(
                f"{where}.input.{error.field}".rstrip("."), error.problem
            ) from None
        cleared = parse_moment(
            item.get("cleared_by_professional_at"), f"{where}.cleared_by_professional_at"
        )
        if cleared is not None:
            row.cleared_by_professional_at = cleared
            row.save(update_fields=["cleared_by_professional_at"])
        created.append(row)
    return created


def _import_plans(user: User, items: list[Any], assessments: list[Assessment]) -> int:
    active_seen = False
    for number, item in enumerate(items):
        where = f"plans[{number}]"
        item = _obj(item, where)
        ref = item.get("assessment")
        if not isinstance(ref, int) or isinstance(ref, bool) or not 0 <= ref < len(assessments):
            raise ValidationError(
                f"{where}.assessment", "must be the index of an assessment of this bundle"
            )
        plan = _read_plan(item.get("plan"), f"{where}.plan")
        mode = item.get("mode", PlanMode.DEVELOPMENT.value)
        if mode not in {m.value for m in PlanMode}:
            raise ValidationError(
                f"{where}.mode", f"unknown mode {mode!r} (development or maintenance)"
            )
        start = item.get("start")
        if not isinstance(start, str) or not _is_day(start):
            raise ValidationError(f"{where}.start", "must be a date (YYYY-MM-DD)")
        if date.fromisoformat(start) != plan.start:
            raise ValidationError(f"{where}.start", f"must be the plan's start, {plan.start}")
        active = bool(item.get("active"))
        if active and active_seen:
            raise ValidationError(f"{where}.active", "only one plan can be active")
        active_seen = active_seen or active
        Plan.objects.create(
            user=user,
            assessment=assessments[ref],
            start=date.fromisoformat(start),
            mode=mode,
            document=plan_to_document(plan.with_mode(PlanMode(mode))),
            is_active=active,
            maintenance_since=_optional_day(item, "maintenance_since", where),
            returned_to_development_on=_optional_day(item, "returned_to_development_on", where),
            created_at=parse_moment(item.get("created_at"), f"{where}.created_at")
            or timezone.now(),
        )
    return len(items)


def _read_plan(document: Any, where: str) -> CorePlan:
    """A bundle's plan through the core's reader, held to the rules every plan keeps."""
    try:
        return parse_plan(_obj(document, where), library=load_library())
    except ValidationError as error:
        raise ValidationError(f"{where}.{error.field}".rstrip("."), error.problem) from None


def _day_or_none(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _optional_day(item: dict[str, Any], key: str, where: str) -> date | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _is_day(value):
        raise ValidationError(f"{where}.{key}", "must be a date (YYYY-MM-DD) or null")
    return date.fromisoformat(value)


def export_import_json(*, user: User, raw: bytes, today: date | None = None) -> dict[str, int]:
    try:
        bundle = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValidationError("file", "is not a text file (a Dorsi export is JSON text)") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            "file",
            f"is not a JSON document (it breaks at line {error.lineno}, column {error.colno})",
        ) from None
    except RecursionError:
        raise ValidationError("file", "is nested far too deeply to be a Dorsi export") from None
    return export_import(user=user, bundle=bundle, today=today)


# CSV ---------------------------------------------------------------------------------------


# assessments.csv column suffix -> dorsi.report/v1 side field
SIDE_FIELDS = {
    "cm": "knee_to_wall_cm",
    "category": "category",
    "percentile": "percentile",
    "limiting_factors": "limiting_factors",
}


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(row.get(key)) for key in columns})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


ASSESSMENT_COLUMNS = [
    "index",
    "date",
    "variant",
    "unit",
    *(f"{side}_{field}" for side in ("left", "right") for field in SIDE_FIELDS),
    "asymmetry_cm",
    "asymmetry_level",
    "referral",
    "created_at",
]
PLAN_DAY_COLUMNS = ["plan", "active", "week", "phase", "date", "kind", "minutes", "exercises"]
SESSION_COLUMNS = [*SESSION_FIELDS, "note"]  # the stored fields, then the free note
RETEST_COLUMNS = ["date", "unit", "left", "right"]
ANGLE_RETEST_COLUMNS = ["date", "left_deg", "right_deg", "source"]
PROGRESS_COLUMNS = [
    "side",
    "baseline_cm",
    "latest_cm",
    "change_cm",
    "real_change",
    "rate_cm_per_week",
    "projected_goal_date",
    "baseline_date",
    "latest_date",
    "measurements",
]


def _assessment_row(number: int, item: dict[str, Any]) -> dict[str, Any]:
    doc, report = item["input"], item["report"]
    row = {
        "index": number,
        "date": doc.get("date"),
        "variant": doc["knee_to_wall"].get("variant"),
        "unit": doc["knee_to_wall"].get("unit"),
        "referral": report["referral"]["level"],
        "created_at": item["created_at"],
    }
    for side in ("left", "right"):
        part = report["sides"].get(side) or {}
        row |= {f"{side}_{column}": part.get(key) for column, key in SIDE_FIELDS.items()}
    asym = report.get("asymmetry") or {}
    return row | {"asymmetry_cm": asym.get("difference_cm"), "asymmetry_level": asym.get("level")}


def _plan_day_row(plan: int, active: bool, day: PlanDay) -> dict[str, Any]:
    return {
        "plan": plan,
        "active": active,
        "week": day.week,
        "phase": day.phase.value,
        "date": day.date.isoformat(),
        "kind": day.kind.value,
        "minutes": day.minutes,
        "exercises": [item.exercise for item in day.items],
    }


def _progress_rows(progress: dict[str, Any] | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if progress is None:
        return rows
    for side in ("left", "right"):
        part = progress["sides"].get(side)
        if part:
            rows.append(
                {"side": side}
                | {k: v for k, v in part.items() if k != "projected_goal_date"}
                | {"projected_goal_date": (part.get("projected_goal_date") or {}).get("value")}
            )
    return rows


def export_csv_files(*, user: User, today: date | None = None) -> dict[str, str]:
    """One CSV text per kind of data, from the same bundle as the JSON export."""
    bundle = export_bundle(user=user, today=today)
    assessments = [_assessment_row(n, item) for n, item in enumerate(bundle["assessments"])]
    plan_days = [
        _plan_day_row(number, item["active"], day)
        for number, item in enumerate(bundle["plans"])
        for day in parse_plan(item["plan"]).days
    ]
    return {
        "profile.csv": _csv([bundle["profile"]], list(bundle["profile"])),
        "assessments.csv": _csv(assessments, ASSESSMENT_COLUMNS),
        "plan_days.csv": _csv(plan_days, PLAN_DAY_COLUMNS),
        "sessions.csv": _csv(
            [s | {"swelling": bool(s.get("swelling"))} for s in bundle["sessions"]],
            SESSION_COLUMNS,
        ),
        "retests.csv": _csv(bundle["retests"], RETEST_COLUMNS),
        "angle_retests.csv": _csv(bundle["angle_retests"], ANGLE_RETEST_COLUMNS),
        "progress.csv": _csv(_progress_rows(bundle["progress"]), PROGRESS_COLUMNS),
    }


def export_csv_zip(*, user: User, today: date | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in export_csv_files(user=user, today=today).items():
            archive.writestr(name, text)
    return buffer.getvalue()


# Background export files -------------------------------------------------------------------


def export_request(*, user: User, fmt: str) -> Export:
    """Queue the build of an export file; the page polls until it is ready."""
    if fmt not in ExportFormat.values:
        raise ValidationError("format", f"unknown format {fmt!r} (json or csv)")
    row = Export.objects.create(user=user, format=fmt)
    export_build.enqueue(row.pk)
    row.refresh_from_db()
    return row


@task()
def export_build(export_id: int) -> str:
    """The background task: build a requested export file (JSON bundle or zip of CSVs)."""
    return export_build_now(export_id=export_id)


def export_build_now(*, export_id: int) -> str:
    row = Export.objects.select_related("user").get(pk=export_id)
    try:
        if row.format == ExportFormat.JSON:
            content = json.dumps(
                export_bundle(user=row.user), indent=2, ensure_ascii=False
            ).encode()
        else:
            content = export_csv_zip(user=row.user)
    except Exception as error:  # recorded for the user; the task itself must not crash the worker
        row.status, row.error = ExportStatus.FAILED, f"{type(error).__name__}: {error}"
    else:
        row.status, row.content = ExportStatus.READY, content
    row.finished_at = timezone.now()
    row.save(update_fields=["status", "content", "error", "finished_at"])
    return row.status


def export_get(*, user: User, export_id: int) -> Export:
    return Export.objects.get(user=user, pk=export_id)


def export_list(*, user: User) -> list[Export]:
    return list(Export.objects.filter(user=user).defer("content")[:10])


def export_filename(row: Export) -> str:
    stamp = row.created_at.strftime("%Y%m%d-%H%M%S")
    return f"dorsi-export-{stamp}." + ("json" if row.format == ExportFormat.JSON else "zip")
