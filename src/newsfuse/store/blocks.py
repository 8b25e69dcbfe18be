"""What incremental fusion keeps: reuse keys and links, story inputs, blocks and their records.

Fusion works block by block (``fuse/blocks.py``). Each block's records are kept in
``block_records``; the account that readers see (``fused`` and the relational tables) is written
from them, one record at a time, for the records a build changed. A record several blocks hold
(an entity named in two stories) is the merge of their versions (``merge``, given by the caller).
Every method writes in the caller's dialect-neutral SQLite SQL through ``self.db``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .relational import delete_records, insert_records

__all__ = ["FusionTables"]

Records = dict[str, list[tuple[str, dict[str, Any]]]]
#: a block's records: kind -> (id, record, sort key)
BlockRecords = Mapping[str, Sequence[tuple[str, dict[str, Any], str]]]


def _chunks(items: Sequence[Any], n: int = 500) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _figure_links(touched: set[tuple[str, str]], *versions: Mapping[tuple[str, str], list[tuple[str, str]]]
                  ) -> set[tuple[str, str]]:
    """The figures of the figure groups touched, and the groups of the figures touched: the relational
    ``figures`` row holds its group, written with either."""
    groups = {key: [f for v in versions for data, _ in v.get(key, ()) for f in json.loads(data).get("figures", [])]
              for vs in versions for key in vs if key[0] == "figure_group"}
    out = set()
    for key, figures in groups.items():
        linked = [("figure", f) for f in figures]
        if key in touched or any(f in touched for f in linked):
            out |= {key, *linked}
    return out


class FusionTables:
    """Mixed into :class:`~newsfuse.store.sqlite.Store`."""

    db: sqlite3.Connection

    def _in(self, sql: str, values: Iterable[Any]) -> list[sqlite3.Row]:
        """Rows of ``sql`` (which holds one ``IN ({marks})``) for ``values``, in chunks."""
        values = list(dict.fromkeys(values))
        rows: list[sqlite3.Row] = []
        for chunk in _chunks(values):
            rows += self.db.execute(sql.format(marks=",".join("?" * len(chunk))), list(chunk)).fetchall()
        return rows

    # ------------------------------------------------------------------ what is to be fused
    def fuse_pending(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT article FROM fuse_pending ORDER BY article")]

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        return {r[0]: r[1] for r in self._in("SELECT id, text FROM articles WHERE id IN ({marks})", ids)}

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def reset_fusion(self) -> None:
        """Forget every derived fusion table (``newsfuse refuse`` recomputes them from the mentions)."""
        with self.db:
            for table in ("reuse_keys", "reuse_indexed", "reuse_links", "story_rows", "fuse_blocks",
                          "block_records", "block_culprits", "fused"):
                self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            delete_records(self.db, None)
            self.db.execute("INSERT OR IGNORE INTO fuse_pending (article) SELECT id FROM articles")

    # ------------------------------------------------------------------ reuse
    def reuse_unindexed(self) -> list[str]:
        rows = self.db.execute("""SELECT a.id FROM articles a LEFT JOIN reuse_indexed r ON r.article = a.id
                                  WHERE r.article IS NULL ORDER BY a.id""")
        return [r[0] for r in rows]

    def reuse_holders(self, keys: Iterable[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for r in self._in("SELECT key, article FROM reuse_keys WHERE key IN ({marks})", keys):
            out[r[0]].add(r[1])
        return out

    def save_reuse(self, keys: Mapping[str, Sequence[str]], links: Iterable[tuple[str, str, str]],
                   recheck: Iterable[str]) -> None:
        """Store new articles' keys and the links found; the links among ``recheck`` are replaced."""
        recheck = sorted(set(recheck))
        with self.db:
            if recheck:
                for chunk in _chunks(recheck):
                    marks = ",".join("?" * len(chunk))
                    self.db.execute(f"DELETE FROM reuse_links WHERE a IN ({marks}) AND b IN ({marks})",  # noqa: S608
                                    [*chunk, *chunk])
            self.db.executemany("INSERT INTO reuse_keys (key, article) VALUES (?, ?)",
                                [(k, a) for a, ks in keys.items() for k in dict.fromkeys(ks)])
            self.db.executemany("INSERT OR IGNORE INTO reuse_indexed (article) VALUES (?)", [(a,) for a in keys])
            self.db.executemany("INSERT OR REPLACE INTO reuse_links (a, b, data) VALUES (?, ?, ?)", list(links))

    def reuse_links(self, ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """Links (a, b, data) with an end among ``ids``."""
        ids = list(ids)
        rows = self._in("SELECT a, b, data FROM reuse_links WHERE a IN ({marks})", ids)
        rows += self._in("SELECT a, b, data FROM reuse_links WHERE b IN ({marks})", ids)
        return sorted({(r[0], r[1], r[2]) for r in rows})

    # ------------------------------------------------------------------ stories
    def story_rows_missing(self) -> list[str]:
        """Articles whose story row is not kept (new, re-extracted or re-dated since), in input order."""
        rows = self.db.execute("""SELECT a.id FROM articles a LEFT JOIN story_rows r ON r.article = a.id
                                  WHERE r.article IS NULL ORDER BY a.seq""")
        return [r[0] for r in rows]

    def story_rows_without(self, encoder: str) -> list[str]:
        """Articles whose kept row has no vector of ``encoder``."""
        return [r[0] for r in self.db.execute("SELECT article FROM story_rows WHERE encoder <> ? ORDER BY article",
                                              (encoder,))]

    def save_story_rows(self, rows: Mapping[str, bytes], languages: Mapping[str, str | None]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO story_rows (article, data, language, encoder, vector) "
                                "VALUES (?, ?, ?, '', NULL)", [(a, d, languages.get(a)) for a, d in rows.items()])

    def save_story_vectors(self, encoder: str, vectors: Mapping[str, bytes]) -> None:
        with self.db:
            self.db.executemany("UPDATE story_rows SET encoder = ?, vector = ? WHERE article = ?",
                                [(encoder, v, a) for a, v in vectors.items()])

    def story_rows(self, encoder: str) -> list[tuple[str, int, bytes, str | None, bytes | None]]:
        """Every article's kept story row, in input order: (id, seq, rows, language, vector of ``encoder`` or None)."""
        rows = self.db.execute("""SELECT a.id, a.seq, r.data, r.language, CASE WHEN r.encoder = ? THEN r.vector END
                                  FROM articles a JOIN story_rows r ON r.article = a.id ORDER BY a.seq""", (encoder,))
        return [(r[0], r[1], bytes(r[2]), r[3], None if r[4] is None else bytes(r[4])) for r in rows]

    def story_threads(self) -> dict[str, tuple[str, str | None]]:
        return {r[0]: (r[1], r[2]) for r in self.db.execute("SELECT article, story, thread FROM story_assignments")}

    def save_story_threads(self, assigned: Mapping[str, tuple[str, str]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO story_assignments (article, story, thread) VALUES (?, ?, ?)",
                                [(a, s, t) for a, (s, t) in assigned.items()])

    def story_members(self, stories: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in self._in("SELECT story, article FROM story_assignments WHERE story IN ({marks})", stories):
            out[r[0]].append(r[1])
        return out

    # ------------------------------------------------------------------ blocks
    def blocks_of(self, ids: Iterable[str]) -> dict[str, str]:
        return {r[0]: r[1] for r in self._in("SELECT article, block FROM fuse_blocks WHERE article IN ({marks})", ids)}

    def block_members(self, blocks: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in self._in("SELECT block, article FROM fuse_blocks WHERE block IN ({marks})", blocks):
            out[r[0]].append(r[1])
        return out

    def count_blocks(self) -> int:
        return self.db.execute("SELECT COUNT(DISTINCT block) FROM fuse_blocks").fetchone()[0]

    def template_culprits(self, excluding: Iterable[str] = ()) -> dict[str, list[str]]:
        """Template -> articles whose header date proved wrong, in the stored blocks but ``excluding``."""
        skip = set(excluding)
        out: dict[str, list[str]] = defaultdict(list)
        for r in self.db.execute("SELECT block, template, article FROM block_culprits ORDER BY article"):
            if r[0] not in skip:
                out[r[1]].append(r[2])
        return dict(out)

    def blocks_with_templates(self, templates: Iterable[str]) -> set[str]:
        return {r[0] for r in self._in("SELECT block FROM fuse_blocks WHERE template IN ({marks})", templates)}

    def write_blocks(self, removed: Iterable[str], blocks: Mapping[str, tuple[Mapping[str, str | None], BlockRecords,
                                                                         Mapping[str, Sequence[str]]]],
                     merge: Callable[[str, list[dict[str, Any]]], dict[str, Any]], done: Iterable[str]) -> int:
        """Replace the ``removed`` blocks by ``blocks`` (block -> (article -> template, records, culprits)),
        and rewrite in ``fused`` and the relational tables every record whose versions changed (only those). The
        ``done`` articles leave ``fuse_pending``. One transaction. Returns the records rewritten."""
        removed = sorted(set(removed) | set(blocks))
        with self.db:
            # a record whose versions are the ones stored (a block fused again, most of it as it was) keeps its
            # row in ``fused`` and the relational tables: only the records that changed are written again
            before: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
            for r in self._in("SELECT kind, id, data, sort FROM block_records WHERE block IN ({marks})", removed):
                before[(r[0], r[1])].append((r[2], r[3]))
            for chunk in _chunks(removed):
                marks = ",".join("?" * len(chunk))
                for table in ("block_records", "fuse_blocks", "block_culprits"):
                    self.db.execute(f"DELETE FROM {table} WHERE block IN ({marks})", list(chunk))  # noqa: S608
            after: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
            for block, (members, records, culprits) in blocks.items():
                rows = [(block, kind, i, json.dumps(d, ensure_ascii=False, sort_keys=True), key)
                        for kind, items in records.items() for i, d, key in items]
                self.db.executemany("INSERT OR REPLACE INTO fuse_blocks (article, block, template) VALUES (?, ?, ?)",
                                    [(a, block, t) for a, t in members.items()])
                self.db.executemany("INSERT INTO block_records (block, kind, id, data, sort) VALUES (?, ?, ?, ?, ?)",
                                    rows)
                self.db.executemany("INSERT INTO block_culprits (block, template, article) VALUES (?, ?, ?)",
                                    [(block, t, a) for t, arts in culprits.items() for a in arts])
                for _, kind, i, data, key in rows:
                    after[(kind, i)].append((data, key))
            touched = {k for k in set(before) | set(after) if sorted(before.get(k, ())) != sorted(after.get(k, ()))}
            touched |= _figure_links(touched, before, after)
            by_kind: dict[str, list[str]] = defaultdict(list)
            for kind, i in sorted(touched):
                by_kind[kind].append(i)
            written: Records = defaultdict(list)
            sorts: dict[tuple[str, str], str] = {}
            for kind, ids in by_kind.items():
                versions: dict[str, list[dict[str, Any]]] = defaultdict(list)
                rows = self._in(f"SELECT id, data, sort FROM block_records WHERE kind = '{kind}' AND id IN ({{marks}}) "
                                "ORDER BY block", ids)
                for r in rows:
                    versions[r[0]].append(json.loads(r[1]))
                    sorts.setdefault((kind, r[0]), r[2])
                for chunk in _chunks(ids):
                    marks = ",".join("?" * len(chunk))
                    self.db.execute(f"DELETE FROM fused WHERE kind = ? AND id IN ({marks})", [kind, *chunk])  # noqa: S608
                for i in ids:
                    if versions.get(i):
                        data = versions[i][0] if len(versions[i]) == 1 else merge(kind, versions[i])
                        written[kind].append((i, data))
            delete_records(self.db, dict(by_kind))  # what refers to another kind first
            self.db.executemany("INSERT INTO fused (kind, id, data, sort) VALUES (?, ?, ?, ?)",
                                [(kind, i, json.dumps(d, ensure_ascii=False), sorts[(kind, i)])
                                 for kind, items in written.items() for i, d in items])
            insert_records(self.db, written)
            self.db.executemany("DELETE FROM fuse_pending WHERE article = ?", [(a,) for a in set(done)])
        return sum(len(v) for v in written.values())
