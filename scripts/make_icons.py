"""Render the app icon (src/dorsi/web/static/dorsi/icon.svg) to the PNG sizes the web app
manifest lists, with the same SVG renderer as the charts. Run after changing the SVG:
``.venv/bin/python scripts/make_icons.py`` (the PNGs are committed, each under 20 KB)."""

from __future__ import annotations

from pathlib import Path

from dorsi.formats.png import svg_to_png
from dorsi.web.views.pwa import ICON_SIZES

STATIC = Path(__file__).resolve().parents[1] / "src" / "dorsi" / "web" / "static" / "dorsi"


def main() -> None:
    svg = (STATIC / "icon.svg").read_text()
    for size in ICON_SIZES:
        target = STATIC / f"icon-{size}.png"
        target.write_bytes(svg_to_png(svg, zoom=size / 512))
        print(target, target.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
