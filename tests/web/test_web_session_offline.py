"""The guided session's server side for the phone: logs sent with an Idempotency-Key are stored
once (a replay answers the first result), the fast-timer switch only where settings allow it,
the manifest, the icons and the root-scoped service worker."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.db import IntegrityError
from django.utils import timezone

from dorsi.core.errors import ValidationError
from dorsi.db.models import SessionLog, SessionLogKey
from dorsi.services.plan_pages import guided_blocks
from dorsi.services.session_details import session_log_once

pytestmark = pytest.mark.django_db

LOG = {"status": "done", "minutes": "9", "pain": "0", "pain_type": "none", "exercise": ""}


def _url(day: Any = None) -> str:
    return f"/session/{(day or timezone.localdate()).isoformat()}/"


def test_a_replayed_idempotency_key_answers_the_first_result_and_logs_once(ana, plan) -> None:
    first = ana.post(_url(), LOG, headers={"Idempotency-Key": "k-1"})
    again = ana.post(_url(), LOG | {"minutes": "20"}, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 200
    assert first.json()["logged"] == again.json()["logged"] == timezone.localdate().isoformat()
    assert (first.json()["replayed"], again.json()["replayed"]) == (False, True)
    assert SessionLog.objects.get().minutes == 9  # the replay changed nothing
    assert SessionLogKey.objects.count() == 1


def test_a_new_key_logs_again_and_replaces_the_day(ana, plan) -> None:
    ana.post(_url(), LOG, headers={"Idempotency-Key": "k-1"})
    ana.post(_url(), LOG | {"minutes": "12"}, headers={"Idempotency-Key": "k-2"})
    assert SessionLog.objects.get().minutes == 12
    assert SessionLogKey.objects.count() == 2


def test_the_form_field_key_makes_a_double_tap_log_once(ana, plan) -> None:
    first = ana.post(_url(), LOG | {"idempotency_key": "tap"})
    second = ana.post(_url(), LOG | {"minutes": "30", "idempotency_key": "tap"}, follow=True)
    assert first.status_code == 302
    assert "already saved" in second.content.decode()
    assert SessionLog.objects.get().minutes == 9


def test_a_queued_log_with_bad_fields_answers_422_with_the_errors(ana, plan) -> None:
    response = ana.post(_url(), LOG | {"minutes": "x"}, headers={"Idempotency-Key": "k-3"})
    assert response.status_code == 422
    assert "minutes" in response.json()["errors"]
    assert not SessionLogKey.objects.exists()


def test_a_refused_log_stores_no_key(user, plan) -> None:
    future = timezone.localdate() + timedelta(days=3)
    with pytest.raises(ValidationError):
        session_log_once(user=user, key="k", when=future, status="done", minutes=5)
    assert not SessionLogKey.objects.exists()


@pytest.mark.parametrize("key", ["", " ", "x" * 65, "bad\nkey"])
def test_an_idempotency_key_must_be_short_and_printable(user, plan, key) -> None:
    with pytest.raises(ValidationError, match="idempotency_key"):
        session_log_once(user=user, key=key, when=timezone.localdate(), status="done")


def test_the_key_is_unique_per_user_in_the_database(user, plan) -> None:
    session_log_once(user=user, key="same", when=timezone.localdate(), status="done")
    with pytest.raises(IntegrityError):
        SessionLogKey.objects.create(user=user, key="same", date=timezone.localdate())


def test_a_key_racing_its_twin_answers_the_twins_log(user, plan, monkeypatch) -> None:
    from dorsi.services import session_details

    session_log_once(user=user, key="race", when=timezone.localdate(), status="done")
    real_filter = SessionLogKey.objects.filter
    calls = {"n": 0}

    def first_look_misses(**kwargs: Any) -> Any:  # the twin commits between look and write
        calls["n"] += 1
        return real_filter(pk=-1) if calls["n"] == 1 else real_filter(**kwargs)

    monkeypatch.setattr(session_details.SessionLogKey.objects, "filter", first_look_misses)
    row, replayed = session_log_once(
        user=user, key="race", when=timezone.localdate(), status="done"
    )
    assert replayed
    assert row is not None
    assert SessionLog.objects.count() == 1


def test_the_fast_timer_switch_is_off_unless_settings_allow_it(ana, plan, settings) -> None:
    assert b"data-speed-switch" not in ana.get(_url() + "?speed=50").content
    settings.DORSI_FAST_TIMERS = True
    assert b'data-speed-switch="on"' in ana.get(_url()).content


def test_the_session_page_hands_the_rests_and_each_blocks_pace_to_the_script(ana, plan) -> None:
    page = ana.get(_url()).content.decode()
    assert 'data-rest-sets="20"' in page
    assert 'data-rest-sides="10"' in page
    assert 'id="main-control"' in page
    assert 'id="mute"' in page


def test_rep_pace_follows_the_tempo_the_hold_or_the_default(plan) -> None:
    blocks = [block for day in plan.plan.days for block in guided_blocks(day)]
    for block in blocks:
        dose = block.exercise.dose if block.exercise else None
        if block.reps is None or dose is None:
            continue
        if dose.tempo:
            assert block.rep_pace_s == sum(int(p) for p in dose.tempo.split("-"))
        elif dose.hold_s:
            assert block.rep_pace_s == dose.hold_s + 1
        else:
            assert block.rep_pace_s == 3


def test_block_steps_come_from_the_prescription(plan) -> None:
    blocks = [block for day in plan.plan.days for block in guided_blocks(day)]
    for block in blocks:
        if block.exercise is not None:
            assert block.steps == block.exercise.steps_for(block.sets)


def test_the_manifest_lists_icons_that_exist_and_are_small(client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    document = json.loads(response.content)
    assert document["start_url"] == "/"
    assert document["display"] == "standalone"
    assert {icon["sizes"] for icon in document["icons"]} == {"192x192", "512x512"}
    for size in (192, 512):
        found = finders.find(f"dorsi/icon-{size}.png")
        assert isinstance(found, str)
        data = Path(found).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) < 20_000


def test_the_service_worker_is_served_from_the_root_with_the_offline_files(client) -> None:
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    for name in ("dorsi/session.js", "dorsi/session.css", "dorsi/app.css", "dorsi/pwa.js"):
        assert name in body
    assert 'var CACHE = "dorsi-' in body


def test_pages_link_the_manifest_and_list_today_and_tomorrow_for_offline(ana, plan) -> None:
    page = ana.get("/").content.decode()
    today = timezone.localdate()
    assert 'rel="manifest"' in page
    expected = f"/session/{today.isoformat()}/ /session/{(today + timedelta(days=1)).isoformat()}/"
    assert f'<meta name="dorsi-offline" content="{expected}">' in page


def _block(exercise_id: str | None, lowering_s: int | None = None) -> Any:
    from dorsi.core.codes import ItemSide
    from dorsi.core.library.exercises import load_library
    from dorsi.core.program.values import Dose, PlanItem
    from dorsi.services.plan_pages import GuidedBlock

    library = load_library()
    item = PlanItem(
        exercise=exercise_id or "unknown",
        name="X",
        side=ItemSide.BOTH,
        dose=Dose(sets=1, reps=10, lowering_s=lowering_s),
        minutes=1,
    )
    exercise = library.get(exercise_id) if exercise_id else None
    return GuidedBlock(number=1, item=item, exercise=exercise, side=ItemSide.BOTH)


def test_rep_pace_of_each_kind_of_dose() -> None:
    assert _block("single-leg-calf-raise").rep_pace_s == 4  # tempo 3-0-1
    assert _block("weighted-half-kneeling-lunge").rep_pace_s == 3  # a 2 s hold and 1 s back
    assert _block("knee-circles").rep_pace_s == 3  # no tempo, no hold: the default
    assert _block(None, lowering_s=3).rep_pace_s == 4  # the plan's lowering, a second up
    assert _block(None).rep_pace_s == 3
    assert _block(None).steps == ()


def test_an_integrity_error_that_is_not_the_keys_surfaces(user, plan, monkeypatch) -> None:
    from dorsi.services import session_details

    def clash(**kwargs: Any) -> Any:
        raise IntegrityError("another constraint")

    monkeypatch.setattr(session_details, "session_log", clash)
    with pytest.raises(IntegrityError):
        session_log_once(user=user, key="k", when=timezone.localdate(), status="done")
    assert not SessionLogKey.objects.exists()


API_LOG = {"status": "done", "minutes": 9, "pain": 0, "pain_type": "none"}


def test_the_api_logs_once_per_idempotency_key(ana, plan) -> None:
    body = API_LOG | {"date": timezone.localdate().isoformat()}
    first = ana.post(
        "/api/sessions", body, content_type="application/json", headers={"Idempotency-Key": "a"}
    )
    again = ana.post(
        "/api/sessions",
        body | {"minutes": 30},
        content_type="application/json",
        headers={"Idempotency-Key": "a"},
    )
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert SessionLog.objects.get().minutes == 9


def test_the_api_refuses_a_bad_key_in_words(ana, plan) -> None:
    body = API_LOG | {"date": timezone.localdate().isoformat()}
    response = ana.post(
        "/api/sessions", body, content_type="application/json", headers={"Idempotency-Key": " "}
    )
    assert response.status_code == 422
    assert "idempotency_key" in response.content.decode()
    assert not SessionLog.objects.exists()


def test_the_api_answers_409_when_the_keys_log_is_gone(ana, plan) -> None:
    body = API_LOG | {"date": timezone.localdate().isoformat()}
    headers = {"Idempotency-Key": "gone"}
    ana.post("/api/sessions", body, content_type="application/json", headers=headers)
    SessionLog.objects.all().delete()
    response = ana.post("/api/sessions", body, content_type="application/json", headers=headers)
    assert response.status_code == 409
    assert "Idempotency-Key" in response.json()["detail"]
