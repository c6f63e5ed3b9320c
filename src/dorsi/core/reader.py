"""Strict, path-aware reading of JSON-like documents into typed values.

Every problem raises ValidationError naming the dotted field path, so the shells can show
one clear line. Unknown keys are not fatal (contracts may be extended) but are recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from dorsi.core.errors import ValidationError
from dorsi.core.thresholds import Range

E = TypeVar("E", bound=StrEnum)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _type_name(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


class Reader:
    """A view on one JSON object at ``path``; children share the list of ignored fields."""

    def __init__(self, data: object, path: str = "", ignored: list[str] | None = None) -> None:
        if not isinstance(data, Mapping):
            raise ValidationError(path or "document", f"must be an object, got {_type_name(data)}")
        self.data: Mapping[str, Any] = data
        self.path = path
        self.ignored: list[str] = [] if ignored is None else ignored
        self._seen: set[str] = set()

    def field(self, key: str) -> str:
        return _join(self.path, key)

    def raw(self, key: str) -> Any:
        self._seen.add(key)
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def finish(self) -> None:
        """Record keys nobody asked for."""
        for key in self.data:
            if key not in self._seen and key != "schema":
                self.ignored.append(self.field(key))

    def obj(self, key: str) -> Reader | None:
        value = self.raw(key)
        if value is None:
            return None
        return Reader(value, self.field(key), self.ignored)

    def number(
        self, key: str, valid: Range | None = None, *, required: bool = False
    ) -> float | None:
        value = self.raw(key)
        if value is None:
            if required:
                raise ValidationError(self.field(key), "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(self.field(key), f"must be a number, got {_type_name(value)}")
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(self.field(key), "must be a finite number")
        number = float(value)
        if valid is not None:
            valid.check(self.field(key), number)
        return number

    def integer(self, key: str, valid: Range | None = None) -> int | None:
        number = self.number(key, valid)
        if number is None:
            return None
        if number != int(number):
            raise ValidationError(self.field(key), f"must be a whole number, got {number:g}")
        return int(number)

    def boolean(self, key: str) -> bool | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise ValidationError(
                self.field(key), f"must be true or false, got {_type_name(value)}"
            )
        return value

    def string(self, key: str, *, required: bool = False) -> str | None:
        value = self.raw(key)
        if value is None:
            if required:
                raise ValidationError(self.field(key), "is required")
            return None
        if not isinstance(value, str):
            raise ValidationError(self.field(key), f"must be a string, got {_type_name(value)}")
        if "\x00" in value:
            raise ValidationError(self.field(key), "contains a NUL character")
        return value

    def code(self, key: str, enum: type[E], *, required: bool = False) -> E | None:
        value = self.string(key, required=required)
        return None if value is None else parse_code(self.field(key), value, enum)

    def codes(self, key: str, enum: type[E]) -> tuple[E, ...]:
        """A list of codes, duplicates removed, order kept."""
        items = self.items(key)
        out: list[E] = []
        for index, item in enumerate(items):
            where = _join(self.field(key), index)
            if not isinstance(item, str):
                raise ValidationError(where, f"must be a string code, got {_type_name(item)}")
            parsed = parse_code(where, item, enum)
            if parsed not in out:
                out.append(parsed)
        return tuple(out)

    def items(self, key: str) -> list[Any]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValidationError(self.field(key), f"must be a list, got {_type_name(value)}")
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.string(key, required=required)
        return None if value is None else parse_date(self.field(key), value)


def parse_code(field: str, value: str, enum: type[E]) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationError(
            field, f"unknown code {value!r} (expected one of: {allowed})"
        ) from None


def parse_date(field: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date (use YYYY-MM-DD)") from None


MAX_DEPTH = 32  # the deepest of Dorsi's documents is under 10 levels


def check_json(value: object, path: str = "", depth: int = 0) -> None:
    """Refuse what no Dorsi document holds and storage cannot keep: NUL characters (in keys or
    strings), NaN or infinite numbers, and nesting deeper than ``MAX_DEPTH`` levels. Checked on
    the whole document, the parts a parser does not read included (they are stored as sent)."""
    if depth > MAX_DEPTH:
        raise ValidationError(path or "document", f"is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationError(path or "document", "contains a NUL character")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(path or "document", "must be a finite number")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if "\x00" in str(key):
                raise ValidationError(path or "document", "has a key with a NUL character")
            check_json(item, _join(path, str(key)), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, _join(path, index), depth + 1)


def check_schema(data: object, expected: str) -> None:
    if not isinstance(data, Mapping):
        raise ValidationError("document", f"must be a JSON object, got {_type_name(data)}")
    check_json(data)
    schema = data.get("schema")
    # A missing schema is read as the expected one; a different one is refused.
    if schema is not None and schema != expected:
        raise ValidationError("schema", f"is {schema!r}, expected {expected!r}")
