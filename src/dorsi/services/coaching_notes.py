"""The notes thread between an athlete and one of their coaches, with an email notice.

Each posted note sends the other side a short email through the task worker (the console
backend by default), after the note is committed, so a slow mail server never holds the page.
The thread belongs to the live link: when sharing stops, neither side can read or post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from dorsi.core.errors import ValidationError
from dorsi.db.models import CoachLink, CoachNote
from dorsi.services.tasks import email_send

NOTE_MAX_CHARS = 4000
THREAD_LIMIT = 200


@dataclass(frozen=True)
class NoteEntry:
    id: int
    author: str
    text: str
    at: datetime
    by_coach: bool


def _entry(row: CoachNote, coach_id: int, names: dict[int, str]) -> NoteEntry:
    return NoteEntry(
        id=row.pk,
        author=names.get(row.author_id, ""),
        text=row.text,
        at=row.created_at,
        by_coach=row.author_id == coach_id,
    )


def note_thread(*, client: User, coach: User) -> list[NoteEntry]:
    """The thread, oldest first (the latest THREAD_LIMIT notes)."""
    rows = list(CoachNote.objects.filter(client=client, coach=coach).order_by("-created_at", "-id"))
    names = {client.pk: client.get_username(), coach.pk: coach.get_username()}
    return [_entry(row, coach.pk, names) for row in reversed(rows[:THREAD_LIMIT])]


def _clean(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError("text", "write the note")
    if len(text) > NOTE_MAX_CHARS:
        raise ValidationError("text", f"is longer than {NOTE_MAX_CHARS} characters")
    if "\x00" in text:
        raise ValidationError("text", "contains a NUL character")
    return text


def note_post(
    *,
    author: User,
    client: User,
    coach: User,
    text: str,
    reply_url: str = "",
) -> NoteEntry:
    """Add a note to the thread (the caller checked the link is live) and tell the other side."""
    if author.pk not in (client.pk, coach.pk):
        raise ValidationError("author", "only the athlete and their coach write in this thread")
    row = CoachNote.objects.create(client=client, coach=coach, author=author, text=_clean(text))
    other = coach if author.pk == client.pk else client
    address = getattr(other, "email", "")
    if address:
        name = author.get_username()
        body = f"{name} wrote to you on Dorsi:\n\n{row.text}\n"
        if reply_url:
            body += f"\nRead and reply: {reply_url}\n"
        transaction.on_commit(
            lambda: email_send.enqueue(subject=f"A note from {name}", body=body, to=[address])
        )
    names = {client.pk: client.get_username(), coach.pk: coach.get_username()}
    return _entry(row, coach.pk, names)


def athlete_coach_get(*, client: User, link_id: int) -> Any:
    """The coach of the athlete's live link ``link_id`` (User.DoesNotExist otherwise: a 404)."""
    User = get_user_model()
    link = (
        CoachLink.objects.filter(pk=link_id, client=client, accepted_at__isnull=False)
        .select_related("coach")
        .first()
    )
    if link is None or link.coach is None:
        raise User.DoesNotExist("not a live link of this athlete")
    return link.coach
