"""Backups: everything comes back after a restore (accounts, assessments, plans, logs, video
files), on SQLite and on PostgreSQL; a damaged or foreign backup is refused in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dorsi.core.errors import ValidationError
from dorsi.db.models import Assessment, Plan, Retest, VideoAnalysis
from dorsi.services.accounts import user_delete
from dorsi.services.backup import backup_create, backup_restore
from dorsi.services.plans import plan_create
from dorsi.services.tracking import retest_record
from tests.django_support import TODAY, assessment_document, make_user
from tests.video_fixtures import analysis_dir

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("video_settings")]


def _someone_with_everything(finished_analysis) -> tuple[int, bytes]:
    from dorsi.services.assessments import assessment_create

    user = make_user("carla")
    row = assessment_create(user=user, document=assessment_document(), today=TODAY)
    plan_create(user=user, assessment_id=row.pk, start=TODAY, today=TODAY)
    retest_record(user=user, when=TODAY, unit="cm", left=8.0, right=10.5, today=TODAY)
    video = finished_analysis(user)
    return user.pk, (analysis_dir(video) / "annotated.mp4").read_bytes()


def test_a_restore_brings_back_every_row_and_file(tmp_path: Path, finished_analysis) -> None:
    user_id, annotated = _someone_with_everything(finished_analysis)
    summary = backup_create(folder=tmp_path / "backup")
    assert summary.files >= 6  # the database, four report files and the upload at least
    from django.contrib.auth.models import User

    user_delete(user=User.objects.get(pk=user_id))
    assert not Assessment.objects.exists()
    backup_restore(folder=tmp_path / "backup")
    assert User.objects.get(pk=user_id).username == "carla"
    assert (Assessment.objects.count(), Plan.objects.count(), Retest.objects.count()) == (1, 1, 1)
    video = VideoAnalysis.objects.get(user_id=user_id)
    assert (analysis_dir(video) / "annotated.mp4").read_bytes() == annotated


def test_a_backup_needs_a_new_folder(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "file").write_text("x")
    with pytest.raises(ValidationError) as error:
        backup_create(folder=tmp_path / "old")
    assert "is not empty" in error.value.problem


def test_a_damaged_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    make_user("dora")
    backup_create(folder=tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    damaged = tmp_path / "backup" / manifest["files"][0]["path"]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    with pytest.raises(ValidationError) as error:
        backup_restore(folder=tmp_path / "backup")
    assert "missing or damaged" in error.value.problem


def test_a_backup_of_the_other_database_is_refused(tmp_path: Path) -> None:
    backup_create(folder=tmp_path / "backup")
    path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["database"] = "postgresql" if manifest["database"] == "sqlite" else "sqlite"
    path.write_text(json.dumps(manifest))
    with pytest.raises(ValidationError) as error:
        backup_restore(folder=tmp_path / "backup")
    assert "backup and Dorsi now runs on" in error.value.problem


def test_a_folder_without_a_backup_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as error:
        backup_restore(folder=tmp_path)
    assert "holds no Dorsi backup" in error.value.problem
