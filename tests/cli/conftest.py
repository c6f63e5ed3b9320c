"""Helpers to run the real `dorsi` entry point in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run_dorsi(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dorsi", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env=clean_env(cwd),
    )


def clean_env(cwd: Path | None) -> dict[str, str]:
    """A bare environment, so the output does not depend on the caller's terminal; coverage's
    variables pass through so the CLI runs are measured too."""
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "120", "TERM": "dumb", "HOME": str(cwd or ROOT)}
    env.update({key: value for key, value in os.environ.items() if key.startswith("COVERAGE_")})
    return env


@pytest.fixture
def dorsi() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_dorsi


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, Any], Path]:
    def write(name: str, document: Any) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write


@pytest.fixture
def example_assessment() -> dict[str, Any]:
    return json.loads((EXAMPLES / "assessment.json").read_text(encoding="utf-8"))


@pytest.fixture
def example_log() -> dict[str, Any]:
    return json.loads((EXAMPLES / "log.json").read_text(encoding="utf-8"))
