"""Rate limits at the edge: guessing passwords, flooding reset emails, mass sign-ups and
trying invitation codes. Counts live in the shared Django cache (the database cache by
default, Redis when configured), so every web process on every host sees the same counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import get_usage


def _address(group: str, request: HttpRequest) -> str:
    """The client's network address (behind the proxy, waitress sets it from X-Forwarded-For);
    empty when a server did not say, so counting never fails a request."""
    return str(request.META.get("REMOTE_ADDR", ""))


def _username(group: str, request: HttpRequest) -> str:
    return request.POST.get("username", "").strip().lower()


def _email(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def _account(group: str, request: HttpRequest) -> str:
    return str(request.user.pk)


@dataclass(frozen=True)
class Limit:
    group: str
    count: int
    minutes: int
    key: object  # what is counted: a function of the request

    @property
    def rate(self) -> str:
        return f"{self.count}/{self.minutes}m"

    @property
    def advice(self) -> str:
        return f"Too many attempts. Wait {self.minutes} minutes and try again."


LOGIN_PER_ACCOUNT = Limit("login-account", 5, 15, _username)
LOGIN_PER_ADDRESS = Limit("login-address", 20, 15, _address)
RESET_PER_EMAIL = Limit("reset-email", 3, 60, _email)
RESET_PER_ADDRESS = Limit("reset-address", 10, 60, _address)
SIGNUP_PER_ADDRESS = Limit("signup-address", 10, 60, _address)
INVITE_PER_ACCOUNT = Limit("invite-account", 10, 60, _account)
INVITE_PER_ADDRESS = Limit("invite-address", 30, 60, _address)


def reached(request: HttpRequest, *limits: Limit, count: bool) -> Limit | None:
    """The first limit this request is over (``count``: this request counts as an attempt)."""
    hit = None
    for limit in limits:
        usage = get_usage(
            request,
            group=limit.group,
            key=limit.key,
            rate=limit.rate,
            method=ALL,
            increment=count,
        )
        if usage is None or hit is not None:
            continue
        # Counting this request: over once it is one too many. Only checking: over once the
        # attempts already made reach the limit.
        if usage["should_limit"] if count else usage["count"] >= limit.count:
            hit = limit
    return hit
