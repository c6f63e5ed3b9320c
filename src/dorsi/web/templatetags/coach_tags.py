"""Template helpers of the coach's pages: the role of the logged-in user."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def is_coach(user: Any) -> bool:
    """True for a coach or physiotherapist account (their menu and home differ)."""
    from dorsi.services.coaching import is_coach as role_is_coach

    return bool(getattr(user, "is_authenticated", False)) and role_is_coach(user=user)


@register.simple_tag(takes_context=True)
def day_url(context: template.Context, when: Any) -> str:
    """A plan day's page: the athlete's guided session, or on a coach's page that athlete's day."""
    client = context.get("coach_client")
    if client is not None:
        return reverse("coach_client_day", args=[client.pk, when.isoformat()])
    return reverse("session", args=[when.isoformat()])


@register.simple_tag(takes_context=True)
def video_file_url(context: template.Context, analysis: Any, name: str) -> str:
    """A video report file, through the athlete's own view or the coach's (checked) one."""
    client = context.get("coach_client")
    if client is not None:
        return reverse("coach_client_video_file", args=[client.pk, analysis.pk, name])
    return reverse("video_file", args=[analysis.pk, name])


@cache
def _client_prefix() -> str:
    return reverse("coach_client", args=[1]).removesuffix("1/")


@register.filter
def client_href(client_id: int) -> str:
    """An athlete's page on the coach's list (200 rows: one reverse() for all of them)."""
    return f"{_client_prefix()}{int(client_id)}/"
