"""File responses with HTTP Range support (RFC 9110 §14), which Django's FileResponse lacks.

The file is read through the media storage (``dorsi.services.media``): from this machine's
disk or, a range at a time, from the object store, so any web host serves any file and the
browser still talks to Dorsi only (same origin, the same login, no signed URL to leak).

Safari and iOS refuse to play a <video> whose server ignores ``Range: bytes=0-1``, and every
browser needs ranges to seek. One range is answered with 206 and its part of the file; several
ranges (rare, and only an optimisation for the client) get the whole file with 200, which the
RFC allows; a range past the end gets 416.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from dorsi.services.media import media_chunks, media_size

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    """The range starts past the end of the file (answered with 416)."""


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The inclusive byte span asked for, or None to send the whole file (no header, or not one
    usable range); RangeNotSatisfiable when it lies outside the file."""
    match = _RANGE.match(header.replace(" ", ""))
    if match is None:
        return None  # absent, malformed, another unit, or several ranges: ignore it
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "bytes=-500": the last 500 bytes
        if int(last) == 0 or size == 0:
            raise RangeNotSatisfiable(header)
        return max(size - int(last), 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid: the RFC says to ignore it
    if start >= size:
        raise RangeNotSatisfiable(header)
    return start, size - 1 if not last else min(int(last), size - 1)


def ranged_file_response(
    request: HttpRequest, name: str, content_type: str, *, filename: str | None = None
) -> HttpResponse | StreamingHttpResponse:
    """The stored file ``name`` (a media storage key), whole or the one range asked for."""
    size = media_size(name)
    response: HttpResponse | StreamingHttpResponse
    try:
        span = parse_range(request.headers.get("Range", ""), size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if span is None:
        response = StreamingHttpResponse(media_chunks(name, 0, size), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = span
        response = StreamingHttpResponse(
            media_chunks(name, start, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=3600"
    disposition = None if filename is None else content_disposition_header(True, filename)
    if disposition is not None:
        response["Content-Disposition"] = disposition
    return response
