"""The coach's workspace and the athlete's sharing in the JSON API (mounted on ``api`` under
/api/coach/ and /api/sharing/). Same rules as the pages: a coach reaches an athlete only while
that athlete shares with them (else 404), every read is in the athlete's access log, and a
plan change is the core's dorsi.plan-edit/v1, refused with a 422 naming the field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from dorsi.core.program.document import plan_to_document
from dorsi.services.coaching import (
    coach_client_get,
    is_coach,
)
from dorsi.services.coaching_clients import FILTERS, coach_client_list
from dorsi.services.coaching_exports import client_fhir_bundle
from dorsi.services.coaching_notes import NoteEntry, note_post, note_thread
from dorsi.services.coaching_pages import client_overview, session_rows
from dorsi.services.coaching_plans import (
    EditRecord,
    clinic_retest_record,
    plan_edit_history,
)
from dorsi.services.plans import plan_active
from dorsi.web.api_errors import answers

coach_router = Router(tags=["coach"])


# The answers of a coach's routes: read (403 for an athlete, 404 for another coach's client)
# and change (the same, plus the body and CSRF answers of an unsafe method).
def read(ok: dict[int, Any]) -> dict[int, Any]:
    return answers(ok, forbidden=True, not_found=True)


def change(ok: dict[int, Any]) -> dict[int, Any]:
    return answers(ok, unsafe=True, not_found=True)


def account_of(request: HttpRequest) -> User:
    """The logged-in account: ``django_auth`` lets no one else reach a route."""
    user = request.user
    assert isinstance(user, User)
    return user


def _coach(request: HttpRequest) -> User:
    coach = account_of(request)
    if not is_coach(user=coach):
        raise HttpError(403, "Only a coach or physiotherapist account has athletes")
    return coach


def athlete_of(request: HttpRequest, client_id: int, what: str) -> Any:
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


@coach_router.get("/clients", response=answers({200: ClientListOut}, forbidden=True))
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


def edit_out(record: EditRecord) -> dict[str, Any]:
    return {**record.__dict__, "in_force": record.in_force}


@coach_router.get("/clients/{client_id}", response=read({200: ClientDetailOut}))
def client_detail(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """Everything of one athlete: assessment, plan, every session, retests, progress."""
    client = athlete_of(request, client_id, "client")
    page = client_overview(coach=account_of(request), client=client, today=timezone.localdate())
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
        "edits": [edit_out(record) for record in plan_edit_history(client=client)],
    }


class ClinicRetestIn(Schema):
    date: date
    unit: Literal["cm", "in"] = "cm"
    left: float | None = None
    right: float | None = None


@coach_router.post("/clients/{client_id}/retests", response=change({201: RetestOut}))
def clinic_retest(request: HttpRequest, client_id: int, payload: ClinicRetestIn) -> Status[Any]:
    """A knee-to-wall retest measured in the clinic (marked as such)."""
    client = athlete_of(request, client_id, "retest")
    row = clinic_retest_record(
        coach=account_of(request),
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


@coach_router.get("/clients/{client_id}/fhir", response=read({200: dict[str, Any]}))
def fhir(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """The athlete as a FHIR R4 Bundle: Patient, Observations, CarePlan."""
    return client_fhir_bundle(client=athlete_of(request, client_id, "export_fhir"))


# Notes -------------------------------------------------------------------------------------


class NoteIn(Schema):
    text: str = Field(max_length=4000)


class NoteOut(Schema):
    id: int
    author: str
    text: str
    at: datetime
    by_coach: bool


def notes_out(entries: list[NoteEntry]) -> list[dict[str, Any]]:
    return [entry.__dict__ for entry in entries]


@coach_router.get("/clients/{client_id}/notes", response=read({200: list[NoteOut]}))
def coach_notes(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    client = athlete_of(request, client_id, "notes")
    return notes_out(note_thread(client=client, coach=account_of(request)))


@coach_router.post("/clients/{client_id}/notes", response=change({201: NoteOut}))
def coach_note_post(request: HttpRequest, client_id: int, payload: NoteIn) -> Status[Any]:
    """Write to the athlete (they get an email notice)."""
    client = athlete_of(request, client_id, "notes")
    entry = note_post(
        author=account_of(request), client=client, coach=account_of(request), text=payload.text
    )
    return Status(201, entry.__dict__)
