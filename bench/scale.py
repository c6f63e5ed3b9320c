"""Capacity across hosts: video analyses per hour with one worker host and with two, and
requests per second of a logged-in page with one web host and with two.

The hosts are network namespaces on this machine (tests/hosts/cluster.py: PostgreSQL, an S3
server and Dorsi hosts started with ``python -m dorsi.web.run`` and DORSI_ROLE), so every byte
stays on loopback and the namespaces' bridge. Needs root, ``ip netns`` and PostgreSQL's server
binaries. Bounded: a few minutes at the defaults.

    sudo .venv/bin/python bench/scale.py [--videos 8] [--seconds 10] [--clients 8]

The analyses use the test's fake pose estimator (decoding, the angle series, the chart and the
annotated video are real; MediaPipe's pose model is not, see bench/video_bench.py for its cost
per frame). All hosts share this machine's cores, and so does the client: two hosts on one
machine measure how well the work divides, not what two machines would do. CPU seconds are
printed beside the wall times, and the load average, because other programs may be running.
"""

from __future__ import annotations

import argparse
import http.client
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.hosts.cluster import Cluster, new_cluster, unavailable  # noqa: E402
from tests.hosts.test_cross_host import Browser, _db, _signup, _upload, _wait  # noqa: E402
from tests.video_fixtures import POSTURES, squat_clip  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
DEMO = ROOT / "tests" / "video" / "data" / "demo_landing.mp4"


def _frames(path: Path) -> int:
    import av

    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


DEMO_FRAMES = _frames(DEMO)


def cpu_seconds(cluster: Cluster, names: list[str]) -> float:
    """CPU time used so far by the processes of these hosts (each host is one session)."""
    sessions = {cluster.hosts[name].process.pid for name in names}
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) in sessions:  # field 6 of stat: the session id
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / TICKS


def _analyses_done(cluster: Cluster, ids: list[int]) -> bool:
    rows = _db(
        cluster,
        "SELECT count(*) FROM dorsi_videoanalysis WHERE id = ANY(%s) AND status = 'done'",
        ids,
    )
    return int(rows[0][0]) == len(ids)


def video_rate(
    cluster: Cluster, browser: Browser, clip: bytes, videos: int, workers: list[str]
) -> dict[str, float]:
    cpu_before = cpu_seconds(cluster, workers)
    started = time.perf_counter()
    ids = [_upload(cluster, browser, "web1", clip, f"bench {n}.mp4") for n in range(videos)]
    _wait(lambda: _analyses_done(cluster, ids), "the analyses", timeout_s=600)
    wall = time.perf_counter() - started
    cpu = cpu_seconds(cluster, workers) - cpu_before
    return {"wall_s": wall, "per_hour": videos * 3600 / wall, "cpu_s_per_video": cpu / videos}


def page_rate(
    cluster: Cluster, browser: Browser, hosts: list[str], seconds: float, clients: int
) -> dict[str, float]:
    """Requests per second of the logged-in home page, ``clients`` connections kept alive,
    spread over ``hosts`` in turn (as a proxy would)."""
    cookie = "; ".join(f"{key}={value}" for key, value in browser.cookies.items())
    counts = [0] * clients
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def client(number: int) -> None:
        host = cluster.ip(hosts[number % len(hosts)])
        connection = http.client.HTTPConnection(host, 8000, timeout=30)
        while time.perf_counter() < stop:
            connection.request("GET", "/", headers={"Cookie": cookie})
            answer = connection.getresponse()
            body = answer.read()
            if answer.status == 200 and b"Log out" in body:
                counts[number] += 1
            else:
                errors[number] += 1
        connection.close()

    cpu_before = cpu_seconds(cluster, hosts)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cpu = cpu_seconds(cluster, hosts) - cpu_before
    done = sum(counts)
    return {
        "requests": done,
        "errors": sum(errors),
        "per_second": done / wall,
        "cpu_ms_per_request": 1000 * cpu / max(done, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--videos", type=int, default=8, help="analyses per measurement")
    parser.add_argument("--seconds", type=float, default=10, help="length of a page run")
    parser.add_argument("--clients", type=int, default=8, help="connections in a page run")
    parser.add_argument(
        "--real-pose",
        action="store_true",
        help="MediaPipe's pose model on the committed demo clip instead of the fake",
    )
    args = parser.parse_args()
    reason = unavailable()
    if reason:
        raise SystemExit(f"bench/scale.py cannot build hosts here: {reason}")
    cluster = new_cluster(["db", "s3", "web1", "web2", "worker1", "worker2"])
    if args.real_pose:
        cluster.estimator = ""
    results: dict[str, Any] = {}
    try:
        cluster.start_postgres()
        cluster.start_s3()
        web = ["web1", "web2"]
        cluster.start_dorsi("web1", "web", web)
        cluster.wait_web("web1", timeout_s=150)
        cluster.start_dorsi("web2", "web", web)
        cluster.start_dorsi("worker1", "worker", web)
        cluster.wait_web("web2")
        browser = _signup(cluster, "bench")
        clip = (DEMO if args.real_pose else squat_clip(cluster.folder / "clip")).read_bytes()
        _wait(lambda: _db(cluster, "SELECT 1 FROM dorsi_workerheartbeat"), "worker1", 120)
        load_before = os.getloadavg()[0]
        results["pages, 1 web host"] = page_rate(
            cluster, browser, ["web1"], args.seconds, args.clients
        )
        results["pages, 2 web hosts"] = page_rate(cluster, browser, web, args.seconds, args.clients)
        results["videos, 1 worker host"] = video_rate(
            cluster, browser, clip, args.videos, ["worker1"]
        )
        cluster.start_dorsi("worker2", "worker", web)
        _wait(lambda: len(_db(cluster, "SELECT 1 FROM dorsi_workerheartbeat")) == 2, "worker2", 120)
        results["videos, 2 worker hosts"] = video_rate(
            cluster, browser, clip, args.videos, ["worker1", "worker2"]
        )
        load_after = os.getloadavg()[0]
    finally:
        cluster.close()
    frames = DEMO_FRAMES if args.real_pose else len(POSTURES)
    model = "MediaPipe" if args.real_pose else "fake pose model"
    print(
        f"\nCapacity on this machine ({os.cpu_count()} cores; load average {load_before:.1f} "
        f"before, {load_after:.1f} after; the hosts and the client share the cores)"
    )
    for name, figures in results.items():
        shown = ", ".join(
            f"{key} {value:.1f}" if isinstance(value, float) else f"{key} {value}"
            for key, value in figures.items()
        )
        print(f"  {name:<24}{shown}")
    one, two = results["videos, 1 worker host"], results["videos, 2 worker hosts"]
    pages_one, pages_two = results["pages, 1 web host"], results["pages, 2 web hosts"]
    print(
        f"  videos: 2 hosts / 1 host = {two['per_hour'] / one['per_hour']:.2f}× "
        f"(clip of {frames} frames, {model})"
    )
    print(f"  pages:  2 hosts / 1 host = {pages_two['per_second'] / pages_one['per_second']:.2f}×")


if __name__ == "__main__":
    main()
