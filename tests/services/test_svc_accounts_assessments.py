"""Accounts, profiles and assessments through the services, on a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from dorsi.core.errors import ValidationError
from dorsi.db.models import Assessment, Profile
from dorsi.services.accounts import profile_as_document, profile_update, user_create, user_delete
from dorsi.services.assessments import (
    assessment_confirm_cleared,
    assessment_create,
    assessment_get,
    assessment_needs_clearance,
)
from tests.django_support import PASSWORD, TODAY, assessment_document

pytestmark = pytest.mark.django_db


def test_user_create_hashes_the_password_with_argon2() -> None:
    user = user_create(username="cleo", email="cleo@example.com", password=PASSWORD)
    assert user.password.startswith("argon2$")
    assert Profile.objects.filter(user=user).exists()


def test_user_create_refuses_a_weak_password_and_stores_nothing() -> None:
    with pytest.raises(ValidationError) as caught:
        user_create(username="cleo", password="123")
    assert caught.value.field == "password"
    assert not get_user_model().objects.filter(username="cleo").exists()


def test_user_create_refuses_a_taken_username_whatever_the_case(user) -> None:
    with pytest.raises(ValidationError, match="already taken"):
        user_create(username="ANA", password=PASSWORD)


def test_profile_update_uses_the_core_ranges_and_names_the_field(user) -> None:
    document = profile_as_document(user=user) | {"minutes_per_day": 90}
    with pytest.raises(ValidationError) as caught:
        profile_update(user=user, document=document)
    assert caught.value.field == "minutes_per_day"
    assert "5 to 60" in caught.value.problem


def test_profile_update_round_trips_the_document(user) -> None:
    document = profile_as_document(user=user) | {
        "age": 41,
        "sports": ["running"],
        "sprains": {"left": 1, "right": 3},
        "training_days": ["tue", "sat"],
        "equipment": ["band"],
        "minutes_per_day": 6,
        "desk_job": False,
        "shoe_drop_mm": 4.0,
    }
    profile_update(user=user, document=document, units="in")
    assert profile_as_document(user=user) == document
    assert Profile.objects.get(user=user).units == "in"


def test_assessment_create_stores_the_input_and_the_core_report(user) -> None:
    row = assessment_create(user=user, document=assessment_document(), today=TODAY)
    assert row.report["schema"] == "dorsi.report/v1"
    assert row.report["sides"]["left"]["category"] == "significant_restriction"
    assert row.report["asymmetry"]["more_restricted_side"] == "left"
    assert row.referral_level == "consider"
    assert row.input["knee_to_wall"]["left"] == 7.5


def test_assessment_create_updates_the_profile_from_the_document(user) -> None:
    assessment_create(user=user, document=assessment_document(), today=TODAY)
    assert profile_as_document(user=user)["sprains"] == {"left": 2, "right": 0}


def test_out_of_range_distance_is_refused_with_the_field_and_nothing_is_stored(user) -> None:
    document = assessment_document(knee_to_wall={"unit": "cm", "left": 31, "right": 10})
    with pytest.raises(ValidationError) as caught:
        assessment_create(user=user, document=document, today=TODAY)
    assert caught.value.field == "knee_to_wall.left"
    assert Assessment.objects.count() == 0


def test_a_future_assessment_date_is_refused(user) -> None:
    document = assessment_document(date=(TODAY + timedelta(days=1)).isoformat())
    with pytest.raises(ValidationError) as caught:
        assessment_create(user=user, document=document, today=TODAY)
    assert caught.value.field == "date"


def test_inches_are_kept_in_the_input_and_reported_in_cm(user) -> None:
    document = assessment_document(knee_to_wall={"unit": "in", "left": 4, "right": 4})
    row = assessment_create(user=user, document=document, today=TODAY)
    assert row.input["knee_to_wall"]["unit"] == "in"
    assert row.report["sides"]["left"]["knee_to_wall_cm"] == pytest.approx(10.16, abs=0.01)


def test_red_flag_needs_clearance_until_confirmed(user) -> None:
    row = assessment_create(
        user=user, document=assessment_document(red_flags=["night_pain"]), today=TODAY
    )
    assert row.referral_level == "before_starting"
    assert assessment_needs_clearance(row)
    cleared = assessment_confirm_cleared(user=user, assessment_id=row.pk)
    assert not assessment_needs_clearance(cleared)


def test_another_users_assessment_is_not_found(assessment, other_user) -> None:
    with pytest.raises(Assessment.DoesNotExist):
        assessment_get(user=other_user, assessment_id=assessment.pk)
    with pytest.raises(Assessment.DoesNotExist):
        assessment_confirm_cleared(user=other_user, assessment_id=assessment.pk)


def test_user_delete_removes_every_row_of_the_user(assessment, user, other_user) -> None:
    assessment_create(user=other_user, document=assessment_document(), today=TODAY)
    user_delete(user=user)
    assert Assessment.objects.count() == 1
    assert not get_user_model().objects.filter(username="ana").exists()


def test_the_database_tests_run_on_a_fixed_day() -> None:
    from django.utils import timezone

    assert timezone.localdate() == TODAY
