"""Online two-level clustering: stories, and specific events (threads) inside them.

Articles are taken one at a time, in order. Each is scored against every story
formed so far (a mix of average and best link over the story's articles, from
one vectorised row of similarities), joins the best story above the story
threshold or starts one, then, inside its story, joins the closest event
thread above the event threshold or starts one. Nothing already placed moves,
except by merging: at the end, stories whose articles are as close to each
other as one story's are merged, and the threads of each story are merged,
closest pair first, by their *centred* average link: every article's vector
minus its story's mean, so that what all the story's reports share (the
celebrity, the kind of event) no longer counts and what tells one event from
the other (its place, its people, its details) is left. A plain average link
high enough also merges, so a story of one event is not split into noise.
(``thread_centred=None`` keeps the older thread merges: absolute and
cohesion-relative link, and splinters folded into their neighbours' thread.)
The older cluster keeps its id.

Similarities are computed a block of rows at a time (``rows x earlier
articles``), so memory stays ``block x n`` and the loop body is numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .stories_features import Blocks
from ..settings import STORY_THRESHOLD

__all__ = ["Weights", "StoryParams", "cluster"]

_BLOCKS = ("words", "proper", "lead", "names", "times", "numbers", "kinds")


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each feature block counts in a similarity (cosines are summed with these weights)."""

    words: float
    names: float
    times: float = 0.0
    proper: float = 0.0
    lead: float = 0.0
    numbers: float = 0.0
    kinds: float = 0.0
    time_conflict: float = 0.0  # subtracted when both mention years and share none of them


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Thresholds and weights of the two levels.

    Tuned globally (one setting for every topic) on the shared ECB+ topics 1-35;
    similarities are weighted sums of block cosines, so thresholds are on that scale.
    """

    story_threshold: float = STORY_THRESHOLD  # one default, in settings.py
    event_threshold: float = 0.40
    story_weights: Weights = Weights(words=0.3, lead=0.4, names=0.3)
    event_weights: Weights = Weights(words=0.1, proper=0.4, names=0.5, numbers=0.1)
    avg_link: float = 1.0  # story score = avg_link * average + (1 - avg_link) * best link
    event_avg_link: float = 0.5  # the same, for event threads
    # Average link to merge two stories at the end of a run (None: story_threshold). On ECB+ dev the
    # true merges link at >= .053 and the false ones at <= .051 (topics 1-17 and 18-35 apart, and all
    # 33 together); below ~.05 stories of one kind (two shootings, two Obama appointments) chain.
    story_merge: float | None = 0.052
    event_merge: float | None = 0.20
    neighbour_merge: float | None = 0.05  # fold splinter threads into their neighbours' thread
    mutual_merge: bool = False  # merge stories only when each is the other's closest
    event_merge_relative: float | None = 0.6  # threads also need link >= this x their own cohesion
    # Threads of one story merge by *centred* average link: each article's vector minus the story's
    # mean, so what the whole story shares (its people, its kind of event) stops counting and what
    # tells one event from another is left. ``None`` keeps the plain merges above.
    thread_centred: float | None = -0.1
    thread_raw: float = 0.25  # ... or by plain average link (event_weights) at least this high
    thread_weights: Weights = Weights(words=1.0, proper=1.0, lead=1.0, names=0.0)
    block: int = 512


def _sim(blocks: Blocks, w: Weights, rows: slice, upto: int) -> np.ndarray:
    """Dense ``rows x upto`` similarity of the articles in ``rows`` with the first ``upto``."""
    out = np.zeros((rows.stop - rows.start, upto))
    for name in _BLOCKS:
        weight = getattr(w, name)
        if weight:
            mat: sparse.csr_matrix = getattr(blocks, name)
            out += weight * (mat[rows] @ mat[:upto].T).toarray()
    if w.time_conflict:
        times = blocks.times
        shared = (times[rows] @ times[:upto].T).toarray()
        both = np.outer(blocks.has_time[rows], blocks.has_time[:upto])
        out -= w.time_conflict * both * (shared == 0)
    return out


def _link(row: np.ndarray, labels: np.ndarray, sizes: np.ndarray, avg: float) -> np.ndarray:
    """Per-cluster score of one article: ``avg * mean + (1 - avg) * max`` of its similarities."""
    k = len(sizes)
    mean = np.bincount(labels, weights=row, minlength=k) / np.maximum(sizes, 1)
    if avg >= 1.0:
        return mean
    best = np.full(k, -np.inf)
    np.maximum.at(best, labels, row)
    return avg * mean + (1.0 - avg) * best


def cluster(blocks: Blocks, params: StoryParams, fixed_story: Sequence[int | None],
            fixed_event: Sequence[int | None]) -> tuple[np.ndarray, np.ndarray]:
    """Story and event labels (ints) for the rows of ``blocks``, taken in row order.

    ``fixed_story[i]`` / ``fixed_event[i]`` (labels from earlier runs, or None) are
    kept as given; a fixed story with no fixed event gets its thread chosen inside
    that story. Labels are indices; a merged cluster takes the smaller label.
    """
    n = blocks.words.shape[0]
    story = np.full(n, -1, dtype=np.int64)
    event = np.full(n, -1, dtype=np.int64)
    story_of_event: list[int] = []
    s_size: list[int] = []
    e_size: list[int] = []
    fixed_s: dict[int, int] = {}  # caller's label -> our story index
    fixed_e: dict[int, int] = {}
    for start in range(0, n, params.block):
        rows = slice(start, min(n, start + params.block))
        s_sim = _sim(blocks, params.story_weights, rows, rows.stop)
        e_sim = _sim(blocks, params.event_weights, rows, rows.stop)
        for i in range(rows.start, rows.stop):
            r = i - start
            if fixed_story[i] is not None:
                s = fixed_s.setdefault(fixed_story[i], len(s_size))
                if s == len(s_size):
                    s_size.append(0)
            else:
                s = -1
                if s_size:
                    scores = _link(s_sim[r, :i], story[:i], np.asarray(s_size), params.avg_link)
                    best = int(np.argmax(scores))
                    if scores[best] >= params.story_threshold:
                        s = best
                if s < 0:
                    s = len(s_size)
                    s_size.append(0)
            story[i] = s
            s_size[s] += 1
            if fixed_event[i] is not None:
                e = fixed_e.setdefault(fixed_event[i], len(e_size))
                if e == len(e_size):
                    e_size.append(0)
                    story_of_event.append(s)
            else:
                e = -1
                mask = story[:i] == s
                if mask.any():
                    scores = _link(e_sim[r, :i][mask], event[:i][mask], np.asarray(e_size), params.event_avg_link)
                    candidates = np.flatnonzero(np.asarray(story_of_event) == s)
                    best = int(candidates[np.argmax(scores[candidates])])
                    if scores[best] >= params.event_threshold:
                        e = best
                if e < 0:
                    e = len(e_size)
                    e_size.append(0)
                    story_of_event.append(s)
            event[i] = e
            e_size[e] += 1
    story = _merge(blocks, params.story_weights, story, params.story_threshold
                   if params.story_merge is None else params.story_merge, mutual=params.mutual_merge)
    if params.thread_centred is not None:
        return story, _centred_merge(blocks, params, story, event)
    within = {int(e): int(s) for e, s in zip(event, story)}
    event = _merge(blocks, params.event_weights, event, params.event_threshold
                   if params.event_merge is None else params.event_merge, group=within,
                   relative=params.event_merge_relative)
    if params.neighbour_merge is not None:
        event = _neighbour_merge(blocks, params.event_weights, story, event, params.neighbour_merge)
    return story, event


def _centre(gram: np.ndarray) -> np.ndarray:
    """Cosines of the rows after subtracting their mean, from their Gram matrix alone."""
    mean = gram.mean(axis=1)
    out = gram - mean[:, None] - mean[None, :] + mean.mean()
    norm = np.sqrt(np.clip(np.diag(out), 1e-12, None))
    return out / np.outer(norm, norm)


def _centred_merge(blocks: Blocks, params: StoryParams, story: np.ndarray, event: np.ndarray) -> np.ndarray:
    """Merge the threads of each story, closest pair first, while their centred average link is at
    least ``thread_centred`` or their plain one at least ``thread_raw``; the older thread keeps its id."""
    event = event.copy()
    order = np.argsort(story, kind="stable")
    bounds = np.flatnonzero(np.diff(story[order])) + 1
    for members in np.split(order, bounds):
        threads, local = np.unique(event[members], return_inverse=True)
        k = len(threads)
        if k < 2:
            continue
        member = sparse.csr_matrix((np.ones(len(members)), (local, np.arange(len(members)))), shape=(k, len(members)))
        centred = member @ (member @ _centre(_pair_sim(blocks, params.thread_weights, members))).T
        plain = member @ (member @ _pair_sim(blocks, params.event_weights, members)).T
        size = np.asarray(member.sum(axis=1)).ravel()
        alive = np.ones(k, dtype=bool)
        while alive.sum() > 1:
            pairs = np.outer(size, size)
            score = np.maximum(centred / pairs - params.thread_centred, plain / pairs - params.thread_raw)
            score[~(alive[:, None] & alive[None, :])] = -np.inf
            np.fill_diagonal(score, -np.inf)
            a, b = np.unravel_index(int(np.argmax(score)), score.shape)
            if score[a, b] < 0:
                break
            a, b = min(a, b), max(a, b)  # threads are numbered in order of creation: a is older
            for mat in (centred, plain):
                mat[a] += mat[b]
                mat[:, a] += mat[:, b]
            size[a] += size[b]
            alive[b] = False
            local[local == b] = a
        event[members] = threads[local]
    return event


def _cohesion(blocks: Blocks, w: Weights, labels: np.ndarray, diag: np.ndarray) -> np.ndarray:
    """Average similarity between distinct members of each cluster (0 for a single article)."""
    self_sim = np.zeros(len(labels))
    for name in _BLOCKS:
        weight = getattr(w, name)
        if weight:
            self_sim += weight * (np.diff(getattr(blocks, name).indptr) > 0)
    sizes = np.bincount(labels, minlength=len(diag)).astype(float)
    total = diag * sizes * sizes - np.bincount(labels, weights=self_sim, minlength=len(diag))
    return np.where(sizes > 1, total / np.maximum(sizes * (sizes - 1), 1), 0.0)


def _neighbour_merge(blocks: Blocks, w: Weights, story: np.ndarray, event: np.ndarray,
                     floor: float) -> np.ndarray:
    """Fold a thread into another of its story when most of its articles have their nearest
    neighbour (within the story, at similarity >= ``floor``) there: a splinter, not a second event."""
    event = event.copy()
    order = np.argsort(story, kind="stable")
    bounds = np.flatnonzero(np.diff(story[order])) + 1
    for members in np.split(order, bounds):
        if len(members) < 2 or len(np.unique(event[members])) < 2:
            continue
        members = np.sort(members)
        sim = _pair_sim(blocks, w, members)
        np.fill_diagonal(sim, -np.inf)
        while True:
            labels = event[members]
            threads, sizes = np.unique(labels, return_counts=True)
            if len(threads) < 2:
                break
            nn = sim.argmax(axis=1)
            ok = sim[np.arange(len(members)), nn] >= floor
            moved = False
            for t in threads[np.argsort(sizes, kind="stable")]:
                inside = labels == t
                targets = labels[nn[inside & ok]]
                targets = targets[targets != t]
                if not len(targets):
                    continue
                u, votes = np.unique(targets, return_counts=True)
                best = u[np.argmax(votes)]
                if votes.max() * 2 > inside.sum() and (labels == best).sum() >= inside.sum():
                    keep, gone = min(t, best), max(t, best)
                    event[members[labels == gone]] = keep
                    moved = True
                    break
            if not moved:
                break
    return event


def _pair_sim(blocks: Blocks, w: Weights, members: np.ndarray) -> np.ndarray:
    """Dense similarity among the given rows (linear parts of the weights only)."""
    out = np.zeros((len(members), len(members)))
    for name in _BLOCKS:
        weight = getattr(w, name)
        if weight:
            mat = getattr(blocks, name)[members]
            out += weight * (mat @ mat.T).toarray()
    return out


def _centroid_sim(blocks: Blocks, w: Weights, labels: np.ndarray, k: int) -> np.ndarray:
    """Average-link similarity between clusters (linear parts of the weights only)."""
    n = len(labels)
    member = sparse.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
    out = np.zeros((k, k))
    for name in _BLOCKS:
        weight = getattr(w, name)
        if weight:
            cent = member @ getattr(blocks, name)
            out += weight * (cent @ cent.T).toarray()
    sizes = np.asarray(member.sum(axis=1)).ravel()
    sizes[sizes == 0] = 1
    return out / np.outer(sizes, sizes)


def _merge(blocks: Blocks, w: Weights, labels: np.ndarray, threshold: float,
           group: dict[int, int] | None = None, mutual: bool = False,
           relative: float | None = None) -> np.ndarray:
    """Merge clusters whose average link reaches ``threshold`` (only inside one ``group``)."""
    labels = labels.copy()
    while True:
        present = np.unique(labels)
        if len(present) < 2:
            return labels
        dense = np.searchsorted(present, labels)
        sim = _centroid_sim(blocks, w, dense, len(present))
        if relative is not None:
            cohesion = _cohesion(blocks, w, dense, np.diag(sim).copy())
            sim[sim < relative * np.sqrt(np.outer(cohesion, cohesion))] = -np.inf
        np.fill_diagonal(sim, -np.inf)
        if group is not None:
            g = np.asarray([group[int(p)] for p in present])
            sim[g[:, None] != g[None, :]] = -np.inf
        if mutual:
            best = sim.argmax(axis=1)
            first = np.flatnonzero(best[best] == np.arange(len(present)))
            pairs = np.column_stack([first, best[first]])
            pairs = pairs[sim[pairs[:, 0], pairs[:, 1]] >= threshold]
        else:
            pairs = np.argwhere(sim >= threshold)
        if not len(pairs):
            return labels
        order = np.argsort(-sim[pairs[:, 0], pairs[:, 1]], kind="stable")
        used: set[int] = set()
        for a, b in pairs[order]:
            if a in used or b in used or a >= b:
                continue
            used.update((int(a), int(b)))
            labels[labels == present[b]] = present[a]
        if not used:
            return labels
