"""The exercise library and the assessment tests, each with its drawing."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dorsi.core.library.exercises import load_library

TESTS = (
    (
        "knee_to_wall",
        "Knee-to-wall test (standing)",
        "Heel down, knee to the wall over the second toe; measure big toe to wall. Best of three, each side.",
        ("knee_to_wall",),
    ),
    (
        "knee_to_wall_half_kneeling",
        "Knee-to-wall test (half-kneeling)",
        "The same test with the back knee on the floor. Its own scale: never mixed with standing results.",
        ("knee_to_wall_half_kneeling",),
    ),
    (
        "wb_angle",
        "Lunge angle",
        "A phone inclinometer on the shin, about 15 cm below the knee, during the lunge gives the shin angle.",
        ("wb_angle",),
    ),
    (
        "goniometer",
        "Goniometer",
        "Non-weight-bearing range with the knee straight and bent, usually measured by a professional.",
        ("goniometer_knee_straight", "goniometer_knee_bent"),
    ),
    (
        "three_position",
        "Three-position test",
        "Straight-knee stretch, bent-knee stretch and deep squat: which one is restricted points at the tissue.",
        ("three_position_straight_knee", "three_position_bent_knee", "three_position_deep_squat"),
    ),
    (
        "squat_screen",
        "Overhead squat screen",
        "Squat with arms overhead, then with the heels on a 2 cm lift; does the lift help?",
        ("squat_screen", "heel_lift"),
    ),
)


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
            "tests": TESTS,
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
    match = next((test for test in TESTS if test[0] == test_id), None)
    if match is None:
        raise Http404("No such test")
    return render(
        request,
        "dorsi/library/test.html",
        {
            "key": match[0],
            "title": match[1],
            "text": match[2],
            "figures": match[3],
            "nav": "library",
        },
    )
