"""`make bench`: start-up and plan-generation timings, then the web and video benchmarks.

Figures are printed, not asserted: targets live here, not in timed tests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLE = ROOT / "examples" / "assessment.json"


def wall_time(command: list[str], runs: int) -> float:
    """Median wall time of a command in milliseconds (one warm-up run first)."""
    subprocess.run(command, check=True, capture_output=True)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def startup(runs: int = 15) -> None:
    baseline = wall_time([sys.executable, "-c", "pass"], runs)
    rows = [
        ("python -c pass", baseline),
        ("dorsi --help", wall_time([str(BIN / "dorsi"), "--help"], runs)),
        (
            "dorsi assess --input",
            wall_time(
                [str(BIN / "dorsi"), "assess", "--input", str(EXAMPLE), "--format", "json"], runs
            ),
        ),
    ]
    print(f"\nCommand start-up (median of {runs} runs)")
    print(f"{'command':<28}{'ms':>10}{'× python':>12}")
    for name, ms in rows:
        print(f"{name:<28}{ms:>10.1f}{ms / baseline:>12.2f}")


def plan_generation(runs: int = 50) -> None:
    import json

    from dorsi.core.assessment.engine import assess
    from dorsi.core.assessment.parse import parse_assessment
    from dorsi.core.library.exercises import load_library
    from dorsi.core.program.build import build_plan, plan_to_document

    library = load_library()
    report = assess(parse_assessment(json.loads(EXAMPLE.read_text())))
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        plan_to_document(build_plan(report, start=date(2026, 11, 2), library=library))
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    print(f"\nPlan generation, 84 days + JSON document ({runs} runs)")
    print(f"median {statistics.median(samples):.2f} ms, p95 {samples[int(runs * 0.95) - 1]:.2f} ms")


def run_script(name: str) -> None:
    script = ROOT / "bench" / name
    if script.exists():
        print(f"\n== {name}")
        subprocess.run([sys.executable, str(script)], check=True, cwd=ROOT)


if __name__ == "__main__":
    startup()
    plan_generation()
    run_script("web_bench.py")
    run_script("coach_bench.py")
    run_script("video_bench.py")
    run_script("load.py")  # about 3 minutes: 40 athletes for 45 s on SQLite, then PostgreSQL
