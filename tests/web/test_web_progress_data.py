"""Retests, the progress dashboard, maintenance, export/import, the calendar feed pages."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dorsi.core.codes import Weekday
from dorsi.db.models import Assessment, Retest
from dorsi.services.exports import comparable, export_bundle
from dorsi.services.plans import plan_active
from dorsi.services.tracking import retest_record
from tests.django_support import goal_held_in_week_10

pytestmark = pytest.mark.django_db


def test_retest_form_saves_and_goes_to_the_dashboard(ana, user, plan) -> None:
    today = timezone.localdate().isoformat()
    response = ana.post("/retest/", {"date": today, "unit": "cm", "left": "9.6", "right": "10.5"})
    assert response["Location"] == "/progress/"
    assert Retest.objects.get(user=user).left_cm == 9.6


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"unit": "cm", "left": "30", "right": "10"}, "left"),
        ({"unit": "in", "left": "4", "right": "11"}, "right"),
        ({"unit": "cm", "left": "", "right": ""}, None),
        ({"unit": "cm", "left": "abc", "right": "10"}, "left"),
    ],
)
def test_bad_retest_shows_an_error_and_stores_nothing(ana, plan, data, field) -> None:
    response = ana.post("/retest/", data | {"date": timezone.localdate().isoformat()})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (field in errors) if field else errors
    assert not Retest.objects.exists()


def test_dashboard_shows_the_change_chart_heatmap_and_streak(ana, user, plan) -> None:
    retest_record(user=user, when=timezone.localdate(), unit="cm", left=9.5, right=11)
    response = ana.get("/progress/")
    page = response.content.decode()
    assert response.context["doc"]["sides"]["left"]["change_cm"] == 2.0
    assert "real" in page
    assert "<svg" in page
    assert "not logged" in page or "done" in page
    assert "Streak" in page


def test_what_to_expect_on_the_dashboard_says_each_grade_once(ana, user, plan) -> None:
    from dorsi.core.evidence import Grade, by_tag
    from tests.leaks import visible_text

    response = ana.get("/progress/")
    ranges = response.context["doc"]["expected_ranges"]
    assert ranges
    page = visible_text(response.content.decode())
    section = page[page.index("What to expect") :]
    for item in ranges:
        source = by_tag(item["source"])
        start = section.index(item["label"])
        line = section[start : section.index(")", section.index(source.citation, start)) + 1]
        assert line.replace("\n", " ").endswith(f"({source.citation})"), line
        for grade in Grade:
            assert line.count(grade.words) == (1 if grade is source.grade else 0), line


def test_dashboard_without_assessment_invites_to_take_it(ana) -> None:
    assert b"Take the assessment" in ana.get("/progress/").content


def test_goal_reached_offers_the_maintenance_switch(ana, user, plan) -> None:
    goal_held_in_week_10(user)
    page = ana.get("/progress/").content.decode()
    assert "Goal reached" in page
    assert ana.post("/plan/mode/", {"mode": "maintenance"})["Location"] == "/plan/"
    assert plan_active(user=user).mode == "maintenance"
    page = ana.get("/plan/").content.decode()
    assert "<strong>Maintenance</strong> — you reached the goal." in page
    assert "Back to the development plan" in page


def test_a_session_page_in_maintenance_shows_the_routine_of_its_weekday(ana, user, plan) -> None:
    today = timezone.localdate()
    goal_held_in_week_10(user)
    ana.post("/plan/mode/", {"mode": "maintenance"})
    routine = plan_active(user=user).plan.maintenance
    week = [today + timedelta(days=n) for n in range(1, 8)]
    monday = next(d for d in week if d.weekday() == 0)  # a training day of the profile
    page = ana.get(f"/session/{monday.isoformat()}/").content.decode()
    assert "Warm-up before training" in page
    assert "· week" not in page  # no 12-week calendar in maintenance
    items = routine.before_training.items
    assert page.count('class="block"') == sum(
        2 if i.per_side and i.side == "both" else 1 for i in items
    )
    busy = {*routine.before_training.days, *routine.other_days.days}
    free = next(d for d in week if list(Weekday)[d.weekday()] not in busy)
    page = ana.get(f"/session/{free.isoformat()}/").content.decode()
    assert "There is no planned session on this day." in page


def test_maintenance_switch_without_the_goal_is_refused(ana, user, plan) -> None:
    response = ana.post("/plan/mode/", {"mode": "maintenance"}, follow=True)
    assert "not reached" in response.content.decode()
    assert plan_active(user=user).mode == "development"


def test_json_export_downloads_the_bundle(ana, user, plan) -> None:
    response = ana.post("/data/exports/", {"format": "json"})
    assert response.status_code == 302
    download = ana.get(response["Location"])
    assert download["Content-Type"] == "application/json"
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["schema"] == "dorsi.export/v1"


def test_csv_export_is_a_zip_of_tables(ana, plan) -> None:
    download = ana.get(ana.post("/data/exports/", {"format": "csv"})["Location"])
    assert set(zipfile.ZipFile(io.BytesIO(download.content)).namelist()) >= {
        "sessions.csv",
        "retests.csv",
    }


def test_htmx_export_returns_the_row(ana, plan) -> None:
    response = ana.post("/data/exports/", {"format": "json"}, headers={"HX-Request": "true"})
    assert b"Download" in response.content


def test_import_round_trip_through_the_page(client_of, user, other_user, plan) -> None:
    bundle = export_bundle(user=user)
    client = client_of(other_user)
    upload = SimpleUploadedFile(
        "export.json", json.dumps(bundle).encode(), content_type="application/json"
    )
    response = client.post("/data/", {"file": upload})
    assert response.status_code == 302
    assert comparable(export_bundle(user=other_user)) == comparable(bundle)


def test_import_over_existing_data_needs_the_replace_box(ana, user, plan) -> None:
    bundle = json.dumps(export_bundle(user=user)).encode()
    response = ana.post("/data/", {"file": SimpleUploadedFile("e.json", bundle)})
    assert response.status_code == 200
    assert "replace" in response.context["form"].errors
    response = ana.post("/data/", {"file": SimpleUploadedFile("e.json", bundle), "replace": "on"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        b'{"schema": "dorsi.export/v1", "sessions": [{"date": "x"}]}',
        "\udcff".encode("utf-8", "surrogatepass"),
    ],
)
def test_bad_import_file_is_a_clear_error(ana, content) -> None:
    response = ana.post("/data/", {"file": SimpleUploadedFile("e.json", content)})
    assert response.status_code == 200
    assert "Nothing was imported" in str(response.context["form"].errors)
    assert not Assessment.objects.exists()


def test_calendar_page_creates_rotates_and_revokes_the_link(ana, client, user, plan) -> None:
    ana.post("/calendar/", {"action": "create"})
    page = ana.get("/calendar/").content.decode()
    url = re.search(r'id="feed-url" type="text" readonly value="([^"]+)"', page).group(1)
    path = url.split("testserver", 1)[1]
    client.logout()
    feed = client.get(path)
    assert feed["Content-Type"].startswith("text/calendar")
    assert feed.content.count(b"BEGIN:VEVENT") == 84
    ana_client = ana
    ana_client.force_login(user)
    ana_client.post("/calendar/", {"action": "revoke"})
    client.logout()
    assert client.get(path).status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_retest_delete(ana, user, plan) -> None:
    row = retest_record(
        user=user, when=timezone.localdate() - timedelta(days=0), unit="cm", left=9, right=10
    )
    ana.post(f"/retests/{row.pk}/delete/")
    assert not Retest.objects.exists()


def test_pages_and_charts_share_one_left_right_colour_pair() -> None:
    from importlib import resources

    from dorsi.draw.progress_chart import STYLES

    css = resources.files("dorsi.web").joinpath("static/dorsi/app.css").read_text()
    pair = re.search(r"--dorsi-left: (#\w+); --dorsi-right: (#\w+);", css).groups()
    assert pair == (STYLES["left"].colour, STYLES["right"].colour)
