"""End-to-end tests in a real browser: Debian's Chromium driven by Playwright, against
pytest-django's live server. Skipped with a clear message when Chromium is not installed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told it is safe (it is: the loop is Playwright's, idle).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from tests.django_support import PASSWORD, fixed_clock  # noqa: E402,F401
from tests.video_fixtures import (  # noqa: E402,F401 (fixtures: the sweep's finished videos)
    engine_report,
    finished_analysis,
    video_settings,
)

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"end-to-end tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest, live_server: Any) -> Iterator[Any]:
    """A phone-sized page (360 x 740); a screenshot goes to test-artifacts/ when the test fails."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        base_url=live_server.url,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    # The whole suite runs under the app's Content-Security-Policy: a refused script, style or
    # handler is a console error in Chromium, and fails the test that caused it.
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        (ARTIFACTS / f"{request.node.name}.html").write_text(page.content())
    context.close()
    if report is not None and report.passed:
        assert refused == [], f"the Content-Security-Policy refused: {refused}"
