"""The private calendar feed (.ics) of the active plan, behind a secret, revocable token.

This module holds the token logic only; the calendar itself is ``dorsi.formats.ics``, the same
builder as `dorsi plan --format ics`, fed with the active plan in its current mode.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from dorsi.db.models import CalendarFeed
from dorsi.formats.ics import plan_to_ics
from dorsi.services.common import today_or
from dorsi.services.plans import plan_active


def calendar_feed_get(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_create(*, user: User) -> CalendarFeed:
    """A new secret token; any previous URL stops working (rotation = revoke + create)."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def calendar_ics(*, token: str, base_url: str = "", today: date | None = None) -> bytes | None:
    """The feed of the token's owner, or None for an unknown (or revoked) token."""
    feed = (
        CalendarFeed.objects.select_related("user").filter(token=token).first() if token else None
    )
    if feed is None:
        return None
    active = plan_active(user=feed.user)
    return plan_to_ics(
        None if active is None else active.plan, today=today_or(today), base_url=base_url
    )
