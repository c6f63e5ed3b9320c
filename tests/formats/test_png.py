"""The PNG of a chart is the SVG drawing rendered, not a second drawing."""

from __future__ import annotations

import struct

from dorsi.formats.png import svg_to_png

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
    '<rect x="0" y="0" width="20" height="20" fill="#1d4ed8"/>'
    '<text x="22" y="14" font-size="10">cm</text></svg>'
)


def _size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def test_the_png_has_the_svg_size_at_twice_the_pixels():
    png = svg_to_png(SVG)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert _size(png) == (80, 40)


def test_zoom_scales_the_picture():
    assert _size(svg_to_png(SVG, zoom=1.0)) == (40, 20)
