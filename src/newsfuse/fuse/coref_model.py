"""The event-coreference model end to end: stories, pair probabilities, clustering, the cluster merge.

This is the one code path that both ``bench/coref.py`` (ECB+ gold mentions) and the build
(:func:`newsfuse.fuse.events.merge_events`, the mentions the event annotator found) run:

1. documents are grouped into stories (:func:`story_groups`: average link over TF-IDF cosines of the
   content words of their mention sentences, of their names and of their dates / numbers);
2. within a story every mention pair gets a probability (:func:`pair_scores`, the logistic model
   of :mod:`.coref` over :func:`~.coref.pair_features`, with the shipped lexicon);
3. mentions are clustered by average link (:func:`first_stage`), and clusters of one story are then
   merged on their summed evidence (:func:`predict`, second stage).

:func:`corefer` runs the three steps with the shipped weights and thresholds (or those of ``Settings``).
A mention is summarised once, where its parse is at hand (:func:`~.coref.mention_info`); the build keeps
that summary on the event record (:func:`info_json`) and rebuilds it at fusion time (:func:`info_from_json`),
so fusion needs no parser.
"""

from __future__ import annotations

import base64
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .coref import (
    document_similarity,
    load_document_params,
    load_lexicon,
    load_merge_params,
    load_weights,
    pair_features,
    pair_probability,
    story_context,
    tfidf_vectors,
    thresholds,
)
from .coref_cluster import cluster, merge_clusters
from .coref_mentions import ROLES, MentionInfo, unpack_vectors

__all__ = ["corefer", "encoder_cosines", "first_stage", "idf", "info_from_json", "info_json", "pair_scores", "predict",
           "story_groups", "story_view"]

#: the weights of the content / names / times-and-numbers blocks when the shipped JSON names none
DOC_WEIGHTS = (1.0, 0.5, 0.5)

Groups = tuple[Mapping[str, object], Callable[[str, str], float]]


def idf(infos: Sequence[MentionInfo]) -> dict[str, float]:
    """Inverse document frequency of context words, over the mentions (each mention counts as a document)."""
    df = Counter(w for info in infos for w in info.context)
    n = len(infos)
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


def story_groups(doc_tokens: Mapping[str, Sequence[str]], articles: Mapping[str, tuple[Sequence[str], Sequence[str]]],
                 threshold: float, weights: Sequence[float] = DOC_WEIGHTS) -> Groups:
    """(doc id -> story label, doc-pair similarity lookup).

    ``doc_tokens``: content lemmas per document; ``articles``: (names, dates and numbers) per document.
    """
    doc_ids = sorted(doc_tokens)
    blocks = [tfidf_vectors([doc_tokens[d] for d in doc_ids]),
              tfidf_vectors([articles.get(d, ((), ()))[0] for d in doc_ids]),
              tfidf_vectors([articles.get(d, ((), ()))[1] for d in doc_ids])]
    doc_sim = document_similarity(blocks, weights)
    n = len(doc_ids)
    table = {(i, j): doc_sim(i, j) for i in range(n) for j in range(i + 1, n)}

    def sim_index(i: int, j: int) -> float:
        return 1.0 if i == j else table[(i, j) if i < j else (j, i)]

    labels = cluster(n, sim_index, threshold)
    index = {d: i for i, d in enumerate(doc_ids)}

    def sim(a: str, b: str) -> float:
        return sim_index(index[a], index[b])

    return {d: labels[index[d]] for d in doc_ids}, sim


def _by_story(infos: Sequence[MentionInfo], story: Mapping[str, object],
              blocks: Sequence[object] | None = None) -> list[list[int]]:
    groups: dict[object, list[int]] = defaultdict(list)
    for i, info in enumerate(infos):
        groups[story[info.doc] if blocks is None else (story[info.doc], blocks[i])].append(i)
    return [idx for _, idx in sorted(groups.items(), key=lambda kv: (str(type(kv[0])), kv[0]))]


def pair_scores(infos: Sequence[MentionInfo], groups: Groups, coef: Sequence[float], lexicon=None,
                idf_table: Mapping[str, float] | None = None,
                blocks: Sequence[object] | None = None) -> list[tuple[list[int], dict[tuple[int, int], float]]]:
    """Per story: the mention indices and the pair probabilities (keyed by local index pairs, p < q).

    ``blocks`` (one key per mention) splits each story further: mentions of different blocks are never compared.
    """
    story, sim = groups
    idf_table = idf_table if idf_table is not None else idf(infos)
    out = []
    for idx in _by_story(infos, story, blocks):
        context = story_context(infos[k] for k in idx)
        encoded = encoder_cosines([infos[k] for k in idx])
        table = {}
        for p, i in enumerate(idx):
            for q in range(p + 1, len(idx)):
                a, b = infos[i], infos[idx[q]]
                table[(p, q)] = pair_probability(pair_features(a, b, sim(a.doc, b.doc), idf_table, lexicon, context,
                                                               encoded(p, q)), coef)
        out.append((idx, table))
    return out


def encoder_cosines(infos: Sequence[MentionInfo]) -> Callable[[int, int], tuple[float, float] | None]:
    """``(p, q) -> (cosine of the triggers' vectors, cosine of the sentences' vectors)`` of two of ``infos``,
    or None when either lacks a vector (a mention summarised without the encoder)."""
    words = unpack_vectors([m.vector for m in infos])
    sents = unpack_vectors([m.sentence_vector for m in infos])
    if words is None or sents is None:
        return lambda p, q: None
    word_cos, sent_cos = (words @ words.T).tolist(), (sents @ sents.T).tolist()
    has = [bool(m.vector) and bool(m.sentence_vector) for m in infos]
    return lambda p, q: (word_cos[p][q], sent_cos[p][q]) if has[p] and has[q] else None


def first_stage(scores, threshold: float, group_threshold: float | None) -> list[list[list[int]]]:
    """Per story (as in ``scores``): the mention clusters of average-link clustering, as local indices."""
    out = []
    for idx, table in scores:
        local = cluster(len(idx), lambda i, j: table[(i, j)], threshold, group_threshold)
        members: dict[int, list[int]] = defaultdict(list)
        for p, lab in enumerate(local):
            members[lab].append(p)
        out.append(list(members.values()))
    return out


def story_view(infos: Sequence[MentionInfo], idx: Sequence[int], table: Mapping[tuple[int, int], float]):
    """(mention infos of one story, link lookup on local indices, number of documents)."""
    local = [infos[k] for k in idx]
    return local, lambda i, j: table[(i, j) if i < j else (j, i)], len({m.doc for m in local})


def predict(infos: Sequence[MentionInfo], groups: Groups, coef, threshold: float, lexicon=None,
            idf_table: Mapping[str, float] | None = None, group_threshold: float | None = None,
            scores=None, merge: tuple | None = None, clusters=None, blocks: Sequence[object] | None = None) -> list[str]:
    """A cluster label per mention, given the story groups of :func:`story_groups`.

    ``merge`` is (coefficients, threshold) of the second stage (:func:`merge_clusters`), or None; ``blocks`` as
    in :func:`pair_scores`.
    """
    scores = scores if scores is not None else pair_scores(infos, groups, coef, lexicon, idf_table, blocks)
    clusters = clusters if clusters is not None else first_stage(scores, threshold, group_threshold)
    labels = [""] * len(infos)
    for g, ((idx, table), story_clusters) in enumerate(zip(scores, clusters)):
        if merge is not None and len(story_clusters) > 1:
            local, link, n_docs = story_view(infos, idx, table)
            story_clusters = merge_clusters(story_clusters, local, link, n_docs, merge[0], merge[1],
                                            encoder_cosines(local))
        for lab, members in enumerate(story_clusters):
            for p in members:
                labels[idx[p]] = f"s{g}-c{lab}"
    return labels


def corefer(infos: Sequence[MentionInfo], doc_tokens: Mapping[str, Sequence[str]],
            articles: Mapping[str, tuple[Sequence[str], Sequence[str]]], settings=None,
            stories: Mapping[str, object] | None = None, blocks: Sequence[object] | None = None) -> list[str]:
    """A cluster label per mention (equal labels: the same event), with the shipped model.

    ``doc_tokens`` and ``articles`` describe the documents as :func:`story_groups` reads them; the
    thresholds are those of ``settings`` (``coref_*_threshold``) where set, else the fitted ones.
    ``stories`` (doc id -> story), when the caller has grouped the documents already (the build's story
    assignment), replaces the first step's grouping; the documents' similarity is still computed here.
    ``blocks`` (one key per mention) keeps apart mentions the caller will never merge (the build: event
    type families), so a large story is not compared pair by pair across them.
    """
    if not infos:
        return []
    # the model that reads the encoder's vectors when every mention has them (the build's events annotator with
    # its learned heads; the benchmark), else the one fitted without them (a build with the rules alone)
    encoder = all(m.vector and m.sentence_vector for m in infos)
    tuned = thresholds(settings, encoder)
    coef, _ = load_weights(encoder)
    doc_weights, _ = load_document_params(encoder)
    merge = load_merge_params(encoder)
    if merge is not None and tuned.merge is not None:
        merge = (merge[0], tuned.merge)
    groups = story_groups(doc_tokens, articles, tuned.document, doc_weights)
    if stories is not None:
        groups = ({d: stories.get(d, d) for d in groups[0]}, groups[1])
    return predict(infos, groups, coef, tuned.mention, load_lexicon(encoder), group_threshold=tuned.group, merge=merge,
                   blocks=blocks)


# ----------------------------------------------------------------------------- keeping a summary on a record

_SETS = ("lemmas", "context", "names", "times", "numbers", "args")
#: the packed encoder vectors (:func:`~.coref_mentions.pack_vector`), kept as base64 text when there
_VECTORS = ("vector", "sentence_vector")


def info_json(info: MentionInfo) -> dict[str, Any]:
    """The parts of a :class:`MentionInfo` that do not name where it is (key, doc, sentence), as JSON values."""
    out: dict[str, Any] = {"head": info.head, "stem": info.stem, "pos": info.pos, "governor": info.governor}
    for name in _SETS:
        out[name] = sorted(getattr(info, name))
    out["roles"] = {r: sorted(v) for r, v in (info.roles or {}).items() if v}
    out["named"] = {r: sorted(v) for r, v in (info.named or {}).items() if v}
    for name in _VECTORS:
        if getattr(info, name):
            out[name] = base64.b64encode(getattr(info, name)).decode("ascii")
    return out


def info_from_json(data: Mapping[str, Any], key: str, doc: str, sentence: str) -> MentionInfo:
    """The :class:`MentionInfo` that :func:`info_json` kept, placed at ``key`` / ``doc`` / ``sentence``."""
    roles = data.get("roles") or {}
    named = data.get("named") or {}
    return MentionInfo(
        key=key, doc=doc, sentence=f"{doc}|{sentence}", head=str(data["head"]), stem=str(data["stem"]),
        pos=str(data.get("pos", "")), **{name: frozenset(data.get(name) or ()) for name in _SETS},
        roles={r: frozenset(roles.get(r, ())) for r in ROLES}, named={r: frozenset(named.get(r, ())) for r in ROLES},
        governor=str(data.get("governor", "")),
        **{name: base64.b64decode(data[name]) for name in _VECTORS if data.get(name)})
