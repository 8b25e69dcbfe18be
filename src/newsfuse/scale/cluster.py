"""Parse and extract new articles on a Dask cluster; the driver alone writes to the store.

``--scheduler dask`` starts a local cluster (one single-threaded worker process per core);
``--scheduler tcp://HOST:8786`` uses a running one (``dask scheduler`` on one machine,
``dask worker tcp://HOST:8786`` on each of the others, all with newsfuse installed). Work is cut
into partitions of articles (``dask.bag.map_partitions``); each worker process loads the spaCy
pipeline once and keeps it, parses its partition sentence by sentence exactly as the local runner
does (so the account is the same), and runs the extractors. Sentences the store has already
parsed are read from it when the worker can reach the database file; the results come back to
the driver, which saves parses, sentence parses and annotations as the local runner would.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..annotate import run as annotate_run
from ..annotate.parse import doc_to_bytes, parse_with_cache
from ..annotate.run import anchor_of, annotate_doc, load_nlp, model_version
from ..errors import Errors, NewsfuseError
from ..records import Annotation, DateEvidence, Rejection
from ..settings import Settings
from ..store.dialect import backend_of
from ..store.sqlite import Store

__all__ = ["process_on_dask", "Done"]


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


_TYPERS: dict[tuple, Any] = {}
_NEW_VECTORS: list[tuple[str, list]] = []


def work_partition(items: list[tuple[str, str, tuple[DateEvidence, ...]]], settings: Settings
                   ) -> list[tuple[list[Done], dict[str, bytes], int, int, list]]:
    """Parse and extract one partition of ``(article id, text, date evidence)`` as the local runner does,
    learned heads included: runs on a worker. The encodings the heads make come back with the results."""
    from ..pipeline import extractors_for, load_event_typer

    if not items:
        return []
    nlp = load_nlp(settings.spacy_model)  # once per worker process (cached)
    model = model_version(settings.spacy_model)
    result = parse_with_cache(nlp, [text for _, text, _ in items], model, _cached_lookup(settings.db),
                              max(settings.batch_size, 64), 1)
    key = (settings.event_type_model, settings.event_sense_model, settings.encoder_threads, settings.db)
    if key not in _TYPERS:  # the heads and the encoder load once per worker process
        _TYPERS[key] = load_event_typer(settings, None,
                                        lambda model_id, new: _NEW_VECTORS.append((model_id, list(new))),
                                        _cached_lookup(settings.db, "cached_vectors"))
    typer = _TYPERS[key]
    _NEW_VECTORS.clear()  # a worker runs one partition at a time (one thread per worker)
    extractors = extractors_for(settings)
    done: list[Done] = []
    for (article, _, evidence), doc in zip(items, result.docs):
        try:
            ann = annotate_doc(doc, article, evidence, event_typer=typer, extractors=extractors,
                               anchor_min_confidence=settings.anchor_min_confidence)
            done.append(Done(article, doc_to_bytes(doc), ann))
        except Exception as exc:  # noqa: BLE001 - one article's failure never stops the build
            done.append(Done(article, doc_to_bytes(doc), None, f"{type(exc).__name__}: {exc}"))
    return [(done, dict(result.new), result.parsed, result.hits, list(_NEW_VECTORS))]


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


def process_on_dask(store, settings: Settings, summary, progress) -> None:
    """Parse and extract every article without a parse on the Dask scheduler ``settings.scheduler``."""
    import dask.bag as db

    model = model_version(settings.spacy_model)
    pending = store.unparsed(model)
    if not pending:
        return
    articles = store.articles(pending)
    items = [(a.id, a.text, tuple(a.date_evidence)) for a in articles]
    with _client(settings.scheduler, settings.dask_workers) as client:
        bag = db.from_sequence(items, partition_size=max(1, settings.batch_size))
        progress("parse", 0, len(items), f"on {settings.scheduler}")
        parts = client.compute(bag.map_partitions(work_partition, settings)).result()
    from ..pipeline import extractors_for

    source = {a.id: a.source for a in articles}
    current = annotate_run.versions(extractors_for(settings))
    n = 0
    for done, new_sentences, parsed, hits, vectors in parts:
        for model_id, new in vectors:
            store.save_vectors(model_id, new)
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
