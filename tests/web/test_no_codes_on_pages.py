"""No code, file name or Python repr on any page a person reads (SPEC intro, issue 8).

A crawler follows every link the app shows, as an athlete with a full history, as an athlete
held by a red flag, and as a coach following the first athlete; every page's visible text is
scanned, and the test names the page and the string.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import Resolver404, resolve

from tests.coach_support import log, make_coach, share
from tests.django_support import TODAY, assessment_document, make_user
from tests.leaks import leaks, visible_text

pytestmark = pytest.mark.django_db

# Not pages: machine files and actions (downloads, feeds, the API, logging out).
SKIPPED_PREFIXES = ("/api/", "/static/", "/media/", "/calendar/", "/accounts/logout/")
SKIPPED_SUFFIXES = (".json", ".ics", ".csv", ".mp4", ".png", ".pdf", ".zip", "/download/")
PAGES_PER_ROUTE = 3  # the 84 session days share a template: a few of each route are enough


def _crawl(client: Any, start: str = "/") -> dict[str, str]:
    """Visible text of every page reachable from ``start`` by links (GET, same site)."""
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    queue, pages = [start], {}
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        final = response.request["PATH_INFO"]
        html = response.content.decode()
        pages[final] = visible_text(html)
        for link in _links(html):
            route = _route(link)
            if route is None or link in seen or per_route[route] >= PAGES_PER_ROUTE:
                continue
            per_route[route] += 1
            queue.append(link)
    return pages


def _links(html: str) -> list[str]:
    import re

    out = []
    for href in re.findall(r'href="([^"]+)"', html):
        path = urldefrag(href)[0].replace("&amp;", "&")
        parsed = urlparse(path)
        if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
            continue
        if path.startswith(SKIPPED_PREFIXES) or parsed.path.endswith(SKIPPED_SUFFIXES):
            continue
        out.append(path)
    return out


def _route(path: str) -> str | None:
    try:
        return resolve(urlparse(path).path).url_name or path
    except Resolver404:
        return None


def _assert_clean(pages: dict[str, str]) -> None:
    found = [f"{url}: {leak}" for url, text in pages.items() for leak in leaks(text)]
    assert not found, "codes on pages:\n" + "\n".join(found)


@pytest.fixture
def athlete(user: Any, plan: Any, finished_analysis: Any) -> Any:
    """Ana: an assessment, a plan started 3 weeks ago, sessions (one with sharp pain and
    swelling), two retests and a finished squat video."""
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from dorsi.services.tracking import retest_record

    start = TODAY - timedelta(days=21)
    row = assessment_create(
        user=user, document=assessment_document(date=start.isoformat()), today=TODAY
    )
    plan_create(user=user, assessment_id=row.pk, start=start)
    for offset in range(21):
        when = start + timedelta(days=offset)
        if offset % 5 == 4:
            continue
        log(user, when, efforts=[("knee-to-wall-circles", "too_easy")] if offset == 3 else [])
    log(
        user,
        TODAY - timedelta(days=2),
        pain=6,
        pain_type="sharp",
        swelling=True,
        exercise="knee-to-wall-circles",
        note="Pinch at the front",
    )
    retest_record(user=user, when=start + timedelta(days=7), left=8.0, right=10.5, today=TODAY)
    retest_record(user=user, when=TODAY - timedelta(days=1), left=9.0, right=11.0, today=TODAY)
    finished_analysis(user)
    return user


def test_no_page_an_athlete_reads_shows_a_code(client: Any, athlete: Any) -> None:
    client.force_login(athlete)
    pages = _crawl(client)
    assert {"/", "/plan/", "/progress/", "/videos/"} <= set(pages)
    assert any(url.startswith("/session/") for url in pages)
    assert any(url.startswith("/assessments/") and url[-2].isdigit() for url in pages)
    assert any(url.startswith("/videos/") and url[-2].isdigit() for url in pages)
    assert {"/sources/", "/exercises/"} <= set(pages)
    _assert_clean(pages)


@pytest.mark.parametrize("flag", ["calf_swelling", "recent_trauma", "giving_way"])
def test_no_page_of_an_athlete_held_by_a_red_flag_shows_a_code(client: Any, flag: str) -> None:
    from dorsi.services.assessments import assessment_create

    held = make_user("hugo")
    assessment_create(user=held, document=assessment_document(red_flags=[flag]), today=TODAY)
    client.force_login(held)
    pages = _crawl(client)
    _assert_clean(pages)


def test_no_page_a_coach_reads_shows_a_code(client: Any, athlete: Any) -> None:
    from dorsi.services.coaching_notes import note_post
    from dorsi.services.coaching_plans import plan_edit_apply

    coach = make_coach("carla")
    share(athlete, coach)
    edit = {
        "schema": "dorsi.plan-edit/v1",
        "kind": "note",
        "scope": {"from": TODAY.isoformat(), "weeks": [], "dates": [TODAY.isoformat()]},
        "note": "Slow the lowering today",
    }
    plan_edit_apply(coach=coach, client=athlete, document=edit, today=TODAY)
    note_post(author=coach, client=athlete, coach=coach, text="Keep the circles pain-free.")
    client.force_login(coach)
    pages = _crawl(client)
    assert any("/plan/" in url and "/coach/" in url for url in pages)
    assert any(url.endswith("/handout/") for url in pages)
    assert any("/assessments/" in url and "/coach/" in url for url in pages)
    _assert_clean(pages)
