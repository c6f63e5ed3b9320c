"""The private calendar feed (.ics) of the active plan, behind a secret, revocable token.

This module holds the token logic only; the calendar itself is ``dorsi.formats.ics``, the same
builder as `dorsi plan --format ics`, fed with the active plan in its current mode.
"""

from __future__ import annotations

import secrets
from datetime import date, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth.models import User
from django.db import transaction

from dorsi.core.errors import ValidationError
from dorsi.db.models import CalendarFeed, Profile
from dorsi.formats.ics import plan_to_ics
from dorsi.services.accounts import profile_get
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
    profile = profile_get(user=feed.user)
    return plan_to_ics(
        None if active is None else active.plan,
        today=today_or(today),
        base_url=base_url,
        reminder=profile.reminder_time,
        zone=time_zone(profile.time_zone) if profile.time_zone else None,
    )


def time_zone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name`` ("Europe/Paris"), or a ValidationError in words."""
    problem = f"{name!r} is not a time zone name like Europe/Paris or America/New_York"
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        raise ValidationError("time_zone", problem)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError("time_zone", problem) from None


def reminder_set(*, user: User, at: time, zone: str) -> Profile:
    """When the feed's reminders ring: ``at`` local time in the IANA zone ``zone`` ("" keeps
    the events floating, in the phone's own zone)."""
    if zone:
        time_zone(zone)
    profile = profile_get(user=user)
    profile.reminder_time = at.replace(second=0, microsecond=0, tzinfo=None)
    profile.time_zone = zone
    profile.save(update_fields=["reminder_time", "time_zone"])
    return profile
