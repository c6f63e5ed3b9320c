"""`dorsi log` and `dorsi retest`: daily tracking on the web app's database, through the same
services. Django is imported inside the commands only, so `dorsi --help` stays fast."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dorsi.cli.common import bad_input_exits, fail, parse_day
from dorsi.core import words

tracking_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def _user(username: str) -> Any:
    """Start Django and find the user; a missing schema or user is one clear line, exit 2."""
    from dorsi.services.bootstrap import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    try:
        user = get_user_model().objects.filter(username=username).first()
    except DatabaseError:
        fail("database: not set up yet — run `make run` once (or `python manage.py migrate`)")
    if user is None:
        fail(f"user: no user named {username!r}")
    return user


@tracking_app.command("log")
def log(
    user: Annotated[str, typer.Option("--user", "-u", help="The web user whose session this is.")],
    status: Annotated[
        str, typer.Option("--status", "-s", help="done, partial or skipped.")
    ] = "done",
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="YYYY-MM-DD (default: today).")
    ] = None,
    minutes: Annotated[float, typer.Option("--minutes", "-m", help="Minutes of work.")] = 0.0,
    pain: Annotated[float, typer.Option("--pain", help="Pain during the session, 0-10.")] = 0.0,
    pain_type: Annotated[
        str, typer.Option("--pain-type", help="none, stretch, dull, sharp or pinch.")
    ] = "none",
    exercise: Annotated[
        str | None, typer.Option("--exercise", "-e", help="Id of the exercise that hurt.")
    ] = None,
) -> None:
    """Log today's session (or --date's) for a web user; logging a day again replaces it."""
    when = None if day is None else parse_day("--date", day)
    account = _user(user)
    from django.utils import timezone

    from dorsi.db.convert import SESSION_FIELDS, session_from_values
    from dorsi.services.tracking import session_record

    with bad_input_exits():
        row = session_record(
            user=account,
            when=when or timezone.localdate(),
            status=status,
            minutes=minutes,
            pain=pain,
            pain_type=pain_type,
            exercise=exercise,
        )
    typer.echo(
        f"Logged {words.day_text(row.date)}: {row.status}, {words.quantity(row.minutes, 'min')}, "
        f"pain {words.number(row.pain)}/10"
        + (f" ({row.pain_type})" if row.pain_type != "none" else "")
        + "."
    )
    logged = session_from_values(*(getattr(row, name) for name in SESSION_FIELDS))
    if logged.sharp_or_pinching and logged.exercise:
        typer.echo(
            f"Sharp or pinching pain on {row.exercise}: the plan swaps it for its easier "
            "version from the next session."
        )


@tracking_app.command("retest")
def retest(
    user: Annotated[str, typer.Option("--user", "-u", help="The web user who measured.")],
    left: Annotated[
        float | None, typer.Option("--left", "-l", help="Left knee-to-wall distance.")
    ] = None,
    right: Annotated[
        float | None, typer.Option("--right", "-r", help="Right knee-to-wall distance.")
    ] = None,
    unit: Annotated[str, typer.Option("--unit", help="cm or in.")] = "cm",
    day: Annotated[
        str | None, typer.Option("--date", "-d", help="YYYY-MM-DD (default: today).")
    ] = None,
) -> None:
    """Record a knee-to-wall retest for a web user (one per day; again replaces it)."""
    when = None if day is None else parse_day("--date", day)
    account = _user(user)
    from django.utils import timezone

    from dorsi.services.progress import progress_get
    from dorsi.services.tracking import retest_record

    with bad_input_exits():
        row = retest_record(
            user=account, when=when or timezone.localdate(), unit=unit, left=left, right=right
        )
    parts = [
        f"{side} {words.quantity(value, 'cm', 1)}"
        for side, value in (("left", row.left_cm), ("right", row.right_cm))
        if value is not None
    ]
    typer.echo(f"Retest {words.day_text(row.date)}: " + ", ".join(parts) + ".")
    progress = progress_get(user=account, today=max(row.date, timezone.localdate()))
    for part in (progress.sides.left, progress.sides.right) if progress else ():
        if part is not None:
            verdict = "a real change" if part.real_change else "within measurement error"
            change = words.signed_quantity(part.change_cm, "cm", 1)
            typer.echo(f"  {part.side.value}: {change} since baseline ({verdict}).")


def progress_for_username(username: str) -> tuple[dict[str, Any], str, str]:
    """For `dorsi progress --user NAME`: the dorsi.progress/v1 document, text and Markdown."""
    account = _user(username)
    from dorsi.core.progress.document import progress_to_document
    from dorsi.formats.progress_text import progress_markdown, progress_text
    from dorsi.services.progress import progress_get

    progress = progress_get(user=account)
    if progress is None:
        fail(f"user: {username!r} has no assessment yet")
    doc = progress_to_document(progress)
    return doc, progress_text(doc), progress_markdown(doc)
