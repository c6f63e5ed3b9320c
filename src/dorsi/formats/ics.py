"""Plan -> iCalendar: the one calendar builder, for `dorsi plan --format ics` and the web feed.

One event per session of ``Plan.calendar(today)``, so the calendar follows the plan's mode (the
12 weeks in development, the weekly routine in maintenance). Events start at the athlete's
reminder time (07:30 until they choose), in their IANA time zone with its VTIMEZONE when they
gave one, else floating (the phone shows them in its own zone), with a reminder when they start;
they do not block the day (TRANSP). Everything derives from the plan and the reminder setting,
so the same inputs give the same file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from dorsi.core.codes import DayKind, Phase
from dorsi.core.program.document import describe_item
from dorsi.core.program.values import Plan, PlanDay
from dorsi.core.thresholds import DEFAULT_REMINDER_TIME

CALENDAR_NAME = "Dorsi ankle plan"
REMINDER_TIME = DEFAULT_REMINDER_TIME
MIN_EVENT_MINUTES = 5  # a shorter event is hard to see or tap in a phone calendar
REFRESH = timedelta(hours=12)  # how often a subscribed calendar should fetch the feed again

KIND_TITLES = {
    DayKind.DAILY: "Ankle session",
    DayKind.STANDALONE: "Short ankle session",
    DayKind.WARM_UP: "Ankle warm-up before training",
    DayKind.REST: "Rest day",
}
MAINTENANCE_STRETCH_TITLE = "Ankle maintenance stretch"
RETEST_TEXT = "Retest today: knee-to-wall on both sides, best of three, same shoes-off set-up."


def plan_to_ics(
    plan: Plan | None,
    *,
    today: date,
    base_url: str = "",
    reminder: time = REMINDER_TIME,
    zone: ZoneInfo | None = None,
) -> bytes:
    """The calendar of ``plan`` (no events without a plan). With ``base_url`` each event links
    to its guided session page. Events start at ``reminder`` in ``zone`` (floating without)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Dorsi//Ankle plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    if plan is not None:
        # DTSTAMP from the plan, not the clock: the same plan gives the same bytes.
        stamp = datetime.combine(plan.start, time(0, 0), tzinfo=UTC)
        for day in plan.calendar(today):
            begins = datetime.combine(day.date, reminder, tzinfo=zone)
            calendar.add_component(_event(plan, day, begins=begins, stamp=stamp, base_url=base_url))
        if zone is not None:
            calendar.add_missing_timezones()  # the VTIMEZONE a calendar needs for the TZID
    return bytes(calendar.to_ical())


def event_title(day: PlanDay) -> str:
    if day.phase is Phase.MAINTENANCE and day.kind is DayKind.DAILY:
        title = MAINTENANCE_STRETCH_TITLE
    else:
        title = KIND_TITLES.get(day.kind, KIND_TITLES[DayKind.DAILY])
    title += f" ({round(day.minutes, 1):g} min)"
    return title + (" + knee-to-wall retest" if day.retest else "")


def _event(plan: Plan, day: PlanDay, *, begins: datetime, stamp: datetime, base_url: str) -> Event:
    title = event_title(day)
    event = Event()
    event.add("uid", f"dorsi-{plan.start.isoformat()}-{day.date.isoformat()}@dorsi")
    event.add("dtstamp", stamp)
    event.add("dtstart", begins)
    event.add("dtend", begins + timedelta(minutes=max(MIN_EVENT_MINUTES, round(day.minutes))))
    event.add("summary", title)
    description = _description(day)
    if base_url:
        link = f"{base_url.rstrip('/')}/session/{day.date.isoformat()}/"
        description += f"\n\nStart the guided session: {link}"
        event.add("url", link)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def _description(day: PlanDay) -> str:
    if day.week is None:
        lines = ["Maintenance routine: keeps the range you gained."]
    else:
        lines = [f"Week {day.week} — {day.phase.value} phase."]
    lines += ["• " + describe_item(item) for item in day.items]
    if day.retest:
        lines.append(RETEST_TEXT)
    return "\n".join(lines)
