"""Fixtures shared by the test modules: the seed corpus, the spaCy pipeline, one seed build.

``pytest -m "not slow"`` runs the fast subset: a test that needs a full build of the seeds (the
``seeds_db`` and ``seed_account`` fixtures, or a build of its own marked ``slow``) is left out.
``pytest -m fuzz`` runs the fuzz suite with the fast ``ci`` hypothesis profile (the default);
``pytest -m fuzz --hypothesis-profile=long`` runs it long, for a developer hunting bugs.
``pg_server`` starts a throwaway PostgreSQL server (``tests/pgserver.py``) once per run and ``pg_url``
gives each test a new database on it; without the server binaries or psycopg they skip, with the
reason, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
               derandomize=False, print_blob=True)
settings.register_profile("ci", max_examples=60, **_COMMON)
settings.register_profile("long", max_examples=3000, **_COMMON)
settings.load_profile("ci")

#: the seed corpus: five real reports from four outlets on one developing story
SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
#: fixtures that build the whole seed corpus: a test using one is marked ``slow``
_SLOW_FIXTURES = frozenset({"seeds_db", "seed_account", "built",  # built: test_cli's build through the CLI
                            "pg_seeds"})  # test_postgres.py's seed build into PostgreSQL


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The seed reports, in name order (000_... to 004_...)."""
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5, f"expected the five seed reports in {SEEDS}"
    return paths


@pytest.fixture
def wire_copies(tmp_path, seed_paths) -> list[str]:
    """Two seed reports and a wire copy of each (a local line before, a paragraph after), as files: copies
    share nearly all their sentences, violence words among them (what the learned sense head reads)."""
    paths = []
    for n, seed in enumerate(seed_paths[i] for i in (0, 4)):
        text = seed.read_text(encoding="utf-8")
        for name, body in ((f"s{n}.txt", text), (f"s{n}_copy.txt", f"Reported by a local desk.\n\n{text}\n\n"
                                                                     "An editor's note closes this copy.")):
            (tmp_path / name).write_text(body, encoding="utf-8")
            paths.append(str(tmp_path / name))
    return paths


@pytest.fixture(scope="session")
def nlp():
    """The pinned spaCy pipeline, loaded once for the whole run."""
    from newsfuse.annotate.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, seed_paths) -> Path:
    """A store holding the seeds built end to end, once per run. Read it, or copy it before writing."""
    from newsfuse.pipeline import build
    from newsfuse.settings import Settings

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    summary = build([str(SEEDS)], Settings(db=str(db)))
    assert summary.ok, summary.rejected
    return db


@pytest.fixture(scope="session")
def seed_account(seeds_db) -> dict:
    """The fused account of the seeds (the export's JSON shape); do not modify it."""
    from newsfuse.present.export import account
    from newsfuse.store.sqlite import Store

    with Store(seeds_db) as store:
        return account(store)


def _pg_unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the PostgreSQL tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server of the Debian packages, in a temporary folder, for the whole run."""
    from pgserver import PgServer, find_bindir

    try:
        import psycopg  # noqa: F401
    except ImportError:
        _pg_unavailable("psycopg is not installed: pip install -e '.[test]'")
    bindir = find_bindir()
    if bindir is None:
        _pg_unavailable("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): "
                        "apt-get install postgresql, or set PG_BINDIR")
    try:
        server = PgServer(bindir)
    except KeyError:
        _pg_unavailable("running as root and there is no unprivileged user `nobody` to run postgres as: "
                        "set NEWSFUSE_PG_USER")
    try:
        server.start()
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        server.stop()
        _pg_unavailable(f"the PostgreSQL server did not start: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a new, empty database on the test server; dropped after the test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)
