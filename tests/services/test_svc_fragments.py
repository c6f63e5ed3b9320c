"""Services check one piece of a document with the core's fragment parsers (no probe
documents), and an assessment screened out by a red flag needs no measurement."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dorsi.core.errors import ValidationError
from dorsi.db.models import Assessment, Retest, SessionLog
from dorsi.services.accounts import profile_update
from dorsi.services.assessments import assessment_create, assessment_validate
from dorsi.services.common import exercise_check
from dorsi.services.exports import export_bundle, export_import
from dorsi.services.progress import progress_get
from dorsi.services.tracking import retest_record, session_record
from tests.django_support import TODAY, make_user

pytestmark = pytest.mark.django_db


def test_a_red_flag_assessment_without_a_measurement_is_stored_with_its_referral(user) -> None:
    row = assessment_create(
        user=user,
        document={"schema": "dorsi.assessment/v1", "red_flags": ["calf_snap"]},
        today=TODAY,
    )
    assert row.referral_level == "before_starting"
    assert row.report["sides"] == {"left": None, "right": None}
    assert row.input["knee_to_wall"]["left"] is None
    progress = progress_get(user=user, today=TODAY)
    assert progress is not None
    assert (progress.sides.left, progress.sides.right) == (None, None)


def test_a_draft_is_checked_answer_by_answer_without_the_measurement(user) -> None:
    assert (
        assessment_validate({"schema": "dorsi.assessment/v1"}, draft=True).left.knee_to_wall_cm
        is None
    )
    with pytest.raises(ValidationError) as caught:
        assessment_validate({"schema": "dorsi.assessment/v1"})
    assert caught.value.field == "knee_to_wall"
    with pytest.raises(ValidationError) as caught:
        assessment_validate(
            {"date": (TODAY + timedelta(days=1)).isoformat()}, draft=True, today=TODAY
        )
    assert caught.value.field == "date"


def test_a_profile_error_names_the_profile_field(user) -> None:
    with pytest.raises(ValidationError) as caught:
        profile_update(user=user, document={"sprains": {"left": 51}})
    assert caught.value.field == "sprains.left"


def test_a_session_and_a_retest_are_checked_on_their_own(user, assessment) -> None:
    with pytest.raises(ValidationError) as caught:
        session_record(user=user, when=TODAY, status="done", pain_type="burning", today=TODAY)
    assert caught.value.field == "pain_type"
    with pytest.raises(ValidationError) as caught:
        retest_record(
            user=user, when=TODAY - timedelta(days=1), left=9, right=None, today=TODAY
        )  # before the baseline assessment
    assert caught.value.field == "date"
    assert not SessionLog.objects.exists()
    assert not Retest.objects.exists()


def test_the_exercise_check_is_public_and_names_its_field() -> None:
    exercise_check("ankle-cars")
    exercise_check(None)
    with pytest.raises(ValidationError) as caught:
        exercise_check("moon-walk", field="sessions[3].exercise")
    assert caught.value.field == "sessions[3].exercise"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda b: b["sessions"].append("done"), "sessions[0]"),
        (lambda b: b["sessions"].append({"date": TODAY.isoformat()}), "sessions[0].status"),
        (
            lambda b: b["sessions"].append(
                {"date": TODAY.isoformat(), "status": "done", "exercise": "moon-walk"}
            ),
            "sessions[0].exercise",
        ),
        (lambda b: b["retests"].append({"date": TODAY.isoformat(), "left": 30}), "retests[0].left"),
        (lambda b: b["retests"].extend([{"date": TODAY.isoformat(), "left": 9}] * 2), "retests"),
    ],
)
def test_an_import_names_the_bad_entry(user, assessment, change, field) -> None:
    bundle = export_bundle(user=user, today=TODAY)
    change(bundle)
    other = make_user("cleo")
    with pytest.raises(ValidationError) as caught:
        export_import(user=other, bundle=bundle, today=TODAY)
    assert caught.value.field == field
    assert not Assessment.objects.filter(user=other).exists()
