"""Quotation marks: pair them into quoted spans on raw article text.

Handles straight quotes ``"``, curly quotes (double and single), PTB-style
`````` ... ''`` and unbalanced marks. A quote left open at the end of a paragraph
continues into the next paragraph when that paragraph opens with a quote mark
(the newspaper convention for quotes that run over several paragraphs);
otherwise it is closed at the paragraph end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

__all__ = ["QuotedSpan", "QuoteIndex", "find_quoted_spans", "paragraph_spans"]

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
# A double mark (or PTB pair). Order matters: two-character marks first.
_DOUBLE = re.compile(r"``|''|[\"“”„«»]")
_OPENERS = {"“", "``", "„", "«"}
_CLOSERS = {"”", "''", "»"}


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A quoted passage: ``start``/``end`` are inside the marks; ``open``/``close`` include them."""

    open: int
    start: int
    end: int
    close: int
    closed: bool  # False when the closing mark was missing (unbalanced quote)
    single: bool = False  # single marks (‘...’), mostly headlines


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of paragraphs (blocks separated by blank lines)."""
    spans, pos = [], 0
    for m in _PARA_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _kind(text: str, i: int, mark: str) -> str:
    """'open', 'close' or 'either' for a double mark at ``i``."""
    if mark in _OPENERS:
        return "open"
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in _CLOSERS:
        # a closing mark used as an opener at the start of a word (a common typo: ”Fear.)
        if mark == "”" and (before.isspace() or i == 0) and not after.isspace():
            return "either"
        # newspapers that write '' for both marks (NYT archive text): at a word start it opens
        if mark == "''" and (before.isspace() or before in "([{—–-/:" or i == 0) and not after.isspace():
            return "open"
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if before.isspace() or before in "([{—–-/:" or i == 0:
        return "open" if not after.isspace() else "either"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "either"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    pending: tuple[int, int] | None = None  # (open index, mark length) carried over a paragraph break
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        marks = [(m.start(), m.group()) for m in _DOUBLE.finditer(text, p_start, p_end)]
        open_at = pending
        pending = None
        first_mark_at_start = bool(marks) and not text[p_start:marks[0][0]].strip()
        if open_at is not None and first_mark_at_start:
            marks = marks[1:]  # the re-opening mark of a continued quote
        elif open_at is not None:
            open_at = None  # the previous paragraph's quote was closed at its end already
        for i, mark in marks:
            kind = _kind(text, i, mark)
            if open_at is None:
                if kind in ("open", "either"):
                    open_at = (i, len(mark))
                continue  # a stray closing mark: ignore
            if kind == "open" and text[open_at[0] + open_at[1]:i].strip():
                # a new opener inside an open quote: the first one was never closed
                s, e = _strip(text, open_at[0] + open_at[1], i)
                spans.append(QuotedSpan(open_at[0], s, e, e, closed=False))
                open_at = (i, len(mark))
                continue
            if kind == "open":
                continue
            s, e = _strip(text, open_at[0] + open_at[1], i)
            if e > s:
                spans.append(QuotedSpan(open_at[0], s, e, i + len(mark), closed=True))
            open_at = None
        if open_at is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            opens_next = nxt is not None and text[nxt[0]:nxt[0] + 2].startswith(("“", '"', "``", "„", "«"))
            if opens_next:
                pending = open_at
                continue
            s, e = _strip(text, open_at[0] + open_at[1], p_end)
            if e > s:
                spans.append(QuotedSpan(open_at[0], s, e, e, closed=False))
    return spans


def _single_spans(text: str, paragraphs: list[tuple[int, int]], taken: list[QuotedSpan]) -> list[QuotedSpan]:
    """‘...’ pairs outside double quotes; ’ followed by a letter is an apostrophe."""
    out: list[QuotedSpan] = []
    for p_start, p_end in paragraphs:
        i = p_start
        while True:
            i = text.find("‘", i, p_end)
            if i < 0:
                break
            if any(q.open <= i < q.close for q in taken) or (i > 0 and text[i - 1].isalnum()):
                i += 1
                continue
            j = i + 1
            close = -1
            while True:
                j = text.find("’", j, p_end)
                if j < 0:
                    break
                after = text[j + 1] if j + 1 < len(text) else " "
                if not after.isalpha():
                    close = j
                    break
                j += 1
            if close < 0:
                i += 1
                continue
            s, e = _strip(text, i + 1, close)
            if e > s:
                out.append(QuotedSpan(i, s, e, close + 1, closed=True, single=True))
            i = close + 1
    return out


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted passages in ``text``, in order of their opening mark."""
    paragraphs = paragraph_spans(text)
    doubles = _double_spans(text, paragraphs)
    singles = _single_spans(text, paragraphs, doubles)
    return sorted(doubles + singles, key=lambda q: q.open)



class QuoteIndex:
    """Quoted spans of one text, sorted, with O(log n) lookups by position (built per call)."""

    __slots__ = ("quotes", "_opens", "_closes")

    def __init__(self, quotes: list[QuotedSpan]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.open)
        self._opens = [q.open for q in self.quotes]
        closes: list[int] = []
        for q in self.quotes:  # running maximum keeps the list sorted even if spans nest
            closes.append(max(q.close, closes[-1]) if closes else q.close)
        self._closes = closes

    def overlapping(self, start: int, end: int) -> list[QuotedSpan]:
        """Quoted spans (marks included) that overlap [start, end)."""
        lo = bisect_right(self._closes, start)
        hi = bisect_left(self._opens, end)
        return [q for q in self.quotes[lo:hi] if q.open < end and q.close > start]

    def around(self, start: int, end: int) -> list[QuotedSpan]:
        """Spans that open in [start, end], plus the last one that opened before ``start``."""
        lo = max(0, bisect_left(self._opens, start) - 1)
        hi = bisect_right(self._opens, end)
        return self.quotes[lo:hi]

    def covering(self, pos: int) -> QuotedSpan | None:
        """The quoted span whose words hold ``pos``, if any."""
        for q in self.overlapping(pos, pos + 1):
            if q.start <= pos < q.end:
                return q
        return None
