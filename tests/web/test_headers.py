"""Headers every answer carries: nothing personal is cached; the camera and the motion sensors
are allowed for Dorsi's own pages only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_logged_in_page_is_never_stored(ana) -> None:
    response = ana.get("/")
    assert response["Cache-Control"] == "no-store"


def test_the_api_is_never_stored(ana, client) -> None:
    assert ana.get("/api/progress")["Cache-Control"] == "no-store"
    assert client.get("/api/progress")["Cache-Control"] == "no-store"  # the 401 too


def test_the_public_landing_page_may_be_cached(client) -> None:
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_camera_and_motion_sensors_are_allowed_for_our_own_pages_only(client) -> None:
    policy = client.get("/")["Permissions-Policy"]
    assert "camera=(self)" in policy
    assert "accelerometer=(self)" in policy
    assert "gyroscope=(self)" in policy
    assert "microphone=()" in policy
    assert "geolocation=()" in policy
