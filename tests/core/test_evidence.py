"""Every provenance tag the product shows resolves to a known source with a grade."""

from __future__ import annotations

import re

from dorsi.core.evidence import ALL_SOURCES, Grade, by_tag
from dorsi.core.library.exercises import load_library


def test_every_exercise_source_is_a_known_source():
    for exercise in load_library():
        for tag in exercise.sources:
            assert by_tag(tag).grade in set(Grade), f"{exercise.id}: {tag}"


def test_source_tags_are_unique_and_seed_tags_name_a_seed_file():
    tags = [source.tag for source in ALL_SOURCES]
    assert len(tags) == len(set(tags))
    for tag in tags:
        if tag.startswith("seed:"):
            assert re.fullmatch(r"seed:00[0-2]_[0-9a-f]{16}\.txt", tag)
