"""Coaches and physiotherapists: a client invites with a one-time code, the coach accepts,
and from then on the coach may read (never change) that client's results and progress.
The client can revoke at any time; every coach read goes through ``coach_client_get``."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from dorsi.core.errors import ValidationError
from dorsi.db.models import CoachLink

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed on a phone


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def coach_invite_create(*, client: User) -> CoachLink:
    return CoachLink.objects.create(client=client, code=_code())


def coach_invite_accept(*, coach: User, code: str) -> CoachLink:
    cleaned = code.strip().upper().replace("-", "").replace(" ", "")
    with transaction.atomic():
        link = (
            CoachLink.objects.select_for_update().filter(code=cleaned, coach__isnull=True).first()
        )
        if link is None:
            raise ValidationError("code", "unknown or already used invitation code")
        if link.client_id == coach.pk:
            raise ValidationError("code", "this is your own invitation: give it to your coach")
        if CoachLink.objects.filter(client_id=link.client_id, coach=coach).exists():
            raise ValidationError("code", "you already follow this client")
        link.coach = coach
        link.accepted_at = timezone.now()
        link.save(update_fields=["coach", "accepted_at"])
    return link


def coach_link_revoke(*, user: User, link_id: int) -> None:
    """The client removes a coach or an unused invitation; a coach may also stop following."""
    link = CoachLink.objects.filter(pk=link_id).filter(
        client=user
    ).first() or CoachLink.objects.get(pk=link_id, coach=user)
    link.delete()


def coach_links_of_client(*, client: User) -> list[CoachLink]:
    return list(
        CoachLink.objects.filter(client=client).select_related("coach").order_by("created_at")
    )


def coach_clients(*, coach: User) -> list[CoachLink]:
    return list(
        CoachLink.objects.filter(coach=coach, accepted_at__isnull=False)
        .select_related("client")
        .order_by("client__username")
    )


def coach_client_get(*, coach: User, client_id: int) -> User:
    """The client, if they accepted this coach; User.DoesNotExist otherwise (a 404)."""
    if not CoachLink.objects.filter(
        coach=coach, client_id=client_id, accepted_at__isnull=False
    ).exists():
        raise User.DoesNotExist("not a client of this coach")
    return User.objects.get(pk=client_id)
