"""The figures stage's views of a parsed document: its text, entities by sentence, a value's tokens.

Computed once per Doc and kept in ``doc.user_data`` (the Doc is the call's own, so nothing is shared).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ._values import RawValue
from ..sentences import doc_text, sent_of

__all__ = ["doc_ents", "doc_text", "expr_span", "sent_ents", "value_tokens"]

_ENTS_KEY = "newsfuse.figures.ents"


def _ents_index(doc: Doc) -> tuple[int, list[Span], dict[int, list[Span]]]:
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None or cached[0] != len(doc):
        ents = list(doc.ents)
        by_sent: dict[int, list[Span]] = {}
        for ent in ents:
            by_sent.setdefault(sent_of(ent).start, []).append(ent)
        cached = (len(doc), ents, by_sent)
        doc.user_data[_ENTS_KEY] = cached
    return cached


def doc_ents(doc: Doc) -> list[Span]:
    """``doc.ents``, built once per Doc (spaCy builds every entity span on each access)."""
    return _ents_index(doc)[1]


def sent_ents(item: Token | Span) -> list[Span]:
    """The entities of the sentence holding ``item`` (O(1) after the first call)."""
    return _ents_index(item.doc)[2].get(sent_of(item).start, [])


def value_tokens(doc: Doc, raw: RawValue) -> Span:
    """Tokens of the number itself (scales included, cues and units excluded)."""
    span = doc.char_span(raw.num_start, raw.num_end, alignment_mode="expand")
    return span if span is not None else doc[0:0]


def expr_span(doc: Doc, raw: RawValue) -> Span:
    """Tokens of the whole expression (cues and units included)."""
    span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
    return span if span is not None else value_tokens(doc, raw)
