"""A larger annotated store made from a real one, for timing fusion at scale (bench/scale.py).

Building thousands of real articles takes hours on a small machine, and ECB+ holds 35 topics only.
Each copy ``k`` of a stored article gets a new id (``<id>~k``) and its text, title and every
natural-language field of its mentions (mention text, speaker, cue, trigger, measure, summary,
actors, targets, place name) enciphered by one letter substitution per copy: the same length (every
span still points at its words), the same relations inside a copy (a name is the same name in every
article of that copy), and nothing shared between copies, which so form their own stories and
blocks (a place keeps its coordinates, its gazetteer id gets the copy's number). Labels, types,
values and dates are kept. The result is SYNTHETIC: fusion's cost on it is
realistic, its fused content is not (word lists such as stopwords no longer match enciphered words).
Each copy also gets its original's parse, unchanged (not enciphered), so that a later build does not
parse the copies: a parse is read again only when fusion corrects an article's date and its
extractors re-run, which then see the original's words at the same offsets (a timing artefact only).
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import string

__all__ = ["synthesize"]

_TEXT_FIELDS = ("text", "cue", "speaker_text", "speaker_name", "measure", "about", "trigger", "summary", "name")
_LIST_FIELDS = ("scope", "actors", "targets")


def _cipher(k: int) -> dict[int, str]:
    """Copy ``k``'s letter substitution: a rotation for the first 25 copies, then a seeded permutation (so
    that no two copies are alike, however many)."""
    lower, upper = string.ascii_lowercase, string.ascii_uppercase
    if k <= 25:
        target = lower[k:] + lower[:k]
    else:
        letters = list(lower)
        random.Random(k).shuffle(letters)
        target = "".join(letters)
    table = {ord(c): target[i] for i, c in enumerate(lower)}
    table.update({ord(c): target[i].upper() for i, c in enumerate(upper)})
    return table


def _mention(data: str, article: str, table: dict[int, str], copy: int) -> str:
    d = json.loads(data)
    d["article"] = article
    for f in _TEXT_FIELDS:
        if isinstance(d.get(f), str):
            d[f] = d[f].translate(table)
    for f in _LIST_FIELDS:
        if isinstance(d.get(f), list):
            d[f] = [v.translate(table) if isinstance(v, str) else v for v in d[f]]
    if d.get("geonameid"):
        # a place's gazetteer id is a name too (stories compare places by it): one per copy, or every copy
        # of an article would share its places with the others and their stories would all link
        d["geonameid"] = f"{d['geonameid']}~{copy}"
    return json.dumps(d, ensure_ascii=False)


def synthesize(source: str, target: str, copies: int, limit: int | None = None) -> int:
    """Add ``copies`` enciphered copies of every article of ``source`` (with its mentions, parses and
    extraction versions) to ``target``, a copy of ``source`` opened by newsfuse already, at most ``limit``
    of them (copy after copy, each in input order); returns the articles added."""
    db = sqlite3.connect(target)
    db.execute("ATTACH DATABASE ? AS src", (source,))
    cols = [r[1] for r in db.execute("PRAGMA table_info(articles)")]
    arts = db.execute("SELECT * FROM src.articles ORDER BY seq").fetchall()
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM main.articles").fetchone()[0]
    added = 0
    with db:
        for k in range(1, copies + 1):
            table = _cipher(k)
            for row in arts:
                if limit is not None and added >= limit:
                    break
                r = dict(zip(cols, row))
                old = r["id"]
                new = f"{old}~{k}"
                seq += 1
                text = r["text"].translate(table)
                r.update(id=new, seq=seq, text=text, title=(r["title"] or "").translate(table) or None,
                         dateline=r["dateline"].translate(table) if r["dateline"] else None,
                         source=f"{r['source']}~{k}", raw=text.encode(),
                         content_hash=hashlib.sha256(f"{k}:{r['content_hash']}".encode()).hexdigest(),
                         text_hash=hashlib.sha256(text.encode()).hexdigest())
                db.execute(f"INSERT INTO main.articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                           [r[c] for c in cols])
                db.executemany("INSERT INTO main.mentions (article, kind, start, \"end\", data) VALUES (?, ?, ?, ?, ?)",
                               [(new, m[0], m[1], m[2], _mention(m[3], new, table, k)) for m in db.execute(
                                   'SELECT kind, start, "end", data FROM src.mentions WHERE article = ?', (old,))])
                db.execute("INSERT INTO main.extractions (article, extractor, version) "
                           "SELECT ?, extractor, version FROM src.extractions WHERE article = ?", (new, old))
                db.execute("INSERT INTO main.parses (article, model, doc) SELECT ?, model, doc FROM src.parses "
                           "WHERE article = ?", (new, old))
                db.execute("INSERT OR IGNORE INTO main.fuse_pending (article) VALUES (?)", (new,))
                added += 1
    db.execute("DETACH DATABASE src")
    db.close()
    return added
