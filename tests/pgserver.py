"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, started on a free port
of 127.0.0.1 (and a Unix socket in that folder), stopped and removed at the end.

The binaries come from the Debian packages (``/usr/lib/postgresql/*/bin``; ``PG_BINDIR`` overrides).
initdb and postgres refuse to run as root: as root (CI, containers) the server runs as the
unprivileged user ``nobody`` (``NEWSFUSE_PG_USER`` overrides), owning its temporary folder.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["PgServer", "find_bindir"]


def find_bindir() -> Path | None:
    """The folder of initdb, pg_ctl and postgres, newest version first; None when not installed."""
    given = os.environ.get("PG_BINDIR")
    candidates = [given] if given else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name or 0)
        if Path(p).parent.name.isdigit() else 0, reverse=True)
    on_path = shutil.which("initdb")
    if on_path and not given:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if folder and all((Path(folder) / b).is_file() for b in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One PostgreSQL cluster; ``url(db)`` names a database on it, ``create_database`` makes one."""

    SUPERUSER = "newsfuse"

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # as root, in /tmp itself: TMPDIR may lie under a folder the unprivileged user cannot enter
        root_tmp = "/tmp" if os.geteuid() == 0 and os.path.isdir("/tmp") else None
        self.root = Path(tempfile.mkdtemp(prefix="newsfuse-pg-", dir=root_tmp))
        self.data = self.root / "data"
        self.port = 0
        self._run_as: dict = {}
        if os.geteuid() == 0:
            user = pwd.getpwnam(os.environ.get("NEWSFUSE_PG_USER", "nobody"))  # KeyError: no such user
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        env = {**os.environ, "HOME": str(self.root), "LC_ALL": "C.UTF-8"}
        done = subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.root, env=env, timeout=timeout,
                              capture_output=True, text=True, **self._run_as)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr or done.stdout}")
        return done

    def start(self) -> "PgServer":
        self._run("initdb", "-D", str(self.data), "-U", self.SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        for attempt in range(3):  # a port found free can be taken before the server binds it
            self.port = _free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB "
                       "-c max_connections=50")
            try:
                self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l",
                          str(self.root / "server.log"), "-o", options)
                return self
            except RuntimeError:
                if attempt == 2:
                    raise RuntimeError(f"postgres did not start: {self.log()}") from None
        return self

    def log(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str) -> str:
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            if self.data.exists():
                self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
