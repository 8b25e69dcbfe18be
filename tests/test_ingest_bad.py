"""Bad inputs become Rejections with the right code; one bad file never stops a run."""

from __future__ import annotations

import json

from newsfuse.errors import Errors
from newsfuse.ingest import decode_bytes, read_inputs
from newsfuse.records import Document, Rejection
from newsfuse.settings import Settings

BODY = ("Title of the report\n\nThe minister said on Thursday that the attacks against the troops "
        "had to stop, and that talks on the coalition's future would begin next week in Baghdad.\n")


def read_all(*paths, settings: Settings | None = None):
    return list(read_inputs([str(p) for p in paths], settings or Settings()))


def one_rejection(path, code: str, settings: Settings | None = None) -> Rejection:
    [item] = read_all(path, settings=settings)
    assert isinstance(item, Rejection), item
    assert item.code == code and item.reason.startswith(f"[{code}]") and item.source == str(path)
    return item


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t \n")
    one_rejection(tmp_path / "empty.txt", "E101")
    one_rejection(tmp_path / "blank.txt", "E101")


def test_binary_files(tmp_path):
    (tmp_path / "doc.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + b"x" * 200)
    (tmp_path / "nul.txt").write_bytes(b"text\x00\x01\x02\x03" * 100)
    (tmp_path / "img.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert "PDF" in one_rejection(tmp_path / "doc.txt", "E102").reason
    assert "NUL" in one_rejection(tmp_path / "nul.txt", "E102").reason
    one_rejection(tmp_path / "img.html", "E102")


def test_huge_file_rejected_by_size_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1024 * 1024)
    reads: list[int] = []
    real_open = type(path).open

    def spy_open(self, *args, **kwargs):
        reads.append(1)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", spy_open)
    item = one_rejection(path, "E103")
    assert "50.0 MB" in item.reason and not reads


def test_size_limit_follows_settings(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(BODY * 2000, encoding="utf-8")
    one_rejection(path, "E103", Settings(max_file_mb=0.1))
    assert isinstance(read_all(path)[0], Document)


def test_invalid_utf8(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(BODY.encode("utf-8").replace(b"minister", "ministér".encode("utf-8") + b"\xff\xfe\xc3("))
    assert "invalid byte" in one_rejection(path, "E104").reason
    (tmp_path / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    one_rejection(tmp_path / "noise.txt", "E104")


def test_legacy_encoding_is_read(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(BODY.replace("minister", "\u201cminister\u201d caf\u00e9").encode("cp1252"))
    [doc] = read_all(path)
    assert isinstance(doc, Document) and "“minister” café" in doc.text and doc.encoding


def test_utf16_with_bom_is_read(tmp_path):
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        path.write_bytes(bom + BODY.replace("minister", "ministro José").encode(encoding))
        [doc] = read_all(path)
        assert isinstance(doc, Document), doc
        assert doc.encoding == "utf-16" and "ministro José said" in doc.text
        assert doc.title == "Title of the report"
    utf8 = decode_bytes(b"\xef\xbb\xbfhello")
    assert utf8.text == "hello" and utf8.encoding == "utf-8-sig"


def test_broken_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"text": "abc", "title": }', encoding="utf-8")
    assert "line 1" in one_rejection(path, "E105").reason


def test_jsonl_keeps_good_lines(tmp_path):
    good = json.dumps({"text": BODY})
    path = tmp_path / "mixed.jsonl"
    path.write_text(f"{good}\n{{broken\n{json.dumps({'title': 'no text'})}\n{good}\n", encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "Rejection", "Rejection", "Document"]
    assert items[1].code == "E105" and "line 2" in items[1].reason and items[1].source.endswith(":2")
    assert items[2].code == "E106"
    assert [items[0].id, items[3].id] == ["mixed-1", "mixed-4"]


def test_html_without_article(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav>"
                    "<footer>(c) 2024</footer></body></html>", encoding="utf-8")
    one_rejection(path, "E107")


def test_too_short_and_missing(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("Title\n\nToo short to be news.\n", encoding="utf-8")
    assert "characters after cleaning" in one_rejection(path, "E109").reason
    one_rejection(tmp_path / "nope.txt", "E110")


def test_broken_feed(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<?xml version='1.0'?><notafeed><x>1</x></notafeed>", encoding="utf-8")
    one_rejection(path, "E108")


def test_folder_mixes_documents_and_rejections(tmp_path):
    (tmp_path / "a_good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (tmp_path / "d_bad.json").write_text("[1, 2", encoding="utf-8")
    (tmp_path / "e_utf16.txt").write_bytes(b"\xff\xfe" + BODY.encode("utf-16-le"))
    items = read_all(tmp_path)
    summary = [(type(i).__name__, getattr(i, "code", None)) for i in items]
    assert summary == [("Document", None), ("Rejection", "E101"), ("Rejection", "E102"),
                       ("Rejection", "E105"), ("Document", None)]


def test_error_codes_have_messages():
    assert Errors.E112.msg(detail="x", error="boom").startswith("[E112]")
