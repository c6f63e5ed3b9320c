"""Vendor the front-end libraries into src/dorsi/web/static/vendor/ from the npm registry.

Run it only to change a version: ``.venv/bin/python scripts/vendor_static.py``. The output is
committed, so a fresh clone (and CI) works offline and nothing is fetched from a CDN at run time.

Each package is pinned by version *and* by the sha512 ``dist.integrity`` the registry published
for it; the script refuses a tarball whose hash differs, then copies only the files we serve.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"
ROOT = Path(__file__).resolve().parents[1]
DEST = ROOT / "src" / "dorsi" / "web" / "static" / "vendor"
TEST_DEST = ROOT / "tests" / "e2e" / "vendor"


@dataclass(frozen=True)
class Pin:
    package: str
    version: str
    integrity: str  # the registry's dist.integrity for this exact version
    files: dict[str, str]  # path inside the tarball -> file name under DEST/<folder>
    folder: str
    dest: Path = DEST  # test-only tools go under tests/, never into the served static files


PINS = (
    Pin(
        package="@picocss/pico",
        version="2.1.1",
        integrity="sha512-kIDugA7Ps4U+2BHxiNHmvgPIQDWPDU4IeU6TNRdvXQM1uZX+FibqDQT2xUOnnO2yq/LUHcwnGlu1hvf4KfXnMg==",
        files={"package/css/pico.min.css": "pico.min.css", "package/LICENSE.md": "LICENSE.md"},
        folder="pico",
    ),
    Pin(
        package="htmx.org",
        version="2.0.11",
        integrity="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA==",
        files={"package/dist/htmx.min.js": "htmx.min.js", "package/LICENSE": "LICENSE"},
        folder="htmx",
    ),
)

# axe-core runs only in the browser tests (tests/e2e/test_e2e_accessibility.py), so it lives with
# them; its VERSIONS.txt also records the sha256 of the file the test injects, checked at run time.
TEST_PINS = (
    Pin(
        package="axe-core",
        version="4.14.1",
        integrity="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        files={"package/axe.min.js": "axe.min.js", "package/LICENSE": "LICENSE"},
        folder="axe-core",
        dest=TEST_DEST,
    ),
)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (fixed https URL)
        return bytes(response.read())


def _check_integrity(data: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"unsupported integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"integrity mismatch: expected {expected}, got {actual}")


def vendor(pin: Pin) -> list[Path]:
    meta = json.loads(_get(f"{REGISTRY}/{pin.package}/{pin.version}"))
    dist = meta["dist"]
    if dist["integrity"] != pin.integrity:
        raise SystemExit(f"{pin.package}@{pin.version}: registry integrity differs from the pin")
    tarball = _get(dist["tarball"])
    _check_integrity(tarball, pin.integrity)
    out_dir = pin.dest / pin.folder
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member_name, file_name in pin.files.items():
            member = archive.extractfile(member_name)
            if member is None:
                raise SystemExit(f"{pin.package}: {member_name} is not a file in the tarball")
            target = out_dir / file_name
            target.write_bytes(member.read())
            written.append(target)
    return written


def _write(pins: tuple[Pin, ...], dest: Path, *, with_sha256: bool) -> None:
    manifest = []
    for pin in pins:
        for path in vendor(pin):
            print(f"{pin.package}@{pin.version} -> {path.relative_to(ROOT)}")
            if with_sha256 and path.suffix == ".js":
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                manifest.append(f"{pin.folder}/{path.name} sha256:{digest}")
        manifest.append(f"{pin.package}@{pin.version} {pin.integrity}")
    (dest / "VERSIONS.txt").write_text(
        "# Written by scripts/vendor_static.py; do not edit by hand.\n" + "\n".join(manifest) + "\n"
    )


def main() -> int:
    _write(PINS, DEST, with_sha256=False)
    _write(TEST_PINS, TEST_DEST, with_sha256=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
