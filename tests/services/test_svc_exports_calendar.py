"""Export, import (round trip), CSV, background export files and the calendar feed."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from icalendar import Calendar

from dorsi.core.codes import PlanMode
from dorsi.core.errors import ValidationError
from dorsi.db.models import Assessment, ExportStatus, SessionLog
from dorsi.formats.ics import plan_to_ics
from dorsi.services.assessments import assessment_confirm_cleared, assessment_create
from dorsi.services.calendar_feed import calendar_feed_create, calendar_feed_revoke, calendar_ics
from dorsi.services.exports import (
    comparable,
    export_bundle,
    export_csv_files,
    export_csv_zip,
    export_import,
    export_request,
)
from dorsi.services.plans import plan_switch_to_development, plan_switch_to_maintenance
from dorsi.services.session_details import session_log
from dorsi.services.tracking import retest_record, session_record
from tests.django_support import TODAY, assessment_document, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(user, plan):
    later = TODAY + timedelta(days=3)
    session_record(user=user, when=TODAY, status="done", minutes=9, today=later)
    session_record(
        user=user,
        when=TODAY + timedelta(days=1),
        status="partial",
        minutes=4.5,
        pain=3,
        pain_type="pinch",
        exercise=plan.plan.days[1].items[0].exercise,
        today=later,
    )
    session_record(user=user, when=TODAY + timedelta(days=2), status="skipped", today=later)
    retest_record(user=user, when=later, unit="in", left=3.75, right=4.25, today=later)
    return later


def test_bundle_holds_every_dorsi_document(user, history) -> None:
    bundle = export_bundle(user=user, today=history)
    assert bundle["schema"] == "dorsi.export/v1"
    assert bundle["assessments"][0]["input"]["schema"] == "dorsi.assessment/v1"
    assert bundle["assessments"][0]["report"]["schema"] == "dorsi.report/v1"
    assert bundle["plans"][0]["plan"]["schema"] == "dorsi.plan/v1"
    assert bundle["log"]["schema"] == "dorsi.log/v1"
    assert bundle["progress"]["schema"] == "dorsi.progress/v1"
    assert [s["status"] for s in bundle["sessions"]] == ["done", "partial", "skipped"]
    assert bundle["retests"] == [
        {"date": history.isoformat(), "unit": "in", "left": 3.75, "right": 4.25}
    ]
    json.dumps(bundle)  # JSON-ready


def test_export_import_export_loses_nothing(user, history) -> None:
    first = export_bundle(user=user, today=history)
    other = make_user("cleo")
    counts = export_import(user=other, bundle=json.loads(json.dumps(first)), today=history)
    assert counts == {
        "assessments": 1,
        "plans": 1,
        "retests": 1,
        "angle_retests": 0,
        "sessions": 3,
        "videos": 0,
    }
    second = export_bundle(user=other, today=history)
    assert comparable(second) == comparable(first)


def test_the_reminder_time_and_zone_make_the_round_trip(user, history) -> None:
    from datetime import time

    from dorsi.services.accounts import profile_get
    from dorsi.services.calendar_feed import reminder_set

    reminder_set(user=user, at=time(18, 45), zone="Europe/Paris")
    first = export_bundle(user=user, today=history)
    assert (first["profile"]["reminder_time"], first["profile"]["time_zone"]) == (
        "18:45",
        "Europe/Paris",
    )
    other = make_user("cleo")
    export_import(user=other, bundle=json.loads(json.dumps(first)), today=history)
    profile = profile_get(user=other)
    assert (profile.reminder_time, profile.time_zone) == (time(18, 45), "Europe/Paris")
    assert comparable(export_bundle(user=other, today=history)) == comparable(first)
    feed = calendar_feed_create(user=other)
    ics = calendar_ics(token=feed.token, base_url="https://dorsi.example", today=history)
    assert b"DTSTART;TZID=Europe/Paris:" in ics
    assert b"T184500" in ics


def test_an_older_bundle_without_a_reminder_still_imports_and_keeps_the_setting(
    user, history
) -> None:
    from datetime import time

    from dorsi.services.accounts import profile_get
    from dorsi.services.calendar_feed import reminder_set

    older = export_bundle(user=user, today=history)
    del older["profile"]["reminder_time"], older["profile"]["time_zone"]
    other = make_user("cleo")
    reminder_set(user=other, at=time(6, 15), zone="America/New_York")
    counts = export_import(user=other, bundle=older, today=history)
    assert counts["sessions"] == 3
    profile = profile_get(user=other)
    assert (profile.reminder_time, profile.time_zone) == (time(6, 15), "America/New_York")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reminder_time": "half past seven"}, "profile.reminder_time"),
        ({"reminder_time": 730}, "profile.reminder_time"),
        ({"reminder_time": "07:30+01:00"}, "profile.reminder_time"),
        ({"time_zone": "Mars/Olympus"}, "profile.time_zone"),
        ({"time_zone": 2}, "profile.time_zone"),
    ],
)
def test_a_bad_reminder_in_an_import_names_the_field_and_stores_nothing(
    user, history, changes, field
) -> None:
    bundle = export_bundle(user=user, today=history)
    bundle["profile"] |= changes
    other = make_user("cleo")
    with pytest.raises(ValidationError) as caught:
        export_import(user=other, bundle=bundle, today=history)
    assert caught.value.field == field
    assert not Assessment.objects.filter(user=other).exists()


def test_round_trip_keeps_clearance_and_several_plans(user) -> None:
    row = assessment_create(
        user=user, document=assessment_document(red_flags=["night_pain"]), today=TODAY
    )
    assessment_confirm_cleared(user=user, assessment_id=row.pk)
    from dorsi.services.plans import plan_create

    plan_create(user=user, assessment_id=row.pk, start=TODAY)
    plan_create(user=user, assessment_id=row.pk, start=TODAY)
    first = export_bundle(user=user, today=TODAY)
    other = make_user("cleo")
    export_import(user=other, bundle=first, today=TODAY)
    assert comparable(export_bundle(user=other, today=TODAY)) == comparable(first)


@pytest.fixture
def details(user, history):
    """The first two days again, with what the athlete added for their coach."""
    session_log(
        user=user,
        when=TODAY,
        status="done",
        minutes=9,
        swelling=True,
        efforts=[("ankle-cars", "too_hard"), ("knee-to-wall-circles", "too_easy")],
        note="Calf warm tonight",
        today=history,
    )
    session_log(
        user=user,
        when=TODAY + timedelta(days=1),
        status="done",
        minutes=8,
        efforts=[("ankle-cars", "right")],
        today=history,
    )
    return history


def test_export_import_keeps_swelling_efforts_and_the_note(user, details) -> None:
    first = export_bundle(user=user, today=details)
    assert first["sessions"][0]["swelling"] is True
    assert first["sessions"][0]["note"] == "Calf warm tonight"
    assert "note" not in first["sessions"][1]
    assert "swelling" not in first["sessions"][2]
    other = make_user("cleo")
    export_import(user=other, bundle=json.loads(json.dumps(first)), today=details)
    assert comparable(export_bundle(user=other, today=details)) == comparable(first)
    stored = list(SessionLog.objects.filter(user=other).values_list("swelling", "efforts", "note"))
    assert stored == list(
        SessionLog.objects.filter(user=user).values_list("swelling", "efforts", "note")
    )
    assert stored[0] == (
        True,
        [
            {"exercise": "ankle-cars", "effort": "too_hard"},
            {"exercise": "knee-to-wall-circles", "effort": "too_easy"},
        ],
        "Calf warm tonight",
    )


def test_an_older_export_without_swelling_efforts_or_note_still_imports(user, details) -> None:
    bundle = export_bundle(user=user, today=details)
    for session in bundle["sessions"]:
        for key in ("swelling", "efforts", "note"):
            session.pop(key, None)
    other = make_user("cleo")
    assert export_import(user=other, bundle=bundle, today=details)["sessions"] == 3
    assert set(SessionLog.objects.filter(user=other).values_list("swelling", "note")) == {
        (False, "")
    }
    assert not any(SessionLog.objects.filter(user=other).values_list("efforts", flat=True))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"efforts": [{"exercise": "moonwalk", "effort": "right"}]},
            "sessions[0].efforts[0].exercise",
        ),
        (
            {"efforts": [{"exercise": "ankle-cars", "effort": "brutal"}]},
            "sessions[0].efforts[0].effort",
        ),
        ({"note": 12}, "sessions[0].note"),
        ({"note": "x" * 2001}, "sessions[0].note"),
    ],
)
def test_an_imported_sessions_details_are_checked_and_named(user, details, change, field) -> None:
    bundle = export_bundle(user=user, today=details)
    bundle["sessions"][0] |= change
    other = make_user("cleo")
    with pytest.raises(ValidationError) as caught:
        export_import(user=other, bundle=bundle, today=details)
    assert caught.value.field == field
    assert not SessionLog.objects.filter(user=other).exists()


def test_the_sessions_csv_has_swelling_efforts_and_the_note(user, details) -> None:
    rows = list(
        csv.DictReader(io.StringIO(export_csv_files(user=user, today=details)["sessions.csv"]))
    )
    assert [row["swelling"] for row in rows] == ["True", "False", "False"]
    assert json.loads(rows[1]["efforts"]) == [{"exercise": "ankle-cars", "effort": "right"}]
    assert rows[2]["efforts"] == ""
    assert [row["note"] for row in rows] == ["Calf warm tonight", "", ""]


def test_shin_angle_retests_make_the_round_trip_and_a_bad_one_is_named(user, history) -> None:
    from dorsi.db.models import AngleRetest
    from dorsi.services.tracking import angle_retest_record

    angle_retest_record(user=user, when=history, left=31.5, right=None, today=history)
    first = export_bundle(user=user, today=history)
    assert first["angle_retests"] == [
        {"date": history.isoformat(), "left_deg": 31.5, "right_deg": None, "source": "video"}
    ]
    other = make_user("cleo")
    counts = export_import(user=other, bundle=json.loads(json.dumps(first)), today=history)
    assert counts["angle_retests"] == 1
    assert comparable(export_bundle(user=other, today=history)) == comparable(first)
    files = export_csv_files(user=user, today=history)
    assert files["angle_retests.csv"].splitlines() == [
        "date,left_deg,right_deg,source",
        f"{history.isoformat()},31.5,,video",
    ]
    for change, field in (
        ({"left_deg": 95}, "angle_retests[0].left_deg"),
        ({"left_deg": "31"}, "angle_retests[0].left_deg"),
        ({"date": "yesterday"}, "angle_retests[0].date"),
        ({"left_deg": None}, "angle_retests[0]"),
        ({"source": "guess"}, "angle_retests[0].source"),
    ):
        bad = json.loads(json.dumps(first))
        bad["angle_retests"][0] |= change
        with pytest.raises(ValidationError) as caught:
            export_import(user=other, bundle=bad, today=history)
        assert caught.value.field == field
    assert AngleRetest.objects.filter(user=other).count() == 1  # the failed imports kept it
    # An older bundle without angle retests still imports.
    del first["angle_retests"]
    assert export_import(user=other, bundle=first, today=history)["angle_retests"] == 0


def test_import_replaces_existing_data(user, history) -> None:
    bundle = export_bundle(user=user, today=history)
    export_import(user=user, bundle=bundle, today=history)
    assert Assessment.objects.filter(user=user).count() == 1
    assert SessionLog.objects.filter(user=user).count() == 3


def test_bad_import_names_the_field_and_stores_nothing(user, history) -> None:
    bundle = export_bundle(user=user, today=history)
    bundle["sessions"][1]["pain"] = 12
    other = make_user("cleo")
    with pytest.raises(ValidationError) as caught:
        export_import(user=other, bundle=bundle, today=history)
    assert caught.value.field == "sessions[1].pain"
    assert not Assessment.objects.filter(user=other).exists()


def test_bad_assessment_in_import_rolls_back_everything(user, history) -> None:
    bundle = export_bundle(user=user, today=history)
    bundle["assessments"][0]["input"]["knee_to_wall"]["left"] = 99
    with pytest.raises(ValidationError) as caught:
        export_import(user=user, bundle=bundle, today=history)
    assert caught.value.field == "assessments[0].input.knee_to_wall.left"
    # the user's own data is untouched: the transaction rolled back
    assert Assessment.objects.filter(user=user).count() == 1
    assert SessionLog.objects.filter(user=user).count() == 3


@pytest.mark.parametrize(
    "bundle", [[], {"schema": "dorsi.log/v1"}, {"schema": "dorsi.export/v1", "plans": {}}]
)
def test_import_refuses_documents_that_are_not_exports(user, bundle) -> None:
    with pytest.raises(ValidationError):
        export_import(user=user, bundle=bundle, today=TODAY)


def test_csv_files_cover_each_kind(user, plan, history) -> None:
    files = export_csv_files(user=user, today=history)
    assert set(files) == {
        "profile.csv",
        "assessments.csv",
        "plan_days.csv",
        "sessions.csv",
        "retests.csv",
        "angle_retests.csv",
        "progress.csv",
    }
    assert files["sessions.csv"].splitlines()[0] == (
        "date,status,minutes,pain,pain_type,exercise,swelling,efforts,note"
    )
    assert len(files["plan_days.csv"].splitlines()) == 85
    first = next(csv.DictReader(io.StringIO(files["plan_days.csv"])))
    day = plan.plan.days[0]
    assert first == {
        "plan": "0",
        "active": "True",
        "week": "1",
        "phase": "foundation",
        "date": TODAY.isoformat(),
        "kind": day.kind.value,
        "minutes": str(day.minutes),
        "exercises": json.dumps([item.exercise for item in day.items]),
    }
    archive = zipfile.ZipFile(io.BytesIO(export_csv_zip(user=user, today=history)))
    assert "retests.csv" in archive.namelist()


def test_export_request_builds_the_file_in_a_task(user, history) -> None:
    row = export_request(user=user, fmt="json")
    assert row.status == ExportStatus.READY
    assert json.loads(bytes(row.content))["schema"] == "dorsi.export/v1"
    with pytest.raises(ValidationError):
        export_request(user=user, fmt="xml")


def test_calendar_feed_has_one_event_per_plan_day_and_can_be_revoked(user, plan) -> None:
    feed = calendar_feed_create(user=user)
    body = calendar_ics(token=feed.token, base_url="http://testserver")
    calendar = Calendar.from_ical(body)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 84
    assert any("retest" in str(e["summary"]) for e in events)
    assert "http://testserver/session/" in str(events[0]["description"])
    calendar_feed_revoke(user=user)
    assert calendar_ics(token=feed.token) is None


def test_a_maintenance_users_feed_has_the_maintenance_routine(user, plan) -> None:
    goal_day = TODAY + timedelta(days=63)  # the goal held at two retests, week 9 on
    for day in (TODAY + timedelta(days=56), goal_day):
        retest_record(user=user, when=day, unit="cm", left=11.0, right=11.5, today=day)
    active = plan_switch_to_maintenance(user=user, today=goal_day)
    feed = calendar_feed_create(user=user)
    events = list(Calendar.from_ical(calendar_ics(token=feed.token, today=goal_day)).walk("VEVENT"))
    routine = active.plan.maintenance
    assert active.mode is PlanMode.MAINTENANCE
    assert [e.decoded("dtstart").date() for e in events] == [
        day.date for day in active.plan.calendar(goal_day)
    ]
    assert events[-1].decoded("dtstart").date() > active.plan.end  # past the 12 weeks
    assert {str(e["summary"]).split(" + ")[0] for e in events} == {
        f"Ankle warm-up before training ({routine.before_training.minutes:g} min)",
        f"Ankle maintenance stretch ({routine.other_days.minutes:g} min)",
    }
    assert not any(str(e["description"]).startswith("Week ") for e in events)
    development = plan_switch_to_development(user=user)
    back = list(Calendar.from_ical(calendar_ics(token=feed.token, today=goal_day)).walk("VEVENT"))
    assert len(back) == len(development.plan.days) == 84


def test_the_feed_is_the_plans_calendar_with_links(user, plan) -> None:
    feed = calendar_feed_create(user=user)
    body = calendar_ics(token=feed.token, base_url="https://dorsi.example", today=TODAY)
    assert body == plan_to_ics(plan.plan, today=TODAY, base_url="https://dorsi.example")


def test_rotating_the_feed_kills_the_old_token(user, plan) -> None:
    old = calendar_feed_create(user=user).token
    new = calendar_feed_create(user=user).token
    assert calendar_ics(token=old) is None
    assert calendar_ics(token=new) is not None


def test_an_imported_plan_with_a_dose_jump_is_refused_with_how_to_fix_it(user, history) -> None:
    from dorsi.core.program.document import plan_to_document
    from dorsi.core.program.parse import parse_plan
    from tests.core.program.support import with_a_jump

    bundle = export_bundle(user=user, today=history)
    jumped, _ = with_a_jump(parse_plan(bundle["plans"][0]["plan"]))
    bundle["plans"][0]["plan"] = plan_to_document(jumped)
    other = make_user("dora")
    with pytest.raises(ValidationError, match="in one week") as caught:
        export_import(user=other, bundle=bundle, today=history)
    assert caught.value.field.startswith("plans[0].plan.weeks[8].")
    assert "build a new plan from its assessment" in caught.value.problem
    assert not Assessment.objects.filter(user=other).exists()
