"""Response headers every page gets: no caching of anything personal, and a Permissions-Policy
that lets only Dorsi's own pages use the camera (filming a test) and the motion sensors (the
phone inclinometer). And under /api/, every error answer is JSON, whoever produced it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase

PERMISSIONS_POLICY = ", ".join(
    [
        "camera=(self)",
        "accelerometer=(self)",
        "gyroscope=(self)",
        "magnetometer=(self)",
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
    ]
)
# Pages and API answers of a logged-in user hold health data: never stored by a browser
# cache or a proxy. Files (annotated videos) keep their own private caching for seeking.
NO_STORE_TYPES = ("text/html", "application/json")


class PrivacyHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _personal(request) and response.get("Content-Type", "").startswith(NO_STORE_TYPES):
            response["Cache-Control"] = "no-store"
        return response


def _personal(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated) or request.path.startswith("/api/")


class ApiJsonErrorsMiddleware:
    """Errors that never reach the API's own handlers (an unknown route, a method a route does
    not take, a server error) answer ``{"detail": ...}`` like every other API error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            answer = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response
