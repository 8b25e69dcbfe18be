"""Stories: articles about the same developing story, grouped incrementally, with event threads.

An editor groups reports by what they share: the people, places and
organisations, the distinctive words, the dates and figures, and the kind of
event. Two levels come out of that:

- a **story** (what the reports are about: "celebrity checks into rehab",
  "earthquake in the region"), and inside it
- an **event thread**: the reports about one specific event (the 2008
  earthquake, not the 2013 one; one minister's visit, not another's).

Articles are placed one at a time (:mod:`.stories_cluster`): ``prior``
assignments are kept, new articles join or start stories and threads, and
stories (threads) that turn out to be one are merged, the older id winning.
Ids are ``s-<first article>`` and ``e-<first article>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .stories_cluster import StoryParams, Weights, cluster
from .stories_features import STOPWORDS, StoryInput, build_blocks, story_input, word_bag

__all__ = ["StoryInput", "StoryParams", "Weights", "assign_stories", "assign_story_events", "story_input",
           "word_bag", "STOPWORDS"]

Prior = Mapping[str, tuple[str, str]] | Mapping[str, str]


def assign_story_events(items: Sequence[StoryInput], prior: Prior | None = None,
                        params: StoryParams | None = None) -> dict[str, tuple[str, str]]:
    """Article id -> (story id, event-thread id).

    ``prior`` maps articles to their earlier ``(story, thread)`` (or just their
    story: the thread is then chosen inside it). Prior articles are placed first,
    as they were; the others follow in ``seq`` order.
    """
    params = params or StoryParams()
    prior = dict(prior or {})
    order = sorted(items, key=lambda it: (it.id not in prior, it.seq, it.id))
    if not order:
        return {}
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
        build_blocks(order), params,
        [story_code[s] if s is not None else None for s in old_story],
        [event_code[e] if e is not None else None for e in old_event],
    )
    return dict(zip((it.id for it in order),
                    zip(_names(order, stories, old_story, "s-"), _names(order, events, old_event, "e-"))))


def _names(order: Sequence[StoryInput], labels, old: Sequence[str | None], prefix: str) -> list[str]:
    """Cluster labels as ids: an earlier id if a member had one, else ``prefix + first member``."""
    name: dict[int, str] = {}
    for it, label, was in zip(order, labels, old):
        label = int(label)
        if label not in name:
            name[label] = was if was is not None else prefix + it.id
    return [name[int(label)] for label in labels]


def assign_stories(items: Sequence[StoryInput], prior: Prior | None = None, threshold: float | None = None,
                   merge_threshold: float | None = None, params: StoryParams | None = None) -> dict[str, str]:
    """Article id -> story id (the first level of :func:`assign_story_events`).

    ``threshold`` / ``merge_threshold`` override the story-level thresholds of ``params``.
    """
    params = params or StoryParams()
    if threshold is not None:
        params = replace(params, story_threshold=threshold)
    if merge_threshold is not None:
        params = replace(params, story_merge=merge_threshold)
    return {a: s for a, (s, _) in assign_story_events(items, prior, params).items()}

