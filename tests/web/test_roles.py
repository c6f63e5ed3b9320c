"""DORSI_ROLE: a host runs the web server, the task worker or both; DORSI_MIGRATE=0 leaves
the migrations to the upgrade step; the launcher migrates one host at a time."""

from __future__ import annotations

import pytest

from dorsi.web import run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "chosen", "children"),
    [
        (None, "all", ["web server", "task worker"]),
        ("web", "web", ["web server"]),
        (" Worker ", "worker", ["task worker"]),
        ("all", "all", ["web server", "task worker"]),
    ],
)
def test_dorsi_role_decides_what_a_host_runs(monkeypatch, value, chosen, children) -> None:
    if value is None:
        monkeypatch.delenv("DORSI_ROLE", raising=False)
    else:
        monkeypatch.setenv("DORSI_ROLE", value)
    assert run.role() == chosen
    assert [child.name for child in run._children({}, chosen)] == children


def test_an_unknown_role_stops_with_words(monkeypatch) -> None:
    monkeypatch.setenv("DORSI_ROLE", "db")
    with pytest.raises(SystemExit, match="DORSI_ROLE is all, web or worker, not 'db'"):
        run.role()


@pytest.mark.parametrize(("migrate", "expected"), [("0", []), ("1", ["migrate", "load_exercises"])])
def test_dorsi_migrate_0_leaves_the_migrations_out(monkeypatch, migrate, expected) -> None:
    import django.core.management

    called: list[str] = []
    monkeypatch.setenv("DORSI_MIGRATE", migrate)
    monkeypatch.setattr(run, "owner_only", lambda folder: None)
    monkeypatch.setattr(
        django.core.management, "call_command", lambda name, *a, **k: called.append(name)
    )
    run.prepare()
    assert called == expected


def test_the_migration_turn_is_held_while_migrating() -> None:
    from django.db import connection

    with run._migration_turn():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                )
                assert cursor.fetchone()[0] >= 1


def test_a_worker_host_prints_its_role(capsys) -> None:
    run._banner(run.Path(), "worker")
    assert "task worker is running (DORSI_ROLE=worker)" in capsys.readouterr().out
