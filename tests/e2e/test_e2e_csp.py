"""The browser enforces the Content-Security-Policy: an injected inline script never runs and
is reported (which is how every other browser test fails on a refused script or style), while
the app's own behaviours, declared in markup and run from static files, still work."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_injected_inline_script_is_refused_and_reported(browser: Any, live_server: Any) -> None:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in text for text in messages)
    context.close()


def test_the_library_filter_submits_itself_without_an_inline_handler(page: Any) -> None:
    page.goto("/exercises/")
    select = page.locator("select#purpose")
    value = select.locator("option").nth(1).get_attribute("value")
    select.select_option(value)
    page.wait_for_url(f"**purpose={value}**")
    assert f"purpose={value}" in page.url
