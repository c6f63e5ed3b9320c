"""The one iCalendar builder: events follow the plan's mode, and the same plan gives the same
bytes (UIDs, reminders and texts come from the plan, not from who asks)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from icalendar import Calendar

from dorsi.core.codes import PlanMode, Weekday
from dorsi.formats.ics import plan_to_ics
from tests.core.program.support import START, plan, profile, report


def _plan():
    who = profile(training=(Weekday.MON, Weekday.THU))
    return plan(report(left=7.5, right=10.5, who=who))


def _events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_a_development_plan_has_one_event_per_day_at_half_past_seven():
    events = _events(plan_to_ics(_plan(), today=START))
    assert len(events) == 84
    first = events[0]
    assert first.decoded("dtstart") == datetime.combine(START, time(7, 30))
    assert str(first["uid"]) == f"dorsi-{START.isoformat()}-{START.isoformat()}@dorsi"
    assert str(first["summary"]) == "Ankle warm-up before training (2.5 min)"
    assert str(first["description"]).startswith("Week 1 — foundation phase.\n• ")
    alarms = [alarm.decoded("trigger") for event in events for alarm in event.walk("VALARM")]
    assert alarms == [timedelta(0)] * 84


def test_retest_days_say_so_in_the_title_and_the_description():
    events = {e.decoded("dtstart").date(): e for e in _events(plan_to_ics(_plan(), today=START))}
    day_21 = events[START + timedelta(days=20)]
    assert str(day_21["summary"]).endswith("+ knee-to-wall retest")
    assert "Retest today: knee-to-wall on both sides" in str(day_21["description"])


def test_a_maintenance_plan_has_the_weekly_routine_around_today():
    maintenance = _plan().with_mode(PlanMode.MAINTENANCE)
    today = maintenance.end + timedelta(days=10)
    events = _events(plan_to_ics(maintenance, today=today))
    dates = [event.decoded("dtstart").date() for event in events]
    assert dates == [day.date for day in maintenance.calendar(today)]
    assert dates[-1] > maintenance.end  # maintenance goes on after the 12 weeks
    routine = maintenance.maintenance
    assert {str(event["summary"]) for event in events} == {
        f"Ankle warm-up before training ({routine.before_training.minutes:g} min)",
        f"Ankle maintenance stretch ({routine.other_days.minutes:g} min)",
    }
    assert not any("Week" in str(event["description"]) for event in events)
    mondays = [e for e in events if e.decoded("dtstart").weekday() == 0]
    assert mondays
    assert all(str(e["summary"]).startswith("Ankle warm-up") for e in mondays)


def test_the_same_plan_gives_the_same_bytes():
    assert plan_to_ics(_plan(), today=START) == plan_to_ics(_plan(), today=date(2031, 1, 1))


def test_a_base_url_links_each_event_to_its_guided_session():
    event = _events(plan_to_ics(_plan(), today=START, base_url="https://dorsi.example/"))[0]
    link = f"https://dorsi.example/session/{START.isoformat()}/"
    assert str(event["url"]) == link
    assert str(event["description"]).endswith(f"Start the guided session: {link}")


def test_without_a_plan_the_calendar_has_no_events():
    body = plan_to_ics(None, today=START)
    assert body.startswith(b"BEGIN:VCALENDAR")
    assert _events(body) == []
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in body


def test_events_start_at_the_chosen_reminder_time_in_the_chosen_time_zone():
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/New_York")
    body = plan_to_ics(_plan(), today=START, reminder=time(18, 45), zone=zone)
    calendar = Calendar.from_ical(body)
    first = next(iter(calendar.walk("VEVENT")))
    assert first.decoded("dtstart") == datetime.combine(START, time(18, 45), tzinfo=zone)
    assert b"DTSTART;TZID=America/New_York:" in body
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert body == plan_to_ics(_plan(), today=START, reminder=time(18, 45), zone=zone)


def test_without_a_time_zone_the_events_float_at_the_reminder_time():
    body = plan_to_ics(_plan(), today=START, reminder=time(6, 5))
    first = _events(body)[0]
    assert first.decoded("dtstart") == datetime.combine(START, time(6, 5))
    assert b"VTIMEZONE" not in body
