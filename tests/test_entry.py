"""The console script's fast path prints exactly what click would print."""
from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from digest import entry
from digest.cli import main


def click_output(args: list[str]) -> str:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, args, prog_name="digest")
    assert result.exit_code == 0
    return result.output


def test_help_constant_is_clicks_help():
    assert click_output(["--help"]) == entry.HELP
    assert click_output(["-h"]) == entry.HELP


def test_version_constant_is_clicks_version():
    assert click_output(["--version"]) == entry.VERSION


@pytest.mark.parametrize("args, expected", [
    (["--version"], entry.VERSION),
    (["--help"], entry.HELP),
    (["-h"], entry.HELP),
    (["--help", "x"], None),
    (["run", "--help"], None),
    (["seeds/"], None),
    ([], None),
])
def test_fast_answer_only_for_exact_top_level_flags(monkeypatch, args, expected):
    monkeypatch.setattr(sys, "argv", ["/usr/bin/digest", *args])
    monkeypatch.setenv("COLUMNS", "100")
    assert entry.fast_answer(args) == expected


def test_narrow_terminal_goes_through_click(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["digest", "--help"])
    monkeypatch.setenv("COLUMNS", "60")
    assert entry.fast_answer(["--help"]) is None


def test_fast_path_does_not_import_click(tmp_path):
    import subprocess

    script = tmp_path / "digest"
    script.write_text("import sys\nfrom digest.entry import main\nmain()\n")
    code = (f"import runpy, sys; sys.argv = [{str(script)!r}, '--help']; "
            "import atexit; atexit.register(lambda: sys.stderr.write(str('click' in sys.modules)))\n"
            f"runpy.run_path({str(script)!r}, run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"COLUMNS": "80", "PYTHONIOENCODING": "utf-8", "PATH": ""})
    assert done.returncode == 0
    assert done.stdout == entry.HELP
    assert done.stderr.endswith("False")
