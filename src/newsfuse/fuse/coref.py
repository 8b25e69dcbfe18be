"""Event coreference across documents: which event mentions tell of the same happening.

Each mention is summarised from its parsed sentence (:func:`mention_info`): the
head lemma, the lemmas of the mention, the content words, names, times and
numbers of its sentence, its arguments by role (:func:`event_arguments`: agent,
patient, place, time) and the word it depends on (:func:`governor`).
:func:`pair_features` compares two mentions, also against how central each head is
to their story (:func:`story_context`); a linear model (logistic
regression weights in ``coref_weights.json``, learned on the ECB+ train
split, CC-BY 3.0) turns the features into a probability (:func:`pair_probability`),
and :func:`cluster` links mentions by average-link agglomeration over those
probabilities (a lone mention needs a surer link than two clusters that merge).
A second stage (:func:`merge_clusters`) then merges whole clusters of one story on their
summed evidence (:func:`cluster_pair_features`: mean and strongest member links, how much of
the story each covers, headlines, shared heads, governors and arguments), with its own
logistic weights: the seminal event is often told under different words in each article.
Documents are grouped first into seminal events (:func:`cluster_documents`: content
words, plus names and times/numbers that tell two similar events of one topic apart,
weights and threshold in the same JSON) so mentions are only compared within one.
The shipped weights are derived from ECB+ (CC-BY 3.0, Cybulska and Vossen 2014).

Everything here is pure Python (no scikit-learn); ``bench/coref.py`` fits the weights.
"""

from __future__ import annotations

import heapq
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .coref_docs import cosine, document_similarity, tfidf_vectors

__all__ = [
    "CLUSTER_FEATURES",
    "FEATURES",
    "Lexicon",
    "MentionInfo",
    "SYNONYMS",
    "StoryContext",
    "Thresholds",
    "cluster",
    "cluster_documents",
    "cluster_pair_features",
    "cosine",
    "document_similarity",
    "event_arguments",
    "governor",
    "learn_lexicon",
    "lexicon_features",
    "lexicon_json",
    "load_document_params",
    "load_group_threshold",
    "load_lexicon",
    "load_merge_params",
    "load_weights",
    "mention_info",
    "thresholds",
    "merge_clusters",
    "pair_features",
    "pair_probability",
    "stem",
    "story_context",
    "tfidf_vectors",
]

#: Groups of words that name the same kind of happening (a shared group is evidence, not proof).
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "kill murder slay shoot gun slaying killing homicide assassinate assassination execute massacre stab",
    "die death dead fatal fatality perish pass",
    "arrest detain apprehend custody capture nab book arrestee detention",
    "charge indict accuse indictment suspect",
    "earthquake quake temblor tremor shake jolt aftershock seismic",
    "fire blaze burn inferno flame arson",
    "attack strike raid bomb bombing assault hit shell shelling airstrike offensive",
    "injure wound hurt injury wounded injured",
    "hire appoint name nominate tap choose select appointment nomination pick sign",
    "dismiss sack oust axe fire firing dismissal",
    "buy acquire purchase acquisition takeover deal merger",
    "win victory defeat beat triumph clinch",
    "lose loss defeat",
    "rescue save evacuate",
    "sentence convict jail imprison prison conviction",
    "release launch unveil introduce announce debut",
    "crash collide collision accident wreck",
    "sink capsize",
    "steal rob robbery theft heist burglary",
    "flee escape",
    "leave depart quit resign step resignation departure retire retirement",
    "say tell state report confirm announce add comment statement",
    "elect vote election",
    "play game match",
    "score goal",
    "meet meeting talk talks summit visit",
    "protest demonstration rally march riot",
    "explode explosion blast detonate",
    "hijack seize seizure",
))

_SYN_INDEX: dict[str, frozenset[int]] = {}
for _n, _group in enumerate(SYNONYMS):  # built once from constants; never changed afterwards
    for _w in _group:
        _SYN_INDEX[_w] = _SYN_INDEX.get(_w, frozenset()) | {_n}
del _n, _group, _w

#: Heads that say little about which event is meant ("said", "happened").
LIGHT_HEADS = frozenset("be have do say tell go take make get happen occur give come put set "
                        "it this that event incident".split())

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
_TIME_ENTS = {"DATE", "TIME"}

FEATURES: tuple[str, ...] = (
    "bias", "head_equal", "mention_jaccard", "synonym", "stem", "pos_equal", "context",
    "names_overlap", "names_conflict", "time_overlap", "time_conflict", "numbers_overlap",
    "args_overlap", "same_doc", "same_sentence", "doc_sim", "head_x_doc", "head_x_context",
    "head_light", "syn_x_doc", "no_lexical", "no_lexical_x_context",
    "lex_pair", "lex_pair_x_doc", "lex_head", "same_doc_x_head",
    "agent_match", "patient_match", "arg_cross", "agent_conflict", "patient_conflict",
    "place_match", "place_conflict", "time_match", "time_conflict", "head_x_arg_match", "head_x_arg_conflict",
    "governor_match", "governor_x_other_head", "governor_word_match",
    "story_share_min_diff", "story_share_prod_diff", "story_share_min_same", "first_both_diff",
    "first_both_same", "early_diff", "early_same", "story_size_diff",
)
#: Positions of the features that depend on the learned :class:`Lexicon` (see :func:`lexicon_features`).
LEXICON_FEATURES = ("lex_pair", "lex_pair_x_doc", "lex_head")

_SUFFIXES = ("ations", "ation", "ating", "ated", "ates", "ate", "ings", "ing", "ments", "ment", "ions", "ion",
             "ees", "ee", "ers", "er", "ies", "ied", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A light suffix-stripping stem that joins inflections and most nominalisations.

    ``"shooting"`` / ``"shoot"``, ``"nominate"`` / ``"nomination"`` / ``"nominee"``, ``"Oscars®"`` /
    ``"oscar"``; the first listed suffix that leaves at least three letters is cut.
    """
    w = "".join(ch for ch in word.lower() if ch.isalpha()) or word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True, slots=True)
class MentionInfo:
    """What a mention's sentence tells about it, for comparison with other mentions."""

    key: str
    doc: str
    sentence: str  # doc + sentence id, to tell same-sentence pairs
    head: str  # lemma of the head word
    stem: str  # :func:`stem` of the head lemma
    pos: str
    lemmas: frozenset[str]
    context: frozenset[str]  # content lemmas of the sentence outside the mention
    names: frozenset[str]
    times: frozenset[str]
    numbers: frozenset[str]
    args: frozenset[str]  # lemmas of subject / object / prepositional objects of the head
    roles: Mapping[str, frozenset[str]] = None  # role -> words of that argument (see :func:`event_arguments`)
    named: Mapping[str, frozenset[str]] = None  # role -> name words (named-entity tokens) of that argument
    governor: str = ""  # "lemma|relation" of the word the mention depends on (see :func:`governor`)


def _head_token(span):
    """The syntactic head of a mention span (the last token when the parse disagrees)."""
    root = span.root
    return root if root.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "AUX") else span[-1]


#: The argument roles of :func:`event_arguments`: who acts, who or what undergoes, where, when.
ROLES = ("agent", "patient", "place", "time")
_PLACE_PREPS = frozenset("in at near outside inside across off into from".split())
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_LIGHT_VERBS = frozenset("make carry conduct launch stage hold take give have do perform mount commit suffer "
                         "undergo receive face get".split())
_PRONOUNS = frozenset("he she it they him her them his its their who whom which that this these those "
                      "i we you me us one".split())


def _arg_words(tok) -> tuple[set[str], set[str]]:
    """(words, name words) standing for one argument token: its lemma, compounds and its named entity."""
    words: set[str] = set()
    names: set[str] = set()
    if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON":
        return words, names
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and (ent.label_ in _NAME_ENTS or ent.label_ in _TIME_ENTS):
            names.update(t.lower_ for t in ent if t.is_alpha and not t.is_stop)
    words.add(tok.lemma_.lower())
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nummod") and not c.is_stop:
            words.add(c.lemma_.lower())
            if c.ent_type_ in _NAME_ENTS:
                names.add(c.lower_)
    if tok.ent_type_ in _NAME_ENTS or tok.pos_ == "PROPN":
        names.add(tok.lower_)
    return {w for w in words if w.isalnum() and w not in _PRONOUNS}, {n for n in names if n.isalnum()}


def _role_of_modifier(tok) -> str | None:
    """The role of a prepositional object / modifier by its entity type (place, time) or None."""
    if tok.ent_type_ in _TIME_ENTS:
        return "time"
    if tok.ent_type_ in _PLACE_ENTS:
        return "place"
    return None


def event_arguments(head) -> dict[str, tuple[set[str], set[str]]]:
    """Arguments of the event expressed by ``head`` (a parsed token), by role of :data:`ROLES`.

    Verbs: subject (agent; passive subject patient), object, ``by``-agent, prepositional places and
    times; nouns: ``of``-object (patient), ``by``-object and possessor (agent), compounds by entity
    type. A noun that is the object of a light verb ("carried out the attack") takes the verb's
    subject as agent; a verb coordinated with another shares its subject; a participle or relative
    clause takes the noun it modifies. Each role maps to (words, name words).
    """
    found: dict[str, tuple[set[str], set[str]]] = {r: (set(), set()) for r in ROLES}

    def add(role: str, tok) -> None:
        words, names = _arg_words(tok)
        found[role][0].update(words)
        found[role][1].update(names)

    def prep_object(prep, verbal: bool) -> None:
        for g in prep.children:
            if g.dep_ != "pobj":
                continue
            role = _role_of_modifier(g)
            p = prep.lower_
            if role is None and p == "by":
                role = "agent"
            elif role is None and p == "of" and not verbal:
                role = "patient"
            elif role is None and p in _PLACE_PREPS and g.pos_ == "PROPN":
                role = "place"
            if role is not None:
                add(role, g)

    verbal = head.pos_ in ("VERB", "AUX")
    # a bare participle with a subject is a headline passive ("Jackson arrested on suspicion of DUI")
    headline_passive = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    for c in head.children:
        dep = c.dep_
        if dep == "nsubj" or dep == "csubj":
            add("patient" if headline_passive else "agent", c)
        elif dep in ("nsubjpass", "dobj", "attr", "oprd"):
            add("patient", c)
        elif dep == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    add("agent", g)
        elif dep == "prep":
            prep_object(c, verbal)
        elif dep in ("npadvmod", "tmod") and c.ent_type_ in _TIME_ENTS:
            add("time", c)
        elif dep in ("compound", "nmod", "amod") and not verbal:
            role = _role_of_modifier(c)
            if role is not None:
                add(role, c)
            elif c.pos_ == "PROPN":
                add("patient", c)
        elif dep == "poss" and not verbal:
            add("agent", c)
    parent = head.head
    if parent.i != head.i:
        if head.dep_ == "dobj" and parent.lemma_.lower() in _LIGHT_VERBS:
            for c in parent.children:
                if c.dep_ == "nsubj":
                    add("agent", c)
        elif head.dep_ == "conj" and verbal and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            for c in parent.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    add("agent" if c.dep_ == "nsubj" else "patient", c)
        elif head.dep_ == "acl" and head.tag_ == "VBN":
            add("patient", parent)
        elif head.dep_ in ("acl", "relcl"):
            add("agent", parent)
    return found


def governor(head) -> str:
    """``"lemma|relation"`` of the word ``head`` depends on, looking through a preposition.

    "arrested on suspicion of *DUI*" and "... of drunk *driving*" share ``"suspicion|of"``;
    "*hosting* the Oscars" / "to *host* the Academy Awards" share the governor of their objects. Empty
    for the root of the sentence.
    """
    parent = head.head
    if parent.i == head.i:
        return ""
    rel = head.dep_
    if rel == "pobj" and parent.dep_ in ("prep", "agent") and parent.head.i != parent.i:
        return f"{parent.head.lemma_.lower()}|{parent.lower_}"
    if rel in ("conj", "appos"):
        return governor(parent)
    return f"{parent.lemma_.lower()}|{rel}"


def mention_info(key: str, doc_id: str, sentence_id: str, sent_doc, start: int, end: int) -> MentionInfo:
    """Summary of the mention ``sent_doc[start:end]`` (token indices within the parsed sentence)."""
    span = sent_doc[start:end]
    head = _head_token(span)
    inside = set(range(start, end))
    context = frozenset(t.lemma_.lower() for t in sent_doc if t.i not in inside and t.pos_ in _CONTENT_POS
                        and not t.is_stop and t.is_alpha)
    names = frozenset(t.lower_ for t in sent_doc if t.ent_type_ in _NAME_ENTS and t.is_alpha and not t.is_stop)
    times = frozenset(t.lower_ for t in sent_doc if t.ent_type_ in _TIME_ENTS and not t.is_stop
                      and not t.is_punct)
    numbers = frozenset(t.lower_ for t in sent_doc if t.like_num and t.ent_type_ not in _TIME_ENTS)
    args: set[str] = set()
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "poss", "compound", "amod"):
            args.add(c.lemma_.lower())
        elif c.dep_ == "prep":
            args.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    if head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.head.i != head.i:
        args.add(head.head.lemma_.lower())
    found = event_arguments(head)
    return MentionInfo(
        key=key, doc=doc_id, sentence=f"{doc_id}|{sentence_id}", head=head.lemma_.lower(),
        stem=stem(head.lemma_), pos=head.pos_,
        lemmas=frozenset(t.lemma_.lower() for t in span if not t.is_punct and not t.is_stop) or
        frozenset({head.lemma_.lower()}),
        context=context, names=names, times=times, numbers=numbers,
        args=frozenset(a for a in args if a.isalpha() and a not in LIGHT_HEADS),
        roles={r: frozenset(w - {head.lemma_.lower()}) for r, (w, _) in found.items()},
        named={r: frozenset(n) for r, (_, n) in found.items()},
        governor=governor(head),
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _weighted_overlap(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    shared = sum(idf.get(w, 1.0) for w in a & b)
    union = sum(idf.get(w, 1.0) for w in a | b)
    return shared / union if union else 0.0


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Which head stems tell of the same happening, counted on annotated training pairs.

    ``pairs`` maps an ordered pair of different stems to (coreferent, all) pair counts; ``heads``
    maps a stem to the counts of its same-stem pairs ("say" and "fall" often join different
    happenings, "earthquake" rarely). ``pair_prior`` / ``head_prior`` are the overall rates that
    unseen entries fall back to; ``smoothing`` is the weight of the prior in pseudo-counts.
    """

    pairs: Mapping[tuple[str, str], tuple[int, int]]
    heads: Mapping[str, tuple[int, int]]
    pair_prior: float = 0.05
    head_prior: float = 0.5
    smoothing: float = 2.0

    def pair_evidence(self, a: str, b: str) -> float:
        """Log-odds of coreference for two different stems, relative to the prior (0 when unseen)."""
        counts = self.pairs.get((a, b) if a < b else (b, a))
        return _log_odds_shift(counts, self.pair_prior, self.smoothing)

    def head_evidence(self, a: str) -> float:
        """Log-odds of coreference for two mentions with the same stem, relative to the prior."""
        return _log_odds_shift(self.heads.get(a), self.head_prior, self.smoothing)


EMPTY_LEXICON = Lexicon(pairs={}, heads={})


def _log_odds_shift(counts: tuple[int, int] | None, prior: float, smoothing: float) -> float:
    if not counts:
        return 0.0
    pos, total = counts
    rate = (pos + smoothing * prior) / (total + smoothing)
    return math.log(rate / (1.0 - rate)) - math.log(prior / (1.0 - prior))


def learn_lexicon(pairs: Iterable[tuple[str, str, bool]], min_count: int = 2, smoothing: float = 2.0) -> Lexicon:
    """Count (stem, stem, coreferent) training pairs into a :class:`Lexicon`.

    Different-stem entries are kept only when at least ``min_count`` of their pairs corefer
    (positive evidence; the prior already says that unrelated words rarely do).
    """
    pair_counts: dict[tuple[str, str], list[int]] = {}
    head_counts: dict[str, list[int]] = {}
    n_pair = [0, 0]
    n_head = [0, 0]
    for a, b, same in pairs:
        if a == b:
            counts, totals = head_counts.setdefault(a, [0, 0]), n_head
        else:
            counts, totals = pair_counts.setdefault((a, b) if a < b else (b, a), [0, 0]), n_pair
        counts[0] += int(same)
        counts[1] += 1
        totals[0] += int(same)
        totals[1] += 1
    return Lexicon(
        pairs={k: (c[0], c[1]) for k, c in pair_counts.items() if c[0] >= min_count},
        heads={k: (c[0], c[1]) for k, c in head_counts.items() if c[1] >= 1},
        pair_prior=(n_pair[0] + 1) / (n_pair[1] + 2), head_prior=(n_head[0] + 1) / (n_head[1] + 2),
        smoothing=smoothing)


def lexicon_features(a: MentionInfo, b: MentionInfo, doc_sim: float, lexicon: Lexicon) -> list[float]:
    """The values of :data:`LEXICON_FEATURES` for a pair."""
    if a.stem == b.stem:
        return [0.0, 0.0, lexicon.head_evidence(a.stem)]
    evidence = lexicon.pair_evidence(a.stem, b.stem)
    return [evidence, evidence * doc_sim, 0.0]


@dataclass(frozen=True, slots=True)
class StoryContext:
    """How central each head stem is to one story (a group of documents about one happening).

    ``stem_share``: the share of the story's documents that mention the stem; ``first_stems``: the
    stems mentioned in a first sentence (a headline). The seminal event is told in most documents
    and in their headlines, under varying words ("hit" / "strike", "DUI" / "drunk driving").
    """

    n_docs: int
    stem_share: Mapping[str, float]
    first_stems: frozenset[str]


def story_context(infos: Iterable[MentionInfo]) -> StoryContext:
    """The :class:`StoryContext` of the mentions of one story."""
    docs: set[str] = set()
    stem_docs: dict[str, set[str]] = {}
    first: set[str] = set()
    for m in infos:
        docs.add(m.doc)
        stem_docs.setdefault(m.stem, set()).add(m.doc)
        if _sentence_number(m) == 0:
            first.add(m.stem)
    n = max(1, len(docs))
    return StoryContext(n_docs=n, stem_share={k: len(v) / n for k, v in stem_docs.items()},
                        first_stems=frozenset(first))


def _sentence_number(m: MentionInfo) -> int:
    sid = m.sentence.rsplit("|", 1)[-1]
    return int(sid) if sid.isdigit() else 99


def story_features(a: MentionInfo, b: MentionInfo, head_equal: float, story: StoryContext | None) -> list[float]:
    """Centrality of the two heads in their story, apart for different and for equal heads."""
    if story is None:
        return [0.0] * 8
    diff = 1.0 - head_equal
    ca, cb = story.stem_share.get(a.stem, 0.0), story.stem_share.get(b.stem, 0.0)
    first = float(a.stem in story.first_stems and b.stem in story.first_stems)
    early = float(max(_sentence_number(a), _sentence_number(b)) <= 1)
    return [min(ca, cb) * diff, ca * cb * diff, min(ca, cb) * head_equal, first * diff, first * head_equal,
            early * diff, early * head_equal, math.log(story.n_docs) * diff]


def pair_features(a: MentionInfo, b: MentionInfo, doc_sim: float,
                  idf: Mapping[str, float] | None = None, lexicon: Lexicon | None = None,
                  story: StoryContext | None = None) -> list[float]:
    """Feature vector (in :data:`FEATURES` order) comparing two mentions.

    ``doc_sim`` is the similarity of the two mentions' documents (see :func:`document_similarity`),
    ``idf`` weighs context words, ``lexicon`` gives the learned head-stem evidence and ``story``
    how central each head is to the story both mentions belong to (:func:`story_context`).
    """
    idf = idf or {}
    head_equal = float(a.head == b.head or a.stem == b.stem)
    synonym = float(not head_equal and bool(_SYN_INDEX.get(a.head, frozenset()) & _SYN_INDEX.get(b.head, frozenset())))
    stem_only = float(a.head != b.head and a.stem == b.stem)
    context = _weighted_overlap(a.context, b.context, idf)
    lexical = head_equal or synonym or bool(a.lemmas & b.lemmas)
    return [
        1.0,
        head_equal,
        _jaccard(a.lemmas, b.lemmas),
        synonym,
        stem_only,
        float(a.pos == b.pos),
        context,
        _jaccard(a.names, b.names),
        float(bool(a.names) and bool(b.names) and not a.names & b.names),
        float(bool(a.times & b.times)),
        float(bool(a.times) and bool(b.times) and not a.times & b.times),
        float(bool(a.numbers & b.numbers)),
        _jaccard(a.args, b.args),
        float(a.doc == b.doc),
        float(a.sentence == b.sentence),
        doc_sim,
        head_equal * doc_sim,
        head_equal * context,
        float(head_equal and a.head in LIGHT_HEADS),
        synonym * doc_sim,
        float(not lexical),
        float(not lexical) * context,
        *lexicon_features(a, b, doc_sim, lexicon or EMPTY_LEXICON),
        float(a.doc == b.doc) * head_equal,
        *argument_features(a, b, head_equal),
        *governor_features(a, b, head_equal),
        *story_features(a, b, head_equal, story),
    ]


_EMPTY: frozenset[str] = frozenset()


def _role(info: MentionInfo, role: str) -> frozenset[str]:
    return (info.roles or {}).get(role, _EMPTY) | (info.named or {}).get(role, _EMPTY)


def _named_conflict(a: MentionInfo, b: MentionInfo, role: str) -> bool:
    """Both mentions name this argument and the names share no word (nor does the other side's words)."""
    na, nb = (a.named or {}).get(role, _EMPTY), (b.named or {}).get(role, _EMPTY)
    return bool(na) and bool(nb) and not (_role(a, role) & _role(b, role))


def governor_features(a: MentionInfo, b: MentionInfo, head_equal: float) -> list[float]:
    """Same governing word and relation; the same, for different heads; same governing word only."""
    if not a.governor or not b.governor:
        return [0.0, 0.0, 0.0]
    ga, gb = a.governor.split("|", 1)[0], b.governor.split("|", 1)[0]
    if ga in LIGHT_HEADS or gb in LIGHT_HEADS:
        return [0.0, 0.0, 0.0]
    same = float(a.governor == b.governor)
    return [same, same * (1.0 - head_equal), float(ga == gb or stem(ga) == stem(gb))]


def argument_features(a: MentionInfo, b: MentionInfo, head_equal: float) -> list[float]:
    """Argument agreement by role: shared / conflicting agents, patients, places and times."""
    match = {r: float(bool(_role(a, r) & _role(b, r))) for r in ROLES}
    all_a = frozenset().union(*(_role(a, r) for r in ROLES))
    all_b = frozenset().union(*(_role(b, r) for r in ROLES))
    cross = float(bool(all_a & all_b))
    conflict = {r: float(_named_conflict(a, b, r)) for r in ROLES}
    any_match = max(match.values())
    any_conflict = max(conflict.values())
    return [match["agent"], match["patient"], cross, conflict["agent"], conflict["patient"],
            match["place"], conflict["place"], match["time"], conflict["time"],
            head_equal * any_match, head_equal * any_conflict]


def load_weights() -> tuple[tuple[float, ...], float]:
    """(coefficients in :data:`FEATURES` order, clustering threshold) shipped with the package."""
    data = _weights_json()
    coef = tuple(float(data["coefficients"].get(name, 0.0)) for name in FEATURES)
    return coef, float(data["threshold"])


def load_group_threshold() -> float:
    """The threshold for merging two multi-mention clusters (:func:`cluster`), shipped with the weights."""
    data = _weights_json()
    return float(data.get("group_threshold", data["threshold"]))


def load_document_params() -> tuple[tuple[float, float, float], float]:
    """(weights of the content / names / times-and-numbers blocks, threshold) for document clustering."""
    data = _weights_json()
    w = data.get("doc_weights", [1.0, 0.0, 0.0])
    return (float(w[0]), float(w[1]), float(w[2])), float(data.get("doc_threshold", 0.05))


def load_merge_params() -> tuple[tuple[float, ...], float] | None:
    """(coefficients in :data:`CLUSTER_FEATURES` order, threshold) of the cluster merge, or None if not shipped."""
    data = _weights_json().get("cluster_merge")
    if not data:
        return None
    coef = tuple(float(data["coefficients"].get(name, 0.0)) for name in CLUSTER_FEATURES)
    return coef, float(data["threshold"])


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The four clustering thresholds of event coreference."""

    mention: float  # a lone mention joins a cluster
    group: float  # two multi-mention clusters merge
    document: float  # two documents are grouped before their mentions are compared
    merge: float | None  # the second, cluster-level merge inside a story (None: not shipped)


def thresholds(settings=None) -> Thresholds:
    """The thresholds to cluster with: those of ``settings`` (``coref_*_threshold``) where set, else the
    ones fitted with the shipped weights."""
    merge = load_merge_params()
    fitted = Thresholds(load_weights()[1], load_group_threshold(), load_document_params()[1],
                        merge[1] if merge else None)
    if settings is None:
        return fitted

    def pick(value, default):
        return default if value is None else float(value)

    return Thresholds(pick(settings.coref_threshold, fitted.mention),
                      pick(settings.coref_group_threshold, fitted.group),
                      pick(settings.coref_doc_threshold, fitted.document),
                      pick(settings.coref_merge_threshold, fitted.merge))


def load_lexicon() -> Lexicon:
    """The :class:`Lexicon` shipped with the weights (empty when the JSON has none)."""
    data = _weights_json().get("lexicon")
    if not data:
        return EMPTY_LEXICON
    pairs = {tuple(k.split("|", 1)): (int(v[0]), int(v[1])) for k, v in data["pairs"].items()}
    heads = {k: (int(v[0]), int(v[1])) for k, v in data["heads"].items()}
    return Lexicon(pairs=pairs, heads=heads, pair_prior=float(data["pair_prior"]),
                   head_prior=float(data["head_prior"]), smoothing=float(data["smoothing"]))


def lexicon_json(lexicon: Lexicon) -> dict:
    """The JSON form of a :class:`Lexicon` that :func:`load_lexicon` reads."""
    return {"pair_prior": round(lexicon.pair_prior, 6), "head_prior": round(lexicon.head_prior, 6),
            "smoothing": lexicon.smoothing,
            "pairs": {f"{a}|{b}": list(c) for (a, b), c in sorted(lexicon.pairs.items())},
            "heads": {k: list(c) for k, c in sorted(lexicon.heads.items())}}


@lru_cache(maxsize=1)
def _weights_json() -> dict:
    text = resources.files(__package__).joinpath("coref_weights.json").read_text(encoding="utf-8")
    return json.loads(text)


def pair_probability(features: Sequence[float], coef: Sequence[float]) -> float:
    """Logistic model output for one feature vector."""
    z = sum(f * w for f, w in zip(features, coef))
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def cluster(n: int, similarity: Callable[[int, int], float], threshold: float,
            group_threshold: float | None = None) -> list[int]:
    """Average-link agglomerative clustering of items ``0..n-1``; returns a cluster label per item.

    Two clusters merge while the mean pairwise ``similarity`` between them is at least ``threshold``;
    with ``group_threshold``, two clusters that both have two or more members already need only
    that (a lone item must be surer to join: many event mentions are told once).
    """
    group_threshold = threshold if group_threshold is None else group_threshold
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for i in range(n):
        for j in range(i + 1, n):
            s = similarity(i, j)
            sums[i][j] = s
            sums[j][i] = s
    size = {i: 1 for i in range(n)}
    members = {i: [i] for i in range(n)}
    heap = [(-sums[i][j], i, j) for i in range(n) for j in range(i + 1, n) if sums[i][j] >= threshold]
    heapq.heapify(heap)
    version = {i: 0 for i in range(n)}
    stamp = {}
    for _, i, j in heap:
        stamp[(i, j)] = (0, 0)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in size or j not in size or stamp.get((i, j)) != (version[i], version[j]):
            continue
        # merge j into i
        for k in list(sums[j]):
            if k == i:
                continue
            sums[i][k] = sums[i].get(k, 0.0) + sums[j][k]
            sums[k][i] = sums[i][k]
            del sums[k][j]
        del sums[i][j]
        del sums[j]
        size[i] += size.pop(j)
        members[i].extend(members.pop(j))
        version[i] += 1
        for k, total in sums[i].items():
            avg = total / (size[i] * size[k])
            if avg >= (group_threshold if size[k] > 1 else threshold):
                a, b = (i, k) if i < k else (k, i)
                stamp[(a, b)] = (version[a], version[b])
                heapq.heappush(heap, (-avg, a, b))
    labels = [0] * n
    for label, items in enumerate(members.values()):
        for i in items:
            labels[i] = label
    return labels


#: Features of two mention clusters of one story (:func:`cluster_pair_features`).
CLUSTER_FEATURES: tuple[str, ...] = (
    "bias", "mean_link", "max_link", "top3_link", "log_sizes", "has_singleton",
    "coverage_min", "coverage_max", "coverage_prod", "doc_overlap", "headline_both", "headline_any",
    "stem_shared", "governor_shared", "agent_shared", "patient_shared",
    "mean_x_coverage_min", "mean_x_headline_both", "log_story_docs",
    "synonym_shared", "names_overlap", "times_conflict", "sentence_shared", "strong_link_share",
)


def _roles_of(infos: Sequence[MentionInfo], members: Sequence[int], role: str) -> set[str]:
    out: set[str] = set()
    for i in members:
        out |= _role(infos[i], role)
    return out


def cluster_pair_features(a: Sequence[int], b: Sequence[int], infos: Sequence[MentionInfo],
                          link: Callable[[int, int], float], n_docs: int) -> list[float]:
    """Feature vector (in :data:`CLUSTER_FEATURES` order) for merging clusters ``a`` and ``b``.

    ``a`` and ``b`` are indices into ``infos``; ``link(i, j)`` is the pair probability of two
    mentions and ``n_docs`` the number of documents of their story.
    """
    links = sorted((link(i, j) for i in a for j in b), reverse=True)
    mean = sum(links) / len(links)
    top = links[:3]
    docs_a, docs_b = {infos[i].doc for i in a}, {infos[j].doc for j in b}
    n = max(1, n_docs)
    cov_a, cov_b = len(docs_a) / n, len(docs_b) / n
    head_a = any(_sentence_number(infos[i]) == 0 for i in a)
    head_b = any(_sentence_number(infos[j]) == 0 for j in b)
    gov_a = {infos[i].governor for i in a if infos[i].governor}
    gov_b = {infos[j].governor for j in b if infos[j].governor}
    headline_both = float(head_a and head_b)
    heads_a, heads_b = {infos[i].head for i in a}, {infos[j].head for j in b}
    times_a, times_b = _union(infos, a, "times"), _union(infos, b, "times")
    return [
        1.0, mean, links[0], sum(top) / len(top), math.log(len(a)) + math.log(len(b)),
        float(min(len(a), len(b)) == 1),
        min(cov_a, cov_b), max(cov_a, cov_b), cov_a * cov_b,
        len(docs_a & docs_b) / min(len(docs_a), len(docs_b)),
        headline_both, float(head_a or head_b),
        float(bool({infos[i].stem for i in a} & {infos[j].stem for j in b})),
        float(bool(gov_a & gov_b)),
        float(bool(_roles_of(infos, a, "agent") & _roles_of(infos, b, "agent"))),
        float(bool(_roles_of(infos, a, "patient") & _roles_of(infos, b, "patient"))),
        mean * min(cov_a, cov_b), mean * headline_both, math.log(n),
        float(any(_SYN_INDEX.get(x, _NO_GROUP) & _SYN_INDEX.get(y, _NO_GROUP) for x in heads_a for y in heads_b)),
        _jaccard(_union(infos, a, "names"), _union(infos, b, "names")),
        float(bool(times_a) and bool(times_b) and not times_a & times_b),
        float(bool({infos[i].sentence for i in a} & {infos[j].sentence for j in b})),
        sum(p > 0.5 for p in links) / len(links),
    ]


_NO_GROUP: frozenset[int] = frozenset()


def _union(infos: Sequence[MentionInfo], members: Sequence[int], field: str) -> frozenset[str]:
    return frozenset().union(*(getattr(infos[i], field) for i in members))


def merge_clusters(clusters: Sequence[Sequence[int]], infos: Sequence[MentionInfo],
                   link: Callable[[int, int], float], n_docs: int, coef: Sequence[float],
                   threshold: float) -> list[list[int]]:
    """Greedily merge the clusters of one story while the best pair's merge probability is >= ``threshold``.

    The probability is :func:`pair_probability` of :func:`cluster_pair_features` under ``coef``
    (learned on clusters of ECB+ train); features of a merged cluster are recomputed from its members.
    """
    groups: dict[int, list[int]] = {k: list(c) for k, c in enumerate(clusters)}

    def score(x: int, y: int) -> float:
        return pair_probability(cluster_pair_features(groups[x], groups[y], infos, link, n_docs), coef)

    scores = {(x, y): score(x, y) for x in groups for y in groups if x < y}
    next_id = len(groups)
    while scores:
        (x, y), best = max(scores.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
        if best < threshold:
            break
        merged = groups.pop(x) + groups.pop(y)
        scores = {k: v for k, v in scores.items() if x not in k and y not in k}
        groups[next_id] = merged
        for z in groups:
            if z != next_id:
                scores[(z, next_id)] = score(z, next_id)
        next_id += 1
    return list(groups.values())


def cluster_documents(vectors: Sequence[Mapping[str, float]], threshold: float = 0.05,
                      extra: Sequence[tuple[Sequence[Mapping[str, float]], float]] = ()) -> list[int]:
    """Group documents into seminal events by average-link clustering of their TF-IDF vectors.

    ``extra`` adds further blocks as ``(vectors, weight)`` (names, times and numbers tell two
    similar events of one topic apart: two earthquakes, two arrests); the content block weighs 1.
    """
    blocks = [vectors, *(b for b, _ in extra)]
    weights = [1.0, *(w for _, w in extra)]
    return cluster(len(vectors), document_similarity(blocks, weights), threshold)
