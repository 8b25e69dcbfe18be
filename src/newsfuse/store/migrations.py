"""Schema migrations: small registered functions, applied in order, safe to re-run.

Each migration runs once; the ``_migrations`` table records which have been
applied. Adding a migration never edits an earlier one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

__all__ = ["MIGRATIONS", "apply_migrations", "pending_migrations", "schema_version"]

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


@migration(3, "one version per extractor and article: a version bump re-extracts that extractor only")
def _m3(db: sqlite3.Connection) -> None:
    # articles extracted under the single version of before have no rows here, so they are extracted once
    # more, by every extractor, on the next build
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS extractions (
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            extractor TEXT NOT NULL,             -- registered name: timexes, quotes, figures, ...
            version TEXT NOT NULL,               -- the extractor's own version when it ran on the article
            PRIMARY KEY (article, extractor)
        );
        """
    )


@migration(4, "watch: per-source poll state, alerts, and the account snapshot alerts were computed against")
def _m4(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS watch_sources (
            url TEXT PRIMARY KEY,                -- a feed, page or file a `newsfuse watch` polls
            etag TEXT,                           -- for If-None-Match
            last_modified TEXT,                  -- for If-Modified-Since
            failures INTEGER NOT NULL DEFAULT 0, -- failed polls in a row (backoff doubles with each)
            next_poll REAL NOT NULL DEFAULT 0,   -- Unix time before which the source is not polled again
            last_status TEXT,                    -- what the last poll got: "200 3 items", "304", "E121 ..."
            last_polled TEXT
        );
        CREATE TABLE IF NOT EXISTS alerts (
            id TEXT PRIMARY KEY,                 -- a hash of what the alert says: the same change once
            seq INTEGER NOT NULL,                -- order of recording
            created_at TEXT NOT NULL,
            kind TEXT NOT NULL,                  -- event.new, event.updated, figure.updated, ...
            subject TEXT NOT NULL,               -- the record it is about (event, figure group, quote, story)
            story TEXT,
            title TEXT NOT NULL,
            data TEXT NOT NULL,                  -- the whole alert as JSON (changes, evidence)
            delivered INTEGER NOT NULL DEFAULT 0 -- handed to stdout / file / webhook
        );
        CREATE INDEX IF NOT EXISTS alerts_seq ON alerts(seq);
        CREATE TABLE IF NOT EXISTS watch_baseline (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            snapshot TEXT NOT NULL               -- the account (watch.alerts.snapshot) as last alerted on
        );
        """
    )


@migration(5, "the fused account as relational tables (stories, quotes, figures, events, entities, places, copies)")
def _m5(db: sqlite3.Connection) -> None:
    from .relational import SCHEMA

    # the article -> story assignments kept for incremental stories had the name `stories`;
    # that name now holds the stories themselves
    db.execute("ALTER TABLE stories RENAME TO story_assignments")
    db.executescript(SCHEMA)


@migration(6, "encoding cache: sentence vectors of the learned layer, one per distinct text and model")
def _m6(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS encoding_cache (
            key TEXT PRIMARY KEY,                -- sha1 of model id + normalised text (learn.encoder.text_key)
            model TEXT NOT NULL,
            vec BLOB NOT NULL                    -- float32 little-endian, the model's dimension
        );
        """
    )


@migration(7, "incremental fusion: reuse keys and links, fusion blocks and their records, story threads")
def _m7(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE story_assignments ADD COLUMN thread TEXT")
    db.execute("ALTER TABLE fused ADD COLUMN sort TEXT")
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS fuse_pending (
            article TEXT PRIMARY KEY             -- stored or re-extracted since it was last fused
        );
        CREATE TABLE IF NOT EXISTS reuse_keys (
            key TEXT NOT NULL,                   -- d:<word sequence> b<i>:<LSH band> f:<passage fingerprint>
            article TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS reuse_keys_key ON reuse_keys(key);
        CREATE TABLE IF NOT EXISTS reuse_indexed (
            article TEXT PRIMARY KEY             -- its reuse keys are stored and its links found
        );
        CREATE TABLE IF NOT EXISTS reuse_links (
            a TEXT NOT NULL, b TEXT NOT NULL,    -- a < b
            data TEXT NOT NULL,                  -- the link (kind, overlap, passages) as JSON; no origin
            PRIMARY KEY (a, b)
        );
        CREATE INDEX IF NOT EXISTS reuse_links_b ON reuse_links(b);
        CREATE TABLE IF NOT EXISTS story_inputs (
            article TEXT PRIMARY KEY,
            data TEXT NOT NULL                   -- what story assignment reads of the article, as JSON
        );
        CREATE TABLE IF NOT EXISTS fuse_blocks (
            article TEXT PRIMARY KEY,
            block TEXT NOT NULL,                 -- the block's first article id
            template TEXT                        -- page template or outlet (header-date trust spans blocks)
        );
        CREATE INDEX IF NOT EXISTS fuse_blocks_block ON fuse_blocks(block);
        CREATE INDEX IF NOT EXISTS fuse_blocks_template ON fuse_blocks(template);
        CREATE TABLE IF NOT EXISTS block_records (
            block TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
            data TEXT NOT NULL,                  -- the block's record in export shape
            sort TEXT NOT NULL                   -- its place in its kind's listing
        );
        CREATE INDEX IF NOT EXISTS block_records_block ON block_records(block);
        CREATE INDEX IF NOT EXISTS block_records_key ON block_records(kind, id);
        CREATE TABLE IF NOT EXISTS block_culprits (
            block TEXT NOT NULL, template TEXT NOT NULL, article TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS block_culprits_block ON block_culprits(block);
        CREATE INDEX IF NOT EXISTS story_assignments_story ON story_assignments(story);
        INSERT OR IGNORE INTO fuse_pending (article) SELECT id FROM articles;
        """
    )


@migration(8, "story rows kept per article: story assignment reads no article again")
def _m8(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        DROP TABLE IF EXISTS story_inputs;
        CREATE TABLE IF NOT EXISTS story_rows (
            article TEXT PRIMARY KEY,
            data BLOB NOT NULL,                  -- the story stage's feature rows: term hashes and weights per block
            language TEXT,
            encoder TEXT NOT NULL DEFAULT '',    -- the article-vector model of ``vector`` ('' none)
            vector BLOB                          -- title + lead vector (float32), when an encoder is in use
        );
        """
    )


@migration(9, "events: the range of days each event can have happened on, its confidence and basis")
def _m9(db: sqlite3.Connection) -> None:
    for column, kind in (("date_earliest", "TEXT"), ("date_latest", "TEXT"), ("date_confidence", "REAL"),
                         ("date_basis", "TEXT")):
        db.execute(f"ALTER TABLE events ADD COLUMN {column} {kind}")
    # the next build fuses every block again, so that every event gets its range
    db.execute("INSERT OR IGNORE INTO fuse_pending (article) SELECT id FROM articles")


@migration(10, "events and their mentions: whether they are scheduled (told as to come), not yet happened")
def _m10(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE events ADD COLUMN scheduled INTEGER")
    db.execute("ALTER TABLE event_mentions ADD COLUMN scheduled INTEGER")
    db.execute("INSERT OR IGNORE INTO fuse_pending (article) SELECT id FROM articles")


@migration(11, "story rows kept again: each now ends with the vector of its masked headline (the kind of story)")
def _m11(db: sqlite3.Connection) -> None:
    # rows kept before carry no such vector, and the story level reads the block only when every article has
    # one: the next build makes every row again (one read of each article)
    db.execute("DELETE FROM story_rows")


def schema_version(db: sqlite3.Connection) -> int:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    row = db.execute("SELECT MAX(version) FROM _migrations").fetchone()
    return row[0] or 0


def pending_migrations(db: sqlite3.Connection) -> list[int]:
    """The versions not applied to the database yet (a migration added between two others included)."""
    schema_version(db)  # makes the _migrations table
    done = {row[0] for row in db.execute("SELECT version FROM _migrations")}
    return [version for version, _, _ in MIGRATIONS if version not in done]


def apply_migrations(db: sqlite3.Connection) -> list[int]:
    """Apply every migration the database has not had, in order; return the versions applied."""
    pending = set(pending_migrations(db))
    applied = []
    for version, name, fn in MIGRATIONS:
        if version not in pending:
            continue
        with db:
            fn(db)
            db.execute(
                "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        applied.append(version)
    return applied
