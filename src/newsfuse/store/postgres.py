"""The store on a PostgreSQL server: the connection that makes it read like SQLite.

``Store`` and the migrations are written once, in SQLite's SQL, against the few methods of a
``sqlite3.Connection`` they use (``execute``, ``executemany``, ``executescript``, ``with db:`` for a
transaction, rows read by index or by name). :class:`PgConnection` offers the same methods on a
psycopg 3 connection and passes every statement through ``dialect.translate``, so a store method
or migration added later runs on both without a second copy.

Several writers share one database safely: every write block is a transaction, and where SQLite
takes a ``flock`` beside the file (``store/lock.py``), PostgreSQL takes a session advisory lock
(:func:`advisory_lock`), which the server drops when the holder's connection ends.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from ..errors import Errors, NewsfuseError
from .dialect import split_script, translate

__all__ = ["PgConnection", "advisory_lock", "connect", "display_url"]


_SURROGATE = re.compile("[\ud800-\udfff]")


def display_url(url: str) -> str:
    """``url`` with its password hidden, for messages and the run log."""
    return re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", str(url))


class _Row:
    """One result row, read like ``sqlite3.Row``: by position, by column name, or as ``dict(row)``."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._index[key] if isinstance(key, str) else key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"_Row({dict(zip(self._index, self._values))!r})"


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], _Row]:
    index = {c.name: i for i, c in enumerate(cursor.description or ())}
    return lambda values: _Row(index, values)


def _register_dumpers(adapters: Any, psycopg: Any) -> None:
    """Dumpers that make PostgreSQL take what SQLite takes: a bool as 0/1 (SQLite has no boolean),
    and text with NUL characters or lone surrogates (which PostgreSQL's text cannot hold) with those
    characters replaced by U+FFFD instead of failing the write."""
    from psycopg.adapt import Dumper
    from psycopg.types.string import StrDumperUnknown

    class BoolAsInteger(Dumper):
        oid = psycopg.postgres.types["int8"].oid

        def dump(self, obj: bool) -> bytes:
            return b"1" if obj else b"0"

    class SafeText(StrDumperUnknown):
        def dump(self, obj: str) -> bytes:
            try:
                data = obj.encode("utf-8")
            except UnicodeEncodeError:
                data = _SURROGATE.sub("\ufffd", obj).encode("utf-8")
            return data.replace(b"\x00", "\ufffd".encode()) if b"\x00" in data else data

    adapters.register_dumper(bool, BoolAsInteger)
    adapters.register_dumper(str, SafeText)


class PgConnection:
    """A psycopg connection with the part of ``sqlite3.Connection``'s interface the store uses.

    Statements outside a ``with`` block autocommit, as reads do in SQLite; ``with conn:`` is one
    transaction (committed at the end, rolled back on an exception; nested blocks are savepoints).
    """

    backend = "postgresql"

    def __init__(self, conn: Any, url: str) -> None:
        self.conn = conn
        self.url = url
        self._transactions: list[Any] = []

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        cur = self.conn.cursor(row_factory=_row_factory)
        with self._lost_is_clear():
            cur.execute(translate(sql, "postgresql"), params)
        return cur

    def executemany(self, sql: str, seq: Iterable[Sequence[Any] | dict[str, Any]]) -> Any:
        cur = self.conn.cursor(row_factory=_row_factory)
        rows = list(seq)
        if rows:
            with self._lost_is_clear():
                cur.executemany(translate(sql, "postgresql"), rows)
        return cur

    @contextmanager
    def _lost_is_clear(self) -> Iterator[None]:
        """A connection lost mid-work (server restarted, network down) is E233, not a driver traceback;
        errors in a statement itself (a constraint, bad SQL) stay as they are: they are bugs."""
        import psycopg

        try:
            yield
        except psycopg.OperationalError as exc:
            if not self.conn.closed and not self.conn.broken:
                raise
            raise NewsfuseError(Errors.E233, detail=display_url(self.url), error=" ".join(str(exc).split())) from exc

    def executescript(self, script: str) -> None:
        with self:
            for statement in split_script(script):
                self.execute(statement)

    def __enter__(self) -> "PgConnection":
        tx = self.conn.transaction()
        tx.__enter__()
        self._transactions.append(tx)
        return self

    def __exit__(self, *exc: Any) -> bool | None:
        return self._transactions.pop().__exit__(*exc)

    def has_table(self, name: str) -> bool:
        return self.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]

    def lock_key(self, name: str) -> int:
        """The advisory-lock key of ``name`` in this store (advisory locks are per database; the schema
        is part of the key, so stores in two schemas of one database do not block each other)."""
        schema = self.execute("SELECT current_schema()").fetchone()[0] or ""
        digest = hashlib.sha256(f"newsfuse:{schema}:{name}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    def close(self) -> None:
        self.conn.close()


def connect(url: str, *, must_exist: bool = False) -> PgConnection:
    """Connect to the PostgreSQL database ``url`` (E230 when it cannot be reached, E231 without
    psycopg, E232 when it is not UTF-8; with ``must_exist``, E201 when it holds no newsfuse store)."""
    try:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict
    except ImportError as exc:
        raise NewsfuseError(Errors.E231, detail=display_url(url)) from exc
    shown = display_url(url)
    try:
        given = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise NewsfuseError(Errors.E230, detail=shown, error=str(exc).strip()) from None
    extra = {"connect_timeout": 10, "application_name": f"newsfuse by process {os.getpid()}"}
    try:
        raw = psycopg.connect(url, autocommit=True, **{k: v for k, v in extra.items() if k not in given})
    except psycopg.Error as exc:
        raise NewsfuseError(Errors.E230, detail=shown, error=" ".join(str(exc).split())) from None
    _register_dumpers(raw.adapters, psycopg)  # this connection's own copy of the adapters
    conn = PgConnection(raw, url)
    encoding = raw.info.parameter_status("server_encoding")
    if encoding and encoding.upper() not in ("UTF8", "UTF-8"):
        conn.close()
        raise NewsfuseError(Errors.E232, detail=shown, encoding=encoding)
    if must_exist and not conn.has_table("_migrations"):
        conn.close()
        raise NewsfuseError(Errors.E201, detail=shown)
    return conn


@contextmanager
def advisory_lock(conn: PgConnection, name: str, *, wait: float, what: str,
                  on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the advisory lock ``name`` of the store on ``conn`` for the block: the PostgreSQL twin of
    ``lock.file_lock`` (wait up to ``wait`` seconds, then E209; ``on_wait(holder)`` once on waiting)."""
    key = conn.lock_key(name)
    deadline = time.monotonic() + wait
    told = False
    while not conn.execute("SELECT pg_try_advisory_lock(?)", (key,)).fetchone()[0]:
        holder = _holder(conn, key)
        if not told and on_wait is not None:
            on_wait(holder)
            told = True
        if time.monotonic() >= deadline:
            raise NewsfuseError(Errors.E209, detail=display_url(conn.url), what=what, holder=holder,
                                wait=f"{wait:g}")
        time.sleep(0.2)
    since = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    conn.execute("SELECT set_config('application_name', ?, false)",
                 (f"newsfuse: {what} by process {os.getpid()} since {since}",))
    try:
        yield
    finally:
        conn.execute("SELECT pg_advisory_unlock(?)", (key,))
        conn.execute("SELECT set_config('application_name', ?, false)", (f"newsfuse by process {os.getpid()}",))


def _holder(conn: PgConnection, key: int) -> str:
    """Who holds the advisory lock ``key``, as its session named itself ("build by process 12 since ...")."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = conn.execute(
        """SELECT a.application_name, host(a.client_addr) FROM pg_locks l
           JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
                 SELECT oid FROM pg_database WHERE datname = current_database())
             AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1""",
        (unsigned >> 32, unsigned & 0xFFFFFFFF),
    ).fetchone()
    if not row or not row[0]:
        return "another process"
    name = str(row[0]).removeprefix("newsfuse: ")
    return name if not row[1] or row[1] in ("127.0.0.1", "::1") else f"{name}, from {row[1]}"
