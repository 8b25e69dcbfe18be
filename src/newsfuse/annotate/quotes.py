"""Quotes and reported speech, with the speaker resolved within the article.

``extract_quotes(doc, article)`` finds direct quotes ("...", said X), mixed
quotes (X said the attacks "need to stop"), indirect speech (X said that ...,
according to X, ...), colon attributions ("Albares: ...") and quotes that run
over several sentences or paragraphs. It works in two steps: find cue-anchored
drafts on the dependency parse and the quote marks, then resolve each speaker
in order of appearance (:mod:`.quotes_speakers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..records import QuoteMention
from .quotes_lexicon import CLAUSE_VERBS, OBJECT_VERBS, SPEECH_VERBS
from .quotes_marks import QuotedSpan, find_quoted_spans, paragraph_spans
from .quotes_speakers import SpeakerResolver
from .sentences import sent_of

__all__ = ["extract_quotes"]

_TRIM = " \t\n\r\u00a0,;:.—–-"
_STATEMENT = re.compile(r"^(?:in|on|via) an? (?:statement|post|tweet|interview|message)\b[^\"“”.]{0,30}$", re.I)


@dataclass(frozen=True, slots=True)
class _Draft:
    start: int
    end: int
    direct: bool
    cue: tuple[int, int] | None
    speaker: Span | None
    anchor: int  # char offset used to order speaker resolution


# --------------------------------------------------------------------------- spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _quote_at(quotes: list[QuotedSpan], start: int, end: int) -> QuotedSpan | None:
    """The quoted span that covers most of [start, end), if it covers at least 70% of it."""
    best, best_cov = None, 0
    for q in quotes:
        cov = min(end, q.close) - max(start, q.open)
        if cov > best_cov:
            best, best_cov = q, cov
    if best is not None and best_cov >= 0.7 * max(1, end - start):
        return best
    return None


def _content(text: str, quotes: list[QuotedSpan], start: int, end: int) -> tuple[int, int, bool]:
    """Trim a content span; a span that is (mostly) one quotation becomes that quotation."""
    start, end = _trim(text, start, end)
    q = _quote_at(quotes, start, end)
    if q is not None and q.start <= start + 3 and (q.end >= end - 3 or not q.closed):
        return q.start, q.end, True
    if q is not None and q.open <= start + 2:
        return q.start, max(q.end, end), True
    # an indirect clause that ends inside a quote runs to the closing mark
    for q in quotes:
        if q.open < end <= q.close and q.start > start:
            end = q.close
    return start, end, False


# --------------------------------------------------------------------------- cues


def _speaker_of(verb: Token) -> Span | None:
    """Subject of the cue verb; a participle ("..., adding that") takes its head's subject."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                return _np(child)
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return _np(objs[0])
        if tok.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "pobj", "prep") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return None


def _np(tok: Token) -> Span:
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
    return doc[start:end]


def _complement(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("ccomp",):
            return child
    return None


def _cue_span(verb: Token) -> tuple[int, int]:
    """The reporting verb with its auxiliaries, negation and particle ("has said", "pointed out")."""
    doc = verb.doc
    start, end = verb.i, verb.i + 1
    while start > 0 and doc[start - 1].dep_ in ("aux", "neg", "advmod") and doc[start - 1].head is verb:
        start -= 1
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _adjacent_quote(doc: Doc, verb: Token, quotes: list[QuotedSpan]) -> QuotedSpan | None:
    """A quotation right before ', X said' or right after 'X said[,:]'."""
    text = doc.text
    sent = sent_of(verb)
    subj = _speaker_of(verb)
    left = min(verb.idx, subj.start_char if subj is not None else verb.idx)
    right = verb.idx + len(verb)
    if subj is not None and subj.end_char > right and subj.start_char - right < 40:
        right = subj.end_char
    for q in quotes:
        gap_before = text[q.close:left]
        if q.close <= left and len(gap_before) <= 4 and not gap_before.strip(" ,\n") and q.close > sent.start_char - 1:
            return q
    for q in quotes:
        gap_after = text[right:q.open]
        if q.open >= right and (len(gap_after) <= 12 or _STATEMENT.match(gap_after.strip(" ,:\n"))) and q.open < sent.end_char + 2:
            stripped = gap_after.strip(" ,:\n")
            if (stripped.lower() in ("", "that") or _STATEMENT.match(stripped)) and len(text[q.start:q.end].split()) >= 3:
                return q
    return None


def _object_content(verb: Token, lemma: str) -> tuple[int, int] | None:
    """What was said as an object: 'called for X', 'called X a Y', 'cited X', 'announced X'."""
    kids = list(verb.children)
    if lemma == "call":
        for child in kids:
            if child.dep_ == "prep" and child.lower_ in ("for", "on"):
                objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    return objs[0].left_edge.idx, objs[0].right_edge.idx + len(objs[0].right_edge)
        dobj = [c for c in kids if c.dep_ == "dobj"]
        pred = [c for c in kids if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > verb.i]
        if dobj and pred:
            last = max(pred[-1].right_edge.i, dobj[0].right_edge.i)
            return dobj[0].left_edge.idx, verb.doc[last].idx + len(verb.doc[last])
        return None
    if lemma in OBJECT_VERBS:
        dobj = [c for c in kids if c.dep_ == "dobj" and c.i > verb.i and c.pos_ not in ("PRON",)]
        if dobj:
            return dobj[0].left_edge.idx, dobj[0].right_edge.idx + len(dobj[0].right_edge)
    return None


def _parenthetical_content(verb: Token) -> tuple[int, int] | None:
    """'Y, he said, Z' and 'Y, X said.': the sentence around a parenthetical cue."""
    subj = _speaker_of(verb)
    if subj is None or any(c.dep_ in ("dobj", "prep") and c.i > verb.i for c in verb.children if c.lower_ != "to"):
        return None
    sent = sent_of(verb)
    doc = verb.doc
    left = min(subj.start, verb.i)
    right = max(subj.end, verb.i + 1)
    comma_before = left > sent.start and doc[left - 1].text in (",", "—", "–")
    if not comma_before:
        return None
    return sent.start_char, sent.end_char


def _verb_drafts(doc: Doc, quotes: list[QuotedSpan]) -> list[_Draft]:
    text = doc.text
    drafts: list[_Draft] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or not (lemma in SPEECH_VERBS or lemma in CLAUSE_VERBS):
            continue
        if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
            continue
        comp = _complement(tok)
        quote = _adjacent_quote(doc, tok, quotes) if lemma in SPEECH_VERBS else None
        if comp is None and quote is None:
            extra = _object_content(tok, lemma) if lemma not in CLAUSE_VERBS else None
            if extra is None and lemma in SPEECH_VERBS:
                extra = _parenthetical_content(tok)
            if extra is not None:
                start, end, direct = _content(text, quotes, *extra)
                if end - start >= 3:
                    drafts.append(_Draft(start, end, direct, _cue_span(tok), _speaker_of(tok), tok.idx))
            continue
        if comp is not None:
            start, end = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
            if comp.i < tok.i:  # "..., X said": the content stops before the speaker
                subj = _speaker_of(tok)
                stop = min(tok.idx, subj.start_char if subj is not None else tok.idx)
                end = min(end, stop) if end > stop else end
                sent_start = sent_of(comp).start_char
                start = min(start, sent_start) if text[sent_start:start].strip(" \"“‘`'") == "" else start
            start, end, direct = _content(text, quotes, start, end)
            if quote is not None and not direct:
                qs, qe = quote.start, quote.end
                if qs >= end or qe <= start:  # quote is separate from the clause: prefer the quote
                    start, end, direct = qs, qe, True
        elif quote is not None:
            start, end, direct = quote.start, quote.end, True
        else:
            continue
        if end - start < 3:
            continue
        drafts.append(_Draft(start, end, direct, _cue_span(tok), _speaker_of(tok), tok.idx))
    return drafts


def _according_drafts(doc: Doc, quotes: list[QuotedSpan]) -> list[_Draft]:
    """'according to X, ...' and '..., according to X'."""
    text = doc.text
    drafts: list[_Draft] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            continue
        speaker = _np(objs[0])
        phrase_end = max(speaker.end_char, objs[0].right_edge.idx + len(objs[0].right_edge))
        sent = sent_of(tok)
        before = text[sent.start_char:tok.idx].strip(" ,")
        after = text[phrase_end:sent.end_char].strip(" ,.")
        if len(after) > len(before):
            start, end = phrase_end, sent.end_char
        else:
            start, end = sent.start_char, tok.idx
        start, end, direct = _content(text, quotes, start, end)
        if end - start < 3:
            continue
        drafts.append(_Draft(start, end, direct, (tok.idx, to.idx + len(to)), speaker, tok.idx))
    return drafts


def _colon_drafts(doc: Doc, quotes: list[QuotedSpan]) -> list[_Draft]:
    """'Albares: ...' at the start of a paragraph or headline (also transcripts: 'PENCE: ...')."""
    text = doc.text
    drafts: list[_Draft] = []
    for p_start, p_end in paragraph_spans(text):
        head = text[p_start:min(p_end, p_start + 60)]
        colon = head.find(":")
        if colon <= 0:
            continue
        name = head[:colon].strip(" \"“`'")
        words = name.split()
        if not 1 <= len(words) <= 5 or not all(w[:1].isupper() for w in words):
            continue
        s_char = p_start + head.index(name)
        span = doc.char_span(s_char, s_char + len(name), alignment_mode="expand")
        if span is None or any(t.pos_ == "VERB" for t in span):
            continue
        c_start = p_start + colon + 1
        line_end = text.find("\n", c_start, p_end)
        c_end = p_end if line_end < 0 else line_end
        start, end, direct = _content(text, quotes, c_start, c_end)
        if end - start < 3:
            continue
        drafts.append(_Draft(start, end, direct, (p_start + colon, p_start + colon + 1), span, s_char))
    return drafts


def _dash_drafts(doc: Doc, quotes: list[QuotedSpan]) -> list[_Draft]:
    """'"..." ― Name, title': a quotation signed with a dash."""
    text = doc.text
    drafts: list[_Draft] = []
    for q in quotes:
        if q.single:
            continue
        j = q.close
        while j < len(text) and text[j] in " \t\u00a0":
            j += 1
        if j >= len(text) or text[j] not in "―—–-":
            continue
        k = j + 1
        while k < len(text) and text[k] in " \t\u00a0":
            k += 1
        stop = k
        while stop < len(text) and text[stop] not in ",\n(":
            stop += 1
        name = text[k:stop].strip()
        if not name or not name[0].isupper() or len(name.split()) > 6:
            continue
        span = doc.char_span(k, k + len(name), alignment_mode="expand")
        if span is None:
            continue
        drafts.append(_Draft(q.start, q.end, True, (j, j + 1), span, k))
    return drafts


def _continued_drafts(doc: Doc, quotes: list[QuotedSpan], drafts: list[_Draft]) -> list[_Draft]:
    """Quotations with no cue of their own that follow a quoted speaker: "A," he said. "B." """
    text = doc.text
    out: list[_Draft] = []
    taken = [(d.start, d.end) for d in drafts]
    by_pos = sorted(drafts, key=lambda d: d.start)
    for q in quotes:
        if q.single or any(s < q.end and q.start < e for s, e in taken):
            continue
        prev = [d for d in by_pos if d.end <= q.open and d.direct and q.open - d.end < 400]
        if not prev:
            continue
        last = prev[-1]
        between = text[last.end:q.open]
        interrupted = last.cue is not None and last.end <= last.cue[0] < q.open and len(between) < 80
        before = text[max(0, q.open - 3):q.open]
        sentence_start = not before.strip() or before.rstrip()[-1:] in ".!?\n:"
        words = len(text[q.start:q.end].split())
        if not (interrupted and words >= 2 or sentence_start and words >= 4):
            continue
        if between.count("\n\n") > 1 or sum(between.count(c) for c in ".!?") > 2:
            continue
        out.append(replace(last, start=q.start, end=q.end, direct=True))
    return out


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One draft per content: a longer overlapping draft with a speaker wins."""
    kept: list[_Draft] = []
    for d in sorted(drafts, key=lambda d: (d.speaker is None, -(d.end - d.start))):
        clash = False
        for k in kept:
            inter = min(d.end, k.end) - max(d.start, k.start)
            if inter > 0.5 * min(d.end - d.start, k.end - k.start) and (d.cue == k.cue or d.direct and k.direct):
                clash = True
                break
        if not clash:
            kept.append(d)
    return sorted(kept, key=lambda d: (d.start, d.end))


# --------------------------------------------------------------------------- public


def extract_quotes(doc: Doc, article: str) -> list[QuoteMention]:
    """Quotes and reported speech in ``doc`` (``nlp(text)``), speakers resolved within the article."""
    text = doc.text
    quotes = find_quoted_spans(text)
    drafts = (_verb_drafts(doc, quotes) + _according_drafts(doc, quotes) + _colon_drafts(doc, quotes)
              + _dash_drafts(doc, quotes))
    drafts = _dedupe(drafts)
    drafts = _dedupe(drafts + _continued_drafts(doc, quotes, drafts))
    resolver = SpeakerResolver(doc)
    resolved = {}
    for d in sorted(drafts, key=lambda d: d.anchor):
        key = (d.speaker.start, d.speaker.end) if d.speaker is not None else None
        resolved[id(d)] = resolver.resolve(d.speaker, d.anchor) if key is not None else None
    mentions: list[QuoteMention] = []
    for d in drafts:
        res = resolved.get(id(d))
        sp = d.speaker
        mentions.append(QuoteMention(
            article=article, start=d.start, end=d.end, text=text[d.start:d.end], direct=d.direct,
            cue=text[d.cue[0]:d.cue[1]] if d.cue else None,
            cue_start=d.cue[0] if d.cue else None, cue_end=d.cue[1] if d.cue else None,
            speaker_text=sp.text if sp is not None else None,
            speaker_start=sp.start_char if sp is not None else None,
            speaker_end=sp.end_char if sp is not None else None,
            speaker_name=res.name if res is not None else None,
            speaker_label=res.label if res is not None else None,
        ))
    return mentions
