"""`--format eml`: a complete RFC 5322 message for `sendmail -t`, parsed back with
Python's email package."""
from __future__ import annotations

import email.policy
import email.utils
import html
import json
from dataclasses import replace
from email.parser import BytesParser

import pytest

from digest.errors import UsageError
from digest.render import MailOptions, render_briefing
from tests.conftest import SEEDS, TEST_MODEL
from tests.render_digests import MIXED, RUN_DATE, VI, run_digest


def eml(*args):
    completed = run_digest(SEEDS, "--format", "eml", "--no-stories", "--run-date", RUN_DATE, *args)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    assert completed.stderr == b""
    return completed.stdout


def parse(raw: bytes):
    return BytesParser(policy=email.policy.default).parsebytes(raw)


def title_marker(record: dict) -> str:
    """The quality-flag marker a heading shows after a flagged English title."""
    from digest.qa import Flag
    from digest.render.common import flag_marker

    return flag_marker([Flag(f["kind"], f["detail"]) for f in record.get("flags", []) if f["where"] == "title"])


def seed_titles(*args) -> list[str]:
    completed = run_digest(SEEDS, "--format", "json", *args)
    return [(a.get("title_en") or a["title"]) + title_marker(a) for a in json.loads(completed.stdout)["articles"]]


def unwrapped(text: str) -> str:
    """The text part is wrapped at 78 columns: compare with whitespace collapsed."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def vietnamese_message():
    raw = eml("--lang", "vi", "--to", "Người đọc <reader@example.org>")
    return raw, parse(raw)


def test_message_has_the_headers_sendmail_t_needs(vietnamese_message):
    _, message = vietnamese_message
    assert message["To"].addresses[0].addr_spec == "reader@example.org"
    assert message["To"].addresses[0].display_name == "Người đọc"
    # from the reader's own mailbox, named digest: no made-up digest@<hostname> for a server to refuse
    assert message["From"].addresses[0].addr_spec == "reader@example.org"
    assert message["From"].addresses[0].display_name == "digest"
    assert message["MIME-Version"] == "1.0"
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
    sent = email.utils.parsedate_to_datetime(message["Date"])
    assert sent.tzinfo is not None


def test_default_subject_names_the_date_and_count(vietnamese_message):
    _, message = vietnamese_message
    assert message["Subject"] == f"Bản tin / News digest — {RUN_DATE} — 5 articles"


def test_message_is_multipart_alternative_with_text_then_html(vietnamese_message):
    _, message = vietnamese_message
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    assert message.get_body(preferencelist=("plain",)) is parts[0]
    assert message.get_body(preferencelist=("html",)) is parts[1]


def test_both_parts_carry_every_vietnamese_title_newest_first(vietnamese_message):
    _, message = vietnamese_message
    titles = [unwrapped(t) for t in seed_titles("--lang", "vi")]
    for part in message.iter_parts():
        content = unwrapped(html.unescape(part.get_content()) if part.get_content_subtype() == "html"
                            else part.get_content())
        assert all(title in content for title in titles)
        assert sorted(titles, key=content.index) == titles


def test_message_is_seven_bit_clean_with_lf_line_ends(vietnamese_message):
    raw, _ = vietnamese_message
    raw.decode("ascii")  # headers RFC 2047, bodies base64 or quoted-printable
    assert b"\r\n" not in raw and raw.endswith(b"\n")
    assert raw.split(b"\n\n", 1)[0].count(b"\nSubject:") + raw.startswith(b"Subject:") == 1


def test_to_from_and_subject_options_are_used():
    raw = eml("--lang", "vi", "--to", "a@example.org, b@example.org", "--from", "Bản tin <news@example.org>",
              "--subject", "Tin sáng thứ Hai")
    message = parse(raw)
    assert [a.addr_spec for a in message["To"].addresses] == ["a@example.org", "b@example.org"]
    assert message["From"].addresses[0].addr_spec == "news@example.org"
    assert message["Subject"] == "Tin sáng thứ Hai"


def test_each_message_gets_its_own_message_id():
    first = parse(eml("--lang", "vi", "--to", "me@example.org"))
    second = parse(eml("--lang", "vi", "--to", "me@example.org"))
    assert first["Message-ID"] != second["Message-ID"]


def test_eml_without_to_is_a_usage_error_in_one_line():
    completed = run_digest(SEEDS, "--lang", "vi", "--format", "eml")
    assert completed.returncode == 2
    assert completed.stdout == b""
    lines = completed.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "--to" in lines[0]


def test_eml_with_out_is_a_usage_error_in_one_line(tmp_path):
    completed = run_digest(SEEDS, "--lang", "vi", "--format", "eml", "--to", "me@example.org", "--out", tmp_path)
    assert completed.returncode == 2
    assert len(completed.stderr.decode("utf-8").splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("to", ["not an address", "me@example.org\nBcc: victim@example.org"])
def test_a_bad_recipient_is_refused_in_one_line(to):
    completed = run_digest(SEEDS, "--lang", "vi", "--format", "eml", "--to", to)
    assert completed.returncode == 2
    assert completed.stdout == b""
    assert len(completed.stderr.decode("utf-8").splitlines()) == 1


def test_english_message_carries_the_english_titles():
    args = ("--lang", "en", "--model", TEST_MODEL)
    message = parse(eml(*args, "--to", "me@example.org"))
    text = unwrapped(message.get_body(preferencelist=("plain",)).get_content())
    assert all(unwrapped(title) in text for title in seed_titles(*args))


# --- the renderer itself -----------------------------------------------------------------


def test_mail_options_address_the_message():
    mail = MailOptions(to="reader@example.org", sender="news@example.org", subject="Tin sáng")
    message = parse(render_briefing(MIXED, "eml", replace(VI, mail=mail)).encode("ascii"))
    assert message["To"].addresses[0].addr_spec == "reader@example.org"
    assert message["From"].addresses[0].addr_spec == "news@example.org"
    assert message["Subject"] == "Tin sáng"


def test_default_subject_and_sender_come_from_the_briefing_and_the_recipient():
    message = parse(render_briefing(MIXED, "eml", replace(VI, mail=MailOptions("a@example.org, b@example.org")))
                    .encode("ascii"))
    assert message["Subject"] == f"Bản tin / News digest — {RUN_DATE} — 5 articles"
    assert str(message["From"]) == "digest <a@example.org>"
    english = parse(render_briefing(MIXED, "eml", replace(VI, lang="en", mail=MailOptions("a@example.org")))
                    .encode("ascii"))
    assert english["Subject"] == f"News digest — {RUN_DATE} — 5 articles"  # not "Bản tin" in English


@pytest.mark.parametrize("mail", [None, MailOptions(to="  ")])
def test_a_message_without_a_recipient_is_a_usage_error(mail):
    with pytest.raises(UsageError, match="--to"):
        render_briefing(MIXED, "eml", replace(VI, mail=mail))
