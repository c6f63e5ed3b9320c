"""Coaches and physiotherapists: accounts, sharing, and the one door to an athlete's data.

Sharing starts with a one-time code made by either side: the athlete gives a code to the coach,
or the coach sends a link or code to the athlete. Once both sides are set the link is live; the
athlete (or the coach) ends it by deleting it, so access stops on the next request. Every read
of an athlete's data by a coach goes through ``coach_client_get``, which checks the live link
and writes the access log the athlete reads.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from dorsi.core.errors import ValidationError
from dorsi.db.models import CoachAccess, CoachLink, LinkInviter, Role
from dorsi.services.accounts import profile_get, user_create

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed on a phone
CODE_LENGTH = 10
BULK_ACCESS_ROWS = 20
# The access log's retention (``DORSI_ACCESS_LOG_DAYS``) is enforced by the task workers' sweep,
# at most this many rows per statement and this many statements per sweep, so a first sweep over
# a large backlog never holds the worker's heartbeat for long (the rest goes at the next sweep).
ACCESS_PRUNE_BATCH = 5000
ACCESS_PRUNE_BATCHES = 10

# Exactly what a coach sees of an athlete who shares (shown to the athlete, in this order).
SHARED_DATA = (
    "Your assessments: the measurements, what limits each ankle, findings and referrals",
    "Your plan, day by day; your coach may change it (you see each change and its note, "
    "and the history keeps who changed what and when)",
    "Every session you log: done or not, minutes, pain and its type, effort, swelling and "
    "your notes",
    "Your retests and your progress chart; your coach may add a retest measured in the clinic",
    "Your videos: the analyses, the annotated videos and comparisons",
    "Exports of all of this (JSON, spreadsheet files, a clinic record file) and a printable "
    "handout of your plan",
    "The notes you and your coach write to each other",
)

# What each access-log entry means, in the athlete's words.
ACCESS_WORDS = {
    "list": "saw your summary in their client list",
    "client": "opened your overview",
    "assessment": "read an assessment",
    "plan": "looked at your plan",
    "day": "looked at a day of your plan",
    "sessions": "read your session logs",
    "progress": "looked at your retests and progress",
    "videos": "listed your videos",
    "video": "watched a video analysis",
    "video_file": "downloaded a video file",
    "compare": "compared two of your videos",
    "edit": "changed your plan",
    "history": "read the history of plan changes",
    "retest": "recorded a retest in the clinic",
    "notes": "read your notes thread",
    "handout": "printed your home-program handout",
    "export_json": "downloaded a full export (JSON)",
    "export_csv": "downloaded a spreadsheet export (CSV)",
    "export_fhir": "downloaded a clinic record file (FHIR)",
}


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def clean_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


# Roles -------------------------------------------------------------------------------------


def role_of(*, user: User) -> Role:
    return Role(profile_get(user=user).role)


def is_coach(*, user: User) -> bool:
    return bool(user.is_authenticated) and role_of(user=user) is Role.COACH


def role_set(*, user: User, role: str) -> Role:
    if role not in Role.values:
        raise ValidationError("role", f"unknown role {role!r} (expected athlete or coach)")
    profile = profile_get(user=user)
    profile.role = role
    profile.save(update_fields=["role"])
    return Role(role)


def account_create(*, username: str, password: str, email: str = "", role: str) -> Any:
    """Sign-up with a role: an athlete (the default) or a coach or physiotherapist."""
    if role not in Role.values:
        raise ValidationError("role", f"unknown role {role!r} (expected athlete or coach)")
    with transaction.atomic():
        user = user_create(username=username, password=password, email=email)
        role_set(user=user, role=role)
    return user


# Invitations -------------------------------------------------------------------------------


def coach_invite_create(*, client: User) -> CoachLink:
    """An athlete's code for their coach (works once)."""
    return CoachLink.objects.create(client=client, code=_code(), invited_by=LinkInviter.CLIENT)


def client_invite_create(*, coach: User) -> CoachLink:
    """A coach's code (or link) for an athlete (works once)."""
    if not is_coach(user=coach):
        raise ValidationError("role", "only a coach or physiotherapist account can invite athletes")
    return CoachLink.objects.create(coach=coach, code=_code(), invited_by=LinkInviter.COACH)


def _pending(code: str, inviter: LinkInviter) -> CoachLink | None:
    return (
        CoachLink.objects.select_for_update()
        .filter(code=clean_code(code), accepted_at__isnull=True, invited_by=inviter)
        .first()
    )


def coach_invite_accept(*, coach: User, code: str) -> CoachLink:
    """The coach accepts an athlete's code."""
    if not is_coach(user=coach):
        raise ValidationError(
            "code", "switch your account to coach or physiotherapist in your profile first"
        )
    with transaction.atomic():
        link = _pending(code, LinkInviter.CLIENT)
        if link is None:
            raise ValidationError("code", "unknown or already used invitation code")
        if link.client_id == coach.pk:
            raise ValidationError("code", "this is your own invitation: give it to your coach")
        if CoachLink.objects.filter(client_id=link.client_id, coach=coach).exists():
            raise ValidationError("code", "you already follow this athlete")
        link.coach = coach
        link.accepted_at = timezone.now()
        link.save(update_fields=["coach", "accepted_at"])
    return link


def client_invite_accept(*, client: User, code: str) -> CoachLink:
    """The athlete accepts a coach's code or link: from now on that coach sees their data."""
    with transaction.atomic():
        link = _pending(code, LinkInviter.COACH)
        if link is None:
            raise ValidationError("code", "unknown or already used invitation code")
        if link.coach_id == client.pk:
            raise ValidationError("code", "this is your own invitation: send it to an athlete")
        if CoachLink.objects.filter(client=client, coach_id=link.coach_id).exists():
            raise ValidationError("code", "you already share your data with this coach")
        link.client = client
        link.accepted_at = timezone.now()
        link.save(update_fields=["client", "accepted_at"])
    return link


def invite_coach_name(*, code: str) -> str | None:
    """The coach behind a pending coach invitation (for the page the link opens), or None."""
    link = (
        CoachLink.objects.filter(
            code=clean_code(code), accepted_at__isnull=True, invited_by=LinkInviter.COACH
        )
        .select_related("coach")
        .first()
    )
    return None if link is None or link.coach is None else link.coach.get_username()


def coach_link_revoke(*, user: User, link_id: int) -> None:
    """The athlete stops sharing (or cancels a code); a coach may stop following or cancel."""
    link = (
        CoachLink.objects.filter(pk=link_id, client=user).first()
        or CoachLink.objects.filter(pk=link_id, coach=user).first()
    )
    if link is None:
        raise CoachLink.DoesNotExist("not a link of this user")
    link.delete()


# Selectors ---------------------------------------------------------------------------------


def coach_links_of_client(*, client: User) -> list[CoachLink]:
    return list(
        CoachLink.objects.filter(client=client).select_related("coach").order_by("created_at")
    )


def coach_pending_invites(*, coach: User) -> list[CoachLink]:
    return list(
        CoachLink.objects.filter(coach=coach, accepted_at__isnull=True).order_by("created_at")
    )


def coach_links(*, coach: User) -> QuerySet[CoachLink]:
    """The coach's live links (athletes who share), with each athlete."""
    return CoachLink.objects.filter(coach=coach, accepted_at__isnull=False).select_related("client")


def coach_client_get(*, coach: User, client_id: int, what: str = "client") -> Any:
    """The athlete, if they share with this coach right now (User.DoesNotExist otherwise: a 404);
    the read is written to the athlete's access log."""
    User = get_user_model()
    if not is_coach(user=coach) or not (
        CoachLink.objects.filter(
            coach=coach, client_id=client_id, accepted_at__isnull=False
        ).exists()
    ):
        raise User.DoesNotExist("not a client of this coach")
    access_record(coach=coach, client_ids=[client_id], what=what)
    return User.objects.get(pk=client_id)


def access_record(*, coach: User, client_ids: Iterable[int], what: str) -> None:
    if what not in ACCESS_WORDS:
        raise ValueError(f"unknown access kind {what!r}")
    now = timezone.now()
    name = coach.get_username()
    rows = [(client_id, coach.pk, name, what, now) for client_id in client_ids]
    if len(rows) < BULK_ACCESS_ROWS:
        CoachAccess.objects.bulk_create(
            CoachAccess(client_id=row[0], coach_id=row[1], coach_name=name, what=what, at=now)
            for row in rows
        )
        return
    # The client list logs one row per athlete on every view: one statement, no model objects
    # (200 model instances cost more than the rest of the list's queries).
    table = connection.ops.quote_name(CoachAccess._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(name)
        for name in ("client_id", "coach_id", "coach_name", "what", "at")
    )
    stamp = CoachAccess._meta.get_field("at").get_db_prep_value(now, connection)
    with transaction.atomic(), connection.cursor() as cursor:  # one commit, not one per row
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608 (names from the model)
            [(*row[:4], stamp) for row in rows],
        )


def access_log_days() -> int:
    """How many days an access-log entry is kept."""
    return int(settings.DORSI_ACCESS_LOG_DAYS)


def access_log_prune(
    *,
    now: datetime | None = None,
    batch: int = ACCESS_PRUNE_BATCH,
    batches: int = ACCESS_PRUNE_BATCHES,
) -> int:
    """Delete access-log entries older than the retention, oldest first, in batches (by an
    index on ``at``); returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=access_log_days())
    old = CoachAccess.objects.filter(at__lt=cutoff).order_by("at", "id")
    pruned = 0
    for _ in range(batches):
        ids = list(old.values_list("id", flat=True)[:batch])
        if not ids:
            break
        pruned += CoachAccess.objects.filter(id__in=ids).delete()[0]
        if len(ids) < batch:
            break
    return pruned


@dataclass(frozen=True)
class AccessEntry:
    coach: str
    what: str  # words
    at: datetime


def access_log(*, client: User, limit: int = 200) -> list[AccessEntry]:
    """The athlete's access log, newest first."""
    rows = CoachAccess.objects.filter(client=client).values_list("coach_name", "what", "at")
    return [
        AccessEntry(coach=name, what=ACCESS_WORDS.get(what, what), at=at)
        for name, what, at in rows[:limit]
    ]
