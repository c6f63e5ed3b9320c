"""Shared CLI plumbing: reading documents, one-line errors with exit code 2, writing output."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

from dorsi.core.errors import DorsiError, ValidationError

E = TypeVar("E", bound=StrEnum)

EXIT_BAD_INPUT = 2


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    ICS = "ics"


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit with code 2 (bad input)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


@contextmanager
def bad_input_exits() -> Iterator[None]:
    """Translate the core's domain errors into the CLI's one-line message and exit code 2."""
    try:
        yield
    except ValidationError as error:
        fail(str(error))
    except DorsiError as error:
        fail(str(error))


def read_json(path: Path, *, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{what}: file {str(path)!r} does not exist")
    except IsADirectoryError:
        fail(f"{what}: {str(path)!r} is a directory, not a file")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{what}: cannot read {str(path)!r} ({error.__class__.__name__})")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        fail(
            f"{what}: {str(path)!r} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        )


def parse_choice(option: str, value: str, enum: type[E], allowed: tuple[E, ...] | None = None) -> E:
    choices = allowed or tuple(enum)
    for choice in choices:
        if choice.value == value:
            return choice
    names = ", ".join(choice.value for choice in choices)
    fail(f"{option}: unknown value {value!r} (expected one of: {names})")


def parse_day(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date (use YYYY-MM-DD)")


def dump_json(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write next to the target and rename, so a failure never leaves half a file."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path()
    if not directory.is_dir():
        fail(f"--output: folder {str(directory)!r} does not exist")
    handle, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def emit(
    content: str | bytes, output: Path | None, *, render: Callable[[], None] | None = None
) -> None:
    """Write ``content`` to ``output`` or stdout (``render`` draws rich text on a terminal instead)."""
    if output is not None:
        write_atomically(output, content)
        typer.echo(f"Wrote {output}", err=True)
    elif render is not None:
        render()
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        sys.stdout.write(content)
