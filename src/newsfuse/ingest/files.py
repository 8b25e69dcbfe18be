"""Reading input files safely: size limit before reading, empty and binary files, encodings."""

from __future__ import annotations

import codecs
import os
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors
from ..records import Rejection
from ..settings import Settings

__all__ = ["Decoded", "read_file_bytes", "binary_reason", "decode_bytes", "is_hidden", "mb", "walk_folder"]

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Bytes that never appear in text: C0 controls other than tab, LF, VT, FF, CR and ESC.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_SNIFF = 8192
#: Preferred over an equally good guess from charset-normalizer: the usual legacy news encoding.
_PREFERRED_LEGACY = "cp1252"


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding that was used."""

    text: str
    encoding: str
    #: set when the bytes were not UTF-8 and the encoding is a guess: kept in the document's meta
    warning: str | None = None

    def note(self, item):
        """``item`` (a Document) with this decoding's warning in its meta; anything else unchanged."""
        from ..records import Document

        if self.warning is None or not isinstance(item, Document):
            return item
        return dataclasses.replace(item, meta={**item.meta, "encoding_warning": self.warning})


def mb(size: int) -> str:
    """A byte count as megabytes for messages (``"50.0"``)."""
    return f"{size / 1_048_576:.1f}"


def read_file_bytes(path: Path, source: str, settings: Settings) -> bytes | Rejection:
    """The file's bytes, or a Rejection: missing (E110), too large (E103, checked before reading),
    empty (E101), unreadable (E111)."""
    limit = int(settings.max_file_mb * 1_048_576)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Rejection(source, "E110", Errors.E110.msg(detail=source))
    except OSError as exc:
        return Rejection(source, "E111", Errors.E111.msg(detail=f"{source}: {exc.strerror or exc}"))
    if size > limit:
        return Rejection(source, "E103", Errors.E103.msg(size=mb(size), limit=settings.max_file_mb))
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # never more than the limit, even if the file grows
    except OSError as exc:
        return Rejection(source, "E111", Errors.E111.msg(detail=f"{source}: {exc.strerror or exc}"))
    if len(data) > limit:
        return Rejection(source, "E103", Errors.E103.msg(size=f"over {mb(limit)}", limit=settings.max_file_mb))
    if not data.strip():
        return Rejection(source, "E101", Errors.E101.msg())
    return data


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes sit in every other position, as in ASCII-range UTF-16."""
    head = data[: _SNIFF - _SNIFF % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros) and other.count(0) == 0:
            return encoding
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary (a magic number, NUL bytes, control bytes), or None for text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if _bom_encoding(data) or _utf16_without_bom(data):
        return None
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "it contains NUL bytes"
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if controls > 0.05 * len(head):
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _first_invalid_utf8(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _looks_like_broken_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences next to invalid bytes: UTF-8 damaged, not a legacy encoding."""
    valid = data.decode("utf-8", errors="ignore")
    return any(ord(ch) > 0x7F for ch in valid)


def decode_bytes(data: bytes) -> Decoded | str:
    """Decode text bytes: BOM, then UTF-8, then charset-normalizer. A string says why it failed."""
    encoding = _bom_encoding(data) or _utf16_without_bom(data)
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError as exc:
            return f"{encoding} byte order mark, but invalid {encoding} at byte {exc.start}"
    bad = _first_invalid_utf8(data)
    if bad is None:
        return Decoded(data.decode("utf-8"), "utf-8")
    if _looks_like_broken_utf8(data):
        return f"mostly UTF-8, with invalid byte 0x{data[bad]:02x} at position {bad}"
    from charset_normalizer import from_bytes  # imported on use: it loads tables

    matches = list(from_bytes(data))
    if not matches:
        return f"invalid UTF-8 at byte {bad}, and no other encoding fits"
    best = matches[0]
    for match in matches:
        if match.encoding == _PREFERRED_LEGACY and match.chaos <= best.chaos + 0.01:
            best = match
            break
    return Decoded(str(best), best.encoding,
                   warning=f"not UTF-8 (invalid byte 0x{data[bad]:02x} at position {bad}); decoded as "
                           f"{best.encoding}, the closest fit charset-normalizer found: check the text")


def is_hidden(path: Path) -> bool:
    """Hidden files and folders (name starting with a dot), and editor backups."""
    return path.name.startswith(".") or path.name.endswith("~")


def walk_folder(folder: Path) -> list[Path]:
    """Every non-hidden file under ``folder``, recursively, in sorted order."""
    out: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not is_hidden(path):
                out.append(path)
    return sorted(out)
