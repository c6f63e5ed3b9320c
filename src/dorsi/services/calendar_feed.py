"""The private calendar feed (.ics) of the active plan, behind a secret, revocable token."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from icalendar import Alarm, Calendar, Event

from dorsi.db.models import CalendarFeed, Plan

REMINDER_TIME = time(7, 30)  # floating local time: the phone shows it in its own time zone


def calendar_feed_get(*, user: AbstractBaseUser) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_create(*, user: AbstractBaseUser) -> CalendarFeed:
    """A new secret token; any previous URL stops working (rotation = revoke + create)."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_feed_revoke(*, user: AbstractBaseUser) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def _describe(day: dict[str, Any]) -> str:
    lines = []
    for item in day.get("items", []):
        amount = f"{item.get('reps')} reps" if item.get("reps") else f"{item.get('seconds')} s"
        side = "" if item.get("side") == "both" else f" ({item.get('side')})"
        lines.append(
            f"- {item.get('name') or item.get('exercise')}{side}: {item.get('sets')} x {amount}"
        )
    return "\n".join(lines)


def calendar_ics(*, token: str, base_url: str = "") -> bytes | None:
    """The feed of the token's owner, or None for an unknown (or revoked) token."""
    feed = (
        CalendarFeed.objects.select_related("user").filter(token=token).first() if token else None
    )
    if feed is None:
        return None
    plan = Plan.objects.filter(user=feed.user, is_active=True).first()
    calendar = Calendar()
    calendar.add("prodid", "-//Dorsi//ankle plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Dorsi ankle plan")
    calendar.add("refresh-interval;value=duration", "PT12H")
    if plan is not None:
        _add_plan(calendar, plan, base_url)
    return calendar.to_ical()


def _add_plan(calendar: Calendar, plan: Plan, base_url: str) -> None:
    stamp = datetime.combine(plan.created_at.date(), time(0, 0))
    retests = set(plan.document.get("retests", []))
    for week in plan.document.get("weeks", []):
        for day in week.get("days", []):
            when = date.fromisoformat(day["date"])
            minutes = day.get("minutes") or 0
            kind = str(day.get("kind", "daily")).replace("_", " ")
            event = Event()
            event.add("uid", f"dorsi-plan-{plan.pk}-{when.isoformat()}@dorsi")
            event.add("dtstamp", stamp)
            event.add("dtstart", datetime.combine(when, REMINDER_TIME))
            event.add(
                "dtend",
                datetime.combine(when, REMINDER_TIME) + timedelta(minutes=max(5, round(minutes))),
            )
            title = f"Ankles: {round(minutes)} min {kind}"
            if day["date"] in retests:
                title += " + knee-to-wall retest"
            event.add("summary", title)
            description = f"Week {week.get('week')} ({week.get('phase')}).\n{_describe(day)}"
            if base_url:
                description += (
                    f"\n\nStart the guided session: {base_url}/session/{when.isoformat()}/"
                )
                event.add("url", f"{base_url}/session/{when.isoformat()}/")
            event.add("description", description)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", timedelta(minutes=0))
            event.add_component(alarm)
            calendar.add_component(event)
