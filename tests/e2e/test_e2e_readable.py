"""Every page at 360 x 800, as a visitor, as an athlete and as a coach: nothing scrolls sideways,
and axe-core (vendored from the npm registry, checksummed) finds no serious or critical
accessibility violation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE = VENDOR / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 800}
BLOCKING = ("serious", "critical")
MIN_CHART_TEXT_PX = 12.0
# The video images draw their words at 10 pt and 100 dpi (about 13.9 px) or larger: shown at
# 86 % of their own size or more, those words stay at 12 CSS px or more.
MIN_IMAGE_SCALE = MIN_CHART_TEXT_PX / (10 * 100 / 72)


def _axe_source() -> str:
    """axe.min.js, refused unless its sha256 is the one VERSIONS.txt records."""
    recorded = re.search(
        r"^axe-core/axe\.min\.js sha256:([0-9a-f]{64})$",
        (VENDOR / "VERSIONS.txt").read_text(),
        re.MULTILINE,
    )
    assert recorded, "tests/e2e/vendor/VERSIONS.txt records no sha256 for axe.min.js"
    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == recorded.group(1), "axe.min.js was changed"
    return data.decode()


def test_vendored_axe_matches_its_recorded_checksum() -> None:
    assert "axe.run" in _axe_source() or "runPartial" in _axe_source()


def _world(finished_analysis: Any) -> dict[str, Any]:
    """An athlete with an assessment, a plan, a logged session, a retest and two finished video
    analyses, shared with a coach."""
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from dorsi.services.tracking import retest_record
    from tests.coach_support import log, make_coach, share
    from tests.django_support import assessment_document, make_user

    today = timezone.localdate()
    athlete = make_user("runner")
    first = today - timedelta(days=14)
    document = assessment_document(date=first.isoformat())
    row = assessment_create(user=athlete, document=document, today=first)
    plan_create(user=athlete, assessment_id=row.pk, start=first, today=first)
    log(athlete, today - timedelta(days=1), pain=3)
    retest_record(user=athlete, when=today, left=9.5, right=11.0, today=today)
    coach = make_coach("physio")
    share(athlete, coach)
    before = finished_analysis(athlete, "before.mp4")
    after = finished_analysis(athlete, "after.mp4")
    return {
        "athlete": athlete,
        "assessment": row.pk,
        "today": today.isoformat(),
        "videos": (before.pk, after.pk),
    }


def _pages(role: str, world: dict[str, Any]) -> list[str]:
    if role == "visitor":
        return [
            "/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            "/sources/",
            "/exercises/",
            "/tests/knee_to_wall/",
        ]
    today, assessment = world["today"], world["assessment"]
    before, after = world["videos"]
    compare = f"videos/compare/?before={before}&after={after}"
    if role == "athlete":
        return [
            "/",
            "/plan/",
            f"/session/{today}/",
            "/retest/",
            "/progress/",
            "/assessments/",
            f"/assessments/{assessment}/",
            "/assessment/new/",
            "/assessment/new/knee_to_wall/",
            "/assessment/new/review/",
            "/videos/",
            "/videos/compare/",
            f"/videos/{after}/",
            "/" + compare,
            "/exercises/",
            "/exercises/ankle-cars/",
            "/tests/knee_to_wall/",
            "/tests/wb_angle/",
            "/sources/",
            "/measure/lunge-angle/",
            "/data/",
            "/calendar/",
            "/sharing/",
            "/accounts/profile/",
            "/accounts/password/change/",
            "/accounts/delete/",
        ]
    client = f"/coach/clients/{world['athlete'].pk}/"
    return [
        "/coach/",
        client,
        client + "sessions/",
        client + f"assessments/{assessment}/",
        client + "plan/",
        client + f"days/{today}/",
        client + "retest/",
        client + "notes/",
        client + "videos/",
        client + f"videos/{after}/",
        client + compare,
        client + "handout/",
        "/accounts/profile/",
    ]


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport=PHONE,
        base_url=live_server.url,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,  # axe is injected as a script the page's own policy does not list
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


def _log_in(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def _sideways(page: Any) -> int:
    """How many CSS px the page scrolls sideways (0 when it fits)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
    )


def _smallest_chart_text_px(page: Any) -> float | None:
    """The smallest rendered font size (CSS px) of any text in a visible chart."""
    return page.evaluate(
        """() => {
            let smallest = null;
            for (const svg of document.querySelectorAll('.chart svg')) {
                const box = svg.getBoundingClientRect();
                if (box.width === 0) continue;
                const scale = box.width / svg.viewBox.baseVal.width;
                for (const text of svg.querySelectorAll('text')) {
                    const size = parseFloat(getComputedStyle(text).fontSize) * scale;
                    smallest = smallest === null ? size : Math.min(smallest, size);
                }
            }
            return smallest;
        }"""
    )


def _smallest_image_scale(page: Any) -> float | None:
    """The smallest shown-to-own width ratio of the images with words drawn in them (the video
    chart and the side-by-side picture), once each has loaded."""
    images = page.locator(".wide-image img")
    smallest: float | None = None
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        scale = image.evaluate(
            """async (img) => {
                if (!img.complete || img.naturalWidth === 0) {
                    await new Promise((done) => { img.onload = done; img.onerror = done; });
                }
                return img.naturalWidth ? img.getBoundingClientRect().width / img.naturalWidth : 0;
            }"""
        )
        smallest = scale if smallest is None else min(smallest, scale)
    return smallest


def _violations(page: Any, axe: str) -> list[str]:
    page.add_script_tag(content=axe)
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary),
            }));
        }"""
    )
    return [
        f"{item['id']} ({item['impact']}): {' | '.join(item['nodes'])}"
        for item in found
        if item["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("role", ["visitor", "athlete", "coach"])
def test_no_page_scrolls_sideways_or_fails_axe_at_360px(
    phone: Any, role: str, finished_analysis: Any
) -> None:
    world = _world(finished_analysis)
    axe = _axe_source()
    page = phone.new_page()
    if role != "visitor":
        _log_in(page, "runner" if role == "athlete" else "physio")
    problems: dict[str, list[str]] = {}
    charts_seen: list[str] = []
    images_seen: list[str] = []
    for url in _pages(role, world):
        response = page.goto(url)
        assert response is not None, url
        assert response.status == 200, f"{url}: {response.status}"
        page.wait_for_load_state("networkidle")
        found = _violations(page, axe)
        overflow = _sideways(page)
        if overflow > 0:
            found.append(f"scrolls sideways by {overflow} px")
        smallest = _smallest_chart_text_px(page)
        if smallest is not None and smallest < MIN_CHART_TEXT_PX:
            found.append(f"chart text {smallest:.1f} px")
        if smallest is not None:
            charts_seen.append(url)
        scale = _smallest_image_scale(page)
        if scale is not None:
            images_seen.append(url)
            if scale < MIN_IMAGE_SCALE:
                found.append(f"an image with words shown at {scale:.0%} of its size")
        if found:
            problems[url] = found
    assert problems == {}, "\n".join(f"{url}: {p}" for url, ps in problems.items() for p in ps)
    if role != "visitor":  # the results and progress pages have charts: the check ran
        assert charts_seen, "no chart was measured"
        assert len(images_seen) == 2, f"video images measured on {images_seen}"


def test_browser_back_keeps_a_saved_wizard_value_and_a_decimal_comma(phone: Any) -> None:
    """htmx keeps no page snapshots (historyCacheSize 0, as no-store intends): Back asks the
    server, which renders the step from the saved draft."""
    from tests.django_support import make_user

    make_user("runner")
    page = phone.new_page()
    _log_in(page, "runner")
    page.goto("/assessment/new/?restart=1")
    page.get_by_role("heading", name="Safety check", level=1).wait_for()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="Knee-to-wall test", level=1).wait_for()
    page.get_by_label("Left foot: big toe to wall").fill("-2")
    page.get_by_label("Right foot: big toe to wall").fill("40")
    page.get_by_role("button", name="Next").click()
    errors = page.locator(".errorlist, .field-error, [role=alert]")
    errors.first.wait_for()
    text = page.locator("#wizard").inner_text()
    assert "\u22122" in text, text  # both errors at once
    assert "40" in text, text
    assert "knee_to_wall" not in text
    page.get_by_label("Left foot: big toe to wall").fill("7,5")
    page.get_by_label("Right foot: big toe to wall").fill("10")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="About you", level=1).wait_for()
    page.go_back()
    page.get_by_role("heading", name="Knee-to-wall test", level=1).wait_for()
    assert page.get_by_label("Left foot: big toe to wall").input_value() == "7.5"
    assert page.get_by_label("Right foot: big toe to wall").input_value() == "10.0"
