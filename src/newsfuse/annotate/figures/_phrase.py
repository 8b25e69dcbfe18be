"""Noun phrases and clause subjects, read from the dependency parse: the words a figure's measure
and ``about`` are made of.

Helpers of :mod:`._measure`, :mod:`._amount` and :mod:`._about`; every function is pure and reads
spaCy tokens.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ._doc import sent_ents
from ._lexicon import DEMONYMS, PLACE_ALIASES, UNIT_SYNONYMS
from ..sentences import sent_of

__all__ = ["Measure", "compared_as_preposition", "governing_verb", "lemma_of", "noun_tokens", "participle_tokens",
           "phrase_tokens", "phrase_words", "prep_tokens", "said_when", "scope_of", "spanned_noun", "subject_of",
           "unit_key", "words_of"]


_SCOPE_LABELS = frozenset({"GPE", "NORP", "LOC"})


#: words that make a time noun say when ("last year", "this week"), not what a number before counts
_DEICTIC = frozenset({"last", "next", "this", "past", "previous", "coming", "same"})


def said_when(noun: Token, number_i: int) -> bool:
    """"rose to 45,000 last year": a time noun pinned by "last"/"this"/"next" written between the
    number and it says when, and is not what the number counts."""
    return any(c.lower_ in _DEICTIC and number_i < c.i < noun.i for c in noun.children)


class Measure(tuple):
    """(measure words, measure_key, scope, unit noun lemma or None)."""

    __slots__ = ()

    def __new__(cls, words: str, key: str, scope: tuple[str, ...], unit: str | None):
        return super().__new__(cls, (words, key, scope, unit))

    words = property(lambda self: self[0])
    key = property(lambda self: self[1])
    scope = property(lambda self: self[2])
    unit = property(lambda self: self[3])


def lemma_of(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if tok.lower_ in ("people", "persons"):
        return "person"
    if tok.lower_ in ("personnel", "military", "police"):
        return tok.lower_
    return lemma


def unit_key(lemma: str) -> str:
    return UNIT_SYNONYMS.get(lemma, lemma)


_SCOPE_PREPS = frozenset({"in", "on", "at", "against", "to", "from", "of", "across", "inside",
                          "near", "into", "throughout", "within", "targeting", "for", "among",
                          "over", "since", "with"})


def noun_tokens(tok: Token, skip: set[int]) -> list[Token]:
    """Just the noun and its pre-modifiers ("Spanish military personnel")."""
    out = [tok]
    for child in tok.lefts:
        if child.i in skip or child.dep_ not in ("compound", "amod", "nmod", "poss", "npadvmod"):
            continue
        out.extend(t for t in child.subtree if t.i not in skip and not t.is_space
                   and (t.pos_ not in ("NUM", "DET") and t.dep_ not in ("det", "case", "nummod", "quantmod")
                        or _hyphened_number(t)))
    out.extend(c for c in tok.rights if c.dep_ in ("nummod", "compound") and c.i not in skip
               and c.i == tok.i + 1)
    return out


def _hyphened_number(tok: Token) -> bool:
    """"four" in "a four-bedroom house": a number glued by a hyphen to the word it modifies is part
    of that word, not a count of the phrase's noun."""
    doc = tok.doc
    return tok.like_num and tok.i + 2 < len(doc) and doc[tok.i + 1].text in ("-", "–") and \
        not tok.whitespace_ and not doc[tok.i + 1].whitespace_


def prep_tokens(prep: Token, skip: set[int], depth: int) -> list[Token]:
    pobjs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.i not in skip]
    if not pobjs or (prep.lower_ not in _SCOPE_PREPS and prep.dep_ != "agent"):
        return []
    if prep.lower_ in ("since", "until", "from"):
        return [t for t in prep.subtree if t.i not in skip and not t.is_space]
    out = [prep, *phrase_tokens(pobjs[0], skip, depth + 1)]
    for conj in pobjs[0].conjuncts:
        if conj.i > pobjs[0].i and conj.i not in skip:
            out.extend(noun_tokens(conj, skip))
            out.extend(t for t in conj.doc[pobjs[0].i + 1:conj.i] if t.dep_ == "cc")
    return out


def phrase_tokens(tok: Token, skip: set[int], depth: int = 0) -> list[Token]:
    """The noun phrase of ``tok``: pre-modifiers, the noun, place/target phrases, participles."""
    out = noun_tokens(tok, skip)
    if depth > 1:
        return out
    for child in tok.rights:
        if child.i in skip or child.is_space:
            continue
        if child.dep_ == "prep":
            if depth == 0 or child.lower_ in ("of", "in"):
                out.extend(prep_tokens(child, skip, depth))
        elif child.dep_ == "acl" and child.tag_ in ("VBN", "VBG") and depth == 0:
            out.extend(participle_tokens(child, skip, depth))
    return out


def participle_tokens(verb: Token, skip: set[int], depth: int) -> list[Token]:
    out = [verb]
    for c in verb.rights:
        if c.i in skip:
            continue
        if c.dep_ == "prt":
            out.append(c)  # "employees laid off"
        elif c.dep_ == "prep":
            out.extend(prep_tokens(c, skip, depth + 1))
        elif c.dep_ == "agent":  # "sites used by Kataib Hezbollah": who does it is part of the phrase
            out.extend(prep_tokens(c, skip, depth + 1))
        elif c.dep_ == "dobj":
            out.extend(phrase_tokens(c, skip, depth + 1))
    return out


def words_of(tokens: list[Token]) -> str:
    """Tokens in text order, spaced as written (hyphens kept: "US-led")."""
    chosen = sorted({t.i: t for t in tokens if not t.is_space}.values(), key=lambda t: t.i)
    if not chosen:
        return ""
    doc = chosen[0].doc
    parts: list[str] = []
    prev = None
    for t in chosen:
        if prev is not None:
            gap = doc[prev.i + 1:t.i]
            if len(gap) and all(g.text in ("-", "–") for g in gap) and not prev.whitespace_:
                parts.append(gap.text)
            elif len(gap) or prev.whitespace_:
                parts.append(" ")
        parts.append(t.text)
        prev = t
    return re.sub(r"\s+", " ", "".join(parts)).strip(" ,;")


def scope_of(tokens: list[Token]) -> tuple[str, ...]:
    names: list[str] = []
    idx = {t.i for t in tokens}
    near: dict[int, Span] = {}
    for t in tokens:
        for ent in sent_ents(t):
            near[ent.start] = ent
    for ent in near.values():
        if ent.label_ in _SCOPE_LABELS and any(t.i in idx for t in ent):
            names.append(_place_name(ent.text))
    for t in tokens:  # "US-led" is one token in some tokenisations
        low = t.lower_.split("-")[0]
        if low in DEMONYMS and t.ent_type_ == "" and t.text[:1].isupper():
            names.append(DEMONYMS[low])
    return tuple(sorted(set(n for n in names if n)))


def _place_name(text: str) -> str:
    low = re.sub(r"^the\s+", "", text.lower().strip()).replace("’s", "").replace("'s", "")
    return DEMONYMS.get(low, PLACE_ALIASES.get(low, low))


def _subject(verb: Token) -> Token | None:
    left = verb.i - 1
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl"):
            if c.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                return verb.head  # "facebook, which has 2.2 billion users"
            before = verb.doc[c.i - 1] if c.i > 0 else None
            if c.lower_ in ("who", "which") and before is not None and before.pos_ == "PROPN":
                return before  # a relative clause read as a clause: "Lampard who won four finals"
            if "\n" not in verb.doc[min(c.i, verb.i):max(c.i, verb.i)].text:
                return c if c.dep_ != "expl" else None
            break  # a subject across a paragraph break is a mis-parse: look left of the verb
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _subject(verb.head)  # "the TA-125 lost 1.1% to end at 1,334.20": the controller's subject
    while left >= 0 and verb.doc[left].pos_ in ("AUX", "ADV", "PART"):
        left -= 1
    if left >= 0 and left < verb.i - 1 and verb.doc[left].pos_ in ("NOUN", "PROPN") and \
            verb.doc[left].dep_ in ("appos", "dep", "ROOT", "npadvmod", "conj") and \
            verb.doc[left].ent_type_ not in ("DATE", "TIME"):  # "last year having increased"
        return verb.doc[left]  # a mis-parsed subject: "personnel have trained"
    first = verb.doc[verb.i - 1] if verb.i > 0 else None
    if first is not None and verb.tag_ in ("VBZ", "VBD") and first.head.i == verb.i and \
            first.is_title and first.dep_ in ("advmod", "npadvmod", "nmod", "dep") and \
            first.i == sent_of(first).start:
        return first  # a name read as an adverb: "Duly has more than 900 doctors"
    own = _conjunct_subject(verb) if verb.dep_ == "conj" else None
    if own is not None:
        return own  # "Healthcare dropped 1.61%, while energy, ..., fell 0.94%": energy fell
    if verb.dep_ in ("conj", "xcomp", "relcl", "acl", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


#: words that open a conjoined clause, before its own subject
_CLAUSE_OPENERS = frozenset({",", ";", "while", "whereas", "but", "and", "although", "though"})


def _conjunct_subject(verb: Token) -> Token | None:
    """The subject a conjoined verb was not given by the parse, written in its own clause: a noun
    parsed as a subject (of a word between the verbs) right after the clause's opener ("Healthcare
    dropped 1.61%, while energy, last year's worst sector, fell 0.94%" -> energy); None when the
    conjunct has no subject of its own ("cut 300 jobs and closed four plants")."""
    head = verb.head
    if head.i >= verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = verb.doc
    for tok in doc[head.i + 1:verb.i]:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ not in ("NOUN", "PROPN") or \
                not head.i < tok.head.i <= verb.i:
            continue
        k = tok.i - 1
        while k > head.i and (doc[k].pos_ in ("DET", "ADJ") or doc[k].dep_ == "compound"):
            k -= 1
        if doc[k].lower_ in _CLAUSE_OPENERS and k > head.i:
            return tok
    return None


def compared_as_preposition(tok: Token) -> bool:
    """"compared with/to" used as a preposition ("Profits were $3 billion, compared with $2 billion"):
    a figure after it belongs to the clause it hangs from, not to the participle."""
    return tok.tag_ == "VBN" and tok.lemma_.lower() == "compare" and tok.head.i != tok.i and \
        tok.dep_ in ("prep", "advcl", "acl") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def governing_verb(tok: Token) -> Token | None:
    t, hops = tok, 0
    while hops < 6:
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i and not compared_as_preposition(t):
            return t
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t, hops = t.head, hops + 1
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb`` (through relative pronouns, conjuncts and mis-parses), or None."""
    return _subject(verb)


#: participles that give the span or total of the noun they follow ("claims, ranging from $200 to $4 million")
_SPAN_PARTICIPLES = frozenset({"range", "vary", "total", "average", "amount"})


def spanned_noun(verb: Token, skip: set[int]) -> Token | None:
    """The noun a participle clause of span or total follows, set off by a comma and with no subject
    of its own: "$12.4 million of claims, ranging from $200 to $4 million" -> claims."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in _SPAN_PARTICIPLES or verb.i < 2 or \
            verb.doc[verb.i - 1].text != ",":
        return None
    noun = verb.doc[verb.i - 2]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i in skip or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return noun


def phrase_words(tok: Token, skip: set[int]) -> str:
    """The noun phrase of ``tok`` as written, without the tokens in ``skip`` (the figure);
    a name split at hyphens ("Ben - Moshe") is kept whole."""
    toks = phrase_tokens(tok, skip)
    doc = tok.doc
    extra = []
    for t in toks:
        k = t.i
        while k + 2 < len(doc) and doc[k + 1].text == "-" and not doc[k].whitespace_ and \
                not doc[k + 1].whitespace_ and doc[k + 2].i not in skip:
            extra += [doc[k + 1], doc[k + 2]]
            k += 2
    return words_of(toks + extra)
