"""The athlete's side of sharing in the JSON API (mounted on ``api`` under /api/sharing/): who
sees what, accepting a coach's code, stopping at once, the access log and the notes threads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from dorsi.services.coaching import (
    SHARED_DATA,
    access_log,
    client_invite_accept,
    coach_link_revoke,
    coach_links_of_client,
)
from dorsi.services.coaching_notes import athlete_coach_get, note_post, note_thread
from dorsi.web.api_coach import NoteIn, NoteOut, account_of, notes_out
from dorsi.web.api_errors import answers
from dorsi.web.limits import INVITE_PER_ACCOUNT, INVITE_PER_ADDRESS, reached

sharing_router = Router(tags=["sharing"])


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


@sharing_router.get("", response=answers({200: SharingOut}))
def sharing(request: HttpRequest) -> dict[str, Any]:
    """Who can see the athlete's data, and exactly what."""
    return {
        "links": [_link(link) for link in coach_links_of_client(client=account_of(request))],
        "shared": list(SHARED_DATA),
    }


@sharing_router.post("/accept", response=answers({201: LinkOut}, unsafe=True, limited=True))
def sharing_accept(request: HttpRequest, payload: CodeIn) -> Status[Any]:
    """Accept a coach's invitation code: from now on that coach sees the data listed (429
    after too many tries)."""
    limit = reached(request, INVITE_PER_ACCOUNT, INVITE_PER_ADDRESS, count=True)
    if limit is not None:
        raise HttpError(429, limit.advice)
    return Status(201, _link(client_invite_accept(client=account_of(request), code=payload.code)))


@sharing_router.get("/access-log", response=answers({200: list[AccessOut]}))
def sharing_access_log(request: HttpRequest) -> list[dict[str, Any]]:
    """Every view of the athlete's data by a coach, newest first (entries are kept for
    DORSI_ACCESS_LOG_DAYS days, 400 by default, then deleted)."""
    return [entry.__dict__ for entry in access_log(client=account_of(request))]


@sharing_router.delete("/{int:link_id}", response=answers({204: None}, unsafe=True, not_found=True))
def sharing_stop(request: HttpRequest, link_id: int) -> Status[Any]:
    """Stop sharing with that coach (or cancel a code), at once."""
    coach_link_revoke(user=account_of(request), link_id=link_id)
    return Status(204, None)


@sharing_router.get("/{int:link_id}/notes", response=answers({200: list[NoteOut]}, not_found=True))
def sharing_notes(request: HttpRequest, link_id: int) -> list[dict[str, Any]]:
    coach = athlete_coach_get(client=account_of(request), link_id=link_id)
    return notes_out(note_thread(client=account_of(request), coach=coach))


@sharing_router.post(
    "/{int:link_id}/notes", response=answers({201: NoteOut}, unsafe=True, not_found=True)
)
def sharing_note_post(request: HttpRequest, link_id: int, payload: NoteIn) -> Status[Any]:
    """Write to the coach (they get an email notice)."""
    coach = athlete_coach_get(client=account_of(request), link_id=link_id)
    entry = note_post(
        author=account_of(request), client=account_of(request), coach=coach, text=payload.text
    )
    return Status(201, entry.__dict__)
