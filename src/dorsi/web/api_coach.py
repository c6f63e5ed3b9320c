"""The coach's workspace and the athlete's sharing in the JSON API (mounted on ``api`` under
/api/coach/ and /api/sharing/). Same rules as the pages: a coach reaches an athlete only while
that athlete shares with them (else 404), every read is in the athlete's access log, and a
plan change is the core's dorsi.plan-edit/v1, refused with a 422 naming the field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from dorsi.core.program.document import plan_to_document
from dorsi.services.coaching import (
    SHARED_DATA,
    access_log,
    client_invite_accept,
    coach_client_get,
    coach_link_revoke,
    coach_links_of_client,
    is_coach,
)
from dorsi.services.coaching_clients import FILTERS, coach_client_list
from dorsi.services.coaching_exports import client_fhir_bundle
from dorsi.services.coaching_notes import NoteEntry, athlete_coach_get, note_post, note_thread
from dorsi.services.coaching_pages import client_overview, session_rows
from dorsi.services.coaching_plans import (
    EditRecord,
    clinic_retest_record,
    plan_edit_apply,
    plan_edit_history,
    plan_edit_revert,
)
from dorsi.services.plans import plan_active

coach_router = Router(tags=["coach"])
sharing_router = Router(tags=["sharing"])


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    loc: list[str | int]
    field: str
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


NOT_FOUND = {404: ErrorOut}
REFUSED = {404: ErrorOut, 422: ValidationErrorOut}


def _coach(request: HttpRequest) -> Any:
    if not is_coach(user=request.user):
        raise HttpError(403, "Only a coach or physiotherapist account has athletes")
    return request.user


def _athlete(request: HttpRequest, client_id: int, what: str) -> Any:
    return coach_client_get(coach=_coach(request), client_id=client_id, what=what)


# The client list and one client ----------------------------------------------------------


class ReasonOut(Schema):
    concern: str
    text: str


class ClientOut(Schema):
    id: int
    username: str
    email: str
    needs_attention: bool
    headline: str
    reasons: list[ReasonOut]
    plan_start: date | None
    last_active: date | None


class ClientListOut(Schema):
    today: date
    total: int
    concern: str
    clients: list[ClientOut]


class ListFilters(Schema):
    concern: str = Field("all", description="One of: " + ", ".join(FILTERS))
    q: str = Field("", max_length=100, description="Search in username and email")


def _reasons(attention: Any) -> list[dict[str, str]]:
    return [{"concern": r.concern.value, "text": r.text} for r in attention.reasons]


@coach_router.get("/clients", response={200: ClientListOut, 403: ErrorOut})
def clients(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    """Athletes who share with the coach, most in need of attention first."""
    listing = coach_client_list(
        coach=_coach(request), concern=filters.concern, query=filters.q, today=timezone.localdate()
    )
    return {
        "today": listing.today,
        "total": listing.total,
        "concern": listing.concern,
        "clients": [
            {
                "id": row.client_id,
                "username": row.username,
                "email": row.email,
                "needs_attention": row.attention.needed,
                "headline": row.attention.headline,
                "reasons": _reasons(row.attention),
                "plan_start": row.plan_start,
                "last_active": row.last_active,
            }
            for row in listing.rows
        ],
    }


class SessionOut(Schema):
    date: date
    status: str
    minutes: float
    pain: float
    pain_type: str
    exercise: str = Field(description="The name of the exercise that hurt")
    swelling: bool
    efforts: str
    note: str


class RetestOut(Schema):
    id: int
    date: date
    left_cm: float | None
    right_cm: float | None
    in_clinic: bool


class EditOut(Schema):
    id: int
    summary: str
    note: str
    author: str
    created_at: datetime
    reverted_at: datetime | None
    reverted_by: str
    in_force: bool
    operation: dict[str, Any] = Field(description="The change as dorsi.plan-edit/v1")


class ClientDetailOut(Schema):
    id: int
    username: str
    shared_since: datetime | None
    reasons: list[ReasonOut]
    assessment: dict[str, Any] | None = Field(description="The latest dorsi.report/v1")
    plan: dict[str, Any] | None = Field(description="The active dorsi.plan/v1")
    progress: dict[str, Any] | None = Field(description="dorsi.progress/v1")
    sessions: list[SessionOut]
    retests: list[RetestOut]
    videos: int
    edits: list[EditOut]


def _edit(record: EditRecord) -> dict[str, Any]:
    return {**record.__dict__, "in_force": record.in_force}


@coach_router.get(
    "/clients/{client_id}", response={200: ClientDetailOut, 403: ErrorOut, 404: ErrorOut}
)
def client_detail(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """Everything of one athlete: assessment, plan, every session, retests, progress."""
    client = _athlete(request, client_id, "client")
    page = client_overview(coach=request.user, client=client, today=timezone.localdate())
    active = plan_active(user=client)
    return {
        "id": client.pk,
        "username": client.get_username(),
        "shared_since": page.shared_since,
        "reasons": _reasons(page.attention),
        "assessment": page.report,
        "plan": None if active is None else plan_to_document(active.plan),
        "progress": page.progress,
        "sessions": [row.__dict__ for row in session_rows(client=client)],
        "retests": [
            {
                "id": r.pk,
                "date": r.date,
                "left_cm": r.left_cm,
                "right_cm": r.right_cm,
                "in_clinic": r.in_clinic,
            }
            for r in page.retests
        ],
        "videos": page.videos,
        "edits": [_edit(record) for record in plan_edit_history(client=client)],
    }


# Plan changes ------------------------------------------------------------------------------


class ScopeIn(Schema):
    from_: date = Field(alias="from", description="The day the change starts (never earlier)")
    weeks: list[int] = []
    dates: list[date] = []


class DoseIn(Schema):
    sets: int
    reps: int | None = None
    seconds: int | None = None
    lowering_s: int | None = None


class PlanEditIn(Schema):
    """A dorsi.plan-edit/v1 change; which fields apply depends on ``kind``."""

    kind: Literal["swap", "dose", "add", "remove", "minutes", "note"]
    exercise: str | None = Field(None, description="Library id (swap: the one replaced)")
    replacement: str | None = Field(None, description="swap: the new exercise's library id")
    scope: ScopeIn | None = None
    dose: DoseIn | None = None
    side: Literal["left", "right", "both"] | None = None
    minutes_per_day: int | None = None
    from_: date | None = Field(None, alias="from", description="minutes: from which day")
    note: str = ""


class PlanEditOut(Schema):
    edit: EditOut
    plan: dict[str, Any] = Field(description="The athlete's plan after the change")


def _document(payload: PlanEditIn) -> dict[str, Any]:
    document = payload.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {"schema": "dorsi.plan-edit/v1", **document}


def _plan_now(client: Any) -> dict[str, Any]:
    active = plan_active(user=client)
    return {} if active is None else plan_to_document(active.plan)


@coach_router.get("/clients/{client_id}/plan/edits", response={200: list[EditOut], **NOT_FOUND})
def plan_edits(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    """The history of changes to the athlete's active plan, newest first."""
    client = _athlete(request, client_id, "history")
    return [_edit(record) for record in plan_edit_history(client=client)]


@coach_router.post("/clients/{client_id}/plan/edits", response={201: PlanEditOut, **REFUSED})
def plan_edit(request: HttpRequest, client_id: int, payload: PlanEditIn) -> Status:
    """Change the athlete's plan; 422 names why the change is refused (time budget, library,
    equipment, dose progression, a red flag, a day already past)."""
    client = _athlete(request, client_id, "edit")
    record = plan_edit_apply(
        coach=request.user, client=client, document=_document(payload), today=timezone.localdate()
    )
    return Status(201, {"edit": _edit(record), "plan": _plan_now(client)})


@coach_router.post(
    "/clients/{client_id}/plan/edits/{edit_id}/revert", response={200: PlanEditOut, **REFUSED}
)
def plan_edit_undo(request: HttpRequest, client_id: int, edit_id: int) -> dict[str, Any]:
    """Undo one change; the plan is rebuilt with the changes still in force."""
    client = _athlete(request, client_id, "edit")
    record = plan_edit_revert(coach=request.user, client=client, edit_id=edit_id)
    return {"edit": _edit(record), "plan": _plan_now(client)}


class ClinicRetestIn(Schema):
    date: date
    unit: Literal["cm", "in"] = "cm"
    left: float | None = None
    right: float | None = None


@coach_router.post("/clients/{client_id}/retests", response={201: RetestOut, **REFUSED})
def clinic_retest(request: HttpRequest, client_id: int, payload: ClinicRetestIn) -> Status:
    """A knee-to-wall retest measured in the clinic (marked as such)."""
    client = _athlete(request, client_id, "retest")
    row = clinic_retest_record(
        coach=request.user,
        client=client,
        when=payload.date,
        left=payload.left,
        right=payload.right,
        unit=payload.unit,
    )
    return Status(
        201,
        {
            "id": row.pk,
            "date": row.date,
            "left_cm": row.left_cm,
            "right_cm": row.right_cm,
            "in_clinic": row.in_clinic,
        },
    )


@coach_router.get("/clients/{client_id}/fhir", response={200: dict[str, Any], **NOT_FOUND})
def fhir(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """The athlete as a FHIR R4 Bundle: Patient, Observations, CarePlan."""
    return client_fhir_bundle(client=_athlete(request, client_id, "export_fhir"))


# Notes -------------------------------------------------------------------------------------


class NoteIn(Schema):
    text: str = Field(max_length=4000)


class NoteOut(Schema):
    id: int
    author: str
    text: str
    at: datetime
    by_coach: bool


def _notes(entries: list[NoteEntry]) -> list[dict[str, Any]]:
    return [entry.__dict__ for entry in entries]


@coach_router.get("/clients/{client_id}/notes", response={200: list[NoteOut], **NOT_FOUND})
def coach_notes(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    client = _athlete(request, client_id, "notes")
    return _notes(note_thread(client=client, coach=request.user))


@coach_router.post("/clients/{client_id}/notes", response={201: NoteOut, **REFUSED})
def coach_note_post(request: HttpRequest, client_id: int, payload: NoteIn) -> Status:
    """Write to the athlete (they get an email notice)."""
    client = _athlete(request, client_id, "notes")
    entry = note_post(author=request.user, client=client, coach=request.user, text=payload.text)
    return Status(201, entry.__dict__)


# The athlete's side ------------------------------------------------------------------------


class LinkOut(Schema):
    id: int
    coach: str | None = Field(description="Null while the code is not used")
    since: datetime | None
    code: str | None = Field(description="The code to give the coach, while it is not used")


class SharingOut(Schema):
    links: list[LinkOut]
    shared: list[str] = Field(description="Exactly what a coach sees")


class AccessOut(Schema):
    coach: str
    what: str
    at: datetime


class CodeIn(Schema):
    code: str = Field(max_length=40)


def _link(link: Any) -> dict[str, Any]:
    live = link.accepted_at is not None
    return {
        "id": link.pk,
        "coach": link.coach.get_username() if live else None,
        "since": link.accepted_at,
        "code": None if live else link.code,
    }


@sharing_router.get("", response=SharingOut)
def sharing(request: HttpRequest) -> dict[str, Any]:
    """Who can see the athlete's data, and exactly what."""
    return {
        "links": [_link(link) for link in coach_links_of_client(client=request.user)],
        "shared": list(SHARED_DATA),
    }


@sharing_router.post("/accept", response={201: LinkOut, 422: ValidationErrorOut})
def sharing_accept(request: HttpRequest, payload: CodeIn) -> Status:
    """Accept a coach's invitation code: from now on that coach sees the data listed."""
    return Status(201, _link(client_invite_accept(client=request.user, code=payload.code)))


@sharing_router.get("/access-log", response=list[AccessOut])
def sharing_access_log(request: HttpRequest) -> list[dict[str, Any]]:
    """Every view of the athlete's data by a coach, newest first."""
    return [entry.__dict__ for entry in access_log(client=request.user)]


@sharing_router.delete("/{int:link_id}", response={204: None, **NOT_FOUND})
def sharing_stop(request: HttpRequest, link_id: int) -> Status:
    """Stop sharing with that coach (or cancel a code), at once."""
    coach_link_revoke(user=request.user, link_id=link_id)
    return Status(204, None)


@sharing_router.get("/{int:link_id}/notes", response={200: list[NoteOut], **NOT_FOUND})
def sharing_notes(request: HttpRequest, link_id: int) -> list[dict[str, Any]]:
    coach = athlete_coach_get(client=request.user, link_id=link_id)
    return _notes(note_thread(client=request.user, coach=coach))


@sharing_router.post("/{int:link_id}/notes", response={201: NoteOut, **REFUSED})
def sharing_note_post(request: HttpRequest, link_id: int, payload: NoteIn) -> Status:
    """Write to the coach (they get an email notice)."""
    coach = athlete_coach_get(client=request.user, link_id=link_id)
    entry = note_post(author=request.user, client=request.user, coach=coach, text=payload.text)
    return Status(201, entry.__dict__)
