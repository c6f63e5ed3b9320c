"""Today, the plan calendar, the guided session and its log, the pain rule on the page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dorsi.core.library.exercises import load_library
from dorsi.db.models import Plan, SessionLog

pytestmark = pytest.mark.django_db


def test_home_without_assessment_invites_to_take_it(ana) -> None:
    assert b"Take the assessment" in ana.get("/").content


def test_home_with_assessment_but_no_plan_links_the_results(ana, assessment) -> None:
    assert f"/assessments/{assessment.pk}/".encode() in ana.get("/").content


def test_build_plan_from_the_result_page(ana, user, assessment) -> None:
    response = ana.post(
        "/plan/build/", {"assessment": assessment.pk, "start": timezone.localdate().isoformat()}
    )
    assert response["Location"] == "/plan/"
    assert Plan.objects.get(user=user).is_active


@pytest.mark.parametrize("data", [{"assessment": "x"}, {"assessment": "1", "start": "soon"}, {}])
def test_build_plan_with_bad_input_is_a_message_not_a_500(ana, assessment, data) -> None:
    response = ana.post("/plan/build/", data)
    assert response.status_code == 302


def test_plan_calendar_shows_84_days_and_today(ana, plan) -> None:
    page = ana.get("/plan/").content.decode()
    cells = re.findall(r'<a href="/session/[^"]*"\s+class="([^"]*)"', page)
    assert len(cells) == 84
    assert sum("today" in c.split() for c in cells) == 1
    assert sum("retest" in c.split() for c in cells) == len(plan.plan.retests) == 7
    assert page.count('aria-current="date"') == 1


def test_plan_calendar_labels_weeks_and_phases_and_says_why_each_retest(ana, plan) -> None:
    page = ana.get("/plan/").content.decode()
    titles = re.findall(r'<h3 class="week-title">([^<]*)</h3>', page)
    assert titles[0] == "Week 1 · Foundation"
    assert titles[4] == "Week 5 · Mobilization"
    assert titles[11] == "Week 12 · Integration"
    assert len(titles) == 12
    assert page.count('class="week-retest"') == 7
    assert "weekly during the mobilization block" in page
    assert "Mobilization (weeks 5\u20138)" in page
    assert "standalone</" not in page
    assert ">standalone" not in page


def test_today_shows_the_session_and_a_start_button(ana, plan) -> None:
    page = ana.get("/").content.decode()
    today = timezone.localdate().isoformat()
    assert f"/session/{today}/" in page
    assert "Start the guided session" in page
    day = plan.plan.session_on(timezone.localdate())
    assert "· week 1 (foundation)" in page  # the phase in words
    assert all(item.name in page for item in day.items)
    assert "Next retest:" in page


def test_guided_session_page_has_blocks_drawings_timer_and_log_form(ana, plan) -> None:
    today = timezone.localdate().isoformat()
    response = ana.get(f"/session/{today}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="block"') >= len(plan.plan.session_on(timezone.localdate()).items)
    assert "<svg" in page
    assert 'role="timer"' in page or "rep-now" in page
    assert 'aria-live="polite"' in page
    assert "dorsi/session.js" in page
    assert 'name="pain_type"' in page


def test_per_side_items_become_one_block_per_side(ana, plan) -> None:
    day = plan.plan.days[0]
    expected = sum(2 if item.per_side and item.side == "both" else 1 for item in day.items)
    assert expected > len(day.items)  # the day has a per-side item to split
    page = ana.get(f"/session/{day.date.isoformat()}/").content.decode()
    assert page.count('class="block"') == expected
    split = expected - len(day.items)
    for side in ("left", "right"):
        one_sided = sum(item.side == side for item in day.items)
        assert page.count(f'class="side side-{side}"') == split + one_sided


def test_logging_the_session_stores_it(ana, user, plan) -> None:
    today = timezone.localdate()
    response = ana.post(
        f"/session/{today.isoformat()}/",
        {"status": "done", "minutes": "9", "pain": "0", "pain_type": "none", "exercise": ""},
    )
    assert response.status_code == 302
    row = SessionLog.objects.get(user=user)
    assert (row.date, row.status, row.minutes) == (today, "done", 9.0)


def test_sharp_pain_swaps_the_exercise_next_time_and_says_why(ana, user, plan) -> None:
    today = timezone.localdate()
    exercise = plan.plan.days[0].items[0].exercise
    response = ana.post(
        f"/session/{today.isoformat()}/",
        {
            "status": "partial",
            "minutes": "5",
            "pain": "7",
            "pain_type": "sharp",
            "exercise": exercise,
        },
        follow=True,
    )
    assert "swapped for an easier version" in response.content.decode()
    tomorrow = (today + timedelta(days=1)).isoformat()
    page = ana.get(f"/session/{tomorrow}/").content.decode()
    assert f'<option value="{exercise}"' not in page  # "which exercise hurt?" lists the day's
    regression = load_library().regression_of(exercise)
    assert f'<option value="{regression.id}"' in page
    assert "pain" in page.lower()


def test_future_session_cannot_be_logged(ana, user, plan) -> None:
    later = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = ana.post(
        f"/session/{later}/", {"status": "done", "minutes": "9", "pain": "0", "pain_type": "none"}
    )
    assert response.status_code == 200
    assert "after today" in str(response.context["form"].errors)
    assert not SessionLog.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"status": "maybe", "minutes": "9", "pain": "0", "pain_type": "none"},
        {"status": "done", "minutes": "-1", "pain": "0", "pain_type": "none"},
        {"status": "done", "minutes": "9", "pain": "11", "pain_type": "none"},
        {"status": "done", "minutes": "9", "pain": "2", "pain_type": "agony"},
        {
            "status": "done",
            "minutes": "9",
            "pain": "2",
            "pain_type": "sharp",
            "exercise": "made-up",
        },
        {},
    ],
)
def test_bad_session_log_is_a_form_error_and_nothing_is_stored(ana, plan, data) -> None:
    response = ana.post(f"/session/{timezone.localdate().isoformat()}/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not SessionLog.objects.exists()


def test_session_url_with_a_bad_date_is_404(ana, plan) -> None:
    assert ana.get("/session/2026-13-45/").status_code == 404


def _title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert found is not None
    return " ".join(found.group(1).split())


def test_the_session_title_and_heading_name_the_day_kind_in_words(ana, plan) -> None:
    from django.utils.formats import date_format

    from dorsi.core.codes import DayKind
    from dorsi.core.program.calendar_text import DAY_KIND_NAMES
    from tests.leaks import leaks, visible_text

    first_of_kind = {}
    for day in plan.plan.days:
        first_of_kind.setdefault(day.kind, day)
    assert {DayKind.DAILY, DayKind.WARM_UP} <= set(first_of_kind)  # the "Warm up session"
    for kind, day in first_of_kind.items():
        page = ana.get(f"/session/{day.date.isoformat()}/").content.decode()
        words = DAY_KIND_NAMES[kind]
        when = date_format(day.date)
        assert _title(page) == f"{words[0].upper()}{words[1:]} · {when} · Dorsi"
        heading = re.search(r'<h1 class="session-title">(.*?)</h1>', page, re.DOTALL)
        assert heading is not None
        assert heading.group(1).startswith(f"{words[0].upper()}{words[1:]} <small>")
        assert f"{day.date:%A}, {when}</small>" in heading.group(1)
        text = visible_text(page) + "\n" + _title(page)
        assert "Warm up" not in text
        assert leaks(text) == [], (kind, leaks(text))
        assert day.date.isoformat() not in text  # the one date style, never ISO


def test_a_logged_session_is_described_in_words(ana, user, plan) -> None:
    today = timezone.localdate()
    exercise = plan.plan.days[0].items[0].exercise
    ana.post(
        f"/session/{today.isoformat()}/",
        {
            "status": "partial",
            "minutes": "5",
            "pain": "4",
            "pain_type": "pinch",
            "exercise": exercise,
        },
    )
    page = ana.get(f"/session/{today.isoformat()}/").content.decode()
    assert "Already logged: <strong>partly done</strong>, pain 4/10 (pinch)." in page
