"""Several Dorsi hosts on this one machine, for the cross-host test and bench/scale.py.

Each host is a Linux network namespace with its own address on a private bridge (in a hub
namespace), its own host name (a UTS namespace), its own data folder and nothing shared but
the network: ``db`` runs a PostgreSQL cluster made by ``initdb`` for the run, ``s3`` runs
moto's S3-protocol server, and the Dorsi hosts run ``python -m dorsi.web.run`` as it ships,
configured by the environment only (``DORSI_ROLE``, ``DATABASE_URL``, ``DORSI_MEDIA_STORAGE``).
The test process reaches the bridge through one veth pair; nothing is routed anywhere else.
Everything is removed again by ``Cluster.close``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WEB_PORT = 8000
S3_PORT = 9000
PG_PORT = 5432
BUCKET = "dorsi-media"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "dorsi-hosts", "AWS_SECRET_ACCESS_KEY": "dorsi-hosts-secret"}
SECRET_KEY = "cross-host-test-secret-key-shared-by-every-web-host-0123456789"
# Host number on the bridge (the last byte of its address).
NUMBERS = {"db": 2, "s3": 3, "web1": 11, "web2": 12, "web3": 13, "worker1": 21, "worker2": 22}


def _initdb() -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return str(found[-1]) if found else None


def unavailable() -> str | None:
    """Why several hosts cannot be built here (None when they can)."""
    if os.geteuid() != 0:
        return "needs root (network namespaces)"
    for tool in ("ip", "unshare", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if _initdb() is None:
        return "PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/initdb) are not installed"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "there is no postgres user to run the PostgreSQL cluster"
    probe = f"dorsi-probe-{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if made.returncode != 0:
        return f"ip netns is not available: {made.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def _ip(*args: str, namespace: str | None = None) -> None:
    command = ["ip", *args] if namespace is None else ["ip", "-n", namespace, *args]
    subprocess.run(command, check=True, capture_output=True, text=True)


def _wait_port(address: str, port: int, what: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            probe.settimeout(1)
            if probe.connect_ex((address, port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{what} did not answer on {address}:{port} in {timeout_s:.0f} s")


@dataclass
class DorsiHost:
    name: str
    role: str
    process: subprocess.Popen[bytes]
    data_dir: Path
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Cluster:
    """The namespaces, the database, the object store and the Dorsi hosts of one run."""

    tag: str
    subnet: str
    folder: Path
    namespaces: list[str] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    hosts: dict[str, DorsiHost] = field(default_factory=dict)
    pg_data: Path | None = None
    pace_file: Path = Path()
    # The test's fake pose model at a pace the test sets; "" for MediaPipe itself (the bench).
    estimator: str = "tests.video_fixtures.paced_squat_estimator"

    # Network ----------------------------------------------------------------------------

    def ip(self, name: str) -> str:
        return f"{self.subnet}.{NUMBERS[name]}"

    def ns(self, name: str) -> str:
        return f"{self.tag}-{name}"

    def url(self, name: str) -> str:
        return f"http://{self.ip(name)}:{WEB_PORT}"

    def build(self, names: list[str]) -> None:
        hub = self.ns("hub")
        _ip("netns", "add", hub)
        self.namespaces.append(hub)
        _ip("link", "add", "br0", "type", "bridge", namespace=hub)
        _ip("link", "set", "br0", "up", namespace=hub)
        # The test process's own door to the bridge (the root end of one veth pair).
        root_end, hub_end = f"{self.tag}r", f"{self.tag}h"
        _ip("link", "add", root_end, "type", "veth", "peer", "name", hub_end)
        _ip("link", "set", hub_end, "netns", hub)
        _ip("link", "set", hub_end, "master", "br0", "up", namespace=hub)
        _ip("addr", "add", f"{self.subnet}.254/24", "dev", root_end)
        _ip("link", "set", root_end, "up")
        for number, name in enumerate(names):
            namespace = self.ns(name)
            _ip("netns", "add", namespace)
            self.namespaces.append(namespace)
            inside, outside = f"{self.tag}a{number}", f"{self.tag}b{number}"
            _ip("link", "add", inside, "type", "veth", "peer", "name", outside)
            _ip("link", "set", inside, "netns", namespace)
            _ip("link", "set", outside, "netns", hub)
            _ip("link", "set", outside, "master", "br0", "up", namespace=hub)
            _ip("link", "set", "lo", "up", namespace=namespace)
            _ip("link", "set", inside, "name", "eth0", namespace=namespace)
            _ip("addr", "add", f"{self.ip(name)}/24", "dev", "eth0", namespace=namespace)
            _ip("link", "set", "eth0", "up", namespace=namespace)

    def command_in(self, name: str, argv: list[str]) -> list[str]:
        """``argv`` run on host ``name``: its network namespace and its own host name."""
        return [
            "ip",
            "netns",
            "exec",
            self.ns(name),
            "unshare",
            "--uts",
            "sh",
            "-c",
            'hostname "$0" && exec "$@"',
            name,
            *argv,
        ]

    # Services ---------------------------------------------------------------------------

    def start_postgres(self) -> str:
        initdb = _initdb()
        assert initdb is not None
        binaries = Path(initdb).parent
        data = Path(tempfile.mkdtemp(prefix="dorsi-hosts-pg-"))
        self.pg_data = data
        shutil.chown(data, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
        subprocess.run(
            [*as_postgres, str(binaries / "initdb"), "-D", str(data / "data"), "-A", "trust"],
            check=True,
            capture_output=True,
        )
        with (data / "data" / "pg_hba.conf").open("a") as hba:
            hba.write(f"host all all {self.subnet}.0/24 trust\n")
        options = (
            f"-c listen_addresses={self.ip('db')} -p {PG_PORT} -k {data} "
            "-c fsync=off -c synchronous_commit=off -c max_connections=200"
        )
        subprocess.run(
            self.command_in(
                "db",
                [
                    *as_postgres,
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(data / "data"),
                    "-l",
                    str(data / "postgres.log"),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
            ),
            check=True,
            capture_output=True,
        )
        import psycopg

        admin = f"postgres://postgres@{self.ip('db')}:{PG_PORT}/postgres"
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as connection:
            connection.execute("CREATE DATABASE dorsi")
        return self.database_url()

    def database_url(self) -> str:
        return f"postgres://postgres@{self.ip('db')}:{PG_PORT}/dorsi"

    def start_s3(self) -> None:
        moto = Path(sys.executable).parent / "moto_server"
        with (self.folder / "s3.log").open("wb") as log:
            process = subprocess.Popen(
                self.command_in("s3", [str(moto), "-H", self.ip("s3"), "-p", str(S3_PORT)]),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        _wait_port(self.ip("s3"), S3_PORT, "the S3 server")
        self.s3().create()

    def s3(self) -> Any:
        import boto3

        return boto3.resource(
            "s3",
            endpoint_url=f"http://{self.ip('s3')}:{S3_PORT}",
            region_name="us-east-1",
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        ).Bucket(BUCKET)

    def environment(self, name: str, role: str, web_hosts: list[str]) -> dict[str, str]:
        """What an operator sets on each host: nothing else differs between them."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
            and not key.startswith(("DORSI_", "AWS_"))
        }
        env.update(S3_KEYS)
        env.update(
            DATABASE_URL=self.database_url(),
            DORSI_ROLE=role,
            DORSI_DATA_DIR=str(self.folder / name),
            DORSI_SECRET_KEY=SECRET_KEY,
            DORSI_HOST=self.ip(name),
            DORSI_PORT=str(WEB_PORT),
            DORSI_ALLOWED_HOSTS=",".join(self.ip(web) for web in web_hosts),
            DORSI_MEDIA_STORAGE="s3",
            DORSI_S3_BUCKET=BUCKET,
            DORSI_S3_ENDPOINT_URL=f"http://{self.ip('s3')}:{S3_PORT}",
            DORSI_S3_REGION="us-east-1",
            DORSI_VIDEO_ESTIMATOR=self.estimator,
            DORSI_TEST_PACE_FILE=str(self.pace_file),
            DORSI_WORKER_BEAT_S="0.5",
            DORSI_WORKER_STALE_S="3",
            DORSI_STOP_TIMEOUT="5",
            PYTHONUNBUFFERED="1",
            PYTHONPATH=str(ROOT),
        )
        return env

    def start_dorsi(self, name: str, role: str, web_hosts: list[str]) -> DorsiHost:
        log = self.folder / f"{name}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                self.command_in(name, [sys.executable, "-m", "dorsi.web.run"]),
                env=self.environment(name, role, web_hosts),
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the whole host can be killed
            )
        host = DorsiHost(name, role, process, self.folder / name, log)
        self.hosts[name] = host
        return host

    def wait_web(self, name: str, timeout_s: float = 120.0) -> None:
        host = self.hosts[name]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if host.process.poll() is not None:
                raise AssertionError(f"{name} stopped:\n{host.output()}")
            with contextlib.suppress(OSError):
                _wait_port(self.ip(name), WEB_PORT, name, timeout_s=1)
                return
        raise AssertionError(f"{name} did not answer in {timeout_s:.0f} s:\n{host.output()}")

    def kill(self, name: str) -> None:
        """The host dies at once: SIGKILL to its launcher and everything it started."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.hosts[name].process.pid, signal.SIGKILL)
        self.hosts[name].process.wait(timeout=10)

    # The end ----------------------------------------------------------------------------

    def close(self) -> None:
        for host in self.hosts.values():
            if host.process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(host.process.pid, signal.SIGTERM)
        for host in self.hosts.values():
            try:
                host.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(host.process.pid, signal.SIGKILL)
                host.process.wait(timeout=10)
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        if self.pg_data is not None:
            initdb = _initdb()
            assert initdb is not None
            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "postgres",
                    "--",
                    str(Path(initdb).parent / "pg_ctl"),
                    "-D",
                    str(self.pg_data / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
            )
            shutil.rmtree(self.pg_data, ignore_errors=True)
        for namespace in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "del", namespace], capture_output=True)
        subprocess.run(["ip", "link", "del", f"{self.tag}r"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def new_cluster(names: list[str]) -> Cluster:
    """Namespaces for ``names`` on a subnet of their own (two runs at once do not collide)."""
    number = os.getpid() % 200 + 20
    cluster = Cluster(
        tag=f"dh{os.getpid() % 10000}",
        subnet=f"10.213.{number}",
        folder=Path(tempfile.mkdtemp(prefix="dorsi-hosts-")),
    )
    cluster.pace_file = cluster.folder / "pace"
    cluster.pace_file.write_text("0")
    try:
        cluster.build(names)
    except BaseException:
        cluster.close()
        raise
    return cluster
