"""Schema migrations: small registered functions, applied in order, safe to re-run.

Each migration runs once; the ``_migrations`` table records which have been
applied. Adding a migration never edits an earlier one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

__all__ = ["MIGRATIONS", "apply_migrations", "schema_version"]

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((version, name, fn))
        MIGRATIONS.sort(key=lambda m: m[0])
        return fn

    return register


@migration(1, "articles, rejections, parses, mentions, fused records, runs")
def _m1(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,   -- sha256 of the raw input: same input -> stored once
            text_hash TEXT NOT NULL,             -- sha256 of the normalised body text
            source TEXT NOT NULL,
            format TEXT NOT NULL,
            url TEXT,
            outlet TEXT,
            title TEXT,
            dateline TEXT,
            language TEXT,
            encoding TEXT,
            text TEXT NOT NULL,
            raw BLOB NOT NULL,                   -- exactly what was read, for re-annotation
            date_evidence TEXT NOT NULL DEFAULT '[]',
            meta TEXT NOT NULL DEFAULT '{}',
            published TEXT,
            published_confidence REAL NOT NULL DEFAULT 0,
            published_evidence TEXT NOT NULL DEFAULT '[]',
            anchor TEXT,                         -- the date the extractors resolved relative dates against
            extracted_with TEXT,                 -- extractor version; NULL = needs extraction
            seq INTEGER NOT NULL,                -- order of arrival, for incremental stories
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS articles_text_hash ON articles(text_hash);
        CREATE TABLE IF NOT EXISTS rejections (
            source TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (source, code)
        );
        CREATE TABLE IF NOT EXISTS parses (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            doc BLOB NOT NULL                    -- spaCy DocBin: a text is parsed once
        );
        CREATE TABLE IF NOT EXISTS mentions (
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,                  -- sentence, entity, timex, quote, figure, place, event
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article, kind);
        CREATE INDEX IF NOT EXISTS mentions_kind ON mentions(kind);
        CREATE TABLE IF NOT EXISTS fused (
            kind TEXT NOT NULL,                  -- copy, story, entity, quote, figure_group, event, date
            id TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        );
        CREATE TABLE IF NOT EXISTS stories (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story TEXT NOT NULL                  -- assigned incrementally, kept across builds
        );
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started TEXT NOT NULL,
            finished TEXT,
            inputs TEXT NOT NULL,
            summary TEXT
        );
        """
    )


@migration(2, "sentence cache: parses of single sentences, shared across articles")
def _m2(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS sentence_cache (
            key TEXT PRIMARY KEY,                -- sha1 of model version + sentence text (whitespace stripped)
            model TEXT NOT NULL,
            doc BLOB NOT NULL                    -- spaCy DocBin of the sentence alone
        );
        """
    )


@migration(3, "encoding cache: sentence vectors of the learned layer, one per distinct text and model")
def _m3(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS encoding_cache (
            key TEXT PRIMARY KEY,                -- sha1 of model id + normalised text (learn.encoder.text_key)
            model TEXT NOT NULL,
            vec BLOB NOT NULL                    -- float32 little-endian, the model's dimension
        );
        """
    )


def schema_version(db: sqlite3.Connection) -> int:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    row = db.execute("SELECT MAX(version) FROM _migrations").fetchone()
    return row[0] or 0


def apply_migrations(db: sqlite3.Connection) -> list[int]:
    """Apply every migration newer than the database's version; return the versions applied."""
    current = schema_version(db)
    applied = []
    for version, name, fn in MIGRATIONS:
        if version <= current:
            continue
        with db:
            fn(db)
            db.execute(
                "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        applied.append(version)
    return applied
