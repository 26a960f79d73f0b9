"""The registry of formats (digest.render): every format is called the same way, and
what the command line must check first is asked of the registry. Also: no digest
module (render's above all) imports another in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from digest.render import FORMATS, RenderOptions, file_name, render_article, render_briefing
from tests.conftest import ROOT
from tests.render_digests import OLD, RUN_DATE, UNDATED, VI, make_digest, run_digest


def test_formats_are_named_by_their_keys_with_the_command_lines_choices():
    assert list(FORMATS) == ["md", "text", "json", "jsonl", "html", "eml"]
    assert all(name == fmt.name for name, fmt in FORMATS.items())
    assert {name: fmt.extension for name, fmt in FORMATS.items()} == {
        "md": "md", "text": "txt", "json": "json", "jsonl": "jsonl", "html": "html", "eml": "eml"}


def test_only_eml_is_briefing_only_and_needs_a_recipient():
    assert [name for name, fmt in FORMATS.items() if not fmt.per_article] == ["eml"]
    assert [name for name, fmt in FORMATS.items() if fmt.needs_recipient] == ["eml"]
    with pytest.raises(ValueError, match="per-article"):
        render_article(OLD, "eml", VI)


def test_json_formats_keep_the_paragraphs():
    assert [name for name, fmt in FORMATS.items() if fmt.shows_paragraphs] == ["json", "jsonl"]


def test_an_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render_briefing([OLD], "pdf", VI)


@pytest.mark.parametrize("fmt", [name for name, fmt in FORMATS.items() if fmt.per_article])
def test_every_per_article_format_renders_an_article_ending_with_a_newline(fmt):
    assert render_article(OLD, fmt, VI).endswith("\n")


def test_file_names_are_dated_slugged_and_unique_in_a_run():
    taken: set[str] = set()
    assert file_name(OLD, "text", VI, taken) == "2020-11-13-bai-nam-2020.vi.txt"
    assert file_name(OLD, "text", VI, taken) == "2020-11-13-bai-nam-2020-2.vi.txt"
    assert taken == {"2020-11-13-bai-nam-2020.vi.txt", "2020-11-13-bai-nam-2020-2.vi.txt"}
    assert file_name(UNDATED, "md", RenderOptions(lang="en", run_date=RUN_DATE)) == (
        f"{RUN_DATE}-bai-khong-ghi-ngay.en.md")
    assert file_name(make_digest(""), "md", VI).startswith(f"{RUN_DATE}-cau-tom-tat-cua-bai")


@pytest.mark.parametrize("args", [["--format", "eml"], ["--format", "eml", "--to", "me@example.org", "--out", "x"]])
def test_the_command_line_asks_the_registry_before_running(args, tmp_path):
    completed = run_digest(tmp_path / "nothing.txt", "--lang", "vi", *args)
    assert completed.returncode == 2
    assert "--format eml" in completed.stderr.decode("utf-8")


# --- no import cycles --------------------------------------------------------------------



def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path, known: set[str]) -> set[str]:
    """The modules in `known` that `path` imports anywhere, function-level imports
    included; 'from a import b' counts as a.b when that is a module, else as a."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names)
    return {module for module in found if module in known and module != name}


def import_cycles(package: Path, root: Path = ROOT) -> list[list[str]]:
    """Each cycle among the modules under `package`, as the modules around it."""
    files = {module_name(path, root): path for path in sorted(package.rglob("*.py"))}
    graph = {name: imported_modules(path, root, set(files)) for name, path in files.items()}
    cycles: list[list[str]] = []
    state = dict.fromkeys(graph, 0)  # 0 unseen, 1 on the current path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state[target] == 1:
                cycles.append([*path[path.index(target):], target])
            elif state[target] == 0:
                visit(target, [*path, target])
        state[module] = 2

    for module in graph:
        if state[module] == 0:
            visit(module, [module])
    return cycles


def test_no_digest_module_imports_another_in_a_cycle():
    # render and render_html once imported each other (through a function-level import).
    assert import_cycles(ROOT / "digest") == []


def test_the_cycle_finder_sees_function_level_imports(tmp_path):
    package = tmp_path / "digest"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from digest import b\n")
    (package / "b.py").write_text("def f():\n    from .a import x\n")
    assert import_cycles(package, root=tmp_path) == [["digest.a", "digest.b", "digest.a"]]
