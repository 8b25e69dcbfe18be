"""Stories: articles about the same developing story, grouped incrementally, with event threads.

An editor groups reports by what they share: what they are about (the encoder's vector of the
title and lead, :mod:`.stories_vectors`), the people, places and organisations, the distinctive
words, the dates and figures, and the kind of event. Two levels come out of that:

- a **story** (what the reports are about: "celebrity checks into rehab",
  "earthquake in the region"), and inside it
- an **event thread**: the reports about one specific event (the 2008
  earthquake, not the 2013 one; one minister's visit, not another's).

The assignment is a function of the set of articles, not of the order they came in
(:mod:`.stories_cluster`): ``prior`` assignments are kept for every story no new article
touches, a new article joins a story or starts one, and stories that a new report links merge,
the older id winning. Ids are ``s-<first article>`` and ``e-<first article>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .stories_cluster import StoryParams, Weights, cluster
from .stories_features import STOPWORDS, Blocks, StoryInput, build_blocks, select_rows, story_input, word_bag

__all__ = ["StoryInput", "StoryParams", "Weights", "assign_stories", "assign_story_events", "describe_story", "story_input",
           "word_bag", "STOPWORDS"]

Prior = Mapping[str, tuple[str, str]] | Mapping[str, str]


def assign_story_events(items: Sequence[StoryInput], prior: Prior | None = None,
                        params: StoryParams | None = None, blocks: Blocks | None = None) -> dict[str, tuple[str, str]]:
    """Article id -> (story id, event-thread id).

    ``blocks``: the items' feature rows already made (in the order of ``items``; the store keeps
    them, ``fuse/story_rows.py``), instead of computing them from the items' texts.

    ``prior`` maps articles to their earlier ``(story, thread)`` (or just their story: the
    threads are then recomputed). Stories that no new article touches keep their articles and
    ids; the partition is the same whatever the order of ``items`` or of the runs that built
    ``prior`` (up to exact ties). Ids go to the earliest member (prior articles first, then by
    ``seq``).
    """
    params = params or StoryParams()
    prior = dict(prior or {})
    position = {it.id: i for i, it in enumerate(items)}
    order = sorted(items, key=lambda it: (it.id not in prior, it.seq, it.id))
    if not order:
        return {}
    blocks = build_blocks(order) if blocks is None else select_rows(blocks, [position[it.id] for it in order])
    old_story: list[str | None] = []
    old_event: list[str | None] = []
    for it in order:
        value = prior.get(it.id)
        if isinstance(value, tuple):
            old_story.append(value[0])
            old_event.append(value[1])
        else:
            old_story.append(value)
            old_event.append(None)
    story_code = {s: i for i, s in enumerate(dict.fromkeys(s for s in old_story if s is not None))}
    event_code = {e: i for i, e in enumerate(dict.fromkeys(e for e in old_event if e is not None))}
    stories, events = cluster(
        blocks, params,
        [story_code[s] if s is not None else None for s in old_story],
        [it.id for it in order],
        [event_code[e] if e is not None else None for e in old_event],
    )
    return dict(zip((it.id for it in order),
                    zip(_names(order, stories, old_story, "s-"), _names(order, events, old_event, "e-"))))


def _names(order: Sequence[StoryInput], labels, old: Sequence[str | None], prefix: str) -> list[str]:
    """Cluster labels as ids: the earliest member's earlier id not taken by another cluster, else
    ``prefix + first member``."""
    candidates: dict[int, list[str]] = {}
    for it, label, was in zip(order, labels, old):
        ids = candidates.setdefault(int(label), [])
        if was is not None and was not in ids:
            ids.append(was)
        elif was is None and not ids:
            ids.append(prefix + it.id)
    name: dict[int, str] = {}
    taken: set[str] = set()
    # clusters with the most members under an earlier id claim it first (a split story keeps its id
    # on its larger part)
    weight = {label: sum(1 for lab, was in zip(labels, old) if int(lab) == label and was == ids[0])
              for label, ids in candidates.items()}
    for label in sorted(candidates, key=lambda lab: (-weight[lab], lab)):
        pick = next((c for c in candidates[label] if c not in taken), None)
        if pick is None:
            first = next(it.id for it, lab in zip(order, labels) if int(lab) == label)
            pick = prefix + first
            while pick in taken:
                pick += "'"
        name[label] = pick
        taken.add(pick)
    return [name[int(label)] for label in labels]


def assign_stories(items: Sequence[StoryInput], prior: Prior | None = None, threshold: float | None = None,
                   params: StoryParams | None = None) -> dict[str, str]:
    """Article id -> story id (the first level of :func:`assign_story_events`).

    ``threshold`` overrides the story threshold of ``params``.
    """
    params = params or StoryParams()
    if threshold is not None:
        params = replace(params, story_threshold=threshold)
    return {a: s for a, (s, _) in assign_story_events(items, prior, params).items()}


def describe_story(members: Sequence[tuple[str | None, str, str | None]], keywords: int = 5) -> tuple[str | None, list[str]]:
    """``(title, keywords)`` of a story from its members' ``(title, text, language)``.

    The title is the headline whose words are closest to what the story's reports share (the
    rarity-weighted mean of their words), not the first one to come in; the keywords are the
    rarest words at least half of the reports use (every report, for a story of one or two).
    """
    import numpy as np

    from .stories_features import _WORD, _matrix, rarity

    if not members:
        return None, []
    langs = [lang for _, _, lang in members]
    mat = _matrix([word_bag(text, title) for title, text, _ in members] +
                  [word_bag(title or "") for title, _, _ in members], langs + langs)
    n = len(members)
    centre = np.asarray(mat[:n].sum(axis=0)).ravel()
    closeness = mat[n:] @ centre
    titled = [i for i, (title, _, _) in enumerate(members) if title and title.strip()]
    if titled:
        title = members[max(titled, key=lambda i: (closeness[i], -i))][0].strip()
    else:
        first = " ".join(members[0][1].split())[:120]
        title = (first.rsplit(" ", 1)[0] + "…" if len(first) == 120 else first) or None
    need = max(1, (n + 1) // 2) if n > 2 else n
    used: dict[str, int] = {}
    for t, text, _ in members:
        for w in {m.group().lower() for m in _WORD.finditer(f"{t or ''} {text}")} - STOPWORDS:
            used[w] = used.get(w, 0) + 1
    lang = next((lg for lg in langs if lg), None) or "en"
    shared = [w for w, c in used.items() if c >= need]
    shared.sort(key=lambda w: (-used[w] * rarity(w, lang), w))
    return title, shared[:keywords]
