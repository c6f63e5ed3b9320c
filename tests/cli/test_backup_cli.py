"""`dorsi backup` and `dorsi restore` in a real process on a web app's data folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DORSI_", "DATABASE_URL"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env | {"DORSI_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _usernames(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / "dorsi.sqlite3") as db:
        return [row[0] for row in db.execute("SELECT username FROM auth_user ORDER BY username")]


def test_backup_then_restore_in_a_real_process(tmp_path: Path) -> None:
    env = _env(tmp_path / "data")
    migrate = ("-m", "django", "migrate", "--settings", "dorsi.web.settings", "-v", "0")
    assert _run(env, *migrate).returncode == 0
    assert _run(env, "-m", "tests.web.launcher_script", "user", "ana", "a@x.org").returncode == 0
    made = _run(env, "-m", "dorsi", "backup", str(tmp_path / "backup"))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Backed up the SQLite database and media: 1 file, ")
    assert _run(env, "-m", "tests.web.launcher_script", "user", "bo", "b@x.org").returncode == 0
    assert _usernames(tmp_path / "data") == ["ana", "bo"]
    back = _run(env, "-m", "dorsi", "restore", str(tmp_path / "backup"), "--yes")
    assert back.returncode == 0, back.stderr
    assert _usernames(tmp_path / "data") == ["ana"]


def test_a_second_backup_into_the_same_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    env = _env(tmp_path / "data")
    _run(env, "-m", "django", "migrate", "--settings", "dorsi.web.settings", "-v", "0")
    assert _run(env, "-m", "dorsi", "backup", str(tmp_path / "b")).returncode == 0
    again = _run(env, "-m", "dorsi", "backup", str(tmp_path / "b"))
    assert again.returncode == 2
    assert again.stderr.strip().splitlines() == [
        f"error: folder: {tmp_path / 'b'} is not empty: give a new folder per backup"
    ]


def test_restore_asks_first_and_a_no_changes_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path / "data")
    answer = subprocess.run(
        [sys.executable, "-m", "dorsi", "restore", str(tmp_path)],
        env=env,
        cwd=ROOT,
        input="n\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert answer.returncode == 2
    assert "cancelled; nothing was changed" in answer.stderr
