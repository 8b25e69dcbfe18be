"""Fusion by blocks: what makes it incremental, and equal to fusing everything at once.

A **block** is a connected component of articles joined by a shared story or a reuse link (a copy,
a near duplicate, a shared passage). Everything fusion links is linked inside a block: entities,
statements, figure groups, events, copy groups and the cross-source date correction are computed
from the block's articles alone (:func:`~.account.fuse_block`), in an order fixed by article id.
So the account is the union of the blocks' records, and a build fuses only the blocks its new
articles touch (and the blocks they join): the cost follows the new articles and what they touch,
not the corpus.

Two things cross blocks, and both are handled from stored facts, never by fusing everything:

- a person or organisation named in two stories is one entity: each block names its entities by
  their canonical name (``ent-<slug>``), and the versions of one id are merged (:func:`merge_record`);
- a page template whose header date proved wrong in one block loses trust on its pages in others:
  the blocks store their culprits, and a block is fused again when the culprits of one of its
  templates change (``fusion.py``).

Block ids are the block's first article id; records have the same ids whichever order the
articles came in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .disjoint import DisjointSet

__all__ = ["components", "merge_record", "sort_key"]


def components(seeds: Iterable[str], neighbours: Callable[[set[str]], dict[str, set[str]]]) -> list[list[str]]:
    """The connected components holding ``seeds``, each sorted, in order of their first id.

    ``neighbours(ids)`` gives each id's neighbours (one call per wave of the search, so the store
    answers in batches)."""
    seen = set(seeds)
    sets = DisjointSet(seen)
    frontier = set(seen)
    while frontier:
        found = neighbours(frontier)
        nxt: set[str] = set()
        for a, others in found.items():
            for b in others:
                if b not in seen:
                    seen.add(b)
                    sets.parent[b] = b
                    nxt.add(b)
                ra, rb = sets.find(a), sets.find(b)
                sets.link(max(ra, rb), min(ra, rb))
        frontier = nxt
    comps: dict[str, list[str]] = {}
    for x in seen:
        comps.setdefault(sets.find(x), []).append(x)
    return sorted((sorted(c) for c in comps.values()), key=lambda c: c[0])


def merge_record(kind: str, versions: list[dict[str, Any]]) -> dict[str, Any]:
    """One record from the versions several blocks hold of it (entities: one person in two stories).

    The versions come in block order; the result does not depend on it: the name and type of the
    version with the most mentions (then the smallest name), every alias, every mention."""
    if kind != "entity":
        # only entities are named by content; any other id is unique to its block. Keep the first.
        return versions[0]
    best = min(versions, key=lambda v: (-len(v.get("mentions", [])), v.get("name") or "", v.get("type") or ""))
    mentions = sorted({json.dumps(m, sort_keys=True, ensure_ascii=False) for v in versions for m in v.get("mentions", [])})
    names = {v.get("name") for v in versions}
    aliases = sorted({a for v in versions for a in v.get("aliases", [])} | (names - {best.get("name"), None}))
    return {**best, "aliases": aliases,
            "mentions": sorted((json.loads(m) for m in mentions), key=lambda m: (m["article"], m["start"], m["end"]))}


def sort_key(kind: str, data: Mapping[str, Any], seq: Mapping[str, int]) -> str:
    """Where a record goes in its kind's listing, as text (``fused.sort``): quotes by independent
    sources, then mentions; stories by their first article as stored (``seq``); the rest by id."""
    def count(n: int) -> str:
        return f"{10**9 - n:010d}"

    if kind == "quote":
        return count(data.get("independent_sources") or 0) + count(len(data.get("mentions", []))) + data["id"]
    if kind == "story":
        first = min((seq.get(a, 0) for a in data.get("articles", [])), default=0)
        return f"{first:012d}" + data["id"]
    if kind == "copy_group":
        return data["article"]
    return str(data.get("id") or f"{data.get('a')}|{data.get('b')}")
