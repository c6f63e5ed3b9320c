"""The deployment samples in deploy/ and the variables of docs/deploy.md name only settings
Dorsi really reads, and run Dorsi's own launcher with a role it knows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
VARIABLE = re.compile(r"\b(DORSI_[A-Z0-9_]+|DATABASE_URL)\b")


def _read_by_dorsi() -> set[str]:
    source = "\n".join(p.read_text() for p in (ROOT / "src" / "dorsi").rglob("*.py"))
    return set(re.findall(r"[\"'](DORSI_[A-Z0-9_]+|DATABASE_URL)[\"']", source))


def test_every_variable_in_the_samples_and_the_guide_is_read_by_dorsi() -> None:
    known = _read_by_dorsi()
    texts = {p.name: p.read_text() for p in DEPLOY.iterdir()} | {
        "deploy.md": (ROOT / "docs" / "deploy.md").read_text()
    }
    named = {(name, v) for name, text in texts.items() for v in VARIABLE.findall(text)}
    assert {"DORSI_ROLE", "DORSI_MEDIA_STORAGE", "DORSI_S3_BUCKET"} <= {v for _, v in named}
    unknown = sorted((name, v) for name, v in named if v not in known)
    assert unknown == []


@pytest.mark.parametrize(
    ("unit", "role"), [("dorsi-web@.service", "web"), ("dorsi-worker@.service", "worker")]
)
def test_the_units_run_the_launcher_with_their_role(unit: str, role: str) -> None:
    from dorsi.web.run import ROLES

    text = (DEPLOY / unit).read_text()
    assert "ExecStart=/srv/dorsi/.venv/bin/python -m dorsi.web.run" in text
    assert f"Environment=DORSI_ROLE={role}" in text
    assert role in ROLES
    assert "EnvironmentFile=/etc/dorsi/dorsi.env" in text


def test_the_compose_file_runs_web_and_worker_roles_after_the_migrations() -> None:
    yaml = pytest.importorskip("yaml")
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    assert services["web"]["environment"]["DORSI_ROLE"] == "web"
    assert services["worker"]["environment"]["DORSI_ROLE"] == "worker"
    for name in ("web", "worker"):
        assert services[name]["environment"]["DORSI_MEDIA_STORAGE"] == "s3"
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
