"""Dorsi across hosts: two web hosts and two worker hosts on PostgreSQL and an S3 store.

Built with Linux network namespaces on this machine (tests/hosts/cluster.py): a ``db`` host
running its own PostgreSQL cluster, an ``s3`` host running moto's S3 server, ``web1`` and
``web2`` with DORSI_ROLE=web and ``worker1`` and ``worker2`` with DORSI_ROLE=worker, each
started with ``python -m dorsi.web.run`` and configured by the environment only, each with its
own data folder and host name. The test talks HTTP to the web hosts as one browser behind a
proxy would (the same cookies whichever host answers).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest

from tests.hosts.cluster import Cluster, new_cluster, unavailable
from tests.video_fixtures import squat_clip

REASON = unavailable()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(240),
    pytest.mark.skipif(REASON is not None, reason=f"several hosts cannot be built: {REASON}"),
]
WEB = ["web1", "web2"]
WORKERS = ["worker1", "worker2"]
PASSWORD = "calf-raise-1234"


class Browser:
    """One user's browser: its cookies go to whichever web host it asks (one site name)."""

    def __init__(self) -> None:
        import requests

        self.http = requests.Session()
        self.cookies: dict[str, str] = {}

    def _keep(self, response: Any) -> Any:
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, url: str, **headers: str) -> Any:
        return self._keep(
            self.http.get(
                url, cookies=self.cookies, headers=headers, allow_redirects=False, timeout=30
            )
        )

    def post(self, url: str, data: dict[str, str], files: Any = None) -> Any:
        data = data | {"csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self._keep(
            self.http.post(
                url, data=data, files=files, cookies=self.cookies, allow_redirects=False, timeout=60
            )
        )


def _wait(check: Callable[[], Any], what: str, timeout_s: float = 90.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    hosts = new_cluster(["db", "s3", *WEB, *WORKERS])
    try:
        hosts.start_postgres()
        hosts.start_s3()
        # The first host migrates the new database; the others start together after it.
        hosts.start_dorsi("web1", "web", WEB)
        hosts.wait_web("web1", timeout_s=150)
        hosts.start_dorsi("web2", "web", WEB)
        for worker in WORKERS:
            hosts.start_dorsi(worker, "worker", WEB)
        hosts.wait_web("web2")
        _wait(lambda: set(_worker_hosts(hosts).values()) == set(WORKERS), "both workers", 120)
        yield hosts
    finally:
        logs = {name: host.output()[-3000:] for name, host in hosts.hosts.items()}
        hosts.close()
        print(json.dumps(logs, indent=1))  # shown by pytest when a test failed


def _db(cluster: Cluster, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(cluster.database_url(), connect_timeout=10) as connection:
        return connection.execute(sql, args).fetchall()


def _worker_hosts(cluster: Cluster) -> dict[str, str]:
    """worker id -> the host name it runs on (from the heartbeat rows)."""
    try:
        rows = _db(cluster, "SELECT worker_id, host FROM dorsi_workerheartbeat")
    except psycopg.Error:  # not migrated yet
        return {}
    return dict(rows)  # type: ignore[arg-type]


def _analyses(cluster: Cluster, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = _db(
        cluster,
        "SELECT id, status, attempts, worker_id, progress, error FROM dorsi_videoanalysis "
        "WHERE id = ANY(%s)",
        ids,
    )
    keys = ("id", "status", "attempts", "worker_id", "progress", "error")
    return {row[0]: dict(zip(keys, row, strict=True)) for row in rows}


def _signup(cluster: Cluster, name: str) -> Browser:
    browser = Browser()
    assert browser.get(f"{cluster.url('web1')}/accounts/signup/").status_code == 200
    answer = browser.post(
        f"{cluster.url('web1')}/accounts/signup/",
        {"username": name, "email": f"{name}@example.org", "password": PASSWORD, "role": "athlete"},
    )
    assert answer.status_code == 302, answer.text[-2000:]
    return browser


def _upload(cluster: Cluster, browser: Browser, host: str, clip: bytes, name: str) -> int:
    assert browser.get(f"{cluster.url(host)}/videos/").status_code == 200
    answer = browser.post(
        f"{cluster.url(host)}/videos/",
        {"mode": "squat", "side": "auto", "height_cm": "175"},
        files={"file": (name, clip, "video/mp4")},
    )
    assert answer.status_code == 302, answer.text[-2000:]
    match = re.fullmatch(r"/videos/(\d+)/", answer.headers["Location"])
    assert match is not None, answer.headers["Location"]
    return int(match.group(1))


def _finished(cluster: Cluster, ids: list[int]) -> Callable[[], dict[int, dict[str, Any]]]:
    def check() -> dict[int, dict[str, Any]]:
        rows = _analyses(cluster, ids)
        done = len(rows) == len(ids) and all(
            row["status"] in ("done", "failed") for row in rows.values()
        )
        return rows if done else {}

    return check


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return squat_clip(tmp_path_factory.mktemp("clip")).read_bytes()


def test_upload_on_one_host_analysed_on_a_worker_host_read_on_another(cluster, clip) -> None:
    browser = _signup(cluster, "ana")
    analysis_id = _upload(cluster, browser, "web1", clip, "my squat.mp4")
    [row] = _wait(_finished(cluster, [analysis_id]), "the analysis").values()
    assert (row["status"], row["attempts"]) == ("done", 1), row
    assert _worker_hosts(cluster)[row["worker_id"]] in WORKERS
    web2 = cluster.url("web2")
    page = browser.get(f"{web2}/videos/{analysis_id}/")
    assert page.status_code == 200
    assert f'src="/videos/{analysis_id}/files/annotated.mp4"' in page.text
    key = f"videos/{_user_id(cluster, 'ana')}/{analysis_id}/annotated.mp4"
    stored = cluster.s3().Object(key).get()["Body"].read()
    part = browser.get(f"{web2}/videos/{analysis_id}/files/annotated.mp4", Range="bytes=0-1")
    assert (part.status_code, part.headers["Content-Range"]) == (206, f"bytes 0-1/{len(stored)}")
    assert part.content == stored[:2]
    whole = browser.get(f"{web2}/videos/{analysis_id}/files/annotated.mp4")
    assert (whole.status_code, whole.content) == (200, stored)
    assert browser.get(f"{web2}/data/").status_code == 200
    assert browser.post(f"{web2}/data/exports/", {"format": "json"}).status_code == 302
    [(export_id,)] = _wait(
        lambda: _db(cluster, "SELECT id FROM dorsi_export WHERE status = 'ready'"), "the export"
    )
    download = browser.get(f"{web2}/data/exports/{export_id}/download/")
    assert download.status_code == 200
    [video] = download.json()["videos"]
    assert video["original_filename"] == "my squat.mp4"
    assert video["analysis"]["source"]["path"] == "my squat.mp4"
    # Nothing of the user's lives on a host's disk: every file is in the object store.
    for host in cluster.hosts.values():
        media = host.data_dir / "media"
        assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()], host.name


def _user_id(cluster: Cluster, name: str) -> int:
    [(user_id,)] = _db(cluster, "SELECT id FROM auth_user WHERE username = %s", name)
    return int(user_id)


def test_a_batch_is_spread_over_both_worker_hosts_each_done_once(cluster, clip) -> None:
    cluster.pace_file.write_text("0.02")  # about 1.5 s an analysis: both workers get some
    browser = _signup(cluster, "bea")
    ids = [
        _upload(cluster, browser, WEB[number % 2], clip, f"clip {number}.mp4")
        for number in range(10)
    ]
    rows = _wait(_finished(cluster, ids), "the batch", timeout_s=120)
    assert [(row["status"], row["attempts"]) for row in rows.values()] == [("done", 1)] * 10
    hosts = _worker_hosts(cluster)
    assert {hosts[row["worker_id"]] for row in rows.values()} == set(WORKERS)
    # Exactly one task ran each analysis, and it succeeded.
    tasks = _db(
        cluster,
        "SELECT args_kwargs, status FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'dorsi.services.videos.video_analyze'",
    )
    ran = [json.loads(a) if isinstance(a, str) else a for a, _ in tasks]
    assert sorted(a["args"][0] for a in ran if a["args"][0] in ids) == sorted(ids)
    assert {
        status for (a, status), args in zip(tasks, ran, strict=True) if args["args"][0] in ids
    } == {"SUCCESSFUL"}


def test_a_worker_host_killed_mid_analysis_the_other_finishes_it(cluster, clip) -> None:
    cluster.pace_file.write_text("0.12")  # about 8 s an analysis
    browser = _signup(cluster, "cleo")
    analysis_id = _upload(cluster, browser, "web2", clip, "long.mp4")

    def under_way() -> dict[str, Any] | None:
        row = _analyses(cluster, [analysis_id]).get(analysis_id)
        return row if row and row["status"] == "running" and row["progress"] >= 20 else None

    first = _wait(under_way, "the analysis to be under way")
    hosts = _worker_hosts(cluster)
    victim = hosts[first["worker_id"]]
    cluster.kill(victim)  # the whole host: launcher and worker, no clean stop
    [row] = _wait(_finished(cluster, [analysis_id]), "the other worker to finish it").values()
    assert (row["status"], row["attempts"]) == ("done", 2), row
    survivor = _worker_hosts(cluster)[row["worker_id"]]
    assert survivor != victim
    assert survivor in WORKERS
    assert browser.get(f"{cluster.url('web1')}/videos/{analysis_id}/").status_code == 200
