"""Translation never touches the network: the whole `digest seeds/ --lang en` runs with
every socket connection made to fail, and so do the engine and translator alone."""
from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

pytest_plugins = ["tests.conftest_translate"]
from tests.conftest_translate import GLOSSARY, REPO, seed_sentences  # noqa: E402


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every way out fails loudly: connect, create_connection, name lookup."""
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network use attempted: {args[1:] or args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))
    with pytest.raises(NetworkUsed):
        socket.socket().connect(("127.0.0.1", 9))


def test_whole_run_in_english_without_network(no_network, test_model_zip, translate_env, monkeypatch):
    from digest.cli import main

    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        main, ["seeds/", "--lang", "en", "--model", str(test_model_zip), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert not isinstance(result.exception, NetworkUsed)
    briefing = json.loads(result.stdout)
    assert len(briefing["articles"]) == 5
    text = result.stdout
    for name in ["South Korea", "Japan", "Yoon Suk Yeol"]:
        assert name in text


def test_bilingual_full_run_without_network(no_network, test_model_zip, translate_env, monkeypatch):
    from digest.cli import main

    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        main, ["seeds/", "--lang", "both", "--full", "--model", str(test_model_zip), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    assert "Hàn Quốc" in result.stdout and "South Korea" in result.stdout


def test_engine_and_translator_without_network(no_network, test_model_zip, translate_env):
    from digest.translate import load_translator

    translator = load_translator(model=test_model_zip, glossary_path=GLOSSARY)
    sentences = seed_sentences()
    results = translator.translate(sentences)
    assert len(results) == len(sentences)
    assert translator.engine.calls > 0
