"""Every source has a readable label, a kind, a grade in words and a full reference (SPEC §7)."""

from __future__ import annotations

import re

import pytest

from dorsi.core.evidence import (
    ALL_SOURCES,
    RADFORD_2006,
    RUNNING_META,
    SEED_000,
    SEED_001,
    SEED_002,
    VICENZINO_2006,
    Grade,
    SourceKind,
    by_tag,
    cite,
    sources_map,
    sources_page,
    strongest,
)
from dorsi.core.library.exercises import load_library

SEED_FILE = re.compile(r"seed:|\.txt")


def test_every_exercise_source_is_a_known_source():
    for exercise in load_library():
        for tag in (*exercise.sources, *exercise.related_sources):
            assert by_tag(tag).grade in set(Grade), f"{exercise.id}: {tag}"


def test_source_tags_are_unique_and_seed_tags_name_a_seed_file():
    tags = [source.tag for source in ALL_SOURCES]
    assert len(tags) == len(set(tags))
    for tag in tags:
        if tag.startswith("seed:"):
            assert re.fullmatch(r"seed:00[0-2]_[0-9a-f]{16}\.txt", tag)


@pytest.mark.parametrize("source", ALL_SOURCES, ids=lambda s: s.tag)
def test_every_source_reads_as_a_name_with_a_kind_grade_and_reference(source):
    assert not SEED_FILE.search(source.label)
    assert not SEED_FILE.search(source.reference)
    assert "_" not in source.label
    assert source.reference.strip().endswith(".")
    assert source.kind in set(SourceKind)
    assert source.citation == f"{source.label}, {source.grade.words}"


def test_method_articles_are_named_by_their_title_and_graded_expert_opinion():
    assert SEED_000.label == (
        "Ankle Mobility: The Hidden Problem Behind Your Squat, Running, and Knee Pain"
    )
    assert SEED_001.label == "Unlock Ankle Mobility for Instant Pain Relief"
    assert SEED_002.label == "Improve your Ankle Mobility"
    for seed in (SEED_000, SEED_001, SEED_002):
        assert seed.kind is SourceKind.METHOD_ARTICLE
        assert seed.grade is Grade.EXPERT_OPINION


def test_studies_are_labelled_author_and_year():
    for source in ALL_SOURCES:
        if source.kind is SourceKind.STUDY and source is not RUNNING_META:
            assert re.search(r"\b(19|20)\d\d$", source.label), source.label


def test_grades_read_in_words():
    assert Grade.GUIDELINE.words == "clinical guideline"
    assert Grade.RESEARCH.words == "research evidence"
    assert Grade.EXPERT_OPINION.words == "expert opinion"


def test_cite_gives_names_and_grades_never_codes():
    text = cite([SEED_000.tag, "Powden 2015", SEED_000.tag])
    assert text == (
        "Ankle Mobility: The Hidden Problem Behind Your Squat, Running, and Knee Pain, "
        "expert opinion; Powden 2015, research evidence"
    )
    assert not SEED_FILE.search(text)


def test_sources_map_is_the_json_shape_of_spec_7():
    doc = sources_map(["Powden 2015", SEED_001.tag])
    assert doc["Powden 2015"] == {
        "label": "Powden 2015",
        "kind": "study",
        "grade": "research",
        "reference": by_tag("Powden 2015").reference,
    }
    assert doc[SEED_001.tag]["kind"] == "method_article"
    assert doc[SEED_001.tag]["grade"] == "expert-opinion"


def test_the_sources_page_lists_every_source_method_articles_first():
    page = sources_page()
    assert set(page) == set(ALL_SOURCES)
    kinds = [source.kind for source in page]
    assert kinds[:3] == [SourceKind.METHOD_ARTICLE] * 3
    assert kinds.index(SourceKind.STUDY) > kinds.index(SourceKind.GUIDELINE)


def test_radford_is_cited_in_degrees_never_turned_into_centimetres():
    assert "degree" in RADFORD_2006.about
    assert "cm" not in RADFORD_2006.about.replace("centimetre", "")
    assert "1 cm" not in RADFORD_2006.about


def test_the_running_claim_cites_a_real_meta_analysis_not_a_made_up_name():
    assert RUNNING_META.label != "Running injury meta-analysis"
    assert "Sports Med Open. 2022;8:38" in RUNNING_META.reference
    assert "doi:10.1186/s40798-022-00416-z" in RUNNING_META.reference


def test_therapist_mobilisation_studies_are_described_as_clinician_applied():
    assert "therapist-applied" in VICENZINO_2006.about
    assert "not tested" in VICENZINO_2006.about


def test_strongest_grade_of_a_set_of_tags():
    assert strongest([SEED_000.tag, "Powden 2015"]) is Grade.RESEARCH
    assert strongest([SEED_000.tag]) is Grade.EXPERT_OPINION
    assert strongest(["Vuurberg 2018", "Powden 2015"]) is Grade.GUIDELINE
