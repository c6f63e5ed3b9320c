"""The guided session on a phone: it fits the screen, one tap runs it all (sets, sides, rests,
spoken cues), and a log made offline reaches the server exactly once when the phone is back."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import ARTIFACTS, PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SPEECH_SPY = """
window.__spoken = [];
window.speechSynthesis.speak = function (u) { window.__spoken.push(u.text); };
window.__buzz = [];
navigator.vibrate = function (pattern) { window.__buzz.push(pattern); return true; };
"""


def _wait_until(page: Any, expression: str, timeout_s: float = 20.0) -> None:
    """Poll from the test side (wait_for_function compiles in the page: CSP refuses eval)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout_s} s: {expression}"
        page.wait_for_timeout(100)


def _athlete(page: Any, name: str) -> str:
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from tests.django_support import assessment_document, make_user

    user = make_user(name)
    row = assessment_create(user=user, document=assessment_document())
    plan_create(user=user, assessment_id=row.pk, start=timezone.localdate())
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name=re.compile("Today")).wait_for()
    return f"/session/{timezone.localdate().isoformat()}/"


@pytest.mark.parametrize(("width", "height"), [(360, 800), (390, 844)])
def test_the_name_figure_clock_and_main_control_fit_the_phone_screen(
    page: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    url = _athlete(page, f"fit{width}")
    page.goto(url)
    block = page.locator(".block:not([hidden])")
    parts = {
        "name": block.locator("h2.exercise-name"),
        "figure": block.locator(".figure svg"),
        "clock": page.locator("#console .clock"),
        "main control": page.locator("#main-control"),
    }
    for name, part in parts.items():
        box = part.bounding_box()
        assert box is not None, name
        assert box["y"] >= 0, (name, box)
        assert box["y"] + box["height"] <= height, (name, box)
        assert box["x"] >= 0, (name, box)
        assert box["x"] + box["width"] <= width, (name, box)
    for control in page.locator("#console button:visible, #console label.mute").all():
        box = control.bounding_box()
        assert box["height"] >= 44, (control.inner_text(), box)
        assert box["width"] >= 44, (control.inner_text(), box)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_one_tap_runs_the_whole_session_with_spoken_cues(page: Any, settings: Any) -> None:
    settings.DORSI_FAST_TIMERS = True
    page.add_init_script(SPEECH_SPY)
    url = _athlete(page, "onetap")
    page.goto(url + "?speed=60")
    steps = page.locator(".block").evaluate_all(
        "bs => bs.map(b => [b.dataset.name, b.dataset.item, b.dataset.side])"
    )
    page.locator("#main-control").click()  # the only tap
    # the screen stays awake while it runs (Screen Wake Lock, granted on localhost)
    _wait_until(page, "document.getElementById('guided').dataset.wakeLock === 'held'")
    _wait_until(page, "document.getElementById('guided').dataset.phase === 'done'")
    assert page.locator("#guided").get_attribute("data-wake-lock") == "released"
    buzzes = page.evaluate("window.__buzz")
    assert len(buzzes) >= len(steps) + 1  # at least each start of work and the end
    spoken = page.evaluate("window.__spoken")
    assert spoken[0].startswith(("Left side.", "Right side.", "Set 1 of")) or "reps" in spoken[0]
    assert any(cue.startswith("Switch sides.") for cue in spoken), spoken
    assert any(cue == "Ten seconds." for cue in spoken), spoken
    assert any(cue.startswith("Rest.") for cue in spoken), spoken
    assert spoken[-1] == "Session done. Well done!"
    assert page.locator("#main-control").inner_text() == "Log the session"
    # the rest before each next exercise names it; the other side of the same one says so
    rests = [cue for cue in spoken if cue.startswith(("Rest. Next:", "Switch sides."))]
    expected = [
        "Switch sides." if item == before[1] and side != before[2] else f"Rest. Next: {name}."
        for before, (name, item, side) in zip(steps, steps[1:], strict=False)
    ]
    assert [cue if cue.startswith("Rest") else "Switch sides." for cue in rests] == expected
    assert page.evaluate("document.activeElement.id") == "log-title"


def test_the_rep_counter_stops_at_the_target_and_undo_takes_a_rep_back(
    page: Any, settings: Any
) -> None:
    settings.DORSI_FAST_TIMERS = True
    from django.contrib.auth.models import User

    from dorsi.services.plans import plan_active

    _athlete(page, "reps")
    plan = plan_active(user=User.objects.get(username="reps"))
    assert plan is not None
    from dorsi.services.plan_pages import guided_blocks

    def rep_block_before_the_end(blocks: Any) -> bool:  # its rest follows, then more work
        return any(block.reps for block in blocks[:-1])

    day = next(d for d in plan.plan.days if rep_block_before_the_end(guided_blocks(d)))
    page.goto(f"/session/{day.date.isoformat()}/")
    rep_blocks = page.locator(".block[data-reps]")
    assert rep_blocks.count() >= 1
    index = page.locator(".block").evaluate_all(
        "bs => bs.findIndex(b => b.dataset.reps !== undefined)"
    )
    for _ in range(index):
        page.locator("#skip-step").click()
    target = int(page.locator(".block:not([hidden])").get_attribute("data-reps"))
    page.locator("#main-control").click()  # start
    page.locator("#main-control").click()  # pause: count by hand
    page.locator("#main-control").click()  # resume
    page.locator("#main-control").click()  # pause again
    add = page.locator("#rep-add")
    for _ in range(target - 1):
        add.click()
    assert page.locator("#clock-value").inner_text() == f"{target - 1} / {target}"
    page.locator("#rep-undo").click()
    assert page.locator("#clock-value").inner_text() == f"{target - 2} / {target}"
    add.click()
    add.click()  # the target: the set ends, the rest begins (never "target + 1 / target")
    assert page.locator("#guided").get_attribute("data-phase") == "rest"
    page.locator("#rep-undo").click()  # back into the set, one rep short
    assert page.locator("#guided").get_attribute("data-phase") == "work"
    assert page.locator("#clock-value").inner_text() == f"{target - 1} / {target}"


def test_the_mute_switch_is_remembered(page: Any) -> None:
    url = _athlete(page, "mute")
    page.goto(url)
    page.get_by_label("Mute voice").check()
    page.reload()
    assert page.get_by_label("Mute voice").is_checked()


def test_a_session_logged_offline_is_sent_once_back_online(page: Any, settings: Any) -> None:
    from dorsi.db.models import SessionLog, SessionLogKey

    settings.DORSI_FAST_TIMERS = True
    url = _athlete(page, "offline")
    # The service worker keeps today's and tomorrow's sessions for offline use.
    _wait_until(page, "document.documentElement.dataset.offline === 'ready'")
    context = page.context
    context.set_offline(True)
    page.goto(url + "?speed=60")  # served by the service worker from its cache
    page.locator("#main-control").click()
    _wait_until(page, "document.getElementById('guided').dataset.phase === 'done'")
    page.get_by_label("Done").check()
    page.get_by_label("Minutes").fill("9")
    page.get_by_role("button", name="Save the log").click()
    page.get_by_text("Saved on this phone").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "session-offline-queued.png"), caret="initial")
    assert SessionLog.objects.count() == 0
    context.set_offline(False)
    page.get_by_text("Your saved log was sent").wait_for()
    page.evaluate("window.dorsiQueue.flush()")  # a second send finds the queue empty
    page.reload()
    assert page.evaluate("window.dorsiQueue.pending()") == 0
    assert SessionLog.objects.count() == 1
    assert SessionLogKey.objects.count() == 1
    log = SessionLog.objects.get()
    assert (log.status, log.minutes) == ("done", 9)
    # Logging out forgets the kept session pages (they show someone's plan).
    page.locator("header summary", has_text="More").click()
    page.get_by_role("button", name=re.compile("Log out")).click()
    page.get_by_role("link", name="Log in").first.wait_for()
    kept = (
        "caches.keys().then(names => Promise.all(names.map(n => caches.open(n)"
        ".then(c => c.keys())))).then(lists => lists.flat()"
        ".filter(r => r.url.includes('/session/')).length)"
    )
    deadline = time.monotonic() + 10
    while page.evaluate(kept):
        assert time.monotonic() < deadline, "the session pages are still kept after logging out"
        page.wait_for_timeout(100)


WAKE_LOCK_SPY = """
window.__locks = [];
navigator.wakeLock.request = function () {
  var listeners = [];
  var sentinel = {
    released: false,
    addEventListener: function (type, listener) { listeners.push(listener); },
    release: function () {
      sentinel.released = true;
      listeners.forEach(function (listener) { listener(); });
      return Promise.resolve();
    }
  };
  window.__locks.push(sentinel);
  return Promise.resolve(sentinel);
};
"""


def test_the_wake_lock_is_taken_again_when_the_page_comes_back(page: Any) -> None:
    page.add_init_script(WAKE_LOCK_SPY)
    url = _athlete(page, "awake")
    page.goto(url)
    page.locator("#main-control").click()
    _wait_until(page, "window.__locks.length === 1")
    page.evaluate("window.__locks[0].release()")  # the phone released it (the page was hidden)
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # visible again
    _wait_until(page, "window.__locks.length === 2 && !window.__locks[1].released")
    page.locator("#main-control").click()  # pause: the screen may sleep again
    _wait_until(page, "window.__locks[1].released")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__locks.length") == 2  # paused: no new lock
