"""examples/ holds what the tool really writes for the seeds, and is kept current."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_examples_are_what_the_tool_writes_now():
    result = subprocess.run([sys.executable, "tools/make_examples.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
