"""`dorsi progress`: progress since baseline from a dorsi.log/v1 file or a web user's data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dorsi.cli.common import (
    Format,
    bad_input_exits,
    dump_json,
    emit,
    fail,
    parse_choice,
    read_json,
    write_atomically,
)

PROGRESS_FORMATS = (Format.TEXT, Format.JSON, Format.MARKDOWN)


def run_progress(
    *, input_path: Path | None, user: str | None, fmt: str, output: Path | None, chart: Path | None
) -> None:
    chosen = parse_choice("--format", fmt, Format, PROGRESS_FORMATS)
    if (input_path is None) == (user is None):
        fail("give either --input FILE (a dorsi.log/v1) or --user NAME")
    if chart is not None and chart.suffix.lower() not in {".png", ".svg"}:
        fail(f"--chart: {str(chart)!r} must end in .png or .svg")
    if chart is not None and not (chart.parent if str(chart.parent) else Path()).is_dir():
        fail(f"--chart: folder {str(chart.parent)!r} does not exist")
    doc, text, markdown = _from_user(user) if user is not None else _from_file(input_path)
    if chosen is Format.JSON:
        emit(dump_json(doc), output)
    elif chosen is Format.MARKDOWN:
        emit(markdown, output)
    else:
        emit(text, output)
    if chart is not None:
        write_chart(doc, chart)
        print(f"Chart written to {chart}")


def write_chart(doc: dict[str, Any], path: Path) -> None:
    """The progress chart the web page shows (dorsi.draw's SVG); a .png is that SVG rendered."""
    from dorsi.draw.charts import progress_chart_svg

    svg = progress_chart_svg(doc)
    if path.suffix.lower() == ".png":
        from dorsi.formats.png import svg_to_png

        write_atomically(path, svg_to_png(svg))
    else:
        write_atomically(path, svg)


def _from_file(path: Path | None) -> tuple[dict[str, Any], str, str]:
    from dorsi.core.progress.document import progress_to_document
    from dorsi.core.progress.engine import compute_progress
    from dorsi.core.progress.log import parse_log
    from dorsi.formats.progress_text import progress_markdown, progress_text

    assert path is not None
    data = read_json(path, what="--input")
    with bad_input_exits():
        progress = compute_progress(parse_log(data))
    doc = progress_to_document(progress)
    return doc, progress_text(doc), progress_markdown(doc)


def _from_user(username: str) -> tuple[dict[str, Any], str, str]:
    from dorsi.cli.tracking import progress_for_username

    return progress_for_username(username)
