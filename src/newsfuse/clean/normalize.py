"""Small pure functions that normalise characters and whitespace.

Each takes a string and returns a string; compose them with
:func:`newsfuse.clean.pipeline.make_pipeline`. Curly quotes and dashes are kept as
they are: offsets downstream refer to the cleaned text, and quote extraction
handles both quote styles.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "normalize_line_endings",
    "normalize_unicode",
    "normalize_spaces",
    "strip_control_chars",
    "collapse_blank_lines",
]

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# No-break, figure, thin and other fixed-width spaces, and tabs, become one plain space.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Zero-width space, word joiner, a BOM inside the text and soft hyphens carry no text.
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
# C0/C1 controls, and lone UTF-16 surrogates (a JSON "\\ud800" escape): no text can hold them
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_line_endings(text: str) -> str:
    """CRLF, CR, form feeds and Unicode line/paragraph separators become ``\\n``."""
    return _LINE_BREAKS.sub("\n", text)


def normalize_unicode(text: str, form: str = "NFC") -> str:
    """Unicode normal form (NFC by default: composed accents, nothing else changed)."""
    return unicodedata.normalize(form, text)


def normalize_spaces(text: str) -> str:
    """One plain space for any run of spaces/tabs/NBSP; no spaces at line starts or ends."""
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def strip_control_chars(text: str) -> str:
    """Remove C0/C1 control characters other than the line break, and lone surrogates."""
    return _CONTROL.sub("", text)


def collapse_blank_lines(text: str) -> str:
    """At most one blank line between paragraphs, none at either end."""
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")
