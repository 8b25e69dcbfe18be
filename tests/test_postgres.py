"""The store on a real PostgreSQL server (a throwaway one the suite starts: ``pg_server`` in conftest):
the same migrations and schema as SQLite, the same account from the same inputs, several writers at
once, and every reader (export, listings, serve) on it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from io import BytesIO
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from click.testing import CliRunner

from newsfuse.cli import cli
from newsfuse.errors import NewsfuseError
from newsfuse.pipeline import build
from newsfuse.present.export import account
from newsfuse.records import Rejection
from newsfuse.settings import Settings
from newsfuse.store.lock import file_lock, store_lock
from newsfuse.store.migrations import MIGRATIONS, apply_migrations
from newsfuse.store.relational import TABLES
from newsfuse.store.sqlite import Store

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module


# ---------------------------------------------------------------------------- helpers
def _pg_schema(db) -> dict[str, list[str]]:
    rows = db.execute("""SELECT table_name, column_name FROM information_schema.columns
                         WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position""")
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def _sqlite_schema(db) -> dict[str, list[str]]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {t: [c[1] for c in db.execute(f"PRAGMA table_info({t})")] for t in tables}


def _pg_foreign_keys(db) -> set[tuple]:
    rows = db.execute("""
        SELECT cl.relname, att.attname, ref.relname, ratt.attname, c.confdeltype = 'c'
        FROM pg_constraint c
        JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class ref ON ref.oid = c.confrelid
        JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, rcol) ON true
        JOIN pg_attribute att ON att.attrelid = c.conrelid AND att.attnum = k.col
        JOIN pg_attribute ratt ON ratt.attrelid = c.confrelid AND ratt.attnum = k.rcol
        WHERE c.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace""")
    return {tuple(r) for r in rows}


def _sqlite_foreign_keys(db) -> set[tuple]:
    out = set()
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for fk in db.execute(f"PRAGMA foreign_key_list({table})"):
            out.add((table, fk[3], fk[2], fk[4], fk[6] == "CASCADE"))
    return out


def _rows(db, table: str) -> list[tuple]:
    return sorted((tuple(r) for r in db.execute(f"SELECT * FROM {table}")), key=repr)  # noqa: S608


def _get(app, path: str) -> tuple[str, bytes]:
    env = {"PATH_INFO": path, "QUERY_STRING": "", "REQUEST_METHOD": "GET", "wsgi.input": BytesIO()}
    setup_testing_defaults(env)
    env["HTTP_HOST"] = "127.0.0.1:8765"
    seen = {}
    body = b"".join(app(env, lambda status, headers: seen.setdefault("status", status)))
    return seen["status"], body


def _cli_build(url: str, *extra: str, config: Path | None = None) -> subprocess.Popen:
    args = [sys.executable, "-m", "newsfuse.cli"] + (["--config", str(config)] if config else []) + \
        ["build", str(SEEDS), "--db", url, "-q", *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_build_lock(url: str) -> None:
    """Until some session holds a newsfuse build lock on the server (named by its application_name)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(600):
            held = conn.execute("""SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                                   WHERE l.locktype = 'advisory' AND l.granted
                                   AND a.application_name LIKE 'newsfuse: build%'""").fetchone()[0]
            if held:
                return
            time.sleep(0.05)
    raise AssertionError("the first build never took its lock")


# ---------------------------------------------------------------------------- schema and migrations
def test_migrations_once_and_a_second_run_is_a_no_op(pg_url):
    with Store(pg_url) as store:
        versions = [r[0] for r in store.db.execute("SELECT version FROM _migrations ORDER BY version")]
        assert versions == [v for v, _, _ in MIGRATIONS]
        schema = _pg_schema(store.db)
        assert apply_migrations(store.db) == []
        assert _pg_schema(store.db) == schema
    with Store(pg_url, must_exist=True) as store:  # reopened: nothing to apply, nothing changed
        assert _pg_schema(store.db) == schema
        assert store.db.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)


def test_two_processes_opening_a_new_database_migrate_it_once(pg_url):
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(pg_url).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with Store(pg_url) as store:
        assert store.db.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)


def test_same_tables_columns_keys_and_indexes_as_sqlite(pg_url, tmp_path):
    with Store(pg_url) as pg, Store(tmp_path / "x.db") as lite:
        pg_schema, lite_schema = _pg_schema(pg.db), _sqlite_schema(lite.db)
        # SQLite's implicit rowid is a real column on PostgreSQL (dialect.ROWID_TABLES)
        fused = pg_schema.pop("fused")
        fused.remove("rowid")
        assert fused == lite_schema.pop("fused")
        assert pg_schema == {t: c for t, c in lite_schema.items() if t != "sqlite_sequence"}
        assert set(TABLES) <= set(pg_schema)
        assert _pg_foreign_keys(pg.db) == _sqlite_foreign_keys(lite.db)
        lite_indexes = {r[0] for r in lite.db.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                                      "AND sql IS NOT NULL")}
        pg_indexes = {r[0] for r in pg.db.execute(  # the named ones, not those of primary keys and UNIQUE
            """SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               WHERE c.relnamespace = current_schema()::regnamespace
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)""")}
        assert pg_indexes == lite_indexes


def test_text_postgresql_cannot_hold_is_kept_readable_not_fatal(pg_url):
    with Store(pg_url) as store:
        store.add_rejection(Rejection("odd\x00name.txt", "E101", "bad byte \udcff here"))
        (rej,) = store.rejections()
    assert rej.source == "odd\ufffdname.txt" and rej.reason == "bad byte \ufffd here"


def test_missing_store_and_unreachable_server_are_clear_errors(pg_url, pg_server):
    with pytest.raises(NewsfuseError) as exc:
        Store(pg_url, must_exist=True)  # the database exists but holds no newsfuse store
    assert exc.value.code == "E201"
    dead = f"postgresql://newsfuse:s3cret@127.0.0.1:{pg_server.port}/no_such_database"
    result = CliRunner().invoke(cli, ["export", "--db", dead], obj={})
    assert result.exit_code == 2
    assert "E230" in result.output and "no_such_database" in result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output


def test_a_store_per_schema_over_a_unix_socket(pg_url, pg_server):
    """The URL forms docs/STORE.md gives: a Unix socket, and one schema per store (its own lock too)."""
    from urllib.parse import quote

    database = pg_url.rsplit("/", 1)[1]
    base = f"postgresql://{pg_server.SUPERUSER}@/{database}?host={quote(str(pg_server.root))}&port={pg_server.port}"
    with Store(pg_url) as store:
        store.db.execute("CREATE SCHEMA team_a")
        store.db.execute("CREATE SCHEMA team_b")
    url_a, url_b = (f"{base}&options=-csearch_path%3D{name}" for name in ("team_a", "team_b"))
    with Store(url_a) as a:
        a.add_rejection(Rejection("a.txt", "E101", "empty"))
        assert a.db.execute("SELECT current_schema()").fetchone()[0] == "team_a"
    with Store(url_b) as b:
        assert b.rejections() == []
    with store_lock(url_a, "build", wait=0, what="build"), store_lock(url_b, "build", wait=0, what="build"):
        pass  # two stores, two locks


def test_a_lost_connection_is_a_clear_error(pg_url, pg_server):
    with Store(pg_url) as store:
        pid = store.db.execute("SELECT pg_backend_pid()").fetchone()[0]
        pg_server.admin(f"SELECT pg_terminate_backend({int(pid)})")
        with pytest.raises(NewsfuseError) as exc:
            store.count_articles()
    assert exc.value.code == "E233" and "run the same command again" in str(exc.value)


# ---------------------------------------------------------------------------- locks
def test_build_lock_is_held_once_and_says_who_holds_it(pg_url):
    told = []
    with store_lock(pg_url, "build", wait=0, what="build"):
        with pytest.raises(NewsfuseError) as exc:
            with store_lock(pg_url, "build", wait=0.3, what="build", on_wait=told.append):
                pass
    assert exc.value.code == "E209" and "is busy" in str(exc.value)
    assert told == [f"build by process {os.getpid()} since {told[0].split(' since ')[1]}"]
    with store_lock(pg_url, "build", wait=0, what="build"):  # released
        pass
    with file_lock(f"{pg_url}.build.lock", wait=0, what="build"):  # a caller written for files: the same lock
        with pytest.raises(NewsfuseError):
            with store_lock(pg_url, "build", wait=0, what="build"):
                pass


def test_a_killed_builder_leaves_no_stale_lock(pg_url):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from newsfuse.store.lock import file_lock, store_lock\n"
        f"with store_lock({pg_url!r}, 'build', wait=0, what='build'):\n"
        "    print('held', flush=True); time.sleep(60)\n")], stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(NewsfuseError):
            with store_lock(pg_url, "build", wait=0.2, what="build"):
                pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with store_lock(pg_url, "build", wait=10, what="build"):  # the server dropped the dead session's lock
            pass
    finally:
        holder.kill()
        holder.wait(10)


def test_dask_workers_read_the_sentence_cache_from_the_server(pg_url):
    from newsfuse.scale.cluster import _cached_lookup

    with Store(pg_url) as store:
        store.save_sentences("m", [("k1", b"doc one"), ("k2", b"doc two")])
        store.save_sentences("m", [("k1", b"kept, not replaced")])
    assert _cached_lookup(pg_url)(["k1", "k2", "k3"]) == {"k1": b"doc one", "k2": b"doc two"}


# ---------------------------------------------------------------------------- the seeds, end to end
@pytest.fixture(scope="module")
def pg_seeds(pg_server):
    """The seeds built into a PostgreSQL database once for the module: (url, summary)."""
    name = "seeds_module"
    url = pg_server.create_database(name)
    summary = build([str(SEEDS)], Settings(db=url))
    assert summary.ok, summary.rejected
    yield url, summary
    pg_server.drop_database(name)


def test_seeds_give_the_same_account_and_tables_as_sqlite(pg_seeds, seeds_db, seed_account):
    url, summary = pg_seeds
    assert summary.db == url and summary.articles == 5
    with Store(url, must_exist=True) as pg, Store(seeds_db, must_exist=True) as lite:
        assert account(pg) == seed_account
        for table in TABLES:
            assert _rows(pg.db, table) == _rows(lite.db, table), table
        columns = "id, content_hash, text_hash, source, seq, published, published_confidence, anchor, extracted_with"
        assert _rows(pg.db, f"(SELECT {columns} FROM articles) a") == _rows(lite.db, f"(SELECT {columns} FROM articles) a")
        assert pg.raw(seed_account["articles"][0]["id"]) == lite.raw(seed_account["articles"][0]["id"])
        assert pg.count_cached_sentences() == lite.count_cached_sentences() > 0


def test_building_again_is_idempotent(pg_seeds, seed_account):
    url, _ = pg_seeds
    again = build([str(SEEDS)], Settings(db=url))
    assert (len(again.added), len(again.already_stored), again.parsed, again.extracted) == (0, 5, 0, 0)
    with Store(url) as store:
        assert store.count_articles() == 5
        assert account(store) == seed_account
        assert store.last_run()["finished"]


def test_export_and_listings_read_postgresql(pg_seeds, seeds_db, tmp_path):
    url, _ = pg_seeds
    runner = CliRunner()
    for db, out in ((url, tmp_path / "pg.json"), (str(seeds_db), tmp_path / "lite.json")):
        result = runner.invoke(cli, ["export", "--db", db, "--format", "json", "--out", str(out)], obj={})
        assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "pg.json").read_text()) == json.loads((tmp_path / "lite.json").read_text())
    for command in (["quotes", "--json"], ["figures", "--json"], ["events", "--json"], ["rejections"]):
        on_pg = runner.invoke(cli, [*command, "--db", url], obj={})
        on_lite = runner.invoke(cli, [*command, "--db", str(seeds_db)], obj={})
        assert on_pg.exit_code == 0 and on_pg.output == on_lite.output, command


def test_the_documented_queries_read_the_same_on_both(pg_seeds, seeds_db):
    """docs/STORE.md's example queries (with string_agg for group_concat on PostgreSQL)."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "STORE.md").read_text()
    queries = [q.split("```")[0] for q in doc.split("```sql\n")[1:]]
    assert len(queries) == 3
    url, _ = pg_seeds
    with Store(url) as pg, Store(seeds_db) as lite:
        for query in queries:
            on_lite = lite.db.execute(query).fetchall()
            on_pg = pg.db.execute(query.replace("group_concat(DISTINCT a.outlet)",
                                                "string_agg(DISTINCT a.outlet, ',')")).fetchall()
            assert sorted(map(tuple, on_pg), key=repr) == sorted(map(tuple, on_lite), key=repr), query
        assert pg.db.execute(queries[0].replace("group_concat(DISTINCT a.outlet)", "string_agg(DISTINCT a.outlet, ',')")
                             ).fetchall(), "the seeds hold quotes by Albares"


def test_serve_reads_postgresql_and_sees_a_new_build(pg_seeds, seeds_db, monkeypatch):
    from newsfuse.web import WebApp
    from newsfuse.web import app as web_app

    url, _ = pg_seeds
    pg_app, lite_app = WebApp(url), WebApp(seeds_db)
    for path in ("/api/status", "/api/stories", "/api/quotes", "/api/events"):
        status, body = _get(pg_app, path)
        assert status.startswith("200"), (path, body[:200])
        if path != "/api/status":
            assert json.loads(body) == json.loads(_get(lite_app, path)[1]), path
    status, body = _get(pg_app, "/")
    assert status.startswith("200") and b"5 articles" in body
    monkeypatch.setattr(web_app, "PG_CHECK_SECONDS", 0.0)
    before = pg_app._version()
    with Store(url) as store:
        store.finish_run(store.start_run(["elsewhere"]), {"note": "a build by another analyst"})
    after = pg_app._version()
    assert after != before
    pg_app.db = url.rsplit("/", 1)[0] + "/gone"  # the server cannot be asked: what is loaded is served
    assert pg_app._version() == after and _get(pg_app, "/api/stories")[0].startswith("200")
    with pytest.raises(NewsfuseError):
        WebApp(url.rsplit("/", 1)[0] + "/postgres")  # a database without a newsfuse store


def test_two_builds_at_once_one_waits_one_says_busy_nothing_lost(pg_url, tmp_path, seed_account):
    config = tmp_path / "newsfuse.toml"
    config.write_text("lock_wait = 0.5\n")
    first = _cli_build(pg_url)
    _wait_for_build_lock(pg_url)
    busy = _cli_build(pg_url, config=config)
    waits = _cli_build(pg_url)
    results = [(p.wait(600), *p.communicate()) for p in (first, busy, waits)]
    (rc1, _, err1), (rc2, _, err2), (rc3, _, err3) = results
    assert rc1 == 0, err1
    assert rc2 == 2 and "Traceback" not in err2
    err2 = " ".join(err2.split())  # the console wraps long lines
    assert "E209" in err2 and "is busy" in err2 and "build by process" in err2
    assert rc3 == 0 and "Traceback" not in err1 + err3, err3
    assert "waiting for the build by process" in err3
    assert "0 new, 5 already stored" in " ".join(err3.split())
    with Store(pg_url) as store:
        assert store.count_articles() == 5
        assert store.db.execute("SELECT count(*) FROM runs WHERE finished IS NOT NULL").fetchone()[0] == 2
        assert account(store) == seed_account


def test_a_dask_build_into_postgresql_gives_the_local_account(pg_url, seed_account):
    pytest.importorskip("dask.distributed", reason="the Dask extra is not installed (pip install 'newsfuse[dask]')")
    summary = build([str(SEEDS)], Settings(db=pg_url, scheduler="dask", dask_workers=1))
    assert summary.ok and summary.parsed == 5
    with Store(pg_url) as store:
        assert account(store) == seed_account


def test_watch_state_and_alerts_on_postgresql(pg_url):
    """The store methods `newsfuse watch` uses: named parameters, upserts, counted inserts."""
    alert = {"id": "a1", "kind": "event.new", "subject": "ev-1", "story": None, "title": "An attack"}
    with Store(pg_url) as store:
        state = {**store.watch_state("http://x/feed"), "etag": '"v1"', "failures": 2, "next_poll": 1764763200.25}
        store.save_watch_states([state])
        store.save_watch_states([{**state, "last_status": "304"}])
        assert store.watch_state("http://x/feed") == {**state, "last_status": "304"}  # 8-byte reals kept exactly
        assert store.record_alerts([alert], {"events": 1}) == 1
        assert store.record_alerts([alert], {"events": 2}) == 0  # the same change is alerted once
        assert store.watch_baseline() == {"events": 2}
        assert [a["id"] for a in store.alerts(undelivered=True)] == ["a1"]
        store.mark_delivered("a1")
        assert store.alerts(undelivered=True) == [] and len(store.alerts(limit=5)) == 1
