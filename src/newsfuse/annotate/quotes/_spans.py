"""A rule draft of a quote (:class:`_Draft`) and the spans it is cut to: the content of a cue, trimmed, and
the quotation it falls in. Shared by the draft finders (:mod:`._finders`) and their assembly (:mod:`._drafts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from ...lexicons import clause_rejected, cue_frames
from ._marks import QuotedSpan, QuoteIndex


#: cue frames of attributions and the verbs whose clause seldom is one (lexicons/quote_cues.json)
CUE_FRAMES = cue_frames()
CLAUSE_REJECTED = clause_rejected()
_TRIM = " \t\n\r\u00a0,;:.—–-"
_ACCORDING = re.compile(r"\baccording to\b", re.I)
_STATEMENT = re.compile(r"^(?:in|on|via) an? (?:statement|post|tweet|interview|message)\b[^\"“”.]{0,30}$", re.I)

#: Verbs of saying whose object is the hearer ("told reporters that ...", 'asking her, "..."'): never the
#: reported clause's subject, and the one object that may stand between the verb and its quotation.
_HEARER_VERBS = frozenset("tell inform assure remind warn ask advise notify promise persuade convince urge brief "
                          "caution teach show".split())


@dataclass(frozen=True, slots=True)
class _Draft:
    start: int
    end: int
    direct: bool
    cue: tuple[int, int] | None
    speaker: Span | None
    anchor: int  # char offset used to order speaker resolution
    speech: bool = True  # a statement (clause, quotation): its speaker is remembered for later pronouns
    kind: str = "clause"  # which rule or frame made it (a feature of the learned candidate model)
    cue_tok: int = -1  # token index of the cue word, -1 without one


# --------------------------------------------------------------------------- spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _quote_at(quotes: QuoteIndex, start: int, end: int) -> QuotedSpan | None:
    """The quoted span that covers most of [start, end), if it covers at least 70% of it."""
    best, best_cov = None, 0
    for q in quotes.overlapping(start, end):
        cov = min(end, q.close) - max(start, q.open)
        if cov > best_cov:
            best, best_cov = q, cov
    if best is not None and best_cov >= 0.7 * max(1, end - start):
        return best
    return None


def _content(text: str, quotes: QuoteIndex, start: int, end: int, cue_at: int | None = None) -> tuple[int, int, bool]:
    """Trim a content span; a span that is (mostly) one quotation becomes that quotation.

    With ``cue_at`` (the cue's offset), indirect content stays in the cue's paragraph.
    """
    if cue_at is not None:
        if cue_at >= end:
            start = max(start, text.rfind("\n", start, end) + 1)
        elif cue_at <= start:
            stop = text.find("\n", start, end)
            end = stop if stop > start else end
            stop = text.find(";", start, end)  # a new clause after a semicolon is the writer's
            if stop > start and not quotes.overlapping(stop, stop + 1):
                end = stop
    start, end = _trim(text, start, end)
    q = _quote_at(quotes, start, end)
    if q is not None and q.start <= start + 3 and (q.end >= end - 3 or not q.closed):
        return q.start, q.end, True
    if q is not None and q.open <= start + 2:
        return q.start, max(q.end, end), True
    # an indirect clause that ends inside a quote runs to the closing mark
    for q in quotes.overlapping(end - 1, end):
        if q.open < end <= q.close and q.start > start:
            end = q.end
    return start, end, False


def _ends_sentence(text: str, q: QuotedSpan) -> bool:
    """The quotation is a sentence of its own: it ends with a full stop (inside or just after its marks) or at
    the end of its paragraph. '"American Skin" was written by ...' names a title in the writer's sentence."""
    inside = text[q.start:q.end].rstrip()
    after = text[q.close:q.close + 3].lstrip(" \t")
    return inside[-1:] in (".", "!", "?", "\u2026") or after[:1] in ("", "\n", ".", "!", "?")
