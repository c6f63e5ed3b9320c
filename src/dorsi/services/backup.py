"""Backups of everything Dorsi stores: the database and the media files, with a manifest.

``backup_create`` is safe while Dorsi runs: SQLite is copied with its online backup API (a
consistent snapshot however busy the web server and the worker are), PostgreSQL with
``pg_dump`` (one snapshot transaction); media files are only ever replaced whole, so copying
them never catches half a file. ``backup_restore`` puts everything back (stop Dorsi first),
then migrates, so an older backup comes up on newer code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from dorsi import __version__
from dorsi.core.errors import ValidationError
from dorsi.services.media import (
    media_delete_tree,
    media_download,
    media_local_path,
    media_save,
    media_walk,
)
from dorsi.services.videos import VIDEO_ROOT

BACKUP_SCHEMA = "dorsi.backup/v1"
MANIFEST = "manifest.json"
SQLITE_FILE = "dorsi.sqlite3"
PG_FILE = "dorsi.pgdump"
MEDIA = "media"


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    database: str
    files: int
    bytes: int
    created_at: datetime


def _kind() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise ValidationError("database", f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _media_root() -> Path | None:
    """The video folder on this machine's disk (None when media live in an object store)."""
    return media_local_path(VIDEO_ROOT)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_dsn() -> str:
    db = settings.DATABASES["default"]
    parts = {
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        "dbname": connection.settings_dict["NAME"],
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
    }
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise ValidationError(
            "database", f"{command[0]} was not found: install the PostgreSQL client tools"
        ) from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ValidationError("database", f"{what} failed: {last}")


def backup_create(*, folder: Path) -> BackupSummary:
    """Write a backup into ``folder`` (new or empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise ValidationError("folder", f"{folder} is not empty: give a new folder per backup")
    kind = _kind()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if kind == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        with target:
            connection.connection.backup(target)
        target.close()
    else:
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={folder / PG_FILE}",
                _pg_dsn(),
            ],
            "pg_dump",
        )
    media = _media_root()
    if media is None:  # an object store: fetch every file
        for name in media_walk(VIDEO_ROOT):
            media_download(f"{VIDEO_ROOT}/{name}", folder / MEDIA / name)
    elif media.is_dir():
        shutil.copytree(media, folder / MEDIA)
    return _write_manifest(folder, kind)


def _write_manifest(folder: Path, kind: str) -> BackupSummary:
    files: list[dict[str, Any]] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        files.append(
            {
                "path": path.relative_to(folder).as_posix(),
                "bytes": path.stat().st_size,
                "sha256": _sha256(path),
            }
        )
    created = timezone.now()
    manifest = {
        "schema": BACKUP_SCHEMA,
        "created_at": created.isoformat(),
        "database": kind,
        "dorsi_version": __version__,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return BackupSummary(folder, kind, len(files), sum(int(f["bytes"]) for f in files), created)


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise ValidationError("folder", f"{folder} holds no Dorsi backup (no {MANIFEST})")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ValidationError("folder", f"the backup's {MANIFEST} cannot be read") from None
    if manifest.get("schema") != BACKUP_SCHEMA:
        raise ValidationError("folder", f"not a {BACKUP_SCHEMA} backup")
    for entry in manifest.get("files", []):
        file = folder / str(entry["path"])
        if not file.is_file() or _sha256(file) != entry["sha256"]:
            raise ValidationError("folder", f"{entry['path']} is missing or damaged")
    return manifest


def backup_restore(*, folder: Path) -> BackupSummary:
    """Replace the database and the media files with the backup's; then migrate."""
    manifest = _read_manifest(folder)
    kind = _kind()
    if manifest["database"] != kind:
        raise ValidationError(
            "folder", f"this is a {manifest['database']} backup and Dorsi now runs on {kind}"
        )
    if kind == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_FILE)
        with source:
            source.backup(connection.connection)
        source.close()
    else:
        connection.close()  # pg_restore drops the tables this connection may hold
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                f"--dbname={_pg_dsn()}",
                str(folder / PG_FILE),
            ],
            "pg_restore",
        )
    _restore_media(folder / MEDIA)
    call_command("migrate", interactive=False, verbosity=0)
    files = manifest["files"]
    return BackupSummary(
        folder,
        kind,
        len(files),
        sum(int(f["bytes"]) for f in files),
        datetime.fromisoformat(manifest["created_at"]),
    )


def _restore_media(source: Path) -> None:
    """Swap the media folder for the backup's copy (the old one goes only once the copy is
    complete, so a failure half-way leaves the current files in place)."""
    media = _media_root()
    if media is None:  # an object store: replace every file
        media_delete_tree(VIDEO_ROOT)
        files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else []
        for file in files:
            media_save(f"{VIDEO_ROOT}/{file.relative_to(source).as_posix()}", file)
        return
    staged = media.with_name(f".{media.name}-restoring-{os.getpid()}")
    shutil.rmtree(staged, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, staged)
    else:
        staged.mkdir(parents=True, mode=0o700)
    old = media.with_name(f".{media.name}-replaced-{os.getpid()}")
    if media.exists():
        media.replace(old)
    staged.replace(media)
    shutil.rmtree(old, ignore_errors=True)
