"""One writer at a time: a lock file beside the database, held for a whole build.

SQLite serialises single writes, but a build is many writes that assume no other build is
adding the same articles (a second build started at once used to die on a UNIQUE constraint).
A build therefore holds ``DB.build.lock``; a second build waits for it (``lock_wait`` seconds)
and then says clearly that the database is busy. Schema migrations hold ``DB.migrate.lock``
for the moment they run. The locks are advisory ``flock`` locks: the OS drops them when the
process ends, so a killed build never leaves a stale lock behind. On a PostgreSQL store
(``--db postgresql://...``) the same locks are session advisory locks on the server
(``postgres.advisory_lock``), which it drops when the holder's connection ends.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from ..errors import Errors, NewsfuseError
from .dialect import backend_of

__all__ = ["file_lock", "store_lock"]


@contextmanager
def file_lock(path: str | Path, *, wait: float, what: str,
              on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock file ``path`` for the block; wait up to ``wait`` seconds for it, then E209.

    ``on_wait(holder)`` is called once when the lock is taken by someone else (``holder`` says who,
    as written in the lock file), so a CLI can say what it is waiting for.

    A "path" that names a PostgreSQL store, ``f"{url}.build.lock"``, is that store's advisory lock
    ``build`` (``store_lock``): callers written for SQLite files hold the right lock on both.
    """
    if backend_of(str(path)) == "postgresql":
        url, _, name = str(path).removesuffix(".lock").rpartition(".")
        with store_lock(url, name, wait=wait, what=what, on_wait=on_wait):
            yield
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                if not told and on_wait is not None:
                    on_wait(holder)
                    told = True
                if time.monotonic() >= deadline:
                    raise NewsfuseError(Errors.E209, detail=str(path).removesuffix(".lock"), what=what,
                                        holder=holder, wait=f"{wait:g}") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what} by process {os.getpid()} since "
                      f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def store_lock(db: str | Path, name: str, *, wait: float, what: str,
               on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's lock ``name`` (``"build"``) for the block, on either backend: the lock file
    ``DB.NAME.lock`` beside a SQLite file, an advisory lock on a PostgreSQL server."""
    if backend_of(str(db)) != "postgresql":
        with file_lock(f"{db}.{name}.lock", wait=wait, what=what, on_wait=on_wait):
            yield
        return
    from .postgres import advisory_lock, connect

    conn = connect(str(db))  # a connection of its own: the lock lasts as long as it does
    try:
        with advisory_lock(conn, name, wait=wait, what=what, on_wait=on_wait):
            yield
    finally:
        conn.close()


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
    except OSError:
        return "another process"
