"""The build: ingest -> parse -> extract -> fuse -> store, resumable and incremental.

Each step works only on what the store does not have yet: a file already
ingested is skipped, a text already parsed is not parsed again, an article
already extracted is not extracted again. Each article is committed on its own,
so an interrupted build resumes where it stopped without duplicates. Fusion is
incremental too (:mod:`.fusion`): only the blocks the new articles touch are fused
again, from the stored mentions, and their records replaced in one transaction.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from .annotate import run as annotate_run
from .annotate.parse import (doc_from_bytes, doc_to_bytes, parse_sentences, parse_texts, parse_with_cache,
                             sentence_chunks, sentence_key)
from .annotate.run import anchor_of, annotate_doc, load_nlp, model_version, stale
from .annotate.sentences import known_text
from .errors import Errors, NewsfuseError
from .fusion import fuse_store
from .ingest import read_inputs
from .records import Annotation, Document, PublishedDate, Rejection
from .scale import process_on_dask
from .settings import Settings, worker_processes
from .store.lock import store_lock
from .store.sqlite import Store, display_name

__all__ = ["BuildSummary", "Progress", "build", "refuse", "refuse_db"]

log = logging.getLogger("newsfuse")


def load_quote_tagger(folder: str):
    """The optional learned quote tagger (trained by the user on PolNeAR train; never shipped)."""
    from .annotate.quotes._learned import load_tagger

    try:
        return load_tagger(folder)
    except (OSError, ValueError) as exc:
        raise NewsfuseError(Errors.E208, detail=folder, error=f"{type(exc).__name__}: {exc}") from exc

def load_event_typer(settings: Settings, store: Store | None, save_vectors=None, lookup=None):
    """The learned heads of the events stage over the store's encoding cache (the event-type head
    with ``event_type_model = "learned"``, the violent-sense head with ``event_sense_model =
    "learned"``), or None when both are "rules". Without a store (a Dask worker), ``lookup`` and
    ``save_vectors`` stand for the cache.

    Loads the heads and the encoder now, so that a missing dependency is one clear error (E212,
    E213, E260) rather than a rejection per article."""
    for key in ("event_type_model", "event_sense_model"):
        if getattr(settings, key) not in ("rules", "learned"):
            raise NewsfuseError(Errors.E204, detail=f"{key} = {getattr(settings, key)!r}",
                                known=f"{key} = 'learned' or 'rules'")
    typing = settings.event_type_model == "learned"
    sensing = settings.event_sense_model == "learned"
    if not typing and not sensing:
        return None
    from .learn.encoder import Encoder
    from .learn.event_head import EventTyper, load_head
    from .learn.sense_head import load_sense_head

    encoder = Encoder(threads=settings.encoder_threads).load()  # raises E212 if it cannot
    return EventTyper(load_head() if typing else None, encoder, lookup or store.cached_vectors,
                      save_vectors or store.save_vectors,
                      sense=load_sense_head() if sensing else None, typing=typing, vectors=settings.coref_encoder)


def extractors_for(settings: Settings) -> tuple:
    """The registered extractors as this build runs them: with a learned head, the events extractor's
    version names the heads (file and digest) and the encoder, so switching or retraining one
    re-extracts events only."""
    extractors = annotate_run.EXTRACTORS
    if settings.event_type_model == "rules" and settings.event_sense_model == "rules":
        return extractors
    from .learn.encoder import MODEL_ID
    from .learn.event_head import SHIPPED_HEAD
    from .learn.npz import shipped_digest
    from .learn.sense_head import SHIPPED_SENSE_HEAD

    # the file's name and a digest of its bytes: a retrained head keeps its name, not its digest
    heads = [f"{h.rsplit('/', 1)[-1]}#{shipped_digest(h)}" for h, on in ((SHIPPED_HEAD, settings.event_type_model == "learned"),
                                                (SHIPPED_SENSE_HEAD, settings.event_sense_model == "learned")) if on]
    tag = f"+head:{'+'.join(heads)}@{MODEL_ID}" + ("+coref-vectors" if settings.coref_encoder else "")
    return tuple(dataclasses.replace(e, version=e.version + tag) if e.name == "events" else e for e in extractors)


#: progress callback: (stage, done, total or None, detail)
Progress = Callable[[str, int, int | None, str], None]


def _quiet(stage: str, done: int, total: int | None, detail: str) -> None:
    return None


@dataclass(slots=True)
class BuildSummary:
    db: str
    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    read: int = 0  # records read from the inputs: added + already_stored + rejected at ingest
    ingest_rejected: int = 0  # of ``rejected``, those rejected at ingest (the rest failed annotation)
    parsed: int = 0
    extracted: int = 0
    articles: int = 0
    quotes: int = 0
    figure_groups: int = 0
    events: int = 0
    stories: int = 0
    dates_corrected: int = 0
    sentences_parsed: int = 0  # sentences the model parsed (sentence cache on)
    sentences_cached: int = 0  # sentences taken from the cache instead
    parse_processes: int = 0  # processes that parsed (0: nothing to parse)
    fused_blocks: int = 0  # blocks the fuse step fused (those the new articles touch; all with refuse)
    fused_records: int = 0  # records of the account it rewrote
    sentences_encoded: int = 0  # texts the learned layer's encoder ran on (its cache on): sentences, headlines
    sentences_encoding_cached: int = 0  # sentences whose encoding came from the cache instead
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def as_dict(self) -> dict:
        return {
            "db": self.db, "read": self.read, "added": len(self.added), "already_stored": len(self.already_stored),
            "ingest_rejected": self.ingest_rejected,
            "rejected": [{"source": r.source, "code": r.code, "reason": r.reason} for r in self.rejected],
            "parsed": self.parsed, "extracted": self.extracted, "articles": self.articles, "quotes": self.quotes,
            "figure_groups": self.figure_groups, "events": self.events, "stories": self.stories,
            "dates_corrected": self.dates_corrected, "sentences_parsed": self.sentences_parsed,
            "sentences_cached": self.sentences_cached, "fused_blocks": self.fused_blocks,
            "fused_records": self.fused_records, "sentences_encoded": self.sentences_encoded,
            "sentences_encoding_cached": self.sentences_encoding_cached, "seconds": self.seconds,
        }


def ingest(store: Store, inputs: Sequence[str], settings: Settings, summary: BuildSummary,
           progress: Progress, client: httpx.Client | None = None,
           records: Iterable[Document | Rejection] | None = None) -> None:
    n = 0
    for item in records if records is not None else read_inputs(inputs, settings, client):
        n += 1
        summary.read = n
        if isinstance(item, Rejection):
            store.add_rejection(item)
            summary.rejected.append(item)
            summary.ingest_rejected += 1
            progress("ingest", n, None, f"rejected {item.source}")
            continue
        assert isinstance(item, Document)
        article_id, is_new = store.add_document(item)
        (summary.added if is_new else summary.already_stored).append(article_id)
        progress("ingest", n, None, article_id)


#: fewer articles than this to parse are parsed in-process (starting workers costs more than it saves)
PARALLEL_MIN_ARTICLES = 64


def parse_processes(setting: int, pending: int) -> int:
    """How many processes parse ``pending`` articles: the setting, or with 0 one per core (at most 4) when
    there is enough to parse."""
    return worker_processes(setting, pending >= PARALLEL_MIN_ARTICLES)


def _parse_chunk(nlp, model: str, texts: list[str], lookup, settings: Settings
                 ) -> tuple[list[bytes], dict[str, bytes], int, int]:
    """Parse ``texts`` in this process: (their parses, the sentences newly parsed, sentences parsed, reused)."""
    if not settings.sentence_cache:
        return [doc_to_bytes(d) for d in parse_texts(nlp, texts, settings.batch_size, 1)], {}, 0, 0
    # dedup before NLP: sentences already parsed anywhere in the corpus are reused
    result = parse_with_cache(nlp, texts, model, lookup, max(settings.batch_size, 64), 1)
    return [doc_to_bytes(d) for d in result.docs], dict(result.new), result.parsed, result.hits


_WORKER: dict[str, Any] = {}


def _pool(procs: int, start: Callable[[Settings], None], settings: Settings, store: Store):
    """Worker processes that each load what they need once (``start``) and open their own connection to the
    store (read only: this process alone writes). Forked where the system can: a spawned worker would import
    the caller's main module again, and a script without a __main__ guard would build once more in it; a
    forked worker never uses the connection it inherits (it ends by os._exit)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(procs, mp_context=multiprocessing.get_context(method), initializer=start,
                               initargs=(dataclasses.replace(settings, db=store.address),))


def _ready() -> None:
    """Raise the error that stopped this worker from loading what it needs, if any."""
    if "failed" in _WORKER:
        raise _WORKER["failed"]


def _start_parse_worker(settings: Settings) -> None:
    try:
        _WORKER.update(store=Store(settings.db, must_exist=True), nlp=load_nlp(settings.spacy_model),
                       model=model_version(settings.spacy_model), settings=settings)
    except Exception as exc:  # noqa: BLE001 - raised again by the first task (see _start_extract_worker)
        _WORKER["failed"] = exc


def _parse_in_worker(ids: list[str]) -> tuple[list[str], list[bytes], dict[str, bytes], int, int]:
    _ready()
    store: Store = _WORKER["store"]
    articles = store.articles(ids)
    return ([a.id for a in articles],
            *_parse_chunk(_WORKER["nlp"], _WORKER["model"], [a.text for a in articles], store.cached_sentences,
                          _WORKER["settings"]))


def shared_sentences(texts: Mapping[str, str], model: str) -> dict[str, str]:
    """{cache key: sentence} of the sentences that occur in more than one of ``texts`` (a wire copy and its
    original, a boilerplate line): parallel workers parse these first, so that no two parse one at once."""
    owner: dict[str, str] = {}
    shared: dict[str, str] = {}
    for aid, text in texts.items():
        for start, end, _ in sentence_chunks(text):
            if end > start:
                key = sentence_key(model, text[start:end])
                if owner.setdefault(key, aid) != aid:
                    shared.setdefault(key, text[start:end])
    return shared


def _parse_sentences_in_worker(sentences: list[str]) -> dict[str, bytes]:
    """Parse ``sentences`` (not in the cache yet) in a worker: {cache key: parse}."""
    _ready()
    return sentence_docs(_WORKER["nlp"], {sentence_key(_WORKER["model"], s): s for s in sentences}, lambda keys: {})[1]


def sentence_docs(nlp, sentences: Mapping[str, str], lookup: Callable[[Sequence[str]], Mapping[str, bytes]]
                  ) -> tuple[list, dict[str, bytes]]:
    """The parses of ``sentences`` ({cache key: sentence}) from ``lookup`` (the sentence cache), the others
    parsed here: (Docs in the order given, {cache key: parse} of those parsed here)."""
    docs, new = parse_sentences(nlp, sentences, lookup)
    return [docs[k] for k in sentences], new


def encode_sentences(docs: Sequence, typer) -> None:
    """Have the learned heads (``typer``) encode, through their cache, what the events extractor asks of these
    sentence parses: an article made of them. Run on the sentences several pending articles share before the
    articles' batches start, it puts their encodings in the cache, so that no two workers encode one at once
    (a sentence and its trigger windows are what the heads read; both depend on the sentence alone)."""
    if typer is None or not docs:
        return
    from .annotate.events import encode_ahead

    try:
        encode_ahead(list(docs), typer)
    except Exception:  # noqa: BLE001 - the articles' extraction encodes what this did not, and reports failures
        log.debug("encoding the shared sentences first failed", exc_info=True)


def uses_encoder(settings: Settings) -> bool:
    """Whether this build runs a learned head, hence the sentence encoder."""
    return settings.event_type_model == "learned" or settings.event_sense_model == "learned"


def parse_pending(store: Store, settings: Settings, summary: BuildSummary, progress: Progress) -> None:
    """Parse every article without a parse, a batch at a time (each batch one commit: an interrupted build
    resumes). With several processes, workers parse whole batches (sentence cache, assembly and
    serialisation included) and this process writes what they return."""
    model = model_version(settings.spacy_model)
    pending = store.unparsed(model)
    if not pending:
        return
    procs = parse_processes(settings.n_process, len(pending))
    summary.parse_processes = procs
    done = 0

    def keep(ids: list[str], parses: list[bytes], new: dict[str, bytes], parsed: int, hits: int) -> None:
        nonlocal done
        store.save_sentences(model, new.items())
        store.save_parses((aid, model, data) for aid, data in zip(ids, parses))
        summary.sentences_parsed += parsed
        summary.sentences_cached += hits
        done += len(ids)
        summary.parsed += len(ids)
        progress("parse", done, len(pending), ids[-1] if ids else "")

    chunks = [pending[i:i + settings.batch_size] for i in range(0, len(pending), settings.batch_size)]
    if procs == 1:
        nlp = load_nlp(settings.spacy_model)
        for ids in chunks:
            articles = store.articles(ids)
            keep([a.id for a in articles],
                 *_parse_chunk(nlp, model, [a.text for a in articles], store.cached_sentences, settings))
        return
    with _pool(procs, _start_parse_worker, settings, store) as pool:
        if settings.sentence_cache:
            # batches parse at the same time: a sentence several articles share (copies) is parsed first, once,
            # spread over the workers, and cached, so that no two batches parse it (one process in turn would
            # have found it in the cache)
            shared = shared_sentences(store.texts(pending), model)
            known = store.cached_sentences(list(shared))
            todo = [sent for key, sent in shared.items() if key not in known]
            for new in pool.map(_parse_sentences_in_worker, [todo[i::procs] for i in range(procs)]):
                store.save_sentences(model, new.items())
                summary.sentences_parsed += len(new)
                summary.sentences_cached -= len(new)  # the batches count each occurrence as found in the cache
        for result in pool.map(_parse_in_worker, chunks):
            keep(*result)


class _Extraction:
    """What one process needs to extract articles from their stored parses, loaded once: the parse model,
    the extractors as this build runs them, the learned heads. ``save_vectors`` receives the encodings the
    heads make (the store's own method here; a worker hands them to the main process instead), and ``lookup``
    answers for the encoding cache (the store's, by default)."""

    def __init__(self, store: Store, settings: Settings, save_vectors=None, lookup=None) -> None:
        self.store, self.settings = store, settings
        self.model = model_version(settings.spacy_model)
        self.extractors = extractors_for(settings)
        self.current = annotate_run.versions(self.extractors)
        self.stored_versions = store.extraction_versions()
        self.nlp = load_nlp(settings.spacy_model)
        self.tagger = load_quote_tagger(settings.quote_model) if settings.quote_model else None
        self.typer = load_event_typer(settings, store, save_vectors, lookup)

    def run(self, article, override: PublishedDate | None
            ) -> tuple[Annotation | None, frozenset[str] | None, str | None]:
        """(annotation, the extractors it holds when not all, None) or (None, None, why it failed); (None,) * 3
        when the article has no parse."""
        return next(self.run_many([article], {} if override is None else {article.id: override}))[1:]

    def run_many(self, articles: Iterable, overrides: Mapping[str, PublishedDate]
                 ) -> Iterator[tuple[str, Annotation | None, frozenset[str] | None, str | None]]:
        """:meth:`run` for several articles, as (article, *what run gives): their parses are read first and the
        learned heads encode the triggers of all of them in one batch (``encode_ahead``), so the encoder runs
        full batches of similar length instead of an article's few sentences of every length."""
        loaded = []
        for article in articles:
            data = self.store.parse(article.id, self.model)
            if data is None:
                yield article, None, None, None
                continue
            todo = stale(self.stored_versions.get(article.id, {}), self.extractors)
            try:
                doc = known_text(doc_from_bytes(self.nlp, data), article.text)  # parsed from it: spares a join
            except Exception as exc:  # one article's failure never stops the build
                log.debug("reading the parse of %s failed", article.id, exc_info=True)
                yield article, None, None, f"{type(exc).__name__}: {exc}"
                continue
            loaded.append((article, doc, todo))
        if self.typer is not None:
            from .annotate.events import encode_ahead

            try:
                encode_ahead([doc for _, doc, todo in loaded if "events" in todo], self.typer)
            except Exception:  # noqa: BLE001 - each article's extraction encodes what this did not, and reports
                log.debug("encoding the articles' triggers ahead failed", exc_info=True)
        for article, doc, todo in loaded:
            yield (article, *self._annotate(article, doc, todo, overrides.get(article.id)))

    def _annotate(self, article, doc, todo: frozenset[str], override: PublishedDate | None
                  ) -> tuple[Annotation | None, frozenset[str] | None, str | None]:
        only = None if todo == frozenset(self.current) else todo
        try:
            prior = self.store.annotations([article.id])[article.id] if only is not None else None
            ann = annotate_doc(doc, article.id, article.date_evidence, override,
                               quote_tagger=self.tagger, event_typer=self.typer, only=only, prior=prior,
                               anchor_min_confidence=self.settings.anchor_min_confidence, extractors=self.extractors)
        except Exception as exc:  # one article's failure never stops the build
            log.debug("annotating %s failed", article.id, exc_info=True)  # the reason is in rejections
            return None, None, f"{type(exc).__name__}: {exc}"
        return ann, only, None

    def work(self) -> tuple[float, int, int]:
        """The learned layer's work so far in this process: (seconds encoding, sentences encoded, cache hits)."""
        return self.typer.work() if self.typer is not None else (0.0, 0, 0)


def _count_encoding(summary: BuildSummary, before: tuple[float, int, int], after: tuple[float, int, int]) -> None:
    """Add one process's encoding work between two readings of :meth:`_Extraction.work` to the summary
    (``seconds["extract.encode"]`` sums the processes' time: the encoder's cost, not a wall-clock span)."""
    seconds, encoded, hits = (a - b for a, b in zip(after, before))
    if encoded or hits:
        summary.seconds["extract.encode"] = round(summary.seconds.get("extract.encode", 0.0) + seconds, 3)
        summary.sentences_encoded += encoded
        summary.sentences_encoding_cached += hits


#: articles per task of a parallel extraction
EXTRACT_CHUNK = 16


def _start_extract_worker(settings: Settings) -> None:
    """A worker process of a parallel extraction: its own connection to the store (read only), its own models;
    the encodings it makes wait in ``vectors`` until a task hands them back, and its encoder finds them there.
    A failure to load them (a damaged head: E260) is kept and raised by the worker's first task, so that the
    command reports it as itself (an initializer's error reaches the caller only as a broken pool)."""
    from .learn.cache import PendingVectors

    try:
        store = Store(settings.db, must_exist=True)
        vectors = PendingVectors(store.cached_vectors)
        _WORKER.update(store=store, vectors=vectors,
                       extraction=_Extraction(store, settings, vectors.save, vectors.find))
    except Exception as exc:  # noqa: BLE001 - raised again by the first task, in the caller
        _WORKER["failed"] = exc


def _extract_in_worker(ids: list[str], overrides: dict[str, PublishedDate]) -> tuple[list, list, tuple]:
    """Extract ``ids`` in a worker: ([(article id, source, annotation, only, error)], new encodings,
    (the encoding work before, after))."""
    _ready()
    extraction: _Extraction = _WORKER["extraction"]
    before = extraction.work()
    out = []
    for article, ann, only, error in extraction.run_many(_WORKER["store"].articles(ids), overrides):
        if ann is not None or error is not None:
            out.append((article.id, article.source, ann, only, error))
    return out, _WORKER["vectors"].take(), (before, extraction.work())


def _encode_shared_in_worker(sentences: dict[str, str]) -> tuple[list, tuple]:
    """Encode in a worker what the learned heads read of ``sentences`` ({sentence cache key: sentence}, shared
    by several pending articles): (new encodings, (the encoding work before, after))."""
    _ready()
    extraction: _Extraction = _WORKER["extraction"]
    before = extraction.work()
    docs, _ = sentence_docs(extraction.nlp, sentences, _WORKER["store"].cached_sentences)
    encode_sentences(docs, extraction.typer)
    return _WORKER["vectors"].take(), (before, extraction.work())


def count_shared_encoding(summary: BuildSummary, before: tuple[float, int, int], after: tuple[float, int, int]
                          ) -> None:
    """Add the work of encoding shared sentences first to the summary, so that its counts read as one process's:
    what was encoded counts as encoded once; the articles then find it in the cache, where one process would
    have encoded it for the first of them, so as many cache hits come off (the look-ups of this pass, which a
    process would not make, are not counted)."""
    seconds, encoded, _ = (a - b for a, b in zip(after, before))
    _count_encoding(summary, (0.0, 0, 0), (seconds, encoded, -encoded))


def _shared_for_encoding(store: Store, settings: Settings, pending: Sequence[str]) -> dict[str, str]:
    """{sentence cache key: sentence} of the sentences shared by pending articles whose events are extracted
    (those the learned heads read)."""
    extractors = extractors_for(settings)
    versions = store.extraction_versions()
    events = [a for a in pending if "events" in stale(versions.get(a, {}), extractors)]
    return shared_sentences(store.texts(events), model_version(settings.spacy_model)) if len(events) > 1 else {}


def extract_pending(store: Store, settings: Settings, summary: BuildSummary, progress: Progress,
                    overrides: dict[str, PublishedDate] | None = None) -> None:
    """Run, on every article's stored parse, the extractors that have not run with their current version
    (and the extractors that read their output); the others keep their stored mentions.

    With several processes (``n_process``, as for the parse), worker processes read the parses and
    extract; this process alone writes the store, article by article, as it does when extracting alone."""
    current = annotate_run.versions(extractors_for(settings))
    pending = store.unextracted(current)
    if not pending:
        return
    overrides = overrides or {}
    procs = parse_processes(settings.n_process, len(pending))
    done = 0

    def keep(article: str, source: str, ann: Annotation | None, only: frozenset[str] | None,
             error: str | None) -> None:
        nonlocal done
        done += 1
        if ann is None:
            rej = Rejection(source, "E130", Errors.E130.msg(detail=error))
            store.add_rejection(rej)
            summary.rejected.append(rej)
            return
        store.save_annotation(ann, current, anchor_of(ann.published, settings.anchor_min_confidence), only=only)
        summary.extracted += 1
        progress("extract", done, len(pending), article)

    if procs == 1:
        extraction = _Extraction(store, settings)
        before = extraction.work()
        for i in range(0, len(pending), EXTRACT_CHUNK):
            for article, ann, only, error in extraction.run_many(store.articles(pending[i:i + EXTRACT_CHUNK]),
                                                                 overrides):
                if ann is not None or error is not None:
                    keep(article.id, article.source, ann, only, error)
        _count_encoding(summary, before, extraction.work())
        return
    chunks = [pending[i:i + EXTRACT_CHUNK] for i in range(0, len(pending), EXTRACT_CHUNK)]
    with _pool(procs, _start_extract_worker, settings, store) as pool:
        # batches extract at the same time: the encodings of sentences several articles share (copies) are made
        # first, once, spread over the workers, and stored, so that no two batches encode one (one process in
        # turn would have found it in the cache). Needs the sentences' parses: with the sentence cache off,
        # copies are parsed again anyway, and the heads may encode their sentences once per worker.
        shared = _shared_for_encoding(store, settings, pending) if uses_encoder(settings) and settings.sentence_cache \
            else {}
        items = list(shared.items())
        parts = [dict(items[i::procs]) for i in range(procs)] if items else []
        for vectors, work in pool.map(_encode_shared_in_worker, parts):
            count_shared_encoding(summary, *work)
            for model_id, new in vectors:
                store.save_vectors(model_id, new)
        for results, vectors, work in pool.map(_extract_in_worker, chunks,
                                               [{a: overrides[a] for a in c if a in overrides} for c in chunks]):
            _count_encoding(summary, *work)
            for model_id, items in vectors:
                store.save_vectors(model_id, items)
            for item in results:
                keep(*item)


def refuse(store: Store, settings: Settings, summary: BuildSummary | None = None,
           progress: Progress = _quiet, *, full: bool = True) -> BuildSummary:
    """Fuse the account from the stored texts and mentions (no parsing), block by block
    (:mod:`.fusion`): everything with ``full`` (``newsfuse refuse``), else only the blocks that
    articles stored or re-extracted since the last fusion touch (what a build does). Articles whose
    publication date fusion corrects are re-extracted with the new anchor."""
    summary = summary or BuildSummary(store.location)
    progress("fuse", 0, None, "")

    def reextract(changed: dict[str, PublishedDate]) -> None:
        store.mark_for_extraction(changed)
        extract_pending(store, settings, summary, progress, overrides=changed)

    report = fuse_store(store, settings, reextract, full=full)
    counts = store.count_fused()
    summary.articles = store.count_articles()
    summary.quotes = counts.get("quote", 0)
    summary.figure_groups = counts.get("figure_group", 0)
    summary.events = counts.get("event", 0)
    summary.stories = counts.get("story", 0)
    summary.dates_corrected = report.dates_corrected
    summary.fused_blocks = report.blocks
    summary.fused_records = report.records
    summary.seconds.update({f"fuse.{k}": v for k, v in report.seconds.items()})
    if report.texts_encoded:  # the masked headlines of the story stage: the learned layer's cost there
        summary.seconds["fuse.stories.encode"] = round(report.encode_seconds, 3)
        summary.sentences_encoded += report.texts_encoded
    progress("fuse", 1, 1, "")
    return summary


def build(inputs: Iterable[str], settings: Settings, *, progress: Progress = _quiet,
          client: httpx.Client | None = None,
          records: Iterable[Document | Rejection] | None = None) -> BuildSummary:
    """Ingest ``inputs`` (files, folders, URLs) into ``settings.db``, annotate what is new, and fuse.

    ``records``: Documents and Rejections already read (``newsfuse watch`` reads its feeds itself,
    with conditional requests); they are ingested instead of reading ``inputs``, which then only
    names them in the run log.
    """
    inputs = list(inputs)
    if settings.scheduler not in ("local", "dask") and not re.match(r"(?:tcp|tls|ucx)://", settings.scheduler):
        raise NewsfuseError(Errors.E211, detail=settings.scheduler)
    summary = BuildSummary(display_name(settings.db))
    with store_lock(settings.db, "build", wait=settings.lock_wait, what="build",
                    on_wait=lambda holder: progress("wait", 0, None, f"waiting for the {holder}")), \
            Store(settings.db) as store:
        run = store.start_run(inputs)
        steps: list[tuple[str, Callable[[], object]]] = [
            ("ingest", lambda: ingest(store, inputs, settings, summary, progress, client, records)),
            ("parse", lambda: parse_pending(store, settings, summary, progress) if settings.scheduler == "local"
             else process_on_dask(store, settings, summary, progress)),
            ("extract", lambda: extract_pending(store, settings, summary, progress)),
            ("fuse", lambda: refuse(store, settings, summary, progress, full=False)),
        ]
        for name, step in steps:
            t0 = time.perf_counter()
            step()
            summary.seconds[name] = round(time.perf_counter() - t0, 3)
        store.finish_run(run, summary.as_dict())
    return summary


def refuse_db(settings: Settings, *, progress: Progress = _quiet) -> BuildSummary:
    """``newsfuse refuse``: fuse the whole account of ``settings.db`` again from its stored texts and
    mentions (nothing is parsed), under the build lock; the account equals what incremental builds made."""
    summary = BuildSummary(display_name(settings.db))
    with store_lock(settings.db, "build", wait=settings.lock_wait, what="build",
                    on_wait=lambda holder: progress("wait", 0, None, f"waiting for the {holder}")), \
            Store(settings.db, must_exist=True) as store:
        run = store.start_run(["refuse"])
        t0 = time.perf_counter()
        refuse(store, settings, summary, progress, full=True)
        summary.seconds["fuse"] = round(time.perf_counter() - t0, 3)
        store.finish_run(run, summary.as_dict())
    return summary
