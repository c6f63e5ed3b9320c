"""The video pages with media in an object store (DORSI_MEDIA_STORAGE=s3, moto's server): the
upload goes to the bucket, and the annotated video is served by Dorsi itself with HTTP Range
(206 for Safari, 416 past the end), read a range at a time from the store."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dorsi.db.models import VideoAnalysis, VideoStatus
from dorsi.services.videos import analysis_key
from tests.video_fixtures import s3_keys

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_files_in_an_object_store_are_served_with_ranges(ana, user, clip_bytes, s3_media):
    upload = SimpleUploadedFile("squat.mp4", clip_bytes, content_type="video/mp4")
    ana.post("/videos/", {"file": upload, "mode": "squat", "side": "auto", "height_cm": "175"})
    row = VideoAnalysis.objects.get(user=user)
    assert row.status == VideoStatus.DONE, row.error
    key = f"{analysis_key(row)}/annotated.mp4"
    assert key in s3_keys(s3_media)
    whole = s3_media.Object(key).get()["Body"].read()
    url = f"/videos/{row.pk}/files/annotated.mp4"
    full = ana.get(url)
    assert (full.status_code, full["Content-Length"], body(full)) == (200, str(len(whole)), whole)
    part = ana.get(url, HTTP_RANGE="bytes=0-1")
    assert (part.status_code, part["Content-Range"]) == (206, f"bytes 0-1/{len(whole)}")
    assert body(part) == whole[:2]
    tail = ana.get(url, HTTP_RANGE="bytes=-10")
    assert body(tail) == whole[-10:]
    assert ana.get(url, HTTP_RANGE=f"bytes={len(whole)}-").status_code == 416
    image = ana.get(f"/videos/{row.pk}/files/angles.png")
    assert body(image)[:8] == b"\x89PNG\r\n\x1a\n"
    assert ana.get(f"/videos/{row.pk}/").status_code == 200
