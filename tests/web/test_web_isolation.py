"""Users never see or change another user's objects: every object URL answers 404, not 403."""

from __future__ import annotations

import pytest

from dorsi.db.models import Assessment, Export, Plan, Retest
from dorsi.services.exports import export_request
from dorsi.services.tracking import retest_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def bruno_objects(other_user):
    from django.utils import timezone

    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from tests.django_support import assessment_document

    today = timezone.localdate()
    assessment = assessment_create(
        user=other_user, document=assessment_document(red_flags=["night_pain"])
    )
    from dorsi.services.assessments import assessment_confirm_cleared

    assessment_confirm_cleared(user=other_user, assessment_id=assessment.pk)
    plan = plan_create(user=other_user, assessment_id=assessment.pk, start=today)
    retest = retest_record(user=other_user, when=today, unit="cm", left=9, right=10)
    export = export_request(user=other_user, fmt="json")
    return {"assessment": assessment, "plan": plan, "retest": retest, "export": export}


def test_another_users_assessment_page_is_404(ana, bruno_objects) -> None:
    assert ana.get(f"/assessments/{bruno_objects['assessment'].pk}/").status_code == 404


def test_confirming_clearance_on_another_users_assessment_is_404(ana, bruno_objects) -> None:
    row = bruno_objects["assessment"]
    Assessment.objects.filter(pk=row.pk).update(cleared_by_professional_at=None)
    assert ana.post(f"/assessments/{row.pk}/cleared/", {"confirm": "yes"}).status_code == 404
    row.refresh_from_db()
    assert row.cleared_by_professional_at is None


def test_building_a_plan_from_another_users_assessment_is_404(ana, user, bruno_objects) -> None:
    response = ana.post("/plan/build/", {"assessment": bruno_objects["assessment"].pk})
    assert response.status_code == 404
    assert not Plan.objects.filter(user=user).exists()


def test_deleting_another_users_retest_is_404(ana, bruno_objects) -> None:
    assert ana.post(f"/retests/{bruno_objects['retest'].pk}/delete/").status_code == 404
    assert Retest.objects.filter(pk=bruno_objects["retest"].pk).exists()


def test_another_users_export_status_and_download_are_404(ana, bruno_objects) -> None:
    export = bruno_objects["export"]
    assert ana.get(f"/data/exports/{export.pk}/").status_code == 404
    assert ana.get(f"/data/exports/{export.pk}/download/").status_code == 404
    assert Export.objects.filter(pk=export.pk).exists()


def test_pages_only_show_the_users_own_rows(ana, bruno_objects) -> None:
    assert ana.get("/assessments/").context["assessments"].count() == 0
    assert "The plan is built from your assessment." in ana.get("/plan/").content.decode()
    assert list(ana.get("/retest/").context["recent"]) == []
    assert ana.get("/data/").context["exports"] == []
    assert ana.get("/progress/").context["doc"] is None
