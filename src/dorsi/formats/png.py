"""SVG -> PNG with resvg (a Rust renderer in a self-contained wheel: no Cairo, no browser).

The PNG is a rendering of the very SVG the web page shows, so there is one drawing per chart.
resvg is imported here only, so commands that never write a PNG do not load it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ZOOM = 2.0  # twice the SVG's pixel size: sharp on high-density screens and in print
BACKGROUND = "white"  # the SVG is transparent; a PNG viewer would show it on black or checks
TEXT_FONT = "DejaVu Sans"


def _bundled_fonts() -> list[str]:
    """DejaVu as shipped inside matplotlib (already a dependency), so text renders the same on a
    machine without system fonts; found without importing matplotlib (slow to import)."""
    spec = importlib.util.find_spec("matplotlib")
    for root in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(root) / "mpl-data" / "fonts" / "ttf"
        if folder.is_dir():
            return [str(folder)]
    return []


def svg_to_png(svg: str, *, zoom: float = ZOOM) -> bytes:
    """Render an SVG document to PNG bytes."""
    import resvg_py

    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            background=BACKGROUND,
            zoom=zoom,
            font_dirs=_bundled_fonts(),
            sans_serif_family=TEXT_FONT,
        )
    )
