"""Fixtures for the video tests: generated clips (made at run time, never committed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.video import synthetic as syn

DATA = Path(__file__).with_name("data")
DEMO_CLIP = DATA / "demo_landing.mp4"


@pytest.fixture(scope="session")
def clip_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clips")


@pytest.fixture(scope="session")
def blank_clip(clip_dir: Path) -> Callable[..., Path]:
    """A plain clip of ``frames`` frames (cached per set of arguments)."""
    cache: dict[tuple[object, ...], Path] = {}

    def make(
        frames: int,
        fps: int = 30,
        brightness: int = 140,
        rotation: int = 0,
        size: tuple[int, int] = (320, 240),
        code: bool = False,
    ) -> Path:
        key = (frames, fps, brightness, rotation, size, code)
        if key not in cache:
            name = (
                f"blank-{frames}-{fps}-{brightness}-{rotation}-{size[0]}x{size[1]}-{int(code)}.mp4"
            )
            cache[key] = syn.write_clip(
                clip_dir / name,
                frames,
                fps=fps,
                brightness=brightness,
                rotation=rotation,
                size=size,
                code=code,
            )
        return cache[key]

    return make


@pytest.fixture(scope="session")
def squat_script() -> list[list[object]]:
    """Three squats; the heel starts to rise once the tibia passes 25°."""
    return syn.script_for(syn.squat_postures(30, 3, heel_lift_from=25.0))  # type: ignore[return-value]
