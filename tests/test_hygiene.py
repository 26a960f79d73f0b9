"""A folder of saved pages also holds junk: hidden files, editors' and macOS's leftovers,
a browser's *_files folder, MHTML and PDF. In a directory they are passed over (named
under --explain); named on the command line, an MHTML or PDF is refused in one line."""
from __future__ import annotations

import json
import shutil

from tests.conftest import SEEDS, run_digest

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MHTML = (b"From: <Saved by Blink>\nSubject: Tin\nMIME-Version: 1.0\n"
         b'Content-Type: multipart/related; type="text/html"; boundary="----x"\n\n------x\n')


def junk_folder(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEEDS / "000_6c833404c18ad008.txt", folder / "bai.txt")
    for name in ("._bai.txt", "~bai.txt", ".hidden.txt", ".DS_Store", "bai.txt~"):
        (folder / name).write_bytes(b"\x00\x05Bud1 junk")
    (folder / "bai_files").mkdir()
    (folder / "bai_files" / "a.html").write_text("<p>x</p>")
    (folder / "trang.mhtml").write_bytes(MHTML)
    (folder / "ban-in.pdf").write_bytes(PDF)
    (folder / "ascii-pdf.txt").write_bytes(PDF)
    return folder


def junk_folder_article(tmp_path):
    return tmp_path / "news" / "bai.txt"


def test_junk_in_a_folder_is_passed_over(tmp_path):
    done = run_digest(junk_folder(tmp_path), "--lang", "vi", "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    assert [a["input"] for a in json.loads(done.stdout)["articles"]] == [str(junk_folder_article(tmp_path))]


def test_explain_names_what_was_passed_over(tmp_path):
    done = run_digest(junk_folder(tmp_path), "--lang", "vi", "--explain")
    said = done.stderr.decode()
    assert done.returncode == 0, said
    for name, why in [("._bai.txt", "hidden"), ("bai_files", "folder"), ("trang.mhtml", "MHTML"),
                      ("ascii-pdf.txt", "PDF"), ("ban-in.pdf", "PDF")]:
        assert any(name in line and why in line for line in said.splitlines()), (name, said)


def test_an_mhtml_or_pdf_named_on_the_command_line_is_refused(tmp_path):
    folder = junk_folder(tmp_path)
    for name in ("trang.mhtml", "ascii-pdf.txt"):
        done = run_digest(folder / name, folder / "bai.txt", "--lang", "vi")
        lines = done.stderr.decode().splitlines()
        assert done.returncode == 1 and len(lines) == 1 and name in lines[0], lines
        assert b"Nh\xe1\xba\xadt" in done.stdout  # the other input still went through
