"""Video analysis pages: upload, status (polled with htmx), result, files, compare, delete."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from dorsi.core.errors import ValidationError
from dorsi.core.thresholds import HEIGHT_RANGE
from dorsi.db.models import VideoStatus
from dorsi.services.accounts import profile_get
from dorsi.services.tracking import angle_retest_record, retest_record
from dorsi.services.video_compare import video_compare, video_compare_image
from dorsi.services.videos import (
    VIDEO_EXTENSIONS,
    report_files_present,
    video_analyses_list,
    video_analysis_create,
    video_analysis_delete,
    video_analysis_document,
    video_analysis_file,
    video_analysis_get,
    video_knee_to_wall_context,
)
from dorsi.video.model import UNCERTAINTY_DEG
from dorsi.web import video_facts
from dorsi.web.forms import DecimalCommaField
from dorsi.web.ranged import ranged_file_response
from dorsi.web.video_facts import MODE_WORDS
from dorsi.web.views.common import AuthedRequest, add_core_error, owned

MODES = list(MODE_WORDS.items())
SIDES = [
    ("auto", "Automatic: the side facing the camera (squat) or the front leg (knee-to-wall)"),
    ("left", "Left leg"),
    ("right", "Right leg"),
]
PENDING = (VideoStatus.QUEUED, VideoStatus.RUNNING)
# Queued or running this long: the task worker is probably not running (or was killed).
STUCK_QUEUED, STUCK_RUNNING = timedelta(minutes=2), timedelta(hours=1)


def _video_field(label: str, **attrs: str) -> forms.FileField:
    return forms.FileField(
        required=False,
        label=label,
        widget=forms.FileInput(attrs={"accept": "video/*," + ",".join(VIDEO_EXTENSIONS), **attrs}),
        error_messages={"empty": "The file is empty."},
    )


class VideoUploadForm(forms.Form):
    # On a phone the first opens the camera (rear camera) at once; the second picks a clip
    # already filmed. A computer shows two file choosers; either one will do.
    file = _video_field("Film it now (opens the camera on a phone)", capture="environment")
    existing = _video_field("Or choose a video already filmed, side-on")
    mode = forms.ChoiceField(
        choices=MODES, initial="squat", widget=forms.RadioSelect, label="What the video shows"
    )
    side = forms.ChoiceField(choices=SIDES, initial="auto", label="Leg to measure")
    height_cm = DecimalCommaField(
        required=False,
        min_value=HEIGHT_RANGE.low,
        max_value=HEIGHT_RANGE.high,
        label="Your height (cm)",
        help_text="Lets Dorsi give depth and heel lift in cm; without it they are in shank lengths.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("file") or data.get("existing")
        if chosen is None and "file" not in self.errors and "existing" not in self.errors:
            self.add_error("file", "Choose a video file to upload.")
        data["file"] = chosen
        return data


class CompareForm(forms.Form):
    before = forms.TypedChoiceField(coerce=int, label="Before")
    after = forms.TypedChoiceField(coerce=int, label="After")

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("before", "after"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices


def _finished_choices(user: Any) -> list[tuple[int, str]]:
    rows = video_analyses_list(user=user).filter(status=VideoStatus.DONE)
    return [
        (row.pk, f"{timezone.localtime(row.created_at):%d %b %Y %H:%M} · {row.original_filename}")
        for row in rows
    ]


@login_required
@require_http_methods(["GET", "POST"])
def video_list(request: AuthedRequest) -> HttpResponse:
    initial = {"height_cm": profile_get(user=request.user).height_cm}
    form = VideoUploadForm(
        request.POST if request.method == "POST" else None, request.FILES or None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = video_analysis_create(
                user=request.user,
                upload=data["file"],
                mode=data["mode"],
                side=data["side"],
                height_cm=data["height_cm"],
            )
        except ValidationError as error:
            add_core_error(form, error)
        else:
            return redirect("video_detail", analysis_id=row.pk)
    choices = _finished_choices(request.user)
    compare_form = None
    if len(choices) >= 2:
        compare_form = CompareForm(
            choices=choices, initial={"before": choices[1][0], "after": choices[0][0]}
        )
    return render(
        request,
        "dorsi/videos/list.html",
        {
            "form": form,
            "analyses": video_analyses_list(user=request.user),
            "nav": "video",
            "max_mb": round(settings.DORSI_VIDEO_MAX_BYTES / 2**20),
            "compare_form": compare_form,
        },
    )


def _detail_context(row: Any, user: Any = None) -> dict[str, Any]:
    now = timezone.now()
    stuck = (row.status == VideoStatus.QUEUED and now - row.created_at > STUCK_QUEUED) or (
        row.status == VideoStatus.RUNNING
        and row.started_at is not None
        and now - row.started_at > STUCK_RUNNING
    )
    context: dict[str, Any] = {
        "analysis": row,
        "pending": row.status in PENDING,
        "nav": "video",
        "stuck": stuck,
    }
    if row.status == VideoStatus.DONE:
        knee_to_wall = video_knee_to_wall_context(user=user, row=row) if user is not None else None
        context |= {
            "facts": video_facts.facts(row.summary, row.height_cm),
            "reps": video_facts.rep_rows(row.summary),
            "warnings": video_facts.warnings(row.summary),
            "knee_to_wall": knee_to_wall,
            "knee_to_wall_lines": video_facts.knee_to_wall_lines(
                knee_to_wall, row.summary.get("uncertainty_deg") or 5.0
            ),
        }
    return context


@login_required
@require_GET
def video_detail(request: AuthedRequest, analysis_id: int) -> HttpResponse:
    row = owned(video_analysis_get, user=request.user, id=analysis_id)
    context = _detail_context(row, request.user) | {"files": report_files_present(row)}
    return render(request, "dorsi/videos/detail.html", context)


@login_required
@require_POST
def video_retest(request: AuthedRequest, analysis_id: int) -> HttpResponse:
    """Save the video's knee-to-wall distance (``what=distance``) or its shin angle with the heel
    down (``what=angle``) as today's retest of the measured leg."""
    row = owned(video_analysis_get, user=request.user, id=analysis_id)
    context = video_knee_to_wall_context(user=request.user, row=row)
    if context is None:
        messages.error(request, "This analysis has no knee-to-wall distance to save.")
        return redirect("video_detail", analysis_id=row.pk)
    side = context["side"]
    today = timezone.localdate()
    try:
        if request.POST.get("what") == "angle":
            if context["tibia_deg"] is None:
                messages.error(request, "This analysis has no shin angle with the heel down.")
                return redirect("video_detail", analysis_id=row.pk)
            angle = round(float(context["tibia_deg"]), 1)
            angle_retest_record(
                user=request.user,
                when=today,
                left=angle if side == "left" else None,
                right=angle if side == "right" else None,
            )
            saved = f"Saved a {side} shin angle of {angle:g}° (± {UNCERTAINTY_DEG:g}°) as today's retest."
        else:
            distance = round(float(context["estimate"]["distance_cm"]), 1)
            retest_record(
                user=request.user,
                when=today,
                unit="cm",
                left=distance if side == "left" else None,
                right=distance if side == "right" else None,
            )
            saved = f"Saved {distance:g} cm as today's {side} knee-to-wall retest."
    except ValidationError as error:
        messages.error(request, f"Not saved: {error.problem}.")
        return redirect("video_detail", analysis_id=row.pk)
    messages.success(request, saved)
    return redirect("progress")


@login_required
@require_GET
def video_status(request: AuthedRequest, analysis_id: int) -> HttpResponse:
    """The status block, polled by htmx; once finished the page reloads to show the result."""
    row = owned(video_analysis_get, user=request.user, id=analysis_id)
    if row.status not in PENDING and request.htmx:
        return HttpResponseClientRefresh()
    return render(request, "dorsi/videos/_status.html", _detail_context(row))


@login_required
@require_GET
def video_file(request: AuthedRequest, analysis_id: int, name: str) -> HttpResponseBase:
    """annotated.mp4 (with Range support for Safari and seeking), angles.png, frames.csv."""
    key, content_type = owned(video_analysis_file, user=request.user, id=analysis_id, name=name)
    filename = f"dorsi-video-{analysis_id}-{name}" if name == "frames.csv" else None
    return ranged_file_response(request, key, content_type, filename=filename)


@login_required
@require_GET
def video_json(request: AuthedRequest, analysis_id: int) -> HttpResponse:
    document = owned(video_analysis_document, user=request.user, id=analysis_id)
    response = JsonResponse(document, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = (
        f'attachment; filename="dorsi-video-{analysis_id}-analysis.json"'
    )
    return response


@login_required
@require_POST
def video_delete(request: AuthedRequest, analysis_id: int) -> HttpResponse:
    if request.POST.get("confirm") != "on":
        owned(video_analysis_get, user=request.user, id=analysis_id)  # 404 before anything else
        messages.error(request, "Nothing was deleted: tick the box to confirm.")
        return redirect("video_detail", analysis_id=analysis_id)
    owned(video_analysis_delete, user=request.user, id=analysis_id)
    messages.success(request, "The analysis and its video files are deleted.")
    return redirect("video_list")


@login_required
@require_GET
def video_compare_view(request: AuthedRequest) -> HttpResponse:
    choices = _finished_choices(request.user)
    chosen = "before" in request.GET and "after" in request.GET
    # Newest first: by default the latest video is "after" and the one before it "before".
    defaults = {
        "before": choices[1][0] if len(choices) > 1 else None,
        "after": choices[0][0] if choices else None,
    }
    form = CompareForm(
        request.GET if chosen else None,
        choices=choices,
        initial=defaults | {key: request.GET[key] for key in defaults if key in request.GET},
    )
    context: dict[str, Any] = {"form": form, "enough": len(choices) >= 2, "nav": "video"}
    if chosen and form.is_valid():
        # The service looks the ids up among the user's rows: someone else's id is a 404.
        try:
            result = owned(
                video_compare,
                user=request.user,
                before_id=form.cleaned_data["before"],
                after_id=form.cleaned_data["after"],
            )
        except ValidationError as error:
            add_core_error(form, error)
        else:
            context |= {"result": result, "rows": video_facts.metric_rows(result.metrics)}
    elif chosen:
        _raise_if_foreign(request)
    return render(request, "dorsi/videos/compare.html", context)


def _raise_if_foreign(request: HttpRequest) -> None:
    """An id the choices refused: a 404 if it is not even the user's (a 403 would tell it exists)."""
    for key in ("before", "after"):
        value = request.GET.get(key, "")
        if value.isdigit():
            owned(video_analysis_get, user=request.user, id=int(value))


@login_required
@require_GET
def video_compare_png(request: AuthedRequest, before_id: int, after_id: int) -> HttpResponseBase:
    try:
        key = owned(video_compare_image, user=request.user, before_id=before_id, after_id=after_id)
    except ValidationError:
        return HttpResponse(
            "These two analyses cannot be compared.", status=404, content_type="text/plain"
        )
    return ranged_file_response(request, key, "image/png")
