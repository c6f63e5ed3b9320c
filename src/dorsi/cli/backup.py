"""`dorsi backup DIR` and `dorsi restore DIR`: the database and the media files of the web app,
safe to back up while it runs (see dorsi.services.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dorsi.cli.common import bad_input_exits, fail

backup_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
_DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _django() -> None:
    from dorsi.services.bootstrap import setup_django

    setup_django()


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 2**10:.0f} kB"


@backup_app.command("backup")
def backup(
    folder: Annotated[Path, typer.Argument(help="A new folder for this backup.")],
) -> None:
    """Back up the database and the media files (safe while Dorsi runs)."""
    _django()
    from dorsi.services.backup import backup_create

    with bad_input_exits():
        summary = backup_create(folder=folder)
    typer.echo(
        f"Backed up the {_DATABASES[summary.database]} database and media: {_files(summary.files)}, "
        f"{_size(summary.bytes)}, in {summary.folder}"
    )


@backup_app.command("restore")
def restore(
    folder: Annotated[Path, typer.Argument(help="A folder written by `dorsi backup`.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Do not ask: replace the current data.")
    ] = False,
) -> None:
    """Replace ALL current data with a backup (stop Dorsi first)."""
    if not yes and not typer.confirm(
        "This replaces every account, plan, log and video now stored. Continue?", default=False
    ):
        fail("restore: cancelled; nothing was changed")
    _django()
    from dorsi.services.backup import backup_restore

    with bad_input_exits():
        summary = backup_restore(folder=folder)
    typer.echo(
        f"Restored the backup of {summary.created_at:%Y-%m-%d %H:%M} ({_files(summary.files)})."
    )
