"""`dorsi assess`: from a file, or asked step by step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dorsi.cli.common import Format, bad_input_exits, dump_json, emit, parse_choice, read_json

REPORT_FORMATS = (Format.TEXT, Format.JSON, Format.MARKDOWN)


def run_assess(*, input_path: Path | None, fmt: str, output: Path | None) -> None:
    chosen = parse_choice("--format", fmt, Format, REPORT_FORMATS)
    if input_path is None:
        from dorsi.cli.wizard import interview

        document = interview()
    else:
        document = read_json(input_path, what="--input")
    report_doc, report = _assess(document)
    if chosen is Format.JSON:
        emit(dump_json(report_doc), output)
    elif chosen is Format.MARKDOWN:
        from dorsi.core.assessment.document import report_to_markdown

        emit(report_to_markdown(report), output)
    else:
        from dorsi.cli.render import plain_report, print_report

        emit(plain_report(report_doc), output, render=lambda: print_report(report_doc))
    if input_path is None:
        from dorsi.cli.wizard import offer_plan

        offer_plan(document, report)


def _assess(document: Any) -> tuple[dict[str, Any], Any]:
    from dorsi.core.assessment.document import report_to_document
    from dorsi.core.assessment.engine import assess
    from dorsi.core.assessment.parse import parse_assessment

    with bad_input_exits():
        report = assess(parse_assessment(document))
    return report_to_document(report), report
