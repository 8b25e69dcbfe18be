"""Two-level clustering, order-independent and incremental: stories, then event threads in each.

**Stories.** The articles are split into the connected components of the graph "similarity >=
``story_link``"; inside each, groups of articles are one story while the *average* link between
them is at least ``story_threshold`` (average-link agglomeration, cut there). With the link equal
to the threshold this is exactly average link over the whole corpus (an average is at most its
largest term, so no two components would ever merge); a higher link keeps the components small.
That gives both properties the store needs:

- **incremental**: similarities are computed for the new articles, then for the articles they
  reach, and so on: only the component a new article falls in (with the components it joins
  together) is searched and re-clustered; every other story keeps the label it had (``fixed``),
  and would get the same one again;
- **order-independent**: similarities are pairwise and depend on no other article (see
  :mod:`.stories_features`), components do not depend on the order articles came in, and each
  component is clustered with its members sorted by article id; so adding articles one by one
  gives the partition that building them together gives. Stories that turn out to be one (a
  later report links them) merge; the older id wins (:mod:`.stories`).

**Threads.** Inside a story, every article starts alone and threads merge, closest pair first,
by their *centred* average link: every article's vector minus its story's mean, so that what
all the story's reports share (the celebrity, the kind of event) no longer counts and what tells
one event from the other (its place, its people, its date) is left; a plain average link high
enough also merges, so a story of one event is not split into noise. A function of the story's
members alone, so order-independent too.

Similarities are weighted sums of block cosines divided by the sum of the weights of the blocks
present (an article set without encoder vectors is compared on the other blocks alone); they are
computed a block of rows at a time, so the memory is ``block x n``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from .stories_features import Blocks
from ..settings import STORY_THRESHOLD

__all__ = ["Weights", "StoryParams", "cluster", "similarity", "story_level"]

_SPARSE = ("words", "proper", "lead", "names", "times", "numbers", "kinds")
_DENSE = ("dense", "kind")


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each feature block counts in a similarity (cosines are averaged with these weights).

    ``dense`` is the encoder vectors' cosine (title + lead); it counts only when every article
    has a vector. ``time_conflict`` is subtracted when both articles mention years and share none.
    """

    words: float
    names: float
    times: float = 0.0
    proper: float = 0.0
    lead: float = 0.0
    numbers: float = 0.0
    kinds: float = 0.0
    dense: float = 0.0
    kind: float = 0.0  # the masked-headline vectors' cosine (Blocks.kind); counts only when every article has one
    time_conflict: float = 0.0
    # two articles in different languages share few words: their similarity is then read from the
    # (multilingual) vectors alone, ``cross_scale * cosine + cross_offset`` (0: no such pairs)
    cross_scale: float = 0.0
    cross_offset: float = 0.0


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Thresholds and weights of the two levels.

    Chosen on the fit topics of ECB+ dev (``bench/clusters.py``; the check topics in
    ``bench/splits/ecbplus_clusters_check.txt`` were not looked at), one setting for every topic.
    """

    story_threshold: float = STORY_THRESHOLD  # one default, in settings.py
    # Articles are clustered together only inside one component of the graph "similarity >= story_link"
    # (None: story_threshold, which makes the result exactly average link over the whole corpus). A
    # higher link keeps components, so the work a new article causes, small: on the fit topics the
    # largest component holds 332 of 524 articles at .37 and 152 at .42, at the same B-cubed (.961).
    story_link: float | None = 0.42
    # cross_*: the least-squares line of this weighted similarity on the e5 cosine, over all pairs of
    # the fit topics' articles (1.34 x - 0.72): the vectors' view of a pair put on the same scale
    story_weights: Weights = Weights(words=0.2, lead=0.2, names=0.2, dense=0.4, cross_scale=1.34, cross_offset=-0.72)
    # without article vectors (``story_encoder = "none"``, or hand-built inputs) the words and names
    # alone, on their own scale
    plain_threshold: float = 0.07
    plain_weights: Weights = Weights(words=0.3, lead=0.4, names=0.3)
    event_weights: Weights = Weights(words=0.1, proper=0.4, names=0.5, numbers=0.1)
    # Threads of one story merge while their centred average link (thread_weights, story mean
    # subtracted) is at least ``thread_centred`` or their plain one (event_weights) at least ``thread_raw``.
    thread_centred: float = -0.15
    thread_raw: float = 0.35
    thread_weights: Weights = Weights(words=1.0, proper=1.0, lead=1.0, names=0.0)
    # With masked-headline vectors (``Blocks.kind``): a learned weighting (a logistic regression with non-negative
    # weights over pairs of ECB+ fit sub-topics, label "one topic"; fitted by bench/topics_fit.py) and the threshold
    # that gives the best topic B-cubed on the fit topics; ``kind_plain_*`` when there are no article vectors.
    # (fit: topic B-cubed .968 / .966, leave-topics-out CV .970 / .966, against .961 without them)
    kind_weights: Weights | None = Weights(kind=0.359, dense=0.124, lead=0.212, words=0.21, names=0.095,
                                           cross_scale=1.34, cross_offset=-0.72)
    kind_threshold: float = 0.255
    kind_plain_weights: Weights | None = Weights(kind=0.408, lead=0.242, words=0.241, names=0.11)
    kind_plain_threshold: float = 0.175
    kind_link: float | None = None
    block: int = 512


def _parts(blocks: Blocks, w: Weights) -> list[tuple[str, float]]:
    """The blocks a similarity uses, with weights that sum to 1 over the blocks present."""
    parts = [(name, getattr(w, name)) for name in _SPARSE if getattr(w, name)]
    if w.dense and blocks.dense is not None:
        parts.append(("dense", w.dense))
    if w.kind and blocks.kind is not None:
        parts.append(("kind", w.kind))
    total = sum(x for _, x in parts) or 1.0
    return [(name, x / total) for name, x in parts]


def similarity(blocks: Blocks, w: Weights, rows: np.ndarray | slice, cols: np.ndarray | slice) -> np.ndarray:
    """Dense ``rows x cols`` similarity (a pure function of each pair of articles)."""
    parts = _parts(blocks, w)
    out = np.zeros((_count(rows, blocks), _count(cols, blocks)))
    words = tuple((name, weight) for name, weight in parts if name not in _DENSE)
    if words:
        mat = _stacked(blocks, words)
        out += (mat[rows] @ mat[cols].T).toarray()
    for name, weight in parts:
        if name in _DENSE:
            vecs = getattr(blocks, name)
            out += weight * np.asarray(vecs[rows] @ vecs[cols].T, dtype=np.float64)
    if w.cross_scale and blocks.dense is not None and blocks.language is not None:
        lang = blocks.language
        differ = lang[rows][:, None] != lang[cols][None, :]
        if differ.any():
            cross = w.cross_scale * (blocks.dense[rows] @ blocks.dense[cols].T) + w.cross_offset
            out = np.where(differ, cross, out)
    if w.time_conflict:
        times = blocks.times
        shared = (times[rows] @ times[cols].T).toarray()
        both = np.outer(blocks.has_time[rows], blocks.has_time[cols])
        out = out - w.time_conflict * both * (shared == 0)
    return out


def _stacked(blocks: Blocks, parts: tuple[tuple[str, float], ...]) -> sparse.csr_matrix:
    """The sparse blocks side by side, each times the root of its weight: the product of two rows is then
    the weighted sum of their block cosines (kept on ``blocks`` per weighting)."""
    if parts not in blocks.stacked:
        blocks.stacked[parts] = sparse.hstack([np.sqrt(weight) * getattr(blocks, name) for name, weight in parts],
                                              format="csr")
    return blocks.stacked[parts]


def _count(index: np.ndarray | slice, blocks: Blocks) -> int:
    return len(range(*index.indices(blocks.words.shape[0]))) if isinstance(index, slice) else len(index)


def story_level(blocks: Blocks, params: StoryParams) -> tuple[Weights, float, float]:
    """The story weights, threshold and link: with the masked-headline vectors when every article has one
    (and the encoder's vectors when every article has one)."""
    dense = blocks.dense is not None and params.story_weights.dense
    kind = params.kind_weights if dense else params.kind_plain_weights
    if blocks.kind is not None and kind is not None:
        threshold = params.kind_threshold if dense else params.kind_plain_threshold
        return kind, threshold, threshold if params.kind_link is None else max(params.kind_link, threshold)
    if dense:
        link = params.story_threshold if params.story_link is None else max(params.story_link, params.story_threshold)
        return params.story_weights, params.story_threshold, link
    return params.plain_weights, params.plain_threshold, params.plain_threshold


def _graph(blocks: Blocks, weights: Weights, threshold: float, block: int, start: np.ndarray) -> sparse.csr_matrix:
    """The pairs of articles at least ``threshold`` similar that the articles ``start`` reach.

    Rows of similarities are computed for ``start``, then for the articles they reach, and so on
    (``block`` rows at a time): the edges of every component holding a ``start`` article, and
    none of the other components. With every article in ``start`` this is the whole graph.
    """
    n = blocks.words.shape[0]
    seen = np.zeros(n, dtype=bool)
    seen[start] = True
    frontier = np.asarray(start, dtype=np.int64)
    rows_i, cols_i = [], []
    while len(frontier):
        found = []
        for b in range(0, len(frontier), block):
            rows = frontier[b:b + block]
            r, c = np.nonzero(similarity(blocks, weights, rows, slice(0, n)) >= threshold)
            rows_i.append(rows[r])
            cols_i.append(c)
            found.append(c)
        reached = np.unique(np.concatenate(found))
        frontier = reached[~seen[reached]]
        seen[frontier] = True
    r = np.concatenate(rows_i) if rows_i else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols_i) if cols_i else np.zeros(0, dtype=np.int64)
    return sparse.csr_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(n, n))


def _average_link(sim: np.ndarray, threshold: float) -> np.ndarray:
    """Average-link clusters of a square similarity, cut where the average link drops below ``threshold``."""
    if len(sim) == 1:
        return np.zeros(1, dtype=np.int64)
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2
    z = linkage(squareform(dist, checks=False), "average")
    return fcluster(z, 1.0 - threshold, "distance").astype(np.int64) - 1


def cluster(blocks: Blocks, params: StoryParams, fixed_story: Sequence[int | None], keys: Sequence[str],
            fixed_event: Sequence[int | None] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Story and thread labels (ints) of the rows of ``blocks``.

    ``fixed_story[i]`` is row i's story label from an earlier run (or None: a new article).
    A component of the similarity graph whose articles all have one keeps those labels; the
    others are clustered afresh, their members taken in ``keys`` order (article ids), so that
    the result does not depend on the order of the rows. ``fixed_event`` (threads of an earlier
    run) are kept for stories left as they were; the threads of every other story are recomputed.
    """
    n = blocks.words.shape[0]
    story = np.full(n, -1, dtype=np.int64)
    weights, threshold, link = story_level(blocks, params)
    fixed = np.asarray([-1 if s is None else s for s in fixed_story], dtype=np.int64)
    # only the components of new articles are searched; an article they do not reach is alone here,
    # and keeps its earlier label
    _, comp = connected_components(_graph(blocks, weights, link, params.block, np.flatnonzero(fixed < 0)),
                                   directed=False)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(np.asarray(keys, dtype=object), kind="stable")] = np.arange(n)
    offset = (fixed.max() + 1) if n else 0
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    touched = np.zeros(n, dtype=bool)
    for members in np.split(order, bounds):
        if (fixed[members] >= 0).all():
            story[members] = fixed[members]
            continue
        members = members[np.argsort(rank[members])]
        local = _average_link(similarity(blocks, weights, members, members), threshold)
        story[members] = offset + local
        offset += local.max() + 1
        touched[members] = True
    # a story label may now hold both old and re-clustered articles: compact the labels
    _, story = np.unique(story, return_inverse=True)
    return story, _threads(blocks, params, story, touched, fixed_event, rank)


def _threads(blocks: Blocks, params: StoryParams, story: np.ndarray, touched: np.ndarray,
             fixed_event: Sequence[int | None] | None, rank: np.ndarray) -> np.ndarray:
    """Thread labels: kept from ``fixed_event`` for untouched stories, else clustered inside each story."""
    n = len(story)
    fixed = np.asarray([-1 if e is None else e for e in (fixed_event or [None] * n)], dtype=np.int64)
    event = np.full(n, -1, dtype=np.int64)
    offset = fixed.max() + 1 if n else 0
    order = np.argsort(story, kind="stable")
    bounds = np.flatnonzero(np.diff(story[order])) + 1
    for members in np.split(order, bounds):
        if not touched[members].any() and (fixed[members] >= 0).all():
            event[members] = fixed[members]
            continue
        members = members[np.argsort(rank[members])]
        local = _centred_merge(blocks, params, members)
        event[members] = offset + local
        offset += local.max() + 1
    _, event = np.unique(event, return_inverse=True)
    return event


def _centre(gram: np.ndarray) -> np.ndarray:
    """Cosines of the rows after subtracting their mean, from their Gram matrix alone."""
    mean = gram.mean(axis=1)
    out = gram - mean[:, None] - mean[None, :] + mean.mean()
    norm = np.sqrt(np.clip(np.diag(out), 1e-12, None))
    return out / np.outer(norm, norm)


def _centred_merge(blocks: Blocks, params: StoryParams, members: np.ndarray) -> np.ndarray:
    """Thread labels (0..k-1) of one story's members: each starts alone; the closest pair of threads
    merges while their centred average link is at least ``thread_centred`` or their plain one at
    least ``thread_raw``."""
    k = len(members)
    local = np.arange(k)
    if k < 2:
        return local
    centred = _centre(_gram(blocks, params.thread_weights, members))
    plain = similarity(blocks, params.event_weights, members, members)
    size = np.ones(k)
    score = np.maximum(centred - params.thread_centred, plain - params.thread_raw)
    np.fill_diagonal(score, -np.inf)
    for _ in range(k - 1):
        a, b = np.unravel_index(int(np.argmax(score)), score.shape)
        if score[a, b] < 0:
            break
        a, b = min(a, b), max(a, b)
        for mat in (centred, plain):
            mat[a] += mat[b]
            mat[:, a] += mat[:, b]
        size[a] += size[b]
        local[local == b] = a
        # only the merged thread's links change; the absorbed one's row and column are dropped
        pairs = size[a] * size
        row = np.maximum(centred[a] / pairs - params.thread_centred, plain[a] / pairs - params.thread_raw)
        row[score[a] == -np.inf] = -np.inf
        row[b] = row[a] = -np.inf
        score[a] = row
        score[:, a] = row
        score[b] = -np.inf
        score[:, b] = -np.inf
    return np.unique(local, return_inverse=True)[1]


def _gram(blocks: Blocks, w: Weights, members: np.ndarray) -> np.ndarray:
    """Gram matrix of the members' weighted block vectors (what :func:`_centre` needs: linear parts only)."""
    return similarity(blocks, replace(w, time_conflict=0.0), members, members)
