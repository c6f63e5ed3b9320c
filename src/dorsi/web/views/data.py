"""Export, import, the calendar feed settings and its public .ics URL."""

from __future__ import annotations

from functools import cache
from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from dorsi.core.errors import ValidationError
from dorsi.db.models import Assessment, ExportStatus
from dorsi.services.accounts import profile_get
from dorsi.services.calendar_feed import (
    calendar_feed_create,
    calendar_feed_get,
    calendar_feed_revoke,
    calendar_ics,
    reminder_set,
)
from dorsi.services.exports import (
    export_filename,
    export_get,
    export_import_json,
    export_list,
    export_request,
)
from dorsi.web.views.common import AuthedRequest, owned

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label="A dorsi.export/v1 JSON file")
    replace = forms.BooleanField(
        required=False, label="Replace all the data of this account with the file's"
    )


@login_required
@require_http_methods(["GET", "POST"])
def data(request: AuthedRequest) -> HttpResponse:
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    has_data = Assessment.objects.filter(user=request.user).exists()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if has_data and not form.cleaned_data["replace"]:
            form.add_error("replace", "Your account already has data: tick the box to replace it.")
        elif upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", "The file is larger than 20 MB.")
        else:
            try:
                counts = export_import_json(user=request.user, raw=upload.read())
            except ValidationError as error:
                form.add_error("file", f"Nothing was imported. {error}")
            else:
                messages.success(
                    request,
                    "Imported {assessments} assessments, {plans} plans, {sessions} sessions "
                    "and {retests} retests.".format(**counts),
                )
                return redirect("data")
    return render(
        request,
        "dorsi/data.html",
        {
            "form": form,
            "exports": export_list(user=request.user),
            "has_data": has_data,
            "nav": "data",
        },
    )


@login_required
@require_POST
def export_start(request: AuthedRequest) -> HttpResponse:
    try:
        row = export_request(user=request.user, fmt=request.POST.get("format", "json"))
    except ValidationError as error:
        messages.error(request, error.problem)
        return redirect("data")
    if request.htmx:
        return render(request, "dorsi/_export_row.html", {"export": row})
    if row.status == ExportStatus.READY:
        return redirect("export_download", export_id=row.pk)
    messages.info(request, "Your export is being prepared; refresh this page in a moment.")
    return redirect("data")


@login_required
@require_GET
def export_status(request: AuthedRequest, export_id: int) -> HttpResponse:
    row = owned(export_get, user=request.user, export_id=export_id)
    response = render(request, "dorsi/_export_row.html", {"export": row})
    if row.status != ExportStatus.PENDING:
        trigger_client_event(response, "export-finished")
    return response


@login_required
@require_GET
def export_download(request: AuthedRequest, export_id: int) -> HttpResponse:
    row = owned(export_get, user=request.user, export_id=export_id)
    if row.status != ExportStatus.READY or row.content is None:
        raise Http404("This export is not ready")
    content_type = "application/json" if row.format == "json" else "application/zip"
    response = HttpResponse(bytes(row.content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{export_filename(row)}"'
    response["Cache-Control"] = "no-store"
    return response


@cache
def _zones() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_timezones())]


class ReminderForm(forms.Form):
    at = forms.TimeField(
        label="Reminder time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Give a time like 07:30."},
    )
    zone = forms.ChoiceField(required=False, label="Time zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["zone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "My phone's own time zone"), *_zones()]


def _reminder(request: AuthedRequest) -> ReminderForm:
    """The reminder settings from the posted form (saved when valid), or the stored ones."""
    profile = profile_get(user=request.user)
    initial = {"at": profile.reminder_time, "zone": profile.time_zone}
    if request.POST.get("action") != "reminder":
        return ReminderForm(initial=initial)
    form = ReminderForm(request.POST, initial=initial)
    if form.is_valid():
        try:
            reminder_set(
                user=request.user, at=form.cleaned_data["at"], zone=form.cleaned_data["zone"]
            )
        except ValidationError as error:
            form.add_error("zone", error.problem)
        else:
            messages.success(request, "Reminder time saved; subscribed calendars pick it up.")
    return form


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed(request: AuthedRequest) -> HttpResponse:
    reminder = _reminder(request)
    if request.method == "POST" and request.POST.get("action") == "reminder":
        if reminder.is_valid() and not reminder.errors:
            return redirect("calendar_feed")
    elif request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_feed_revoke(user=request.user)
            messages.success(
                request, "The calendar link is revoked; calendars subscribed to it stop updating."
            )
        else:
            calendar_feed_create(user=request.user)
            messages.success(
                request, "New private calendar link created; any older link no longer works."
            )
        return redirect("calendar_feed")
    feed = calendar_feed_get(user=request.user)
    url = webcal = None
    if feed is not None:
        url = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
        webcal = "webcal://" + url.split("://", 1)[1]
    return render(
        request,
        "dorsi/calendar.html",
        {"feed": feed, "url": url, "webcal": webcal, "nav": "calendar", "reminder": reminder},
    )


@require_GET
def calendar_ics_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: the long random token is the credential (calendar apps cannot log in)."""
    body = calendar_ics(token=token, base_url=request.build_absolute_uri("/").rstrip("/"))
    if body is None:
        raise Http404("Unknown calendar")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dorsi.ics"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response
