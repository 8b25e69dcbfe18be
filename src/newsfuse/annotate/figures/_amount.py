"""What an amount measures (money, percentages, measurements, bare numbers), read from the parse.

Helpers of :mod:`._measure`; every function is pure and reads a spaCy ``Doc`` plus a
:class:`~newsfuse.annotate.figures._values.RawValue`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ._doc import expr_span
from ._phrase import (
    Measure, governing_verb, lemma_of, noun_tokens, phrase_tokens, prep_tokens, said_when, scope_of, spanned_noun,
    subject_of, words_of,
)
from ._values import RawValue

__all__ = ["compared_with", "describe_amount"]


_RELATIVE_TIME_WORDS = frozenset({"ago", "later", "earlier"})


#: prepositions of a change ("raised the rate by 25 points to 5.25%, from 5%")
_CHANGE_PREPS = frozenset({"by", "to", "from"})


_COMPARATIVES = frozenset({"less", "more", "fewer", "higher", "lower", "greater", "bigger", "smaller",
                           "larger", "faster", "slower", "cheaper"})


def compared_with(tok: Token, skip: set[int]) -> Token | None:
    """The noun a difference is measured against: "10mph less than the top wind speeds" -> speeds."""
    head = tok.head
    if tok.dep_ not in ("npadvmod", "nummod", "quantmod") or head.lower_ not in _COMPARATIVES:
        return None
    than = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "than"), None)
    pobj = next((c for c in than.children if c.dep_ == "pobj"), None) if than is not None else None
    if pobj is None or pobj.i in skip or pobj.like_num or pobj.pos_ not in ("NOUN", "PROPN"):
        return None
    return pobj


def describe_amount(doc: Doc, raw: RawValue, anchor: Token, skip: set[int]) -> Measure:
    """Money, percentages, measurements, bare numbers: the thing measured."""
    span = expr_span(doc, raw)
    root = span.root if len(span) else anchor
    hops = 0
    while root.dep_ == "conj" and root.head.i in skip and root.head.i != root.i and hops < 4:
        root, hops = root.head, hops + 1  # "between 15.5 cm and 23.5 cm": the second measures what the first does
    if root.dep_ == "npadvmod" and root.head.lower_ in _RELATIVE_TIME_WORDS:
        return Measure("", "", (), None)  # "two years later": when, not an amount of something
    target: Token | None = compared_with(root, skip)  # "10mph less than the top wind speeds"
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i not in skip), None)
    if of is not None:
        target = next((c for c in of.children if c.dep_ == "pobj"), None)
    if target is None and root.dep_ in ("compound", "nmod", "amod", "nummod") and \
            root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in skip and \
            not said_when(root.head, root.i):
        target = root.head
    if target is None and root.dep_ == "pobj" and root.head.head.pos_ == "VERB" and \
            (root.head.lower_ == "at" or (root.head.lower_ == "for" and raw.unit_kind == "currency")):
        # "priced at $25", "sold the house for $2 million": what the amount pays for
        verb = root.head.head
        target = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
        if target is None and root.head.lower_ == "at":
            # "estimated IS numbers at around 1,000": the object, however it was parsed, is the
            # last noun between the verb and "at"; the places written with the value join it
            nouns = [t for t in doc[verb.i + 1:root.head.i] if t.pos_ == "NOUN" and t.i not in skip]
            if nouns:
                toks = [t for t in doc[verb.i + 1:nouns[-1].i + 1]
                        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i not in skip]
                toks += [t for c in root.rights if c.dep_ == "prep" for t in prep_tokens(c, skip, 0)]
                return Measure(words_of(toks), lemma_of(nouns[-1]), scope_of(toks), None)
    if target is None and raw.unit_kind == "currency" and root.dep_ == "dobj" and root.head.pos_ == "VERB":
        # "paid a club-record £89m for Pogba": a price measures what it pays for
        target = next((p for c in root.head.children if c.dep_ in ("prep", "dative") and c.lower_ == "for"
                       for p in c.children if p.dep_ == "pobj" and p.i not in skip
                       and p.pos_ in ("NOUN", "PROPN")), None)
    if target is None and root.dep_ == "pobj" and root.head.lower_ in _CHANGE_PREPS and \
            root.head.head.pos_ == "VERB":
        # "raised its benchmark rate by 25 basis points to 5.25%": a change measures what changed,
        # the verb's object when it has one (else its subject, below: "sales rose to $5 billion")
        target = next((c for c in root.head.head.children if c.dep_ == "dobj" and c.i not in skip
                       and c.pos_ in ("NOUN", "PROPN")), None)
    if target is None and root.dep_ == "pobj" and root.head.dep_ == "prep" and \
            root.head.head.pos_ in ("NOUN", "PROPN") and root.head.head.i not in skip:
        target = root.head.head
    if target is None and root.dep_ in ("appos", "conj") and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.i not in skip and not root.head.like_num:
        own = _own_for(root, skip)
        if own is not None:
            # "an MSRP of $22,480 for the manual version and $21,972 for the CVT": the second
            # amount is the same noun for what its own phrase names
            toks = noun_tokens(root.head, skip) + prep_tokens(own, skip, 0)
            return Measure(words_of(toks), lemma_of(root.head), scope_of(toks), None)
        target = root.head
    if target is None and raw.unit_kind == "currency" and root.dep_ == "conj":
        # "cost $20 for adults and $10 for children": a conjoined price with its own "for" phrase
        own = _own_for(root, skip)
        target = next((p for p in own.children if p.dep_ == "pobj"), None) if own is not None else None
    if target is None:
        verb = governing_verb(root)
        if verb is not None:
            subj = spanned_noun(verb, skip) or subject_of(verb)
            if subj is not None and subj.like_num:
                pass  # a number as subject is another figure, not what this one measures
            elif subj is not None and subj.pos_ != "PRON" and subj.i not in skip:
                target = subj
            elif subj is not None and subj.pos_ == "PRON" and root.dep_ != "npadvmod":
                # "it has a capacity of ..."; not a time adverbial ("it orbits the sun every 33 years")
                target = next((c for c in verb.children if c.dep_ in ("dobj", "attr")
                               and c.i not in skip and c.pos_ in ("NOUN", "PROPN")), None)
    if target is None:
        return Measure("", "", (), None)
    toks = phrase_tokens(target, skip)
    key = lemma_of(target) if target.pos_ != "PROPN" else target.text.lower()
    return Measure(words_of(toks), key, scope_of(toks), None)


def _own_for(root: Token, skip: set[int]) -> Token | None:
    """The "for" phrase of an amount's own ("... and $21,972 for the CVT") naming a noun, or None."""
    for prep in root.rights:
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i not in skip and \
                any(p.dep_ == "pobj" and p.i not in skip and p.pos_ in ("NOUN", "PROPN") for p in prep.children):
            return prep
    return None
