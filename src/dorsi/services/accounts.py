"""Accounts and profiles: sign-up, the profile used by assessments and plans, deletion."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from dorsi.core.assessment.parse import parse_profile
from dorsi.core.errors import ValidationError
from dorsi.db.convert import profile_document, profile_from_core
from dorsi.db.models import Profile
from dorsi.services.videos import video_files_delete_all


def user_create(*, username: str, password: str, email: str = "") -> Any:
    """A new user with an empty profile; password rules are Django's validators."""
    username = username.strip()
    if not username:
        raise ValidationError("username", "is required")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError("username", "is already taken")
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError("email", "is already used by another account")
    candidate = User(username=username, email=email)
    try:
        validate_password(password, candidate)
    except DjangoValidationError as error:
        raise ValidationError("password", " ".join(error.messages)) from None
    with transaction.atomic():
        user = User.objects.create_user(username=username, email=email, password=password)
        Profile.objects.create(user=user)
    return user


def profile_get(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def profile_update(*, user: User, document: dict[str, Any], units: str | None = None) -> Profile:
    """Replace the profile with ``document`` (a dorsi.assessment/v1 ``profile`` object)."""
    core = parse_profile(document)
    if units is not None and units not in ("cm", "in"):
        raise ValidationError("units", f"unknown unit {units!r} (expected cm or in)")
    with transaction.atomic():
        profile = profile_get(user=user)
        profile_from_core(profile, core)
        if units is not None:
            profile.units = units
        profile.full_clean(exclude=["user"])
        profile.save()
    return profile


def profile_as_document(*, user: User) -> dict[str, Any]:
    return profile_document(profile_get(user=user))


def user_delete(*, user: User) -> None:
    """Delete the account and, through the foreign keys, every row that belongs to it; then
    its video files (uploads, annotated videos, charts)."""
    user_id = user.pk
    with transaction.atomic():
        user.delete()
    video_files_delete_all(user_id=user_id)
