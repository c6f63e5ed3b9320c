"""The calendar feed's reminders at the time and in the time zone the athlete chooses."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from icalendar import Calendar

from dorsi.core.errors import ValidationError
from dorsi.services.accounts import profile_get
from dorsi.services.calendar_feed import (
    calendar_feed_create,
    calendar_ics,
    reminder_set,
    time_zone,
)

pytestmark = pytest.mark.django_db


def test_the_feed_uses_the_chosen_reminder_time_and_zone(user: Any, plan: Any) -> None:
    feed = calendar_feed_create(user=user)
    reminder_set(user=user, at=time(19, 15, 42), zone="Europe/Paris")
    body = calendar_ics(token=feed.token)
    assert body is not None
    assert b"DTSTART;TZID=Europe/Paris:" in body
    assert b"T191500" in body
    first = next(iter(Calendar.from_ical(body).walk("VEVENT")))
    assert first.decoded("dtstart").time() == time(19, 15)


def test_an_empty_zone_keeps_the_events_floating(user: Any, plan: Any) -> None:
    feed = calendar_feed_create(user=user)
    reminder_set(user=user, at=time(6, 0), zone="")
    body = calendar_ics(token=feed.token)
    assert body is not None
    assert b"TZID" not in body
    assert b"T060000" in body


@pytest.mark.parametrize("name", ["Mars/Olympus", "Europe/", "../etc/passwd", " Europe/Paris", "x"])
def test_a_time_zone_must_be_a_real_iana_zone(user: Any, name: str) -> None:
    with pytest.raises(ValidationError, match="not a time zone name"):
        reminder_set(user=user, at=time(7, 0), zone=name)
    assert profile_get(user=user).time_zone == ""


def test_a_real_zone_is_accepted() -> None:
    assert str(time_zone("Asia/Tokyo")) == "Asia/Tokyo"


def test_the_calendar_page_saves_the_reminder_settings(ana: Any, user: Any, plan: Any) -> None:
    page = ana.get("/calendar/").content.decode()
    assert "reminds you at\n  07:30" in page
    assert 'value="Europe/Paris"' in page
    response = ana.post("/calendar/", {"action": "reminder", "at": "20:30", "zone": "Asia/Tokyo"})
    assert response.status_code == 302
    profile = profile_get(user=user)
    assert (profile.reminder_time, profile.time_zone) == (time(20, 30), "Asia/Tokyo")
    assert "20:30 (Asia/Tokyo time)" in ana.get("/calendar/").content.decode()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"at": "25:99", "zone": ""}, "Give a time like 07:30."),
        ({"at": "07:00", "zone": "Mars/Olympus"}, "Select a valid choice"),
    ],
)
def test_bad_reminder_settings_are_shown_in_words(
    ana: Any, user: Any, data: dict[str, str], words: str
) -> None:
    response = ana.post("/calendar/", {"action": "reminder", **data})
    assert response.status_code == 200
    assert words in response.content.decode()
    assert profile_get(user=user).reminder_time == time(7, 30)


def test_a_zone_the_service_refuses_is_a_field_error(ana: Any, user: Any, monkeypatch: Any) -> None:
    from dorsi.web.views import data

    monkeypatch.setattr(data, "_zones", lambda: [("Gone/Zone", "Gone/Zone")])
    response = ana.post("/calendar/", {"action": "reminder", "at": "07:00", "zone": "Gone/Zone"})
    assert response.status_code == 200
    assert "not a time zone name" in response.content.decode()
