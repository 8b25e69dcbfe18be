"""An event's circumstances: how many were killed or injured, when, and where.

Helpers of :mod:`._core`; each reads the trigger's sentence and the other extractors' records
(figures, timexes, places) and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ...records import FigureMention, PlaceMention, Timex
from ..quotes import QuoteIndex
from ._triggers import (
    _CASUALTY_HURT, _CASUALTY_KILL, _DATE_BLOCK, _NUMBER_WORDS, _WEEKDAYS, _clause_verb, _governed_by_other_event,
    _phrase, _trigger_type, family_of,
)


def _number(text: str) -> int | None:
    t = text.lower().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    return _NUMBER_WORDS.get(t)


#: verbs that kill when told "fatally" or "dead"
_FATAL_VERBS = frozenset("shoot stab wound injure beat strike hit gun".split())
#: adverbs that tell a verb killed: "fatally shot", "shot dead"
_FATAL_WORDS = frozenset({"fatally", "dead", "mortally"})


def _casualty_kind(tok) -> str | None:
    """'killed' / 'injured' when a number token counts victims of a kill / wound word."""
    cur = tok
    for _ in range(3):
        # "30 people dead and 20 wounded": the adjective follows the counted noun
        for c in list(cur.rights)[:3]:
            lem = c.lemma_.lower()
            if lem in ("dead", "killed"):
                return "killed"
            if lem in ("wounded", "injured", "hurt"):
                return "injured"
        lem = cur.lemma_.lower()
        if cur is not tok and lem in _CASUALTY_KILL:
            return "killed"
        if cur is not tok and lem in _CASUALTY_HURT:
            return "injured"
        if cur is not tok and lem in _FATAL_VERBS and any(c.lower_ in _FATAL_WORDS for c in cur.children):
            return "killed"  # "fatally shot four men", "shot dead three soldiers"
        if cur.head is cur:
            break
        if cur.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in cur.head.children):
            return None  # "three gunmen killed five people": the subject of a verb with its object did it
        cur = cur.head
    return None


def _victims(num) -> str:
    """Who a casualty number counts, in the words of the text: "three US troops" -> "US troops"; "" when the
    number stands alone ("wounded 34") or counts a bare "people"."""
    noun = num.head
    if num.dep_ != "nummod" or noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() == "people":
        return ""
    kind = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.i > num.i]
    return " ".join([c.text for c in kind] + [noun.text])


def _casualties(sent, figures: Sequence[FigureMention], doc) -> tuple[int | None, int | None, str]:
    """(killed, injured, who was killed) from the figures of the sentence (or its numbers when no figures are
    given); who was killed is the counted noun (:func:`_victims`), "" when the text names none."""
    killed: int | None = None
    injured: int | None = None
    victims = ""
    found: list[tuple[object, int]] = []
    in_sent = [f for f in figures if sent.start_char <= f.start < sent.end_char]
    if in_sent:
        for f in in_sent:
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is None:
                continue
            nums = [t for t in span if t.like_num] or [span.root]
            found.append((nums[0], int(f.value)))
    else:
        for t in sent:
            if t.like_num and t.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
                n = _number(t.text)
                if n is not None:
                    found.append((t, n))
    for tok, value in found:
        kind = _casualty_kind(tok)
        if kind == "killed" and killed is None:
            killed = value
            victims = _victims(tok)
        elif kind == "injured" and injured is None:
            injured = value
    # "one fighter killed": a casualty participle right after a counted noun
    return killed, injured, victims


def _weekday_value(word: str, published: str | None) -> str | None:
    if not published or len(published) < 10:
        return None
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    delta = (pub.isoweekday() - _WEEKDAYS[word]) % 7
    return (pub - dt.timedelta(days=delta)).isoformat()


def _dated_spans(sent, timexes: Sequence[Timex], doc):
    """(token span, day) of the sentence's full-day dates, except those a preposition like 'since' blocks."""
    for tx in timexes:
        if not (sent.start_char <= tx.start < sent.end_char) or tx.type not in ("DATE", "TIME"):
            continue
        if not re.match(r"\d{4}-\d{2}-\d{2}", tx.value):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or (span.start > 0 and doc[span.start - 1].lower_ in _DATE_BLOCK):
            continue
        yield span, tx.value[:10]


def _date(anchor, sent, timexes: Sequence[Timex], published: str | None, doc, own_only: bool = False) -> str | None:
    """The date of the event: a Timex attached to its clause, else a weekday resolved against ``published``.

    ``own_only``: only a date of the event's own clause (an event told as scheduled: "will begin discussions,
    Iraq said Thursday" is said on Thursday, not held then)."""
    verb = _clause_verb(anchor)
    own = set(t.i for t in anchor.subtree) if anchor.pos_ in ("NOUN", "PROPN") and anchor.head is not anchor \
        and _trigger_type(anchor.head) is not None else None
    scope = own if own is not None else {t.i for t in verb.subtree}
    # relative clauses and clausal complements of the verb tell of other events
    for c in verb.children:
        if own is None and c.dep_ in ("ccomp", "relcl", "advcl") and c is not anchor and anchor not in c.subtree:
            scope -= {t.i for t in c.subtree}
    dated = list(_dated_spans(sent, timexes, doc))
    # a date in the event's own clause, else the nearest dated expression of the sentence that is
    # outside other events' clauses; the nearest to the trigger wins
    own_dates = [(abs(span.start - anchor.i), value) for span, value in dated if any(t.i in scope for t in span)]
    if own_dates:
        return min(own_dates, key=lambda d: d[0])[1]  # first of the nearest, as written
    if own_only:
        return None
    near = [(abs(span.start - anchor.i), value) for span, value in dated
            if not _governed_by_other_event(span.root, anchor)]
    if near:
        return min(near, key=lambda d: d[0])[1]
    for t in sent:
        if t.lower_ in _WEEKDAYS and t.i in scope and not (t.i > 0 and doc[t.i - 1].lower_ in _DATE_BLOCK):
            return _weekday_value(t.lower_, published)
    return None


#: nouns a demonym can locate ("the Syrian border"); with any other noun it says whose ("the Spanish minister")
_PLACE_HEADS = frozenset("border borders city town capital territory soil side coast village province region "
                         "airspace waters countryside desert mountains frontier".split())


def _demonym_of_party(p: PlaceMention, tis: set[int], doc) -> bool:
    """A demonym naming whose someone is ("the Spanish Prime Minister"), not where something happened."""
    if p.feature != "country" or not tis or p.text.strip().lower() == p.name.lower():
        return False
    tok = doc[max(tis)]
    return tok.pos_ in ("ADJ", "PROPN") and tok.dep_ in ("amod", "compound") \
        and tok.head.lemma_.lower() not in _PLACE_HEADS


def _in_other_event(tok, anchor) -> bool:
    """True when ``tok`` sits in the phrase of another event noun than ``anchor`` (one not governing it)."""
    cur = tok
    for _ in range(8):
        if cur is anchor or cur.head is cur:
            return False
        cur = cur.head
        if cur is not anchor and cur.pos_ in ("NOUN", "PROPN") and _trigger_type(cur) is not None \
                and anchor not in cur.subtree:
            return True
    return False


#: prepositions that say where ("in Iraq", "a visit to Iraq", "attacks across Syria")
_LOCATIVE = frozenset("in at near outside inside to into across throughout within on onto around".split())


def _said_where(p: PlaceMention, tis: set[int], doc, anchor) -> bool:
    """A country named as a location: governed by a locative preposition (also through a coordination,
    "in Iraq and Syria"), a demonym of a place noun ("Iraqi soil"), or a name on the event noun itself."""
    if not tis:
        return False
    tok = doc[max(tis)]
    for _ in range(4):
        if tok.dep_ != "conj" or tok.head is tok:
            break
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
        return True
    if tok.dep_ in ("amod", "compound", "nmod") and tok.head.lemma_.lower() in _PLACE_HEADS:
        return True
    if tok.dep_ in ("compound", "nmod", "npadvmod") and tok.head.i == anchor.i:
        return True
    return tok.dep_ in ("ROOT", "appos")  # a dateline or a place set apart ("Tower 22, Jordan")


def _whose(p: PlaceMention, tis: set[int], doc, anchor) -> bool:
    """A place name that says whose or who, not where: "Iran-backed", "pro-Iran", "US-led", "US forces",
    "Iraq's ministry", "the Spanish minister", "Spain is part of the coalition"."""
    if not tis:
        return False
    first, last = doc[min(tis)], doc[max(tis)]
    # inside a hyphenated modifier: "Iran-backed groups", "a US-led coalition", "pro-Iran groups"
    if last.i + 1 < len(doc) and doc[last.i + 1].tag_ == "HYPH" and doc[last.i + 1].whitespace_ == "":
        return True
    if first.i >= 2 and doc[first.i - 1].text == "-" and doc[first.i - 2].lower_ in ("pro", "anti", "non"):
        return True
    if any(ch in p.text for ch in "-") and p.text.lower().startswith(("pro-", "anti-")):
        return True
    if p.feature != "country":
        return False
    if _demonym_of_party(p, tis, doc):
        return True
    # a country that modifies a noun says whose it is ("US forces", "Iraq's ministry"), unless the noun is a
    # place ("the Syrian border") or the event itself ("the Jordan attack"; but "US strikes" are the US's)
    if last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.lemma_.lower() not in _PLACE_HEADS \
            and (last.head.i != anchor.i or p.text.isupper()):
        return True
    # a country that does or says something is an actor: "Spain is part of this coalition"
    return last.dep_ in ("nsubj", "nsubjpass") and last.head.pos_ in ("VERB", "AUX")


def _speaker(tok) -> bool:
    """A place named as who speaks, a capital for its government: "drew condemnation from Baghdad",
    "Baghdad condemned the strikes". It is not where the event told of, nor the statement, happened."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "from":
        head = tok.head.head
        return family_of(head) == "statement" or any(
            c.dep_ == "dobj" and family_of(c) == "statement" for c in head.children)
    return tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") and family_of(tok.head) == "statement"


def _place(anchor, arg_tokens, sent, places: Sequence[PlaceMention], doc, quoted: QuoteIndex):
    """(name, lat, lon, country, near) for the event: a place in its arguments, else in its clause, else the
    sentence; ``near`` says the place was found in the arguments or the event's own phrase or clause."""
    in_sent = [p for p in places if sent.start_char <= p.start < sent.end_char]
    # a place inside quoted words belongs to what was said, not to where the saying happened
    if quoted.covering(anchor.idx) is None:
        in_sent = [p for p in in_sent if quoted.covering(p.start) is None]
    verb = _clause_verb(anchor)

    def toks(p: PlaceMention) -> set[int]:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        return {t.i for t in span} if span is not None else set()

    def modifier(p: PlaceMention, deps: tuple[str, ...] = ("compound", "amod", "nmod")) -> bool:
        # "US strikes", "US troops" (and in ranking "Iraq's ministry"): a country that says whose, not where
        ti = sorted(toks(p))
        return bool(ti) and p.feature == "country" and doc[ti[-1]].dep_ in deps \
            and (doc[ti[-1]].head.i != anchor.i or p.text.isupper())

    def country_within(i_set: set[int], skip: PlaceMention | None) -> PlaceMention | None:
        for p in sorted(in_sent, key=lambda p: p.start):
            if p is not skip and p.country_code and toks(p) & i_set and not modifier(p):
                return p
        return None

    in_sent = [p for p in in_sent if not _whose(p, toks(p), doc, anchor)
               and not any(_speaker(doc[i]) for i in toks(p))]

    # 1. a target that is itself a named place or facility ("Tower 22, a base at Jordan's border")
    for tok in arg_tokens:
        # the phrase of the argument, without the clauses that tell of other events ("killed in US strikes")
        sub = {t.i for t in tok.subtree} - {t.i for c in tok.children if c.dep_ in ("acl", "relcl")
                                            for t in c.subtree}
        own = next((p for p in in_sent if tok.i in toks(p)), None)
        if own is None and (tok.ent_type_ in ("FAC", "ORG", "GPE", "LOC") or tok.pos_ == "PROPN") and any(
                c.dep_ == "appos" and c.ent_type_ not in ("PERSON", "NORP") for c in tok.children) \
                and tok.ent_type_ not in ("PERSON", "NORP"):
            ctry = country_within(sub - {tok.i}, None)
            if ctry is not None:
                name = _phrase(tok, doc)
                return (name[0] if name else tok.text), ctry.lat, ctry.lon, ctry.country_code, True
        if own is not None and own.feature == "country":
            continue  # a country that is the event's party ("attacks against the US") is who, not where
        if own is not None:
            ctry = own if own.country_code else country_within(sub, own)
            return own.name, own.lat, own.lon, (ctry.country_code if ctry else None), True
        inner = country_within(sub, None)
        if inner is not None:
            return inner.name, inner.lat, inner.lon, inner.country_code, True
    # 2. a place in the phrase of an event noun, else in the clause of the trigger;
    #    prefer "in / at / near X" over other mentions
    own_phrase = {t.i for t in anchor.subtree} if anchor.pos_ in ("NOUN", "PROPN") else set()
    clause = {t.i for t in verb.subtree}
    # the phrase of another event noun is that event's ("the strikes sparked condemnation from Baghdad");
    # a statement keeps the place of the event it is about ("condemned the attack that killed three in
    # Jordan"), as fusion compares statements by it
    if not (_trigger_type(anchor) or "").startswith("statement."):
        in_sent = [p for p in in_sent if not any(_in_other_event(doc[i], anchor) for i in toks(p))]
    # a country is where only when said to be: "in Iraq", "a visit to Iraq", "on Iraqi soil", "the Jordan attack";
    # "the role of the coalition and Spain" names a party
    in_sent = [p for p in in_sent if p.feature != "country" or _said_where(p, toks(p), doc, anchor)]
    cands = [p for p in in_sent if toks(p) & own_phrase] or [p for p in in_sent if toks(p) & clause] or in_sent
    if not cands:
        return None, None, None, None, False
    # where the place was found: in the event's own phrase (or, for a verb, its clause), else farther off
    near = bool(toks(cands[0]) & own_phrase) or anchor.pos_ in ("VERB", "AUX") and bool(toks(cands[0]) & clause)

    def rank(p: PlaceMention) -> tuple[int, int, int, int]:
        ti = sorted(toks(p))
        head = doc[ti[0]].head if ti else None
        prep = 0 if head is not None and head.lower_ in ("in", "at", "near", "outside", "inside", "to") else 1
        generic = 1 if p.feature == "country" else 0
        # "US strikes", "Iraq's ministry": a country named as a modifier says whose, not where
        return (int(modifier(p, ("compound", "amod", "nmod", "poss"))), prep, generic, abs((ti[0] if ti else 0) - anchor.i))

    best = min(cands, key=rank)
    ctry = best if best.country_code else None
    return best.name, best.lat, best.lon, (ctry.country_code if ctry else None), near
