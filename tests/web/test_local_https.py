"""`make run HTTPS=1`: a certificate made here for this machine, and a working TLS endpoint in
front of waitress that a browser (here: Python's ssl, trusting the generated CA) can use."""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import os
import re
import signal
import socket
import ssl
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from cryptography import x509

from dorsi.web.local_tls import SERVER_DAYS, ensure_certificate, lan_address, machine_names

NOW = dt.datetime(2026, 6, 17, 12, 0, tzinfo=dt.UTC)


def _san(path: Path) -> tuple[set[str], set[str]]:
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return set(san.get_values_for_type(x509.DNSName)), {
        str(ip) for ip in san.get_values_for_type(x509.IPAddress)
    }


def test_the_certificate_names_the_machine_and_its_network_address_and_is_owner_only(
    tmp_path: Path,
) -> None:
    files = ensure_certificate(
        tmp_path / "tls",
        names=["localhost", "studio"],
        addresses=["127.0.0.1", "192.168.1.20"],
        now=NOW,
    )
    names, addresses = _san(files.cert)
    assert names == {"localhost", "studio"}
    assert addresses == {"127.0.0.1", "192.168.1.20"}
    cert = x509.load_pem_x509_certificate(files.cert.read_bytes())
    assert (cert.not_valid_after_utc - NOW).days == SERVER_DAYS
    ca = x509.load_pem_x509_certificate(files.ca.read_bytes())
    cert.verify_directly_issued_by(ca)
    assert stat.S_IMODE(files.key.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "tls").stat().st_mode) == 0o700


def test_the_certificate_is_kept_while_it_fits_and_made_again_for_a_new_address(
    tmp_path: Path,
) -> None:
    first = ensure_certificate(tmp_path, names=["localhost"], addresses=["10.0.0.5"], now=NOW)
    before = first.cert.read_bytes()
    ca_before = first.ca.read_bytes()
    ensure_certificate(tmp_path, names=["localhost"], addresses=["10.0.0.5"], now=NOW)
    assert first.cert.read_bytes() == before
    ensure_certificate(tmp_path, names=["localhost"], addresses=["10.0.0.9"], now=NOW)
    assert first.cert.read_bytes() != before
    assert first.ca.read_bytes() == ca_before  # the phone that installed the CA keeps trusting
    assert _san(first.cert)[1] == {"10.0.0.9"}
    late = NOW + dt.timedelta(days=SERVER_DAYS - 10)
    renewed = ensure_certificate(tmp_path, names=["localhost"], addresses=["10.0.0.9"], now=late)
    assert x509.load_pem_x509_certificate(
        renewed.cert.read_bytes()
    ).not_valid_after_utc > late + dt.timedelta(days=300)


def test_the_machine_has_a_network_address_and_names() -> None:
    assert socket.inet_aton(lan_address())
    assert machine_names()[0] == "localhost"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(data_dir: Path, port: int) -> subprocess.Popen[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"} and not key.startswith("DORSI_")
    }
    env.update(
        DORSI_DATA_DIR=str(data_dir),
        DORSI_LOCAL_HTTPS="1",
        DORSI_HOST="127.0.0.1",
        DORSI_PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "dorsi.web.run"],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _opener(ca: Path) -> urllib.request.OpenerDirector:
    context = ssl.create_default_context(cafile=str(ca))  # verification on, against Dorsi's CA
    return urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context),
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
    )


def _wait_for_ca(data_dir: Path, process: subprocess.Popen[str]) -> Path:
    ca = data_dir / "tls" / "dorsi-local-ca.pem"
    stop = time.monotonic() + 90
    while not ca.exists():
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < stop
        time.sleep(0.3)
    return ca


def _get(opener: urllib.request.OpenerDirector, url: str, process: subprocess.Popen[str]) -> str:
    stop = time.monotonic() + 90
    while True:
        assert process.poll() is None, process.communicate()[0]
        try:
            with opener.open(url, timeout=5) as response:
                assert response.status == 200
                return str(response.read().decode())
        except (OSError, ssl.SSLError):
            if time.monotonic() > stop:
                raise
            time.sleep(0.5)


def test_run_with_local_https_serves_pages_over_tls_and_forms_pass_the_csrf_check(
    tmp_path: Path,
) -> None:
    port = _free_port()
    process = _start(tmp_path, port)
    try:
        opener = _opener(_wait_for_ca(tmp_path, process))
        base = f"https://127.0.0.1:{port}"
        page = _get(opener, f"{base}/accounts/login/", process)
        assert "Log in" in page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "username": "nobody", "password": "wrong-pass"}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (https to the loopback)
            f"{base}/accounts/login/", data=form, headers={"Origin": base, "Referer": base + "/"}
        )
        # Django sees https (waitress's scheme): the Origin matches, so no 403 from CSRF
        # (urllib raises on a 403); the form itself answers: wrong password.
        with opener.open(request, timeout=10) as response:
            assert response.status == 200
            assert 'name="password"' in response.read().decode()
        plain = ssl.create_default_context()  # a client that does not know Dorsi's CA refuses it
        with pytest.raises(urllib.error.URLError) as refused:
            urllib.request.urlopen(f"{base}/", timeout=5, context=plain)  # noqa: S310
        assert isinstance(refused.value.reason, ssl.SSLCertVerificationError)
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert f"https://localhost:{port}/" in output
    assert "dorsi-local-ca.pem" in output


def test_the_proxy_keeps_refused_handshakes_quiet_and_reports_anything_else() -> None:
    import asyncio

    from dorsi.web.tls_proxy import _quiet

    seen: list[dict[str, object]] = []
    loop = asyncio.new_event_loop()
    try:
        loop.default_exception_handler = seen.append  # type: ignore[method-assign]
        _quiet(loop, {"message": "handshake", "exception": ssl.SSLError(1, "unknown ca")})
        _quiet(loop, {"message": "reset", "exception": ConnectionResetError()})
        assert seen == []
        _quiet(loop, {"message": "a bug", "exception": ValueError("x")})
        assert [c["message"] for c in seen] == ["a bug"]
    finally:
        loop.close()
