"""Settings are resolved in one place: the command line, then the environment, then a default."""
from __future__ import annotations

from pathlib import Path

import click

from digest import config


def test_glossary_option_beats_environment_beats_local_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.csv").write_text("vi,en,kind\n", encoding="utf-8")
    monkeypatch.setenv("DIGEST_GLOSSARY", "/from/env.csv")
    assert config.glossary_choice("given.csv") == config.Choice(Path("given.csv"), "--glossary")
    assert config.glossary_choice(None) == config.Choice(Path("/from/env.csv"), "$DIGEST_GLOSSARY")
    monkeypatch.delenv("DIGEST_GLOSSARY")
    assert config.glossary_choice(None) == config.Choice(Path("glossary.csv"), "./glossary.csv")


def test_no_glossary_when_none_is_named_or_present(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    choice = config.glossary_choice(None)
    assert choice.path is None and not choice


def test_model_option_beats_environment(monkeypatch):
    monkeypatch.setenv("DIGEST_MODEL", "~/models/env.argosmodel")
    assert config.model_choice("pkg/") == config.Choice(Path("pkg/"), "--model")
    env = config.model_choice(None)
    assert env.origin == "$DIGEST_MODEL" and env.path == Path.home() / "models" / "env.argosmodel"
    monkeypatch.delenv("DIGEST_MODEL")
    assert config.model_choice(None) == config.Choice(None)  # the installed default


def _defaults(command: click.Command) -> dict[str, object]:
    return {param.name: param.default for param in command.params if param.name}


def test_commands_take_their_defaults_from_config():
    from digest.commands.doctor import doctor
    from digest.commands.run import run

    run_defaults = _defaults(run)
    settings = config.RunSettings(paths=("x",))
    for name in ("lang", "fmt", "sentences", "wait"):
        assert run_defaults[name] == getattr(settings, name), name
    assert _defaults(doctor)["lang"] == settings.lang == config.DEFAULT_LANG


def test_run_date_defaults_to_today():
    assert config.RunSettings(paths=("x",)).date == config.today()
    assert config.RunSettings(paths=("x",), run_date="2024-01-02").date == "2024-01-02"
