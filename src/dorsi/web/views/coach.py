"""Coach sharing: invite, accept, revoke, and the coach's read-only view of a client."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from dorsi.core.errors import ValidationError
from dorsi.services.accounts import profile_get
from dorsi.services.assessments import assessment_latest
from dorsi.services.coaching import (
    coach_client_get,
    coach_clients,
    coach_invite_accept,
    coach_invite_create,
    coach_link_revoke,
    coach_links_of_client,
)
from dorsi.services.progress import progress_document
from dorsi.web.views.common import AuthedRequest, owned


@login_required
@require_GET
def coach_home(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "dorsi/coach/home.html",
        {
            "links": coach_links_of_client(client=request.user),
            "clients": coach_clients(coach=request.user),
            "nav": "coach",
        },
    )


@login_required
@require_POST
def coach_invite(request: AuthedRequest) -> HttpResponse:
    link = coach_invite_create(client=request.user)
    messages.success(
        request, f"Invitation code: {link.code}. Give it to your coach; it works once."
    )
    return redirect("coach_home")


@login_required
@require_POST
def coach_accept(request: AuthedRequest) -> HttpResponse:
    try:
        link = coach_invite_accept(coach=request.user, code=request.POST.get("code", ""))
    except ValidationError as error:
        messages.error(request, f"Invitation code: {error.problem}.")
    else:
        messages.success(request, f"You now follow {link.client.get_username()} (read-only).")
    return redirect("coach_home")


@login_required
@require_POST
def coach_revoke(request: AuthedRequest, link_id: int) -> HttpResponse:
    owned(coach_link_revoke, user=request.user, link_id=link_id)
    messages.success(request, "Sharing stopped.")
    return redirect("coach_home")


@login_required
@require_GET
def coach_client(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = owned(coach_client_get, coach=request.user, client_id=client_id)
    latest = assessment_latest(user=client)
    document = progress_document(user=client, today=timezone.localdate())
    return render(
        request,
        "dorsi/coach/client.html",
        {
            "client": client,
            "latest": latest,
            "report": latest.report if latest else None,
            "doc": document,
            "units": profile_get(user=client).units,
            "sides": [(side, document["sides"][side]) for side in ("left", "right")]
            if document
            else [],
            "nav": "coach",
        },
    )
