"""Clustering for event coreference: average-link clustering of mentions, the second, cluster-level
merge inside a story, and document grouping.

Part of :mod:`.coref`, which re-exports everything here.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence

from .coref import (
    _SYN_INDEX,
    SENTENCE_COSINE_CENTRE,
    WORD_COSINE_CENTRE,
    _jaccard,
    _role,
    _sentence_number,
    pair_probability,
)
from .coref_docs import document_similarity
from .coref_mentions import MentionInfo

__all__ = ["cluster", "cluster_documents", "cluster_pair_features", "merge_clusters"]


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


def _roles_of(infos: Sequence[MentionInfo], members: Sequence[int], role: str) -> set[str]:
    out: set[str] = set()
    for i in members:
        out |= _role(infos[i], role)
    return out


def cluster_pair_features(a: Sequence[int], b: Sequence[int], infos: Sequence[MentionInfo],
                          link: Callable[[int, int], float], n_docs: int,
                          encoded: Callable[[int, int], tuple[float, float] | None] | None = None) -> list[float]:
    """Feature vector (in :data:`CLUSTER_FEATURES` order) for merging clusters ``a`` and ``b``.

    ``a`` and ``b`` are indices into ``infos``; ``link(i, j)`` is the pair probability of two
    mentions and ``n_docs`` the number of documents of their story; ``encoded(i, j)`` the encoder's
    cosines of two mentions (:func:`~.coref_model.encoder_cosines`; None: not encoded).
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
        *_mean_cosines(a, b, encoded),
    ]


def _mean_cosines(a: Sequence[int], b: Sequence[int], encoded) -> list[float]:
    """The mean encoder cosines (triggers, sentences) across two clusters, centred as the pair features are."""
    if encoded is None:
        return [0.0, 0.0]
    found = [c for c in (encoded(i, j) if i < j else encoded(j, i) for i in a for j in b) if c is not None]
    if not found:
        return [0.0, 0.0]
    return [sum(w for w, _ in found) / len(found) - WORD_COSINE_CENTRE,
            sum(s for _, s in found) / len(found) - SENTENCE_COSINE_CENTRE]


_NO_GROUP: frozenset[int] = frozenset()


def _union(infos: Sequence[MentionInfo], members: Sequence[int], field: str) -> frozenset[str]:
    return frozenset().union(*(getattr(infos[i], field) for i in members))


def merge_clusters(clusters: Sequence[Sequence[int]], infos: Sequence[MentionInfo],
                   link: Callable[[int, int], float], n_docs: int, coef: Sequence[float],
                   threshold: float, encoded=None) -> list[list[int]]:
    """Greedily merge the clusters of one story while the best pair's merge probability is >= ``threshold``.

    The probability is :func:`pair_probability` of :func:`cluster_pair_features` under ``coef``
    (learned on clusters of ECB+ train); features of a merged cluster are recomputed from its members.
    ``encoded`` as in :func:`cluster_pair_features`.
    """
    groups: dict[int, list[int]] = {k: list(c) for k, c in enumerate(clusters)}

    def score(x: int, y: int) -> float:
        return pair_probability(cluster_pair_features(groups[x], groups[y], infos, link, n_docs, encoded), coef)

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
