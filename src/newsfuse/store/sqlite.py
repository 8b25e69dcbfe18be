"""The store: one SQLite file, or a PostgreSQL database (``postgresql://USER@HOST/DB``).

The SQL below is SQLite's; on PostgreSQL it runs through ``store/postgres.py``'s connection, which
translates it (``store/dialect.py``), so both backends share these methods and the migrations.

Everything newsfuse knows lives here: the raw input of every article (so a newer
newsfuse can re-annotate without the original files), the spaCy parse of every
text (so no text is parsed twice), every mention with its span, the fused
account, and every rejected input with its reason.

Writes are grouped in transactions per article, so an interrupted build leaves
complete articles behind and the next build resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import Errors, NewsfuseError
from ..records import (
    Annotation,
    DateEvidence,
    Document,
    EntityMention,
    EventMention,
    FigureMention,
    PlaceMention,
    PublishedDate,
    QuoteMention,
    Rejection,
    Sentence,
    Timex,
)
from .codec import dumps, loads_record
from .dialect import backend_of
from .lock import file_lock
from .blocks import FusionTables
from .relational import write_relational
from .migrations import MIGRATIONS, apply_migrations, pending_migrations, schema_version

__all__ = ["Store", "StoredArticle", "display_name", "text_hash"]

_KINDS: dict[str, type] = {
    "sentence": Sentence,
    "entity": EntityMention,
    "timex": Timex,
    "quote": QuoteMention,
    "figure": FigureMention,
    "place": PlaceMention,
    "event": EventMention,
}
_FIELD_OF_KIND = {
    "sentence": "sentences",
    "entity": "entities",
    "timex": "timexes",
    "quote": "quotes",
    "figure": "figures",
    "place": "places",
    "event": "events",
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def display_name(db: str | Path) -> str:
    """How messages name the database ``db``: its path, or its URL with the password hidden."""
    if backend_of(str(db)) == "postgresql":
        from .postgres import display_url

        return display_url(str(db))
    return str(db)


def text_hash(text: str) -> str:
    """Hash of the body with whitespace and case normalised: equal for exact duplicates."""
    norm = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


#: what :class:`StoredArticle` reads of an article row (not the raw input bytes, read on demand by ``raw``)
_ARTICLE_COLUMNS = ("id, source, format, text, seq, url, outlet, title, dateline, language, encoding, published, "
                    "published_confidence, published_evidence, date_evidence, anchor, text_hash, meta")


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: str
    source: str
    format: str
    text: str
    seq: int
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    dateline: str | None = None
    language: str | None = None
    encoding: str | None = None
    published: str | None = None
    published_confidence: float = 0.0
    published_evidence: tuple[str, ...] = ()
    date_evidence: tuple[DateEvidence, ...] = ()
    anchor: str | None = None
    text_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


class Store(FusionTables):
    """A newsfuse database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path, *, must_exist: bool = False) -> None:
        self.backend = backend_of(str(path))
        self.address = str(path)  # what another process opens to reach this store (a URL may hold a password)
        if self.backend == "postgresql":
            self._open_postgresql(str(path), must_exist)
            return
        self.path: Path | None = Path(path)
        self.location = str(self.path)
        if must_exist and not self.path.exists():
            raise NewsfuseError(Errors.E201, detail=str(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        known = MIGRATIONS[-1][0]
        found = schema_version(self.db)
        if found > known:
            raise NewsfuseError(Errors.E205, detail=str(self.path), found=found, known=known)
        if pending_migrations(self.db):  # two processes opening a new database at once migrate it once
            with file_lock(f"{self.path}.migrate.lock", wait=120, what="schema migration"):
                apply_migrations(self.db)

    def _open_postgresql(self, url: str, must_exist: bool) -> None:
        """Connect to a PostgreSQL store and migrate it, under its advisory migration lock (two
        processes opening a new database at once must not both create its tables)."""
        from .postgres import advisory_lock, connect

        self.path = None
        self.db = connect(url, must_exist=must_exist)  # type: ignore[assignment] - sqlite3.Connection's interface
        self.location = display_name(url)
        try:
            with advisory_lock(self.db, "migrate", wait=120, what="schema migration"):
                known = MIGRATIONS[-1][0]
                found = schema_version(self.db)
                if found > known:
                    raise NewsfuseError(Errors.E205, detail=self.location, found=found, known=known)
                apply_migrations(self.db)
        except BaseException:
            self.db.close()
            raise

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ ingest
    def add_document(self, doc: Document) -> tuple[str, bool]:
        """Store a document; return ``(article id, is_new)``. The same raw input is stored once."""
        content_hash = hashlib.sha256(doc.raw).hexdigest()
        row = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        if row:
            return row["id"], False
        article_id = doc.id
        clash = self.db.execute("SELECT source FROM articles WHERE id = ?", (article_id,)).fetchone()
        if clash:
            if clash["source"] == doc.source:
                # The same file, edited since: replace it (its mentions go with it; its reuse keys and
                # links are found again; its block is fused again, as it stays in fuse_blocks).
                with self.db:
                    self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                    for table, column in (("reuse_keys", "article"), ("reuse_indexed", "article"),
                                          ("reuse_links", "a"), ("reuse_links", "b"), ("story_rows", "article")):
                        self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))  # noqa: S608
            else:
                article_id = f"{doc.id}-{content_hash[:8]}"
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
        with self.db:
            self.db.execute(
                """INSERT INTO articles (id, content_hash, text_hash, source, format, url, outlet, title,
                   dateline, language, encoding, text, raw, date_evidence, meta, seq, ingested_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    article_id, content_hash, text_hash(doc.text), doc.source, doc.format, doc.url,
                    doc.outlet, doc.title, doc.dateline, doc.language, doc.encoding, doc.text, doc.raw,
                    dumps(doc.date_evidence), json.dumps(doc.meta, ensure_ascii=False, default=str),
                    seq, _now(),
                ),
            )
            self.db.execute("INSERT OR IGNORE INTO fuse_pending (article) VALUES (?)", (article_id,))
            # the input (or this record of it, "file.json#3") was rejected before and now reads
            where = [doc.source] + ([f"{doc.source}#{doc.meta['record']}"] if "record" in doc.meta else [])
            self.db.executemany("DELETE FROM rejections WHERE source = ?", [(w,) for w in where])
        return article_id, True

    def add_rejection(self, rejection: Rejection) -> None:
        now = _now()
        with self.db:
            self.db.execute(
                """INSERT INTO rejections (source, code, reason, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(source, code) DO UPDATE SET reason = excluded.reason, last_seen = excluded.last_seen""",
                (rejection.source, rejection.code, rejection.reason, now, now),
            )

    def rejections(self) -> list[Rejection]:
        rows = self.db.execute("SELECT source, code, reason FROM rejections ORDER BY source, code")
        return [Rejection(r["source"], r["code"], r["reason"]) for r in rows]

    # ------------------------------------------------------------------ articles
    def count_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def has_foreign_language(self, language: str) -> bool:
        """Whether an article is in a known language other than ``language`` (its ISO 639-1 code)."""
        return self.db.execute("SELECT 1 FROM articles WHERE language IS NOT NULL AND language <> '' "
                               "AND lower(substr(language, 1, 2)) <> ? LIMIT 1", (language,)).fetchone() is not None

    def articles(self, ids: Iterable[str] | None = None) -> list[StoredArticle]:
        if ids is None:
            rows = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq").fetchall()  # noqa: S608
        else:
            ids = list(ids)
            rows = []
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks}) ORDER BY seq"  # noqa: S608
                rows += self.db.execute(sql, chunk).fetchall()
        return [self._article(r) for r in rows]

    @staticmethod
    def _article(r: sqlite3.Row) -> StoredArticle:
        return StoredArticle(
            id=r["id"], source=r["source"], format=r["format"], text=r["text"], seq=r["seq"], url=r["url"],
            outlet=r["outlet"], title=r["title"], dateline=r["dateline"], language=r["language"],
            encoding=r["encoding"], published=r["published"], published_confidence=r["published_confidence"],
            published_evidence=tuple(json.loads(r["published_evidence"])),
            date_evidence=tuple(loads_record(DateEvidence, d) for d in json.loads(r["date_evidence"])),
            anchor=r["anchor"], text_hash=r["text_hash"], meta=json.loads(r["meta"]),
        )

    def raw(self, article_id: str) -> bytes:
        row = self.db.execute("SELECT raw FROM articles WHERE id = ?", (article_id,)).fetchone()
        return bytes(row["raw"]) if row else b""

    # ------------------------------------------------------------------ parses
    def unparsed(self, model: str) -> list[str]:
        rows = self.db.execute(
            """SELECT a.id FROM articles a LEFT JOIN parses p ON p.article = a.id AND p.model = ?
               WHERE p.article IS NULL ORDER BY a.seq""",
            (model,),
        )
        return [r[0] for r in rows]

    def save_parses(self, items: Iterable[tuple[str, str, bytes]]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO parses (article, model, doc) VALUES (?, ?, ?)", list(items)
            )

    def parse(self, article_id: str, model: str) -> bytes | None:
        row = self.db.execute(
            "SELECT doc FROM parses WHERE article = ? AND model = ?", (article_id, model)
        ).fetchone()
        return bytes(row["doc"]) if row else None

    # ------------------------------------------------------------------ sentence cache
    def _by_keys(self, table: str, column: str, keys: Iterable[str]) -> dict[str, bytes]:
        keys = list(keys)
        out: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(f"SELECT key, {column} FROM {table} WHERE key IN ({marks})", chunk):
                out[r[0]] = bytes(r[1])
        return out

    def cached_sentences(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The cached sentence parses (DocBin bytes) of those ``keys`` the cache holds."""
        return self._by_keys("sentence_cache", "doc", keys)

    def save_sentences(self, model: str, items: Iterable[tuple[str, bytes]]) -> None:
        """Add sentence parses to the cache (``(key, DocBin bytes)``; a known key is kept)."""
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO sentence_cache (key, model, doc) VALUES (?, ?, ?)",
                [(k, model, d) for k, d in items],
            )

    def count_cached_sentences(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM sentence_cache").fetchone()[0]

    # ------------------------------------------------------------------ encoding cache (learned layer)
    def cached_vectors(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored sentence vectors (float32 bytes) of those ``keys`` the cache holds."""
        return self._by_keys("encoding_cache", "vec", keys)

    def save_vectors(self, model: str, items: Iterable[tuple[str, bytes]]) -> None:
        """Add sentence vectors (``(key, float32 bytes)``; a known key is kept)."""
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO encoding_cache (key, model, vec) VALUES (?, ?, ?)",
                [(k, model, v) for k, v in items],
            )

    def count_cached_vectors(self) -> int:
        """Distinct texts the encoder ran on: their vectors, not the span vectors (a trigger word, its
        window) a run also keeps (model ``<id>/word``, see ``learn/event_head.py``)."""
        return self.db.execute("SELECT COUNT(*) FROM encoding_cache WHERE model NOT LIKE '%/word'").fetchone()[0]

    # ------------------------------------------------------------------ annotations
    def extraction_versions(self) -> dict[str, dict[str, str]]:
        """Article id -> {extractor name -> version it was last extracted with}, for every article."""
        out: dict[str, dict[str, str]] = {r[0]: {} for r in self.db.execute("SELECT id FROM articles")}
        for r in self.db.execute("SELECT article, extractor, version FROM extractions"):
            out.setdefault(r[0], {})[r[1]] = r[2]
        return out

    def unextracted(self, versions: Mapping[str, str]) -> list[str]:
        """Articles (in input order) that some extractor of ``versions`` (name -> version) has not run on
        with its current version."""
        stored = self.extraction_versions()
        rows = self.db.execute("SELECT id FROM articles ORDER BY seq")
        return [r[0] for r in rows if any(stored[r[0]].get(n) != v for n, v in versions.items())]

    def mark_for_extraction(self, ids: Iterable[str]) -> None:
        """Every extractor runs again on these articles at the next extraction."""
        with self.db:
            self.db.executemany("UPDATE articles SET extracted_with = NULL WHERE id = ?", [(i,) for i in ids])
            self.db.executemany("DELETE FROM extractions WHERE article = ?", [(i,) for i in ids])

    def save_annotation(self, ann: Annotation, versions: Mapping[str, str], anchor: str | None,
                        only: Iterable[str] | None = None) -> None:
        """Replace an article's mentions in one transaction (resume-safe), and record the versions of the
        extractors that produced them. With ``only`` (extractor names), just those extractors' mentions
        are replaced; the sentences, entities, publication date and anchor are left as stored unless
        the ``published`` extractor is among them."""
        names = set(versions) if only is None else set(only)
        kinds = [k for k, attr in _FIELD_OF_KIND.items() if only is None or attr in names]
        rows = [(ann.article, kind, m.start, m.end, dumps(m)) for kind in kinds
                for m in getattr(ann, _FIELD_OF_KIND[kind])]
        pub = ann.published
        with self.db:
            if only is None:
                self.db.execute("DELETE FROM mentions WHERE article = ?", (ann.article,))
            else:
                self.db.executemany("DELETE FROM mentions WHERE article = ? AND kind = ?",
                                    [(ann.article, k) for k in kinds])
            self.db.executemany(
                'INSERT INTO mentions (article, kind, start, "end", data) VALUES (?, ?, ?, ?, ?)', rows
            )
            if only is None or "published" in names:
                self.db.execute(
                    """UPDATE articles SET published = ?, published_confidence = ?, published_evidence = ?,
                       anchor = ? WHERE id = ?""",
                    (pub.value, pub.confidence, json.dumps(list(pub.evidence), ensure_ascii=False), anchor,
                     ann.article),
                )
            self.db.executemany(
                "INSERT OR REPLACE INTO extractions (article, extractor, version) VALUES (?, ?, ?)",
                [(ann.article, n, versions[n]) for n in sorted(names) if n in versions],
            )
            self.db.execute(
                "UPDATE articles SET extracted_with = ? WHERE id = ?",
                (",".join(f"{n}={v}" for n, v in sorted(versions.items())), ann.article),
            )
            # its block is fused again at the next fuse step, from what story assignment reads anew
            self.db.execute("INSERT OR IGNORE INTO fuse_pending (article) VALUES (?)", (ann.article,))
            self.db.execute("DELETE FROM story_rows WHERE article = ?", (ann.article,))

    def set_published(self, article_id: str, published: PublishedDate) -> None:
        with self.db:
            self.db.execute(
                "UPDATE articles SET published = ?, published_confidence = ?, published_evidence = ? WHERE id = ?",
                (published.value, published.confidence, json.dumps(list(published.evidence), ensure_ascii=False),
                 article_id),
            )
            self.db.execute("DELETE FROM story_rows WHERE article = ?", (article_id,))  # the story stage reads the date

    def annotations(self, ids: Iterable[str] | None = None) -> dict[str, Annotation]:
        """Every article's mentions (or those of the articles ``ids``), rebuilt as :class:`Annotation` records."""
        by_article: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        ids = None if ids is None else list(ids)
        if ids is None:
            rows = self.db.execute('SELECT article, kind, data FROM mentions ORDER BY article, kind, start, "end"')
        else:
            rows = [r for i in ids for r in self.db.execute(
                'SELECT article, kind, data FROM mentions WHERE article = ? ORDER BY kind, start, "end"', (i,))]
        for r in rows:
            cls = _KINDS.get(r["kind"])
            if cls is not None:
                by_article[r["article"]][_FIELD_OF_KIND[r["kind"]]].append(loads_record(cls, r["data"]))
        out = {}
        for a in self.articles(ids):
            parts = by_article.get(a.id, {})
            out[a.id] = Annotation(
                article=a.id,
                published=PublishedDate(a.published, a.published_confidence, a.published_evidence),
                **{k: tuple(v) for k, v in parts.items()},
            )
        return out

    # ------------------------------------------------------------------ stories (incremental)
    def count_fused(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute("SELECT kind, COUNT(*) FROM fused GROUP BY kind")}

    def story_assignments(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT article, story FROM story_assignments")}

    # ------------------------------------------------------------------ fused account
    def replace_fused(self, records: dict[str, list[tuple[str, dict[str, Any]]]]) -> None:
        """Replace the fused account in one transaction (it is derived, never the source of truth)."""
        with self.db:
            self.db.execute("DELETE FROM fused")
            for kind, items in records.items():
                self.db.executemany(
                    "INSERT INTO fused (kind, id, data, sort) VALUES (?, ?, ?, ?)",
                    [(kind, i, json.dumps(d, ensure_ascii=False), f"{n:012d}") for n, (i, d) in enumerate(items)],
                )
            write_relational(self.db, records)

    def fused(self, kind: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT data FROM fused WHERE kind = ? ORDER BY sort, id", (kind,))
        return [json.loads(r[0]) for r in rows]

    # ------------------------------------------------------------------ runs
    # ------------------------------------------------------------------ watch
    def watch_state(self, url: str) -> dict[str, Any]:
        """The poll state of a watched source (defaults for one never polled)."""
        row = self.db.execute("SELECT * FROM watch_sources WHERE url = ?", (url,)).fetchone()
        if row is None:
            return {"url": url, "etag": None, "last_modified": None, "failures": 0, "next_poll": 0.0,
                    "last_status": None, "last_polled": None}
        return dict(row)

    def save_watch_states(self, states: Iterable[dict[str, Any]]) -> None:
        with self.db:
            self.db.executemany(
                """INSERT INTO watch_sources (url, etag, last_modified, failures, next_poll, last_status, last_polled)
                   VALUES (:url, :etag, :last_modified, :failures, :next_poll, :last_status, :last_polled)
                   ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                   failures = excluded.failures, next_poll = excluded.next_poll,
                   last_status = excluded.last_status, last_polled = excluded.last_polled""",
                list(states),
            )

    def watch_baseline(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT snapshot FROM watch_baseline WHERE id = 1").fetchone()
        return json.loads(row[0]) if row else None

    def record_alerts(self, alerts: Iterable[dict[str, Any]], baseline: dict[str, Any]) -> int:
        """Store new alerts and the snapshot they were computed against, in one transaction (so a
        restarted watch neither misses nor repeats one); returns how many alerts were new."""
        now = _now()
        added = 0
        with self.db:
            seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM alerts").fetchone()[0]
            for alert in alerts:
                seq += 1
                cur = self.db.execute(
                    """INSERT OR IGNORE INTO alerts (id, seq, created_at, kind, subject, story, title, data)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    (alert["id"], seq, now, alert["kind"], alert["subject"], alert.get("story"), alert["title"],
                     json.dumps({**alert, "created_at": now}, ensure_ascii=False)),
                )
                added += cur.rowcount
            self.db.execute(
                "INSERT INTO watch_baseline (id, snapshot) VALUES (1, ?) "
                "ON CONFLICT(id) DO UPDATE SET snapshot = excluded.snapshot",
                (json.dumps(baseline, ensure_ascii=False),),
            )
        return added

    def alerts(self, *, since: str | None = None, undelivered: bool = False, limit: int | None = None
               ) -> list[dict[str, Any]]:
        """Alerts in the order they were recorded (``since``: created at or after this ISO time)."""
        sql = "SELECT data FROM alerts WHERE 1 = 1"
        args: list[Any] = []
        if since:
            sql += " AND created_at >= ?"
            args.append(since)
        if undelivered:
            sql += " AND delivered = 0"
        sql += " ORDER BY seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [json.loads(r[0]) for r in self.db.execute(sql, args)]

    def mark_delivered(self, alert_id: str) -> None:
        with self.db:
            self.db.execute("UPDATE alerts SET delivered = 1 WHERE id = ?", (alert_id,))

    def start_run(self, inputs: list[str]) -> int:
        with self.db:
            rows = self.db.execute("INSERT INTO runs (started, inputs) VALUES (?, ?) RETURNING id",
                                   (_now(), json.dumps(inputs))).fetchall()
        return int(rows[0][0])

    def change_stamp(self) -> tuple[Any, ...]:
        """The latest build (id, finished): it changes when a build or a watch round has written the
        account. The web layer asks a PostgreSQL store for it; of a SQLite file it reads the file times."""
        row = self.db.execute("SELECT id, finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return tuple(row) if row else ()

    def last_run(self) -> dict[str, Any] | None:
        """The latest build: ``started``, ``finished`` (None if it did not finish) and ``inputs``; None before any."""
        row = self.db.execute("SELECT id, started, finished, inputs FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return dict(row) if row else None

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished = ?, summary = ? WHERE id = ?", (_now(), json.dumps(summary), run_id)
            )
