"""The same statement in several articles is one quote with several mentions.

Two mentions are the same statement when their speakers are compatible (the
same linked entity, or one of them unknown: a pronoun, or a document whose author
the article does not name, "the statement said"), their dates do not disagree, and
enough of the shorter one's words appear in the longer one (outlets trim,
re-punctuate and quote parts), or both have the same words in the same order (a
short statement, "We condemn this attack", has too few words for the overlap test).
``independent_sources`` counts the articles of the mentions once per copy group.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..annotate.quotes import ISSUED_DOCUMENTS
from ..records import QuoteMention
from .disjoint import DisjointSet
from .entities import Entity, EntityIndex, fold

__all__ = ["FusedQuote", "as_said", "is_reported_statement", "merge_quotes", "quote_mention_id"]

_STOP = frozenset(
    "a an the and or but of to in on at for by with from as is are was were be been it its this that these those "
    "we our us they their them he his him she her i my you your not no so if will would can could should".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class FusedQuote:
    id: str
    text: str
    direct: bool
    speaker: str | None  # entity id
    speaker_name: str | None
    date: str | None
    mention_ids: tuple[str, ...]
    independent_sources: int


def quote_mention_id(q: QuoteMention) -> str:
    return f"{q.article}:{q.start}-{q.end}"


def _words(text: str) -> list[str]:
    return [w for w in (m.group().lower() for m in _WORD.finditer(text.replace("’", "'")))]


def _content(words: Sequence[str]) -> set[str]:
    return {w for w in words if w not in _STOP and len(w) > 1}


_PRONOUNS = frozenset("he she it they we i you him her them us this that who which".split())


def _authorless(q: QuoteMention) -> bool:
    """An issued document whose author the article did not name ("the statement said"): any speaker may have
    issued it. A poll, a study or a ruling is a source of its own."""
    words = _words(q.speaker_name or q.speaker_text or "")
    return q.speaker_kind == "document" and len(words) <= 2 and bool(words) and words[-1] in ISSUED_DOCUMENTS


def _name_words(q: QuoteMention) -> set[str]:
    """Content words of the speaker as resolved or written; empty for pronouns and unknown speakers, and for
    a document whose author the article did not name (:func:`_authorless`)."""
    if _authorless(q):
        return set()
    name = q.speaker_name or q.speaker_text or ""
    words = {w for w in _words(name) if w not in _STOP and w not in _PRONOUNS}
    if q.speaker_text and q.speaker_text.lower() in _PRONOUNS and not q.speaker_name:
        return set()
    return words


def _identical_pairs(word_lists: Sequence[list[str]], cap: int = 50) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of mentions with the same words in the same order ("We condemn this
    attack" in three articles): a short statement has too few content words for the overlap test. Each
    mention is paired with at most ``cap`` earlier ones of its text (enough to link a group of copies)."""
    seen: dict[tuple[str, ...], list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    for j, words in enumerate(word_lists):
        if len(words) < 2:
            continue
        earlier = seen.setdefault(tuple(words), [])
        pairs.update((i, j) for i in earlier[-cap:])
        earlier.append(j)
    return pairs


def is_reported_statement(q: QuoteMention) -> bool:
    """A quote a reader would accept: words said or written, by a person, organisation, document or
    anonymous source. Positions and acts carried by other cue frames ("called for a ceasefire", "condemned
    the attack") and spans with no speaker ("the upcoming meetings", "None of the groups") stay in the
    article's mentions (the benchmark scores them) but are not quotes of the account."""
    return q.statement and q.speaker_kind is not None


def _title_holders(entities: EntityIndex) -> dict[str, Entity]:
    """Titles of the story's people, folded, to the one person who holds each: 'the Spanish foreign minister'
    in one article is 'Spanish Foreign Minister Jose Manuel Albares' of another. The titles are the aliases
    entity linking took from the words written before a name; one of two words or more, held by one person
    only (two people called 'Prime Minister' leave it to no one)."""
    holders: dict[str, set[str]] = {}
    for ent in entities.entities:
        if ent.type != "PERSON":
            continue
        for alias in ent.aliases:
            key = fold(alias)
            if len(key.split()) >= 2 and entities.resolve(alias) is None:
                holders.setdefault(key, set()).add(ent.id)
    return {key: entities.by_id[next(iter(ids))] for key, ids in holders.items() if len(ids) == 1}


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b or len(a) < 10 or len(b) < 10:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def _required_overlap(size: int, threshold: float) -> int:
    """The fewest shared words a set of ``size`` words needs with any larger set to match."""
    return max(3, math.ceil(threshold * size - 1e-6))


def _candidate_pairs(word_sets: Sequence[set[str]], threshold: float) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, that may share enough words; every pair that does is among them.

    Prefix filtering: if the smaller set ``x`` shares at least ``o`` words with ``y``, any
    ``len(x) - o + 1`` words of ``x`` include a shared one. So each set probes an inverted index
    with only its rarest ``len(x) - o + 1`` words, against sets at least as large: pairs that
    share no rare word are never compared (sub-quadratic on real corpora).
    """
    df: Counter[str] = Counter()
    for words in word_sets:
        if len(words) >= 3:
            df.update(words)
    postings: dict[str, list[int]] = {}
    for i, words in enumerate(word_sets):
        if len(words) >= 3:
            for w in words:
                postings.setdefault(w, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for i, words in enumerate(word_sets):
        size = len(words)
        if size < 3:
            continue
        need = _required_overlap(size, threshold)
        if need > size:
            continue
        prefix = sorted(words, key=lambda w: (df[w], w))[: size - need + 1]
        for w in prefix:
            for j in postings[w]:
                if j != i and len(word_sets[j]) >= size:
                    pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


#: the reporter's "that" before reported words ("said that the talks…"): lower case only, so a quotation that
#: itself begins "That…" keeps it
_THAT = re.compile(r"that\s+(?=\S)")


def as_said(text: str) -> str:
    """A statement's words as a reader wants them listed: without the "that" that introduces reported speech
    ("that “the Iraqi government is moving…”" lists as "“the Iraqi government is moving…”"). The
    mentions keep the span as the extractor found it."""
    m = _THAT.match(text)
    return text[m.end():] if m and len(text) > m.end() else text


def merge_quotes(
    quotes: Sequence[QuoteMention],
    entities: EntityIndex,
    copy_group: Mapping[str, str],
    dates: Mapping[str, str | None] | None = None,
    threshold: float = 0.6,
) -> list[FusedQuote]:
    """Cluster quote mentions of all articles into statements."""
    dates = dates or {}
    # one span, one mention: the extractor may report a span twice (two cues); keep the attributed one
    unique: dict[tuple[str, int, int], QuoteMention] = {}
    for q in quotes:
        if not is_reported_statement(q):
            continue
        key = (q.article, q.start, q.end)
        if key not in unique or (unique[key].speaker_name is None and q.speaker_name is not None):
            unique[key] = q
    items = []
    word_lists: list[list[str]] = []
    grams: list[set[tuple[str, ...]]] = []
    names: list[set[str]] = []
    written: dict[str, str] = {}  # one spelling per speaker name no entity holds: case, apostrophes, "the"
    titled = _title_holders(entities)
    for q in unique.values():
        ent = entities.resolve(q.speaker_name) or entities.resolve(q.speaker_text)
        if ent is None and q.speaker_kind == "person":
            ent = titled.get(fold(q.speaker_name or q.speaker_text or ""))
        words = _words(q.text)
        name = q.speaker_name or q.speaker_text
        if ent is None and name:
            name = written.setdefault(fold(name), name)
        items.append((q, ent.id if ent else None, ent.name if ent else name,
                      _content(words), q.date or dates.get(q.article)))
        word_lists.append(words)
        grams.append({tuple(words[k:k + 4]) for k in range(len(words) - 3)})
        names.append(_name_words(q))
    sets = DisjointSet(range(len(items)))
    pairs = set(_candidate_pairs([it[3] for it in items], threshold)) | _identical_pairs(word_lists)
    for i, j in sorted(pairs):
        qi, si, _, wi, di = items[i]
        qj, sj, _, wj, dj = items[j]
        if qi.article == qj.article and qi.start < qj.end and qj.start < qi.end:
            continue
        if si and sj and si != sj:
            continue
        if not (si and si == sj) and names[i] and names[j] and not names[i] & names[j]:
            continue  # two different speakers as written ("Iraqi authorities", "Albares")
        apart = _days_apart(di, dj)
        if apart is not None and apart > 3:
            continue
        if word_lists[i] != word_lists[j]:  # the same words in the same order are the same statement
            shared = len(wi & wj)
            if shared < 3 or shared / min(len(wi), len(wj)) < threshold:
                continue
            if min(len(wi), len(wj)) < 6 and not grams[i] & grams[j]:
                continue  # a short phrase needs a run of four words in common, not just its topic words
        sets.link(sets.find(j), sets.find(i))

    clusters: dict[int, list[int]] = {}
    for i in range(len(items)):
        clusters.setdefault(sets.find(i), []).append(i)
    fused = []
    for members in clusters.values():
        mentions = [items[i][0] for i in members]
        best = max(mentions, key=lambda q: (q.direct, len(q.text)))
        speakers = Counter(items[i][1] for i in members if items[i][1])
        speaker = speakers.most_common(1)[0][0] if speakers else None
        named = [i for i in members if items[i][2] and (speaker is None or items[i][1] == speaker)]
        authors = [i for i in named if not _authorless(items[i][0])]  # "the statement" names no one
        names = Counter(items[i][2] for i in authors or named)
        speaker_name = names.most_common(1)[0][0] if names else None
        if speaker is not None:
            ent = entities.resolve(speaker_name)
            speaker_name = ent.name if ent else speaker_name
        qdates = Counter(items[i][4] for i in members if items[i][4])
        mids = tuple(sorted(quote_mention_id(q) for q in mentions))
        groups = {copy_group.get(q.article, q.article) for q in mentions}
        qid = "q-" + hashlib.sha1(("|".join(mids) + f"|{speaker_name}").encode()).hexdigest()[:12]
        fused.append(FusedQuote(qid, as_said(best.text), any(q.direct for q in mentions), speaker, speaker_name,
                                qdates.most_common(1)[0][0] if qdates else None, mids, len(groups)))
    fused.sort(key=lambda f: (-f.independent_sources, -len(f.mention_ids), f.id))
    return fused
