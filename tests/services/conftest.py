"""Services run against a real database (SQLite, or PostgreSQL when DATABASE_URL is set)."""

from tests.django_support import (  # noqa: F401 (fixtures)
    assessment_fixture,
    fixed_clock,
    other_user_fixture,
    plan_fixture,
    user_fixture,
)
from tests.video_fixtures import (  # noqa: F401 (fixtures)
    clip_bytes,
    engine_report,
    finished_analysis,
    s3_media,
    video_settings,
)
