"""Load and validate the exercise library (idempotent; safe to run on every start).

The library is a versioned data file of dorsi.core, read at run time: it is not copied into
the database, so it can never go stale there. Rows that name an exercise (a session log's
painful exercise) store its stable id, checked against this library when written. This
command loads the file (which validates every exercise), warms the cache and reports, so a
broken data file stops ``make run`` before the server starts.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dorsi.core.errors import DorsiError


class Command(BaseCommand):
    help = "Validate and load the exercise library (read from dorsi.core's data file)."

    def handle(self, *args: Any, **options: Any) -> None:
        from dorsi.core.library.exercises import load_library

        try:
            library = load_library()
        except DorsiError as error:
            raise CommandError(f"the exercise library is invalid: {error}") from None
        self.stdout.write(f"Exercise library: {len(library)} exercises loaded and valid.")
