"""Events: who did what to whom, when and where, one per clause.

A trigger is a verb or an event noun from :data:`TRIGGERS` (attack, strike,
visit, talks, funeral, condemn, killed, arrest ...). Triggers of one clause are
grouped (the attack noun that is the subject of "killed ... and wounded" is one
event), the type comes from the ontology in :mod:`newsfuse.annotate.event_types`
(docs/EVENTS.md), and the arguments from the dependency parse: actors are the
subject or the "by X" agent, targets the object or the "against / on / at X"
phrase. Date, place and casualties come from the Timex, PlaceMention and
FigureMention records of the sentence. Aggregates ("more than 150 attacks since
mid-October") are marked ``aggregate=True``.

The extractor is a pure function of its inputs: it reads the parse and returns
:class:`~newsfuse.records.EventMention` records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..records import EventMention, FigureMention, PlaceMention, Timex
from .event_types import event_type, refine_type, type_text
from .quotes_marks import QuoteIndex, find_quoted_spans
from .sentences import sentences

__all__ = ["TRIGGERS", "extract_events"]

#: trigger lemma -> base type. Verbs and event nouns share the table; POS decides in context.
TRIGGERS: dict[str, str] = {
    # violence
    "attack": "attack.attack", "assault": "attack.attack", "raid": "attack.attack",
    "strike": "attack.air_strike", "airstrike": "attack.air_strike", "bombardment": "attack.air_strike",
    "bomb": "attack.remote_explosive", "bombing": "attack.remote_explosive",
    "explosion": "attack.remote_explosive", "blast": "attack.remote_explosive",
    "shell": "attack.shelling", "shelling": "attack.shelling",
    "shoot": "attack.attack", "shooting": "attack.attack", "kill": "attack.attack", "killing": "attack.attack",
    "massacre": "attack.attack", "ambush": "attack.armed_clash", "clash": "attack.armed_clash",
    "fighting": "attack.armed_clash", "battle": "attack.armed_clash", "target": "attack.attack",
    "abduct": "attack.abduction", "kidnap": "attack.abduction", "abduction": "attack.abduction",
    "kidnapping": "attack.abduction",
    # territory
    "recapture": "territory.government_regains", "retake": "territory.government_regains",
    "seize": "territory.nonstate_takes", "capture": "territory.nonstate_takes",
    # protest
    "protest": "protest.peaceful", "demonstration": "protest.peaceful", "rally": "protest.peaceful",
    "riot": "riot.violent_demonstration",
    # the people protesting stand for their protest ("protesters threw stones at police")
    "protester": "protest.peaceful", "demonstrator": "protest.peaceful", "rioter": "riot.violent_demonstration",
    # coercion
    "arrest": "coercion.arrest", "detain": "coercion.arrest", "detention": "coercion.arrest",
    "intercept": "coercion.weapons_seized", "loot": "coercion.property_destruction",
    # military
    "deploy": "military.change_of_group", "deployment": "military.change_of_group",
    "withdraw": "military.withdrawal", "withdrawal": "military.withdrawal",
    # diplomacy
    "visit": "diplomacy.visit", "meet": "diplomacy.meeting", "meeting": "diplomacy.meeting",
    "talk": "diplomacy.meeting", "negotiation": "diplomacy.meeting", "summit": "diplomacy.meeting",
    "discussion": "diplomacy.meeting", "presser": "diplomacy.meeting", "conference": "diplomacy.meeting",
    "agree": "diplomacy.agreement", "agreement": "diplomacy.agreement",
    "ceasefire": "diplomacy.agreement", "deal": "diplomacy.agreement", "sanction": "diplomacy.sanction",
    # statements
    "condemn": "statement.condemnation", "condemnation": "statement.condemnation",
    "denounce": "statement.condemnation", "criticize": "statement.condemnation",
    "criticise": "statement.condemnation", "blame": "statement.condemnation",
    "urge": "statement.demand", "demand": "statement.demand",
    "threaten": "statement.threat", "warn": "statement.threat", "reject": "statement.rejection",
    "announce": "statement.announcement", "announcement": "statement.announcement",
    "claim": "statement.claim_responsibility",
    # other
    "funeral": "ceremony.funeral",
}

# Verbs that only count with a given object or context.
_NOUN_ONLY = {"talk", "deal", "bomb", "shell", "target", "protest", "strike", "claim"}
_VERB_ONLY = {"kill", "shoot", "seize", "capture", "intercept", "agree", "meet", "urge", "warn", "threaten"}
#: nouns plural in form that name one event ("a first round of talks was held")
_PLURALE_TANTUM = {"talks", "negotiations", "discussions", "consultations"}
#: people who stand for their event ("protesters threw stones")
_PEOPLE_TRIGGERS = {"protester", "demonstrator", "rioter"}
#: a press conference is a meeting only when held jointly or with someone ("a joint presser with his counterpart")
_PRESS_NOUNS = {"presser", "conference"}
_CASUALTY_KILL = {"kill", "die", "dead", "death", "slay", "behead", "execute", "fatality"}
_CASUALTY_HURT = {"wound", "injure", "injury", "hurt", "wounded", "injured"}
_LIGHT_VERBS = {"launch", "carry", "conduct", "hold", "stage", "attend", "make", "pay", "begin", "start",
                "mount", "stage", "perpetrate", "organize", "organise", "lead", "confirm", "report",
                "commit", "claim", "resume", "continue"}
_AGGREGATE_WORDS = {"spate", "series", "wave", "string", "cycle", "number", "dozens", "hundreds", "numerous",
                    "many", "several", "repeated", "constant", "ongoing", "frequent", "multiple", "some",
                    "these", "those", "all", "majority", "most", "recent", "further", "more"}
_IRREALIS_HEADS = {"call", "urge", "demand", "need", "want", "seek", "avoid", "prevent", "plan", "hope",
                   "propose", "insist", "push", "press", "ask", "request", "risk", "fear", "threaten",
                   "prepare", "consider", "aim", "intend", "refuse", "deny", "reject", "halt", "end", "stop",
                   "establishment", "importance", "desire"}
_HIT_VERBS = {"target", "hit", "strike", "kill", "wound", "injure", "destroy", "damage"}
_MODALS = {"must", "should", "would", "could", "might", "may", "will", "shall", "'ll"}
#: event families whose bare noun ("the agreement", "an attack") needs a who, whom or where to be kept
_ARG_PREPS_TARGET = {"against", "on", "at", "targeting", "upon", "of"}
_SKIP_ARG = {"that", "which", "who", "it", "they", "them", "this", "these", "those", "what", "whom"}
_DATE_BLOCK = {"since", "until", "till", "before", "by", "from"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}


def _trigger_type(tok) -> str | None:
    """Base type of a token if it can trigger an event here, else None."""
    lemma = tok.lemma_.lower()
    if lemma == "strike" and tok.pos_ == "VERB":
        return "attack.attack"
    base = TRIGGERS.get(lemma)
    if base is None:
        return None
    if tok.pos_ == "VERB" or tok.pos_ == "AUX":
        if lemma in _NOUN_ONLY:
            return None
        if lemma == "claim" or lemma == "talk":
            return None
        return base
    if tok.pos_ in ("NOUN", "PROPN"):
        if lemma in _VERB_ONLY:
            return None
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].tag_ == "HYPH" and tok.head.pos_ == "ADJ":
            return None  # "a bomb-laden drone", "rocket-propelled": part of a description, not an event
        if lemma == "claim":
            return None
        if lemma == "talk" and tok.text.lower() != "talks":
            return None
        if lemma in _PRESS_NOUNS and not _joint_press(tok):
            return None
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in TRIGGERS:
            return None  # "drone strike": the head is the trigger
        return base
    return None


def _with_prep(prep):
    """The "with" of a "with X", "along with X" or "together with X" phrase (None for other phrases)."""
    if prep.dep_ != "prep":
        return None
    if prep.lower_ == "with":
        return prep
    if prep.lower_ in ("along", "together"):
        return next((g for g in prep.children if g.lower_ == "with"), None)
    return None


def _joint_press(tok) -> bool:
    """A press conference held jointly or with someone: "a joint presser", "a presser along with X"."""
    if tok.lemma_.lower() == "conference" and not any(
            c.dep_ == "compound" and c.lower_ in ("press", "news") for c in tok.lefts):
        return False
    return any(c.lower_ == "joint" for c in tok.lefts) or any(_with_prep(c) is not None for c in tok.rights)


def family_of(tok) -> str:
    """Family of the base type a token triggers ("" when it triggers nothing)."""
    base = _trigger_type(tok)
    return base.split(".", 1)[0] if base else ""


def _is_casualty(tok) -> bool:
    return tok.lemma_.lower() in _CASUALTY_KILL | _CASUALTY_HURT | {"kill"}


def _clause_verb(tok):
    """The verb that heads the clause of ``tok`` (``tok`` itself for a verb)."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT" or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _group_triggers(triggers: list) -> dict[int, list]:
    """Map anchor token index -> triggers of that clause (anchor first)."""
    by_i = {t.i: t for t in triggers}
    anchor: dict[int, int] = {}
    for t in triggers:
        a = t.i
        lemma = t.lemma_.lower()
        # casualty verb whose subject (or relative-clause head) is an event noun: fold into the noun
        if t.pos_ == "VERB" and _is_casualty(t):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in by_i]
            if subj:
                a = subj[0].i
            elif t.dep_ == "relcl" and t.head.i in by_i:
                a = t.head.i
            elif t.dep_ in ("conj", "advcl", "xcomp") and t.head.i in by_i:
                a = t.head.i  # "attacked a police station, killing two officers and wounding five"
        elif t.dep_ == "conj" and t.head.i in by_i and t.pos_ == t.head.pos_ == "VERB" \
                and event_type(TRIGGERS.get(lemma, "")).id.split(".")[0] == \
                event_type(TRIGGERS.get(t.head.lemma_.lower(), "")).id.split(".")[0]:
            a = t.head.i
        # event noun object of a light verb ("launched three drone attacks") is the event itself
        anchor[t.i] = a
    # resolve chains
    for i in list(anchor):
        seen = 0
        while anchor[i] != i and anchor.get(anchor[i], anchor[i]) != anchor[i] and seen < 5:
            anchor[i] = anchor[anchor[i]]
            seen += 1
    groups: dict[int, list] = {}
    for t in triggers:
        groups.setdefault(anchor[t.i], []).append(t)
    for a, members in groups.items():
        members.sort(key=lambda t: (t.i != a, t.i))
    return groups


def _phrase(tok, doc) -> tuple[str, int, int] | None:
    """Readable text of the noun phrase headed by ``tok``: entity span or noun chunk, no determiner."""
    if tok.lower_ in _SKIP_ARG or tok.pos_ in ("PRON",) and tok.lower_ not in ("he", "she"):
        return None
    if not tok.ent_type_:
        named = [c for c in tok.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")]
        if named:
            tok = named[0]
    if tok.ent_type_:
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                start, end = ent.start, ent.end
                # widen to the titles before a person's name ("Foreign Minister Albares")
                left = [c for c in tok.lefts if c.dep_ in ("compound", "amod")]
                if left:
                    start = min(start, min(c.left_edge.i for c in left))
                break
    else:
        left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod")]
        start = min([c.left_edge.i for c in left] + [tok.i])
        end = tok.i + 1
        # "of"-phrases complete group names ("members of the Iraqi Security Forces")
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                end = max(end, c.right_edge.i + 1)
    while start < tok.i and doc[start].pos_ == "DET":
        start += 1
    span = doc[start:end]
    text = span.text.split("\n")[-1].strip(" ,.;:\"'“”–-")
    if not text:
        return None
    return text, span.start_char, span.end_char


def _expand_conj(tok) -> list:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.append(c)
    return out


def _arguments(anchor, members, doc) -> tuple[list, list]:
    """(actor tokens, target tokens) for the event anchored at ``anchor``."""
    actors: list = []
    targets: list = []
    verbs = [m for m in members if m.pos_ in ("VERB", "AUX")]
    heads = [anchor] + [m for m in members if m is not anchor]
    for v in heads:
        for c in v.children:
            if c.dep_ == "nsubj" and v.pos_ in ("VERB", "AUX") and c.i not in {m.i for m in members}:
                actors.extend(_expand_conj(c))
            elif c.dep_ == "agent":
                actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif c.dep_ in ("dobj", "nsubjpass") and v.pos_ in ("VERB", "AUX") and not _is_casualty(v):
                targets.extend(_expand_conj(c))
            elif c.dep_ == "prep" and c.lower_ == "by" and v.pos_ in ("NOUN", "PROPN"):
                actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif _with_prep(c) is not None and family_of(v) == "diplomacy":
                targets.extend(g for p in _with_prep(c).children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif c.dep_ == "prep" and c.lower_ in _ARG_PREPS_TARGET and (
                    v.pos_ in ("NOUN", "PROPN") or c.lower_ in ("against", "on", "at")):
                if any(p.ent_type_ in ("DATE", "TIME") for p in c.children):
                    continue
                if v.pos_ == "VERB" and c.lower_ in ("on", "at") and any(
                        p.ent_type_ in ("GPE", "LOC") for p in c.children):
                    continue
                targets.extend(g for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif c.dep_ == "poss" and v.pos_ in ("NOUN", "PROPN"):
                actors.append(c)
            elif c.dep_ in ("compound", "nmod", "amod") and v.pos_ in ("NOUN", "PROPN") and (
                    c.ent_type_ in ("NORP", "ORG", "PERSON") or c.ent_type_ == "GPE" and c.text.isupper()):
                actors.append(c)  # "US strikes"; a place name ("the Jordan attack") is where, not who
            elif c.dep_ == "acl" and c.lemma_.lower() == "target":
                targets.extend(g for g in c.children if g.dep_ == "dobj")
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "nsubj" and anchor.head.lemma_.lower() in _HIT_VERBS:
        # "an air bombardment targeted the headquarters": the verb's object is the event's target
        targets.extend(g for c in anchor.head.children if c.dep_ == "dobj" for g in _expand_conj(c))
    if anchor.pos_ in ("NOUN", "PROPN") and not any(_phrase(a, doc) for a in actors) \
            and anchor.dep_ in ("dobj", "pobj", "nsubjpass", "conj", "appos"):
        # "launched three drone attacks", "said on a visit to Iraq", "following their meeting":
        # the subject of the nearest governing verb that is not itself an event
        cur = anchor.head
        for _ in range(6):
            if cur.pos_ in ("VERB", "AUX"):
                subj = [c for c in cur.children if c.dep_ == "nsubj" and _phrase(c, doc)]
                if subj or cur.dep_ not in ("acl", "advcl", "prep", "pcomp", "xcomp"):
                    if _trigger_type(cur) is None or cur.lemma_.lower() in _LIGHT_VERBS:
                        actors.extend(subj)
                    break
            if cur.head is cur:
                break
            cur = cur.head
    if anchor.pos_ in ("VERB", "AUX") and not actors and anchor.dep_ in ("advcl", "xcomp", "conj", "pcomp"):
        actors.extend(c for c in anchor.head.children if c.dep_ == "nsubj")
    return actors, targets


def _texts(tokens, doc, exclude: set[str] = frozenset()) -> tuple[str, ...]:
    out: list[str] = []
    for t in tokens:
        p = _phrase(t, doc)
        if p and p[0] not in out and p[0] not in exclude:
            out.append(p[0])
    return tuple(out)


def _number(text: str) -> int | None:
    t = text.lower().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    return _NUMBER_WORDS.get(t)


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
        if cur.head is cur:
            break
        cur = cur.head
    return None


def _casualties(sent, figures: Sequence[FigureMention], doc) -> tuple[int | None, int | None]:
    """(killed, injured) from the figures of the sentence (or its numbers when no figures are given)."""
    killed: int | None = None
    injured: int | None = None
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
        elif kind == "injured" and injured is None:
            injured = value
    # "one fighter killed": a casualty participle right after a counted noun
    return killed, injured


def _weekday_value(word: str, published: str | None) -> str | None:
    if not published or len(published) < 10:
        return None
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    target = _WEEKDAYS.index(word)
    delta = (pub.weekday() - target) % 7
    return (pub - dt.timedelta(days=delta)).isoformat()


def _governed_by_other_event(tok, anchor) -> bool:
    """True when ``tok`` sits in the clause of another event trigger than ``anchor``."""
    cur = tok
    for _ in range(8):
        if cur is anchor:
            return False
        if cur is not tok and _trigger_type(cur) is not None and cur.pos_ in ("VERB", "AUX") \
                and anchor not in cur.subtree:
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _irrealis(anchor) -> bool:
    """Events only called for, feared, denied or planned: "calling for a ceasefire", "attacks need to stop"."""
    if any(c.dep_ == "neg" for c in anchor.children):
        return True
    if any(c.lower_ in ("no", "none") and c.dep_ in ("det", "nsubj") for c in anchor.children):
        return True
    verb = anchor
    for _ in range(4):  # an event noun: up through its prepositions to the verb that governs it
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    if verb is not anchor and verb.lemma_.lower() in _IRREALIS_HEADS:
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _IRREALIS_HEADS


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


def _date(anchor, sent, timexes: Sequence[Timex], published: str | None, doc) -> str | None:
    """The date of the event: a Timex attached to its clause, else a weekday resolved against ``published``."""
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

    in_sent = [p for p in in_sent if not (modifier(p) and p.text.isupper()) and not _demonym_of_party(p, toks(p), doc)]

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


def _is_aggregate(anchor, doc) -> bool:
    """Plural event nouns with a count or quantifier, repeated-event verbs ("attacked 150 times")."""
    if anchor.pos_ in ("NOUN", "PROPN"):
        if anchor.lemma_.lower() in _PEOPLE_TRIGGERS:
            return False  # "dozens of protesters": many people, one protest
        if anchor.lower_ in _PLURALE_TANTUM and not any(
                c.like_num or c.lower_ in _AGGREGATE_WORDS for c in anchor.lefts):
            return False  # "a first round of talks": one event
        if anchor.tag_ in ("NNS", "NNPS") or anchor.text.lower().endswith("s") and anchor.lemma_ != anchor.lower_:
            for c in anchor.subtree:
                if c.i >= anchor.i:
                    break
                if c.like_num and _number(c.text) not in (None, 1) or c.lower_ in _AGGREGATE_WORDS:
                    return True
            if anchor.dep_ == "pobj" and anchor.head.head.lower_ in _AGGREGATE_WORDS:
                return True
            if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.like_num:
                return True
            # plural with no determiner: generic ("attacks against foreign troops need to stop")
            return not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their")
                           for c in anchor.children) or any(c.lower_ in _AGGREGATE_WORDS for c in anchor.lefts)
        return any(c.lower_ in ("spate", "series", "wave") for c in anchor.lefts)
    for c in anchor.subtree:
        if c.lower_ in ("times",) and any(g.like_num for g in c.subtree):
            return True
        if c.lower_ == "repeatedly" and c.head is anchor:
            return True
    return False


def _has_substance(anchor, actors, targets, place, date, aggregate: bool, specific: bool = False) -> bool:
    """An event needs a who or a whom, or a where below country level, or a where and a when."""
    if aggregate:
        return True
    actors = tuple(a for a in actors if a.split()[0].lower() not in ("none", "no", "risks", "risk"))
    if actors or targets:
        return True
    return bool(place and (date or specific))


# Head words that name no one: "elements attack", "some said" are not who-did-what.
_VAGUE_HEADS = frozenset("elements element people some others other one ones many all side sides parties party "
                         "work part members sources source places place".split())


def _vague(text: str) -> bool:
    """An argument that names no one ("elements", "some of them", "the other side")."""
    words = [w for w in text.lower().split() if w not in ("the", "a", "an", "of", "them", "those", "these", "other")]
    return not words or (len(words) == 1 and words[0] in _VAGUE_HEADS)


def _summary(type_id: str, trigger: str, actors, targets, place, killed, injured) -> str:
    label = event_type(type_id).label
    who = actors[0] if actors else ""
    whom = targets[0] if targets else ""
    core = " ".join(x for x in (who, trigger, whom) if x)
    if not who and not whom:
        # "attack (Gaza)", not "attack: attacks (Gaza)": the trigger adds nothing when it is the label
        low = trigger.lower()
        if low.rstrip("s") in label or label.split()[-1] in low:
            core = label
        else:
            core = trigger if " or " in label or "," in label else f"{label}: {trigger}"
    if place and place not in core:
        core += f" ({place})"
    tolls = [f"{n} {w}" for n, w in ((killed, "killed"), (injured, "injured")) if n is not None]
    return core + (" - " + ", ".join(tolls) if tolls else "")


_SENTENCE_TYPED = ("protest.", "riot.")


def _sentence_type(type_id: str, sent, cache: dict[int, str]) -> str:
    """ACLED's protest and riot subtypes from the whole sentence.

    Who is violent (the crowd or the police) and with what is told across the sentence, not by the
    trigger's own words: the snippet typer of :mod:`event_types` (the one bench/types.py measures on
    CASE 2021) decides, within the protest and riot families only. (For attacks it is not used: one
    sentence often tells of several, and the trigger's own weapon words type them better.)
    """
    if not type_id.startswith(_SENTENCE_TYPED):
        return type_id
    if sent.start not in cache:
        cache[sent.start] = type_text(sent.text)
    whole = cache[sent.start]
    return whole if whole.startswith(_SENTENCE_TYPED) else type_id


def extract_events(doc, article: str, timexes: Sequence[Timex] = (), figures: Sequence[FigureMention] = (),
                   places: Sequence[PlaceMention] = (), published: str | None = None,
                   event_typer=None) -> list[EventMention]:
    """Event mentions of a parsed article, one per clause with an event trigger.

    ``timexes``, ``figures`` and ``places`` are the article's other annotations (their
    spans index ``doc.text``); ``published`` (ISO date) anchors weekday names when no
    Timex covers the sentence. ``event_typer`` (``settings.event_type_model = "learned"``, see
    :class:`newsfuse.learn.event_head.EventTyper`) types the sentences that carry a trigger, all
    in one batch, and may override the rules' type; None types by the rules alone.
    """
    events: list[EventMention] = []
    sentence_types: dict[int, str] = {}
    quoted = QuoteIndex(find_quoted_spans(doc.text))  # the quotes stage pairs the marks the same way
    learned: dict[str, str] = {}
    if event_typer is not None:
        learned = event_typer.label_sentences(
            [s.text for s in sentences(doc) if any(_trigger_type(t) is not None for t in s)])
    for sent in sentences(doc):
        triggers = [t for t in sent if _trigger_type(t) is not None]
        if not triggers:
            continue
        groups = _group_triggers(triggers)
        killed_s, injured_s = _casualties(sent, figures, doc)
        for a_i, members in sorted(groups.items()):
            anchor = doc[a_i]
            base = _trigger_type(anchor) or "other.other"
            words = {w.lower_ for m in members for w in m.subtree if w.i <= m.i or w.dep_ == "compound"}
            words |= {w.lower_ for m in members for w in m.lefts}
            type_id = refine_type(base, words)
            if base == "attack.attack" and anchor.lemma_.lower() == "kill" and len(members) == 1:
                type_id = refine_type(base, {t.lower_ for t in sent})
            type_id = _sentence_type(type_id, sent, sentence_types)
            if event_typer is not None:
                type_id = event_typer.retype(type_id, learned.get(sent.text), alone=len(groups) == 1)
            if _irrealis(anchor):
                continue
            actor_toks, target_toks = _arguments(anchor, members, doc)
            actors = tuple(a for a in _texts(actor_toks, doc) if not _vague(a))
            targets = _texts(target_toks, doc, exclude=set(actors))
            aggregate = _is_aggregate(anchor, doc)
            casualty_event = type_id.startswith(("attack.", "protest.excessive", "riot.")) and not aggregate
            killed, injured = (killed_s, injured_s) if casualty_event else (None, None)
            place, lat, lon, cc, near = _place(anchor, target_toks, sent, places, doc, quoted)
            if place:  # "the Jordan attack": a place named before the noun is where, not who
                actors = tuple(a for a in actors if a != place)
            date = _date(anchor, sent, timexes, published, doc)
            # a named place below country level makes an event of a bare noun only when it is the
            # noun's own ("the attack on a base near Erbil"), not another phrase's ("fuelled by the war in Gaza")
            specific = bool(place) and near and not any(p.name == place and p.feature == "country" for p in places)
            if not _has_substance(anchor, actors, targets, place, date, aggregate, specific):
                continue
            trigger_text = " ".join(m.text for m in sorted(members, key=lambda m: m.i)[:1])
            events.append(EventMention(
                article=article, start=sent.start_char, end=sent.end_char,
                trigger=anchor.text, trigger_start=anchor.idx, trigger_end=anchor.idx + len(anchor.text),
                type=type_id,
                summary=_summary(type_id, trigger_text if anchor.pos_ != "NOUN" else anchor.text,
                                 actors, targets, place, killed, injured),
                actors=actors, targets=targets,
                date=date, place=place, lat=lat, lon=lon, country_code=cc,
                killed=killed, injured=injured, aggregate=aggregate))
    return events
