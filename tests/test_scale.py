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


@pytest.mark.slow
def test_dask_build_gives_the_local_account(tmp_path, seed_paths, seed_account):
    db = tmp_path / "dask.db"
    summary = build([str(p) for p in seed_paths], load_settings(db=str(db), scheduler="dask", dask_workers=2,
                                                                batch_size=2))
    assert summary.ok and summary.parsed == 5 and summary.extracted >= 5  # and re-extractions of corrected dates
    with Store(db) as store:
        got = account(store)
    expected = copy.deepcopy(seed_account)  # the session's account is shared: never modify it
    for a in got["articles"] + expected["articles"]:
        a.pop("source", None)  # the same files, named through different paths
    assert _comparable(got) == _comparable(expected)
    again = build([str(p) for p in seed_paths], load_settings(db=str(db), scheduler="dask", dask_workers=1))
    assert again.parsed == 0 and len(again.already_stored) == 5  # nothing is sent to the cluster twice


def test_an_unknown_scheduler_is_a_clear_error(tmp_path, seed_paths):
    with pytest.raises(NewsfuseError) as err:
        build([str(seed_paths[0])], load_settings(db=str(tmp_path / "x.db"), scheduler="spark"))
    assert err.value.code == "E211"
