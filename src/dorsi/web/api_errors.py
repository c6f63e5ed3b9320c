"""The API's error answers: one JSON shape per kind, documented on every route.

- 400 ``Message``: a body that cannot be read as JSON (unsafe methods)
- 401 ``Message``: not logged in; 403 ``Message``: CSRF check failed (unsafe methods)
- 404 ``Message``: no such object among the user's own (someone else's id included)
- 403 ``Message`` also: a route for another kind of account (an athlete at a coach's route)
- 409 ``Held``: the plan is held by red flags until a professional clears the user
- 429 ``Message``: too many attempts (invitation codes)
- 422 ``Invalid``: a value the rules refuse, each entry naming its field
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict


class Message(Schema):
    detail: str


class FieldError(Schema):
    """One refused value: ``loc`` is its path (``["body", "knee_to_wall", "left"]``), ``field``
    the same path as the core writes it (``knee_to_wall.left``)."""

    model_config = ConfigDict(extra="allow")
    loc: list[str | int]
    msg: str
    type: str
    field: str | None = None


class Invalid(Schema):
    detail: list[FieldError]


class Held(Schema):
    detail: str
    reasons: list[str]


def answers(
    ok: dict[int, Any],
    *,
    unsafe: bool = False,
    forbidden: bool = False,
    not_found: bool = False,
    conflict: type[Schema] | None = None,
    limited: bool = False,
) -> dict[int, Any]:
    """``ok`` plus the error answers this route can give, for the route's ``response=``."""
    out: dict[int, Any] = dict(ok) | {401: Message, 422: Invalid}
    if unsafe:
        out[400] = Message  # a body that is not JSON at all
    if unsafe or forbidden:
        out[403] = Message  # CSRF, or a route for another kind of account
    if not_found:
        out[404] = Message
    if limited:
        out[429] = Message
    if conflict is not None:
        out[409] = conflict
    return out
