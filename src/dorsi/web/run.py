"""``python -m dorsi.web.run``: one command to use Dorsi on this machine.

Creates the data dir, migrates, loads the exercise library, then runs the web server
(waitress; static files by WhiteNoise) and the background task worker as supervised child
processes: one that dies is restarted (see ``dorsi.web.supervise``). Ctrl-C or SIGTERM stops
both; the worker first hands its running task back. Running it again is harmless: every step
is idempotent.

On several hosts, ``DORSI_ROLE`` says what this one runs: ``web`` (the web server only),
``worker`` (the task worker only) or ``all`` (both, the default). Every host migrates at
start unless ``DORSI_MIGRATE=0`` (the upgrade procedure of docs/deploy.md migrates once,
before the new code starts); on PostgreSQL, hosts starting together take turns (an advisory
lock), so two never apply the same migration.

``DORSI_LOCAL_HTTPS=1`` (``make run HTTPS=1``) serves HTTPS on the local network, so a phone can
use its tilt sensor on Dorsi's pages: a certificate made here (``dorsi.web.local_tls``), a
TLS proxy child on ``DORSI_HOST:DORSI_PORT`` (default ``0.0.0.0:8443``) and waitress behind it on
the loopback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dorsi.web.supervise import Child, Supervisor

if TYPE_CHECKING:
    from dorsi.web.local_tls import TlsFiles

LOCAL_HTTPS = os.environ.get("DORSI_LOCAL_HTTPS") == "1"
HOST = os.environ.get("DORSI_HOST") or ("0.0.0.0" if LOCAL_HTTPS else "127.0.0.1")  # noqa: S104
PORT = os.environ.get("DORSI_PORT") or ("8443" if LOCAL_HTTPS else "8000")


STOP_TIMEOUT_S = float(os.environ.get("DORSI_STOP_TIMEOUT") or 30)
ROLES = ("all", "web", "worker")
# Any number that no other program takes on Dorsi's database: "dorsi" in ASCII.
MIGRATION_LOCK = 0x646F727369


def role() -> str:
    """What this host runs: DORSI_ROLE (all, web or worker)."""
    chosen = (os.environ.get("DORSI_ROLE") or "all").strip().lower()
    if chosen not in ROLES:
        raise SystemExit(f"DORSI_ROLE is all, web or worker, not {chosen!r}")
    return chosen


def _manage(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", *args, "--settings", "dorsi.web.settings"]


def _wsgi_server(listen: str = f"{HOST}:{PORT}", *, behind_local_tls: bool = False) -> list[str]:
    """Waitress: a production WSGI server in pure Python; WhiteNoise serves the static files.
    Behind an HTTPS proxy (DORSI_HTTPS=1) it trusts the forwarding headers of that proxy only;
    behind Dorsi's own TLS proxy it listens on the loopback only and its scheme is https."""
    proxy: list[str] = []
    if behind_local_tls:
        proxy = ["--url-scheme=https"]
    elif os.environ.get("DORSI_HTTPS") == "1":
        proxy = [
            f"--trusted-proxy={os.environ.get('DORSI_TRUSTED_PROXY') or '127.0.0.1'}",
            "--trusted-proxy-headers=x-forwarded-proto x-forwarded-for x-forwarded-host",
            "--clear-untrusted-proxy-headers",
        ]
    return [
        sys.executable,
        "-m",
        "waitress",
        f"--listen={listen}",
        "--threads=8",
        *proxy,
        "dorsi.web.wsgi:application",
    ]


def _worker() -> list[str]:
    return _manage("dorsi_worker", "--no-reload", "--interval", "1")


def prepare() -> Path:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorsi.web.settings")
    from dorsi.services.bootstrap import setup_django

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    data_dir = Path(settings.DATA_DIR)
    first_run = not any(data_dir.glob("dorsi.sqlite3")) and not os.environ.get("DATABASE_URL")
    if os.environ.get("DORSI_MIGRATE", "1") != "0":
        with _migration_turn():
            call_command("migrate", interactive=False, verbosity=0)
            call_command("load_exercises")
    owner_only(data_dir)
    return data_dir if first_run else Path()


@contextlib.contextmanager
def _migration_turn() -> Iterator[None]:
    """On PostgreSQL, one host at a time migrates (the others wait, then find nothing to do)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


def _data_dir() -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR)


def owner_only(data_dir: Path) -> None:
    """Health data and the secret key: readable by the account that runs Dorsi only. New files
    follow from the umask the launcher sets; this fixes what an older version left."""
    data_dir.chmod(0o700)
    for path in data_dir.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)


def _banner(first_run_dir: Path, chosen: str, tls: LocalTls | None = None) -> None:
    if chosen == "worker":
        print("Dorsi's task worker is running (DORSI_ROLE=worker).", flush=True)
        return
    url = f"http://{HOST}:{PORT}/"
    lines = [
        "",
        "Dorsi is running.",
        f"  Open {url} in a browser (on a phone on the same network, use this",
        "  machine's address and set DORSI_HOST=0.0.0.0 and DORSI_ALLOWED_HOSTS,",
        "  or run `make run HTTPS=1` for https, which phones need for their sensors).",
        "  Emails (password reset) are printed in this terminal.",
        "  Press Ctrl-C to stop the web server and the task worker.",
    ]
    if tls is not None:
        lines[2:5] = [
            f"  On a phone on the same network, open {tls.url}",
            f"  (on this machine: https://localhost:{PORT}/). The certificate is Dorsi's own:",
            "  the browser warns once; accept it, or install this file on the phone:",
            f"  {tls.files.ca}",
        ]
    if first_run_dir != Path():
        lines.insert(2, f"  First run: created the database in {first_run_dir}/. Sign up to start.")
    print("\n".join(lines), flush=True)


class StopRequested(Exception):
    """SIGTERM or Ctrl-C reached the launcher."""


def _stop_on_sigterm() -> None:
    """SIGTERM (systemd, docker, ``timeout``) and Ctrl-C both stop the children cleanly."""

    def handler(signum: int, frame: object) -> None:
        # Only the first signal interrupts; later ones must not abort the clean stop.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("\nStopping Dorsi…", flush=True)
        raise StopRequested

    signal.signal(signal.SIGTERM, handler)
    # Also when started from a script that left SIGINT ignored (background jobs).
    signal.signal(signal.SIGINT, handler)


def _port_busy() -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST if HOST != "0.0.0.0" else "127.0.0.1", int(PORT))) == 0


@dataclass(frozen=True)
class LocalTls:
    files: TlsFiles
    url: str  # what a phone on the local network opens
    upstream_port: int  # waitress, on the loopback


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _local_tls(data_dir: Path, env: dict[str, str]) -> LocalTls:
    """The certificate for this machine's names and address; the address allowed as a host."""
    from dorsi.web.local_tls import ensure_certificate, lan_address, machine_names

    address = lan_address()
    names = machine_names()
    files = ensure_certificate(
        data_dir / "tls", names=names, addresses=list(dict.fromkeys(["127.0.0.1", address]))
    )
    hosts = [h for h in env.get("DORSI_ALLOWED_HOSTS", "").split(",") if h]
    env["DORSI_ALLOWED_HOSTS"] = ",".join(dict.fromkeys([*hosts, address, *names]))
    upstream = int(os.environ.get("DORSI_INTERNAL_PORT") or _free_loopback_port())
    return LocalTls(files, f"https://{address}:{PORT}/", upstream)


def _children(env: dict[str, str], chosen: str = "all", tls: LocalTls | None = None) -> list[Child]:
    children = []
    if chosen in ("all", "web") and tls is None:
        children.append(Child("web server", _wsgi_server(), env, stop_timeout_s=10.0))
    if chosen in ("all", "web") and tls is not None:
        upstream = _wsgi_server(f"127.0.0.1:{tls.upstream_port}", behind_local_tls=True)
        children.append(Child("web server", upstream, env, stop_timeout_s=10.0))
        proxy = [sys.executable, "-m", "dorsi.web.tls_proxy", HOST, PORT]
        proxy += [str(tls.upstream_port), str(tls.files.cert), str(tls.files.key)]
        children.append(Child("https proxy", proxy, env, stop_timeout_s=5.0))
    if chosen in ("all", "worker"):
        # The worker hands a running analysis back within a frame or two of SIGTERM.
        children.append(Child("task worker", _worker(), env, stop_timeout_s=STOP_TIMEOUT_S))
    return children


def main() -> int:
    os.umask(0o077)  # every file Dorsi writes (database, uploads, reports) is owner-only
    _stop_on_sigterm()
    chosen = role()
    try:
        first_run_dir = prepare()
        if chosen != "worker" and _port_busy():
            print(
                f"Something already listens on {HOST}:{PORT} — is Dorsi already running? "
                f"Open {'https' if LOCAL_HTTPS else 'http'}://{HOST}:{PORT}/ or set DORSI_PORT.",
                flush=True,
            )
            return 0
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="dorsi.web.settings", PYTHONUNBUFFERED="1")
        tls = _local_tls(_data_dir(), env) if LOCAL_HTTPS and chosen != "worker" else None
        supervisor = Supervisor(_children(env, chosen, tls))
        supervisor.start()
        _banner(first_run_dir, chosen, tls)
        return supervisor.watch()
    except StopRequested:
        return 0


if __name__ == "__main__":
    sys.exit(main())
