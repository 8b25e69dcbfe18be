"""Two builds of one database at once: the second waits for the first, or says the database is
busy; no traceback, nothing lost, nothing stored twice."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.store.lock import file_lock
from newsfuse.store.sqlite import Store

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def _build(db: Path, *extra: str, config: Path | None = None) -> subprocess.Popen:
    args = [sys.executable, "-m", "newsfuse.cli"] + (["--config", str(config)] if config else []) + \
        ["build", str(SEEDS), "--db", str(db), "-q", *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_lock(db: Path) -> None:
    lock = Path(f"{db}.build.lock")
    for _ in range(300):
        if lock.exists() and lock.read_text():
            return
        time.sleep(0.05)
    raise AssertionError("the first build never took its lock")


@pytest.mark.slow
def test_second_build_waits_then_adds_nothing_twice(tmp_path):
    db = tmp_path / "shared.db"
    first = _build(db)
    _wait_for_lock(db)
    second = _build(db)
    out1, err1 = first.communicate(timeout=600)
    out2, err2 = second.communicate(timeout=600)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "Traceback" not in err1 + err2
    assert "waiting for the build by process" in err2
    assert "0 new, 5 already stored" in err2.replace("\n", " ")
    with Store(db) as store:
        assert store.count_articles() == 5


@pytest.mark.slow
def test_busy_database_is_said_clearly(tmp_path):
    db = tmp_path / "shared.db"
    config = tmp_path / "newsfuse.toml"
    config.write_text("lock_wait = 0.5\n")
    first = _build(db)
    _wait_for_lock(db)
    second = _build(db, config=config)
    _, err2 = second.communicate(timeout=600)
    first.communicate(timeout=600)
    assert second.returncode == 2
    err2 = " ".join(err2.split())  # the console wraps long lines
    assert "E209" in err2 and "is busy" in err2 and "Traceback" not in err2


def test_lock_is_released_and_reentrant_across_calls(tmp_path):
    path = tmp_path / "x.lock"
    with file_lock(path, wait=0, what="build"):
        assert "build by process" in path.read_text()
    with file_lock(path, wait=0, what="build"):
        pass
    assert path.read_text() == ""


def test_lock_held_elsewhere_times_out_with_e209(tmp_path):
    path = tmp_path / "db.sqlite.build.lock"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from newsfuse.store.lock import file_lock\n"
        f"with file_lock({str(path)!r}, wait=0, what='build'):\n"
        "    print('held', flush=True); time.sleep(30)")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(NewsfuseError) as err:
            with file_lock(path, wait=0.3, what="build"):
                pass
        assert err.value.code == "E209" and "is busy" in err.value.message
    finally:
        holder.kill()
        holder.wait()
