"""Event coreference across documents: which event mentions tell of the same happening.

Each mention is summarised from its parsed sentence (:func:`mention_info`): the
head lemma, the lemmas of the mention, the content words, names, times and
numbers of its sentence and the lemmas of its arguments (subject / object).
:func:`pair_features` compares two mentions; a linear model (logistic
regression weights in ``events_coref_weights.json``, learned on the ECB+ train
split, CC-BY 3.0) turns the features into a probability (:func:`pair_probability`),
and :func:`cluster` links mentions by average-link agglomeration over those
probabilities. Documents are grouped first into seminal events (:func:`cluster_documents`:
content words, plus names and times/numbers that tell two similar events of one topic
apart, weights and threshold in the same JSON) so mentions are only compared within one.
The shipped weights are derived from ECB+ (CC-BY 3.0, Cybulska and Vossen 2014).

Everything here is pure Python (no scikit-learn); ``bench/coref.py`` fits the weights.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "FEATURES",
    "Lexicon",
    "MentionInfo",
    "SYNONYMS",
    "cluster",
    "cluster_documents",
    "cosine",
    "document_similarity",
    "learn_lexicon",
    "lexicon_features",
    "load_document_params",
    "load_lexicon",
    "lexicon_json",
    "load_weights",
    "mention_info",
    "pair_features",
    "pair_probability",
    "stem",
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


def _head_token(span):
    """The syntactic head of a mention span (the last token when the parse disagrees)."""
    root = span.root
    return root if root.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "AUX") else span[-1]


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
    if head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.head is not head:
        args.add(head.head.lemma_.lower())
    return MentionInfo(
        key=key, doc=doc_id, sentence=f"{doc_id}|{sentence_id}", head=head.lemma_.lower(),
        stem=stem(head.lemma_), pos=head.pos_,
        lemmas=frozenset(t.lemma_.lower() for t in span if not t.is_punct and not t.is_stop) or
        frozenset({head.lemma_.lower()}),
        context=context, names=names, times=times, numbers=numbers,
        args=frozenset(a for a in args if a.isalpha() and a not in LIGHT_HEADS),
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


def pair_features(a: MentionInfo, b: MentionInfo, doc_sim: float,
                  idf: Mapping[str, float] | None = None, lexicon: Lexicon | None = None) -> list[float]:
    """Feature vector (in :data:`FEATURES` order) comparing two mentions.

    ``doc_sim`` is the similarity of the two mentions' documents (see :func:`document_similarity`),
    ``idf`` weighs context words and ``lexicon`` gives the learned head-stem evidence.
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
    ]


def load_weights() -> tuple[tuple[float, ...], float]:
    """(coefficients in :data:`FEATURES` order, clustering threshold) shipped with the package."""
    data = _weights_json()
    coef = tuple(float(data["coefficients"].get(name, 0.0)) for name in FEATURES)
    return coef, float(data["threshold"])


def load_document_params() -> tuple[tuple[float, float, float], float]:
    """(weights of the content / names / times-and-numbers blocks, threshold) for document clustering."""
    data = _weights_json()
    w = data.get("doc_weights", [1.0, 0.0, 0.0])
    return (float(w[0]), float(w[1]), float(w[2])), float(data.get("doc_threshold", 0.05))


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
    text = resources.files(__package__).joinpath("events_coref_weights.json").read_text(encoding="utf-8")
    return json.loads(text)


def pair_probability(features: Sequence[float], coef: Sequence[float]) -> float:
    """Logistic model output for one feature vector."""
    z = sum(f * w for f, w in zip(features, coef))
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def cluster(n: int, similarity: Callable[[int, int], float], threshold: float) -> list[int]:
    """Average-link agglomerative clustering of items ``0..n-1``; returns a cluster label per item.

    Two clusters merge while the mean pairwise ``similarity`` between them is at least ``threshold``.
    """
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
            if avg >= threshold:
                a, b = (i, k) if i < k else (k, i)
                stamp[(a, b)] = (version[a], version[b])
                heapq.heappush(heap, (-avg, a, b))
    labels = [0] * n
    for label, items in enumerate(members.values()):
        for i in items:
            labels[i] = label
    return labels


def tfidf_vectors(texts: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sublinear tf) of token lists."""
    df: Counter[str] = Counter()
    for toks in texts:
        df.update(set(toks))
    n = len(texts)
    out = []
    for toks in texts:
        tf = Counter(toks)
        vec = {w: (1.0 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def document_similarity(blocks: Sequence[Sequence[Mapping[str, float]]], weights: Sequence[float]
                        ) -> Callable[[int, int], float]:
    """Weighted mean of the per-block cosines of documents ``i`` and ``j``.

    ``blocks`` holds one list of unit vectors per feature block (content words, names, times and
    numbers), each indexed by document; ``weights`` one weight per block.
    """
    total = sum(weights) or 1.0

    def sim(i: int, j: int) -> float:
        if i == j:
            return 1.0
        return sum(w * cosine(b[i], b[j]) for b, w in zip(blocks, weights) if w) / total

    return sim


def cluster_documents(vectors: Sequence[Mapping[str, float]], threshold: float = 0.05,
                      extra: Sequence[tuple[Sequence[Mapping[str, float]], float]] = ()) -> list[int]:
    """Group documents into seminal events by average-link clustering of their TF-IDF vectors.

    ``extra`` adds further blocks as ``(vectors, weight)`` (names, times and numbers tell two
    similar events of one topic apart: two earthquakes, two arrests); the content block weighs 1.
    """
    blocks = [vectors, *(b for b, _ in extra)]
    weights = [1.0, *(w for _, w in extra)]
    return cluster(len(vectors), document_similarity(blocks, weights), threshold)
