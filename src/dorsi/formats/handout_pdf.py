"""The handout as a PDF, built on the server with fpdf2 (pure Python).

The figures are dorsi.draw's SVG drawings rendered to PNG with resvg (``formats.png``), the text
is set in DejaVu Sans (bundled with matplotlib, already a dependency), so the PDF looks the same
on any machine and needs no system library.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dorsi.draw.figures import figure_svg
from dorsi.formats.handout import Handout, HandoutExercise
from dorsi.formats.png import _bundled_fonts, svg_to_png

FONT = "DejaVu"
MARGIN_MM = 14
FIGURE_MM = 38
STOP_RGB = (176, 0, 32)


def _fonts(pdf: FPDF) -> None:
    folders = [Path(folder) for folder in _bundled_fonts()]
    for style, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
        path = next((folder / file for folder in folders if (folder / file).exists()), None)
        if path is None:
            raise RuntimeError(f"{file} not found (it ships with matplotlib)")
        pdf.add_font(FONT, style, str(path))


class _Handout(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(
            0,
            5,
            f"Dorsi · an exercise guide, not a diagnosis · page {self.page_no()}",
            align="C",
        )
        self.set_text_color(0, 0, 0)


def _header(pdf: FPDF, handout: Handout) -> None:
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, handout.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    who = f"For {handout.athlete}"
    if handout.coach:
        who += f", from {handout.coach}"
    pdf.multi_cell(
        0,
        5,
        f"{who} · printed {handout.made_on.isoformat()} · at most {handout.minutes_per_day} min a day",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    if handout.calendar_url:
        pdf.set_text_color(0, 70, 160)
        pdf.multi_cell(
            0,
            5,
            f"Your plan in your calendar: {handout.calendar_url}",
            link=handout.calendar_url,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(
        0,
        5,
        "Stop any exercise that gives sharp or pinching pain, and tell your coach.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    for note in handout.notes:
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(0, 5, f"Note from your coach: {note}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if handout.reasons:
        pdf.ln(2)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 6, "Why the plan looks like this", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 9)
        for reason in handout.reasons:
            pdf.multi_cell(0, 4.6, f"• {reason}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _exercise(pdf: FPDF, exercise: HandoutExercise) -> None:
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    top = pdf.get_y()
    png = svg_to_png(figure_svg(exercise.exercise, animate=False), zoom=1.5)
    pdf.image(io.BytesIO(png), x=MARGIN_MM, y=top, w=FIGURE_MM)
    left = MARGIN_MM + FIGURE_MM + 4
    width = pdf.w - left - MARGIN_MM
    pdf.set_xy(left, top)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(width, 6, exercise.name, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9.5)
    pdf.multi_cell(width, 5, f"Dose: {exercise.dose}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    for number, step in enumerate(exercise.steps, start=1):
        pdf.multi_cell(width, 4.6, f"{number}. {step}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    if exercise.cues:
        pdf.multi_cell(
            width, 4.6, "Cues: " + " · ".join(exercise.cues), new_x=XPos.LEFT, new_y=YPos.NEXT
        )
    pdf.multi_cell(
        width, 4.6, f"You should feel: {exercise.feel}", new_x=XPos.LEFT, new_y=YPos.NEXT
    )
    pdf.set_text_color(*STOP_RGB)
    pdf.set_font(FONT, "B", 9.5)
    pdf.multi_cell(
        width,
        4.6,
        "Stop rule: " + " · ".join(exercise.stop_rules),
        new_x=XPos.LEFT,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0, 0, 0)
    if exercise.evidence:
        pdf.set_font(FONT, "", 8.5)
        pdf.multi_cell(
            width, 4.2, f"Evidence: {exercise.evidence}", new_x=XPos.LEFT, new_y=YPos.NEXT
        )
    pdf.set_y(max(pdf.get_y(), top + FIGURE_MM) + 4)


def _weeks(pdf: FPDF, handout: Handout) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, "Week by week", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for week in handout.weeks:
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 6, week.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 9.5)
        for line in week.lines:
            pdf.multi_cell(
                0,
                4.8,
                f"• {line.name} — {line.dose} — {line.days}",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        pdf.ln(2)


def handout_pdf(handout: Handout) -> bytes:
    """The handout as PDF bytes (A4)."""
    pdf = _Handout(format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_title(handout.title)
    pdf.set_author("Dorsi")
    _fonts(pdf)
    pdf.add_page()
    _header(pdf, handout)
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, "Your exercises", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for exercise in handout.exercises:
        _exercise(pdf, exercise)
    _weeks(pdf, handout)
    return bytes(pdf.output())
