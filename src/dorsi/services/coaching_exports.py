"""What a coach takes out of Dorsi for an athlete: the clinic's FHIR bundle, the home-program
handout (page and PDF), and the athlete's own JSON and CSV exports.

The caller has checked the live link (``coaching.coach_client_get``); these read the athlete's
rows only through the services and the core.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.codes import Side, Variant
from dorsi.core.library.exercises import load_library
from dorsi.db.models import Assessment, CalendarFeed, Retest
from dorsi.formats.fhir import Measurement, fhir_bundle
from dorsi.formats.handout import Handout, build_handout
from dorsi.formats.handout_pdf import handout_pdf
from dorsi.services.coaching_plans import plan_edit_history
from dorsi.services.common import today_or
from dorsi.services.exports import export_bundle, export_csv_zip
from dorsi.services.plans import plan_active

HANDOUT_NOTES = 5


def _assessment_measurements(document: dict[str, Any]) -> list[Measurement]:
    inp = parse_assessment(document)
    assert inp.date is not None  # stored assessments always carry their date
    code = "knee-to-wall" if inp.variant is Variant.STANDING else "knee-to-wall-half-kneeling"
    out = []
    for side in Side:
        measured = inp.side(side)
        gonio = measured.goniometer
        values = (
            (code, measured.knee_to_wall_cm),
            ("lunge-angle", measured.wb_angle_deg),
            ("goniometer-knee-straight", None if gonio is None else gonio.knee_straight_deg),
            ("goniometer-knee-bent", None if gonio is None else gonio.knee_bent_deg),
        )
        out += [Measurement(c, side, v, inp.date) for c, v in values if v is not None]
    return out


def _measurements(client: User) -> list[Measurement]:
    out = []
    for document in (
        Assessment.objects.filter(user=client)
        .order_by("date", "id")
        .values_list("input", flat=True)
    ):
        out += _assessment_measurements(document)
    rows = Retest.objects.filter(user=client).order_by("date")
    for when, left, right, clinic in rows.values_list("date", "left_cm", "right_cm", "in_clinic"):
        for side, value in ((Side.LEFT, left), (Side.RIGHT, right)):
            if value is not None:
                out.append(Measurement("knee-to-wall", side, value, when, in_clinic=clinic))
    return out


def client_fhir_bundle(*, client: User) -> dict[str, Any]:
    active = plan_active(user=client)
    return fhir_bundle(
        account_id=f"user-{client.pk}",
        measurements=_measurements(client),
        plan=None if active is None else active.plan,
        generated_at=timezone.now().replace(microsecond=0),
    )


def client_handout(
    *, coach: User, client: User, base_url: str, today: date | None = None
) -> Handout | None:
    """The handout of the athlete's active plan (None without a plan). ``base_url`` makes the
    calendar link absolute: the athlete's private feed if they have one, else its set-up page."""
    active = plan_active(user=client)
    if active is None:
        return None
    feed = CalendarFeed.objects.filter(user=client).values_list("token", flat=True).first()
    calendar = f"{base_url}/calendar/{feed}.ics" if feed else f"{base_url}/calendar/"
    notes = tuple(r.note for r in plan_edit_history(client=client) if r.in_force and r.note)
    return build_handout(
        active.plan,
        library=load_library(),
        today=today_or(today),
        athlete=client.get_username(),
        coach=coach.get_username(),
        calendar_url=calendar,
        notes=notes[:HANDOUT_NOTES],
    )


def client_handout_pdf(
    *, coach: User, client: User, base_url: str, today: date | None = None
) -> bytes | None:
    handout = client_handout(coach=coach, client=client, base_url=base_url, today=today)
    return None if handout is None else handout_pdf(handout)


def client_export_json(*, client: User) -> dict[str, Any]:
    return export_bundle(user=client)


def client_export_csv(*, client: User) -> bytes:
    return export_csv_zip(user=client)
