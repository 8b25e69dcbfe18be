"""Whether a found trigger tells an event that happened, and one event: negated, only planned or called for,
scheduled, a standing state (troops stationed, an agreement's text), a tally of many (plural nouns, "150
times"), and whether it says enough (who, whom, where) to be listed. Pure functions of the parse."""

from __future__ import annotations

from ._circumstances import _number
from ._triggers import (
    _SENSES, _AGGREGATE_WORDS, _FUTURE_AUX, _HIT_VERBS, _IRREALIS_HEADS, _LIGHT_VERBS, _MODALS, _PEOPLE_TRIGGERS,
    _PLAN_NOUNS, _PLURALE_TANTUM, _SCHEDULABLE, _SCHEDULE_VERBS, _STATE_FAMILIES, _UNCERTAIN, _counted,
    _is_casualty, _trigger_type,
)


def _governing_verb(anchor):
    """The anchor when it is a verb; for an event noun, the verb that governs it (up through its prepositions)."""
    verb = anchor
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    return verb


def _negated(anchor) -> bool:
    """Told as not happening: "did not attack", "no talks", "no Republicans have announced", "nobody was
    arrested"."""
    if any(c.dep_ == "neg" for c in anchor.children) or any(
            c.lower_ in ("no", "none") and c.dep_ in ("det", "nsubj") for c in anchor.children):
        return True
    return anchor.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nobody", "none", "nothing", "noone") or any(
            g.dep_ == "det" and g.lower_ == "no" for g in c.children)) for c in anchor.children)


def _scheduled(anchor, type_id: str) -> bool:
    """An event told as arranged to happen, not as happened nor as wished: "Washington and Baghdad will begin
    discussions", "talks are scheduled for Saturday", "the minister is due to visit". Only events that are
    arranged ahead (talks, visits, funerals: :data:`_SCHEDULABLE`); "will" on the event's own verb or on the
    light verb whose object it is ("will hold talks"), not "could", "should", nor "calls for talks"."""
    if type_id.split(".", 1)[0] not in _SCHEDULABLE or _negated(anchor):
        return False
    verb = _governing_verb(anchor)
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in verb.children):
        return False
    if verb is not anchor and verb.lemma_.lower() not in _LIGHT_VERBS | _SCHEDULE_VERBS:
        return False
    if verb.lemma_.lower() in _SCHEDULE_VERBS and anchor.dep_ == "nsubjpass":
        return True  # "talks are scheduled for Saturday"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _SCHEDULE_VERBS:
        return True  # "the minister is due to visit Baghdad"
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children) and not any(
        c.dep_ == "aux" and c.lower_ in _MODALS - _FUTURE_AUX for c in verb.children)


#: what is asked for so that an event may follow ("information leading to an arrest")
_SOUGHT = frozenset("information tip tips evidence details clues".split())


def _irrealis(anchor) -> bool:
    """Events only called for, feared, denied or planned: "calling for a ceasefire", "attacks need to stop",
    "talks on a timetable for the withdrawal"."""
    if _negated(anchor):
        return True
    if _planned_by_noun(anchor):
        return True
    lead = anchor.head.head if anchor.dep_ == "pobj" and anchor.head.lower_ == "to" else None
    if lead is not None and lead.lemma_.lower() == "lead" and lead.dep_ == "acl" and lead.head.lower_ in _SOUGHT:
        return True  # "a reward for information leading to the arrest of those responsible"
    verb = _governing_verb(anchor)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    if verb is not anchor and verb.lemma_.lower() in _IRREALIS_HEADS:
        return True
    if any(c.dep_ == "acomp" and c.lower_ in _UNCERTAIN for c in verb.children):
        return True  # "an EU-Israel summit is unlikely to take place"
    if verb.dep_ == "acl" and verb.head.lower_ in _PLAN_NOUNS:
        return True  # "an invitation to visit the White House", "a request to meet"
    if anchor.lemma_.lower() == "agreement" and anchor.dep_ == "pobj" and anchor.head.lower_ == "in" and not any(
            c.dep_ in ("det", "amod", "compound", "poss") for c in anchor.children):
        return True  # "nodded in agreement", "in agreement with": a manner or a state, not an agreement made
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _IRREALIS_HEADS:
        return True
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _DENIALS:
        return True  # "denied that the officers had met"
    if verb is anchor and (_trigger_type(anchor) or "").startswith("statement.") and any(
            c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in verb.children):
        return True  # "has long accused", "often criticizes": a habit, not one statement (a series of attacks,
        # "repeatedly struck", is kept as a campaign: _is_aggregate)
    return _under_modal(verb)


#: verbs that deny what their clause tells
_DENIALS = frozenset("deny dispute refute doubt".split())
#: adverbs of a habit or a series
_HABITUAL = frozenset("long often frequently always regularly routinely consistently usually sometimes "
                      "habitually constantly".split())


def _under_modal(verb) -> bool:
    """A verb told under another's modal or wish, through the verbs it completes or is coordinated with (no
    subject of its own): "they will end up fighting and killing each other", "is working to seize", "would like
    to announce a tentative agreement", "will try to get an agreement". (Events arranged ahead, "will begin
    discussions", are read as scheduled before this.)"""
    up = verb
    for _ in range(3):
        if up.dep_ not in ("conj", "xcomp", "pcomp") or up.head.pos_ not in ("VERB", "AUX") or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in up.children):
            return False
        up = up.head
        if up.lemma_.lower() in _IRREALIS_HEADS or any(c.dep_ == "aux" and c.lower_ in _MODALS for c in up.children):
            return True
    return False


def _planned_by_noun(anchor) -> bool:
    """An event noun that a noun of plans governs, through prepositions: "a timetable for the withdrawal of
    coalition troops", "calls for a ceasefire", "the prospect of talks"."""
    if anchor.pos_ not in ("NOUN", "PROPN"):
        return False
    tok = anchor
    for _ in range(4):
        if tok.head is tok or tok.head.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lower_ in _PLAN_NOUNS:
            return True
    return False


def _standing(anchor, type_id: str) -> bool:
    """An agreement told by what its text says, or a participle that tells where forces stand, not a move: "the
    agreement stipulates", "about 900 soldiers are deployed in Syria",
    "where his government has troops deployed", "the 2,500 troops stationed in Iraq". A present-tense passive,
    a participle after its noun, or the complement of "have" (a past passive, "were deployed last week", is
    the move)."""
    if type_id == "diplomacy.agreement" and anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "nsubj" \
            and anchor.head.lemma_.lower() in _DOCUMENT_VERBS and not any(t.ent_type_ == "DATE" for t in anchor.subtree):
        return True  # "the agreements signed by Israel contain an obligation": the text of a standing agreement
    if type_id.split(".", 1)[0] not in _STATE_FAMILIES or anchor.tag_ != "VBN":
        return False
    if anchor.dep_ == "acl":
        return True
    if anchor.head.lemma_.lower() == "have" and anchor.dep_ in ("ccomp", "oprd", "xcomp") and \
            any(c.dep_ in ("nsubj", "dobj") and c.i < anchor.i for c in anchor.children):
        return True
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in anchor.children)


#: what the text of an agreement does: "the accord requires", "the deal allows"
_DOCUMENT_VERBS = frozenset("contain include require stipulate provide allow oblige obligate say state specify "
                            "prohibit forbid ban permit commit bind envisage foresee guarantee cover".split())
#: verbs whose plural event-noun object is a campaign: "escalated their attacks", "intensified strikes"
_SERIES_VERBS = frozenset("escalate intensify step ramp continue resume increase multiply sustain".split())


#: words of a stretch of time, over which a plural event noun is a tally ("in recent months", "since October")
_SPAN_WORDS = frozenset("since months years weeks decades recent recently past far throughout".split())


def _episodic(verb) -> bool:
    """Whether a past verb tells one occasion: it names its day ("on Sunday") or counts whom it killed or hurt
    ("killed 30 people")."""
    words = {t.lower_ for t in verb.subtree}
    if words & _SPAN_WORDS or any(c.tag_ in ("VBP", "VBZ") or c.lower_ == "have" for c in verb.children
                                  if c.dep_ == "aux"):
        return False  # "have killed thousands since October", "in recent months": a tally over time
    return any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree) or _is_casualty(verb) and any(
        c.dep_ == "dobj" and _counted(c) for c in verb.children)


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
            if anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.lemma_.lower() in _SERIES_VERBS:
                return True  # "escalated their attacks", "the strikes were stepped up": a campaign, not one event
            if anchor.dep_ == "nsubj" and anchor.head.tag_ in ("VBD", "VBN") and anchor.head.lemma_.lower() in \
                    _HIT_VERBS and not any(c.dep_ == "auxpass" for c in anchor.head.children) and _episodic(anchor.head):
                return False  # "Israeli airstrikes killed 30 people on Sunday": the strikes of one day, one event
            # plural with no determiner: generic ("attacks against foreign troops need to stop")
            return not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their")
                           for c in anchor.children) or any(c.lower_ in _AGGREGATE_WORDS for c in anchor.lefts)
        return any(c.lower_ in ("spate", "series", "wave") for c in anchor.lefts)
    for c in anchor.subtree:
        if c.lower_ in ("times",) and any(g.like_num or g.lower_ in _AGGREGATE_WORDS for g in c.subtree):
            return True
        if c.lower_ == "repeatedly" and c.head.i == anchor.i:  # tokens are views: compare positions
            return True
    return False


#: what an announcement can announce besides an event: a decision, a plan, a result
_DECISION_NOUNS = frozenset("decision plan plans result results measure measures policy step steps deadline timeline "
                            "timetable schedule date resignation appointment candidacy election budget reform reforms "
                            "programme program initiative package investigation inquiry probe curfew lockdown "
                            "closure opening launch start end suspension ban law bill rule rules".split())


def _announces_nothing(anchor) -> bool:
    """An announcement verb whose object is neither an event nor a decision ("ISIS was announced defeated").

    What is announced must be told: a clause ("announced that ..."), an event noun or a decision,
    plan or result ("announced a ceasefire", "announced his resignation").
    """
    if anchor.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("ccomp", "csubj") for c in anchor.children):
        return False
    objects = [c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in anchor.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "dobj"]
    return not any(_trigger_type(o) is not None or o.lemma_.lower() in _DECISION_NOUNS
                   or o.lower_ in _DECISION_NOUNS for o in objects)


def _has_substance(anchor, actors, targets, place, date, aggregate: bool, specific: bool = False,
                   toll: bool = False) -> bool:
    """An event needs a who or a whom, or a where below country level, or a where and a when, or a where and a
    toll of its own ("the drone attack that killed three US military personnel in Jordan": one incident)."""
    if aggregate or toll and place:
        return True
    actors = tuple(a for a in actors if a.split()[0].lower() not in ("none", "no", "risks", "risk"))
    if actors or targets:
        return True
    return bool(place and (date or specific))


def _local_word(tok) -> bool:
    """A word of local business: a local body or people of a place ("the board", "residents"), or a name of
    one ("Dublin City Council", "Walker County Commissioners Court"; not "the UN Security Council")."""
    if tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        words = {t.lower_ for t in ent} if ent is not None else {tok.lower_}
        return bool(words & _SENSES["local_places"]) and bool(words & _SENSES["local_bodies"])
    if tok.lemma_.lower() in _SENSES["local_bodies"] or tok.lower_ in _SENSES["local_bodies"]:
        return True
    # "city firefighters", "council members", "school board members"
    return any(c.dep_ == "compound" and not c.ent_type_ and (c.lower_ in _SENSES["local_places"]
                                                             or c.lower_ in _SENSES["local_bodies"]) for c in tok.lefts)


def _local_affair(anchor, type_id: str, parties) -> bool:
    """A meeting, visit or agreement of local business, not diplomacy: all its parties local ("the board",
    "Council", "residents", "City firefighters"), or the noun told as a local body's occasion ("a regular
    meeting", "upcoming budget meetings", "a County Commissioners Court meeting")."""
    if not type_id.startswith("diplomacy."):
        return False
    if anchor.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("amod", "compound", "poss", "nmod") and (c.lower_ in _SENSES["local_occasions"]
                                                               or _local_word(c)) for c in anchor.lefts):
        return True
    return bool(parties) and all(_local_word(p) for p in parties)
