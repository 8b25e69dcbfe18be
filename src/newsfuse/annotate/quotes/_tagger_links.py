"""Segments and links of the learned quote tagger (:mod:`._tagger`): the words of one role decoded from
word tags, and the link head that joins each content to its cue and each cue to its source.

The link head is two logistic regressions over candidate pairs, reading both ends' hidden states (their
product), the distance, the same sentence, the order, the parse path (the cue governs the content, the
source is the cue's subject), and what lies between.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc

from ._lexicon import SPEECH_VERBS

#: the word tags: content, cue and source, each with where it begins
TAGS = ("O", "B-C", "I-C", "B-Q", "I-Q", "B-S", "I-S")

# --------------------------------------------------------------------------- segments


@dataclass
class Segment:
    """Words of one role: a cue, a source, or one attribution's content (possibly in fragments)."""

    role: str
    words: list[int]
    fragments: list[tuple[int, int]] = field(default_factory=list)  # word ranges [a, b)


def decode_tags(doc: Doc, tags: Sequence[int], para_of: Sequence[int]) -> dict[str, list[Segment]]:
    """Content groups, cues and sources from word tags. ``B-C`` opens a content; ``I-C`` right after content
    extends it, and after a gap continues the last content of the same paragraph (a new one elsewhere).
    An ``I-`` cue or source word with no such word before it starts a new one."""
    out: dict[str, list[Segment]] = {"C": [], "Q": [], "S": []}
    prev_role, prev_word = None, -2
    for tok in doc:
        if tok.is_space:
            continue
        i = tok.i
        tag = TAGS[tags[i]]
        if tag == "O":
            prev_role = None
            continue
        kind, role = tag.split("-")
        segs = out[role]
        adjacent = prev_role == role and prev_word == i - 1 - _spaces_before(doc, i)
        if role == "C":
            if kind == "I" and adjacent:
                segs[-1].words.append(i)
                a, _ = segs[-1].fragments[-1]
                segs[-1].fragments[-1] = (a, i + 1)
            elif kind == "I" and segs and para_of[segs[-1].words[-1]] == para_of[i]:
                segs[-1].words.append(i)
                segs[-1].fragments.append((i, i + 1))
            else:
                segs.append(Segment("C", [i], [(i, i + 1)]))
        else:
            if kind == "I" and adjacent:
                segs[-1].words.append(i)
                segs[-1].fragments[-1] = (segs[-1].fragments[-1][0], i + 1)
            else:
                segs.append(Segment(role, [i], [(i, i + 1)]))
        prev_role, prev_word = role, i
    return out


def _spaces_before(doc: Doc, i: int) -> int:
    n = 0
    while i - 1 - n >= 0 and doc[i - 1 - n].is_space:
        n += 1
    return n


def paragraph_index(doc: Doc) -> np.ndarray:
    """Paragraph number per word (a blank line starts a new one)."""
    out = np.zeros(len(doc), dtype=np.int64)
    para = 0
    for tok in doc:
        out[tok.i] = para
        if tok.text_with_ws.count("\n") >= 2 or (tok.is_space and tok.text.count("\n") >= 2):
            para += 1
    return out


# --------------------------------------------------------------------------- link head

_DIST = (0, 1, 2, 4, 8, 16, 32)


def _bucket(n: int) -> list[float]:
    return [float(n <= top) for top in _DIST]


def _governs(doc: Doc, heads: Sequence[int], words: Sequence[int], depth: int = 4) -> bool:
    """One of ``heads`` is an ancestor (within ``depth`` steps) of one of ``words``."""
    hs = set(heads)
    for w in words:
        node = doc[w]
        for _ in range(depth):
            if node.head is node:
                break
            node = node.head
            if node.i in hs:
                return True
    return False


def _vec(states: np.ndarray, words: Sequence[int]) -> np.ndarray:
    v = states[list(words)].astype(np.float32).mean(axis=0)
    return v / max(float(np.linalg.norm(v)), 1e-6)


def _gap(a: Sequence[int], b: Sequence[int]) -> tuple[int, int]:
    """(words between the two sets, -1 / 0 / 1: b before a, interleaved, b after a)."""
    a_lo, a_hi, b_lo, b_hi = min(a), max(a), min(b), max(b)
    if b_hi < a_lo:
        return a_lo - b_hi - 1, -1
    if b_lo > a_hi:
        return b_lo - a_hi - 1, 1
    return 0, 0


def _between(others: Sequence[Segment], a: Sequence[int], b: Sequence[int], me: Segment) -> int:
    lo, hi = min(min(a), min(b)), max(max(a), max(b))
    return sum(1 for s in others if s is not me and lo < s.words[0] < hi)


#: names of the hand features of a (content, cue) pair and of a (cue, source) pair, after the product of states
CUE_HAND = (*(f"gap<={d}" for d in _DIST), "cue_before", "interleaved", "cue_after", "same_sentence",
            "next_sentence", "cue_governs", "no_cue_between", "no_content_between", "speech_verb", "verb", "noun",
            "rules_pair", "quoted", "long", "fragments")
SOURCE_HAND = (*(f"gap<={d}" for d in _DIST), "source_before", "interleaved", "source_after", "same_sentence",
               "subject", "nsubj", "no_source_between", "pronoun", "proper", "entity", "in_content", "rules_pair")


def cue_pair_features(doc: Doc, states: np.ndarray, sent_of: np.ndarray, feats: np.ndarray, content: Segment,
                      cue: Segment, cues: Sequence[Segment], contents: Sequence[Segment]) -> np.ndarray:
    """What the link head reads of a (content, cue) pair."""
    gap, side = _gap(content.words, cue.words)
    c_sents = {int(sent_of[w]) for w in content.words}
    q_sent = int(sent_of[cue.words[0]])
    head = doc[cue.words[0]]
    lemma = head.lemma_.lower()
    hand = [
        *_bucket(gap), side == -1, side == 0, side == 1, q_sent in c_sents,
        min(abs(q_sent - s) for s in c_sents) == 1, _governs(doc, cue.words, content.words),
        _between(cues, content.words, cue.words, cue) == 0, _between(contents, content.words, cue.words, content) == 0,
        lemma in SPEECH_VERBS, head.pos_ == "VERB", head.pos_ == "NOUN",
        feats[cue.words, 2].max() > 0 and feats[content.words, 1].mean() > 0.5,  # the rules found both
        feats[content.words, 5].mean() > 0.5, len(content.words) > 8, len(content.fragments) > 1,
    ]
    assert len(hand) == len(CUE_HAND)
    return np.concatenate([_vec(states, content.words) * _vec(states, cue.words), np.asarray(hand, np.float32)])


def source_pair_features(doc: Doc, states: np.ndarray, sent_of: np.ndarray, feats: np.ndarray, cue: Segment,
                         source: Segment, sources: Sequence[Segment], content: Segment | None) -> np.ndarray:
    """What the link head reads of a (cue, source) pair."""
    gap, side = _gap(cue.words, source.words)
    s_root = min((doc[w] for w in source.words), key=lambda t: len(list(t.ancestors)))
    subj = s_root.dep_ in ("nsubj", "nsubjpass", "agent", "poss", "pobj") and _governs(doc, cue.words, source.words, 3)
    in_content = content is not None and bool(set(source.words) & set(content.words))
    hand = [
        *_bucket(gap), side == -1, side == 0, side == 1, sent_of[cue.words[0]] == sent_of[source.words[0]],
        subj, s_root.dep_ in ("nsubj", "nsubjpass"), _between(sources, cue.words, source.words, source) == 0,
        s_root.pos_ == "PRON", s_root.pos_ == "PROPN", bool(s_root.ent_type_), in_content,
        feats[source.words, 3].max() > 0 and feats[cue.words, 2].max() > 0,  # the rules found both
    ]
    assert len(hand) == len(SOURCE_HAND)
    return np.concatenate([_vec(states, cue.words) * _vec(states, source.words), np.asarray(hand, np.float32)])


def sentence_index(doc: Doc) -> np.ndarray:
    out = np.zeros(len(doc), dtype=np.int64)
    for k, s in enumerate(doc.sents):
        out[s.start:s.end] = k
    return out


def cue_candidates(sent_of: np.ndarray, content: Segment, cues: Sequence[Segment]) -> list[Segment]:
    """Cues within a sentence of the content."""
    c_sents = {int(sent_of[w]) for w in content.words}
    lo, hi = min(c_sents) - 1, max(c_sents) + 1
    return [q for q in cues if lo <= sent_of[q.words[0]] <= hi]


def source_candidates(sent_of: np.ndarray, cue: Segment, sources: Sequence[Segment]) -> list[Segment]:
    """Sources in the cue's sentence or the one before."""
    s = int(sent_of[cue.words[0]])
    return [x for x in sources if s - 1 <= sent_of[x.words[0]] <= s + 1]


@dataclass
class LinearHead:
    w: np.ndarray
    b: float

    def proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ self.w + self.b)))


@dataclass
class Attribution:
    content: Segment
    cue: Segment | None
    source: Segment | None


def link(doc: Doc, states: np.ndarray, feats: np.ndarray, segs: dict[str, list[Segment]], cue_head: LinearHead,
         source_head: LinearHead, cue_min: float, source_min: float) -> list[Attribution]:
    """Each content to its most likely cue (none under ``cue_min``), each cue to its most likely source (none
    under ``source_min``); contents that chose the same cue become one attribution."""
    sent_of = sentence_index(doc)
    by_cue: dict[int, Attribution] = {}
    out: list[Attribution] = []
    for content in segs["C"]:
        cands = cue_candidates(sent_of, content, segs["Q"])
        best = None
        if cands:
            x = np.stack([cue_pair_features(doc, states, sent_of, feats, content, q, segs["Q"], segs["C"])
                          for q in cands])
            p = cue_head.proba(x)
            k = int(p.argmax())
            if p[k] >= cue_min:
                best = cands[k]
        if best is not None and id(best) in by_cue:
            att = by_cue[id(best)]
            att.content = Segment("C", sorted(att.content.words + content.words),
                                  sorted(att.content.fragments + content.fragments))
            continue
        att = Attribution(content, best, None)
        if best is not None:
            by_cue[id(best)] = att
        out.append(att)
    for att in out:
        if att.cue is None:
            continue
        cands = [s for s in source_candidates(sent_of, att.cue, segs["S"]) if not set(s.words) & set(att.content.words)]
        if not cands:
            continue
        x = np.stack([source_pair_features(doc, states, sent_of, feats, att.cue, s, segs["S"], att.content)
                      for s in cands])
        p = source_head.proba(x)
        k = int(p.argmax())
        if p[k] >= source_min:
            att.source = cands[k]
    return out


def char_span(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Characters of words [a, b)."""
    last = doc[b - 1]
    return doc[a].idx, last.idx + len(last.text)
