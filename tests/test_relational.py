"""The fused account as relational tables: what the JSON account says, SQL can ask."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newsfuse.pipeline import build
from newsfuse.present.export import account
from newsfuse.settings import load_settings
from newsfuse.store.sqlite import Store


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("rel") / "seeds.db"
    build(["examples/seeds"], load_settings(db=str(db)))
    return db


@pytest.mark.slow
def test_tables_hold_the_account(seeds_db):
    with Store(seeds_db) as store:
        acc = account(store)
    db = sqlite3.connect(seeds_db)
    count = lambda table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: E731
    assert count("quotes") == len(acc["quotes"])
    assert count("quote_mentions") == sum(len(q["mentions"]) for q in acc["quotes"])
    assert count("events") == len(acc["events"])
    assert count("event_mentions") == sum(len(e["mentions"]) for e in acc["events"])
    assert count("figures") == len(acc["figures"]) and count("figure_groups") == len(acc["figure_groups"])
    assert count("entities") == len(acc["entities"]) and count("copies") == len(acc["copies"])
    assert count("stories") == len(acc["stories"]) == 1
    assert count("story_articles") == 5
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.slow
def test_every_quote_by_albares_with_its_outlets(seeds_db):
    db = sqlite3.connect(seeds_db)
    rows = db.execute("""
        SELECT q.text, group_concat(DISTINCT a.outlet)
        FROM quotes q JOIN quote_mentions m ON m.quote = q.id JOIN articles a ON a.id = m.article
        WHERE q.speaker_name LIKE '%Albares%' GROUP BY q.id""").fetchall()
    by_text = dict(rows)
    assert "Kurdistan24" in by_text["Attacks against foreign troops need to stop."]
    # an updated running count: its figures in order of date, from SQL alone
    tally = db.execute("""
        SELECT f.value, f.as_of FROM figure_groups g JOIN figures f ON f.figure_group = g.id
        WHERE g.status = 'updated' ORDER BY f.as_of""").fetchall()
    assert any(v == 150 for v, _ in tally)


@pytest.mark.slow
def test_a_rebuild_replaces_the_derived_tables(seeds_db):
    build(["examples/seeds"], load_settings(db=str(seeds_db)))
    db = sqlite3.connect(seeds_db)
    ids = [r[0] for r in db.execute("SELECT id FROM events")]
    assert len(ids) == len(set(ids))
    places = db.execute("SELECT name, country_code FROM places WHERE name = 'Baghdad'").fetchall()
    assert places == [("Baghdad", "IQ")]
    roles = {r for (r,) in db.execute("SELECT DISTINCT role FROM event_arguments")}
    assert roles <= {"actor", "target"} and json.loads(db.execute("SELECT disagreements FROM events").fetchone()[0]) \
        is not None
