"""Helpers shared by the views: 404 for other users' objects, core errors onto forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

from dorsi.core.errors import ValidationError

T = TypeVar("T")


class HtmxRequest(HttpRequest):
    """Every request, as django-htmx's middleware leaves it."""

    htmx: HtmxDetails


class AuthedRequest(HtmxRequest):
    """The request of a view behind ``login_required``: its user is a real account."""

    user: User


def owned(get: Callable[..., T], **kwargs: Any) -> T:
    """Call a selector scoped to the user; someone else's id is simply not found (404, not 403)."""
    try:
        return get(**kwargs)
    except ObjectDoesNotExist:
        raise Http404("Not found") from None


def add_core_error(form: forms.Form, error: ValidationError, *, within: str = "") -> None:
    """Put a core ValidationError on the form field it names (``knee_to_wall.left`` ->
    ``knee_to_wall__left``), or on the form as a whole when no field matches. ``within``:
    the document path of the fragment the service checked (``profile`` for the profile page,
    whose errors name ``age``, not ``profile.age``)."""
    path = ".".join(part for part in (within, error.field) if part)
    base = path.split("[", 1)[0]
    candidates = [path.replace(".", "__"), base.replace(".", "__"), path.rsplit(".", 1)[-1]]
    for name in candidates:
        if name in form.fields:
            form.add_error(name, error.problem)
            return
    form.add_error(None, error.problem)
