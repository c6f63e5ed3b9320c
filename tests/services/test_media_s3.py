"""Media in an S3-compatible object store (DORSI_MEDIA_STORAGE=s3, moto's server on loopback):
the upload, the worker's report files, the compare image, the export, delete and backups all go
through the storage API, and nothing lands in the local media folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile

from dorsi.db.models import VideoAnalysis, VideoStatus
from dorsi.services.accounts import user_delete
from dorsi.services.backup import backup_create, backup_restore
from dorsi.services.exports import export_bundle
from dorsi.services.media import media_chunks, media_local_path, media_read, media_walk
from dorsi.services.video_compare import video_compare, video_compare_image
from dorsi.services.videos import (
    REPORT_FILES,
    analysis_key,
    report_files_present,
    video_analysis_create,
    video_analysis_delete,
    video_analysis_document,
    video_analysis_file,
    video_analysis_run,
)
from dorsi.web.settings import media_storage
from tests.video_fixtures import s3_keys

pytestmark = pytest.mark.django_db
REPORT = {"analysis.json", *REPORT_FILES}


def analyse(user, clip_bytes: bytes, name: str = "my squat.mp4") -> VideoAnalysis:
    upload = SimpleUploadedFile(name, clip_bytes, content_type="video/mp4")
    return video_analysis_create(user=user, upload=upload, mode="squat", height_cm=175.0)


def test_media_live_in_the_object_store_only(user, clip_bytes, s3_media, settings, tmp_path):
    settings.DORSI_WORK_DIR = tmp_path / "work"
    row = analyse(user, clip_bytes)
    assert row.status == VideoStatus.DONE, row.error
    folder = analysis_key(row)
    assert s3_keys(s3_media) == {f"{folder}/{name}" for name in REPORT | {"source.mp4"}}
    assert media_local_path(folder) is None
    assert not (Path(settings.MEDIA_ROOT) / "videos" / str(user.pk)).exists()
    assert list((tmp_path / "work").rglob("*.*")) == []  # the worker's scratch copy is gone
    assert media_read(f"{folder}/source.mp4") == clip_bytes
    assert report_files_present(row) == set(REPORT_FILES)
    assert video_analysis_document(user=user, id=row.pk)["source"]["path"] == "my squat.mp4"
    key, content_type = video_analysis_file(user=user, id=row.pk, name="annotated.mp4")
    assert (key, content_type) == (f"{folder}/annotated.mp4", "video/mp4")
    [exported] = export_bundle(user=user)["videos"]
    assert exported["analysis"]["summary"] == row.summary["summary"]


def test_a_range_is_read_from_the_object_store(user, clip_bytes, s3_media) -> None:
    row = analyse(user, clip_bytes)
    key = f"{analysis_key(row)}/annotated.mp4"
    whole = s3_media.Object(key).get()["Body"].read()
    assert b"".join(media_chunks(key, 0, len(whole))) == whole
    assert b"".join(media_chunks(key, 100, 1000)) == whole[100:1100]
    assert b"".join(media_chunks(key, 5, 0)) == b""


def test_compare_and_delete_in_the_object_store(user, clip_bytes, s3_media) -> None:
    first, second = analyse(user, clip_bytes), analyse(user, clip_bytes, "again.mp4")
    assert video_compare(user=user, before_id=first.pk, after_id=second.pk).has_image
    image = video_compare_image(user=user, before_id=first.pk, after_id=second.pk)
    assert media_read(image)[:8] == b"\x89PNG\r\n\x1a\n"
    assert image in s3_keys(s3_media)
    video_analysis_delete(user=user, id=first.pk)
    left = s3_keys(s3_media)
    assert image not in left
    assert not any(key.startswith(analysis_key(first) + "/") for key in left)
    assert f"{analysis_key(second)}/annotated.mp4" in left
    user_delete(user=user)
    assert s3_keys(s3_media) == set()


def test_an_upload_gone_from_the_store_fails_in_words(user, clip_bytes, s3_media, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    row = analyse(user, clip_bytes)
    s3_media.objects.all().delete()
    assert video_analysis_run(analysis_id=row.pk, worker_id="w1") == VideoStatus.FAILED
    row.refresh_from_db()
    assert "no longer stored" in row.error


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_an_object_store_restores_its_files(user, clip_bytes, s3_media, tmp_path):
    row = analyse(user, clip_bytes)
    stored = {key: s3_media.Object(key).get()["Body"].read() for key in s3_keys(s3_media)}
    summary = backup_create(folder=tmp_path / "backup")
    assert summary.files == 1 + len(stored)  # the database and every stored file
    s3_media.objects.all().delete()
    s3_media.put_object(Key="videos/999/1/stray.txt", Body=b"not in the backup")
    backup_restore(folder=tmp_path / "backup")
    assert {key: s3_media.Object(key).get()["Body"].read() for key in s3_keys(s3_media)} == stored
    assert sorted(media_walk(analysis_key(row))) == sorted(REPORT | {"source.mp4"})


def test_media_storage_setting_reads_the_environment(tmp_path) -> None:
    local = media_storage({}, tmp_path)
    assert local["BACKEND"].endswith("FileSystemStorage")
    assert local["OPTIONS"]["location"] == tmp_path
    s3 = media_storage(
        {"DORSI_MEDIA_STORAGE": "s3", "DORSI_S3_BUCKET": "b", "DORSI_S3_PREFIX": "dorsi"}, tmp_path
    )
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (s3["OPTIONS"]["bucket_name"], s3["OPTIONS"]["location"]) == ("b", "dorsi")
    assert "access_key" not in s3["OPTIONS"]  # boto3 reads the keys from the environment
    with pytest.raises(ImproperlyConfigured, match="needs DORSI_S3_BUCKET"):
        media_storage({"DORSI_MEDIA_STORAGE": "s3"}, tmp_path)
    with pytest.raises(ImproperlyConfigured, match="local or s3, not 'ftp'"):
        media_storage({"DORSI_MEDIA_STORAGE": "ftp"}, tmp_path)
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")  # the default


def test_a_report_the_store_refuses_fails_the_analysis_on_our_side(
    user, clip_bytes, s3_media, settings, tmp_path, monkeypatch
) -> None:
    from dorsi.services import videos

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.DORSI_WORK_DIR = tmp_path / "work"
    row = analyse(user, clip_bytes)

    def refuse(name: str, content: object) -> None:
        raise OSError("the store is full")

    monkeypatch.setattr(videos, "media_save", refuse)
    assert video_analysis_run(analysis_id=row.pk, worker_id="w1") == VideoStatus.FAILED
    row.refresh_from_db()
    assert row.error == videos.UNEXPECTED_FAILURE
    assert list((tmp_path / "work").rglob("*.*")) == []
    assert s3_keys(s3_media) == set()
