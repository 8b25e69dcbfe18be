"""The extractor registry: ordering from needs, and per-extractor versions in the store."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newsfuse.annotate import run
from newsfuse.annotate.registry import Extractor, dependents, order
from newsfuse.pipeline import build
from newsfuse.settings import Settings
from newsfuse.store.sqlite import Store

from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module


def _noop(doc, ctx):
    return []


def test_order_follows_needs_and_keeps_declaration_order_otherwise():
    a = Extractor("a", "1", ("parse", "b"), _noop)
    b = Extractor("b", "1", ("parse",), _noop)
    c = Extractor("c", "1", ("entities",), _noop)
    assert [e.name for e in order((a, b, c))] == ["b", "a", "c"]
    assert dependents((a, b, c), ["b"]) == {"a", "b"}
    assert dependents((a, b, c), ["c"]) == {"c"}


def test_order_refuses_unknown_needs_cycles_and_duplicates():
    with pytest.raises(ValueError, match="nothing provides"):
        order((Extractor("a", "1", ("encoder",), _noop),))
    with pytest.raises(ValueError, match="cycle"):
        order((Extractor("a", "1", ("b",), _noop), Extractor("b", "1", ("a",), _noop)))
    with pytest.raises(ValueError, match="unique"):
        order((Extractor("a", "1", (), _noop), Extractor("a", "2", (), _noop)))


def test_shipped_registry_is_ordered_and_complete():
    names = [e.name for e in run.EXTRACTORS]
    assert set(names) == {"published", "timexes", "quotes", "figures", "places", "events"}
    assert names.index("events") > max(names.index(n) for n in ("timexes", "figures", "places"))
    assert run.stale(run.versions()) == frozenset()
    assert run.stale({}) == frozenset(names)
    assert run.stale({**run.versions(), "figures": "old"}) == {"figures", "events"}


def _mentions(db: Path) -> dict[str, list]:
    with Store(db) as store:
        return {aid: ann for aid, ann in sorted(store.annotations().items())}


def _bumped(monkeypatch, name: str) -> list[str]:
    """Register ``name`` with a new version; return the list the extractors' runs are logged to."""
    calls: list[str] = []

    def counted(extractor):
        def run_it(doc, ctx):
            calls.append(extractor.name)
            return extractor.run(doc, ctx)
        version = extractor.version + "-bumped" if extractor.name == name else extractor.version
        return replace(extractor, version=version, run=run_it)

    monkeypatch.setattr(run, "EXTRACTORS", tuple(counted(e) for e in run.EXTRACTORS))
    return calls


def test_a_version_bump_re_extracts_only_that_extractor(seeds_db, tmp_path, monkeypatch):
    db = tmp_path / "n.db"
    shutil.copy(seeds_db, db)
    before = _mentions(db)

    calls = _bumped(monkeypatch, "quotes")
    summary = build([str(SEEDS)], Settings(db=str(db)))
    assert summary.parsed == 0 and summary.extracted == 5
    assert set(calls) == {"quotes"} and len(calls) == 5
    assert _mentions(db) == before

    # an extractor whose output another reads: that one runs again too (events read the figures)
    calls = _bumped(monkeypatch, "figures")
    build([str(SEEDS)], Settings(db=str(db)))
    assert set(calls) == {"figures", "events"}
    assert _mentions(db) == before

    calls.clear()
    build([str(SEEDS)], Settings(db=str(db)))
    assert calls == []
