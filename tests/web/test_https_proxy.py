"""Behind an HTTPS reverse proxy (DORSI_HTTPS=1), through the real launcher and server: HSTS,
secure cookies, https links in emails and pages, the redirect of plain http, and forwarding
headers trusted only from the proxy's address."""

from __future__ import annotations

import http.cookiejar
import re
import signal
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_run_command import _free_port
from tests.web.test_supervision import _env, _launch, _script

HOST = "dorsi.example.org"
pytestmark = pytest.mark.slow


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _client() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(_NoRedirect(), urllib.request.HTTPCookieProcessor(jar))
    return opener, jar


def _request(
    opener: Any,
    port: int,
    path: str,
    *,
    proxied: bool = True,
    data: dict[str, str] | None = None,
    cookie: str | None = None,
) -> Any:
    headers = {"Host": HOST}
    if cookie is not None:  # a Secure cookie: the client jar keeps it off this http hop
        headers["Cookie"] = cookie
    if proxied:
        headers["X-Forwarded-Proto"] = "https"
    if data is not None:
        headers["Origin"] = f"https://{HOST}"
        headers["Referer"] = f"https://{HOST}{path}"
    body = None if data is None else urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:  # a 3xx with redirects switched off
        response = error
    with response:
        return _Answer(response.status, response.headers, response.read().decode())


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: Any
    text: str


def _wait_for_output(launcher: Any, pattern: str, timeout_s: float = 30.0) -> str:
    """Read the launcher's output until ``pattern`` appears (the console email backend)."""
    deadline = time.monotonic() + timeout_s
    seen = ""
    while time.monotonic() < deadline:
        line = launcher.stdout.readline()
        seen += line
        if re.search(pattern, seen):
            return seen
    raise AssertionError(f"{pattern!r} not in the launcher's output:\n{seen}")


def _start(tmp_path: Path, **extra: str) -> tuple[Any, int, dict[str, str]]:
    port = _free_port()
    env = _env(tmp_path / "data", port) | {
        "DORSI_HTTPS": "1",
        "DORSI_ALLOWED_HOSTS": HOST,
        **extra,
    }
    launcher = _launch(env)
    deadline = time.monotonic() + 90
    while True:  # up as soon as the server answers at all
        assert launcher.poll() is None, launcher.communicate()[0]
        assert time.monotonic() < deadline, "the launcher did not start"
        try:
            _request(_client()[0], port, "/")
        except OSError:
            time.sleep(0.5)
        else:
            return launcher, port, env


def _stop(launcher: Any) -> None:
    launcher.send_signal(signal.SIGTERM)
    launcher.communicate(timeout=60)


def test_https_behind_the_proxy_sends_hsts_secure_cookies_and_https_links(tmp_path) -> None:
    launcher, port, env = _start(tmp_path)
    try:
        opener, jar = _client()
        page = _request(opener, port, "/accounts/password/reset/")
        assert page.status == 200
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        [csrf] = [cookie for cookie in jar if cookie.name == "csrftoken"]
        assert csrf.secure
        plain = _request(_client()[0], port, "/", proxied=False)
        assert (plain.status, plain.headers["Location"]) == (301, f"https://{HOST}/")
        _script(env, "user", "ana", "ana@example.org")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token is not None
        sent = _request(
            opener,
            port,
            "/accounts/password/reset/",
            data={"csrfmiddlewaretoken": token.group(1), "email": "ana@example.org"},
            cookie=f"csrftoken={csrf.value}",
        )
        assert sent.status == 302
        output = _wait_for_output(launcher, rf"https://{HOST}/accounts/password/reset/\S+/\S+/")
        assert f"http://{HOST}" not in output
    finally:
        _stop(launcher)


def test_forwarding_headers_from_anyone_but_the_proxy_are_ignored(tmp_path) -> None:
    launcher, port, _ = _start(tmp_path, DORSI_TRUSTED_PROXY="10.9.9.9")
    try:
        forged = _request(_client()[0], port, "/")  # says https, but not from the proxy
        assert (forged.status, forged.headers["Location"]) == (301, f"https://{HOST}/")
    finally:
        _stop(launcher)
