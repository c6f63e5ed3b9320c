"""The phone guides: the phone drawn flat along the shin, the filming set-up in words and shapes."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from dorsi.draw.guides import PHONE, filming_guide_svg, lunge_frame, phone_on_shin_svg
from dorsi.draw.kinematics import phi_of
from dorsi.draw.svg import SCALE

SVG = "{http://www.w3.org/2000/svg}"


def _points(attr: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in attr.split())]


def _phones(root: ET.Element) -> list[list[tuple[float, float]]]:
    return [
        _points(node.attrib["points"])
        for node in root.iter(f"{SVG}polygon")
        if node.attrib.get("fill") == PHONE["fill"]
    ]


def test_the_phone_lies_along_the_shin_below_the_knee_and_another_flat_on_a_wall() -> None:
    root = ET.fromstring(phone_on_shin_svg())
    assert root.find(f"{SVG}title").text == "Where to hold the phone for the lunge angle"
    wall_phone, shin_phone = _phones(root)
    # On the wall: the long side vertical.
    assert wall_phone[0][0] == wall_phone[1][0]
    # On the shin: the long side parallel to the shank, within a degree.
    leg = lunge_frame().near_leg
    shank_deg = phi_of(leg.knee - leg.ankle)
    (x0, y0), (x1, y1) = shin_phone[0], shin_phone[1]
    phone_deg = math.degrees(math.atan2(x1 - x0, y1 - y0))  # SVG y points down
    assert abs(phone_deg - shank_deg) < 1.0
    # Below the knee, above the ankle.
    knee_y, ankle_y = -leg.knee.y * SCALE, -leg.ankle.y * SCALE
    assert knee_y < min(y0, y1)
    assert max(y0, y1) < ankle_y
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {"1. on a wall", "0°", "2. on the shin", "phone"} <= texts


def test_the_filming_guide_shows_the_distance_the_hip_height_and_the_whole_body_in_frame() -> None:
    root = ET.fromstring(filming_guide_svg())
    desc = root.find(f"{SVG}desc").text
    assert "2 to 3 metres" in desc
    assert "both feet" in desc
    assert "hip height" in desc
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {"2–3 m", "phone at", "hip height", "on the screen", "from above"} <= texts
    screen = next(g for g in root.iter(f"{SVG}g") if "scale" in g.attrib.get("transform", ""))
    frame = _points(screen.find(f"{SVG}polygon").attrib["points"])
    xs, ys = [p[0] for p in frame], [p[1] for p in frame]
    body = [p for line in screen.iter(f"{SVG}polyline") for p in _points(line.attrib["points"])]
    body += [(float(c.attrib["cx"]), float(c.attrib["cy"])) for c in screen.iter(f"{SVG}circle")]
    assert all(min(xs) <= x <= max(xs) + 12 and min(ys) <= y <= max(ys) for x, y in body)
