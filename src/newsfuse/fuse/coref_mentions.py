"""Event mentions as event coreference sees them: head, stem, arguments (agent, patient, place, time),
governor and the words of the sentence, read from one parsed sentence.

Part of :mod:`.coref`, which re-exports :class:`MentionInfo`, :func:`mention_info`, :func:`stem`,
:func:`event_arguments` and :func:`governor`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Heads that say little about which event is meant ("said", "happened").
LIGHT_HEADS = frozenset("be have do say tell go take make get happen occur give come put set "
                        "it this that event incident".split())

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
_TIME_ENTS = {"DATE", "TIME"}

_SUFFIXES = ("ations", "ation", "ating", "ated", "ates", "ate", "ings", "ing", "ments", "ment", "ions", "ion",
             "ees", "ee", "ers", "er", "ies", "ied", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A light suffix-stripping stem that joins inflections and most nominalisations.

    ``"shooting"`` / ``"shoot"``, ``"nominate"`` / ``"nomination"`` / ``"nominee"``, ``"Oscars®"`` /
    ``"oscar"``; the first listed suffix that leaves at least three letters is cut.
    """
    w = "".join(ch for ch in word.lower() if ch.isalpha()) or word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True, slots=True)
class MentionInfo:
    """What a mention's sentence tells about it, for comparison with other mentions."""

    key: str
    doc: str
    sentence: str  # doc + sentence id, to tell same-sentence pairs
    head: str  # lemma of the head word
    stem: str  # :func:`stem` of the head lemma
    pos: str
    lemmas: frozenset[str]
    context: frozenset[str]  # content lemmas of the sentence outside the mention
    names: frozenset[str]
    times: frozenset[str]
    numbers: frozenset[str]
    args: frozenset[str]  # lemmas of subject / object / prepositional objects of the head
    roles: Mapping[str, frozenset[str]] = None  # role -> words of that argument (see :func:`event_arguments`)
    named: Mapping[str, frozenset[str]] = None  # role -> name words (named-entity tokens) of that argument
    governor: str = ""  # "lemma|relation" of the word the mention depends on (see :func:`governor`)
    vector: bytes = b""  # the trigger's contextual encoder vector (:func:`pack_vector`; empty: not encoded)
    sentence_vector: bytes = b""  # the encoder vector of its sentence, packed the same way


def pack_vector(vector: Sequence[float]) -> bytes:
    """A vector as int8 bytes, scaled so that its largest component is 127: only its direction is kept
    (coreference reads cosines), in a quarter of float32's room (384 bytes for MiniLM)."""
    v = np.asarray(vector, dtype=np.float32)
    top = float(np.abs(v).max()) if v.size else 0.0
    if not top or not np.isfinite(top):
        return b""
    return np.round(v * (127.0 / top)).astype(np.int8).tobytes()


def unpack_vectors(packed: Sequence[bytes]) -> np.ndarray | None:
    """Unit rows (float32) of packed vectors; a row of zeros where one is empty. None when none is there or
    their lengths differ (vectors of two encoders are not compared)."""
    sizes = {len(b) for b in packed if b}
    if len(sizes) != 1:
        return None
    dim = sizes.pop()
    out = np.zeros((len(packed), dim), dtype=np.float32)
    for r, b in enumerate(packed):
        if b:
            out[r] = np.frombuffer(b, dtype=np.int8)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


def head_token(span):
    """The syntactic head of a mention span (the last token when the parse disagrees)."""
    root = span.root
    return root if root.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "AUX") else span[-1]


#: The argument roles of :func:`event_arguments`: who acts, who or what undergoes, where, when.
ROLES = ("agent", "patient", "place", "time")
_PLACE_PREPS = frozenset("in at near outside inside across off into from".split())
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_LIGHT_VERBS = frozenset("make carry conduct launch stage hold take give have do perform mount commit suffer "
                         "undergo receive face get".split())
_PRONOUNS = frozenset("he she it they him her them his its their who whom which that this these those "
                      "i we you me us one".split())


def _arg_words(tok) -> tuple[set[str], set[str]]:
    """(words, name words) standing for one argument token: its lemma, compounds and its named entity."""
    words: set[str] = set()
    names: set[str] = set()
    if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON":
        return words, names
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and (ent.label_ in _NAME_ENTS or ent.label_ in _TIME_ENTS):
            names.update(t.lower_ for t in ent if t.is_alpha and not t.is_stop)
    words.add(tok.lemma_.lower())
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nummod") and not c.is_stop:
            words.add(c.lemma_.lower())
            if c.ent_type_ in _NAME_ENTS:
                names.add(c.lower_)
    if tok.ent_type_ in _NAME_ENTS or tok.pos_ == "PROPN":
        names.add(tok.lower_)
    return {w for w in words if w.isalnum() and w not in _PRONOUNS}, {n for n in names if n.isalnum()}


def _role_of_modifier(tok) -> str | None:
    """The role of a prepositional object / modifier by its entity type (place, time) or None."""
    if tok.ent_type_ in _TIME_ENTS:
        return "time"
    if tok.ent_type_ in _PLACE_ENTS:
        return "place"
    return None


def event_arguments(head) -> dict[str, tuple[set[str], set[str]]]:
    """Arguments of the event expressed by ``head`` (a parsed token), by role of :data:`ROLES`.

    Verbs: subject (agent; passive subject patient), object, ``by``-agent, prepositional places and
    times; nouns: ``of``-object (patient), ``by``-object and possessor (agent), compounds by entity
    type. A noun that is the object of a light verb ("carried out the attack") takes the verb's
    subject as agent; a verb coordinated with another shares its subject; a participle or relative
    clause takes the noun it modifies. Each role maps to (words, name words).
    """
    found: dict[str, tuple[set[str], set[str]]] = {r: (set(), set()) for r in ROLES}

    def add(role: str, tok) -> None:
        words, names = _arg_words(tok)
        found[role][0].update(words)
        found[role][1].update(names)

    def prep_object(prep, verbal: bool) -> None:
        for g in prep.children:
            if g.dep_ != "pobj":
                continue
            role = _role_of_modifier(g)
            p = prep.lower_
            if role is None and p == "by":
                role = "agent"
            elif role is None and p == "of" and not verbal:
                role = "patient"
            elif role is None and p in _PLACE_PREPS and g.pos_ == "PROPN":
                role = "place"
            if role is not None:
                add(role, g)

    verbal = head.pos_ in ("VERB", "AUX")
    # a bare participle with a subject is a headline passive ("Jackson arrested on suspicion of DUI")
    headline_passive = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    for c in head.children:
        dep = c.dep_
        if dep == "nsubj" or dep == "csubj":
            add("patient" if headline_passive else "agent", c)
        elif dep in ("nsubjpass", "dobj", "attr", "oprd"):
            add("patient", c)
        elif dep == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    add("agent", g)
        elif dep == "prep":
            prep_object(c, verbal)
        elif dep in ("npadvmod", "tmod") and c.ent_type_ in _TIME_ENTS:
            add("time", c)
        elif dep in ("compound", "nmod", "amod") and not verbal:
            role = _role_of_modifier(c)
            if role is not None:
                add(role, c)
            elif c.pos_ == "PROPN":
                add("patient", c)
        elif dep == "poss" and not verbal:
            add("agent", c)
    parent = head.head
    if parent.i != head.i:
        if head.dep_ == "dobj" and parent.lemma_.lower() in _LIGHT_VERBS:
            for c in parent.children:
                if c.dep_ == "nsubj":
                    add("agent", c)
        elif head.dep_ == "conj" and verbal and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            for c in parent.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    add("agent" if c.dep_ == "nsubj" else "patient", c)
        elif head.dep_ == "acl" and head.tag_ == "VBN":
            add("patient", parent)
        elif head.dep_ in ("acl", "relcl"):
            add("agent", parent)
    return found


def governor(head) -> str:
    """``"lemma|relation"`` of the word ``head`` depends on, looking through a preposition.

    "arrested on suspicion of *DUI*" and "... of drunk *driving*" share ``"suspicion|of"``;
    "*hosting* the Oscars" / "to *host* the Academy Awards" share the governor of their objects. Empty
    for the root of the sentence.
    """
    parent = head.head
    if parent.i == head.i:
        return ""
    rel = head.dep_
    if rel == "pobj" and parent.dep_ in ("prep", "agent") and parent.head.i != parent.i:
        return f"{parent.head.lemma_.lower()}|{parent.lower_}"
    if rel in ("conj", "appos"):
        return governor(parent)
    return f"{parent.lemma_.lower()}|{rel}"


def mention_info(key: str, doc_id: str, sentence_id: str, sent_doc, start: int, end: int, head=None) -> MentionInfo:
    """Summary of the mention ``sent_doc[start:end]`` (token indices within the parsed sentence).

    ``sent_doc`` is a sentence parsed on its own (a ``Doc``) or a sentence of a parsed article (a ``Span``);
    ``head`` is the mention's head token when the caller knows it (else the span's syntactic head).
    """
    span = sent_doc[start:end]
    head = head if head is not None else head_token(span)
    inside = {t.i for t in span}
    context = frozenset(t.lemma_.lower() for t in sent_doc if t.i not in inside and t.pos_ in _CONTENT_POS
                        and not t.is_stop and t.is_alpha)
    names = frozenset(t.lower_ for t in sent_doc if t.ent_type_ in _NAME_ENTS and t.is_alpha and not t.is_stop)
    times = frozenset(t.lower_ for t in sent_doc if t.ent_type_ in _TIME_ENTS and not t.is_stop
                      and not t.is_punct)
    numbers = frozenset(t.lower_ for t in sent_doc if t.like_num and t.ent_type_ not in _TIME_ENTS)
    args: set[str] = set()
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "poss", "compound", "amod"):
            args.add(c.lemma_.lower())
        elif c.dep_ == "prep":
            args.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    if head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.head.i != head.i:
        args.add(head.head.lemma_.lower())
    found = event_arguments(head)
    return MentionInfo(
        key=key, doc=doc_id, sentence=f"{doc_id}|{sentence_id}", head=head.lemma_.lower(),
        stem=stem(head.lemma_), pos=head.pos_,
        lemmas=frozenset(t.lemma_.lower() for t in span if not t.is_punct and not t.is_stop) or
        frozenset({head.lemma_.lower()}),
        context=context, names=names, times=times, numbers=numbers,
        args=frozenset(a for a in args if a.isalpha() and a not in LIGHT_HEADS),
        roles={r: frozenset(w - {head.lemma_.lower()}) for r, (w, _) in found.items()},
        named={r: frozenset(n) for r, (_, n) in found.items()},
        governor=governor(head),
    )
