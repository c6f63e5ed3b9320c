"""Recreate demo_landing.mp4 from the Sports2D demo video (BSD-3-Clause, see README.md).

pip download --no-deps sports2d -d /tmp/s2d && unzip -o /tmp/s2d/sports2d-*.whl -d /tmp/s2d/x
python tests/video/data/make_demo_clip.py /tmp/s2d/x/Sports2D/Demo/demo.mp4
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import av

FIRST, LAST = 184, 225  # the jump landing, crouch and rise, seen from the side
CROP = (820, 360, 1540, 990)  # x0, y0, x1, y1 in the 1768x994 source
SIZE = (432, 378)
OUT = Path(__file__).with_name("demo_landing.mp4")


def main(source: str) -> None:
    with av.open(source) as src, av.open(str(OUT), "w") as dst:
        stream = dst.add_stream("libx264", rate=Fraction(30))
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": "24", "preset": "slow"}
        for i, frame in enumerate(src.decode(video=0)):
            if i < FIRST:
                continue
            if i > LAST:
                break
            image = frame.to_image().crop(CROP).resize(SIZE)
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)


if __name__ == "__main__":
    main(sys.argv[1])
