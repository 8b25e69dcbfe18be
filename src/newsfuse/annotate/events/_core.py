"""Events: who did what to whom, when and where, one per clause.

A trigger is a verb or an event noun from :data:`TRIGGERS` (attack, strike,
visit, talks, funeral, condemn, killed, arrest ...). Triggers of one clause are
grouped (the attack noun that is the subject of "killed ... and wounded" is one
event), the type comes from the ontology in :mod:`newsfuse.annotate.events.ontology`
(docs/EVENTS.md), and the arguments from the dependency parse: actors are the
subject or the "by X" agent, targets the object or the "against / on / at X"
phrase. Date, place and casualties come from the Timex, PlaceMention and
FigureMention records of the sentence. Aggregates ("more than 150 attacks since
mid-October") are marked ``aggregate=True``.

The extractor is a pure function of its inputs: it reads the parse and returns
:class:`~newsfuse.records.EventMention` records.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from ...fuse.coref_mentions import mention_info, pack_vector
from ...fuse.coref_model import info_json
from ...learn.event_head import KEEP_FAMILIES
from ...records import EventMention, FigureMention, PlaceMention, Timex
from .ontology import event_type, refine_type, type_text
from ..quotes import QuoteIndex, find_quoted_spans
from ..sentences import doc_text, sentences
from ._circumstances import _casualties, _date, _place
from ._realis import (_announces_nothing, _governing_verb, _has_substance, _irrealis, _is_aggregate, _local_affair,
                      _scheduled, _standing)
from ._triggers import (
    _ARG_PREPS_TARGET, _CAUSE_VERBS, _HIT_VERBS, _LIGHT_VERBS, _PEOPLE_TRIGGERS, TRIGGERS, _antecedent, _clause_verb,
    _counted, _headline_passive, _is_casualty, _phrase, _shared_object_verb, _trigger_type, _vague, _with_prep,
    armed_doer, family_of,
)
from ._summary import (_collective, _coordinated, _statement_verb, _summary, _summary_parts, _summary_targets,
                       _toll_clause, _who_line)

__all__ = ["TRIGGERS", "extract_events"]


def _carries(tok) -> bool:
    """Whether ``tok`` is the event a clause is about: its subject ("a car bomb exploded"), or the object of a
    light verb ("launched an attack")."""
    return tok.dep_ == "nsubj" or tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LIGHT_VERBS


def _chained_trigger(verb, by_i) -> int | None:
    """The trigger a participle or coordinated verb hangs on, through at most two verbs that are no trigger."""
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("conj", "advcl", "xcomp") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.i in by_i:
            return cur.i
        if cur.pos_ != "VERB":
            return None
    return None


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
            elif t.dep_ in ("conj", "advcl", "xcomp") and _chained_trigger(t, by_i) is not None:
                # "attacked a police station, killing two officers and wounding five"; "raided the town, burning
                # houses and killing eight civilians" (through the verbs that carry no event of their own)
                a = _chained_trigger(t, by_i)
            elif any(p.i in by_i for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                     for p in c.children if p.dep_ == "pobj"):
                # "killed 14 villagers in an attack on a village": the toll of that attack
                a = next(p.i for c in t.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                         for p in c.children if p.dep_ == "pobj" and p.i in by_i)
            elif t.dep_ in ("conj", "advcl") and any(_carries(c) and c.i in by_i for c in t.head.children):
                # "a car bomb exploded near a checkpoint, killing five people", "launched an attack on a base,
                # killing three soldiers": the toll of the bomb, of the attack
                a = next(c.i for c in t.head.children if _carries(c) and c.i in by_i)
        elif t.dep_ == "conj" and t.head.i in by_i and t.pos_ == t.head.pos_ == "VERB" \
                and event_type(TRIGGERS.get(lemma, "")).id.split(".")[0] == \
                event_type(TRIGGERS.get(t.head.lemma_.lower(), "")).id.split(".")[0]:
            a = t.head.i
        elif lemma in _PEOPLE_TRIGGERS:
            # "clashes between police and protesters": the protesters are a side of the clash, not an event
            side = t
            while side.dep_ == "conj" and side.head is not side:
                side = side.head
            if side.dep_ == "pobj" and side.head.lower_ == "between" and side.head.head.i in by_i:
                a = side.head.head.i
            elif side.dep_ in ("nsubj", "dobj") and side.head.i in by_i:
                a = side.head.i  # "protesters clashed with police": the protesters are a side of the clash
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


def _expand_conj(tok) -> list:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.append(c)
    return out


#: words that make an event noun the topic of what someone says ("a statement regarding the strikes")
_TOPIC_WORDS = frozenset({"regarding", "concerning", "about", "re"})
_SPEECH_NOUNS = frozenset("statement report remarks remark comment comments speech communique communiqué interview "
                          "letter message post tweet briefing question questions denial account version".split())


#: event nouns whose "between" phrase names the sides that take part ("clashes between police and protesters")
_BETWEEN_SIDES = frozenset("clash fighting battle fight skirmish confrontation".split())


def _arguments(anchor, members, doc) -> tuple[list, list]:
    """(actor tokens, target tokens) for the event anchored at ``anchor``."""
    actors: list = []
    targets: list = []
    heads = [anchor] + [m for m in members if m is not anchor]
    shared = _shared_object_verb(anchor)  # "shot and wounded a policeman": the policeman was shot too
    if shared is not None and shared.i not in {h.i for h in heads}:
        heads.append(shared)
    for v in heads:
        for c in v.children:
            if c.dep_ == "nsubj" and v.pos_ in ("VERB", "AUX") and (
                    c.i not in {m.i for m in members} or c.lemma_.lower() in _PEOPLE_TRIGGERS):
                actors.extend(_expand_conj(c))
            elif c.dep_ == "agent":
                actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif c.dep_ in ("dobj", "nsubjpass") and v.pos_ in ("VERB", "AUX") and (
                    not _is_casualty(v) or (v is anchor or shared is not None and v.i == shared.i
                                            or anchor.head.head.i == v.i and anchor.head.lower_ in ("in", "during"))
                    and not _counted(c)):
                # a toll's count is the casualties ("killed three soldiers"), and so is whom an attack killed
                # ("the drone strike that killed the US soldiers"); whom a killing names is its target
                # ("the man who killed the shopkeeper")
                targets.extend(_expand_conj(c))
            elif c.dep_ == "prep" and c.lower_ == "by" and v.pos_ in ("NOUN", "PROPN"):
                actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif c.dep_ == "prep" and c.lower_ == "from" and v.pos_ in ("NOUN", "PROPN") \
                    and family_of(v) == "statement":
                # "sparked condemnation from Baghdad": who condemned
                actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif c.dep_ == "prep" and c.lower_ == "between" and v.pos_ in ("NOUN", "PROPN") and (
                    family_of(v) == "diplomacy" or v.lemma_.lower() in _BETWEEN_SIDES):
                # "talks between Egypt and Israel", "clashes between police and protesters": the parties
                actors.extend(g for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
            elif _with_prep(c) is not None and (family_of(v) == "diplomacy" or v.lemma_.lower() in _BETWEEN_SIDES):
                # "met with Lavrov", "clashed with police": the other side
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
                # "Russia's attack": who did it; "her father's funeral": whose funeral it is
                (targets if family_of(v) == "ceremony" else actors).append(c)
            elif c.dep_ in ("compound", "nmod", "amod") and v.pos_ in ("NOUN", "PROPN") and (
                    c.ent_type_ in ("NORP", "ORG", "PERSON") or c.ent_type_ == "GPE" and c.text.isupper()):
                actors.append(c)  # "US strikes"; a place name ("the Jordan attack") is where, not who
            elif c.dep_ == "acl" and c.lemma_.lower() == "target":
                targets.extend(g for g in c.children if g.dep_ == "dobj")
            elif c.dep_ == "acl" and v.pos_ in ("NOUN", "PROPN") and c.lemma_.lower() in _LIGHT_VERBS:
                # "the strikes carried out by the United States", "an attack claimed by the militia"
                actors.extend(g for a in c.children if a.dep_ == "agent"
                              for g in a.children if g.dep_ == "pobj")
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "dobj" and family_of(anchor) == "statement" \
            and anchor.head.lemma_.lower() in _CAUSE_VERBS and not targets:
        # "the US strikes sparked condemnation from Baghdad": what caused the statement is what it is about
        targets.extend(c for c in anchor.head.children if c.dep_ in ("nsubj", "csubj")
                       and (c.ent_type_ or _trigger_type(c) is not None or c.pos_ == "PROPN"))
        if not actors:  # "drew condemnation from Baghdad", the "from" phrase on the verb
            actors.extend(g for c in anchor.head.children if c.dep_ == "prep" and c.lower_ == "from"
                          for p in c.children if p.dep_ == "pobj" for g in _expand_conj(p))
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "nsubj" and anchor.head.lemma_.lower() in _HIT_VERBS:
        # "an air bombardment targeted the headquarters": the verb's object is the event's target
        # (a count it killed is its toll, not its target: "the attack killed three US soldiers")
        targets.extend(g for c in anchor.head.children if c.dep_ == "dobj"
                       and not (_is_casualty(anchor.head) and _counted(c)) for g in _expand_conj(c))
    if anchor.pos_ in ("NOUN", "PROPN") and not any(_phrase(a, doc) for a in actors) \
            and anchor.dep_ in ("dobj", "pobj", "nsubjpass", "conj", "appos"):
        # "launched three drone attacks", "said on a visit to Iraq", "following their meeting":
        # the subject of the nearest governing verb that is not itself an event
        cur = anchor.head
        for _ in range(6):
            if cur.lower_ in _TOPIC_WORDS or cur.pos_ in ("NOUN", "PROPN") and cur.lemma_.lower() in _SPEECH_NOUNS \
                    or cur.pos_ in ("VERB", "AUX") and _trigger_type(cur) is not None \
                    and cur.lemma_.lower() not in _LIGHT_VERBS:
                # the noun is what another event is about ("condemning the attack, the ministry said",
                # "denied the strike"): that event's speaker is not this one's actor
                break
            if cur.pos_ == "VERB" and cur.dep_ == "acl" and cur.lemma_.lower() in _LIGHT_VERBS \
                    and cur.head.pos_ in ("NOUN", "PROPN", "PRON") and not any(c.dep_ == "nsubj" for c in cur.children):
                who = cur.head  # "someone making a false accusation": the one who makes it
                if who.dep_ == "pobj" and who.head.lower_ == "of" and who.head.head.pos_ in ("NOUN", "NUM"):
                    who = who.head.head  # "hundreds of people attending the funeral"
                actors.append(who)
                break
            if cur.pos_ in ("VERB", "AUX"):
                # "Wang, who made a visit to Russia": a relative pronoun stands for its antecedent when the verb
                # only carries the event; "the unit, which probes cases of assault" does not make the unit act
                light = cur.lemma_.lower() in _LIGHT_VERBS
                subj = [_antecedent(c) if light else c for c in cur.children if c.dep_ == "nsubj"]
                subj = [c for c in subj if _phrase(c, doc)]
                if subj or cur.dep_ not in ("acl", "advcl", "prep", "pcomp", "xcomp"):
                    if _trigger_type(cur) is None or cur.lemma_.lower() in _LIGHT_VERBS:
                        actors.extend(g for c in subj for g in _expand_conj(c))  # "Washington and Baghdad"
                    break
            if cur.head is cur:
                break
            cur = cur.head
    if anchor.pos_ in ("VERB", "AUX") and not actors and anchor.dep_ == "acl" and anchor.tag_ == "VBG" \
            and anchor.head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        actors.append(anchor.head)  # "Britain, accusing Russia of the attack": Britain accuses (a named actor
        # only: "a lawsuit accusing the NYPD", "the order rejecting their plea" are documents, not who acted)
    if anchor.dep_ in ("dobj", "pobj") and anchor.lemma_.lower() in _DEVICES and _clause_verb(anchor).lemma_.lower() \
            in _TRIPPED_VERBS:  # "their vehicle hit a roadside bomb": the vehicle met it, no one is said to act
        actors = []
    if _headline_passive(anchor):  # "Man shot in Brooklyn": the man is whom it was done to
        subj = {c.i for c in anchor.children if c.dep_ == "nsubj"}
        targets = [t for t in actors if t.i in subj] + targets
        actors = [t for t in actors if t.i not in subj]
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in anchor.children)
    if anchor.pos_ in ("VERB", "AUX") and not actors and anchor.dep_ in ("advcl", "xcomp", "conj", "pcomp") \
            and not own_subject:
        # "agreed to form working groups", "met and agreed": the subject they share; a clause with a subject
        # of its own ("after his mother was arrested") does not borrow the main clause's
        actors.extend(c for c in anchor.head.children if c.dep_ == "nsubj")
    return actors, targets


#: devices that go off when something meets them, and the verbs of meeting them ("the patrol hit a mine")
_DEVICES = frozenset("bomb mine landmine ied device explosive".split())
_TRIPPED_VERBS = frozenset("hit strike step trigger tread run drive".split())


def _dateline(tok, sent, places) -> bool:
    """A wire dateline ("ISLAMABAD -- Pakistan and China agreed", "BAGHDAD (Reuters) - Iraq condemned"): a place
    (one of the sentence's place mentions) in capitals that opens its sentence says where the report was filed;
    it is never who acted ("NATO condemned" is no place)."""
    if not (tok.is_alpha and tok.text.isupper() and len(tok.text) > 3
            and all(t.is_punct or t.is_space for t in sent.doc[sent.start:tok.i])):
        return False
    return any(p.start <= tok.idx < p.end for p in places) or (
        tok.i + 1 < sent.end and sent.doc[tok.i + 1].text in _DATELINE_MARKS)


#: what follows a dateline's place: "BAGHDAD (Reuters) -", "ISLAMABAD --", "KABUL:", "GAZA, March 3"
_DATELINE_MARKS = frozenset({"(", "-", "--", "—", "–", ":", ","})


def _who(actor_toks, sent, statement: bool) -> list:
    """The actors as people and groups: "he" is the person named last before it in the sentence ("US President
    Joe Biden said ... as he blamed"); an event noun does not speak ("the strikes sparked condemnation")."""
    out = []
    for tok in actor_toks:
        tok = _antecedent(tok)  # "Wang, who is visiting Russia": Wang visits
        if tok.lower_ in ("he", "she"):
            named = [e for e in sent.ents if e.label_ == "PERSON" and e.end <= tok.i]
            if named:
                tok = named[-1].root
        elif statement and tok.pos_ in ("NOUN", "PROPN") and _trigger_type(tok) is not None and not tok.ent_type_:
            continue
        out.append(tok)
    return out


def _clause_args(tokens) -> list:
    """The actors that are arguments of the event's clause (subject, "by" / "from" phrase), not modifiers."""
    return [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass", "conj", "pobj")]


def _texts(tokens, doc, exclude: set[str] = frozenset()) -> tuple[str, ...]:
    out: list[str] = []
    for t in tokens:
        p = _phrase(t, doc)
        if p and p[0] not in out and p[0] not in exclude:
            out.append(p[0])
    return tuple(out)


_SENTENCE_TYPED = ("protest.", "riot.")


def _sentence_type(type_id: str, sent, cache: dict[int, str]) -> str:
    """ACLED's protest and riot subtypes from the whole sentence.

    Who is violent (the crowd or the police) and with what is told across the sentence, not by the
    trigger's own words: the snippet typer of :mod:`.ontology` (the one bench/types.py measures on
    CASE 2021) decides, within the protest and riot families only. (For attacks it is not used: one
    sentence often tells of several, and the trigger's own weapon words type them better.)
    """
    if not type_id.startswith(_SENTENCE_TYPED):
        return type_id
    if sent.start not in cache:
        cache[sent.start] = type_text(sent.text)
    whole = cache[sent.start]
    return whole if whole.startswith(_SENTENCE_TYPED) else type_id


def _trigger_occurrences(docs, event_typer) -> tuple[list, list[tuple[str, int, int]], list[bool]]:
    """The trigger tokens of ``docs`` that ``event_typer`` reads, with their sentences, as (sentence, start, end)
    occurrences, and whether the sense head is asked about each (a violence-family trigger). Every trigger when
    it keeps vectors for coreference (``event_typer.vectors``), else the violence-family ones alone."""
    found = [(sent, t) for doc in docs for sent in sentences(doc) for t in sent if _trigger_type(t) is not None]
    asked = [(_trigger_type(t) or "").startswith(_VIOLENT_FAMILY) for _sent, t in found]
    if not event_typer.vectors:
        found = [f for f, a in zip(found, asked) if a]
        asked = [True] * len(found)
    occurrences = [(sent.text, t.idx - sent.start_char, t.idx - sent.start_char + len(t.text)) for sent, t in found]
    return found, occurrences, asked


def _typed_sentences(docs) -> list[str]:
    """The sentences the typing head reads: those with a trigger whose type it may change (not a statement,
    meeting or ceremony alone: :data:`~newsfuse.learn.event_head.KEEP_FAMILIES`)."""
    return [s.text for doc in docs for s in sentences(doc)
            if any(not (_trigger_type(t) or "statement.").startswith(KEEP_FAMILIES) for t in s)]


def encode_ahead(docs: Sequence, event_typer) -> None:
    """Have ``event_typer`` read the triggers of several articles in one batch, so that each article's extraction
    then finds its sentences' encodings in the cache. The encoder sorts what it is given by length and runs it
    in batches of similar length: an article alone gives it a few sentences of every length, which run almost
    one by one (several times slower per sentence)."""
    if event_typer is None:
        return
    _found, occurrences, asked = _trigger_occurrences(docs, event_typer)
    if occurrences:
        event_typer.read_triggers(occurrences, asked)
    event_typer.label_sentences(_typed_sentences(docs))


def _read_triggers(doc, event_typer) -> tuple[set[int], dict[int, tuple[bytes, bytes]]]:
    """(token indices of violence triggers the sense head reads in another sense ("heart attack"),
    token index -> packed (sentence vector, contextual word vector) of every trigger, for event coreference).

    Every trigger is read in its sentence, in one batch: one run of the encoder per sentence serves both."""
    found, occurrences, asked = _trigger_occurrences([doc], event_typer)
    if not found:
        return set(), {}
    violent, sent_vecs, word_vecs = event_typer.read_triggers(occurrences, asked)
    violent = [v or armed_doer(t) for v, (_sent, t) in zip(violent, found)]  # "a drone struck a base"
    if not event_typer.vectors:
        return {t.i for (_sent, t), v in zip(found, violent) if not v}, {}
    vectors = {t.i: (pack_vector(sv), pack_vector(wv)) for (_sent, t), sv, wv in zip(found, sent_vecs, word_vecs)}
    return {t.i for (_sent, t), v in zip(found, violent) if not v}, vectors


#: the trigger types whose words have other senses ("attack", "strike", "shoot", "bomb", "clash", "fight")
_VIOLENT_FAMILY = ("attack.",)


class _SentenceIndex:
    """The timexes, figures and places that start inside a character range, found by bisection."""

    def __init__(self, *kinds: Sequence) -> None:
        self._kinds = [sorted(records, key=lambda r: r.start) for records in kinds]
        self._starts = [[r.start for r in records] for records in self._kinds]

    def __call__(self, start: int, end: int) -> list[list]:
        return [records[bisect_left(starts, start):bisect_left(starts, end)]
                for records, starts in zip(self._kinds, self._starts)]


def extract_events(doc, article: str, timexes: Sequence[Timex] = (), figures: Sequence[FigureMention] = (),
                   places: Sequence[PlaceMention] = (), published: str | None = None,
                   event_typer=None) -> list[EventMention]:
    """Event mentions of a parsed article, one per clause with an event trigger.

    ``timexes``, ``figures`` and ``places`` are the article's other annotations (their
    spans index ``doc.text``); ``published`` (ISO date) anchors weekday names when no
    Timex covers the sentence. ``event_typer`` (:class:`newsfuse.learn.event_head.EventTyper`) holds
    the learned heads: with ``settings.event_type_model = "learned"`` it types the sentences that
    carry a trigger, all in one batch, and may override the rules' type; with
    ``settings.event_sense_model = "learned"`` (the default) it drops a violence trigger used in
    another sense ("heart attack", a labour strike, "shot to fame"). None: the rules alone.
    """
    events: list[EventMention] = []
    sentence_types: dict[int, str] = {}
    quoted = QuoteIndex(find_quoted_spans(doc_text(doc)))  # the quotes stage pairs the marks the same way
    learned: dict[str, str] = {}
    not_violent: set[int] = set()
    vectors: dict[int, tuple[bytes, bytes]] = {}
    if event_typer is not None:
        # the triggers first (sense head, coreference vectors): their one run over a sentence keeps the sentence's
        # vector too, which the typing head then finds in the cache instead of running the encoder again
        not_violent, vectors = _read_triggers(doc, event_typer)
        learned = event_typer.label_sentences(_typed_sentences([doc]))
    # each sentence looks only at its own records: found by position, so a long article stays linear
    in_sentence = _SentenceIndex(timexes, figures, places)
    countries = {p.name for p in places if p.feature == "country"}
    parties: dict[str, tuple[str, ...]] = {}  # family -> the parties its latest event named, in text order
    for sent in sentences(doc):
        triggers = [t for t in sent if _trigger_type(t) is not None]
        if not triggers:
            continue
        groups = _group_triggers(triggers)
        sent_timexes, sent_figures, sent_places = in_sentence(sent.start_char, sent.end_char)
        # a party label names a constituency, not where anything happened: "Rep. Smith (D-Plymouth)"
        sent_places = [p for p in sent_places if doc.text[max(0, p.start - 3):p.start] not in ("(D-", "(R-", "(I-")]
        killed_s, injured_s, victims_s = _casualties(sent, sent_figures, doc)
        for a_i, members in sorted(groups.items()):
            anchor = doc[a_i]
            if a_i in not_violent:
                continue  # "heart attack", a labour strike, "shot to fame": not the violent sense
            base = _trigger_type(anchor) or "other.other"
            words = {w.lower_ for m in members for w in m.subtree if w.i <= m.i or w.dep_ == "compound"}
            words |= {w.lower_ for m in members for w in m.lefts}
            type_id = refine_type(base, words)
            if base == "attack.attack" and anchor.lemma_.lower() == "kill" and len(members) == 1:
                type_id = refine_type(base, {t.lower_ for t in sent})
            type_id = _sentence_type(type_id, sent, sentence_types)
            if event_typer is not None:
                type_id = event_typer.retype(type_id, learned.get(sent.text), alone=len(groups) == 1,
                                              text=sent.text)
            scheduled = _scheduled(anchor, type_id)
            if not scheduled and (_irrealis(anchor) or _standing(anchor, type_id)):
                continue
            if type_id == "statement.announcement" and _announces_nothing(anchor):
                continue
            actor_toks, target_toks = _arguments(anchor, members, doc)
            who_toks = _who(actor_toks, sent, type_id.startswith("statement."))
            # a day is when, never who: "Monday saw the arrest of ..." (a parse that makes it the subject)
            who_toks = [t for t in who_toks
                        if t.ent_type_ not in ("DATE", "TIME") and not _dateline(t, sent, sent_places)]
            actors = _texts(who_toks, doc)
            resolved = _collective(actors) and type_id.split(".", 1)[0] in parties
            if resolved:
                # "the two countries agreed", "both sides agreed": the parties of the talks told before, when
                # the text named them (a bare "sides" is otherwise too vague to make an event)
                actors = parties[type_id.split(".", 1)[0]]
            actors = tuple(a for a in actors if not _vague(a))
            if type_id.startswith("statement.") and not actors:
                continue  # a statement is someone's: "attacks that are blamed on the militias" tells of no one's
            targets = _texts(target_toks, doc, exclude=set(actors))
            if _local_affair(anchor, type_id, list(who_toks) + list(target_toks)):
                continue  # a city council's meeting, residents' visit: local business, not diplomacy
            aggregate = _is_aggregate(anchor, doc)
            casualty_event = type_id.startswith(("attack.", "protest.excessive", "riot.")) and not aggregate
            killed, injured = (killed_s, injured_s) if casualty_event else (None, None)
            place, lat, lon, cc, near = _place(anchor, target_toks, sent, sent_places, doc, quoted)
            if place in _texts(_clause_args(who_toks), doc):
                # "condemnation from Baghdad", "Washington and Baghdad will begin discussions": a capital as
                # subject or speaker is its government, who acts, not where (the text does not say where)
                place, lat, lon, cc, near = None, None, None, None, False
            elif place:  # "the Jordan attack": a place named before the noun is where, not who
                actors = tuple(a for a in actors if a != place)
            date = _date(anchor, sent, sent_timexes, published, doc, own_only=scheduled)
            # a named place below country level makes an event of a bare noun only when it is the
            # noun's own ("the attack on a base near Erbil"), not another phrase's ("fuelled by the war in Gaza")
            specific = bool(place) and near and place not in countries
            if not _has_substance(anchor, actors, targets, place, date, aggregate, specific,
                                  toll=killed is not None or injured is not None):
                continue
            words, light, link, passive = _summary_parts(anchor, target_toks)
            spoken = _statement_verb(anchor) if actors else ""
            if spoken:  # "Baghdad condemns US strikes", not "Baghdad condemnation US strikes"
                words, light, link = spoken, "", ""
            if scheduled and (light or anchor.pos_ in ("VERB", "AUX")):
                # as a headline tells what is to come: "Washington to begin discussions", "Netanyahu to meet Trump"
                light = f"to {_governing_verb(anchor).lemma_}" if light else "to"
            who_line = _who_line(actors, resolved or _coordinated(who_toks, actors, doc))
            told = _summary_targets(targets, target_toks, doc)
            toll_verb = next((m for m in members if m.pos_ == "VERB" and _is_casualty(m) and anchor.pos_ == "NOUN"
                              and m.dep_ not in ("acl", "relcl", "amod")  # "one fighter killed in US strikes"
                              and anchor.head.head.i == m.i and anchor.head.lower_ in ("in", "during")), None)
            if toll_verb is not None:  # "killed 14 villagers in an attack on a village": the clause's own order
                hit = [t for t in target_toks if t.head.i == toll_verb.i]
                own = [t for t in target_toks if t.head.i != toll_verb.i]
                own_text = _texts(own[:1], doc)
                noun_words = " ".join([words] + ([link, own_text[0]] if link and own_text else []))
                summary = _toll_clause(type_id, toll_verb, who_line, _texts(hit, doc), noun_words, place, killed,
                                       injured, victims_s if casualty_event else "")
            else:
                summary = _summary(type_id, words, who_line, told, place, killed, injured, verb=light, link=link,
                                   noun=anchor.pos_ in ("NOUN", "PROPN"), victims=victims_s if casualty_event else "",
                                   passive=passive, plural=anchor.tag_ in ("NNS", "NNPS"))
            named = tuple(dict.fromkeys(actors + targets))
            if len(named) >= 2 and type_id.startswith("diplomacy."):
                parties["diplomacy"] = named  # who "the two countries" of a later agreement are
            events.append(EventMention(
                article=article, start=sent.start_char, end=sent.end_char,
                trigger=anchor.text, trigger_start=anchor.idx, trigger_end=anchor.idx + len(anchor.text),
                type=type_id,
                summary=summary,
                actors=actors, targets=targets,
                date=date, place=place, lat=lat, lon=lon, country_code=cc,
                killed=killed, injured=injured, aggregate=aggregate, scheduled=scheduled,
                coref=_coref_summary(anchor, sent, vectors.get(anchor.i))))
    return events


def _coref_summary(anchor, sent, vectors: tuple[bytes, bytes] | None = None) -> dict:
    """What event coreference compares of this mention (its trigger in its sentence; with the learned heads,
    the encoder's vectors of the sentence and of the trigger in it), kept on the record so fusion can run the
    coreference model without parsing or encoding again."""
    at = anchor.i - sent.start
    info = mention_info("", "", "", sent, at, at + 1, head=anchor)
    if vectors is not None:
        info = replace(info, sentence_vector=vectors[0], vector=vectors[1])
    return info_json(info)
