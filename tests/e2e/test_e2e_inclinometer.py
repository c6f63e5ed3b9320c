"""The phone inclinometer page in Chromium with an emulated orientation sensor: the phone is
modelled lying on a shin tilted by a known angle (turned a little on the shin, the person facing
some heading), the sensor's quaternion is set through CDP, and the page must capture that shin
angle within 0.5° after taking off the wall check's offset."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SENSOR = "relative-orientation"  # what Chromium turns into `deviceorientation` events
SENSOR_BIAS_DEG = 1.5  # the phone reads this much too far forward: the wall check removes it
ROLL_DEG = 7.0  # the phone turned a little on the shin: it must not change the angle
HEADING_DEG = 40.0


def _matrix_on_shin(shin_deg: float, roll_deg: float, heading_deg: float) -> list[list[float]]:
    """Device -> Earth rotation (columns: the phone's x, y, z axes in east-north-up) of a phone
    flat on the front of a shin that leans forward ``shin_deg`` from vertical, top edge
    towards the knee, screen facing forward, the person facing ``heading_deg`` from north."""
    t, r, h = (math.radians(v) for v in (shin_deg, roll_deg, heading_deg))
    y = (0.0, math.sin(t), math.cos(t))
    z0 = (0.0, math.cos(t), -math.sin(t))
    x0 = (-1.0, 0.0, 0.0)
    x = tuple(math.cos(r) * a - math.sin(r) * b for a, b in zip(x0, z0, strict=True))
    z = tuple(math.sin(r) * a + math.cos(r) * b for a, b in zip(x0, z0, strict=True))

    def heading(v: tuple[float, ...]) -> tuple[float, float, float]:
        return (
            math.cos(h) * v[0] - math.sin(h) * v[1],
            math.sin(h) * v[0] + math.cos(h) * v[1],
            v[2],
        )

    cols = [heading(x), heading(y), heading(z)]
    return [[cols[c][row] for c in range(3)] for row in range(3)]


def _quaternion(m: list[list[float]]) -> dict[str, float]:
    """Rotation matrix -> unit quaternion (x, y, z, w), Shepperd's method."""
    trace = m[0][0] + m[1][1] + m[2][2]
    if trace > 0:
        s = math.sqrt(trace + 1.0) * 2
        return {
            "w": s / 4,
            "x": (m[2][1] - m[1][2]) / s,
            "y": (m[0][2] - m[2][0]) / s,
            "z": (m[1][0] - m[0][1]) / s,
        }
    i = max(range(3), key=lambda k: m[k][k])
    j, k = (i + 1) % 3, (i + 2) % 3
    s = math.sqrt(1.0 + m[i][i] - m[j][j] - m[k][k]) * 2
    q = [0.0, 0.0, 0.0]
    q[i] = s / 4
    q[j] = (m[j][i] + m[i][j]) / s
    q[k] = (m[k][i] + m[i][k]) / s
    return {"x": q[0], "y": q[1], "z": q[2], "w": (m[k][j] - m[j][k]) / s}


def _hold(cdp: Any, shin_deg: float) -> None:
    matrix = _matrix_on_shin(shin_deg + SENSOR_BIAS_DEG, ROLL_DEG, HEADING_DEG)
    reading = {"quaternion": _quaternion(matrix)}
    cdp.send("Emulation.setSensorOverrideReadings", {"type": SENSOR, "reading": reading})


def test_the_quaternion_model_is_a_rotation() -> None:
    m = _matrix_on_shin(30.0, ROLL_DEG, HEADING_DEG)
    q = _quaternion(m)
    assert sum(v * v for v in q.values()) == pytest.approx(1.0)
    # The long axis (second column) leans 30 degrees from vertical whatever the roll.
    assert math.degrees(math.acos(m[2][1])) == pytest.approx(30.0)


def _status(page: Any) -> str:
    return str(page.locator("#sensor-status").inner_text())


def test_phone_on_the_shin_captures_the_emulated_shin_angle_within_half_a_degree(
    page: Any,
) -> None:
    from tests.django_support import make_user

    make_user("lena")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setSensorOverrideEnabled", {"enabled": True, "type": SENSOR})
    _hold(cdp, 20.0)  # a wall that is not vertical for the phone: refused below
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("lena")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.goto("/measure/lunge-angle/")
    assert page.locator("#inclinometer").count() == 1
    assert page.get_by_role("button", name="Capture left").is_disabled()

    page.get_by_role("button", name="Start the sensor").click()
    page.get_by_role("button", name="Check on a wall").click()
    # First a few seconds to lay the phone in place, counted down.
    page.get_by_text("Lay the phone in place: 3").wait_for()
    page.get_by_text("and check again").wait_for()
    # The rest without the wait, to keep the test short.
    page.evaluate("document.getElementById('inclinometer').dataset.delayS = '0'")
    assert page.get_by_role("button", name="Capture left").is_disabled()

    _hold(cdp, 0.0)
    page.get_by_role("button", name="Check on a wall").click()
    page.get_by_text("Wall check done").wait_for()
    assert "1.5°" in page.locator("#wall-result").inner_text()

    captured = {}
    for shin_deg in (0.0, 15.0, 30.0, 45.0):
        _hold(cdp, shin_deg)
        page.get_by_role("button", name="Capture left").click()
        # Polling with a JS predicate would need eval, which the page's CSP refuses: locators.
        expect(page.locator("#sensor-status")).to_have_text(re.compile("^Left shin"))
        captured[shin_deg] = float(page.get_by_label("Left shin angle (°)").input_value())
        expect(page.get_by_role("button", name="Capture left")).to_be_enabled()
        page.evaluate("document.getElementById('sensor-status').textContent = ''")
    for shin_deg, value in captured.items():
        assert value == pytest.approx(shin_deg, abs=0.5), captured

    _hold(cdp, 36.2)
    page.get_by_role("button", name="Capture right").click()
    expect(page.locator("#sensor-status")).to_have_text(re.compile("^Right shin"))
    assert page.get_by_label("Right shin angle (°)").input_value() == "36.2"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-lunge-angle-360.png"), full_page=True)
    page.get_by_role("button", name="Use in the assessment").click()
    # No assessment under way yet: the wizard starts at its first step and keeps the angles.
    page.get_by_role("heading", name="Safety check", level=1).wait_for()
    assert "when you reach the Angles step" in page.locator(".messages").inner_text()


def test_without_a_sensor_the_page_says_what_to_do(page: Any) -> None:
    from tests.django_support import make_user

    make_user("noah")
    cdp = page.context.new_cdp_session(page)
    # A device without a tilt sensor (a desktop): Chromium then reports none.
    cdp.send(
        "Emulation.setSensorOverrideEnabled",
        {"enabled": True, "type": SENSOR, "metadata": {"available": False}},
    )
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("noah")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.goto("/measure/lunge-angle/")
    page.get_by_role("button", name="Start the sensor").click()
    page.get_by_text("No readings from a tilt sensor").wait_for()
    assert page.locator("#sensor-help").get_attribute("open") is not None
    assert page.get_by_role("button", name="Check on a wall").is_disabled()
    assert page.get_by_role("button", name="Start the sensor").is_enabled()


def _log_in_and_open(page: Any, username: str) -> None:
    from tests.django_support import make_user

    make_user(username)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.goto("/measure/lunge-angle/")


# iOS Safari: the page must ask, on a tap, and hear "granted" or "denied".
ASKS = """
window.DeviceOrientationEvent.requestPermission = function () {
  window.asked = (window.asked || 0) + 1;
  return Promise.resolve(window.answer);
};
"""


def test_where_the_browser_asks_a_refusal_is_explained_and_a_grant_starts_the_sensor(
    page: Any,
) -> None:
    page.context.add_init_script(ASKS)
    _log_in_and_open(page, "ines")
    page.evaluate("window.answer = 'denied'")
    page.get_by_role("button", name="Start the sensor").click()
    page.get_by_text("Motion access was refused").wait_for()
    assert page.evaluate("window.asked") == 1
    assert page.get_by_role("button", name="Check on a wall").is_disabled()
    page.evaluate("window.answer = 'granted'")
    page.get_by_role("button", name="Start the sensor").click()
    page.get_by_text("Sensor on.").wait_for()
    assert page.evaluate("window.asked") == 2


def test_over_plain_http_the_page_says_https_is_needed(page: Any) -> None:
    page.context.add_init_script(
        "Object.defineProperty(window, 'isSecureContext', { value: false });"
    )
    _log_in_and_open(page, "omar")
    page.get_by_role("button", name="Start the sensor").click()
    page.get_by_text("secure (https) pages only").wait_for()
    assert "make run HTTPS=1" in page.locator("#sensor-help").inner_text()
