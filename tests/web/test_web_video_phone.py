"""The video pages on a phone: their tables become stacked cards (each cell names its column),
and the images with words drawn in them keep their size in a frame that scrolls sideways."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from tests.coach_support import make_coach, share

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("video_settings")]


class _Tables(HTMLParser):
    """Each table's class and, for its body rows, the cells as (tag, data-label)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self.frames: list[dict[str, str | None]] = []
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.tables.append({"class": (found.get("class") or "").split(), "rows": []})
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self._in_body:
            self.tables[-1]["rows"][-1].append((tag, found.get("data-label")))
        elif tag == "div" and "wide-image" in (found.get("class") or "").split():
            self.frames.append(found)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False


def _parsed(response: Any) -> _Tables:
    assert response.status_code == 200
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser


def _assert_cards(parser: _Tables, count: int) -> None:
    assert len(parser.tables) == count
    for table in parser.tables:
        assert "cards" in table["class"]
        assert table["rows"], "a table without rows proves nothing"
        for row in table["rows"]:
            (first_tag, _), *cells = row
            assert first_tag == "th"  # the card's title: the row's name
            assert cells, row
            assert all(tag == "td" and label for tag, label in cells), row


def _assert_scrolling_frame(parser: _Tables) -> None:
    assert len(parser.frames) == 1
    frame = parser.frames[0]
    assert frame.get("tabindex") == "0"  # a keyboard can scroll it too
    assert frame.get("aria-labelledby")


def test_the_video_list_and_the_result_page_show_tables_as_cards_on_phones(
    ana, user, finished_analysis
) -> None:
    row = finished_analysis(user)
    _assert_cards(_parsed(ana.get("/videos/")), 1)
    result = _parsed(ana.get(f"/videos/{row.pk}/"))
    _assert_cards(result, 1)
    _assert_scrolling_frame(result)


def test_the_compare_page_shows_its_table_as_cards_and_the_picture_at_full_size(
    ana, user, finished_analysis
) -> None:
    first, second = finished_analysis(user, "before.mp4"), finished_analysis(user, "after.mp4")
    page = _parsed(ana.get("/videos/compare/", {"before": first.pk, "after": second.pk}))
    _assert_cards(page, 1)
    _assert_scrolling_frame(page)


def test_the_coach_sees_the_same_cards_and_frames(client_of, user, finished_analysis) -> None:
    first, second = finished_analysis(user, "before.mp4"), finished_analysis(user, "after.mp4")
    coach = make_coach()
    share(user, coach)
    as_coach = client_of(coach)
    base = f"/coach/clients/{user.pk}/videos/"
    result = _parsed(as_coach.get(f"{base}{second.pk}/"))
    _assert_cards(result, 1)
    _assert_scrolling_frame(result)
    compare = _parsed(as_coach.get(f"{base}compare/", {"before": first.pk, "after": second.pk}))
    _assert_cards(compare, 1)
    _assert_scrolling_frame(compare)
