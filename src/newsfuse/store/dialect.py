"""SQL dialects: the one place where SQLite and PostgreSQL differ.

The store and the migrations are written once, in SQLite's SQL. The PostgreSQL connection
(``store/postgres.py``) passes each statement through ``translate`` and each migration script
through ``split_script``, so a new store method or migration needs no second copy.

Handled: ``?`` placeholders (-> ``%s``, literal ``%`` doubled) and ``:name`` ones (-> ``%(name)s``),
``BLOB`` (-> ``BYTEA``), ``INTEGER`` (-> ``BIGINT``: SQLite's integers are 64-bit), ``REAL`` (->
``DOUBLE PRECISION``: SQLite's reals are 8-byte), a ``TEXT`` column in ``CREATE``/``ALTER TABLE``
(-> ``TEXT COLLATE "C"``: compared and ordered byte by byte, as SQLite does), ``INTEGER PRIMARY KEY
AUTOINCREMENT`` (-> identity column), ``INSERT OR IGNORE`` (-> ``ON CONFLICT DO NOTHING``), ``INSERT
OR REPLACE`` (-> ``ON CONFLICT (key) DO UPDATE``, the key from ``REPLACE_KEYS``), ``rowid`` (a real
identity column on the tables of ``ROWID_TABLES``), ``PRAGMA`` (dropped), and ``executescript``
(split into statements). Not handled, so write it portably: ``cursor.lastrowid`` (use ``RETURNING``),
SQLite-only functions (``group_concat``, ``ifnull``...), and a ``LIKE`` that relies on SQLite
ignoring case (PostgreSQL's ``LIKE`` does not).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["REPLACE_KEYS", "ROWID_TABLES", "backend_of", "split_script", "translate"]

#: The conflict target of every table written with ``INSERT OR REPLACE`` (its primary key).
REPLACE_KEYS: dict[str, tuple[str, ...]] = {
    "parses": ("article",),
    "extractions": ("article", "extractor"),
    "story_assignments": ("article",),
    "reuse_links": ("a", "b"),
    "story_rows": ("article",),
    "fuse_blocks": ("article",),
}

#: Tables whose SQL reads SQLite's implicit ``rowid`` (insertion order): on PostgreSQL they get a
#: ``rowid`` identity column, last, so ``ORDER BY rowid`` reads the same.
ROWID_TABLES = frozenset({"fused"})

_DDL = re.compile(r"^\s*(CREATE\s+TABLE|ALTER\s+TABLE)\b", re.IGNORECASE)
_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
#: ``TEXT`` as a column's type: after a name, before a constraint, a comma or the closing parenthesis
_TEXT_TYPE = re.compile(
    r"(?<=\s)TEXT\b(?=\s*(?:,|\)|$|NOT\b|NULL\b|PRIMARY\b|UNIQUE\b|DEFAULT\b|REFERENCES\b|CHECK\b))",
    re.IGNORECASE)
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")

_INSERT_OR = re.compile(
    r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)(\s*\(([^)]*)\))?", re.IGNORECASE)


def backend_of(db: str) -> str:
    """``"postgresql"`` for a ``postgresql://`` or ``postgres://`` URL, else ``"sqlite"`` (a path)."""
    return "postgresql" if re.match(r"^postgres(ql)?://", str(db), re.IGNORECASE) else "sqlite"


def _outside_strings(sql: str) -> list[tuple[bool, str]]:
    """``sql`` cut into (is_code, text) pieces: quoted literals and ``--`` comments are not code."""
    pieces, i, start = [], 0, 0
    while i < len(sql):
        c = sql[i]
        if c in "'\"":
            end = i + 1
            while end < len(sql):
                if sql[end] == c and sql[end + 1:end + 2] == c:
                    end += 2
                    continue
                if sql[end] == c:
                    break
                end += 1
            pieces += [(True, sql[start:i]), (False, sql[i:end + 1])]
            i = start = end + 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = len(sql) if end < 0 else end
            pieces += [(True, sql[start:i]), (False, sql[i:end])]
            i = start = end
        else:
            i += 1
    pieces.append((True, sql[start:]))
    return [p for p in pieces if p[1]]


def split_script(script: str) -> list[str]:
    """The statements of a script (``executescript``), PRAGMAs left out."""
    statements, current = [], []
    for is_code, text in _outside_strings(script):
        if not is_code:
            current.append(text)
            continue
        parts = text.split(";")
        current.append(parts[0])
        for part in parts[1:]:
            statements.append("".join(current))
            current = [part]
    statements.append("".join(current))
    out = []
    for s in statements:
        code = "".join(t for c, t in _outside_strings(s) if c).strip()
        if code and not code.upper().startswith("PRAGMA"):
            out.append(s.strip())
    return out


def translate(sql: str, backend: str) -> str:
    """``sql`` (SQLite's dialect) as ``backend`` reads it; unchanged for SQLite."""
    if backend == "sqlite":
        return sql
    if backend != "postgresql":
        raise ValueError(f"unknown store backend {backend!r}")
    return _to_postgresql(sql)


@lru_cache(maxsize=1024)
def _to_postgresql(sql: str) -> str:
    """``translate`` to PostgreSQL (a store runs the same few statements many times: cached)."""
    if sql.strip().upper().startswith("PRAGMA"):
        return ""
    suffix = ""
    m = _INSERT_OR.match(sql)
    if m:
        kind, table, cols = m.group(1).upper(), m.group(2), m.group(4)
        sql = sql[:m.start()] + f"INSERT INTO {table}" + (f" ({cols})" if cols else "") + sql[m.end():]
        if kind == "IGNORE":
            suffix = " ON CONFLICT DO NOTHING"
        else:
            if table not in REPLACE_KEYS or not cols:
                raise ValueError(f"INSERT OR REPLACE INTO {table}: name its columns and its key in REPLACE_KEYS")
            key = REPLACE_KEYS[table]
            rest = [c.strip() for c in cols.split(",") if c.strip() not in key]
            action = ("DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in rest)) if rest else "DO NOTHING"
            suffix = f" ON CONFLICT ({', '.join(key)}) {action}"
    ddl = bool(_DDL.match(sql))
    created = _CREATE_TABLE.match(sql)
    out = []
    for is_code, text in _outside_strings(sql):
        if is_code:
            text = text.replace("%", "%%").replace("?", "%s")
            text = _NAMED.sub(r"%(\1)s", text)
            text = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b",
                          "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", text, flags=re.IGNORECASE)
            text = re.sub(r"\bINTEGER\b", "BIGINT", text, flags=re.IGNORECASE)
            text = re.sub(r"\bREAL\b", "DOUBLE PRECISION", text, flags=re.IGNORECASE)
            text = re.sub(r"\bBLOB\b", "BYTEA", text, flags=re.IGNORECASE)
            if ddl:
                text = _TEXT_TYPE.sub('TEXT COLLATE "C"', text)
        else:
            text = text.replace("%", "%%") if text.startswith(("'", '"')) else text
        out.append((is_code, text))
    if created and created.group(1).lower() in ROWID_TABLES:
        last = max(i for i, (is_code, text) in enumerate(out) if is_code and ")" in text)
        text = out[last][1]
        cut = text.rindex(")")
        # on a line of its own: a comment may end the line before
        out[last] = (True, text[:cut] + "\n    , rowid BIGINT GENERATED ALWAYS AS IDENTITY\n" + text[cut:])
    sql = "".join(text for _, text in out).rstrip()
    if suffix:
        sql = sql.rstrip(";").rstrip() + suffix
    return sql
