"""Seven mornings of a cron job, as a new user would leave it (issue 20's "Done when").

A news site on 127.0.0.1 with one RSS feed, the README's config.toml (sources, new,
sendmail, to) and a fake sendmail that keeps every message. Between the mornings: an
outage, an edited article, `--max-items`, a failing sendmail, and runs typed by hand
with the config present. Every article must reach the mailbox exactly once (an edited
one once more, marked updated), and no run may mail or mark what it was not asked to.
"""
from __future__ import annotations

import email
import email.policy
import os
import re
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_digest
from tests.live_server import paragraphs, serve

# Ten articles on ten unrelated events, so no two of them group into one story.
ARTICLES = {
    "xe-buyt": ("Hà Nội mở thêm tuyến buýt điện", "Sở Giao thông vận tải Hà Nội cho biết thành phố sẽ mở thêm "
                "ba tuyến xe buýt điện từ tháng tới. Các tuyến mới nối trung tâm với các khu đô thị phía tây."),
    "ca-phe": ("Giá cà phê tăng mạnh", "Giá cà phê nhân xô tại Tây Nguyên tăng thêm 2.000 đồng mỗi kg trong "
               "tuần qua. Nhiều nông dân giữ hàng chờ giá cao hơn."),
    "du-lich": ("Đà Nẵng đón khách quốc tế", "Đà Nẵng đón hơn 300.000 lượt khách quốc tế trong tháng. Phần lớn "
                "khách đến từ Hàn Quốc và Nhật Bản."),
    "bong-da": ("Đội tuyển nữ thắng đậm Myanmar", "Đội tuyển bóng đá nữ Việt Nam thắng Myanmar 4-0 tại vòng "
                "loại. Huấn luyện viên hài lòng với hàng công."),
    "lua-gao": ("Xuất khẩu gạo đạt kỷ lục", "Việt Nam xuất khẩu 7,5 triệu tấn gạo trong mười tháng. Philippines "
                "vẫn là thị trường lớn nhất."),
    "mua-lu": ("Miền Trung chuẩn bị mùa lũ", "Các tỉnh miền Trung rà soát đê điều trước mùa mưa lũ. Quảng Nam "
               "di dời 1.200 hộ dân khỏi vùng sạt lở."),
    "dien-mat-troi": ("Ninh Thuận thêm nhà máy điện gió", "Ninh Thuận khởi công nhà máy điện gió công suất 200 MW. "
                      "Dự án dự kiến phát điện vào năm sau."),
    "hoc-sinh": ("Học sinh TP.HCM được miễn học phí", "Hội đồng nhân dân TP.HCM thông qua việc miễn học phí cho học "
                 "sinh trung học. Chính sách áp dụng từ học kỳ hai."),
    "san-bay": ("Sân bay Long Thành lắp đặt mái nhà ga", "Nhà thầu hoàn thành lắp đặt mái nhà ga hành khách sân bay "
                "Long Thành. Công trình vượt tiến độ hai tháng."),
    "y-te": ("Bệnh viện Bạch Mai ghép thận thành công", "Các bác sĩ Bệnh viện Bạch Mai ghép thận cho một bệnh nhân "
             "70 tuổi. Ca ghép kéo dài sáu giờ."),
}


def feed(slugs: list[str], base: str, edits: dict[str, str] | None = None) -> str:
    items = []
    for number, slug in enumerate(slugs, start=1):
        title, text = ARTICLES[slug]
        text = (edits or {}).get(slug, text)
        items.append(f"<item><title>{title}</title><link>{base}/{slug}.html?utm_source=rss</link>"
                     f"<pubDate>Wed, {number:02d} May 2024 20:00:00 +0700</pubDate>"
                     f"<content:encoded><![CDATA[{paragraphs(text)}]]></content:encoded></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Báo Thử</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>")


class Morning:
    """The user's machine: a config file, a fake sendmail that files every message (and
    fails while `broken` exists), and the site's feed."""

    def __init__(self, tmp_path: Path, site):
        self.site = site
        self.mails = tmp_path / "mails"
        self.mails.mkdir()
        self.broken = tmp_path / "sendmail-broken"
        sendmail = tmp_path / "sendmail"
        sendmail.write_text(f'#!/bin/sh\nif [ -e "{self.broken}" ]; then cat >/dev/null; echo "queue full" >&2; '
                            f'exit 75; fi\nn=$(ls "{self.mails}" | wc -l)\ncat > "{self.mails}/$((n + 1)).eml"\n')
        sendmail.chmod(0o755)
        self.config = tmp_path / "config.toml"
        self.config.write_text(
            "# the README's morning job\n"
            f'sources = ["{site.url("/feed.xml")}"]\nlang = "vi"\nto = ["me@example.org"]\n'
            'new = true\nsendmail = true\ndelay = 0\n', encoding="utf-8")
        self.env = {"DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"], "NO_PROXY": "*",
                    "DIGEST_CONFIG": str(self.config), "DIGEST_SENDMAIL": str(sendmail)}

    def publish(self, slugs: list[str], edits: dict[str, str] | None = None) -> None:
        self.site.page("/feed.xml", feed(slugs, self.site.url(""), edits), "application/rss+xml")

    def digest(self, *args: object):
        return run_digest(*args, env=self.env)

    def messages(self) -> list[email.message.EmailMessage]:
        files = sorted(self.mails.glob("*.eml"), key=lambda p: int(p.stem))
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in files]

    def seen(self) -> list[str]:
        listed = self.digest("seen", "list")
        assert listed.returncode == 0, listed.stderr.decode()
        return sorted(line.split("\t")[1] for line in listed.stdout.decode().splitlines())


def delivered(message: email.message.EmailMessage) -> list[str]:
    """The articles a message holds: the slugs of the article links in its text part."""
    text = message.get_body(("plain",)).get_content()
    return sorted(set(re.findall(r"/([a-z-]+)\.html", text)))


@pytest.fixture
def morning(tmp_path):
    for site in serve():
        yield Morning(tmp_path, site)


def test_seven_mornings_deliver_every_article_once_and_typed_runs_take_nothing(morning):
    # Morning 1: the job as cron runs it (`digest --quiet`): three articles, one message.
    morning.publish(["xe-buyt", "ca-phe", "du-lich"])
    first = morning.digest("--quiet")
    assert (first.returncode, first.stdout, first.stderr) == (0, b"", b""), first.stderr.decode()
    [message] = morning.messages()
    assert message["To"] == "me@example.org"
    assert delivered(message) == ["ca-phe", "du-lich", "xe-buyt"]
    assert len(morning.seen()) == 3

    # By hand, with the config present: a run with inputs of its own prints, and neither
    # mails nor marks; --format md and --out work without a --no-sendmail.
    typed = morning.digest(SEEDS, "--format", "md")
    assert typed.returncode == 0, typed.stderr.decode()
    assert typed.stdout.decode().startswith("# Bản tin / News digest")  # lang vi from the config (neutral)
    out = morning.digest(SEEDS, "--out", morning.mails.parent / "files")
    assert out.returncode == 0, out.stderr.decode()
    assert len(morning.messages()) == 1 and len(morning.seen()) == 3

    # Morning 2: the site is down. One error line, nothing mailed, nothing marked.
    morning.site.status("/feed.xml", 503)
    down = morning.digest("--quiet")
    assert down.returncode == 1 and down.stderr.count(b"\n") == 1, down.stderr.decode()
    assert len(morning.messages()) == 1 and len(morning.seen()) == 3

    # Morning 3: back, with five new articles; the job limited to two items by hand.
    morning.publish(["xe-buyt", "ca-phe", "du-lich", "bong-da", "lua-gao", "mua-lu", "dien-mat-troi", "hoc-sinh"])
    # A preview typed by hand: the job's sources, printed, nothing mailed or marked.
    preview = morning.digest("--no-sendmail", "--no-new", "--format", "json")
    assert preview.returncode == 0, preview.stderr.decode()
    assert preview.stdout.count(b'"title":') >= 8
    assert len(morning.messages()) == 1 and len(morning.seen()) == 3
    limited = morning.digest("--quiet", "--max-items", "2", "--no-stories")
    assert limited.returncode == 0, limited.stderr.decode()
    second = morning.messages()[-1]
    assert len(morning.messages()) == 2 and len(delivered(second)) == 2
    assert "3 more held back" in second["Subject"]
    assert len(morning.seen()) == 5  # only the two delivered

    # Morning 4: sendmail fails. Nothing counts as briefed.
    morning.broken.touch()
    failed = morning.digest("--quiet")
    assert failed.returncode == 1 and b"queue full" in failed.stderr
    assert len(morning.messages()) == 2 and len(morning.seen()) == 5
    morning.broken.unlink()

    # Morning 5: one article was edited overnight; the rest of the news too.
    edited = ARTICLES["ca-phe"][1] + " Giá dự báo còn tăng trong tháng tới."
    morning.publish(["xe-buyt", "ca-phe", "du-lich", "bong-da", "lua-gao", "mua-lu", "dien-mat-troi", "hoc-sinh"],
                    {"ca-phe": edited})
    fifth = morning.digest("--quiet")
    assert fifth.returncode == 0, fifth.stderr.decode()
    third = morning.messages()[-1]
    assert len(morning.messages()) == 3
    assert "ca-phe" in delivered(third) and len(delivered(third)) == 4

    # Morning 6: start from now on a new source: `seen mark` takes what is there, sends nothing.
    morning.publish(["xe-buyt", "ca-phe", "du-lich", "bong-da", "lua-gao", "mua-lu", "dien-mat-troi", "hoc-sinh",
                     "san-bay"], {"ca-phe": edited})
    marked = morning.digest("seen", "mark")
    assert marked.returncode == 0 and b"1 article marked briefed" in marked.stderr, marked.stderr.decode()
    quiet = morning.digest("--quiet")
    assert (quiet.returncode, quiet.stdout) == (0, b"") and len(morning.messages()) == 3

    # Morning 7: one more article, and one forgotten on purpose comes again.
    morning.publish(["xe-buyt", "ca-phe", "du-lich", "bong-da", "lua-gao", "mua-lu", "dien-mat-troi", "hoc-sinh",
                     "san-bay", "y-te"], {"ca-phe": edited})
    forgot = morning.digest("seen", "forget", morning.site.url("/xe-buyt.html?utm_source=rss"))
    assert forgot.returncode == 0 and b"1 article forgotten" in forgot.stderr, forgot.stderr.decode()
    seventh = morning.digest("--quiet")
    assert seventh.returncode == 0, seventh.stderr.decode()
    assert delivered(morning.messages()[-1]) == ["xe-buyt", "y-te"]

    # Every article reached the mailbox exactly once, the edited one once more.
    counts: dict[str, int] = {}
    for message in morning.messages():
        for slug in delivered(message):
            counts[slug] = counts.get(slug, 0) + 1
    expected = {slug: 1 for slug in ARTICLES if slug != "san-bay"}  # san-bay: caught up, never sent
    expected["ca-phe"] = 2
    expected["xe-buyt"] = 2  # forgotten by hand
    assert counts == expected


def test_explicit_job_keys_and_named_jobs(morning, tmp_path):
    """`--job NAME` runs [jobs.NAME]; a run with inputs takes none of a job's keys; an
    unknown job is one line, exit 2."""
    morning.publish(["bong-da", "y-te"])
    morning.config.write_text(morning.config.read_text() + '\n[jobs.preview]\nsources = ["'
                              + morning.site.url("/feed.xml") + '"]\nformat = "json"\n', encoding="utf-8")
    preview = morning.digest("--job", "preview")
    assert preview.returncode == 0, preview.stderr.decode()
    assert preview.stdout.lstrip().startswith(b"{") and morning.messages() == []
    assert morning.seen() == []  # the named job has no `new`
    unknown = morning.digest("--job", "evening")
    assert unknown.returncode == 2 and unknown.stderr.count(b"\n") == 1 and b"[jobs.evening]" in unknown.stderr
    both = morning.digest("--job", "preview", SEEDS)
    assert both.returncode == 2 and b"--job preview runs the job's own sources" in both.stderr


def test_doctor_checks_the_config_and_the_delivery(morning, tmp_path):
    ready = morning.digest("doctor", "--lang", "vi")
    assert ready.returncode == 0, ready.stdout.decode()
    assert b"delivery" in ready.stdout and b"sendmail:" in ready.stdout
    # cron's PATH, no sendmail anywhere, none named: doctor says so before the run fails
    gone = run_digest("doctor", "--lang", "vi", env={**morning.env, "DIGEST_SENDMAIL": str(tmp_path / "nope")})
    assert gone.returncode == 1 and b"not found or not executable" in gone.stdout
    morning.config.write_text("sources = [\n", encoding="utf-8")
    broken = morning.digest("doctor", "--lang", "vi")
    assert broken.returncode == 2 and b"not a valid TOML config file" in broken.stdout
    morning.config.write_text(f'sources = ["{morning.site.url("/feed.xml")}", "{morning.site.url("/gone.xml")}"]\n',
                              encoding="utf-8")
    morning.publish(["y-te"])
    morning.site.status("/gone.xml", 404)
    network = morning.digest("doctor", "--lang", "vi", "--network")
    assert network.returncode == 1, network.stdout.decode()
    lines = network.stdout.decode().splitlines()
    assert any("feed.xml: answers" in line for line in lines)
    assert any("gone.xml" in line and "problem" in line for line in lines)


def test_the_readme_cron_recipe_runs_under_cron_environment(morning, tmp_path):
    """The README's config.toml and crontab lines, exactly, under `env -i`: PATH as the
    README writes it (its example directory replaced by where this venv's digest is), the
    config in the user's config dir with the feeds replaced by the test site's, and only
    the variables a crontab would set (the test model, the fake sendmail)."""
    import subprocess

    from tests.conftest import ROOT, TEST_MODEL, installed_digest

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    toml = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    crontab = readme.split("```crontab\n", 1)[1].split("```", 1)[0].splitlines()
    path_line = next(line for line in crontab if line.startswith("PATH="))
    job = next(line for line in crontab if line.startswith("0 6 * * * ")).removeprefix("0 6 * * * ")
    doctor = next(line.strip() for line in readme.splitlines() if "digest doctor" in line and "env -i" in line)
    example_bin = path_line.removeprefix("PATH=").split(":")[0]
    assert example_bin.endswith("/.venv/bin") and example_bin in doctor  # the README's install: a venv
    path = path_line.removeprefix("PATH=").replace(example_bin, str(installed_digest().parent))
    home = tmp_path / "home"
    (home / ".config" / "digest").mkdir(parents=True)
    sources = next(line for line in toml.splitlines() if line.startswith("sources = "))
    (home / ".config" / "digest" / "config.toml").write_text(
        toml.replace(sources, f'sources = ["{morning.site.url("/feed.xml")}"]') + "delay = 0\n", encoding="utf-8")
    morning.publish(["y-te", "san-bay"])
    cron = ["env", "-i", f"HOME={home}", f"PATH={path}", "LANG=C", f"DIGEST_MODEL={TEST_MODEL}",
            f"DIGEST_SENDMAIL={morning.env['DIGEST_SENDMAIL']}", f"DIGEST_DATA_DIR={morning.env['DIGEST_DATA_DIR']}",
            "NO_PROXY=*"]
    checked = subprocess.run([*cron, "sh", "-c", doctor.split(" LANG=C ", 1)[1]], capture_output=True, timeout=300,
                             cwd=home)
    assert checked.returncode == 0, checked.stdout.decode()
    assert b"sendmail:" in checked.stdout and b"feed.xml: answers" in checked.stdout
    ran = subprocess.run([*cron, "sh", "-c", job], capture_output=True, timeout=300, cwd=home)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, b"", b""), ran.stderr.decode()
    [message] = morning.messages()
    assert delivered(message) == ["san-bay", "y-te"] and message["To"] == "me@example.org"


def test_every_on_off_option_has_its_no_form():
    """A config file can switch an option on; the command line must be able to switch it off."""
    import click

    from digest.cli import COMMANDS, main

    def commands(group: click.Group, ctx: click.Context):
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                yield from commands(command, ctx)
            elif command is not None:
                yield command

    ctx = click.Context(main)
    found = list(commands(main, ctx))
    assert len(found) >= len(COMMANDS)
    for command in found:
        for param in command.params:
            if isinstance(param, click.Option) and param.is_flag and param.name not in ("help", "everything"):
                assert param.secondary_opts, f"{command.name} {param.opts}: no --no- form"


def test_a_folder_named_like_a_command_is_an_input_when_written_as_a_path(tmp_path):
    import shutil
    import subprocess

    from tests.conftest import installed_digest

    for name in ("seen", "sources"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder)
        for spelt in (f"{name}/", f"./{name}"):
            done = subprocess.run([str(installed_digest()), spelt, "--lang", "vi", "--format", "json"], cwd=tmp_path,
                                  capture_output=True, timeout=300)
            assert done.returncode == 0, done.stderr.decode()
            assert done.stdout.count(b'"title":') >= 1


def test_on_a_terminal_a_run_says_that_it_ran_the_job_mailed_and_marked(morning, monkeypatch):
    from tests.test_cron import run_with_terminal_stderr

    for name, value in morning.env.items():
        monkeypatch.setenv(name, value)
    morning.publish(["y-te", "san-bay"])
    status, stdout, shown = run_with_terminal_stderr()
    assert status == 0 and stdout == b"", shown
    assert "ran the config file's default job" in shown
    assert "mailed the briefing to me@example.org" in shown
    assert "2 articles marked briefed (--new)" in shown
    status, _, shown = run_with_terminal_stderr()
    assert status == 0 and "nothing new since the last --new run" in shown and "mailed" not in shown
