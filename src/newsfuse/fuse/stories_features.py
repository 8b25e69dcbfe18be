"""What an editor compares two reports by, as sparse vectors.

Each article becomes one row in several feature blocks (distinctive words,
named entities, places, dates mentioned, numbers, event kinds) and, when the
caller has one, its encoder vector (title + lead, :mod:`.stories_vectors`).
Every row of a block is L2-normalised, so the dot product of two rows is their
cosine in that block and the dot product of a row with a sum of rows is the
average-link similarity to a group. Weights combine blocks later
(:mod:`.stories_cluster`).

No weight depends on the corpus: a word weighs by how rare it is in the
language at large (``wordfreq``'s Zipf frequency), not by its document
frequency among the articles given, so the similarity of two articles is the
same whatever else is in the store. That is what makes story assignment
order-independent (adding articles one by one = building them together).

The module also turns an article's :class:`~newsfuse.records.Annotation` into
the optional :class:`StoryInput` fields (:func:`story_input`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse

from ..records import Annotation, EntityMention

__all__ = ["StoryInput", "Blocks", "SPARSE_BLOCKS", "STOPWORDS", "word_bag", "proper_bag", "entity_keys", "time_keys",
           "story_input", "build_blocks", "select_rows", "unit_rows"]

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our ours out over own said same says she should so some such than that the their theirs them
    then there these they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours told after amid since according one two three new last first
    year years week day days monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec today yesterday tomorrow tonight morning night evening afternoon time times like get got make made
    going many much well still even back way people say could would might must shall per via""".split()
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)(?:-(\d\d))?")
_SALIENT = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "WORK_OF_ART", "PRODUCT"})


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One article as the story stage sees it. Only ``id``, ``seq`` and ``text`` are required.

    ``entities`` are entity ids or normalised names (people, organisations, places);
    ``times`` TIMEX values of dates the article mentions (``2008-12-19``, ``2013-05``);
    ``numbers`` the figures it reports (``"killed:3"``, ``"7.1"``); ``places`` resolved
    place ids or names; ``kinds`` event types and trigger lemmas; ``quotes`` fused
    statement ids it carries.
    """

    id: str
    seq: int
    text: str
    entities: frozenset[str] = frozenset()
    date: str | None = None
    title: str | None = None
    words: Counter[str] = field(default_factory=Counter, compare=False, hash=False)
    places: frozenset[str] = frozenset()
    times: tuple[str, ...] = ()
    numbers: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    quotes: frozenset[str] = frozenset()
    vector: tuple[float, ...] | None = field(default=None, compare=False, hash=False)  # title + lead, L2-normed
    language: str | None = None  # ISO 639-1; None: English word weights
    # the headline with its names, places and dates masked, encoded (:func:`.stories_vectors.masked_title`): what
    # kind of story it is ("someone, 1950s pinup, dies in a place"), which two reports of one kind share
    kind_vector: tuple[float, ...] | None = field(default=None, compare=False, hash=False)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A light plural/inflection fold so "quakes" meets "quake" (no dictionary)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def word_bag(text: str, title: str | None = None) -> Counter[str]:
    """Content words of the text, lower-cased and lightly stemmed; title words count twice more."""
    bag: Counter[str] = Counter()
    # each distinct word is checked and stemmed once
    for w, count in Counter(_WORD.findall(text.lower())).items():
        if w not in STOPWORDS:
            bag[_stem(w)] += count
    if title:
        for w in (m.group().lower() for m in _WORD.finditer(title)):
            if w not in STOPWORDS:
                bag[_stem(w)] += 2
    return bag


_CAPITAL = re.compile(r"(?<![.!?:\n\"“] )(?<!^)\b[A-Z][^\W\d_]{2,}", re.UNICODE)


def proper_bag(text: str) -> Counter[str]:
    """Capitalised words that do not open a sentence: the names a report is specific about."""
    return Counter(w.lower() for w in _CAPITAL.findall(text) if w.lower() not in STOPWORDS)


def entity_keys(mentions: Iterable[EntityMention]) -> frozenset[str]:
    """Normalised names of the salient entities; a person also by surname ("tara reid", "reid")."""
    keys: set[str] = set()
    for m in mentions:
        if m.label not in _SALIENT:
            continue
        words = [w for w in re.findall(r"[^\W_]+", m.text.lower()) if w not in ("the", "'s")]
        if not words:
            continue
        keys.add(" ".join(words))
        if m.label == "PERSON" and len(words) > 1:
            keys.add(words[-1])
    return frozenset(keys)


def time_keys(values: Iterable[str], published: str | None = None) -> Counter[str]:
    """Year and year-month tokens of the dates mentioned (and, once, of the publication date)."""
    out: Counter[str] = Counter()
    for value in values:
        m = _YEAR.match(value or "")
        if m:
            out["y" + m.group(1)] += 1
            if m.group(2):
                out["m" + m.group(1) + m.group(2)] += 1
    m = _YEAR.match(published or "")
    if m:
        out["y" + m.group(1)] += 1
        if m.group(2):
            out["m" + m.group(1) + m.group(2)] += 1
    return out


def story_input(article: str, seq: int, text: str, title: str | None, annotation: Annotation | None,
                entities: Iterable[str] = (), date: str | None = None,
                quotes: Iterable[str] = (), vector: Sequence[float] | None = None,
                language: str | None = None, kind_vector: Sequence[float] | None = None) -> StoryInput:
    """A :class:`StoryInput` with every optional field filled from the article's annotation.

    ``entities`` (linked entity ids, if the caller has them) are added to the
    normalised entity names read from the annotation.
    """
    vec = tuple(float(x) for x in vector) if vector is not None else None
    kind = tuple(float(x) for x in kind_vector) if kind_vector is not None else None
    if annotation is None:
        return StoryInput(article, seq, text, frozenset(entities), date, title, vector=vec, language=language,
                          kind_vector=kind)
    ents = entity_keys(annotation.entities) | frozenset(entities)
    places = frozenset(p.geonameid or p.name.lower() for p in annotation.places if p.name)
    times = tuple(t.value for t in annotation.timexes if t.type == "DATE" and _YEAR.match(t.value or ""))
    numbers = frozenset(f"{f.measure_key or f.unit}:{f.value:g}" for f in annotation.figures)
    kinds = frozenset(e.type for e in annotation.events) | frozenset(e.trigger.lower() for e in annotation.events)
    return StoryInput(article, seq, text, ents, date or annotation.published.value, title,
                      places=places, times=times, numbers=numbers, kinds=kinds, quotes=frozenset(quotes),
                      vector=vec, language=language, kind_vector=kind)


#: the sparse blocks of :class:`Blocks`, in field order
SPARSE_BLOCKS = ("words", "proper", "lead", "names", "times", "numbers", "kinds")


@dataclass(frozen=True, slots=True)
class Blocks:
    """Row-normalised CSR matrices, one row per article (same order as the inputs)."""

    words: sparse.csr_matrix
    proper: sparse.csr_matrix  # capitalised words inside sentences
    lead: sparse.csr_matrix  # words of the title and the opening (what the report is about)
    names: sparse.csr_matrix  # entities, places and quotes: who and where
    times: sparse.csr_matrix
    numbers: sparse.csr_matrix
    kinds: sparse.csr_matrix
    has_time: np.ndarray  # 1.0 where the article mentions any year
    dense: np.ndarray | None = None  # (n, d) encoder vectors, L2-normalised; None when some article has none
    language: np.ndarray | None = None  # a code per row (same code = same language; no language = English)
    kind: np.ndarray | None = None  # (n, d) masked-headline vectors, L2-normalised; None when some article has none
    # the weighted sparse blocks side by side, per weighting (:func:`.stories_cluster.similarity`): one
    # product instead of one per block
    stacked: dict = field(default_factory=dict, compare=False, repr=False)


#: Zipf frequency (log10 per billion words) a word never seen in the language gets; rarer is heavier
_ZIPF_CEILING = 8.0


@lru_cache(maxsize=200_000)
def rarity(word: str, language: str = "en") -> float:
    """Weight of a word: ``8 - zipf`` (``wordfreq``), at least 0.5 (a pure function of the word)."""
    from wordfreq import zipf_frequency  # imported on use: its tables load lazily

    try:
        zipf = zipf_frequency(word, language)
    except (LookupError, ValueError):  # a language wordfreq does not know: every word counts alike
        zipf = 0.0
    return max(0.5, _ZIPF_CEILING - zipf)


def _matrix(bags: Sequence[Counter[str]], weigh: Sequence[str | None] | None = None,
            sublinear: bool = True, vocab: dict[str, int] | None = None) -> sparse.csr_matrix:
    """Rows of (1 + log tf) * weight, L2-normalised.

    ``weigh`` gives each row's language: its words then weigh by their rarity in that language
    (:func:`rarity`); without it every term weighs 1. Nothing depends on the other rows.
    ``vocab`` (filled here when given): term -> column.
    """
    vocab = {} if vocab is None else vocab
    terms: list[str] = []
    counts: list[float] = []
    weights: list[float] = []
    indptr = [0]
    for r, bag in enumerate(bags):
        row = [(term, count) for term, count in bag.items() if count > 0]
        terms.extend(term for term, _ in row)
        counts.extend(count for _, count in row)
        if weigh is not None:
            lang = weigh[r] or "en"
            weights.extend(rarity(term, lang) for term, _ in row)
        indptr.append(len(terms))
    indices = np.asarray([vocab.setdefault(term, len(vocab)) for term in terms], dtype=np.int64)
    tf = np.asarray(counts, dtype=np.float64)
    if sublinear:
        tf = 1.0 + np.log(tf)
    data = tf * np.asarray(weights, dtype=np.float64) if weigh is not None else tf
    mat = sparse.csr_matrix((data, indices, np.asarray(indptr, dtype=np.int64)), shape=(len(bags), max(1, len(vocab))))
    return _normalise(mat)


def _normalise(mat: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ mat)


def _lead(text: str, chars: int = 400) -> str:
    """The opening of the text, cut at a sentence end after ``chars`` characters when there is one."""
    if len(text) <= chars:
        return text
    cut = text.find(". ", chars)
    return text[: cut + 1 if 0 < cut < chars * 2 else chars]


def build_blocks(items: Sequence[StoryInput], terms: dict[str, dict[str, int]] | None = None) -> Blocks:
    """The feature blocks of the items (each row computed from its own article only).

    ``terms`` (filled when given): block name -> term -> column, so that rows can be kept and put
    together again later (``fuse/story_rows.py``)."""
    terms = {} if terms is None else terms
    vocab = {name: terms.setdefault(name, {}) for name in SPARSE_BLOCKS}
    words = [it.words or word_bag(it.text, it.title) for it in items]
    names = [Counter({**{"e:" + e: 1 for e in it.entities}, **{"p:" + p: 1 for p in it.places},
                      **{"q:" + q: 1 for q in it.quotes}}) for it in items]
    times = [time_keys(it.times, it.date) for it in items]
    numbers = [Counter(it.numbers) for it in items]
    kinds = [Counter(it.kinds) for it in items]
    has_time = np.asarray([1.0 if t else 0.0 for t in times])
    proper = [proper_bag(it.text) for it in items]
    lead = [word_bag(_lead(it.text), it.title) for it in items]
    langs = [it.language for it in items]
    dense = unit_rows([it.vector for it in items])
    codes: dict[str, int] = {}
    language = np.asarray([codes.setdefault(lang or "en", len(codes)) for lang in langs], dtype=np.int64)
    return Blocks(_matrix(words, langs, vocab=vocab["words"]), _matrix(proper, langs, vocab=vocab["proper"]),
                  _matrix(lead, langs, vocab=vocab["lead"]), _matrix(names, vocab=vocab["names"]),
                  _matrix(times, vocab=vocab["times"]), _matrix(numbers, vocab=vocab["numbers"]),
                  _matrix(kinds, vocab=vocab["kinds"]), has_time, dense, language,
                  unit_rows([it.kind_vector for it in items]))


def unit_rows(vectors: Sequence[Sequence[float] | None]) -> np.ndarray | None:
    """The vectors as L2-normalised float32 rows, or None when any is missing (a block counts only for all)."""
    if not vectors or any(v is None for v in vectors):
        return None
    out = np.asarray(vectors, dtype=np.float32)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
    return out


def select_rows(blocks: Blocks, rows: Sequence[int]) -> Blocks:
    """The blocks of the given rows, in that order."""
    idx = np.asarray(rows, dtype=np.int64)
    return Blocks(*(getattr(blocks, name)[idx] for name in SPARSE_BLOCKS), blocks.has_time[idx],
                  None if blocks.dense is None else blocks.dense[idx],
                  None if blocks.language is None else blocks.language[idx],
                  None if blocks.kind is None else blocks.kind[idx])
