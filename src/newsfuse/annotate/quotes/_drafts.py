"""Quote drafts from the rules: cue-anchored spans found on the dependency parse and the quote marks.

Helpers of :mod:`._core`: the finders of :mod:`._finders` each propose drafts of one kind (a cue verb's
frames, a quote-adjacent verb, "according to", a colon, a dash, a continued quotation), and
:func:`_rule_drafts` here combines them (dropping duplicates and nested drafts, giving each its holder);
:func:`_candidate_drafts` casts the wider net the candidate model scores. A draft and its spans are in
:mod:`._spans`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ._finders import (_according_drafts, _adjacent_quote, _clause_start, _colon_drafts, _complement,
                       _continued_drafts, _dash_drafts, _nested, _quote_near, _quote_verb_drafts, _verb_drafts)
from ._marks import QuoteIndex
from ._spans import _content, _Draft
from ._syntax import clause_end, cue_span, frame_hits, governing_speaker, noun_frame_hits, noun_speaker, speaker_of
from ..sentences import sent_of


def _cue_distance(d: _Draft) -> int:
    """Characters between a draft's cue and its content (0 without a cue): the nearer cue is the likelier one."""
    if d.cue is None:
        return 0
    return max(0, d.start - d.cue[1], d.cue[0] - d.end)


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One draft per content: a longer overlapping draft with a speaker wins (neighbours only)."""
    kept: list[tuple[int, int, int]] = []  # (start, end, index into out), sorted
    out: list[_Draft] = []
    longest = 0
    for d in sorted(drafts, key=lambda d: (d.speaker is None, -(d.end - d.start), _cue_distance(d))):
        lo = bisect_left(kept, (d.start - longest, -1, -1))
        clash = False
        for k_start, k_end, k_i in kept[lo:]:
            if k_start >= d.end:
                break
            k = out[k_i]
            inter = min(d.end, k.end) - max(d.start, k.start)
            if inter > 0.5 * min(d.end - d.start, k.end - k.start) and (d.cue == k.cue or d.direct and k.direct):
                clash = True
                break
        if not clash:
            insort(kept, (d.start, d.end, len(out)))
            out.append(d)
            longest = max(longest, d.end - d.start)
    return sorted(out, key=lambda d: (d.start, d.end))


def _drop_nested(drafts: list[_Draft]) -> list[_Draft]:
    """A cue inside another draft's content is part of what that source said (PolNeAR is univocal)."""
    spans = sorted((d.start, d.end, d.cue) for d in drafts)
    starts = [s for s, _, _ in spans]
    longest = max((e - s for s, e, _ in spans), default=0)
    kept = []
    for d in drafts:
        if d.cue is None:
            kept.append(d)
            continue
        at = d.cue[0]
        lo = bisect_left(starts, at - longest)
        hi = bisect_right(starts, at)
        inside = any(s <= at < e and cue is not None and cue != d.cue and not s <= cue[0] < e
                     for s, e, cue in spans[lo:hi])
        if not inside:
            kept.append(d)
    return kept


def _sentence_variants(doc: Doc, text: str, quotes: QuoteIndex, tok: Token, start: int,
                       end: int) -> list[tuple[int, int]]:
    """Longer readings of an indirect content after its cue: to the end of its sentence, and of the next one
    in the same paragraph (indirect speech often runs on)."""
    out: list[tuple[int, int]] = []
    last = doc.char_span(start, end, alignment_mode="expand")
    if last is None or len(last) == 0:
        return out
    sent = sent_of(last[-1])
    stop = sent.end_char
    for _ in range(2):
        if stop > end + 1 and "\n" not in text[end:stop]:
            out.append((start, stop))
        nxt = sent.end
        if nxt >= len(doc) or "\n" in text[stop:doc[nxt].idx + 1]:
            break
        sent = sent_of(doc[nxt])
        stop = sent.end_char
    return out


def _candidate_drafts(doc: Doc, text: str, quotes: QuoteIndex) -> list[_Draft]:
    """A wider net than the rules, for the learned candidate model: every verb's clause, frames and
    adjacent quotation, every noun's preposition and 'that' clause, and longer readings of clauses."""
    out: list[_Draft] = []

    def add(start: int, end: int, cue_tok: Token, kind: str, speaker: Span | None, cue_at: int | None = None,
            cue_end: int | None = None) -> None:
        start, end, direct = _content(text, quotes, start, end, cue_tok.idx if cue_at is None else cue_at)
        if speaker is None:
            speaker = governing_speaker(cue_tok, quotes)
        if end - start >= 3:
            if cue_tok.pos_ == "NOUN":
                cue = (cue_tok.idx, cue_end or cue_tok.idx + len(cue_tok))
            else:
                cue = cue_span(cue_tok, cue_end)
            out.append(_Draft(start, end, direct, cue, speaker, cue_tok.idx, speech=kind in ("x:ccomp", "x:quote"),
                              kind=kind, cue_tok=cue_tok.i))

    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX", "NOUN") or _nested(tok, quotes):
            continue
        if tok.pos_ == "NOUN":
            speaker = noun_speaker(tok)
            for hit in noun_frame_hits(tok):
                add(hit.start, hit.end, tok, "x:noun", speaker, cue_end=hit.cue_end)
            for child in tok.rights:
                that = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
                if child.dep_ in ("acl", "ccomp") and that:
                    add(child.left_edge.idx, clause_end(child, tok), tok, "x:nthat", speaker)
            continue
        speaker = speaker_of(tok, quotes)
        comp = _complement(tok)
        if comp is not None:
            start, end = _clause_start(tok, comp), clause_end(comp, tok)
            if comp.i < tok.i:
                stop = min(tok.idx, speaker.start_char if speaker is not None else tok.idx)
                end = min(end, stop)
                add(start, end, tok, "x:ccomp", speaker)
            else:
                add(start, end, tok, "x:ccomp", speaker)
                full = comp.right_edge.idx + len(comp.right_edge)
                if full > end + 1:  # the whole clause, coordination and trailing clauses included
                    add(start, full, tok, "x:ccomp=full", speaker)
                for n, (v_start, v_end) in enumerate(_sentence_variants(doc, text, quotes, comp, start, end)):
                    add(v_start, v_end, tok, f"x:ccomp+{n}", speaker)
        for hit in frame_hits(tok):
            kind = "x:" + hit.frame.split(":")[0]
            add(hit.start, hit.end, tok, kind, speaker, cue_end=hit.cue_end)
            head = doc.char_span(hit.start, hit.start + 1, alignment_mode="expand")
            if head is not None and kind in ("x:dobj", "x:prep"):  # the object alone, not the rest of the verb phrase
                obj = head[0]
                while obj.head.i != tok.i and obj.head.dep_ not in ("prep",) and obj.head.idx >= hit.start:
                    obj = obj.head
                short = obj.right_edge.idx + len(obj.right_edge)
                if short < hit.end - 1:
                    add(hit.start, short, tok, kind + "=obj", speaker, cue_end=hit.cue_end)
        if speaker is not None and _quote_near(quotes, tok):
            quote = _adjacent_quote(text, tok, quotes)
            if quote is not None:
                out.append(_Draft(quote.start, quote.end, True, cue_span(tok), speaker, tok.idx, kind="x:quote",
                                  cue_tok=tok.i))
    return out


def _rule_drafts(doc: Doc, text: str, quotes: QuoteIndex) -> tuple[list[_Draft], list[_Draft]]:
    """The rules' raw drafts and their output (one draft per content, nested cues dropped, continuations added)."""
    raw = (_verb_drafts(doc, text, quotes) + _according_drafts(doc, text, quotes) + _colon_drafts(doc, text, quotes)
           + _dash_drafts(doc, text, quotes) + _quote_verb_drafts(doc, text, quotes))
    raw = [_with_holder(doc, d, quotes) for d in raw]
    drafts = _drop_nested(_dedupe(raw))
    return raw, _dedupe(drafts + _continued_drafts(doc, text, quotes, drafts))


def _with_holder(doc: Doc, d: _Draft, quotes: QuoteIndex) -> _Draft:
    """A cue with no subject of its own takes the holder further up the tree (:func:`governing_speaker`)."""
    if d.speaker is not None or d.cue_tok < 0:
        return d
    holder = governing_speaker(doc[d.cue_tok], quotes)
    return d if holder is None else replace(d, speaker=holder)

