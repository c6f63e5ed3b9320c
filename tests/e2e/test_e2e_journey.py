"""The daily journey on a phone-sized screen: sign up -> assessment -> plan -> today's guided
session with the timer running -> log -> retest -> the dashboard shows the change."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _wait_until(page: Any, expression: str, timeout_s: float = 15.0) -> None:
    """Poll an expression from the test side: Playwright's wait_for_function compiles it in the
    page, which the Content-Security-Policy (no eval) refuses."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout_s} s: {expression}"
        page.wait_for_timeout(100)


def _next(page: Any, heading: str) -> None:
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name=heading, level=1).wait_for()


def _skip(page: Any, heading: str) -> None:
    page.get_by_role("button", name="Skip this section").click()
    page.get_by_role("heading", name=heading, level=1).wait_for()


JOURNEY_SHOTS = ARTIFACTS / "journey"


def _shot(page: Any, name: str) -> None:
    """A screenshot of the screen as the athlete sees it (the 360 x 800 viewport), kept in
    test-artifacts/journey/ whether the test passes or fails."""
    JOURNEY_SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(JOURNEY_SHOTS / f"{name}.png"), caret="initial")


def test_sign_up_assess_plan_session_log_retest_dashboard(page: Any, settings: Any) -> None:
    settings.DORSI_FAST_TIMERS = True  # ?speed=60 runs the whole guided session in seconds
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/")
    _shot(page, "01-landing")
    page.get_by_text("Create a free account").click()
    page.get_by_label("Username").fill("runner")
    page.get_by_label("Email").fill("runner@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    _shot(page, "02-sign-up")
    page.locator("main").get_by_role("button", name="Sign up").click()

    # Assessment wizard (htmx steps): the safety check comes first
    page.get_by_role("heading", name="Safety check", level=1).wait_for()
    _shot(page, "03-assessment-safety")
    _next(page, "Knee-to-wall test")
    assert page.locator("#wizard svg").count() >= 1
    page.get_by_label("Left foot: big toe to wall").fill("30")
    page.get_by_role("button", name="Next").click()
    page.get_by_text("outside the valid range 0 to 25 cm").wait_for()
    page.get_by_label("Left foot: big toe to wall").fill("7.5")
    page.get_by_label("Right foot: big toe to wall").fill("10.5")
    _shot(page, "04-assessment-knee-to-wall")
    _next(page, "About you")
    page.get_by_label("Running", exact=True).check()
    page.get_by_label("Resistance band", exact=True).check()
    _next(page, "Angles")
    _skip(page, "Three-position test")
    _skip(page, "Where you felt it")
    page.get_by_label("A block or pinch at the front of the ankle").first.check()
    _next(page, "Squat screen")
    _skip(page, "Knee pain and signs")
    _skip(page, "Review and save")
    assert "A block or pinch at the front of the ankle" in page.locator("#wizard").inner_text()
    _shot(page, "05-assessment-review")
    page.get_by_role("button", name="Save and see my results").click()

    # Results and plan
    page.get_by_role("heading", name=re.compile("Your results")).wait_for()
    assert "Significant restriction" in page.locator("main").inner_text()
    assert page.locator(".chart svg:visible").count() == 1
    _shot(page, "06-results")
    page.get_by_role("button", name="Build my 12-week plan").click()
    page.get_by_role("heading", name="Your plan").wait_for()
    assert page.locator(".calendar a").count() == 84
    _shot(page, "07-plan")

    # Today's guided session: one tap runs it all (sets, sides, rests), with a pause on the way
    page.get_by_role("link", name="Today").click()
    _shot(page, "08-today")
    page.get_by_role("button", name="Start the guided session").click()
    page.wait_for_url(re.compile(r"/session/\d{4}-\d{2}-\d{2}/$"))
    page.goto(page.url + "?speed=60")
    expect(page.locator(".block:not([hidden])")).to_have_count(1)
    _shot(page, "09-session-ready")
    main_control = page.locator("#main-control")
    main_control.click()  # the one tap
    clock = "document.getElementById('clock-value').textContent"
    _wait_until(page, f"{clock} !== '' && parseInt({clock}, 10) < 60")
    main_control.click()  # pause: the clock stops
    _shot(page, "10-session-paused")
    paused = page.evaluate(clock)
    page.wait_for_timeout(600)
    assert page.evaluate(clock) == paused
    assert page.evaluate("document.activeElement.id") == "main-control"
    page.keyboard.press("Enter")  # the keyboard alone resumes
    _wait_until(page, "document.getElementById('guided').dataset.phase === 'rest'")
    _shot(page, "11-session-rest")
    _wait_until(page, "document.getElementById('guided').dataset.phase === 'done'")
    _shot(page, "12-session-done")

    # Log it
    page.get_by_label("Done").check()
    page.get_by_label("Minutes").fill("9")
    page.get_by_role("button", name="Save the log").click()
    page.get_by_text("Session logged").wait_for()
    _shot(page, "13-logged")

    # Retest and the dashboard
    page.goto("/retest/")
    page.get_by_label("Left").fill("9.6")
    page.get_by_label("Right").fill("10.9")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    _shot(page, "14-retest")
    page.get_by_role("button", name="Save retest").click()
    page.get_by_role("heading", name="Progress").wait_for()
    table = page.locator("table").inner_text()
    assert "+2.1\u00a0cm" in table
    assert "real" in table
    assert page.locator(".progress-chart svg:visible").count() == 1
    assert "Streak 1" in page.locator("main").inner_text()
    _shot(page, "15-progress")


def test_the_phone_layout_does_not_scroll_sideways(page: Any) -> None:
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from tests.django_support import assessment_document, make_user

    user = make_user("phone")
    row = assessment_create(user=user, document=assessment_document())
    plan_create(user=user, assessment_id=row.pk, start=timezone.localdate())
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("phone")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name=re.compile("Today")).wait_for()
    today = timezone.localdate().isoformat()
    for url in (
        "/",
        "/plan/",
        f"/session/{today}/",
        "/retest/",
        "/assessment/new/?restart=1",
        "/exercises/",
        "/data/",
        "/calendar/",
        "/coach/",
        "/accounts/profile/",
        "/videos/",
        "/videos/compare/",
    ):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (url, width)
