"""The rules' quote drafts, one finder per construction: a cue verb's frames, a quote-adjacent verb,
"according to", a colon, a dash, a continued quotation (cue frames from ``lexicons/quote_cues.json``).
:mod:`._drafts` combines them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ._lexicon import CLAUSE_VERBS, OBJECT_VERBS, SPEECH_VERBS
from ._marks import QuotedSpan, QuoteIndex, paragraph_spans
from ._syntax import (clause_end, cue_span, frame_hits, frame_lemma, noun_frame_hits, noun_phrase, noun_speaker,
                      speaker_of)
from ..sentences import sent_of, sentences
from ._spans import _ACCORDING, _HEARER_VERBS, _STATEMENT, CLAUSE_REJECTED, CUE_FRAMES, _content, _Draft, _ends_sentence


# --------------------------------------------------------------------------- cues


def _complement(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("ccomp",):
            return child
    return None


def _adjacent_quote(text: str, verb: Token, quotes: QuoteIndex) -> QuotedSpan | None:
    """A quotation right before ', X said' or right after 'X said[,:]'.

    A verb that takes its subject from another ('"...," X said, adding that ...', '"...," noting that ...')
    has no quotation before it: that one is the other verb's, and *adding* keeps its clause.
    """
    sent = sent_of(verb)
    subj = speaker_of(verb, quotes)
    own = subj is not None and verb in (subj.root.head, subj.root.head.head)
    left = min(verb.idx, subj.start_char if subj is not None else verb.idx)
    right = verb.idx + len(verb)
    if subj is not None and subj.end_char > right and subj.start_char - right < 40:
        right = subj.end_char
    hearer = verb.lemma_.lower() in _HEARER_VERBS
    for obj in verb.rights:  # the hearer: 'asking her, "..."', 'told reporters: "..."' (not 'confirmed meetings "...')
        if (obj.dep_ == "dative" or hearer and obj.dep_ == "dobj") and obj.left_edge.i == verb.i + 1 \
                and obj.right_edge.i - verb.i <= 3 and not quotes.covering(obj.idx):
            right = max(right, obj.right_edge.idx + len(obj.right_edge))
    near = quotes.around(sent.start_char, sent.end_char + 2)
    for q in near:
        gap_before = text[q.close:left]
        if own and q.close <= left and len(gap_before) <= 4 and not gap_before.strip(" ,") and text[q.end - 1:q.end] != ".":
            return q
    for q in near:
        gap_after = text[right:q.open]
        if q.open >= right and (len(gap_after) <= 12 or _STATEMENT.match(gap_after.strip(" ,:\n"))) and q.open < sent.end_char + 2:
            stripped = gap_after.strip(" ,:\n")
            if (stripped.lower() in ("", "that") or _STATEMENT.match(stripped)) and len(text[q.start:q.end].split()) >= 3:
                return q
    return None


def _clause_start(verb: Token, comp: Token) -> int:
    """Where a reported clause starts. 'adding the attacks need to stop': the parser reads *the attacks* as
    the object of *adding* and *need* as a clause with no subject; an object between the cue and a clause
    with no subject is that clause's subject."""
    start = comp.left_edge.idx
    if verb.lemma_.lower() in _HEARER_VERBS:  # "told a young woman ... that": the object is who heard it
        return start
    if comp.i > verb.i and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in comp.children):
        objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < comp.i]
        if objs and objs[0].right_edge.i < comp.left_edge.i:
            start = min(start, objs[0].left_edge.idx)
    return start


def _quote_near(quotes: QuoteIndex, tok: Token) -> bool:
    """A quotation ends or opens in the token's sentence (a cheap test before :func:`_adjacent_quote`)."""
    sent = sent_of(tok)
    return any(q.close >= sent.start_char - 4 for q in quotes.around(sent.start_char, sent.end_char + 2))


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


def _parenthetical_content(verb: Token) -> list[tuple[int, int]]:
    """'Y, he said, Z' and 'Y, X said.': the sentence around a parenthetical cue, as fragments."""
    subj = speaker_of(verb)
    if subj is None or any(c.dep_ in ("dobj", "prep") and c.i > verb.i for c in verb.children if c.lower_ != "to"):
        return []
    sent = sent_of(verb)
    doc = verb.doc
    left = min(subj.start, verb.i)
    right = max(subj.end, verb.i + 1)
    while right < sent.end and doc[right].dep_ in ("npadvmod", "advmod") and doc[right].head.i == verb.i:
        right += 1  # "he said Thursday,"
    comma_before = left > sent.start and doc[left - 1].text in (",", "—", "–")
    if not comma_before:
        return []
    fragments = [(sent.start_char, doc[left - 1].idx)]
    if right < sent.end - 1:
        fragments.append((doc[right].idx, sent.end_char))
    return fragments


def _clause_allowed(tok: Token, lemma: str) -> bool:
    """A clause ('said that ...') makes an attribution for this verb (train counts, then word lists)."""
    key = frame_lemma(tok)
    frames = CUE_FRAMES.get(key) or CUE_FRAMES.get(lemma)
    if frames is not None and "ccomp" in frames:
        return True
    if lemma in CLAUSE_REJECTED or key in CLAUSE_REJECTED:
        return False
    return lemma in SPEECH_VERBS or lemma in CLAUSE_VERBS


def _nested(tok: Token, quotes: QuoteIndex) -> bool:
    """A cue inside a quotation of several words belongs to the quoted speaker's story."""
    q = quotes.covering(tok.idx)
    return q is not None and q.end - q.start > 30 and q.start <= tok.idx


def _frame_drafts(tok: Token, lemma: str, text: str, quotes: QuoteIndex) -> list[_Draft]:
    """Object, infinitive and prepositional frames kept by the cue list ('called for X')."""
    frames = CUE_FRAMES.get(frame_lemma(tok)) or CUE_FRAMES.get(lemma) or frozenset()
    out: list[_Draft] = []
    for hit in frame_hits(tok):
        if hit.frame not in frames:
            continue
        start, end, direct = _content(text, quotes, hit.start, hit.end, tok.idx)
        if end - start >= 2 and (hit.frame != "xcomp" or " " in text[start:end]):
            out.append(_Draft(start, end, direct, cue_span(tok, hit.cue_end), speaker_of(tok, quotes), tok.idx,
                              speech=False, kind=hit.frame.split(":")[0], cue_tok=tok.i))
    return out


def _noun_drafts(noun: Token, frames: frozenset[str], text: str, quotes: QuoteIndex) -> list[_Draft]:
    """Nominal cues kept by the cue list: "Trump's criticism of the deal"."""
    out: list[_Draft] = []
    for hit in noun_frame_hits(noun):
        if hit.frame in frames:
            start, end, direct = _content(text, quotes, hit.start, hit.end, noun.idx)
            if end - start >= 2:
                out.append(_Draft(start, end, direct, (noun.idx, hit.cue_end), noun_speaker(noun), noun.idx,
                                  speech=False, kind="noun", cue_tok=noun.i))
    return out


def _verb_drafts(doc: Doc, text: str, quotes: QuoteIndex) -> list[_Draft]:
    drafts: list[_Draft] = []
    candidates = SPEECH_VERBS | CLAUSE_VERBS | {key.split()[0] for key in CUE_FRAMES}
    for tok in doc:
        if tok.pos_ == "NOUN":
            frames = CUE_FRAMES.get(tok.lemma_.lower())
            if frames is not None and not _nested(tok, quotes):
                drafts.extend(_noun_drafts(tok, frames, text, quotes))
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if lemma not in candidates or _nested(tok, quotes):
            continue
        clause = _clause_allowed(tok, lemma)
        if not clause and frame_lemma(tok) not in CUE_FRAMES and lemma not in CUE_FRAMES:
            continue
        if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
            clause = False
        comp = _complement(tok) if clause else None
        quote = _adjacent_quote(text, tok, quotes) if lemma in SPEECH_VERBS else None
        if comp is None and quote is None:
            found = _frame_drafts(tok, lemma, text, quotes)
            if not found and lemma in SPEECH_VERBS:
                extra = _object_content(tok, lemma) if lemma in OBJECT_VERBS or lemma == "call" else None
                if extra is not None:
                    start, end, direct = _content(text, quotes, *extra)
                    if end - start >= 3:
                        found.append(_Draft(start, end, direct, cue_span(tok), speaker_of(tok, quotes), tok.idx,
                                            kind="object", cue_tok=tok.i))
                else:
                    for f_start, f_end in _parenthetical_content(tok):
                        start, end, direct = _content(text, quotes, f_start, f_end, tok.idx)
                        if end - start >= 3:
                            found.append(_Draft(start, end, direct, cue_span(tok), speaker_of(tok, quotes), tok.idx,
                                                kind="parenthetical", cue_tok=tok.i))
            drafts.extend(found)
            continue
        if comp is not None:
            start, end = _clause_start(tok, comp), clause_end(comp, tok)
            if comp.i < tok.i:  # "..., X said": the content stops before the speaker
                subj = speaker_of(tok, quotes)
                stop = min(tok.idx, subj.start_char if subj is not None else tok.idx)
                end = min(end, stop) if end > stop else end
                sent_start = sent_of(comp).start_char
                start = min(start, sent_start) if text[sent_start:start].strip(" \"“‘`'") == "" else start
            start, end, direct = _content(text, quotes, start, end, tok.idx)
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
        drafts.append(_Draft(start, end, direct, cue_span(tok), speaker_of(tok, quotes), tok.idx,
                             kind="clause" if comp is not None and not direct else "quote", cue_tok=tok.i))
    return drafts


def _quote_verb_drafts(doc: Doc, text: str, quotes: QuoteIndex) -> list[_Draft]:
    """Any verb with a subject right next to a quotation is its cue: '"...," Trump scoffed' (verbs of saying
    are handled with their other frames in :func:`_verb_drafts`)."""
    drafts: list[_Draft] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() in SPEECH_VERBS or _nested(tok, quotes):
            continue
        if not _quote_near(quotes, tok):
            continue
        quote = _adjacent_quote(text, tok, quotes)
        speaker = speaker_of(tok, quotes) if quote is not None else None
        if speaker is not None:
            drafts.append(_Draft(quote.start, quote.end, True, cue_span(tok), speaker, tok.idx, kind="quote",
                                 cue_tok=tok.i))
    return drafts


def _according_drafts(doc: Doc, text: str, quotes: QuoteIndex) -> list[_Draft]:
    """'according to X, ...' and '..., according to X'."""
    drafts: list[_Draft] = []
    for match in _ACCORDING.finditer(text):
        phrase = doc.char_span(match.start(), match.end())
        if phrase is None or len(phrase) != 2 or _nested(phrase[0], quotes):
            continue
        tok, to = phrase[0], phrase[1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            continue
        speaker = noun_phrase(objs[0])
        phrase_end = max(speaker.end_char, objs[0].right_edge.idx + len(objs[0].right_edge))
        speaker, phrase_end = _according_subject_split(doc, speaker, phrase_end)
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
        drafts.append(_Draft(start, end, direct, (tok.idx, to.idx + len(to)), speaker, tok.idx,
                             kind="according", cue_tok=tok.i))
    return drafts


def _according_subject_split(doc: Doc, speaker: Span, phrase_end: int) -> tuple[Span, int]:
    """'According to the office, Al-Sudani and Sanchez will hold talks': the parse reads the clause's subject
    as a conjunct of the source; when a verb follows the phrase at once, the source ends at its first comma."""
    k = speaker.end
    while k < len(doc) and (doc[k].is_punct or doc[k].idx < phrase_end):
        k += 1
    commas = [t for t in speaker if t.text == ","]
    if k >= len(doc) or not commas or doc[k].pos_ not in ("AUX", "VERB") or commas[0].i == speaker.start:
        return speaker, phrase_end
    return doc[speaker.start:commas[0].i], commas[0].idx + 1


def _colon_drafts(doc: Doc, text: str, quotes: QuoteIndex) -> list[_Draft]:
    """'Albares: ...' at the start of a paragraph or headline (also transcripts: 'PENCE: ...')."""
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
        drafts.append(_Draft(start, end, direct, (p_start + colon, p_start + colon + 1), span, s_char,
                             kind="colon"))
    return drafts


def _dash_drafts(doc: Doc, text: str, quotes: QuoteIndex) -> list[_Draft]:
    """'"..." ― Name, title': a quotation signed with a dash."""
    drafts: list[_Draft] = []
    for q in quotes.quotes:
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
        drafts.append(_Draft(q.start, q.end, True, (j, j + 1), span, k, kind="dash"))
    return drafts


def _continued_drafts(doc: Doc, text: str, quotes: QuoteIndex, drafts: list[_Draft]) -> list[_Draft]:
    """Quotations with no cue of their own that follow a quoted speaker: "A," he said. "B." """
    out: list[_Draft] = []
    sent_starts = [sent.start_char for sent in sentences(doc)]
    by_end = sorted(drafts, key=lambda d: d.end)
    ends = [d.end for d in by_end]
    spans = sorted((d.start, d.end) for d in drafts)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    for q in quotes.quotes:
        if q.single:
            continue
        lo = bisect_left(starts, q.start - longest)
        hi = bisect_left(starts, q.end)
        if any(s < q.end and q.start < e for s, e in spans[lo:hi]):
            continue
        i = bisect_right(ends, q.open) - 1
        last = None
        while i >= 0 and q.open - by_end[i].end < 400:
            if by_end[i].cue is not None:
                last = by_end[i]
                break
            i -= 1
        if last is None:
            continue
        between = text[last.end:q.open]
        interrupted = last.cue is not None and last.end <= last.cue[0] < q.open and len(between) < 80
        before = text[max(0, q.open - 3):q.open]  # a sentence ends before it: '. "', '." "', '\n"'
        sentence_start = not before.strip() or before.rstrip().rstrip("\"”’'")[-1:] in ".!?\n:"
        words = len(text[q.start:q.end].split())
        if not (interrupted and words >= 2 or sentence_start and words >= 4 and _ends_sentence(text, q)):
            continue
        if between.count("\n\n") > 1 or bisect_right(sent_starts, q.open) - bisect_right(sent_starts, last.end) > 2:
            continue
        out.append(replace(last, start=q.start, end=q.end, direct=True, kind="continued"))
    return out


