"""dorsi.plan/v1 -> iCalendar: one all-day event per session, with a morning reminder."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

KIND_TITLES = {
    "daily": "Ankle session",
    "standalone": "Short ankle session",
    "warm_up": "Ankle warm-up before training",
    "rest": "Rest day",
    "maintenance": "Ankle maintenance",
}


def plan_to_ics(
    plan: Mapping[str, Any],
    *,
    calendar_name: str = "Dorsi ankle plan",
    stamp: datetime,
    reminder_hour: int = 8,
    names: Mapping[str, str] | None = None,
    per_side: frozenset[str] = frozenset(),
) -> bytes:
    """Build the calendar; ``stamp`` (DTSTAMP) is passed in so the output is reproducible."""
    calendar = Calendar()
    calendar.add("prodid", "-//Dorsi//Ankle plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    retests = set(plan.get("retests", []))
    for week in plan["weeks"]:
        for day in week["days"]:
            calendar.add_component(
                _event(
                    day,
                    week,
                    plan["start"],
                    stamp=stamp,
                    retest=day["date"] in retests,
                    reminder_hour=reminder_hour,
                    names=names or {},
                    per_side=per_side,
                )
            )
    return bytes(calendar.to_ical())


def _event(
    day: Mapping[str, Any],
    week: Mapping[str, Any],
    start: str,
    *,
    stamp: datetime,
    retest: bool,
    reminder_hour: int,
    names: Mapping[str, str],
    per_side: frozenset[str],
) -> Event:
    when = date.fromisoformat(day["date"])
    title = f"{KIND_TITLES.get(day['kind'], 'Ankle session')} ({_minutes(day['minutes'])} min)"
    if retest:
        title += " + knee-to-wall retest"
    event = Event()
    event.add("uid", f"{day['date']}-{start}@dorsi")
    event.add("dtstamp", stamp)
    event.add("dtstart", when)
    event.add("dtend", when + timedelta(days=1))
    event.add("summary", title)
    event.add("description", _description(day, week, names, per_side, retest=retest))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(hours=reminder_hour))
    event.add_component(alarm)
    return event


def _minutes(value: float) -> str:
    return f"{value:g}"


def _description(
    day: Mapping[str, Any],
    week: Mapping[str, Any],
    names: Mapping[str, str],
    per_side: frozenset[str],
    *,
    retest: bool,
) -> str:
    lines = [f"Week {week['week']} — {week['phase']} phase."]
    for item in day.get("items", []):
        lines.append("• " + describe_item(item, names, per_side))
    if retest:
        lines.append(
            "Retest today: knee-to-wall on both sides, best of three, same shoes-off set-up."
        )
    return "\n".join(lines)


def describe_item(
    item: Mapping[str, Any], names: Mapping[str, str], per_side: frozenset[str] = frozenset()
) -> str:
    """One line such as "Banded ankle mobilization: 1 × 120 s, each side — note"."""
    name = names.get(item["exercise"], item["exercise"])
    if item.get("seconds"):
        dose = f"{item.get('sets', 1)} × {item['seconds']} s"
    else:
        dose = f"{item.get('sets', 1)} × {item.get('reps', '')}"
    side = item.get("side", "both")
    if side != "both":
        where = f", {side} side only"
    else:
        where = ", each side" if item["exercise"] in per_side else ""
    text = f"{name}: {dose}{where}"
    if item.get("note"):
        text += f" — {item['note']}"
    return text
