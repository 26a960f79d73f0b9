"""Feeds and URLs as inputs, end to end through the installed `digest` (the issue's
"Done when"), against a news site on 127.0.0.1 that the test starts."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.conftest import installed_digest, run_digest
from tests.live_server import ITEMS, rss, serve


@pytest.fixture
def site():
    yield from serve()


def _env() -> dict[str, str]:
    return {"DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"], "NO_PROXY": "*"}


def test_a_feed_is_digested_item_by_item(site):
    site.page("/feed.xml", rss(ITEMS, site.url("")), "application/rss+xml")
    done = run_digest(site.url("/feed.xml"), "--lang", "vi", "--delay", "0", env=_env())
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    for title, _ in ITEMS:
        assert title in out


def test_new_twice_then_one_more_item(site):
    feed = site.url("/feed.xml")
    site.page("/feed.xml", rss(ITEMS[:2], site.url("")), "application/rss+xml")
    first = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", "--format", "json", env=_env())
    assert first.returncode == 0, first.stderr.decode()
    assert [a["title"] for a in json.loads(first.stdout)["articles"]] == [t for t, _ in ITEMS[:2]][::-1]
    second = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", env=_env())
    assert (second.returncode, second.stdout, second.stderr) == (0, b"", b"")
    site.page("/feed.xml", rss(ITEMS, site.url("")), "application/rss+xml")
    third = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", "--format", "json", env=_env())
    assert third.returncode == 0, third.stderr.decode()
    assert [a["title"] for a in json.loads(third.stdout)["articles"]] == [ITEMS[2][0]]


def test_a_changed_text_is_new_again_marked_updated(site):
    feed = site.url("/feed.xml")
    site.page("/feed.xml", rss(ITEMS[:1], site.url("")), "application/rss+xml")
    assert run_digest(feed, "--lang", "vi", "--new", "--delay", "0", env=_env()).returncode == 0
    changed = [(ITEMS[0][0], ITEMS[0][1] + " Tuyến thứ tư sẽ mở vào cuối năm.")]
    site.page("/feed.xml", rss(changed, site.url("")), "application/rss+xml")
    again = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", "--format", "json", env=_env())
    [article] = json.loads(again.stdout)["articles"]
    assert article["updated"] is True


def test_a_failed_stdout_briefs_nothing(site):
    feed = site.url("/feed.xml")
    site.page("/feed.xml", rss(ITEMS[:1], site.url("")), "application/rss+xml")
    failed = subprocess.run(f'"{installed_digest()}" {feed} --lang vi --new --delay 0 > /dev/full', shell=True,
                            capture_output=True, env={**os.environ, **_env()}, timeout=300)
    assert failed.returncode == 1 and b"cannot write the briefing" in failed.stderr
    assert ITEMS[0][0] in run_digest(feed, "--lang", "vi", "--new", "--delay", "0", env=_env()).stdout.decode()


def _fake_sendmail(tmp_path, code: int):
    script = tmp_path / "sendmail"
    script.write_text(f'#!/bin/sh\ncat > "{tmp_path}/mail.$$"\nexit {code}\n')
    script.chmod(0o755)
    return {**_env(), "DIGEST_SENDMAIL": str(script)}


def test_sendmail_marks_briefed_only_when_it_exits_0(site, tmp_path):
    feed = site.url("/feed.xml")
    site.page("/feed.xml", rss(ITEMS[:2], site.url("")), "application/rss+xml")
    args = (feed, "--lang", "vi", "--new", "--delay", "0", "--sendmail", "--to", "me@example.org")
    broken = run_digest(*args, env=_fake_sendmail(tmp_path, 75))
    assert broken.returncode == 1 and b"sendmail exited 75" in broken.stderr
    sent = run_digest(*args, env=_fake_sendmail(tmp_path, 0))
    assert sent.returncode == 0 and sent.stdout == b"", sent.stderr
    mails = sorted(tmp_path.glob("mail.*"))
    assert len(mails) == 2 and b"To: me@example.org" in mails[-1].read_bytes()
    quiet = run_digest(*args, env=_fake_sendmail(tmp_path, 0))
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, b"", b"")
    assert len(list(tmp_path.glob("mail.*"))) == 2  # no mail on a day with no news


def test_out_dir_marks_briefed_and_an_undated_article_keeps_its_first_date(site, tmp_path):
    out = tmp_path / "out"
    site.page("/p", "<html><head><title>Tin không ngày</title></head><body><article><h1>Tin không ngày</h1>"
              "<p>Một bài không ghi ngày đăng nhưng có đủ nội dung để tóm tắt.</p>"
              "<p>Câu thứ hai của bài viết cũng khá dài.</p></article></body></html>")
    url = site.url("/p")
    first = run_digest(url, "--lang", "vi", "--out", out, "--run-date", "2024-05-01", "--delay", "0", env=_env())
    assert first.returncode == 0, first.stderr.decode()
    later = run_digest(url, "--lang", "vi", "--out", out, "--run-date", "2024-05-09", "--delay", "0", env=_env())
    assert later.returncode == 0, later.stderr.decode()
    assert [p.name[:10] for p in out.glob("*.md")] == ["2024-05-01"]


def test_sources_file_and_config_file(site, tmp_path):
    site.page("/feed.xml", rss(ITEMS[:1], site.url("")), "application/rss+xml")
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# morning feeds\n{site.url('/feed.xml')}  # Báo Thử\n\n")
    config = tmp_path / "digest.toml"
    config.write_text(f'sources = ["{site.url("/feed.xml")}"]\nlang = "vi"\nformat = "json"\ndelay = 0\n')
    from_file = run_digest("--sources", sources, "--lang", "vi", "--delay", "0", env=_env())
    assert ITEMS[0][0] in from_file.stdout.decode()
    from_config = run_digest("--config", config, env=_env())
    assert json.loads(from_config.stdout)["articles"][0]["title"] == ITEMS[0][0]
    overridden = run_digest("--config", config, "--format", "text", env=_env())
    assert not overridden.stdout.startswith(b"{")
    bad = tmp_path / "bad.toml"
    bad.write_text('colour = "blue"\n')
    refused = run_digest("--config", bad, env=_env())
    assert refused.returncode == 2 and b"unknown setting 'colour'" in refused.stderr


def test_doctor_names_a_feed_that_failed_several_runs_in_a_row(site):
    site.status("/dead.xml", 500)
    site.page("/feed.xml", rss(ITEMS[:1], site.url("")), "application/rss+xml")
    for _ in range(3):
        run_digest(site.url("/dead.xml"), site.url("/feed.xml"), "--lang", "vi", "--delay", "0", env=_env())
    doctor = run_digest("doctor", "--lang", "vi", env=_env())
    assert doctor.returncode == 1
    lines = [line for line in doctor.stdout.decode().splitlines() if line.startswith("source")]
    assert len(lines) == 1 and "/dead.xml: failed 3 runs in a row (last:" in lines[0] and "HTTP 500" in lines[0]


def test_fetching_shows_a_counter_on_a_terminal_and_nothing_otherwise(site, monkeypatch):
    from tests.test_cron import run_with_terminal_stderr

    monkeypatch.setenv("NO_PROXY", "*")
    site.page("/feed.xml", rss(ITEMS, site.url("")), "application/rss+xml")
    status, stdout, shown = run_with_terminal_stderr(site.url("/feed.xml"), "--lang", "vi", "--delay", "0")
    assert status == 0 and ITEMS[0][0] in stdout.decode()
    assert "Fetching: 1 of 1 URLs" in shown
    status, _, shown = run_with_terminal_stderr(site.url("/feed.xml"), "--lang", "vi", "--delay", "0", "--quiet")
    assert status == 0 and shown == ""
    piped = run_digest(site.url("/feed.xml"), "--lang", "vi", "--delay", "0", env=_env())  # stderr a pipe, as under cron
    assert piped.returncode == 0 and piped.stderr == b""


def test_the_fetch_counter_counts_a_feeds_links_as_they_are_added(site):
    from digest.fetch import Fetcher, FetchOptions, fetch_sources

    for number in range(3):
        site.page(f"/p{number}", f"<html><body><article><h1>Bài {number}</h1><p>{ITEMS[0][1]}</p></article></body></html>")
    links = "".join(f"<item><title>Bài {n}</title><link>{site.url(f'/p{n}')}</link></item>" for n in range(3))
    site.page("/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{links}</channel></rss>',
              "application/rss+xml")
    seen: list[tuple[int, int]] = []
    with Fetcher(FetchOptions(delay=0), progress=lambda done, total: seen.append((done, total))) as fetcher:
        fetch_sources([site.url("/feed.xml")], fetcher)
    assert seen[0] == (0, 1) and seen[-1] == (4, 4)  # the feed, then its three links
    assert all(done <= total for done, total in seen)


FOLLOW_UP = ("Hà Nội chốt ngày chạy ba tuyến buýt điện mới",
             "Sở Giao thông vận tải Hà Nội cho biết ba tuyến xe buýt điện mới sẽ chạy từ ngày 1/6. "
             "Các tuyến buýt điện nối trung tâm Hà Nội với các khu đô thị phía tây. "
             "Giá vé buýt điện được giữ như các tuyến buýt thường.")


def test_new_shows_a_story_with_news_and_marks_what_was_briefed_before(site):
    feed = site.url("/feed.xml")
    site.page("/feed.xml", rss(ITEMS[:2], site.url("")), "application/rss+xml")
    assert run_digest(feed, "--lang", "vi", "--new", "--delay", "0", env=_env()).returncode == 0
    site.page("/feed.xml", rss([*ITEMS[:2], FOLLOW_UP], site.url("")), "application/rss+xml")
    done = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", "--format", "json", env=_env())
    assert done.returncode == 0, done.stderr.decode()
    briefing = json.loads(done.stdout)
    [story] = briefing["stories"]  # the bus story has news; the coffee story has none
    marks = {line["input"].rsplit("/", 1)[-1]: line["briefed_before"] for line in story["timeline"]}
    assert marks == {"bai-1.html": True, "bai-3.html": False}
    assert {a["title"] for a in briefing["articles"]} == {ITEMS[0][0], FOLLOW_UP[0]}
    text = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", env=_env())
    assert (text.returncode, text.stdout) == (0, b"")  # the follow-up was briefed: nothing is new now


@pytest.mark.parametrize("grouping", [["--no-stories"], []], ids=["no-stories", "stories"])
def test_max_items_with_new_leaves_the_rest_for_the_next_run(site, grouping):
    """Only what a briefing holds counts as briefed: --max-items 1 delivers one item, and
    the next --new run the ones left out, none twice, none lost."""
    feed = site.url("/feed.xml")
    site.page("/feed.xml", rss(ITEMS, site.url("")), "application/rss+xml")
    seen: list[str] = []
    for _ in range(len(ITEMS)):
        done = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", "--format", "json", "--max-items", 1,
                          *grouping, env=_env())
        assert done.returncode == 0, done.stderr.decode()
        if not done.stdout:
            break
        seen += [a["title"] for a in json.loads(done.stdout)["articles"]]
    assert sorted(seen) == sorted(title for title, _ in ITEMS)
    rest = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", env=_env())
    assert (rest.returncode, rest.stdout) == (0, b"")
