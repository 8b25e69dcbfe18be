"""Event triggers and the word tables of the events stage: which token can trigger an event here, its
family, its clause, and the readable phrase of an argument.

Helpers of :mod:`._core` and :mod:`._circumstances` (also which arguments name no one: counts, pronouns,
vague heads); the trigger table itself is
``lexicons/event_triggers.json``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...lexicons import cardinals, event_senses, event_triggers, tens, weekdays


#: trigger lemma -> base type (lexicons/event_triggers.json). Verbs and event nouns share the table; POS
#: decides in context.
TRIGGERS: Mapping[str, str] = event_triggers()

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
                "commit", "claim", "resume", "continue", "join", "sign", "reach", "conclude", "seal", "ink", "clinch",
                "broker"}
_AGGREGATE_WORDS = {"spate", "series", "wave", "string", "cycle", "number", "dozens", "hundreds", "numerous",
                    "many", "several", "repeated", "constant", "ongoing", "frequent", "multiple", "some",
                    "these", "those", "all", "majority", "most", "recent", "further", "more"}
_IRREALIS_HEADS = {"call", "urge", "demand", "need", "want", "seek", "avoid", "prevent", "plan", "hope",
                   "propose", "insist", "push", "press", "ask", "request", "risk", "fear", "threaten",
                   "prepare", "consider", "aim", "intend", "refuse", "deny", "reject", "halt", "end", "stop",
                   "establishment", "importance", "desire", "work", "try", "attempt", "vow", "pledge", "promise",
                   "strive", "struggle", "fail", "wish", "evade", "resist", "escape", "elude", "dodge", "suggest",
                   "recommend", "offer", "encourage", "advocate"}
#: nouns of what is only planned: an event noun they govern has not happened ("a timetable for the withdrawal")
_PLAN_NOUNS = {"timetable", "timeline", "plan", "plans", "schedule", "roadmap", "deadline", "proposal", "call",
               "calls", "demand", "demands", "prospect", "possibility", "option", "options",
               # what may come of it: "an invitation to visit the White House", "a chance of talks"
               "invitation", "invitations", "chance", "chances", "opportunity", "offer", "offers", "willingness",
               "readiness", "permission", "right", "bid", "request", "requests", "suggestion", "suggestions",
               # what is worked towards: "joint efforts to conclude a partnership agreement"
               "effort", "efforts", "attempt", "attempts", "goal", "aim", "push", "drive", "quest"}
#: adjectives that make their clause's event only possible: "a summit is unlikely to take place"
_UNCERTAIN = {"unlikely", "likely", "possible", "impossible", "uncertain", "doubtful", "improbable"}
#: families whose participles also tell a standing state: "troops are deployed in Syria", "has troops deployed"
_STATE_FAMILIES = {"military"}
#: verbs whose subject causes a statement noun, their object: "the strikes sparked condemnation", "drew criticism"
_CAUSE_VERBS = frozenset("spark draw prompt provoke trigger cause bring earn attract elicit".split())


_HIT_VERBS = {"target", "hit", "strike", "kill", "wound", "injure", "destroy", "damage"}
_MODALS = {"must", "should", "would", "could", "might", "may", "will", "shall", "'ll"}
#: the auxiliaries of the future as it is planned ("talks will begin"), not as it may be ("could", "should")
_FUTURE_AUX = {"will", "shall", "'ll"}
#: participles that put an event on a calendar: "talks are scheduled for Saturday", "the minister is due to visit"
_SCHEDULE_VERBS = {"schedule", "due", "slate", "set"}
#: families whose events are arranged ahead and told before they happen (talks, visits, funerals); an attack
#: told in the future is a threat, not a schedule
_SCHEDULABLE = {"diplomacy", "ceremony"}
#: event families whose bare noun ("the agreement", "an attack") needs a who, whom or where to be kept
_ARG_PREPS_TARGET = {"against", "on", "at", "targeting", "upon", "of"}
_SKIP_ARG = {"that", "which", "who", "it", "they", "them", "this", "these", "those", "what", "whom"}
_DATE_BLOCK = {"since", "until", "till", "before", "by", "from"}
_WEEKDAYS = weekdays()  # ISO: Monday = 1
#: victims counted in words: "zero" to "twenty"
_NUMBER_WORDS = {w: n for w, n in {**cardinals(), **tens()}.items() if n <= 20}


#: named-entity kinds whose words name a thing, not an event that happened (an EVENT entity may be one)
_NAME_ENTITIES = frozenset({"WORK_OF_ART", "PRODUCT", "LAW", "FAC", "ORG", "PERSON"})


def _trigger_type(tok) -> str | None:
    """Base type of a token if it can trigger an event here, else None."""
    lemma = tok.lemma_.lower()
    if lemma == "strike" and tok.pos_ == "VERB":
        return "attack.attack" if _verb_sense(tok, lemma) else None
    base = TRIGGERS.get(lemma)
    if base is None:
        return None
    if tok.ent_type_ in _NAME_ENTITIES:
        return None  # a word of a name: the musical "The Band's Visit", the "Strike Force" unit
    if tok.pos_ == "VERB" or tok.pos_ == "AUX":
        if lemma == "protest" and _street_protest(tok):
            return base  # "farmers protested in Brussels"
        if lemma in _NOUN_ONLY:
            return None
        if lemma == "claim" or lemma == "talk":
            return None
        if not _verb_sense(tok, lemma):
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
        other = _SENSES["other_sense_of"].get(lemma)
        if other and any(p.lemma_.lower() in other for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ in ("pobj", "pcomp")):
            return None  # "a demonstration of military power", "an attack of nerves"
        market = _SENSES["other_sense_modifiers"].get(lemma)
        if market and (any(c.dep_ in ("amod", "compound", "conj", "nmod") and (c.lower_ in market or c.lemma_.lower()
                                                                                in market) for c in tok.children)
                       or tok.dep_ == "conj" and tok.head.lemma_.lower() in market):
            return None  # "an increased demand for Botox", "supply and demand": a market's, not someone's
        if market and _contract(tok):
            return None  # "a seven-year, $161 million deal", "a deal worth $150 million": a contract
        return base
    return None


_SENSES = event_senses()
#: heads of a collective phrase that stands for parties told before ("the two countries", "both sides")
_COLLECTIVE_HEADS = frozenset("countries sides parties nations governments states capitals".split())
#: named parties of a meeting (a common noun of office is in the lexicon's "meeting_parties")
_PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: where troops withdraw from ("withdrew from Kherson"); withdrawing from a race or a treaty is no withdrawal
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _contract(noun) -> bool:
    """A deal or agreement worth a sum of money between parties none of which is a state: a player's or a
    studio's contract ("a seven-year, $161 million deal with the Yankees"), not "a $200 billion trade agreement"
    the US and China reached."""
    if not any(t.ent_type_ == "MONEY" for t in noun.subtree):
        return False
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass") else noun.head.head if noun.dep_ == "pobj" else noun
    parties = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    parties += [p for v in (noun, verb) for c in v.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
                for p in c.children if p.dep_ == "pobj"]
    parties += [c for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
    parties += [g for p in parties for g in p.conjuncts]
    return not any(p.ent_type_ in ("GPE", "NORP") for p in parties)


def _street_protest(verb) -> bool:
    """Whether "protest" as a verb is a gathering: where it was held ("protested in Brussels", "outside the
    embassy"), not what someone objected to in words ("he protested that he was innocent", "protested the call")."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("in", "outside", "near", "at", "across", "through", "along", "on")
               and any(p.ent_type_ in _PLACE_ENTITIES or p.lemma_.lower() in _PROTEST_SITES for p in c.children)
               for c in verb.children)


#: where people gather to protest, when it is not named ("outside the embassy", "in the streets")
_PROTEST_SITES = frozenset("street streets square embassy parliament ministry palace office offices headquarters "
                           "court courthouse gate gates campus capital city town building consulate".split())


def _verb_sense(tok, lemma: str) -> bool:
    """Whether a trigger verb is used in its event's sense, as its complements show: "meet the requirements",
    "visit the website", "withdrew his request", "agreed with him that ..." and "I met a husband and wife" are
    not a meeting, a visit, a withdrawal, an agreement and a meeting of news; nor is "the case was withdrawn"
    a withdrawal, nor "captured on video" a capture."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]  # "the case was withdrawn"
    shared = _shared_object_verb(tok)
    if shared is not None:  # "capturing and preserving the world's wildlife"
        objects += [c for c in shared.children if c.dep_ == "dobj"]
    other = _SENSES["other_sense_objects"].get(lemma)
    if other and lemma == "capture":  # "captured on video"
        objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children]
    if other and any(o.lemma_.lower() in other or o.lower_.startswith("www.") for o in objects):
        return False
    doers = _SENSES["other_sense_agents"].get(lemma)
    if doers and any(d.lemma_.lower() in doers or any(c.dep_ == "compound" and c.lemma_.lower() in doers
                                                      for c in d.children)  # "a shark attack killed"
                     for d in _doers(tok)) and not any(
            o.lower_ in _SENSES["rammed_objects"] for o in objects):
        return False  # "a pedestrian was struck by a car", "killed by lightning": an accident, not an attack
        # (but "the truck struck the crowd" is a ramming)
    if lemma == "withdraw":
        if objects:
            return any(o.lemma_.lower() in _SENSES["withdrawal_objects"] for o in objects)
        froms = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                 for p in c.children if p.dep_ == "pobj"]
        forces = any(c.dep_ == "nsubj" and c.lemma_.lower() in _SENSES["withdrawal_objects"] for c in tok.children)
        return not froms or forces or any(
            p.ent_type_ in _PLACE_ENTITIES or p.lemma_.lower() in _SENSES["withdrawal_objects"]
            or p.pos_ == "PROPN" and p.ent_type_ not in ("ORG", "LAW", "EVENT", "WORK_OF_ART") for p in froms)
    if lemma == "agree":
        if any(_trigger_type(p) is None and p.lemma_.lower() in ("deal", "agreement", "contract")
               for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
               for p in c.children if p.dep_ == "pobj"):
            return False  # "agreed to a seven-year, $161 million deal with the Yankees": a contract
        # an agreement agrees on something ("agreed to form", "agreed a deal", "agreed on the budget"); "agreed
        # that it is ...", "agreed with Oswalt" and a bare "agreed" are opinions
        return any(c.dep_ in ("xcomp", "dobj") or c.dep_ == "prep" and c.lower_ in ("on", "to", "upon", "over")
                   for c in tok.children) and not any(c.dep_ == "ccomp" for c in tok.children)
    if lemma in ("meet", "visit"):  # "tourists visited the museum" is no visit of news
        return _news_parties(tok)
    if lemma == "sanction" and objects:
        # sanctions fall on a party ("sanctioned Iran", "sanctioned three officials"); "the board sanctioned the
        # plan" approved it
        return any(o.ent_type_ in _PARTY_ENTITIES or o.lemma_.lower() in _SENSES["meeting_parties"]
                   or o.lemma_.lower() in ("company", "firm", "bank", "individual", "entity", "person", "people")
                   for o in objects)
    return True


def _doers(verb) -> list:
    """Who or what does ``verb``: its subject, or told in the passive, the object of its "by"; verbs told
    together share them ("was struck and killed by a truck", "a car swerved and struck a cyclist")."""
    def own(v):
        out = [c for c in v.children if c.dep_ == "nsubj"]
        out += [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return out
    found = own(verb)
    if not found:
        found = [d for v in verb.conjuncts for d in own(v)]
    return found


def armed_doer(tok) -> bool:
    """Whether a violence verb's doer is a weapon ("a drone struck a base", "killed by a missile"): its form
    decides its violent sense."""
    return tok.pos_ == "VERB" and any(d.lemma_.lower() in _SENSES["weapon_agents"] for d in _doers(tok))


def _news_parties(verb) -> bool:
    """Whether a meeting told by ``verb`` has a party whose meeting is news: a named one or one of office."""
    parties = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            parties.append(c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in ("with", "by"):
            parties.extend(p for p in c.children if p.dep_ == "pobj")
    if verb.dep_ in ("xcomp", "conj", "advcl") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        parties.extend(c for c in verb.head.children if c.dep_ == "nsubj")  # "agreed to meet", "flew in and met"
    if verb.dep_ == "relcl":
        parties.append(verb.head)  # "the minister who met ..."
    parties += [g for p in parties for g in p.conjuncts]
    return any(p.ent_type_ in _PARTY_ENTITIES or p.lemma_.lower() in _SENSES["meeting_parties"]
               or p.lower_ in _COLLECTIVE_HEADS for p in parties)


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


def _core_end(tok) -> int:
    """The end of ``tok``'s phrase without the clauses and places that describe it: "of the car" of "the driver
    of the car, who was caught in the area of Roanoke Park"."""
    cut = {t.i for c in tok.subtree if c.dep_ in ("relcl", "acl", "appos", "advcl")
           or c.dep_ == "prep" and c is not tok and c.lower_ != "of" for t in c.subtree}  # nor where: "in Baghdad"
    end = tok.i + 1
    for t in tok.subtree:
        if t.i < tok.i:
            continue
        if t.i in cut or t.i > end:
            break
        end = t.i + 1
    while end - 1 > tok.i and tok.doc[end - 1].is_punct:
        end -= 1
    return end


def _phrase(tok, doc) -> tuple[str, int, int] | None:
    """Readable text of the noun phrase headed by ``tok``: entity span or noun chunk, no determiner."""
    if tok.lower_ in _SKIP_ARG or tok.pos_ in ("PRON",) and tok.lower_ not in ("he", "she"):
        return None
    title = ""
    if not tok.ent_type_:
        named = [c for c in tok.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")]
        if named:
            if named[0].ent_type_ == "PERSON":
                # "the Spanish Prime Minister, Pedro Sanchez": the title says who as much as the name
                words = [t for t in tok.lefts if t.dep_ in ("compound", "amod")]
                start = min([w.left_edge.i for w in words] + [tok.i])
                title = doc[start:tok.i + 1].text.strip() + " "
            tok = named[0]
    if tok.ent_type_:
        # the entity around ``tok``, from the IOB tags (doc.ents would build every span of the doc)
        start, end = tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        # widen to the titles before a person's name ("Foreign Minister Albares")
        left = [c for c in tok.lefts if c.dep_ in ("compound", "amod")]
        if left:
            start = min(start, min(c.left_edge.i for c in left))
    else:
        left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod")]
        start = min([c.left_edge.i for c in left] + [tok.i])
        end = tok.i + 1
        # "of"-phrases complete group names ("members of the Iraqi Security Forces")
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                end = max(end, _core_end(c))
    while start < tok.i and doc[start].pos_ == "DET":
        start += 1
    span = doc[start:end]
    text = span.text.split("\n")[-1].strip(" ,.;:\"'“”–-")
    if not text:
        return None
    if title and "\n" not in title and not text.startswith(title.strip()):
        text = title + text
    return text, span.start_char, span.end_char


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


def _counted(tok) -> bool:
    """Whether a noun phrase is a count ("three soldiers", "dozens of people", "34"), not someone named."""
    return tok.like_num or tok.pos_ == "NUM" or any(c.dep_ in ("nummod", "quantmod") for c in tok.children) \
        or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) and tok.lower_ in _AGGREGATE_WORDS


def _shared_object_verb(verb):
    """The verb coordinated right after ``verb`` whose object both share ("shot and wounded a policeman",
    "attacked and burned a police station"), or None: ``verb`` has no object of its own and the second verb
    no subject of its own."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children):
        return None
    doc = verb.doc
    nxt = verb.i + 2
    if nxt >= len(doc) or doc[verb.i + 1].dep_ != "cc" or doc[verb.i + 1].head.i != verb.i:
        return None
    conj = doc[nxt]
    if conj.dep_ != "conj" or conj.head.i != verb.i or conj.pos_ != "VERB" \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children) \
            or not any(c.dep_ == "dobj" for c in conj.children):
        return None
    return conj


#: violence verbs that always take an object: told without one after a bare noun, they are a headline's passive
_OBJECT_VERBS = frozenset({"shoot", "kill", "abduct", "kidnap", "assault"})


def _headline_passive(verb) -> bool:
    """Whether ``verb`` is a headline's passive without its auxiliary: "Man shot in Brooklyn", "Bike rider shot
    with pellet gun" (a bare singular noun as subject, which prose does not allow, and a verb that always takes an
    object told without one). Its subject is whom it was done to."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in _OBJECT_VERBS:
        return False
    if any(c.dep_ in ("dobj", "prt", "aux", "auxpass", "ccomp", "xcomp") or c.dep_ == "prep" and c.lower_ in (
            "at", "into") for c in verb.children) or _shared_object_verb(verb) is not None:
        return False
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return len(subj) == 1 and subj[0].tag_ in ("NN", "NNP") and not subj[0].ent_type_ and not any(
        c.dep_ in ("det", "poss", "nummod", "quantmod") for c in subj[0].children) and subj[0].i < verb.i


def _antecedent(tok):
    """What a relative pronoun stands for ("Wang" of "Wang, who is visiting Russia"); any other token itself, and
    so is a pronoun that stands for an event ("the drone attack that killed three": the event, not who acted)."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" and tok.head.head is not tok.head \
            and _trigger_type(tok.head.head) is None:
        return tok.head.head
    return tok


# Head words that name no one: "elements attack", "some said" are not who-did-what.
_VAGUE_HEADS = frozenset("elements element people some others other one ones many all side sides parties party "
                         "work part members sources source places place person".split())
# a pronoun the sentence does not resolve (_who) names no one to a reader: "He warned"; matched as written, so
# "US" (the country) is not "us"
_PRONOUNS = frozenset("he she they it we I you him her us them who which that He She They It We You Who".split())


def _vague(text: str) -> bool:
    """An argument that names no one ("elements", "some of them", "the other side")."""
    if text.strip() in _PRONOUNS or text.lower().startswith(("none of ", "no one", "nobody", "neither ")):
        return True  # "none of the groups has claimed the strike" names who did not
    words = [w for w in text.lower().split() if w not in ("the", "a", "an", "of", "them", "those", "these", "other")]
    if words and all(w.replace(",", "").isdigit() or w in _NUMBER_WORDS for w in words):
        return True  # a bare count: "the 20 killed included four children" counts victims, not who killed them
    return not words or (len(words) == 1 and words[0] in _VAGUE_HEADS)
