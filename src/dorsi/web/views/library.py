"""The exercise library and the assessment tests, each with its drawing and how-to."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dorsi.core.assessment.howto import HOWTOS, howto_named
from dorsi.core.library.exercises import load_library


@require_GET
def exercise_list(request: HttpRequest) -> HttpResponse:
    library = load_library()
    purpose = request.GET.get("purpose", "")
    exercises = [e for e in library if not purpose or purpose in {str(p) for p in e.purpose}]
    purposes = sorted({str(p) for e in library for p in e.purpose})
    return render(
        request,
        "dorsi/library/list.html",
        {
            "exercises": exercises,
            "purposes": purposes,
            "purpose": purpose,
            "tests": HOWTOS,
            "nav": "library",
        },
    )


@require_GET
def exercise_detail(request: HttpRequest, exercise_id: str) -> HttpResponse:
    library = load_library()
    if exercise_id not in library:
        raise Http404("No such exercise")
    exercise = library.get(exercise_id)
    return render(
        request,
        "dorsi/library/detail.html",
        {
            "exercise": exercise,
            "regression": library.regression_of(exercise_id),
            "progression": library.progression_of(exercise_id),
            "nav": "library",
        },
    )


@require_GET
def test_detail(request: HttpRequest, test_id: str) -> HttpResponse:
    """A test's full how-to: the same steps, notes and stop rule as in the assessment."""
    howto = howto_named(test_id)
    if howto is None:
        raise Http404("No such test")
    return render(request, "dorsi/library/test.html", {"howto": howto, "nav": "library"})


@require_GET
def sources(request: HttpRequest) -> HttpResponse:
    """Every source with its grade in words and full reference (open to anyone)."""
    from dorsi.formats.sources import INTRO, grade_lines, source_groups

    return render(
        request,
        "dorsi/sources.html",
        {"intro": INTRO, "grades": grade_lines(), "groups": source_groups(), "nav": "sources"},
    )
