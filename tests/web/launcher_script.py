"""Run in a subprocess beside a running ``dorsi.web.run`` (same environment, same database):
queue a video analysis through the service, as an upload would, or add a user.

    python -m tests.web.launcher_script queue CLIP
    python -m tests.web.launcher_script user NAME EMAIL
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorsi.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from dorsi.services.videos import video_analysis_create

    if argv[0] == "user":
        get_user_model().objects.create_user(argv[1], argv[2], "calf-raise-1234")
        print(json.dumps({"user": argv[1]}))
        return
    user, _ = get_user_model().objects.get_or_create(username="ana")
    clip = Path(argv[1])
    with clip.open("rb") as handle:
        upload = File(handle, name=clip.name)
        upload.content_type = "video/mp4"  # type: ignore[attr-defined]
        row = video_analysis_create(user=user, upload=upload, mode="squat", height_cm=175)
    print(json.dumps({"id": row.pk}))


if __name__ == "__main__":
    main(sys.argv[1:])
