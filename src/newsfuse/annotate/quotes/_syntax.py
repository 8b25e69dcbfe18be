"""Dependency-parse helpers of the quote stage: speakers, cue extents and cue frames.

A *frame* is the way a cue word takes what was said (PolNeAR's "content"):

- ``ccomp``: a clause, "said (that) ..."; handled in :mod:`.quotes`, which also
  pairs cues with quotation marks;
- ``xcomp``: an infinitive, "vowed to ...", "urged Congress to ...";
- ``dobj``: an object, "cited the report", "called him a liar", "attacked Clinton for ...";
- ``prep:<word>``: a prepositional object, "called for ...", "spoke about ...".

Which (lemma, frame) pairs count as attributions is data: see
``lexicons/quote_cues.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ._marks import QuoteIndex

__all__ = ["FrameHit", "clause_end", "coordinated_cue", "speaker_of", "governing_speaker",
           "noun_phrase", "cue_span", "frame_hits", "frame_lemma", "noun_frame_hits",
           "noun_speaker"]

_SUBJECTS = ("nsubj", "csubj")
_CLIMB = ("advcl", "xcomp", "conj", "acl", "pcomp", "pobj", "prep")


@dataclass(frozen=True, slots=True)
class FrameHit:
    """One way ``verb`` takes content: ``frame`` names it, [start, end) are content characters."""

    verb: Token
    frame: str
    start: int
    end: int
    cue_end: int  # character end of the cue (after the preposition for prep frames)


def noun_phrase(tok: Token) -> Span:
    """The noun phrase of ``tok`` without a trailing relative or participle clause."""
    doc = tok.doc
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "punct", "advcl") and child.i > tok.i:
            break
        end = child.right_edge.i + 1
    start = tok.left_edge.i
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def speaker_of(verb: Token, quotes: QuoteIndex | None = None) -> Span | None:
    """Subject of the cue verb; a participle ("..., adding that") takes its head's subject, and a verb
    coordinated into the reported clause (:func:`coordinated_cue`) the subject of the cue.

    A subject inside quotation marks is a misparse of '"... mode," said X': skipped.
    """
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        outer = coordinated_cue(tok)
        if outer is not None:  # "X said A but acknowledged B": acknowledged is X's, not A's subject's
            tok = outer
        for child in tok.children:
            if child.dep_ in _SUBJECTS:
                if quotes is not None and quotes.covering(child.idx) is not None:
                    continue
                return noun_phrase(child)
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return noun_phrase(objs[0])
        if tok.dep_ in _CLIMB and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return None


def cue_span(verb: Token, end_char: int | None = None) -> tuple[int, int]:
    """The cue word with its auxiliaries, negation and particle ("has said", "pointed out")."""
    doc = verb.doc
    start, end = verb.i, verb.i + 1
    while start > 0 and doc[start - 1].dep_ in ("aux", "neg", "advmod") and doc[start - 1].head.i == verb.i:
        start -= 1
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    stop = doc[end - 1].idx + len(doc[end - 1])
    return doc[start].idx, max(stop, end_char or 0)


def frame_lemma(verb: Token) -> str:
    """The lemma a frame is keyed on; a phrasal verb keeps its particle ("point out")."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prt":
            return f"{lemma} {child.lower_}"
    return lemma


def _edge_end(tok: Token) -> int:
    right = tok.right_edge
    return right.idx + len(right)


_CLOSING_MARKS = frozenset({'"', "”", "’", "'", "''"})


def _after_comma(tok: Token) -> bool:
    """The phrase of ``tok`` is set off by a comma or dash, a closing quotation mark between them or not
    ('..., arguing that', '...,” stressing that')."""
    i = tok.left_edge.i - 1
    while i > 0 and tok.doc[i].text in _CLOSING_MARKS:
        i -= 1
    return i >= 0 and tok.doc[i].text in (",", "—", "–", "--")


def coordinated_cue(verb: Token) -> Token | None:
    """The cue whose reported clause ``verb`` was parsed into, when ``verb`` is really coordinated with the cue.

    'X said the meetings would not negotiate a withdrawal but acknowledged a need ...': the parser makes
    *acknowledged* a conjunct of *negotiate*; a conjunct verb in the cue's own tense with no subject of its
    own is the cue's second verb (what :func:`clause_end` leaves out of the clause), so its speaker is the
    cue's subject.
    """
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    comp = verb.head
    cue = comp.head
    if comp.dep_ != "ccomp" or cue.i == comp.i or cue.pos_ != "VERB" or verb.tag_ != cue.tag_:
        return None
    return cue


def clause_end(comp: Token, cue: Token) -> int:
    """End of a reported clause, without what the writer tacks on after it.

    Left out: a participle clause after a comma (", arguing that ..." is a new
    attribution), a verb in the cue's own tense with no subject ("said X and
    warned Y"), and a non-restrictive clause or apposition closing the clause.
    """
    end_tok = comp
    before_cc = comp  # where the clause ends if the coordination that follows is left out
    for child in comp.rights:
        if child.dep_ == "punct":
            continue
        if child.dep_ == "advcl" and child.tag_ == "VBG" and _after_comma(child):
            break
        if child.dep_ == "conj" and child.tag_ == cue.tag_ and child.pos_ == "VERB" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            end_tok = before_cc  # "... from Iraq but acknowledged": the "but" goes with what is left out
            break
        if child.dep_ != "cc":
            before_cc = child.right_edge
        end_tok = child.right_edge
    end_tok = _trim_tail(end_tok, comp)
    return end_tok.idx + len(end_tok)


def _trim_tail(end_tok: Token, top: Token) -> Token:
    """Drop a closing ', which ...' or ', the latest ...' hung on the last noun of the clause."""
    doc = end_tok.doc
    for tok in doc[top.i:end_tok.i + 1]:
        if tok.dep_ in ("relcl", "appos") and tok.head.i < tok.i and _after_comma(tok) and tok.right_edge.i >= end_tok.i:
            return doc[max(top.i, tok.left_edge.i - 2)] if tok.left_edge.i - 2 >= top.i else top
    return end_tok


def _phrase_end(verb: Token, first: Token) -> int:
    """End of the verb phrase from ``first`` on: what PolNeAR counts as content of a frame.

    The rest of the verb's right dependents belong to it ("cited X as examples of Y",
    "reporting X to Y", "cited X Tuesday"), up to a coordination or a clause set off by a comma.
    """
    last = _trim_tail(first.right_edge, first)
    end = last.idx + len(last)
    for child in verb.rights:
        if child.i <= first.right_edge.i or child.dep_ == "punct":
            continue
        if child.dep_ in ("cc", "conj", "parataxis", "mark", "dep"):
            break
        if child.dep_ in ("advcl", "ccomp", "xcomp", "relcl", "acl", "npadvmod", "advmod") and _after_comma(child):
            break
        last = _trim_tail(child.right_edge, child)
        end = max(end, last.idx + len(last))
    return end


def frame_hits(verb: Token) -> list[FrameHit]:
    """Object, infinitive and prepositional frames of ``verb`` (clauses are handled elsewhere)."""
    hits: list[FrameHit] = []
    verb_end = verb.idx + len(verb)
    rights = [c for c in verb.rights]
    objects = [c for c in rights if c.dep_ == "dobj"]
    for child in rights:
        if child.dep_ == "xcomp" and any(a.tag_ == "TO" for a in child.children if a.i < child.i):
            start = objects[0].left_edge.idx if objects and objects[0].i < child.i else child.left_edge.idx
            end = _edge_end(child)
            for other in rights:  # "agreed to share X and rely on Y"
                if other.i > child.i and other.dep_ == "conj" and other.tag_ == "VB":
                    end = max(end, _edge_end(other))
            hits.append(FrameHit(verb, "xcomp", start, end, verb_end))
            break
    if objects and not hits:
        obj = objects[0]
        hits.append(FrameHit(verb, "dobj", obj.left_edge.idx, _phrase_end(verb, obj), verb_end))
    if not objects:
        for child in rights:
            if child.dep_ != "prep":
                continue
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs and child.i <= verb.i + 2:
                hits.append(FrameHit(verb, f"prep:{child.lower_}", objs[0].left_edge.idx, _phrase_end(verb, child),
                                     child.idx + len(child)))
                break
    return hits


def noun_frame_hits(noun: Token) -> list[FrameHit]:
    """A nominal cue with its prepositional object: "criticism of X", "support for X" (frame ``n:prep:<word>``)."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.i == noun.i + 1:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return [FrameHit(noun, f"n:prep:{child.lower_}", objs[0].left_edge.idx, _edge_end(child),
                                 child.idx + len(child))]
    return []


def noun_speaker(noun: Token) -> Span | None:
    """The holder of a nominal cue: "Trump's criticism", "criticism by Trump"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return noun.doc[child.left_edge.i:child.i + 1] if child.pos_ != "PRON" else noun.doc[child.i:child.i + 1]
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "by":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return noun_phrase(objs[0])
    return None


def governing_speaker(tok: Token, quotes: QuoteIndex | None = None) -> Span | None:
    """A holder further up the tree, for a cue with no subject of its own: the noun a participle modifies
    ("a campaign focused on ..."), else the nearest subject of a governing verb ("She has not made a
    decision on ...", "..., vowing to ...")."""
    node = tok
    for _ in range(8):
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and node.head.i != node.i:
            return noun_phrase(node.head)
        if node.head.i == node.i:
            return None
        node = node.head
        for child in node.children:
            if child.dep_ in _SUBJECTS and child.i != tok.i and (quotes is None or quotes.covering(child.idx) is None):
                return noun_phrase(child)
    return None
