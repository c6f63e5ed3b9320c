"""`dorsi --help` and `dorsi assess --input` must not import the heavy libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.cli.conftest import EXAMPLES

HEAVY = ("django", "matplotlib", "numpy", "cv2", "mediapipe", "av", "scipy")

PROBE = """
import sys
sys.argv = ["dorsi", *{args!r}]
from dorsi.cli.app import main
try:
    main()
except SystemExit:
    pass
heavy = sorted({{name.split(".")[0] for name in sys.modules}} & set({heavy!r}))
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [("--help",), ("assess", "--input", str(EXAMPLES / "assessment.json"), "--format", "json")],
    ids=["help", "assess-input"],
)
def test_fast_commands_do_not_import_heavy_libraries(args):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "HEAVY=\n" in result.stderr + "\n", result.stderr
