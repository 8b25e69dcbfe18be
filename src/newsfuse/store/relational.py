"""The fused account as relational tables, so SQL and Datasette show what a reader can use.

The account is also kept whole, as JSON by kind, in ``fused`` (what exports and the web layer
read); these tables are written from the same records in the same transaction. Every table is
derived: a full fusion (``newsfuse refuse``) replaces them all, an incremental one the records of the
blocks it fused (``store/blocks.py``). ``docs/STORE.md`` documents them with example queries.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

__all__ = ["SCHEMA", "TABLES", "delete_records", "insert_records", "write_relational"]

#: derived tables, children first (the order they are emptied in)
TABLES = ("story_articles", "quote_mentions", "figure_mentions", "event_mentions", "event_arguments",
          "entity_mentions", "copies", "quotes", "figures", "events", "figure_groups", "places", "entities",
          "stories")

SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, title TEXT, first_date TEXT, last_date TEXT, articles INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS story_articles (
    story TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    thread TEXT,                                   -- the specific-event thread inside the story
    PRIMARY KEY (story, article));
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, aliases TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS entity_mentions (
    entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY, speaker TEXT REFERENCES entities(id), speaker_name TEXT, text TEXT NOT NULL,
    direct INTEGER, date TEXT, independent_sources INTEGER);
CREATE TABLE IF NOT EXISTS quote_mentions (
    quote TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, speaker_text TEXT, cue TEXT, direct INTEGER);
CREATE TABLE IF NOT EXISTS figure_groups (
    id TEXT PRIMARY KEY, measure TEXT, status TEXT, explanation TEXT, independent_sources INTEGER);
CREATE TABLE IF NOT EXISTS figures (
    id TEXT PRIMARY KEY, figure_group TEXT REFERENCES figure_groups(id), measure TEXT, value REAL,
    value_max REAL, qualifier TEXT, unit TEXT, as_of TEXT);
CREATE TABLE IF NOT EXISTS figure_mentions (
    figure TEXT NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL, country_code TEXT);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, type TEXT, summary TEXT, date TEXT, date_end TEXT,
    place TEXT REFERENCES places(id), killed INTEGER, injured INTEGER, independent_sources INTEGER,
    disagreements TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS event_arguments (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_mentions (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, trigger TEXT);
CREATE TABLE IF NOT EXISTS copies (
    a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT, overlap REAL, origin TEXT, PRIMARY KEY (a, b));
CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article);
CREATE INDEX IF NOT EXISTS entity_mentions_entity ON entity_mentions(entity);
CREATE INDEX IF NOT EXISTS quotes_speaker_name ON quotes(speaker_name);
CREATE INDEX IF NOT EXISTS quote_mentions_quote ON quote_mentions(quote);
CREATE INDEX IF NOT EXISTS quote_mentions_article ON quote_mentions(article);
CREATE INDEX IF NOT EXISTS figures_group ON figures(figure_group);
CREATE INDEX IF NOT EXISTS figure_mentions_figure ON figure_mentions(figure);
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event);
CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions(article);
CREATE INDEX IF NOT EXISTS event_arguments_event ON event_arguments(event);
"""


def _rows(records: dict[str, list[tuple[str, dict[str, Any]]]], kind: str) -> list[dict[str, Any]]:
    return [d for _, d in records.get(kind, [])]


def _mentions(items: Iterable[dict[str, Any]], owner: str, *extra: str) -> list[tuple]:
    return [(item["id"], m["article"], m["start"], m["end"], m.get("text"), *(m.get(k) for k in extra))
            for item in items for m in item.get("mentions", [])]


def _flag(value: Any) -> int | None:
    """A JSON boolean as an SQL integer (1 / 0), None when absent."""
    return None if value is None else int(bool(value))


def write_relational(db: sqlite3.Connection, records: dict[str, list[tuple[str, dict[str, Any]]]]) -> None:
    """Replace the derived tables with ``records`` (the account by kind, as ``replace_fused`` takes
    it). Runs inside the caller's transaction."""
    delete_records(db, None)
    insert_records(db, records)


#: the tables that hold each kind of record, children first
_TABLES_OF = {
    "story": (("story_articles", "story"), ("stories", "id")),
    "quote": (("quote_mentions", "quote"), ("quotes", "id")),
    "figure": (("figure_mentions", "figure"), ("figures", "id")),
    "event": (("event_mentions", "event"), ("event_arguments", "event"), ("events", "id")),
    "entity": (("entity_mentions", "entity"),),  # the entity row itself is updated in place (quotes refer to it)
    "copy": (),
    "figure_group": (),
}
#: the order kinds are deleted in: what refers to another kind first
_DELETE_ORDER = ("copy", "story", "quote", "figure", "figure_group", "event", "entity")


def delete_records(db: sqlite3.Connection, ids: dict[str, list[str]] | None) -> None:
    """Delete the rows of these records (kind -> ids; None: every derived row). Inside the caller's transaction."""
    if ids is None:
        for table in TABLES:
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - names from TABLES
        return
    for kind in _DELETE_ORDER:
        keys = list(ids.get(kind, ()))
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            if kind == "copy":
                pairs = [k.split("|", 1) for k in chunk]
                db.executemany("DELETE FROM copies WHERE a = ? AND b = ?", pairs)
                continue
            if kind == "figure_group":
                db.execute(f"UPDATE figures SET figure_group = NULL WHERE figure_group IN ({marks})", chunk)  # noqa: S608
                db.execute(f"DELETE FROM figure_groups WHERE id IN ({marks})", chunk)  # noqa: S608
                continue
            places = []
            if kind == "event":
                places = [r[0] for r in db.execute(
                    f"SELECT DISTINCT place FROM events WHERE place IS NOT NULL AND id IN ({marks})", chunk)]  # noqa: S608
            for table, column in _TABLES_OF.get(kind, ()):
                db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)  # noqa: S608
            if kind == "entity":
                # an entity no block names any more; no quote still refers to it (quotes go first)
                db.execute(f"""DELETE FROM entities WHERE id IN ({marks}) AND id NOT IN
                               (SELECT speaker FROM quotes WHERE speaker IS NOT NULL)""", chunk)  # noqa: S608
            for p in places:
                db.execute("DELETE FROM places WHERE id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE place = ?)",
                           (p, p))


def insert_records(db: sqlite3.Connection, records: dict[str, list[tuple[str, dict[str, Any]]]]) -> None:
    """Insert the rows of ``records`` (their earlier rows deleted by :func:`delete_records`).
    Inside the caller's transaction."""
    stories = _rows(records, "story")
    db.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?)",
                   [(s["id"], s.get("title"), s.get("first_date"), s.get("last_date"), len(s.get("articles", [])))
                    for s in stories])
    links = []
    for s in stories:
        thread_of = {a: t["id"] for t in s.get("threads", []) for a in t.get("articles", [])}
        links += [(s["id"], a, thread_of.get(a)) for a in dict.fromkeys(s.get("articles", []))]
    db.executemany("INSERT OR IGNORE INTO story_articles VALUES (?, ?, ?)", links)

    entities = _rows(records, "entity")
    db.executemany("""INSERT INTO entities (id, name, type, aliases) VALUES (?, ?, ?, ?)
                      ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,
                      aliases = excluded.aliases""",
                   [(e["id"], e["name"], e.get("type"), json.dumps(e.get("aliases", []), ensure_ascii=False))
                    for e in entities])
    db.executemany("INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?)", _mentions(entities, "entity"))
    speakers = sorted({q.get("speaker") for _, q in records.get("quote", []) if q.get("speaker")})
    known = {r[0] for i in range(0, len(speakers), 500) for r in db.execute(
        f"SELECT id FROM entities WHERE id IN ({','.join('?' * len(speakers[i:i + 500]))})",  # noqa: S608
        speakers[i : i + 500])}

    quotes = _rows(records, "quote")
    db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(q["id"], q.get("speaker") if q.get("speaker") in known else None, q.get("speaker_name"),
                     q["text"], q.get("direct"), q.get("date"), q.get("independent_sources")) for q in quotes])
    db.executemany("INSERT INTO quote_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   _mentions(quotes, "quote", "speaker_text", "cue", "direct"))

    groups = _rows(records, "figure_group")
    db.executemany("INSERT INTO figure_groups VALUES (?, ?, ?, ?, ?)",
                   [(g["id"], g.get("measure"), g.get("status"), g.get("explanation"), g.get("independent_sources"))
                    for g in groups])
    group_of = {f: g["id"] for g in groups for f in g.get("figures", [])}
    figures = _rows(records, "figure")
    db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(f["id"], group_of.get(f["id"]), f.get("measure"), f.get("value"), f.get("value_max"),
                     f.get("qualifier"), f.get("unit"), f.get("as_of")) for f in figures])
    db.executemany("INSERT INTO figure_mentions VALUES (?, ?, ?, ?, ?)", _mentions(figures, "figure"))

    events = _rows(records, "event")
    places: dict[str, tuple] = {}
    event_rows, arguments = [], []
    for e in events:
        place = e.get("place") or {}
        place_id = None
        if place.get("name"):
            place_id = f"pl-{place['name'].lower().replace(' ', '-')}-{place.get('country_code') or 'xx'}".lower()
            places.setdefault(place_id, (place_id, place["name"], place.get("lat"), place.get("lon"),
                                         place.get("country_code")))
        rng = e.get("date_range") or {}
        event_rows.append((e["id"], e.get("type"), e.get("summary"), e.get("date"), e.get("date_end"), place_id,
                           e.get("killed"), e.get("injured"), e.get("independent_sources"),
                           json.dumps(e.get("disagreements", []), ensure_ascii=False), rng.get("earliest"),
                           rng.get("latest"), rng.get("confidence"), rng.get("basis"), _flag(e.get("scheduled"))))
        arguments += [(e["id"], role, text) for role in ("actors", "targets") for text in e.get(role, [])]
    db.executemany("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?)", list(places.values()))
    db.executemany("INSERT INTO events (id, type, summary, date, date_end, place, killed, injured, independent_sources, "
                   "disagreements, date_earliest, date_latest, date_confidence, date_basis, scheduled) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event_rows)
    db.executemany("INSERT INTO event_arguments VALUES (?, ?, ?)", [(e, r[:-1], t) for e, r, t in arguments])
    db.executemany("INSERT INTO event_mentions (event, article, start, \"end\", text, trigger, scheduled) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(*row[:-1], _flag(row[-1])) for row in _mentions(events, "event", "trigger", "scheduled")])

    db.executemany("INSERT OR IGNORE INTO copies VALUES (?, ?, ?, ?, ?)",
                   [(c["a"], c["b"], c.get("kind"), c.get("overlap"), c.get("origin")) for c in _rows(records, "copy")])
