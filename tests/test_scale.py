"""Building on a Dask cluster gives the same account as building here."""

from __future__ import annotations

import copy

import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.pipeline import build
from newsfuse.present.export import account
from newsfuse.settings import load_settings
from newsfuse.store.sqlite import Store

pytest.importorskip("dask.distributed", reason="the Dask extra is not installed (pip install 'newsfuse[dask]')")


def _comparable(acc: dict) -> dict:
    return {k: v for k, v in acc.items() if k not in ("rejections",)}


def _assert_the_local_account(db, seed_account: dict) -> None:
    with Store(db) as store:
        got = account(store)
    expected = copy.deepcopy(seed_account)  # the session's account is shared: never modify it
    for a in got["articles"] + expected["articles"]:
        a.pop("source", None)  # the same files, named through different paths
    assert _comparable(got) == _comparable(expected)


@pytest.mark.slow
def test_a_build_on_a_running_cluster_at_its_address(tmp_path, seed_paths, seed_account):
    """``--scheduler tcp://HOST:8786``: a cluster started elsewhere (here, by the test) does the work, and is left
    running for its owner. Its worker runs two threads, as ``dask worker`` does by default on a machine of
    several cores: two partitions at once in one process (each thread has its own heads and pending encodings)."""
    from dask.distributed import LocalCluster

    db = tmp_path / "tcp.db"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://")
        summary = build([str(p) for p in seed_paths], load_settings(db=str(db), scheduler=cluster.scheduler_address,
                                                                    batch_size=1))
        assert summary.ok and summary.parsed == 5 and summary.sentences_encoded > 0
        assert len(cluster.scheduler_info["workers"]) == 1  # still up after the build
    _assert_the_local_account(db, seed_account)


@pytest.mark.slow
def test_dask_build_gives_the_local_account(tmp_path, seed_paths, seed_account):
    db = tmp_path / "dask.db"
    summary = build([str(p) for p in seed_paths], load_settings(db=str(db), scheduler="dask", dask_workers=2,
                                                                batch_size=2))
    assert summary.ok and summary.parsed == 5 and summary.extracted >= 5  # and re-extractions of corrected dates
    assert summary.sentences_encoded > 0 and summary.seconds["extract.encode"] > 0  # the workers' encoder work
    _assert_the_local_account(db, seed_account)
    again = build([str(p) for p in seed_paths], load_settings(db=str(db), scheduler="dask", dask_workers=1))
    assert again.parsed == 0 and len(again.already_stored) == 5  # nothing is sent to the cluster twice


@pytest.mark.slow
def test_dask_workers_never_parse_or_encode_a_shared_sentence_twice(tmp_path, wire_copies):
    """Copies in partitions of one article on two Dask workers, both learned heads on: every distinct sentence is
    parsed once and every text the encoder ran on encoded once, in all; the summary counts the workers' work."""
    db = tmp_path / "copies.db"
    summary = build(wire_copies, load_settings(db=str(db), scheduler="dask", dask_workers=2, batch_size=1,
                                               event_type_model="learned", event_sense_model="learned"))
    assert summary.ok and summary.parsed == 4
    with Store(db) as store:
        assert summary.sentences_parsed == store.count_cached_sentences() > 0
        assert summary.sentences_encoded == store.count_cached_vectors() > 0
    assert summary.sentences_cached > 0 and summary.sentences_encoding_cached > 0  # the copies' sentences


def test_an_unknown_scheduler_is_a_clear_error(tmp_path, seed_paths):
    with pytest.raises(NewsfuseError) as err:
        build([str(seed_paths[0])], load_settings(db=str(tmp_path / "x.db"), scheduler="spark"))
    assert err.value.code == "E211"
