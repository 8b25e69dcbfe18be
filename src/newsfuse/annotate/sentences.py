"""Sentence and text lookups on a parsed Doc, computed once per Doc.

spaCy's ``token.sent`` walks the document each time it is called; extractors ask
for it per figure, quote and date, which made annotation quadratic in article
length. The index lives in ``doc.user_data`` (per document, never global).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["doc_text", "known_text", "sentences", "sent_of"]

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


_TEXT_KEY = "newsfuse.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access, and every extractor
    reads the text (eight joins of every token per article were an eighth of extraction). Cached in
    ``doc.user_data``; the length check notices a Doc whose tokens changed since."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None or len(cached) != _size(doc):
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


def known_text(doc: Doc, text: str) -> Doc:
    """Tell ``doc`` the text it was parsed from (a stored article's), so that :func:`doc_text` need not join
    its tokens; ignored when the lengths differ (then it is not the Doc's text)."""
    if len(text) == _size(doc):
        doc.user_data[_TEXT_KEY] = text
    return doc


def _size(doc: Doc) -> int:
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
