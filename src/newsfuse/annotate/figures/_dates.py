"""When a figure holds (``as_of``) and which way it moves (``trend``), read from its sentence.

Helpers of :mod:`._core`; every function is pure.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from ...lexicons import months
from ._doc import doc_text, expr_span, sent_ents, value_tokens
from ._lexicon import DOWN_VERBS, UP_VERBS, WEEKDAYS
from ._values import RawValue

__all__ = ["as_of_date", "trend"]

# --------------------------------------------------------------------------- time and trend


def as_of_date(doc: Doc, sent: Span, published: str | None, near: int | None = None) -> str | None:
    """The date a figure in ``sent`` describes (ISO), or ``published`` when the sentence
    gives none ("so far", "since October 17" describe the day of publication). With
    several dates, the one nearest to character ``near`` wins."""
    pub = _parse_iso(published)
    found: list[tuple[int, str]] = []
    for ent in sent_ents(sent):
        if ent.label_ != "DATE" or "\n" in ent.text:
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in ("since", "from", "after") or ent[0].lower_ in ("since", "from"):
            continue
        resolved = _resolve_date(ent.text, pub)
        if resolved is not None:
            distance = 0 if near is None else min(abs(ent.start_char - near), abs(ent.end_char - near))
            found.append((distance, resolved))
    return min(found)[1] if found else published


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _resolve_date(text: str, pub: date | None) -> str | None:
    low = text.lower().replace(".", "").replace(",", " ")
    words = low.split()
    year = next((int(w) for w in words if re.fullmatch(r"(1[89]|20)\d\d", w)), None)
    month = next((months()[w] for w in words if w in months()), None)
    day = next((int(w.rstrip("stndrh")) for w in words
                if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w) and 0 < int(w.rstrip("stndrh")) < 32), None)
    try:
        if month and day:
            y = year or (pub.year if pub else None)
            if y is None:
                return None
            found = date(y, month, day)
            if year is None and pub is not None and found > pub + timedelta(days=2):
                found = date(y - 1, month, day)
            return found.isoformat()
    except ValueError:
        return None
    if pub is None:
        return None
    if "today" in words or "tonight" in words:
        return pub.isoformat()
    if "yesterday" in words:
        return (pub - timedelta(days=1)).isoformat()
    for w in words:
        if w in WEEKDAYS and "next" not in words:
            delta = (pub.isoweekday() - WEEKDAYS[w]) % 7
            return (pub - timedelta(days=delta)).isoformat()
    return None


def trend(doc: Doc, raw: RawValue) -> str | None:
    """"up" / "down" when the value is a change ("rose 5%", "fell by $2", "up 0.2%")."""
    num = value_tokens(doc, raw)
    if not len(num) or raw.value_max is not None:
        return None
    span = expr_span(doc, raw)
    tok = span.root
    before = doc_text(doc)[max(0, raw.start - 12):raw.start].lower()
    if re.search(r"\b(up|higher|added|gained)\s+(by\s+)?$", before):
        return "up"
    if re.search(r"\b(down|lower|off)\s+(by\s+)?$", before):
        return "down"
    hops = 0
    while hops < 3:
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ not in ("by", "to"):
            return None
        if head.pos_ in ("VERB", "ADV", "ADJ", "NOUN") and head.i != tok.i:
            lemma = head.lemma_.lower()
            if lemma in UP_VERBS:
                return "up"
            if lemma in DOWN_VERBS:
                return "down"
            if head.pos_ == "VERB":
                return None
        if head.i == tok.i:
            return None
        tok, hops = head, hops + 1
    return None
