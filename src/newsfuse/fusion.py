"""The fuse step of a build: incremental, block by block (``fuse/blocks.py``).

1. **Reuse**: the articles not yet indexed get their candidate keys; they are compared with the
   stored articles sharing a key (``fuse/reuse_index.py``), and the links are stored.
2. **Stories**: the story stage (a black box here) assigns every article, the stored ones keeping
   their stories; the feature rows it compares articles by are kept per article (``story_rows``,
   ``fuse/story_rows.py``), so only new or re-extracted articles are read (text and mentions); the
   others are known by their kept rows alone.
3. **Blocks**: the blocks of the articles that are new, re-extracted, newly linked or moved to
   another story are found again (connected components over story and reuse links), fused from
   their own articles, and their records replace the old blocks' records in the account.

``full=True`` (``newsfuse refuse``) forgets every derived table and fuses every block the same
way, from the stored texts and mentions (nothing is parsed), so a full fusion and a run of
incremental ones give the same account.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
import time
from dataclasses import dataclass, field
from typing import Any

from .annotate.run import anchor_of
from .fuse.account import account_records, assign_stories, fuse_block, page_template, story_inputs
from .fuse.blocks import components, merge_record, sort_key
from .fuse.dates import DatedArticle, template_culprits
from .fuse.reuse import Copy, Passage
from .fuse.reuse_index import ReuseParams, article_keys, new_copies
from .fuse.stories import StoryInput
from .fuse.stories_vectors import article_vectors, cached_encode, copy_groups, kind_vectors, make_encoder
from .fuse.story_rows import decode_blocks, encode_rows, pack_vector
from .records import PublishedDate
from .settings import Settings, worker_processes
from .store.sqlite import Store

__all__ = ["FuseReport", "fuse_store"]

Reextract = Callable[[dict[str, PublishedDate]], None]


@dataclass(frozen=True, slots=True)
class FuseReport:
    """What a fuse step did."""

    pending: int  # articles stored or re-extracted since the last fuse step
    blocks: int  # blocks fused
    records: int  # records of the account rewritten
    dates_corrected: int
    seconds: dict[str, float] = field(default_factory=dict)  # reuse, stories, blocks (fuse and write)
    encode_seconds: float = 0.0  # the sentence encoder's time in the story stage (masked headlines)
    texts_encoded: int = 0  # texts it ran on


@dataclass(frozen=True, slots=True)
class FusedBlock:
    """One block fused: its records (kind -> (id, record, sort key)), the articles whose header date
    proved wrong (template -> ids), the publication dates it corrects, and its articles with their
    page template."""

    records: dict[str, list[tuple[str, dict[str, Any], str]]]
    culprits: dict[str, list[str]]
    corrections: dict[str, PublishedDate]
    members: dict[str, str | None]


def _link_json(c: Copy) -> str:
    return json.dumps({"kind": c.kind, "overlap": c.overlap,
                       "passages": [[p.a_start, p.a_end, p.b_start, p.b_end, p.words] for p in c.passages]})


def _link(a: str, b: str, data: str) -> Copy:
    d = json.loads(data)
    return Copy(a, b, d["kind"], d["overlap"], tuple(Passage(*p) for p in d["passages"]))


def _reuse(store: Store, settings: Settings) -> set[str]:
    """Index the articles not yet indexed and store their links; return the articles whose links changed."""
    params = ReuseParams(settings.shingle_size, settings.minhash_perm, settings.near_duplicate_threshold,
                         settings.passage_min_chars)
    todo = store.reuse_unindexed()
    if not todo:
        return set()
    keys = {a: article_keys(t, params) for a, t in store.texts(todo).items()}
    links, recheck = new_copies(keys, store.reuse_holders, store.texts, params)
    store.save_reuse(keys, [(c.a, c.b, _link_json(c)) for c in links], recheck)
    return set(todo) | recheck | {x for c in links for x in (c.a, c.b)}


#: onnxruntime threads of the story stage's encoders: fusion runs in one process after the extraction workers
#: have finished, so it has every core to itself (``encoder_threads`` is for the workers, which share them)
_FUSE_THREADS = 0


def _story_encoder(store: Store, settings: Settings) -> str:
    """The name of the story stage's article encoder ('' for none)."""
    name = settings.story_encoder
    if name == "auto":
        name = "e5" if store.has_foreign_language("en") else "none"
    return "" if name == "none" else name


def story_encode(store: Store, settings: Settings):
    """The story stage's article encoder, through the store's encoding cache (None: ``story_encoder = "none"``).

    ``auto``: the multilingual encoder once the store holds an article that is not in English (every article is
    then encoded once, so that all vectors come from one model), else none."""
    encoder = make_encoder(_story_encoder(store, settings) or "none", _FUSE_THREADS)
    return None if encoder is None else cached_encode(encoder, store.cached_vectors, store.save_vectors)


def _copy_groups_of(store: Store, arts: Sequence[Any]) -> dict[str, str]:
    """Article -> its copy group's first article, among ``arts`` (a wire copy takes its original's vectors)."""
    seq = {a.id: a.seq for a in arts}
    return copy_groups([(a, b, json.loads(d)["kind"]) for a, b, d in store.reuse_links(seq)], seq)


def _story_rows(store: Store, settings: Settings, pending: set[str], work: dict[str, float] | None = None) -> str:
    """Keep the story rows of the articles that lack one (new, re-extracted, re-dated) or are ``pending``,
    and their vectors when an encoder is in use; return the encoder's name ('' for none). Only those
    articles are read (their text and mentions), never the others."""
    missing = sorted(set(store.story_rows_missing()) | pending)
    kind_encoder = make_encoder("minilm", _FUSE_THREADS) if missing and settings.story_kind else None
    encode_kind = None if kind_encoder is None else cached_encode(kind_encoder, store.cached_vectors,
                                                                  store.save_vectors)
    for chunk in range(0, len(missing), 200):
        ids = missing[chunk : chunk + 200]
        arts, anns = store.articles(ids), store.annotations(ids)
        kinds = None
        if encode_kind is not None:  # the kind of story: the headline with its names masked, by the sentence encoder
            kinds = kind_vectors([(a.id, a.title, a.text, [(m.text, m.label) for m in anns[a.id].entities])
                                  for a in arts if a.id in anns], encode_kind, _copy_groups_of(store, arts))
        items = story_inputs(arts, anns, kinds)
        store.save_story_rows(encode_rows(items), {it.id: it.language for it in items})
    if kind_encoder is not None and work is not None:  # the learned layer's cost, reported as the extractors' is
        work["encode_s"] = work.get("encode_s", 0.0) + kind_encoder.seconds
        work["encoded"] = work.get("encoded", 0) + kind_encoder.sentences
    name = _story_encoder(store, settings)
    if name:
        todo = store.story_rows_without(name)
        encode = story_encode(store, settings)
        for chunk in range(0, len(todo), 200):
            arts = store.articles(todo[chunk : chunk + 200])
            # a wire copy takes its original's vector: one encoding per copy group among the articles encoded
            vectors = article_vectors([(a.id, a.title, a.text) for a in arts], encode, _copy_groups_of(store, arts))
            store.save_story_vectors(name, {a: pack_vector(v) for a, v in vectors.items()})
    return name


def _stories(store: Store, settings: Settings, pending: set[str],
             work: dict[str, float] | None = None) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Every article's (story, thread), and the articles whose assignment changed.

    The story stage reads every article's kept row (:mod:`.fuse.story_rows`), not the articles."""
    encoder = _story_rows(store, settings, pending, work)
    kept = store.story_rows(encoder)
    items = [StoryInput(aid, seq, "") for aid, seq, _, _, _ in kept]
    blocks = decode_blocks([(data, lang, vec) for _, _, data, lang, vec in kept])
    before = store.story_threads()
    assigned = assign_stories(items, {a: s for a, (s, _) in before.items()}, settings, blocks=blocks)
    changed = {a for a, st in assigned.items() if before.get(a) != st}
    store.save_story_threads({a: assigned[a] for a in changed})
    return assigned, changed


def _fuse_one(store: Store, settings: Settings, comp: list[str], assigned: Mapping[str, tuple[str, str]],
              wrong: Mapping[str, list[str]]) -> FusedBlock:
    """Fuse one component from its stored articles and mentions (reads the store, writes nothing)."""
    articles = store.articles(comp)
    anns = store.annotations(comp)
    members = set(comp)
    elsewhere = {t: [a for a in arts if a not in members] for t, arts in wrong.items()}
    copies = [_link(a, b, d) for a, b, d in store.reuse_links(comp) if a in members and b in members]
    account = fuse_block(articles, anns, settings, copies, assigned, elsewhere)
    seq = {a.id: a.seq for a in articles}
    records = account_records(account, articles, anns)
    dated = [DatedArticle(a.id, anns[a.id].published, a.date_evidence, page_template(a)) for a in articles if a.id in anns]
    culprits = template_culprits(dated, account.date_corrections)
    return FusedBlock(
        {kind: [(i, d, sort_key(kind, d, seq)) for i, d in items] for kind, items in records.items()},
        culprits, dict(account.date_corrections), {a.id: page_template(a) for a in articles})


#: fewer components than this (or fewer articles in them) are fused in this process: starting workers
#: costs more than it saves
PARALLEL_MIN_BLOCKS = 4
PARALLEL_MIN_ARTICLES = 64

_FUSE_WORKER: dict[str, Any] = {}


def _start_fuse_worker(db: str, settings: Settings, assigned: Mapping[str, tuple[str, str]]) -> None:
    _FUSE_WORKER.update(store=Store(db, must_exist=True), settings=settings, assigned=assigned)


def _fuse_in_worker(comp: list[str], wrong: Mapping[str, list[str]]) -> FusedBlock:
    return _fuse_one(_FUSE_WORKER["store"], _FUSE_WORKER["settings"], comp, _FUSE_WORKER["assigned"], wrong)


def fuse_processes(settings: Settings, comps: Sequence[Sequence[str]]) -> int:
    """How many processes fuse ``comps``: as for the parse (``n_process``; 0 = one per core, at most 4),
    one when there is too little to share or the system cannot fork (a spawned worker would have to be
    sent every story assignment)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    enough = len(comps) >= PARALLEL_MIN_BLOCKS and sum(len(c) for c in comps) >= PARALLEL_MIN_ARTICLES
    return max(1, min(worker_processes(settings.n_process, enough), len(comps)))


def _fuse_blocks(store: Store, settings: Settings, comps: list[list[str]], assigned: Mapping[str, tuple[str, str]],
                 wrong: Mapping[str, list[str]]) -> dict[str, FusedBlock]:
    """Fuse each component (``wrong``: template -> articles whose header date proved wrong): block id -> result.

    Components are independent: with several processes (forked, each with its own read-only connection to
    the store; this process alone writes), the largest go first so that no worker is left with a big one at
    the end; the result is the same as fusing them in turn."""
    procs = fuse_processes(settings, comps)
    if procs == 1:
        return {comp[0]: _fuse_one(store, settings, comp, assigned, wrong) for comp in comps}
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(comps, key=len, reverse=True)
    with ProcessPoolExecutor(procs, mp_context=multiprocessing.get_context("fork"), initializer=_start_fuse_worker,
                             initargs=(store.address, settings, assigned)) as pool:
        done = dict(zip((c[0] for c in order), pool.map(_fuse_in_worker, order, [wrong] * len(order))))
    return {comp[0]: done[comp[0]] for comp in comps}


def _culprit_map(stored: Mapping[str, list[str]], fused: Mapping[str, FusedBlock]) -> dict[str, list[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for t, arts in stored.items():
        out[t] |= set(arts)
    for block in fused.values():
        for t, arts in block.culprits.items():
            out[t] |= set(arts)
    return {t: sorted(a) for t, a in out.items()}


def fuse_store(store: Store, settings: Settings, reextract: Reextract, *, full: bool = False) -> FuseReport:
    """Fuse what changed since the last fuse step (everything with ``full``), and write the account."""
    if full or store.count_blocks() == 0:
        store.reset_fusion()
    clock = [time.perf_counter()]
    seconds: dict[str, float] = {}

    def lap(name: str) -> None:
        now = time.perf_counter()
        seconds[name] = round(now - clock[0], 3)
        clock[0] = now

    pending = set(store.fuse_pending())
    touched = set(pending) | _reuse(store, settings)
    lap("reuse")
    work: dict[str, float] = {}
    assigned, moved = _stories(store, settings, pending, work)
    touched |= moved
    lap("stories")
    if not touched:
        return FuseReport(pending=0, blocks=0, records=0, dates_corrected=0, seconds=seconds,
                          encode_seconds=work.get("encode_s", 0.0), texts_encoded=int(work.get("encoded", 0)))

    by_story: dict[str, set[str]] = defaultdict(set)
    for a, (s, _) in assigned.items():
        by_story[s].add(a)

    def neighbours(ids: set[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {i: set(by_story[assigned[i][0]]) if i in assigned else set() for i in ids}
        for a, b, _ in store.reuse_links(ids):
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
        return out

    old = store.blocks_of(touched)
    seeds = touched | {a for members in store.block_members(set(old.values())).values() for a in members}
    comps = components(seeds, neighbours)
    removed = set(store.blocks_of(a for c in comps for a in c).values())

    def fuse_round(comps: list[list[str]]) -> dict[str, FusedBlock]:
        """Fuse the components; then those whose templates' culprits changed elsewhere, with the final culprits."""
        nonlocal removed
        stored = store.template_culprits(excluding=removed)
        fused = _fuse_blocks(store, settings, comps, assigned, stored)
        final = _culprit_map(stored, fused)
        before = _culprit_map(store.template_culprits(), {})
        changed = {t for t in set(final) | set(before) if final.get(t) != before.get(t)}
        if not changed:
            return fused
        # a template proved wrong (or no longer) here: its pages in other blocks are judged again
        more = store.blocks_with_templates(changed) - removed
        removed |= more
        redo = [c for c in comps if any(t in changed for t in fused[c[0]].members.values() if t)]
        redo += [sorted(m) for m in store.block_members(more).values()]
        fused.update(_fuse_blocks(store, settings, redo, assigned, final))
        return fused

    fused = fuse_round(comps)
    corrected = _write_dates(store, fused)
    changed = {a: p for a, p in corrected.items() if _stored_anchor(store, a) != anchor_of(p, settings.anchor_min_confidence)}
    if changed:
        # relative dates in these articles now have a better anchor: read them again, fuse their blocks again
        reextract(changed)
        fused.update(fuse_round([c for c in _comps_of(fused) if set(c) & set(changed)]))
        corrected.update(_write_dates(store, fused))
    blocks = {b: (f.members, f.records, f.culprits) for b, f in fused.items()}
    done = pending | {a for f in fused.values() for a in f.members}
    written = store.write_blocks(removed, blocks, merge_record, done=done)
    lap("blocks")
    return FuseReport(pending=len(pending), blocks=len(blocks), records=written, dates_corrected=len(corrected),
                      seconds=seconds, encode_seconds=work.get("encode_s", 0.0), texts_encoded=int(work.get("encoded", 0)))


def _comps_of(fused: Mapping[str, FusedBlock]) -> list[list[str]]:
    return [sorted(f.members) for f in fused.values()]


def _stored_anchor(store: Store, article: str) -> str | None:
    row = store.db.execute("SELECT anchor FROM articles WHERE id = ?", (article,)).fetchone()
    return row[0] if row else None


def _write_dates(store: Store, fused: Mapping[str, FusedBlock]) -> dict[str, PublishedDate]:
    """Write the blocks' corrected publication dates back to their articles."""
    out = {aid: pub for f in fused.values() for aid, pub in f.corrections.items()}
    for aid, pub in sorted(out.items()):
        store.set_published(aid, pub)
    return out
