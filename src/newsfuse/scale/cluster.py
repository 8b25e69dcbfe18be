"""Parse and extract new articles on a Dask cluster; the driver alone writes to the store.

``--scheduler dask`` starts a local cluster (one single-threaded worker process per core);
``--scheduler tcp://HOST:8786`` uses a running one (``dask scheduler`` on one machine,
``dask worker tcp://HOST:8786`` on each of the others, all with newsfuse installed). Work is cut
into partitions of articles (``dask.bag.map_partitions``); each worker process loads the spaCy
pipeline and the learned heads once and keeps them, parses its partition sentence by sentence
exactly as the local runner does (so the account is the same), and runs the extractors. Partitions
run at once, so the sentences several articles share (wire copies) are parsed and encoded first,
once, spread over the workers, and handed to every worker with the partitions: no sentence is
parsed or encoded twice. Sentences and encodings the store already holds are read from it when
the worker can reach the database file or server; the results come back to the driver, which saves
parses, sentence parses, encodings and annotations as the local runner would, and counts the
encoder's work in the build summary.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..annotate import run as annotate_run
from ..annotate.parse import doc_to_bytes, parse_with_cache
from ..annotate.run import anchor_of, annotate_doc, load_nlp, model_version
from ..errors import Errors, NewsfuseError
from ..learn.cache import PendingVectors
from ..records import Annotation, DateEvidence, Rejection
from ..settings import Settings
from ..store.dialect import backend_of
from ..store.sqlite import Store

__all__ = ["process_on_dask", "Done", "work_partition", "work_shared"]


@dataclass(frozen=True, slots=True)
class Done:
    """One article as a worker hands it back."""

    article: str
    parse: bytes
    annotation: Annotation | None
    error: str | None = None


def _cached_lookup(db: str | None, cache: str = "cached_sentences") -> Callable[[Sequence[str]], Mapping[str, bytes]]:
    """What the store's ``cache`` (sentence parses, or ``cached_vectors``: encodings) already holds, when
    this worker can reach its file or its PostgreSQL server (else nothing)."""
    def lookup(keys: Sequence[str]) -> Mapping[str, bytes]:
        if not db or (backend_of(db) == "sqlite" and not os.path.exists(db)):
            return {}
        with Store(db, must_exist=True) as store:
            return getattr(store, cache)(keys)

    return lookup


#: per worker thread (a worker started with several threads runs several tasks at once): the encodings it
#: made and has not handed back yet, which its heads' cache sees first, and its heads
_LOCAL = threading.local()


def _heads(settings: Settings) -> tuple[PendingVectors, Any]:
    """This thread's pending encodings and its learned heads with their encoder (None: rules only), loaded once;
    the heads encode through the pending encodings, whose ``lookup`` each task points at what it may read."""
    from ..pipeline import load_event_typer

    if not hasattr(_LOCAL, "pending"):
        _LOCAL.pending, _LOCAL.typers, _LOCAL.db = PendingVectors(), {}, settings.db
    if _LOCAL.db != settings.db:  # a cluster that serves several stores: what one was handed is not in the other
        _LOCAL.pending.forget()
        _LOCAL.db = settings.db
    key = (settings.event_type_model, settings.event_sense_model, settings.encoder_threads)
    if key not in _LOCAL.typers:
        _LOCAL.typers[key] = load_event_typer(settings, None, _LOCAL.pending.save, _LOCAL.pending.find)
    return _LOCAL.pending, _LOCAL.typers[key]


def _work(typer) -> tuple[float, int, int]:
    return typer.work() if typer is not None else (0.0, 0, 0)


def _first(known: Mapping[str, bytes], then: Callable[[Sequence[str]], Mapping[str, bytes]]
           ) -> Callable[[Sequence[str]], dict[str, bytes]]:
    """A cache look-up answered from ``known`` first, then by ``then`` for the other keys."""
    def lookup(keys: Sequence[str]) -> dict[str, bytes]:
        found = {k: known[k] for k in keys if k in known}
        rest = [k for k in keys if k not in found]
        if rest:
            found.update(then(rest))
        return found

    return lookup


def work_shared(items: list[tuple[str, str, bytes | None]], settings: Settings
                ) -> list[tuple[dict[str, bytes], dict[str, bytes], list, tuple]]:
    """Parse the sentences ``(cache key, sentence, parse or None)`` that several pending articles share (those
    with no parse from the store's sentence cache) and encode what the learned heads read of them, before any
    partition of articles starts, so that no two workers parse or encode one: runs on a worker. Returns the new
    sentence parses, every encoding of these sentences the heads used (made here or found in the store: the
    partitions receive them all, a worker that cannot reach the store included), the new encodings, and the
    encoding work."""
    from ..pipeline import encode_sentences, sentence_docs

    if not items:
        return []
    nlp = load_nlp(settings.spacy_model)
    parsed = {k: data for k, _, data in items if data is not None}
    docs, new = sentence_docs(nlp, {k: s for k, s, _ in items}, lambda keys: {k: parsed[k] for k in keys if k in parsed})
    pending, typer = _heads(settings)
    used: dict[str, bytes] = {}

    def store_lookup(keys: Sequence[str]) -> Mapping[str, bytes]:
        found = _cached_lookup(settings.db, "cached_vectors")(keys)
        used.update(found)
        return found

    pending.take()
    pending.lookup = store_lookup
    before = _work(typer)
    encode_sentences(docs, typer)
    vectors = pending.take()
    used.update(kv for _, made in vectors for kv in made)
    return [(new, used, vectors, (before, _work(typer)))]


def work_partition(items: list[tuple[str, str, tuple[DateEvidence, ...]]], settings: Settings,
                   known: Mapping[str, Mapping[str, bytes]] | None = None
                   ) -> list[tuple[list[Done], dict[str, bytes], int, int, list, tuple]]:
    """Parse and extract one partition of ``(article id, text, date evidence)`` as the local runner does,
    learned heads included: runs on a worker. ``known`` holds the parses (``"parses"``) and encodings
    (``"vectors"``) of the sentences shared across partitions, made first by :func:`work_shared`. The
    encodings the heads make come back with the results, and the encoding work (before, after)."""
    from ..pipeline import extractors_for

    if not items:
        return []
    known = known or {}
    nlp = load_nlp(settings.spacy_model)  # once per worker process (cached)
    model = model_version(settings.spacy_model)
    result = parse_with_cache(nlp, [text for _, text, _ in items], model,
                              _first(known.get("parses", {}), _cached_lookup(settings.db)),
                              max(settings.batch_size, 64), 1)
    pending, typer = _heads(settings)  # the heads and the encoder load once per worker thread
    pending.take()
    pending.lookup = _first(known.get("vectors", {}), _cached_lookup(settings.db, "cached_vectors"))
    before = _work(typer)
    extractors = extractors_for(settings)
    done: list[Done] = []
    for (article, _, evidence), doc in zip(items, result.docs):
        try:
            ann = annotate_doc(doc, article, evidence, event_typer=typer, extractors=extractors,
                               anchor_min_confidence=settings.anchor_min_confidence)
            done.append(Done(article, doc_to_bytes(doc), ann))
        except Exception as exc:  # noqa: BLE001 - one article's failure never stops the build
            done.append(Done(article, doc_to_bytes(doc), None, f"{type(exc).__name__}: {exc}"))
    return [(done, dict(result.new), result.parsed, result.hits, pending.take(), (before, _work(typer)))]


@contextmanager
def _client(scheduler: str, workers: int | None) -> Iterator[Any]:
    """A Dask client: of a local cluster started (and stopped) here, or of the scheduler at an address."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise NewsfuseError(Errors.E210, detail=scheduler) from exc
    if scheduler != "dask":
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _share_first(client, store, settings: Settings, summary, texts: Mapping[str, str]) -> dict[str, dict[str, bytes]]:
    """Parse and encode, spread over the cluster's workers, the sentences several of ``texts`` share, and store
    them: {"parses": ..., "vectors": ...} of those sentences, for every partition (partitions run at once, and
    one that parsed or encoded a shared sentence would not tell the others)."""
    import dask.bag as db

    from ..pipeline import count_shared_encoding, shared_sentences, uses_encoder

    model = model_version(settings.spacy_model)
    shared = shared_sentences(texts, model)
    cached = store.cached_sentences(list(shared))
    known: dict[str, dict[str, bytes]] = {"parses": dict(cached), "vectors": {}}
    todo = [(k, s, cached.get(k)) for k, s in shared.items() if k not in cached or uses_encoder(settings)]
    if not todo:
        return known
    workers = max(1, sum(client.nthreads().values()))  # worker threads: one task each at a time
    bag = db.from_sequence(todo, npartitions=min(workers, len(todo)))
    for new, used, vectors, work in client.compute(bag.map_partitions(work_shared, settings)).result():
        store.save_sentences(model, new.items())
        known["parses"].update(new)
        summary.sentences_parsed += len(new)
        summary.sentences_cached -= len(new)  # the partitions count each occurrence as found in the cache
        for model_id, items in vectors:
            store.save_vectors(model_id, items)
        known["vectors"].update(used)
        count_shared_encoding(summary, *work)
    return known


def process_on_dask(store, settings: Settings, summary, progress) -> None:
    """Parse and extract every article without a parse on the Dask scheduler ``settings.scheduler``: first the
    sentences several articles share (:func:`work_shared`), then partitions of articles (:func:`work_partition`),
    which receive those sentences' parses and encodings once per worker."""
    import dask.bag as db

    from ..pipeline import _count_encoding, extractors_for

    model = model_version(settings.spacy_model)
    pending = store.unparsed(model)
    if not pending:
        return
    articles = store.articles(pending)
    items = [(a.id, a.text, tuple(a.date_evidence)) for a in articles]
    with _client(settings.scheduler, settings.dask_workers) as client:
        progress("parse", 0, len(items), f"on {settings.scheduler}")
        known = _share_first(client, store, settings, summary, {a.id: a.text for a in articles})
        [shared] = client.scatter([known], broadcast=True)  # one copy per worker, not one per partition
        bag = db.from_sequence(items, partition_size=max(1, settings.batch_size))
        parts = client.compute(bag.map_partitions(work_partition, settings, shared)).result()
    source = {a.id: a.source for a in articles}
    current = annotate_run.versions(extractors_for(settings))
    n = 0
    for done, new_sentences, parsed, hits, vectors, work in parts:
        for model_id, new in vectors:
            store.save_vectors(model_id, new)
        _count_encoding(summary, *work)
        store.save_sentences(model, new_sentences.items())
        store.save_parses((d.article, model, d.parse) for d in done)
        summary.sentences_parsed += parsed
        summary.sentences_cached += hits
        summary.parsed += len(done)
        for d in done:
            n += 1
            if d.annotation is None:
                rej = Rejection(source[d.article], "E130", Errors.E130.msg(detail=d.error))
                store.add_rejection(rej)
                summary.rejected.append(rej)
                continue
            store.save_annotation(d.annotation, current, anchor_of(d.annotation.published,
                                                                   settings.anchor_min_confidence))
            summary.extracted += 1
            progress("extract", n, len(items), d.article)
