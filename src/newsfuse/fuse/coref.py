"""Event coreference across documents: which event mentions tell of the same happening.

Each mention is summarised from its parsed sentence (:func:`mention_info`, in :mod:`.coref_mentions`): the
head lemma, the lemmas of the mention, the content words, names, times and
numbers of its sentence, its arguments by role (:func:`event_arguments`: agent,
patient, place, time) and the word it depends on (:func:`governor`).
:func:`pair_features` compares two mentions, also against how central each head is
to their story (:func:`story_context`); a linear model (logistic
regression weights in ``coref_weights.json``, learned on the ECB+ train
split, CC-BY 3.0) turns the features into a probability (:func:`pair_probability`),
and :func:`.coref_cluster.cluster` links mentions by average-link agglomeration over those
probabilities (a lone mention needs a surer link than two clusters that merge).
A second stage (:func:`.coref_cluster.merge_clusters`) then merges whole clusters of one story on their
summed evidence (:func:`cluster_pair_features`: mean and strongest member links, how much of
the story each covers, headlines, shared heads, governors and arguments), with its own
logistic weights: the seminal event is often told under different words in each article.
Documents are grouped first into seminal events (:func:`.coref_cluster.cluster_documents`: content
words, plus names and times/numbers that tell two similar events of one topic apart,
weights and threshold in the same JSON) so mentions are only compared within one.
The shipped weights are derived from ECB+ (CC-BY 3.0, Cybulska and Vossen 2014).

Everything here is pure Python (no scikit-learn); ``bench/coref.py`` fits the weights. The clustering
thresholds can be tuned in ``Settings`` (``coref_*_threshold``; :func:`thresholds`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .coref_docs import cosine, document_similarity, tfidf_vectors
from .coref_mentions import LIGHT_HEADS, ROLES, MentionInfo, event_arguments, governor, mention_info, stem

__all__ = [
    "CLUSTER_FEATURES",
    "ENCODER_FEATURES",
    "FEATURES",
    "LIGHT_HEADS",
    "Lexicon",
    "MentionInfo",
    "SYNONYMS",
    "StoryContext",
    "Thresholds",
    "cosine",
    "document_similarity",
    "encoder_features",
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
    "enc_word", "enc_word_x_head", "enc_word_x_doc", "enc_word_x_no_lexical", "enc_sentence", "enc_sentence_x_head",
)
#: The features read from the encoder (:func:`encoder_features`): zero for a pair without vectors.
ENCODER_FEATURES = FEATURES[FEATURES.index("enc_word"):]
#: Cosines are centred on these (about the mean over ECB+ train pairs within a story), so that a pair
#: without vectors (0) weighs as a typical pair, not as two unrelated words.
WORD_COSINE_CENTRE = 0.2
SENTENCE_COSINE_CENTRE = 0.55

#: features of a cluster pair, in the order of the cluster-merge coefficients (:mod:`.coref_cluster`)
CLUSTER_FEATURES: tuple[str, ...] = (
    "bias", "mean_link", "max_link", "top3_link", "log_sizes", "has_singleton",
    "coverage_min", "coverage_max", "coverage_prod", "doc_overlap", "headline_both", "headline_any",
    "stem_shared", "governor_shared", "agent_shared", "patient_shared",
    "mean_x_coverage_min", "mean_x_headline_both", "log_story_docs",
    "synonym_shared", "names_overlap", "times_conflict", "sentence_shared", "strong_link_share",
    "enc_word_mean", "enc_sentence_mean",
)
#: Positions of the features that depend on the learned :class:`Lexicon` (see :func:`lexicon_features`).
LEXICON_FEATURES = ("lex_pair", "lex_pair_x_doc", "lex_head")


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
                  story: StoryContext | None = None, encoded: tuple[float, float] | None = None) -> list[float]:
    """Feature vector (in :data:`FEATURES` order) comparing two mentions.

    ``doc_sim`` is the similarity of the two mentions' documents (see :func:`document_similarity`),
    ``idf`` weighs context words, ``lexicon`` gives the learned head-stem evidence and ``story``
    how central each head is to the story both mentions belong to (:func:`story_context`); ``encoded``
    the cosines of the two triggers' contextual vectors and of their sentences' vectors (None: not encoded).
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
        *encoder_features(encoded, head_equal, doc_sim, float(not lexical)),
    ]


def encoder_features(encoded: tuple[float, float] | None, head_equal: float, doc_sim: float,
                     no_lexical: float) -> list[float]:
    """The values of :data:`ENCODER_FEATURES`: the centred cosines of the triggers in context and of the
    sentences, alone and with the head and document evidence."""
    if encoded is None:
        return [0.0] * len(ENCODER_FEATURES)
    word = encoded[0] - WORD_COSINE_CENTRE
    sent = encoded[1] - SENTENCE_COSINE_CENTRE
    return [word, word * head_equal, word * doc_sim, word * no_lexical, sent, sent * head_equal]


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


def load_weights(encoder: bool = True) -> tuple[tuple[float, ...], float]:
    """(coefficients in :data:`FEATURES` order, clustering threshold) shipped with the package: those of the
    model that reads the encoder's vectors, or with ``encoder=False`` those fitted without them (the model
    for mentions summarised without the encoder; see :func:`_model_json`)."""
    data = _model_json(encoder)
    coef = tuple(float(data["coefficients"].get(name, 0.0)) for name in FEATURES)
    return coef, float(data["threshold"])


def load_group_threshold(encoder: bool = True) -> float:
    """The threshold for merging two multi-mention clusters (:func:`cluster`), shipped with the weights."""
    data = _model_json(encoder)
    return float(data.get("group_threshold", data["threshold"]))


def load_document_params(encoder: bool = True) -> tuple[tuple[float, float, float], float]:
    """(weights of the content / names / times-and-numbers blocks, threshold) for document clustering."""
    data = _model_json(encoder)
    w = data.get("doc_weights", [1.0, 0.0, 0.0])
    return (float(w[0]), float(w[1]), float(w[2])), float(data.get("doc_threshold", 0.05))


def load_merge_params(encoder: bool = True) -> tuple[tuple[float, ...], float] | None:
    """(coefficients in :data:`CLUSTER_FEATURES` order, threshold) of the cluster merge, or None if not shipped."""
    data = _model_json(encoder).get("cluster_merge")
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


def thresholds(settings=None, encoder: bool = True) -> Thresholds:
    """The thresholds to cluster with: those of ``settings`` (``coref_*_threshold``) where set, else the
    ones fitted with the shipped weights (of the model with or without the encoder's vectors)."""
    merge = load_merge_params(encoder)
    fitted = Thresholds(load_weights(encoder)[1], load_group_threshold(encoder), load_document_params(encoder)[1],
                        merge[1] if merge else None)
    if settings is None:
        return fitted

    def pick(value, default):
        return default if value is None else float(value)

    return Thresholds(pick(settings.coref_threshold, fitted.mention),
                      pick(settings.coref_group_threshold, fitted.group),
                      pick(settings.coref_doc_threshold, fitted.document),
                      pick(settings.coref_merge_threshold, fitted.merge))


def load_lexicon(encoder: bool = True) -> Lexicon:
    """The :class:`Lexicon` shipped with the weights (empty when the JSON has none)."""
    data = _model_json(encoder).get("lexicon") or _weights_json().get("lexicon")
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


def _model_json(encoder: bool) -> dict:
    """The part of the weights JSON of one model: the whole for the model with the encoder's features, its
    ``without_encoder`` part (the same keys, fitted on the hand features alone) for mentions without vectors.
    With the encoder's features at zero the first model reads every pair as two typical ones, which for
    two mentions of one head is too little (their triggers read alike far more often than a typical pair's)."""
    data = _weights_json()
    return data if encoder else data.get("without_encoder", data)


@lru_cache(maxsize=1)
def _weights_json() -> dict:
    text = resources.files(__package__).joinpath("coref_weights.json").read_text(encoding="utf-8")
    return json.loads(text)


def pair_probability(features: Sequence[float], coef: Sequence[float]) -> float:
    """Logistic model output for one feature vector."""
    z = sum(f * w for f, w in zip(features, coef))
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
