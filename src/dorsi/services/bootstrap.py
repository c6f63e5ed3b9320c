"""Start Django outside the web server (CLI commands, scripts, the bench)."""

from __future__ import annotations

import os


def setup_django(settings_module: str = "dorsi.web.settings") -> None:
    """Configure Django once; later calls do nothing. Imports Django lazily on purpose."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def migrate_quietly() -> None:
    """Bring the schema up to date (used by the CLI on first use of a fresh data dir)."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
