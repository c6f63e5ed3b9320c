"""Small helpers shared by the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from django.utils import timezone

from dorsi.core.errors import ValidationError

T = TypeVar("T")


def today_or(today: date | None) -> date:
    """The service layer is where the clock is read; tests pass ``today`` in."""
    return timezone.localdate() if today is None else today


def parse_moment(value: Any, field: str) -> datetime | None:
    """An ISO 8601 date and time from an import (naive values are read in the local zone)."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a date and time (ISO 8601)") from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def strip_prefix(error: ValidationError, prefix: str) -> ValidationError:
    """``profile.age`` -> ``age`` when a service validated a fragment inside a larger document."""
    field = error.field
    if field == prefix:
        field = ""
    elif field.startswith(prefix + ".") or field.startswith(prefix + "["):
        field = field[len(prefix) :].lstrip(".")
    return ValidationError(field, error.problem)


def validate_with(prefix: str, check: Callable[[], T]) -> T:
    try:
        return check()
    except ValidationError as error:
        raise strip_prefix(error, prefix) from None
