"""Sentence lookups on a parsed Doc, computed once per Doc.

spaCy's ``token.sent`` walks the document each time it is called; extractors ask
for it per figure, quote and date, which made annotation quadratic in article
length. The index lives in ``doc.user_data`` (per document, never global).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["sentences", "sent_of"]

_KEY = "newsfuse.sentences"


def _index(doc: Doc) -> tuple[list[Span], list[int]]:
    cached = doc.user_data.get(_KEY)
    if cached is None or len(cached[1]) != len(doc):
        sents = list(doc.sents)
        owner = [0] * len(doc)
        for n, s in enumerate(sents):
            for i in range(s.start, s.end):
                owner[i] = n
        cached = (sents, owner)
        doc.user_data[_KEY] = cached
    return cached


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences (cached)."""
    return _index(doc)[0]


def sent_of(item: Token | Span) -> Span:
    """The sentence holding a token, or the first token of a span (like ``.sent``, in O(1))."""
    doc = item.doc
    sents, owner = _index(doc)
    i = item.i if isinstance(item, Token) else item.start
    return sents[owner[min(i, len(doc) - 1)]]
