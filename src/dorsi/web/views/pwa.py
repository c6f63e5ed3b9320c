"""Dorsi as an installable web app: the manifest and the service worker. The worker is served
from the site root (not /static/) so its scope covers every page; it lists the static files to
keep, by their served URLs, and its cache name follows their content so a new release replaces
the old cache."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# What a session page needs offline (the figures are inline SVG in the page itself).
OFFLINE_STATIC = (
    "vendor/pico/pico.min.css",
    "vendor/htmx/htmx.min.js",
    "dorsi/app.css",
    "dorsi/app.js",
    "dorsi/session.css",
    "dorsi/session.js",
    "dorsi/pwa.js",
    "dorsi/icon-192.png",
    "dorsi/icon-512.png",
)
ICON_SIZES = (192, 512)
THEME_COLOUR = "#0f5c63"


@cache
def _version() -> str:
    digest = hashlib.sha256()
    for name in OFFLINE_STATIC:
        found = finders.find(name)
        if isinstance(found, str):
            digest.update(Path(found).read_bytes())
    return digest.hexdigest()[:16]


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    urls = [static(name) for name in OFFLINE_STATIC]
    body = render_to_string(
        "dorsi/pwa/sw.js", {"version": _version(), "static_urls": json.dumps(urls)}
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> JsonResponse:
    document = {
        "name": "Dorsi: ankle mobility",
        "short_name": "Dorsi",
        "description": "A daily ankle-dorsiflexion plan with guided sessions.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": static(f"dorsi/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in ICON_SIZES
        ],
    }
    return JsonResponse(document, content_type="application/manifest+json")
