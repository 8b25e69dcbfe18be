"""Quotes and reported speech, with the speaker resolved within the article.

``extract_quotes(doc, article)`` finds direct quotes ("...", said X), mixed
quotes (X said the attacks "need to stop"), indirect speech (X said that ...,
according to X, ...), colon attributions ("Albares: ..."), quotes that run
over several sentences or paragraphs, and attributions carried by other frames
of a cue word ("called for a ceasefire", "urged Congress to act", "criticism of
the deal"), which ``lexicons/quote_cues.json`` lists (counts from the PolNeAR train
split: a word list, no trained weights).

It works in steps: find cue-anchored drafts (:mod:`._drafts`) on the dependency parse and the
quote marks (:mod:`._syntax`, :mod:`._marks`; any verb with a subject
next to a quotation is its cue, '"...," Johnson scoffed'); give a cue with no
subject the holder further up the tree ("She has not made a decision on ...",
"an ad focused on ..."); keep one draft per
content and drop cues nested in another draft's content; attach cue-less
quotations that continue a statement; then resolve each speaker in order of
appearance (:mod:`._speakers`). Every lookup is by position (bisect), so
the stage is linear-logarithmic in the article's length.

Optionally (``tagger``, the ``quote_model`` setting), a model trained on PolNeAR
train (:mod:`._learned`, weights not shipped) joins in; without it, the rules
run alone. The *candidate model* scores every candidate: the rules' output and raw
drafts, plus a wider net (:func:`._drafts._candidate_drafts`: every verb's clause, object,
infinitive and preposition, every noun's preposition and "that" clause, longer and
shorter readings of each); it drops the rules' drafts it does not support and adds,
best first, the other candidates above its threshold that collide with nothing kept
(:func:`select_candidates`). The older token tagger only adds spans.

Spans: a record's ``start``/``end`` hold the quoted words without the marks;
PolNeAR counts the marks as content, which ``bench/quotes.py`` adds when scoring.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from ...records import QuoteMention
from ..sentences import doc_text
from ._drafts import _candidate_drafts, _rule_drafts
from ._spans import _content, _Draft
from ._learned import (CandidateModel, QuoteTagger, candidate_features, candidate_probs, content_probs,
                       model_spans, span_support)
from ._tagger import EncoderQuoteTagger
from ._lexicon import EXPRESSING_VERBS, NEGATING_DETERMINERS, SPEECH_VERBS
from ._marks import QuoteIndex, find_quoted_spans
from ._speakers import SpeakerResolver
from ._syntax import cue_span, noun_speaker, speaker_of

__all__ = ["extract_quotes"]


def candidate_table(doc: Doc) -> list[tuple[_Draft, list[str]]]:
    """Every candidate of the learned candidate model with its features (the rules' output first)."""
    text = doc_text(doc)
    quotes = QuoteIndex(find_quoted_spans(text))
    raw, rules = _rule_drafts(doc, text, quotes)
    return _candidates(doc, text, quotes, raw, rules)


def _candidates(doc: Doc, text: str, quotes: QuoteIndex, raw: list[_Draft],
                rules: list[_Draft]) -> list[tuple[_Draft, list[str]]]:
    in_rules = {(d.start, d.end, d.cue) for d in rules}
    by_extent = sorted((_extent(r), n) for n, r in enumerate(rules))
    context = ([lo for (lo, _), _ in by_extent], max((hi - lo for (lo, hi), _ in by_extent), default=0),
               [rules[n] for _, n in by_extent])
    seen: set[tuple[int, int, tuple[int, int] | None]] = set()
    out: list[tuple[_Draft, list[str]]] = []
    for d in [*rules, *raw, *_candidate_drafts(doc, text, quotes)]:
        key = (d.start, d.end, d.cue)
        if key not in seen:
            seen.add(key)
            out.append((d, candidate_features(doc, text, d.start, d.end, d.direct, d.kind, d.cue_tok, d.speaker,
                                              key in in_rules) + _context_features(d, context)))
    return out


_IN_RULES = "r=True"  # the feature that marks the rules' output


def _extent(d: _Draft) -> tuple[int, int]:
    """Characters a draft touches: its content and the start of its cue."""
    if d.cue is None:
        return d.start, d.end
    return min(d.start, d.cue[0]), max(d.end, d.cue[0] + 1)


def _context_features(d: _Draft, context: tuple[list[int], int, list[_Draft]]) -> list[str]:
    """How a candidate sits among the rules' output: its cue inside another content, its content over another.

    ``context``: the rules' drafts sorted by where their extent starts, those starts, and the longest extent.
    """
    starts, longest, rules = context
    lo, hi = _extent(d)
    feats = []
    for r in rules[bisect_left(starts, lo - longest):bisect_left(starts, hi)]:
        if (r.start, r.end, r.cue) == (d.start, d.end, d.cue):
            continue
        if d.cue is not None and r.start <= d.cue[0] < r.end and r.cue != d.cue:
            feats.append(f"cin={d.kind}")
        inter = min(d.end, r.end) - max(d.start, r.start)
        if inter > 0:
            share = "most" if inter >= 0.5 * (d.end - d.start) else "some"
            feats.append(f"ovr={share}|{d.kind}|{r.kind}|{r.cue == d.cue}")
        if r.cue is not None and d.start <= r.cue[0] < d.end and r.cue != d.cue:
            feats.append(f"hascue={d.kind}")
    return feats


def _with_candidates(doc: Doc, text: str, quotes: QuoteIndex, model: CandidateModel, raw: list[_Draft],
                     rules: list[_Draft]) -> list[_Draft]:
    """Score every candidate (the rules' output, their raw drafts and the wider net) and keep, best first,
    those above the model's threshold whose content and cue do not collide with a kept one."""
    table = _candidates(doc, text, quotes, raw, rules)
    if not table:
        return []
    probs = candidate_probs(model, doc, [f for _, f in table])
    return select_candidates([d for d, _ in table], probs.tolist(), [_IN_RULES in f for _, f in table],
                             float(model.meta.get("threshold", 0.5)), float(model.meta.get("drop_below", 0.0)))


def select_candidates(cands: list[_Draft], probs: list[float], in_rules: list[bool], threshold: float,
                      drop_below: float = 0.0) -> list[_Draft]:
    """The rules' output the model supports (probability at least ``drop_below``), then, best first, the other
    candidates at or above ``threshold`` that collide with no kept one, or only with less likely readings of
    the same cue (which they replace)."""
    kept = {id(d): (p, d) for d, p, r in zip(cands, probs, in_rules) if r and p >= drop_below}
    for p, d in sorted(((p, d) for d, p, r in zip(cands, probs, in_rules) if not r), key=lambda pd: -pd[0]):
        if p < threshold:
            break
        clash = [(kp, k) for kp, k in kept.values() if _collide(d, k)]
        if any(kp >= p or k.cue != d.cue for kp, k in clash):
            continue
        for _, k in clash:
            del kept[id(k)]
        kept[id(d)] = (p, d)
    return sorted((d for _, d in kept.values()), key=lambda d: (d.start, d.end))


def _collide(a: _Draft, b: _Draft) -> bool:
    """Two contents overlap, or one's cue lies in the other's content (PolNeAR is univocal)."""
    if min(a.end, b.end) - max(a.start, b.start) > 0:
        return True
    return any(cue is not None and other.start <= cue[0] < other.end and cue != other.cue
               for cue, other in ((a.cue, b), (b.cue, a)))


def _with_model(doc: Doc, text: str, quotes: QuoteIndex, tagger: QuoteTagger, drafts: list[_Draft]) -> list[_Draft]:
    """The rules' drafts the learned tagger supports, plus contents it finds where the rules found none.

    A draft is dropped when the mean probability of its tokens being content is under the
    tagger's ``drop_below`` (0 = keep all); new drafts take their cue and speaker from the parse
    (with ``need_cue``, a new content needs a governing verb or noun outside it).
    """
    spans = sorted((d.start, d.end) for d in drafts)
    prob = content_probs(tagger, doc, spans)
    drop_below = float(tagger.meta.get("drop_below", 0.0))
    need_cue = bool(tagger.meta.get("need_cue", False))
    out = [d for d in drafts if drop_below <= 0 or span_support(doc, prob, d.start, d.end) >= drop_below]
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    for m_start, m_end in model_spans(tagger, doc, prob):
        lo = bisect_left(starts, m_start - longest)
        if any(s < m_end and m_start < e for s, e in spans[lo:bisect_left(starts, m_end)]):
            continue
        span = doc.char_span(m_start, m_end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        cue_tok = root.head if root.head is not root and not m_start <= root.head.idx < m_end else None
        cue, speaker = None, None
        if cue_tok is not None and cue_tok.pos_ in ("VERB", "AUX"):
            cue, speaker = cue_span(cue_tok), speaker_of(cue_tok, quotes)
        elif cue_tok is not None and cue_tok.pos_ in ("NOUN", "PROPN"):
            cue, speaker = (cue_tok.idx, cue_tok.idx + len(cue_tok)), noun_speaker(cue_tok)
        if cue is None and need_cue:
            continue
        start, end, direct = _content(text, quotes, m_start, m_end, cue[0] if cue else None)
        if end - start >= 3:
            out.append(_Draft(start, end, direct, cue, speaker, cue[0] if cue else start, speech=cue is not None))
    return out


# --------------------------------------------------------------------------- public


def extract_quotes(doc: Doc, article: str,
                   tagger: QuoteTagger | CandidateModel | EncoderQuoteTagger | None = None) -> list[QuoteMention]:
    """Quotes and reported speech in ``doc`` (``nlp(text)``), speakers resolved within the article.

    With ``tagger`` (:func:`._learned.load_tagger`), contents the learned tagger
    finds where the rules found none are added.
    """
    text = doc_text(doc)
    quotes = QuoteIndex(find_quoted_spans(text))
    raw, drafts = _rule_drafts(doc, text, quotes)
    if isinstance(tagger, EncoderQuoteTagger):
        drafts = tagger.drafts(doc, quotes, drafts, _mentions(doc, article, drafts, text))
    elif isinstance(tagger, CandidateModel):
        drafts = _with_candidates(doc, text, quotes, tagger, raw, drafts)
    elif tagger is not None:
        drafts = _with_model(doc, text, quotes, tagger, drafts)
    return _mentions(doc, article, drafts, text)


def _is_statement(doc: Doc, d: _Draft) -> bool:
    """Words said or written: a clause or quotation of a cue, a verb of saying's infinitive ("claimed to have
    launched", "vowed to respond"), or an object that carries a "that" clause ("expressing his hope that there
    will be steps"); not an object or a preposition's phrase ("called for a ceasefire"). A verb that is not one
    of saying, next to a quotation, reports a statement only when the quotation is a clause: '"...," Johnson
    scoffed' does, 'He appreciated "Spain's desire for cooperation"' quotes a phrase it takes as its object."""
    cue = doc[d.cue_tok] if d.cue_tok >= 0 else None
    saying = cue is not None and cue.lemma_.lower() in SPEECH_VERBS
    said = d.speech or (d.kind == "xcomp" and saying) or (d.kind == "dobj" and cue is not None and _object_clause(cue))
    if not said:
        return False
    if d.direct and not (d.kind == "quote" and cue is not None and cue.pos_ == "VERB" and not saying):
        return True
    return _has_verb(doc, d.start, d.end)


def _object_clause(verb: Token) -> bool:
    """A verb of saying or expressing whose object carries a finite clause: "expressed his hope that ...",
    "voiced the fear that ...". Not a negated object: "offered no proof that ..." is the writer's remark."""
    if verb.lemma_.lower() not in SPEECH_VERBS | EXPRESSING_VERBS:
        return False
    return any(obj.dep_ == "dobj" and not any(d.lower_ in NEGATING_DETERMINERS for d in obj.children if d.dep_ == "det")
               and any(c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                       for c in obj.children)
               for obj in verb.children)


def _has_verb(doc: Doc, start: int, end: int) -> bool:
    """Reported words are a clause: a content in no quotation marks with no verb ("confirmed meetings",
    "estimated IS numbers at ...") is a position or a topic, not a statement."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _mentions(doc: Doc, article: str, drafts: list[_Draft], text: str | None = None) -> list[QuoteMention]:
    """Records of the drafts, speakers resolved in order of appearance."""
    text = doc_text(doc) if text is None else text
    resolver = SpeakerResolver(doc)
    resolved = {}
    for d in sorted(drafts, key=lambda d: d.anchor):
        key = (d.speaker.start, d.speaker.end) if d.speaker is not None else None
        resolved[id(d)] = resolver.resolve(d.speaker, d.anchor, d.speech) if key is not None else None
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
            statement=_is_statement(doc, d),
            speaker_kind=res.kind if res is not None else None,
        ))
    return mentions
