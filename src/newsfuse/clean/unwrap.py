"""Rejoin hard-wrapped lines into paragraphs.

Some sources arrive wrapped at a fixed width with breaks mid-sentence, and with
paragraphs not separated by blank lines. Within each block (lines between blank
lines) we decide, break by break, whether a line continues the previous one:
a break mid-sentence (no sentence-final punctuation, next line lower-case) joins;
a short line that ends a sentence closes its paragraph; a short unpunctuated line
between paragraphs is a subhead and stays a paragraph of its own. The wrap width
is estimated from the block's own line lengths.
"""

from __future__ import annotations

import re
import statistics

__all__ = ["ends_sentence", "unwrap_block", "unwrap_lines", "unwrap_text"]

_SENTENCE_END = re.compile(r"(?:[.!?…][\"”’')\]]*|[\"”’][.!?])$")
_CONTINUES = re.compile(r"[,;:(\[–—-]$")
#: Words a heading or a finished paragraph does not end on.
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with and or but nor as than that which who whom whose "
    "while when where whether if because since after before into onto over under its their his her "
    "our your my this these those is are was were be been has have had will would can could "
    "should may might must not no".split()
)


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends with sentence-final punctuation (quotes and brackets allowed after it)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def _starts_lower(line: str) -> bool:
    first = line.lstrip("\"“‘'([")[:1]
    return first.islower() or (first.isdigit() and not line[:1].isupper())


def _last_word(line: str) -> str:
    words = re.findall(r"[A-Za-z']+", line)
    return words[-1].lower() if words else ""


def _mid_sentence_breaks(lines: list[str]) -> int:
    return sum(
        1 for prev, line in zip(lines, lines[1:]) if not ends_sentence(prev) and _starts_lower(line)
    )


def _wrap_width(lines: list[str]) -> float:
    candidates = [len(line) for line in lines[:-1] if len(line) >= 30]
    if not candidates:
        return float(max(len(line) for line in lines))
    return float(statistics.median(candidates))


def _joins(prev: str, line: str, after: str | None, width: float, prev_opens: bool) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` belongs to."""
    if _starts_lower(line) or _CONTINUES.search(prev):
        return True
    if ends_sentence(prev):
        if len(prev) < 0.85 * width or len(prev) > 1.2 * width:
            return False  # a short last line, or an unwrapped paragraph
        # A short fragment followed by a lower-case line opens a new paragraph.
        starts_fragment = len(line) < 0.5 * width and after is not None and _starts_lower(after)
        return not starts_fragment
    # No final punctuation: a short heading between paragraphs stands alone.
    is_heading = (
        prev_opens
        and len(prev) < 0.6 * width
        and len(prev.split()) <= 8
        and _last_word(prev) not in _FUNCTION_WORDS
    )
    return not is_heading


def unwrap_block(lines: list[str]) -> list[str]:
    """Paragraphs of one block of consecutive non-blank lines."""
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) <= 1:
        return lines
    breaks = _mid_sentence_breaks(lines)
    if breaks == 0 or breaks < 0.2 * (len(lines) - 1):
        return lines  # not hard-wrapped: one line, one paragraph
    width = _wrap_width(lines)
    paragraphs: list[list[str]] = [[lines[0]]]
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        after = lines[i + 1] if i + 1 < len(lines) else None
        prev_opens = len(paragraphs[-1]) == 1
        if _joins(prev, line, after, width, prev_opens):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [_join_lines(p) for p in paragraphs]


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        # Keep hyphens (US-\nled -> US-led); everything else gets one space.
        out += line if out.endswith("-") and not out.endswith(" -") else " " + line
    return out


def unwrap_lines(lines: list[str]) -> list[str]:
    """Paragraphs of a list of lines in which blank lines separate blocks."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            paragraphs.extend(unwrap_block(block))
            block = []
    return paragraphs


def unwrap_text(text: str) -> str:
    """``text`` with hard-wrapped lines rejoined; paragraphs separated by ``\\n\\n``."""
    return "\n\n".join(unwrap_lines(text.split("\n")))
