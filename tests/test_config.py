"""Settings are resolved in one place: the command line, then the environment, then a default."""
from __future__ import annotations

from pathlib import Path

import click
import pytest

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


# --- --device ------------------------------------------------------------------------------------


@pytest.fixture
def cuda_devices(monkeypatch):
    """Set how many CUDA devices CTranslate2 reports (tests run on CPU whatever the machine)."""
    import ctranslate2

    def set_count(n: int) -> None:
        monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: n)

    return set_count


def test_auto_picks_the_cpu_without_a_cuda_device(cuda_devices):
    cuda_devices(0)
    assert config.resolve_device("auto") == "cpu"
    assert config.resolve_device("cpu") == "cpu"


def test_auto_picks_cuda_when_ctranslate2_sees_a_device(cuda_devices):
    cuda_devices(1)
    assert config.resolve_device("auto") == "cuda"
    assert config.resolve_device("cuda") == "cuda"
    assert config.resolve_device("cpu") == "cpu"


def test_cuda_without_a_device_is_a_model_error(cuda_devices):
    from digest.errors import ModelError

    cuda_devices(0)
    with pytest.raises(ModelError, match="--device cuda: CTranslate2 sees no CUDA device") as err:
        config.resolve_device("cuda")
    assert err.value.exit_code == 3


def test_run_with_device_cuda_and_no_gpu_is_one_line_and_exit_3(cuda_devices):
    from click.testing import CliRunner

    from digest.cli import main
    from tests.conftest import SEEDS

    cuda_devices(0)
    result = CliRunner().invoke(main, ["run", str(SEEDS), "--lang", "en", "--device", "cuda"])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert [line for line in result.stderr.splitlines() if line] == [
        "digest: --device cuda: CTranslate2 sees no CUDA device (no GPU, no NVIDIA driver, or a build "
        "without CUDA); use --device cpu or --device auto"]


def test_run_with_device_auto_translates_on_the_cpu_here(cuda_devices, tmp_path):
    from click.testing import CliRunner

    from digest.cli import main
    from tests.conftest import SEEDS, TEST_MODEL

    cuda_devices(0)
    result = CliRunner().invoke(main, ["run", str(SEEDS / "000_6c833404c18ad008.txt"), "--lang", "en",
                                       "--device", "auto", "--model", str(TEST_MODEL)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_doctor_says_when_cuda_is_asked_for_but_missing(cuda_devices):
    from click.testing import CliRunner

    from digest.cli import main
    from tests.conftest import TEST_MODEL

    cuda_devices(0)
    result = CliRunner().invoke(main, ["doctor", "--lang", "en", "--model", str(TEST_MODEL), "--device", "cuda"])
    assert result.exit_code == 3
    row = next(line for line in result.stdout.splitlines() if line.startswith("model"))
    assert "--device cuda: CTranslate2 sees no CUDA device" in row


@pytest.mark.parametrize(("sendmail", "smtp", "mails"), [
    (None, None, False), (None, "smtp://me@host", True),  # --smtp alone mails
    (True, None, True), (False, "smtp://me@host", False),  # --no-sendmail (or sendmail = false) wins over smtp
])
def test_a_run_mails_when_sendmail_says_so_else_when_an_smtp_server_is_named(sendmail, smtp, mails):
    assert config.job_mails(sendmail, smtp) is mails
