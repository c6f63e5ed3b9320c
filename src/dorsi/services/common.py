"""Small helpers shared by the services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import load_library


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


def exercise_check(exercise_id: str | None, *, field: str = "exercise") -> None:
    """A logged exercise must be one of the library's (the core checks only its form)."""
    if exercise_id and exercise_id not in load_library().ids:
        raise ValidationError(field, f"{exercise_id!r} is not an exercise of the library")
