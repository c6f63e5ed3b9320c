"""The progress text and Markdown a person reads (``dorsi.formats.progress_text``), from the
dorsi.progress/v1 document of a small log: change, rate, projection, adherence, both views of
what to expect with their sources named, flags and the referral in words."""

from __future__ import annotations

from typing import Any

from dorsi.core.evidence import Grade, by_tag
from dorsi.core.progress.document import progress_to_document
from dorsi.formats.progress_text import progress_markdown, progress_text
from tests.core.progress.test_progress_document import build, day
from tests.leaks import leaks


def _doc(**changes: Any) -> dict[str, Any]:
    return progress_to_document(build(**changes))


def test_text_gives_change_rate_adherence_and_both_expected_ranges() -> None:
    text = progress_text(_doc())
    assert "Left: 7 cm -> 8 cm (+1 cm, within the 1.5 cm error)" in text
    assert "rate: +0.5 cm/week over 3 measurements" in text
    assert f"10 cm expected around {day(42)} (range {day(34)} to {day(61)})" in text
    assert "Adherence: 12 of 15 days done (80 %), streak 0 days" in text
    assert "(Radford 2006, research evidence)" in text
    assert "expert opinion)" in text
    assert "Professional check: none needed from the logs" in text
    assert not leaks(text)


def test_text_explains_flags_and_referral() -> None:
    retests = [{"date": day(42), "unit": "cm", "left": 7.5, "right": 10.5}]
    sessions = [{"date": day(n), "status": "done", "minutes": 10} for n in range(43)]
    text = progress_text(_doc(today=day(42), retests=retests, sessions=sessions))
    assert "Flags: plateau" in text
    assert "Professional check: worth considering (no real change after weeks" in text
    assert not leaks(text)


def test_markdown_has_a_row_per_side() -> None:
    md = progress_markdown(_doc())
    assert f"| left | 7 cm | 8 cm | +1 cm | no | +0.5 cm | {day(42)} |" in md
    assert "| right | 10 cm | 10.1 cm | +0.1 cm | no | — | — |" in md
    assert md.startswith(f"# Progress on {day(14)}")
    assert not leaks(md)


def test_what_to_expect_says_each_grade_once_beside_its_citation() -> None:
    doc = _doc()
    for written in (progress_text(doc), progress_markdown(doc)):
        lines = written.splitlines()
        for item in doc["expected_ranges"]:
            (line,) = [line for line in lines if item["label"] in line]
            source = by_tag(item["source"])
            assert line.endswith(f"({source.citation})"), line
            for grade in Grade:
                count = line.count(grade.words)
                assert count == (1 if grade is source.grade else 0), line
