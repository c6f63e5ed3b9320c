"""Run beside a launched Dorsi (same environment): make N athletes with an assessment and a plan
starting 30 days ago, queue video analyses of the demo clip, print the user names as JSON."""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-calf-1234"


def main(users: int, videos: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dorsi.web.settings")
    import django

    django.setup()
    from django.core.files import File
    from django.utils import timezone

    from dorsi.services.accounts import user_create
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from dorsi.services.videos import video_analysis_create

    document = json.loads((ROOT / "examples" / "assessment.json").read_text())
    start = timezone.localdate() - timedelta(days=30)
    names = []
    for n in range(users):
        user = user_create(username=f"load{n}", password=PASSWORD, email=f"load{n}@example.org")
        row = assessment_create(user=user, document=document | {"date": start.isoformat()})
        plan_create(user=user, assessment_id=row.pk, start=start)
        names.append(user.username)
        if n < videos:
            clip = ROOT / "tests" / "video" / "data" / "demo_landing.mp4"
            with clip.open("rb") as handle:
                upload = File(handle, name="demo.mp4")
                upload.content_type = "video/mp4"  # type: ignore[attr-defined]
                video_analysis_create(user=user, upload=upload, mode="squat", height_cm=175)
    print(json.dumps({"users": names, "password": PASSWORD, "start": start.isoformat()}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
