"""Headers every answer carries: nothing personal is cached; the camera and the motion sensors
are allowed for Dorsi's own pages only."""

from __future__ import annotations

import re
from pathlib import Path

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


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


def test_every_page_carries_a_strict_content_security_policy(ana, client) -> None:
    for response in (client.get("/"), ana.get("/"), ana.get("/plan/"), client.get("/nowhere/")):
        policy = _policy(response)
        assert policy["script-src"][0] == "'self'"
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header
        assert "unsafe-eval" not in header


def test_a_page_that_uses_the_nonce_gets_it_in_its_policy(rf) -> None:
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    nonce = response.content.decode().split("nonce='")[1].split("'")[0]
    assert len(nonce) >= 16
    assert f"'nonce-{nonce}'" in _policy(response)["script-src"]


TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "dorsi" / "web" / "templates"
INLINE = re.compile(
    r"""\sstyle\s*=|\son[a-z]+\s*=|<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>"""
)


def test_no_template_has_inline_scripts_styles_or_handlers() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for match in INLINE.finditer(path.read_text())
    ]
    assert found == []


def test_the_page_stylesheet_carries_the_figures_reduced_motion_rules() -> None:
    css = (TEMPLATES.parent / "static" / "dorsi" / "app.css").read_text()
    assert "@media (prefers-reduced-motion: reduce) { .dorsi-motion { display: none; }" in css
    assert ".dorsi-still { display: none; }" in css
