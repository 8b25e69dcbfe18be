"""End to end on the seed corpus: build, export contract, idempotence, resume, incremental add."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from newsfuse.annotate.run import versions
from newsfuse.pipeline import build
from newsfuse.present.export import account
from newsfuse.settings import Settings
from newsfuse.store.sqlite import Store

ROOT = Path(__file__).resolve().parent.parent
from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module
SCHEMA = ROOT.parent / "shared" / "schema" / "export.schema.json"


@pytest.fixture(scope="module")
def acc(seed_account):
    return seed_account


def test_export_follows_the_contract(acc):
    if not SCHEMA.exists():
        pytest.skip("../shared/schema/export.schema.json is not beside the repository")
    schema = json.loads(SCHEMA.read_text())
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(acc))
    assert not errors, errors[0].message


def test_articles_have_titles_and_datelines(acc):
    arts = {a["id"][:3]: a for a in acc["articles"]}
    assert len(arts) == 5
    assert all(a["title"] for a in arts.values())
    assert arts["000"]["dateline"] == "Baghdad"
    assert arts["001"]["dateline"] == "Erbil"
    assert arts["002"]["published"] == "2024-01-25"


def test_albares_quote_is_one_quote_in_three_articles(acc):
    hits = [q for q in acc["quotes"] if "at the request of the government of Iraq" in q["text"]]
    assert len(hits) == 1, [q["text"] for q in hits]
    q = hits[0]
    assert {m["article"][:3] for m in q["mentions"]} >= {"000", "001", "002"}
    assert q["speaker_name"] == "Jose Manuel Albares"
    assert q["independent_sources"] == 2  # 000 and 002 copy the same AFP text
    for m in q["mentions"]:
        text = next(a["text"] for a in acc["articles"] if a["id"] == m["article"])
        assert text[m["start"] : m["end"]] == m["text"]


def test_figure_groups_for_attacks_and_us_troops(acc):
    measures = [g["measure"].lower() for g in acc["figure_groups"]]
    assert any("attack" in m for m in measures), measures
    assert any(("troop" in m or "soldier" in m) and "iraq" in m for m in measures), measures


def test_tower22_attack_is_an_event_in_jordan(acc):
    hits = [e for e in acc["events"] if "Tower 22" in json.dumps(e) or
            any("Tower 22" in m.get("text", "") for m in e["mentions"])]
    assert any((e.get("place") or {}).get("country_code") == "JO" for e in hits), hits


def test_one_story_holds_the_three_reports_of_the_visit(acc):
    stories = [set(a[:3] for a in s["articles"]) for s in acc["stories"]]
    assert any({"000", "001", "002"} <= s for s in stories), stories


def test_header_date_is_corrected_from_other_reports(acc):
    a000 = next(a for a in acc["articles"] if a["id"].startswith("000"))
    assert a000["published"] == "2024-01-25"
    assert any("cross-source" in e for e in a000["published_evidence"])
    a004 = next(a for a in acc["articles"] if a["id"].startswith("004"))
    assert a004["published_confidence"] < 0.5


def test_rebuild_is_idempotent(seeds_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(seeds_db, db)
    with Store(db) as store:
        before = account(store)
    summary = build([str(SEEDS)], Settings(db=str(db)))
    assert summary.added == [] and len(summary.already_stored) == 5
    assert summary.parsed == 0 and summary.extracted == 0
    with Store(db) as store:
        after = account(store)
    assert len(after["articles"]) == 5
    assert [q["id"] for q in after["quotes"]] == [q["id"] for q in before["quotes"]]


class _Stop(Exception):
    pass


@pytest.mark.slow
def test_interrupted_build_resumes_without_duplicates(tmp_path):
    db = tmp_path / "r.db"
    calls = {"n": 0}

    def progress(stage, done, total, detail):
        if stage == "extract":
            calls["n"] += 1
            if calls["n"] == 2:
                raise _Stop()

    with pytest.raises(_Stop):
        build([str(SEEDS)], Settings(db=str(db)), progress=progress)
    with Store(db) as store:
        assert store.count_articles() == 5
        assert 0 < len(store.unextracted(versions())) and store.fused("quote") == []
    summary = build([str(SEEDS)], Settings(db=str(db)))
    assert summary.added == [] and summary.parsed == 0
    assert summary.extracted >= 3
    with Store(db) as store:
        acc = account(store)
    assert len(acc["articles"]) == 5
    assert len({a["id"] for a in acc["articles"]}) == 5


@pytest.mark.slow
def test_adding_articles_keeps_the_rest(tmp_path):
    db = tmp_path / "inc.db"
    part = tmp_path / "part"
    part.mkdir()
    files = sorted(SEEDS.iterdir())
    for f in files[:3]:
        shutil.copy(f, part / f.name)
    build([str(part)], Settings(db=str(db)))
    with Store(db) as store:
        stories_before = store.story_assignments()
    summary = build([str(SEEDS)], Settings(db=str(db)))
    assert len(summary.added) == 2 and summary.parsed == 2
    with Store(db) as store:
        after = store.story_assignments()
        assert store.count_articles() == 5
    # stories may grow or merge, never split: articles together before are together after
    for a, sa in stories_before.items():
        for b, sb in stories_before.items():
            if sa == sb:
                assert after[a] == after[b]


def test_untrusted_dates_do_not_date_stories_or_quotes(acc):
    (story,) = [s for s in acc["stories"] if any(a.startswith("004") for a in s["articles"])]
    # 004's header says May 2024: a display date, not earned. The story reaches January 29, the first day 004 can
    # have appeared (the condemnation it tells of Monday the 29th, dated through 002), not May
    assert story["last_date"] == "2024-01-29"
    for q in acc["quotes"]:
        if all(m["article"].startswith("004") for m in q["mentions"]):
            assert q["date"] is None


@pytest.mark.slow
def test_missing_quote_model_is_a_clear_error(tmp_path):
    from newsfuse.errors import NewsfuseError

    with pytest.raises(NewsfuseError) as err:
        build([str(SEEDS)], Settings(db=str(tmp_path / "q.db"), quote_model=str(tmp_path / "no-model")))
    assert err.value.code == "E208" and "--train-model" in err.value.message


@pytest.mark.slow
def test_two_processes_build_the_account_one_process_builds(tmp_path, seed_paths, seed_account):
    """Parse and extraction in two worker processes (this one alone writes): the same account."""
    import copy

    from newsfuse.present.export import account
    from newsfuse.settings import Settings
    from newsfuse.store.sqlite import Store

    summary = build([str(p) for p in seed_paths], Settings(db=str(tmp_path / "two.db"), n_process=2))
    assert summary.ok and summary.parse_processes == 2 and summary.extracted >= 5
    # the learned layer's work in the workers reaches the summary (bench/throughput.py prints it)
    assert summary.sentences_encoded > 0 and summary.seconds["extract.encode"] > 0
    with Store(tmp_path / "two.db") as store:
        got = account(store)
    expected = copy.deepcopy(seed_account)
    for a in got["articles"] + expected["articles"]:
        a.pop("source", None)  # the same files, named through different paths
    assert got == expected


def test_a_newsfuse_error_survives_the_trip_from_a_worker_process():
    import pickle

    from newsfuse.errors import Errors, NewsfuseError

    err = pickle.loads(pickle.dumps(NewsfuseError(Errors.E260, detail="heads/sense.npz", error="bad zip")))
    assert isinstance(err, NewsfuseError) and err.code == "E260" and "heads/sense.npz" in str(err) == err.message


@pytest.mark.slow
def test_a_head_that_fails_to_load_in_the_workers_is_reported_as_itself(tmp_path, seed_paths, monkeypatch):
    """Extraction workers that cannot load a head: the build stops with E260, not a broken pool."""
    from newsfuse import pipeline
    from newsfuse.errors import Errors, NewsfuseError
    from newsfuse.settings import Settings

    def damaged(*args, **kwargs):
        raise NewsfuseError(Errors.E260, detail="sense_head.npz", error="BadZipFile: not a zip file")

    monkeypatch.setattr(pipeline, "load_event_typer", damaged)  # the forked workers inherit it
    with pytest.raises(NewsfuseError) as caught:
        build([str(p) for p in seed_paths], Settings(db=str(tmp_path / "w.db"), n_process=2))
    assert caught.value.code == "E260" and "sense_head.npz" in caught.value.message
