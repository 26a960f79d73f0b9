"""`digest sources`: the config file's sources edited in place, and OPML in and out.

Every test works on a config file under tmp_path (--config, $DIGEST_CONFIG, or the
default location under the XDG_CONFIG_HOME that conftest points at tmp); HOME is tmp too.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import stat
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from digest import config
from digest.cli import main
from digest.errors import UsageError
from digest.subscriptions import Feed, add_sources, list_feeds, list_sources, read_opml, remove_sources, write_opml
from tests.conftest import FIXTURES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

OPML = FIXTURES / "feeds-reader-export.opml"
FIXTURE_FEEDS = [  # in document order, the second Tuổi Trẻ subscription (same feed, tracking parameters) once
    "https://vnexpress.net/rss/tin-moi-nhat.rss",
    "https://tuoitre.vn/rss/tin-moi-nhat.rss",
    "https://thanhnien.vn/rss/home.rss",
    "https://vnexpress.net/rss/the-gioi.rss",
    "https://tuoitre.vn/rss/the-gioi.rss",
    "https://vnexpress.net/rss/kinh-doanh.rss",
    "https://dantri.com.vn/rss/kinh-doanh.rss",
    "https://www.vietnamplus.vn/rss/home.rss",
]
CONFIG = """\
# digest: the morning briefing for the family
lang = "en"   # English, please
format = "md"

# what the cron job reads
sources = [
    "https://vnexpress.net/rss/tin-moi-nhat.rss",  # VnExpress
    # "https://example.com/paused.rss",
    "https://tuoitre.vn/rss/tin-moi-nhat.rss",
]
to = ["me@example.com", "mum@example.com"]  # both of us
new = true

[jobs.evening]  # a second job
sources = ["https://thanhnien.vn/rss/home.rss"]
subject = "Tối nay"
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE opml [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<opml version="2.0"><head><title>&lol9;</title></head>
<body><outline text="&lol9;" type="rss" xmlUrl="https://vnexpress.net/rss/&lol9;.rss"/></body></opml>
"""


@pytest.fixture(autouse=True)
def tmp_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def digest(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def lines(text):
    return [line for line in text.splitlines() if line.strip()]


def one_line(result, exit_code):
    """The result failed (or not) with exit_code and said exactly one line on stderr."""
    assert result.exit_code == exit_code, (result.stdout, result.stderr)
    assert len(lines(result.stderr)) == 1 and result.stderr.startswith("digest: "), result.stderr
    return result.stderr.strip()


@pytest.fixture
def cfg(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def outside_sources(text):
    """The text before the top-level `sources = [` and after its closing `]`."""
    start = text.index("\nsources = [")
    end = text.index("\n]\n", start)
    return text[:start], text[end + 3:]


# --- add, list, remove --------------------------------------------------------------------

def test_add_list_remove_round_trip_keeps_everything_else_byte_for_byte(cfg):
    added = digest("sources", "add", "--config", cfg, "https://thanhnien.vn/rss/thoi-su.rss",
                   "https://dantri.com.vn/rss/home.rss")
    assert one_line(added, 0) == f"digest: added 2 sources to {cfg}"
    assert added.stdout == ""
    text = cfg.read_text(encoding="utf-8")
    assert outside_sources(text) == outside_sources(CONFIG)
    assert '    "https://vnexpress.net/rss/tin-moi-nhat.rss",  # VnExpress\n' in text  # the user's comments stay
    assert '    # "https://example.com/paused.rss",\n' in text

    listed = digest("sources", "list", "--config", cfg)
    assert listed.exit_code == 0 and listed.stderr == ""
    assert listed.stdout.splitlines() == ["https://vnexpress.net/rss/tin-moi-nhat.rss",
                                          "https://tuoitre.vn/rss/tin-moi-nhat.rss",
                                          "https://thanhnien.vn/rss/thoi-su.rss",
                                          "https://dantri.com.vn/rss/home.rss"]

    removed = digest("sources", "remove", "--config", cfg, "https://thanhnien.vn/rss/thoi-su.rss",
                     "https://dantri.com.vn/rss/home.rss")
    assert one_line(removed, 0) == f"digest: removed 2 sources from {cfg}"
    assert cfg.read_bytes() == CONFIG.encode("utf-8")


def test_adding_a_source_already_there_is_a_no_op_that_says_so(cfg):
    before = cfg.stat().st_mtime_ns
    # the same feed, up to the host's case, tracking parameters and the fragment
    result = digest("sources", "add", "--config", cfg, "https://VNEXPRESS.net/rss/tin-moi-nhat.rss?utm_source=zalo#top",
                    "https://tuoitre.vn/rss/tin-moi-nhat.rss")
    assert one_line(result, 0) == f"digest: added 0 sources to {cfg} (2 already there)"
    assert cfg.read_bytes() == CONFIG.encode("utf-8") and cfg.stat().st_mtime_ns == before

    twice = digest("sources", "add", "--config", cfg, "https://a.example/rss", "https://a.example/rss")
    assert one_line(twice, 0) == f"digest: added 1 source to {cfg} (1 already there)"
    assert list_sources(cfg).count("https://a.example/rss") == 1


def test_removing_a_source_not_there_says_so_and_exits_1(cfg):
    """Documented: exit 1 when some named source was not in the list; the others are removed."""
    result = digest("sources", "remove", "--config", cfg, "https://nowhere.example/rss",
                    "https://tuoitre.vn/rss/tin-moi-nhat.rss?utm_medium=social")
    assert one_line(result, 1) == (f"digest: removed 1 source from {cfg}; not in the list: "
                                   "https://nowhere.example/rss")
    assert list_sources(cfg) == ["https://vnexpress.net/rss/tin-moi-nhat.rss"]

    nothing = digest("sources", "remove", "--config", cfg, "https://nowhere.example/rss")
    assert one_line(nothing, 1).endswith("not in the list: https://nowhere.example/rss")
    assert list_sources(cfg) == ["https://vnexpress.net/rss/tin-moi-nhat.rss"]


def test_job_writes_its_own_table(cfg):
    result = digest("sources", "add", "--config", cfg, "--job", "evening", "https://vnexpress.net/rss/the-gioi.rss")
    assert one_line(result, 0) == f"digest: added 1 source to [jobs.evening] in {cfg}"
    made = digest("sources", "add", "--config", cfg, "--job", "weekend", "https://tuoitre.vn/rss/van-hoa.rss")
    assert one_line(made, 0) == f"digest: added 1 source to [jobs.weekend] in {cfg}"

    data = tomllib.loads(cfg.read_text(encoding="utf-8"))
    assert data["sources"] == ["https://vnexpress.net/rss/tin-moi-nhat.rss", "https://tuoitre.vn/rss/tin-moi-nhat.rss"]
    assert data["jobs"]["evening"] == {"sources": ["https://thanhnien.vn/rss/home.rss",
                                                   "https://vnexpress.net/rss/the-gioi.rss"],
                                       "subject": "Tối nay"}
    assert data["jobs"]["weekend"] == {"sources": ["https://tuoitre.vn/rss/van-hoa.rss"]}
    assert cfg.read_text(encoding="utf-8").endswith('\n[jobs.weekend]\nsources = [\n    "https://tuoitre.vn/rss/van-hoa.rss",\n]\n')
    assert digest("sources", "list", "--config", cfg, "--job", "weekend").stdout == "https://tuoitre.vn/rss/van-hoa.rss\n"
    # what a run of the job reads (digest.config) is what was written
    assert config.job_sources(str(cfg), "weekend") == ("https://tuoitre.vn/rss/van-hoa.rss",)


def test_a_job_the_file_lacks(cfg):
    for command in ("list", "export"):
        result = digest("sources", command, "--config", cfg, "--job", "nightly")
        assert one_line(result, 2) == f"digest: --job nightly: {cfg} has no [jobs.nightly] (jobs: evening)"
        assert result.stdout == ""
    bad = digest("sources", "add", "--config", cfg, "--job", "a b", "https://vnexpress.net/rss/the-gioi.rss")
    assert "a new job's name is letters, digits" in one_line(bad, 2)
    assert cfg.read_bytes() == CONFIG.encode("utf-8")


def test_a_one_line_list_becomes_one_source_a_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('lang = "vi"\nsources = ["https://vnexpress.net/rss/tin-moi-nhat.rss"]  # mine\n', encoding="utf-8")
    add_sources(path, ["https://tuoitre.vn/rss/tin-moi-nhat.rss"])
    assert path.read_text(encoding="utf-8") == ('lang = "vi"\nsources = [\n'
                                                '    "https://vnexpress.net/rss/tin-moi-nhat.rss",\n'
                                                '    "https://tuoitre.vn/rss/tin-moi-nhat.rss",\n]  # mine\n')


def test_paths_are_saved_absolute_and_matched_however_spelt(tmp_path, monkeypatch):
    (tmp_path / "saved").mkdir()
    (tmp_path / "saved" / "a.html").write_text("<p>x</p>", encoding="utf-8")
    path = tmp_path / "conf" / "config.toml"
    monkeypatch.chdir(tmp_path)
    assert add_sources(path, ["saved/a.html"]) == [str(tmp_path / "saved" / "a.html")]
    assert add_sources(path, ["./saved/../saved/a.html"]) == []
    monkeypatch.chdir(tmp_path / "saved")
    assert remove_sources(path, ["a.html"]) == ["a.html"]
    assert list_sources(path) == []


@pytest.mark.parametrize("bad, said", [
    ("ftp://vnexpress.net/rss", "ftp://vnexpress.net/rss: not an http(s) link: ftp:..."),
    ("https://", "https://: not a valid URL (no host)"),
    ("tin-moi-nhat.rss", "tin-moi-nhat.rss: not an http(s) URL, and no such file or directory"),
    ("-", "-: stdin cannot be a saved source"),
])
def test_a_bad_source_is_one_line_and_nothing_is_written(cfg, bad, said):
    result = digest("sources", "add", "--config", cfg, "https://vnexpress.net/rss/the-gioi.rss", bad)
    assert one_line(result, 2).startswith(f"digest: {said}")
    assert cfg.read_bytes() == CONFIG.encode("utf-8")


# --- the config file ----------------------------------------------------------------------

def test_invalid_toml_is_one_line_and_the_file_is_unchanged(tmp_path):
    path = tmp_path / "config.toml"
    broken = b'lang = "en"\nsources = ["https://vnexpress.net/rss/tin-moi-nhat.rss"\n'
    path.write_bytes(broken)
    for args in (["add", "https://tuoitre.vn/rss/tin-moi-nhat.rss"], ["list"], ["remove", "https://x.example/"],
                 ["import", OPML], ["export"]):
        result = digest("sources", *args, "--config", path)
        assert one_line(result, 2).startswith(f"digest: {path}: not a valid TOML config file (")
        assert result.stdout == ""
    assert path.read_bytes() == broken
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]  # no temporary file left


def test_sources_of_the_wrong_type_is_one_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('sources = "https://vnexpress.net/rss/tin-moi-nhat.rss"\n', encoding="utf-8")
    result = digest("sources", "add", "--config", path, "https://tuoitre.vn/rss/tin-moi-nhat.rss")
    assert one_line(result, 2) == f"digest: {path}: 'sources' must be a list of URLs and paths"


def test_config_from_the_environment_is_created_with_its_directories(tmp_path, monkeypatch):
    path = tmp_path / "new" / "dir" / "config.toml"
    monkeypatch.setenv("DIGEST_CONFIG", str(path))
    result = digest("sources", "add", "https://vnexpress.net/rss/tin-moi-nhat.rss")
    assert one_line(result, 0) == f"digest: added 1 source to {path}"
    assert path.read_text(encoding="utf-8") == 'sources = [\n    "https://vnexpress.net/rss/tin-moi-nhat.rss",\n]\n'


def test_config_is_created_at_the_default_place_when_there_is_none(tmp_path):
    listed = digest("sources", "list")
    assert listed.exit_code == 0 and listed.stdout == ""
    assert "no config file yet" in one_line(listed, 0)
    result = digest("sources", "import", OPML)
    default = tmp_path / "xdg" / "digest" / "config.toml"
    assert one_line(result, 0) == f"digest: added 8 feeds of {OPML} to {default} (1 already there)"
    assert config.default_config_path() == default
    assert digest("sources", "list").stdout.splitlines() == FIXTURE_FEEDS


def test_permissions_are_kept_and_a_symlink_stays_a_symlink(tmp_path, cfg):
    cfg.chmod(0o600)
    link = tmp_path / "link.toml"
    link.symlink_to(cfg)
    assert digest("sources", "add", "--config", link, "https://vnexpress.net/rss/the-gioi.rss").exit_code == 0
    assert link.is_symlink()
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
    assert "https://vnexpress.net/rss/the-gioi.rss" in list_sources(cfg)


def test_a_config_that_cannot_be_written_exits_1(tmp_path):
    (tmp_path / "not-a-dir").write_text("x", encoding="utf-8")
    path = tmp_path / "not-a-dir" / "config.toml"
    result = digest("sources", "add", "--config", path, "https://vnexpress.net/rss/the-gioi.rss")
    assert one_line(result, 1) == f"digest: {path}: cannot write (Not a directory)"


# --- OPML ---------------------------------------------------------------------------------

def test_read_opml_takes_every_feed_at_any_depth_with_its_title():
    feeds = read_opml(OPML)
    assert [f.url for f in feeds] == [*FIXTURE_FEEDS[:7], "https://TUOITRE.vn/rss/tin-moi-nhat.rss?utm_source=zalo&zarsrc=30",
                                      FIXTURE_FEEDS[7]]
    assert feeds[0] == Feed("https://vnexpress.net/rss/tin-moi-nhat.rss", "VnExpress - Tin mới nhất")  # title over text
    assert feeds[2] == Feed("https://thanhnien.vn/rss/home.rss", "Thanh Niên - Trang chủ")  # text when no title


def test_the_fixture_imports_to_the_exact_list_of_feeds_with_titles_as_comments(cfg, tmp_path):
    path = tmp_path / "imported.toml"
    result = digest("sources", "import", "--config", path, OPML)
    assert one_line(result, 0) == f"digest: added 8 feeds of {OPML} to {path} (1 already there)"
    assert list_sources(path) == FIXTURE_FEEDS
    text = path.read_text(encoding="utf-8")
    assert '    "https://tuoitre.vn/rss/the-gioi.rss", # Tuổi Trẻ - Thế giới\n' in text
    assert list_feeds(path)[6] == Feed("https://dantri.com.vn/rss/kinh-doanh.rss", "Dân trí - Kinh doanh")

    again = digest("sources", "import", "--config", path, OPML)
    assert one_line(again, 0) == f"digest: added 0 feeds of {OPML} to {path} (9 already there)"

    into_existing = digest("sources", "import", "--config", cfg, "-", input=OPML.read_bytes())
    assert one_line(into_existing, 0) == f"digest: added 6 feeds of - to {cfg} (3 already there)"
    assert outside_sources(cfg.read_text(encoding="utf-8")) == outside_sources(CONFIG)


def test_export_is_opml_2_and_imports_back_to_the_same_list(tmp_path):
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    digest("sources", "import", "--config", first, OPML)
    exported = digest("sources", "export", "--config", first)
    assert exported.exit_code == 0 and exported.stderr == ""

    root = ET.fromstring(exported.stdout.encode("utf-8"))
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert [child.tag for child in root] == ["head", "body"]
    assert root.findtext("head/title") == "digest sources"
    created = email.utils.parsedate_to_datetime(root.findtext("head/dateCreated"))
    assert abs(created - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)
    outlines = root.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == FIXTURE_FEEDS
    assert all(o.get("type") == "rss" and o.get("text") for o in outlines)
    assert outlines[1].get("title") == "Tuổi Trẻ Online - Tin mới nhất"

    out = tmp_path / "feeds.opml"
    written = digest("sources", "export", "--config", first, "--out", out)
    assert one_line(written, 0) == f"digest: wrote 8 feeds to {out}"
    back = digest("sources", "import", "--config", second, out)
    assert back.exit_code == 0
    assert list_sources(second) == list_sources(first)
    assert list_feeds(second) == list_feeds(first)


def test_write_opml_is_deterministic_escapes_and_leaves_paths_out():
    created = dt.datetime(2026, 11, 23, 6, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    text, skipped = write_opml([Feed("https://a.example/rss?x=1&y=2", 'Tin "nóng" & <mới>'), "/home/me/saved",
                                "https://b.example/rss"], "Tin tức", created)
    assert skipped == 1
    assert text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>Tin tức</title>\n'
        "    <dateCreated>Mon, 23 Nov 2026 06:30:00 +0700</dateCreated>\n  </head>\n  <body>\n"
        '    <outline type="rss" text="Tin &quot;nóng&quot; &amp; &lt;mới&gt;" title="Tin &quot;nóng&quot; &amp; '
        '&lt;mới&gt;" xmlUrl="https://a.example/rss?x=1&amp;y=2"/>\n'
        '    <outline type="rss" text="https://b.example/rss" title="https://b.example/rss" '
        'xmlUrl="https://b.example/rss"/>\n'
        "  </body>\n</opml>\n")
    assert read_opml(text.encode("utf-8")) == [Feed("https://a.example/rss?x=1&y=2", 'Tin "nóng" & <mới>'),
                                              Feed("https://b.example/rss", "https://b.example/rss")]


def test_export_says_how_many_paths_it_left_out(tmp_path):
    article = tmp_path / "a.html"
    article.write_text("<p>x</p>", encoding="utf-8")
    path = tmp_path / "config.toml"
    add_sources(path, [str(article), "https://vnexpress.net/rss/tin-moi-nhat.rss"])
    result = digest("sources", "export", "--config", path)
    assert one_line(result, 0) == "digest: left out 1 path: OPML lists feeds (URLs) only"
    assert result.stdout.count("<outline ") == 1


@pytest.mark.parametrize("document", [
    BILLION_LAUGHS,
    b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.example/rss"/></body></opml>',
    b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
    b'<opml version="2.0"><body/></opml>',
])
def test_an_opml_that_declares_entities_is_refused_and_nothing_is_written(tmp_path, document):
    opml = tmp_path / "evil.opml"
    opml.write_bytes(document)
    path = tmp_path / "config.toml"
    result = digest("sources", "import", "--config", path, opml)
    assert one_line(result, 2) == f"digest: {opml}: declares XML entities (refused: an OPML export never does)"
    assert not path.exists()
    with pytest.raises(UsageError):
        read_opml(document)


@pytest.mark.parametrize("document, said", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "not an OPML file (its root element is <rss>); "
                                                                    "a feed is added with `digest sources add URL`"),
    (b"<opml><body><outline xmlUrl='https://a.example/rss'></body></opml>", "not an OPML file (mismatched tag, line 1)"),
    (b"", "not an OPML file (no element found, line 1)"),
    ('<opml version="2.0"><body><outline text="Tin tức"/></body></opml>'.encode(),
     "no feeds in it (no outline with an xmlUrl)"),
])
def test_what_is_not_opml_is_one_line(tmp_path, document, said):
    path = tmp_path / "config.toml"
    result = digest("sources", "import", "--config", path, "-", input=document)
    assert one_line(result, 2) == f"digest: -: {said}"
    assert not path.exists()


def test_feeds_that_are_not_http_are_skipped_with_a_count(tmp_path):
    path = tmp_path / "config.toml"
    opml = (b'<opml version="2.0"><body><outline text="a" xmlUrl="feed://vnexpress.net/rss/x.rss"/>'
            b'<outline text="b" xmlUrl="https://vnexpress.net/rss/the-gioi.rss"/></body></opml>')
    result = digest("sources", "import", "--config", path, "-", input=opml)
    assert one_line(result, 0) == f"digest: added 1 feed of - to {path}, 1 feed skipped: not an http(s) URL"
    assert list_sources(path) == ["https://vnexpress.net/rss/the-gioi.rss"]


def test_help_explains_each_command():
    result = digest("sources", "--help")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:\n")[1].splitlines()]
    assert listed == ["add", "list", "remove", "import", "export"]
    for command in ("add", "list", "remove", "import", "export"):
        text = digest("sources", command, "--help").stdout
        assert "--config FILE" in text and "--job NAME" in text and "Exit status" in text


def test_a_windows_file_keeps_its_line_ends(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'lang = "en"\r\nsources = [\r\n    "https://vnexpress.net/rss/tin-moi-nhat.rss",\r\n]\r\n')
    add_sources(path, ["https://tuoitre.vn/rss/tin-moi-nhat.rss"])
    assert path.read_bytes() == (b'lang = "en"\r\nsources = [\r\n    "https://vnexpress.net/rss/tin-moi-nhat.rss",\r\n'
                                 b'    "https://tuoitre.vn/rss/tin-moi-nhat.rss",\r\n]\r\n')


def test_spaces_around_a_url_are_not_kept(cfg):
    assert add_sources(cfg, ["  https://vnexpress.net/rss/the-gioi.rss\n"]) == ["https://vnexpress.net/rss/the-gioi.rss"]
    assert remove_sources(cfg, [" https://vnexpress.net/rss/the-gioi.rss "]) == [" https://vnexpress.net/rss/the-gioi.rss "]
    assert cfg.read_bytes() == CONFIG.encode("utf-8")
