"""Incremental fusion gives the account a full fusion gives, whatever order and batches articles come in.

An annotated store (ingested, parsed and extracted, never fused) is made once; each scenario then
replays its articles into a fresh store in its own order and batch sizes, exactly as a build stores
them (rows copied, ``seq`` in arrival order), fusing after every batch as a build does. The final
account must equal ``newsfuse refuse`` on the same store, and the account of any other scenario,
up to story and thread ids (``s-<first article>``: the first to arrive names the story) and the
listing order (arrival order).
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from newsfuse.pipeline import BuildSummary, extract_pending, ingest, parse_pending, refuse
from newsfuse.settings import Settings
from newsfuse.store.sqlite import Store

KINDS = ("copy", "copy_group", "story", "entity", "quote", "figure", "figure_group", "event")
ECBPLUS = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "ecbplus"
#: four topics of the fit part of ECB+ (none of bench/splits/ecbplus_clusters_check.txt), ten articles each
ECB_TOPICS = (5, 12, 18, 21)


def annotated_store(paths: list[str], db: Path) -> Path:
    """Ingest, parse and extract ``paths`` into ``db`` without fusing (the replays' source)."""
    settings = Settings(db=str(db))
    summary = BuildSummary(str(db))
    quiet = lambda *a: None  # noqa: E731
    with Store(db) as store:
        ingest(store, paths, settings, summary, quiet)
        parse_pending(store, settings, summary, quiet)
        extract_pending(store, settings, summary, quiet)
    return db


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def replay(source: Path, db: Path, batches: list[list[str]], **options) -> Store:
    """Store the ``batches`` of articles of ``source`` in ``db`` one after another, fusing after each."""
    settings = Settings(db=str(db), **options)
    store = Store(db)
    store.db.execute("ATTACH DATABASE ? AS src", (str(source),))
    cols = _columns(store.db, "articles")
    listed = ", ".join(f'"{c}"' for c in cols)
    picked = ", ".join("?" if c == "seq" else f'"{c}"' for c in cols)
    for batch in batches:
        with store.db:
            for aid in batch:
                seq = store.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM main.articles").fetchone()[0]
                store.db.execute(f"INSERT INTO main.articles ({listed}) SELECT {picked} FROM src.articles WHERE id = ?",
                                 (seq, aid))
                for table in ("parses", "mentions", "extractions"):
                    names = ", ".join(f'"{c}"' for c in _columns(store.db, table) if c != "id")
                    store.db.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table} "
                                     "WHERE article = ?", (aid,))
                store.db.execute("INSERT OR IGNORE INTO fuse_pending (article) VALUES (?)", (aid,))
        refuse(store, settings, full=False)
    return store


def account(store: Store) -> dict[str, list[str]]:
    """The account by kind, each record as sorted JSON; stories and threads named by their articles."""
    out = {}
    for kind in KINDS:
        items = []
        for rec in store.fused(kind):
            if kind == "story":
                rec = {**rec, "id": sorted(rec["articles"]), "articles": sorted(rec["articles"]),
                       "threads": sorted(sorted(t["articles"]) for t in rec["threads"])}
            items.append(json.dumps(rec, sort_keys=True, ensure_ascii=False))
        out[kind] = sorted(items)
    return out


def relational(store: Store) -> dict[str, int]:
    return {t: store.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608
            for t in ("quotes", "quote_mentions", "entities", "entity_mentions", "events", "event_mentions",
                      "figures", "figure_groups", "copies", "places")}


def check_orders(source: Path, tmp: Path, scenarios: dict[str, list[list[str]]]) -> None:
    seen = None
    for name, batches in scenarios.items():
        store = replay(source, tmp / f"{name}.db", batches)
        try:
            incremental, tables = account(store), relational(store)
            assert store.fuse_pending() == []
            refuse(store, Settings(db=str(tmp / f"{name}.db")))
            full = account(store)
            for kind in KINDS:
                assert incremental[kind] == full[kind], f"{name}: incremental and full {kind} records differ"
            assert tables == relational(store), f"{name}: the relational tables differ after refuse"
            if seen is not None:
                for kind in KINDS:
                    assert full[kind] == seen[1][kind], f"{name} and {seen[0]}: {kind} records differ"
            seen = (name, full)
            stories = [json.loads(r) for r in full["story"]]
            assert any(len(st["articles"]) > 1 for st in stories), "no two articles share a story: nothing is tested"
        finally:
            store.close()


def _batches(ids: list[str], sizes: list[int]) -> list[list[str]]:
    out, i = [], 0
    for n in sizes:
        out.append(ids[i : i + n])
        i += n
    if i < len(ids):
        out.append(ids[i:])
    return [b for b in out if b]


@pytest.mark.slow
def test_seeds_in_several_orders_and_batches(tmp_path, seed_paths):
    source = annotated_store([str(p) for p in seed_paths], tmp_path / "source.db")
    with Store(source) as store:
        ids = [a.id for a in store.articles()]
    rng = random.Random(17)
    shuffled = ids[:]
    rng.shuffle(shuffled)
    check_orders(source, tmp_path, {
        "all-at-once": [ids],
        "one-by-one": [[i] for i in ids],
        "reversed-2-3": _batches(ids[::-1], [2, 3]),
        "shuffled-3-1-1": _batches(shuffled, [3, 1, 1]),
    })


def _ecb_paths() -> list[str]:
    paths = []
    for topic in ECB_TOPICS:
        for sub in (f"{topic}ecb", f"{topic}ecbplus"):
            paths += sorted(str(p) for p in (ECBPLUS / sub).glob("*.json"))[:5]
    return paths


@pytest.mark.slow
@pytest.mark.skipif(not ECBPLUS.exists(), reason="ECB+ not found at ../shared/datasets/ecbplus")
def test_ecbplus_dev_articles_in_several_orders_and_batches(tmp_path):
    paths = _ecb_paths()
    assert len(paths) == 40
    source = annotated_store(paths, tmp_path / "source.db")
    with Store(source) as store:
        ids = [a.id for a in store.articles()]
    rng = random.Random(5)
    shuffled = ids[:]
    rng.shuffle(shuffled)
    by_topic = sorted(ids, key=lambda i: (i.split("_")[-1], i))  # the ecb halves of topics first, then the ecbplus
    check_orders(source, tmp_path, {
        "all-at-once": [ids],
        "shuffled-in-10s": _batches(shuffled, [10, 10, 10]),
        "shuffled-1-then-7s": _batches(shuffled[::-1], [1, 7, 7, 7, 7]),
        "ecb-halves-first": _batches(by_topic, [20, 5, 15]),
    })
    # the blocks fused by two worker processes (forked; this process alone writes): the same account
    from newsfuse import fusion

    with replay(source, tmp_path / "serial.db", [ids], n_process=1) as serial:
        expected = account(serial)
        blocks = serial.count_blocks()
    assert blocks > 2 and fusion.fuse_processes(Settings(n_process=2), [[i] for i in ids]) == 2
    with replay(source, tmp_path / "parallel.db", [ids], n_process=2) as parallel:
        assert account(parallel) == expected


@pytest.mark.slow
def test_a_build_fuses_only_the_blocks_new_articles_touch(tmp_path, seed_paths):
    """Two unrelated articles: adding the second fuses one block, and leaves the first's records as they were."""
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("Flood in Valencia\n\nHeavy rain flooded the streets of Valencia on Tuesday, the mayor said. "
                   "Firefighters rescued twelve people from cars.\n")
    two.write_text("Chess final in Oslo\n\nThe world chess final opened in Oslo on Friday with a long draw "
                   "between the two grandmasters, organisers said.\n")
    from newsfuse.pipeline import build

    settings = Settings(db=str(tmp_path / "db.sqlite"))
    first = build([str(one)], settings)
    assert first.fused_blocks == 1
    with Store(settings.db) as store:
        before = {r[0]: r[1] for r in store.db.execute("SELECT id, data FROM fused WHERE kind = 'story'")}
    second = build([str(one), str(two)], settings)
    assert second.fused_blocks == 1 and second.stories == 2
    with Store(settings.db) as store:
        after = {r[0]: r[1] for r in store.db.execute("SELECT id, data FROM fused WHERE kind = 'story'")}
        assert store.count_blocks() == 2
    assert all(after[k] == v for k, v in before.items())
    third = build([str(one), str(two)], settings)
    assert third.fused_blocks == 0


@pytest.mark.slow
def test_refuse_command_fuses_every_block_again(tmp_path):
    from click.testing import CliRunner

    from newsfuse.cli import cli

    text = tmp_path / "one.txt"
    text.write_text("Flood in Valencia\n\nHeavy rain flooded the streets of Valencia on Tuesday, the mayor said. "
                    "Firefighters rescued twelve people from cars.\n")
    db = tmp_path / "db.sqlite"
    assert CliRunner().invoke(cli, ["build", str(text), "--db", str(db), "-q"], obj={}).exit_code == 0
    with Store(db) as store:
        before = account(store)
        store.db.execute("DELETE FROM fused")  # the derived account lost: refuse makes it again
        store.db.commit()
    result = CliRunner().invoke(cli, ["refuse", "--db", str(db)], obj={})
    assert result.exit_code == 0, result.output
    assert "1 blocks" in result.output
    with Store(db) as store:
        assert account(store) == before
    missing = CliRunner().invoke(cli, ["refuse", "--db", str(tmp_path / "none.db")], obj={})
    assert missing.exit_code != 0 and "E201" in missing.output


def _texts() -> dict[str, str]:
    """Twelve texts: a wire story copied whole, copied with an edit, sharing passages, plus a stock phrase
    in most of them (a fingerprint over ``max_df``) and unrelated ones."""
    rng = random.Random(3)
    words = [f"w{i}" for i in range(400)]

    def sentence(n: int = 14) -> str:
        return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."

    wire = " ".join(sentence() for _ in range(12))
    stock = "Readers may send tips to the newsroom by post or by email at any time of day."
    out = {"a0": wire, "a1": wire, "a2": wire.replace("w1 ", "w2 ", 3) + " " + sentence()}
    for i in range(3, 12):
        own = " ".join(sentence() for _ in range(8))
        if i % 3 == 0:
            own += " " + wire[: len(wire) // 3]
        out[f"a{i}"] = own + (" " + stock if i % 2 else "")
    return out


def test_reuse_links_found_batch_by_batch_equal_those_found_at_once():
    from newsfuse.fuse.reuse import find_copies
    from newsfuse.fuse.reuse_index import ReuseParams, article_keys, new_copies

    texts = _texts()
    params = ReuseParams(max_df=3)  # the stock phrase crosses it as articles come in
    expected = {(c.a, c.b, c.kind, c.overlap, c.passages) for c in find_copies(texts, max_df=3)}
    assert any(c[2] == "duplicate" for c in expected) and any(c[2] == "shared_passages" for c in expected)
    for order in (sorted(texts), sorted(texts, reverse=True), random.Random(1).sample(sorted(texts), len(texts))):
        for size in (1, 4):
            keys: dict[str, list[str]] = {}
            links: dict[tuple[str, str], tuple] = {}

            def holders(wanted):
                out: dict[str, set[str]] = {}
                for a, ks in keys.items():
                    for k in set(ks) & set(wanted):
                        out.setdefault(k, set()).add(a)
                return out

            for i in range(0, len(order), size):
                batch = {a: article_keys(texts[a], params) for a in order[i : i + size]}
                found, recheck = new_copies(batch, holders, lambda ids: {a: texts[a] for a in ids}, params)
                for pair in [p for p in links if p[0] in recheck and p[1] in recheck]:
                    del links[pair]
                links.update({(c.a, c.b): (c.a, c.b, c.kind, c.overlap, c.passages) for c in found})
                keys.update(batch)
            assert set(links.values()) == expected, (order, size)


def test_components_join_through_any_link_and_are_named_by_their_first_article():
    from newsfuse.fuse.blocks import components

    edges = {"b": {"d"}, "d": {"b", "f"}, "f": {"d"}, "x": {"y"}, "y": {"x"}}
    calls = []

    def neighbours(ids):
        calls.append(sorted(ids))
        return {i: edges.get(i, set()) for i in ids}

    assert components({"f", "x", "q"}, neighbours) == [["b", "d", "f"], ["q"], ["x", "y"]]
    assert len(calls) <= 4  # one store lookup per wave, not per article


def test_an_entity_named_in_two_blocks_is_one_record_whatever_the_block_order():
    from newsfuse.fuse.blocks import merge_record

    one = {"id": "ent-ana-lopez", "name": "Ana López", "type": "PERSON", "aliases": ["López"],
           "mentions": [{"article": "b", "start": 0, "end": 9, "text": "Ana López"}]}
    two = {"id": "ent-ana-lopez", "name": "Ana Lopez", "type": "PERSON", "aliases": [],
           "mentions": [{"article": "a", "start": 5, "end": 14, "text": "Ana Lopez"},
                        {"article": "c", "start": 1, "end": 10, "text": "Ana Lopez"}]}
    merged = merge_record("entity", [one, two])
    assert merged == merge_record("entity", [two, one])
    assert merged["name"] == "Ana Lopez" and set(merged["aliases"]) == {"López", "Ana López"}
    assert [m["article"] for m in merged["mentions"]] == ["a", "b", "c"]


def test_a_template_proved_wrong_in_one_block_is_distrusted_in_another_and_only_once():
    """Header-date trust crosses blocks: the culprits of one block reach the pages of another (what the
    fuse step passes as ``wrong_elsewhere``), and fusing again does not repeat the note."""
    from newsfuse.fuse.dates import TEMPLATE_NOTE, DatedArticle, Link, correct_dates, template_culprits
    from newsfuse.records import DateEvidence, PublishedDate

    header = DateEvidence("2024-05-04", "header", 0.3, "page header date May 4, 2024")
    wrong = DatedArticle("a", PublishedDate("2024-05-04", 0.3, ("page header",)), (header,), "site-x")
    trusted = DatedArticle("b", PublishedDate("2024-01-25", 0.9, ("byline",)), (), "site-y")
    block_one = correct_dates([wrong, trusted], [Link("a", "b", 'the quote "…"')])
    assert block_one["a"].value == "2024-01-25"
    culprits = template_culprits([wrong, trusted], block_one)
    assert culprits == {"site-x": ["a"]}
    # the culprit stays one in later rounds, from the evidence kept with its corrected date
    assert template_culprits([DatedArticle("a", block_one["a"], (header,), "site-x")], {}) == culprits

    other = DatedArticle("c", PublishedDate("2024-05-04", 0.3, ("page header",)), (header,), "site-x")
    block_two = correct_dates([other], [], culprits)
    assert block_two["c"].confidence <= 0.1 and block_two["c"].evidence[-1] == TEMPLATE_NOTE + "a"
    again = correct_dates([DatedArticle("c", block_two["c"], (header,), "site-x")], [], culprits)
    assert sum(e.startswith(TEMPLATE_NOTE) for e in again["c"].evidence) == 1
    assert correct_dates([other], []) == {}  # nothing known elsewhere: nothing to distrust


def test_kept_story_rows_give_the_similarities_the_texts_give():
    """A story row is kept per article and put together again: the same blocks, up to float32 weights."""
    import numpy as np

    from newsfuse.fuse.stories_cluster import StoryParams, similarity, story_level
    from newsfuse.fuse.stories_features import SPARSE_BLOCKS, StoryInput, build_blocks
    from newsfuse.fuse.story_rows import decode_blocks, encode_rows, pack_vector

    items = [StoryInput("a", 1, "The mayor of Valencia said floods hit the city on Tuesday.", frozenset({"valencia"}),
                        "2024-01-02", "Floods in Valencia", times=("2024-01-02",), numbers=frozenset({"killed:3"})),
             StoryInput("b", 2, "Floods in Valencia: the Mayor spoke of the damage.", frozenset({"valencia", "mayor"}),
                        language="es"),
             StoryInput("c", 3, "")]
    rows = encode_rows(items)
    kept = decode_blocks([(rows[it.id], it.language, None) for it in items])
    made = build_blocks(items)
    weights, _, _ = story_level(made, StoryParams())
    assert np.allclose(similarity(made, weights, slice(0, 3), slice(0, 3)),
                       similarity(kept, weights, slice(0, 3), slice(0, 3)), atol=1e-6)
    for name in SPARSE_BLOCKS:
        assert (getattr(made, name).getnnz(axis=1) == getattr(kept, name).getnnz(axis=1)).all(), name
    assert (made.has_time == kept.has_time).all() and (made.language == kept.language).all()
    assert kept.dense is None  # a row without a vector: no dense block
    vectors = decode_blocks([(rows[it.id], it.language, pack_vector([1.0, float(i)])) for i, it in enumerate(items)])
    assert vectors.dense is not None and np.allclose(np.linalg.norm(vectors.dense, axis=1), 1.0)


@pytest.mark.slow
def test_story_assignment_reads_only_the_new_articles(tmp_path, seed_paths, monkeypatch):
    """A build's story stage reads the text and mentions of its new articles alone; the stored ones are
    known by their kept rows (an article whose date a fuse step corrected has its row made again by the
    next one: the second build, which adds nothing)."""
    from newsfuse.pipeline import build

    settings = Settings(db=str(tmp_path / "db.sqlite"))
    paths = sorted(str(p) for p in seed_paths)
    build(paths[:3], settings)
    assert build(paths[:3], settings).fused_blocks == 0
    read: list[str] = []
    real_articles, real_annotations = Store.articles, Store.annotations

    def articles(self, ids=None):
        read.extend(["*"] if ids is None else list(ids))
        return real_articles(self, ids)

    def annotations(self, ids=None):
        read.extend(["*"] if ids is None else list(ids))
        return real_annotations(self, ids)

    import newsfuse.fusion as fusion

    stories = fusion._stories

    def watched(store, settings, pending, work=None):
        read.clear()
        monkeypatch.setattr(Store, "articles", articles)
        monkeypatch.setattr(Store, "annotations", annotations)
        try:
            return stories(store, settings, pending, work)
        finally:
            monkeypatch.setattr(Store, "articles", real_articles)
            monkeypatch.setattr(Store, "annotations", real_annotations)
            watched.read = sorted(set(read))

    monkeypatch.setattr(fusion, "_stories", watched)
    summary = build(paths, settings)
    assert len(summary.added) == len(paths) - 3
    assert watched.read == sorted(summary.added)


def test_kept_story_rows_keep_the_masked_headline_vectors():
    """The masked-headline vector travels in the kept row; rows kept without one turn the block off."""
    import numpy as np

    from newsfuse.fuse.stories_features import StoryInput
    from newsfuse.fuse.story_rows import decode_blocks, encode_rows

    items = [StoryInput("a", 1, "Floods hit Valencia.", kind_vector=(3.0, 4.0)),
             StoryInput("b", 2, "Floods hit the city.", frozenset({"city"}), kind_vector=(0.0, 2.0))]
    rows = encode_rows(items)
    kept = decode_blocks([(rows[it.id], None, None) for it in items])
    assert np.allclose(kept.kind, [[0.6, 0.8], [0.0, 1.0]])
    old = encode_rows([StoryInput("c", 3, "Floods.")])["c"]
    assert decode_blocks([(rows["a"], None, None), (old, None, None)]).kind is None


def test_a_build_keeps_the_kind_of_story_for_every_article(seeds_db):
    """The build gives the story level the masked-headline block: every kept row carries its vector, read
    through the store's encoding cache (one short text per article)."""
    from newsfuse.fuse.story_rows import decode_blocks
    from newsfuse.store.sqlite import Store

    with Store(seeds_db) as store:
        kept = store.story_rows("")
    assert kept  # (re-dated articles' rows are made again at the next build)
    blocks = decode_blocks([(data, lang, vec) for _, _, data, lang, vec in kept])
    assert blocks.kind is not None and blocks.kind.shape == (len(kept), 384)
