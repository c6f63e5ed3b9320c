"""Sharing with a coach, from both sides: the athlete's sharing page (who sees what, stop at once,
the access log, the notes threads), invitations both ways, the role switch, and the coach's
home (the client list, most in need of attention first)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dorsi.core.errors import ValidationError
from dorsi.db.models import Role
from dorsi.services.coaching import (
    SHARED_DATA,
    access_log,
    access_log_days,
    client_invite_accept,
    client_invite_create,
    coach_invite_accept,
    coach_invite_create,
    coach_link_revoke,
    coach_links_of_client,
    coach_pending_invites,
    invite_coach_name,
    is_coach,
    role_set,
)
from dorsi.services.coaching_clients import FILTERS, coach_client_list
from dorsi.services.coaching_notes import athlete_coach_get, note_post, note_thread
from dorsi.services.coaching_plans import plan_edit_history
from dorsi.web.limits import INVITE_PER_ACCOUNT, INVITE_PER_ADDRESS, reached
from dorsi.web.views.common import AuthedRequest, owned

# The athlete's side ------------------------------------------------------------------------


@login_required
@require_GET
def sharing(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "dorsi/coach/sharing.html",
        {
            "links": coach_links_of_client(client=request.user),
            "shared": SHARED_DATA,
            "log": access_log(client=request.user, limit=100),
            "log_days": access_log_days(),
            "changes": plan_edit_history(client=request.user),
            "nav": "sharing",
        },
    )


@login_required
@require_POST
def sharing_code(request: AuthedRequest) -> HttpResponse:
    link = coach_invite_create(client=request.user)
    messages.success(request, f"Code for your coach: {link.code}. It works once.")
    return redirect("sharing")


def _too_many_codes(request: AuthedRequest) -> str | None:
    """Trying codes is rate-limited per account and per address (codes are short)."""
    limit = reached(request, INVITE_PER_ACCOUNT, INVITE_PER_ADDRESS, count=True)
    return None if limit is None else limit.advice


def _accept_as_athlete(request: AuthedRequest, code: str) -> HttpResponse:
    if advice := _too_many_codes(request):
        messages.error(request, advice)
        return redirect("sharing")
    try:
        link = client_invite_accept(client=request.user, code=code)
    except ValidationError as error:
        messages.error(request, f"Invitation code: {error.problem}.")
        return redirect("sharing")
    assert link.coach is not None  # an accepted link has both sides
    messages.success(
        request,
        f"{link.coach.get_username()} can now see your data, as listed below. "
        "You can stop sharing at any time.",
    )
    return redirect("sharing")


@login_required
@require_POST
def sharing_accept(request: AuthedRequest) -> HttpResponse:
    return _accept_as_athlete(request, request.POST.get("code", ""))


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthedRequest, code: str) -> HttpResponse:
    """The page a coach's invitation link opens: who invites, what they would see, accept."""
    if request.method == "POST":
        return _accept_as_athlete(request, code)
    return render(
        request,
        "dorsi/coach/join.html",
        {"code": code, "coach_name": invite_coach_name(code=code), "shared": SHARED_DATA},
    )


@login_required
@require_POST
def link_revoke(request: AuthedRequest, link_id: int) -> HttpResponse:
    owned(coach_link_revoke, user=request.user, link_id=link_id)
    if is_coach(user=request.user):
        messages.success(request, "Done: that link no longer works.")
        return redirect("coach_home")
    messages.success(request, "Sharing stopped: that coach no longer sees any of your data.")
    return redirect("sharing")


@login_required
@require_http_methods(["GET", "POST"])
def sharing_notes(request: AuthedRequest, link_id: int) -> HttpResponse:
    coach = owned(athlete_coach_get, client=request.user, link_id=link_id)
    error = ""
    if request.method == "POST":
        try:
            note_post(
                author=request.user,
                client=request.user,
                coach=coach,
                text=request.POST.get("text", ""),
                reply_url=request.build_absolute_uri(
                    reverse("coach_client_notes", args=[request.user.pk])
                ),
            )
        except ValidationError as problem:
            error = problem.problem
        else:
            return redirect("sharing_notes", link_id=link_id)
    return render(
        request,
        "dorsi/coach/notes.html",
        {
            "thread": note_thread(client=request.user, coach=coach),
            "other": coach.get_username(),
            "error": error,
            "back": reverse("sharing"),
            "nav": "sharing",
        },
    )


@login_required
@require_POST
def role_switch(request: AuthedRequest) -> HttpResponse:
    try:
        role = role_set(user=request.user, role=request.POST.get("role", ""))
    except ValidationError as error:
        messages.error(request, error.problem)
        return redirect("profile")
    if role is Role.COACH:
        messages.success(request, "Your account is now a coach or physiotherapist account.")
        return redirect("coach_home")
    messages.success(request, "Your account is now an athlete account.")
    return redirect("home")


# The coach's side --------------------------------------------------------------------------


@login_required
@require_GET
def coach_home(request: AuthedRequest) -> HttpResponse:
    if not is_coach(user=request.user):
        return redirect("sharing")
    listing = coach_client_list(
        coach=request.user,
        concern=request.GET.get("concern", "all"),
        query=request.GET.get("q", "")[:100],
        today=timezone.localdate(),
    )
    invites = [
        (link, request.build_absolute_uri(reverse("join", args=[link.code])))
        for link in coach_pending_invites(coach=request.user)
    ]
    return render(
        request,
        "dorsi/coach/home.html",
        {"listing": listing, "filters": FILTERS, "invites": invites, "nav": "coach"},
    )


@login_required
@require_POST
def coach_invite(request: AuthedRequest) -> HttpResponse:
    try:
        link = client_invite_create(coach=request.user)
    except ValidationError as error:
        messages.error(request, error.problem)
        return redirect("sharing")
    url = request.build_absolute_uri(reverse("join", args=[link.code]))
    messages.success(request, f"Send this link to your athlete: {url} (or the code {link.code}).")
    return redirect("coach_home")


@login_required
@require_POST
def coach_accept(request: AuthedRequest) -> HttpResponse:
    if advice := _too_many_codes(request):
        messages.error(request, advice)
        return redirect("coach_home")
    try:
        link = coach_invite_accept(coach=request.user, code=request.POST.get("code", ""))
    except ValidationError as error:
        messages.error(request, f"Invitation code: {error.problem}.")
    else:
        assert link.client is not None  # an accepted link has both sides
        messages.success(request, f"{link.client.get_username()} now shares their data with you.")
    return redirect("coach_home")
