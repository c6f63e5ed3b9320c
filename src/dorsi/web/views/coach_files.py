"""What a coach opens or downloads of an athlete: the videos (annotated playback, files and
comparisons), the home-program handout (printable page and PDF) and the exports (JSON, CSV,
FHIR). Each goes through the live-link check and the access log first."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dorsi.core.errors import ValidationError
from dorsi.db.models import VideoStatus
from dorsi.services.coaching_exports import (
    client_export_csv,
    client_export_json,
    client_fhir_bundle,
    client_handout,
    client_handout_pdf,
)
from dorsi.services.video_compare import video_compare, video_compare_image
from dorsi.services.videos import (
    report_files_present,
    video_analyses_list,
    video_analysis_file,
    video_analysis_get,
)
from dorsi.web import video_facts
from dorsi.web.ranged import ranged_file_response
from dorsi.web.views.coach_client import client_context, client_or_404
from dorsi.web.views.common import AuthedRequest, owned


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Videos ------------------------------------------------------------------------------------


def _done(client: Any) -> list[Any]:
    return list(video_analyses_list(user=client).filter(status=VideoStatus.DONE))


@login_required
@require_GET
def client_videos(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "videos")
    analyses = list(video_analyses_list(user=client))
    return render(
        request,
        "dorsi/coach/videos.html",
        client_context(client, "videos", analyses=analyses, done=_done(client)),
    )


@login_required
@require_GET
def client_video(request: AuthedRequest, client_id: int, analysis_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "video")
    row = owned(video_analysis_get, user=client, id=analysis_id)
    context = client_context(client, "videos", analysis=row, files=report_files_present(row))
    if row.status == VideoStatus.DONE:
        context |= {
            "facts": video_facts.facts(row.summary or {}, row.height_cm),
            "reps": video_facts.rep_rows(row.summary or {}),
            "warnings": video_facts.warnings(row.summary or {}),
        }
    return render(request, "dorsi/coach/video.html", context)


@login_required
@require_GET
def client_video_file(
    request: AuthedRequest, client_id: int, analysis_id: int, name: str
) -> HttpResponseBase:
    client = client_or_404(request, client_id, "video_file")
    key, content_type = owned(video_analysis_file, user=client, id=analysis_id, name=name)
    return ranged_file_response(request, key, content_type)


@login_required
@require_GET
def client_video_compare(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "compare")
    context = client_context(client, "videos", done=_done(client))
    try:
        before, after = int(request.GET["before"]), int(request.GET["after"])
    except (KeyError, ValueError):
        return render(request, "dorsi/coach/compare.html", context)
    try:
        result = owned(video_compare, user=client, before_id=before, after_id=after)
    except ValidationError as error:
        context["error"] = error.problem
    else:
        context |= {"result": result, "rows": video_facts.metric_rows(result.metrics)}
    return render(request, "dorsi/coach/compare.html", context)


@login_required
@require_GET
def client_video_compare_png(
    request: AuthedRequest, client_id: int, before_id: int, after_id: int
) -> HttpResponseBase:
    client = client_or_404(request, client_id, "compare")
    try:
        key = owned(video_compare_image, user=client, before_id=before_id, after_id=after_id)
    except ValidationError:
        raise Http404("These two analyses cannot be compared") from None
    return ranged_file_response(request, key, "image/png")


# The handout -------------------------------------------------------------------------------


def _base_url(request: AuthedRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@require_GET
def client_handout_view(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "handout")
    handout = client_handout(
        coach=request.user, client=client, base_url=_base_url(request), today=timezone.localdate()
    )
    return render(
        request, "dorsi/coach/handout.html", client_context(client, "handout", handout=handout)
    )


@login_required
@require_GET
def client_handout_pdf_view(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "handout")
    body = client_handout_pdf(
        coach=request.user, client=client, base_url=_base_url(request), today=timezone.localdate()
    )
    if body is None:
        raise Http404("The athlete has no plan yet")
    return _download(body, "application/pdf", f"dorsi-handout-{client.get_username()}.pdf")


# Exports -----------------------------------------------------------------------------------


@login_required
@require_GET
def client_export_json_view(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "export_json")
    body = json.dumps(client_export_json(client=client), indent=1).encode()
    return _download(body, "application/json", f"dorsi-{client.get_username()}.json")


@login_required
@require_GET
def client_export_csv_view(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "export_csv")
    return _download(
        client_export_csv(client=client),
        "application/zip",
        f"dorsi-{client.get_username()}-csv.zip",
    )


@login_required
@require_GET
def client_fhir_view(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "export_fhir")
    body = json.dumps(client_fhir_bundle(client=client), indent=1).encode()
    return _download(body, "application/fhir+json", f"dorsi-{client.get_username()}-fhir.json")
