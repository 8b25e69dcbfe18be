"""Parsing, and keeping parses: one spaCy parse per text, stored as a DocBin, and a sentence cache.

Parsing is the expensive step of the build, so it is done once: an article's parse is kept in the
store (:func:`doc_to_bytes` / :func:`doc_from_bytes`), and a sentence already parsed anywhere in the
corpus (a wire copy) is taken from the sentence cache instead of being parsed again
(:func:`parse_with_cache`). Nothing here writes to the store: the caller does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy
from spacy.parts_of_speech import SPACE as SPACE_POS
from spacy.tokens import Doc, DocBin

__all__ = [
    "CachedParse",
    "parse_sentences",
    "doc_from_bytes",
    "doc_to_bytes",
    "parse_texts",
    "parse_with_cache",
    "MAX_SENTENCE_CHARS",
    "sentence_chunks",
    "unsegmented_spans",
    "sentence_key",
]


def _quiet_msgpack_registries() -> None:
    """Serialising or reading a DocBin asks srsly's msgpack layer for its plugin encoders or decoders, and
    catalogue answers by copying and scanning the whole function registry (spaCy registers thousands)
    and, unless it is off, the installed packages' entry points: about 0.5 ms each time, once per
    sentence parse stored or read (a tenth of the parse step when most sentences come from the cache).

    - When no package declares such a plugin, the entry-point scan can only find nothing: turn it off (a
      package that does declare one keeps the scan).
    - The answer changes only when a function is registered: keep it until the registry grows.
    """
    import catalogue
    import srsly

    for registry in (srsly.msgpack_encoders, srsly.msgpack_decoders):
        if registry.entry_points and not registry.get_entry_points():
            registry.entry_points = False
        if registry.entry_points or getattr(registry.get_all, "kept", False):
            continue  # plugins come from packages: ask every time (or this was done already)
        scan = registry.get_all
        kept: dict = {"size": -1, "found": {}}

        def get_all(scan=scan, kept=kept) -> dict:
            size = len(catalogue.REGISTRY)
            if size != kept["size"]:
                kept["size"], kept["found"] = size, scan()
            return kept["found"]

        get_all.kept = True
        registry.get_all = get_all


_quiet_msgpack_registries()


def parse_texts(nlp, texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """``nlp.pipe`` over the texts, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


_PARSE_ATTRS = ["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "POS", "MORPH", "SENT_START", "SPACY"]


def doc_to_bytes(doc: Doc) -> bytes:
    bin_ = DocBin(attrs=_PARSE_ATTRS, store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()


def doc_from_bytes(nlp, data: bytes) -> Doc:
    return next(iter(DocBin().from_bytes(data).get_docs(nlp.vocab)))


# --------------------------------------------------------------------------- sentence cache
# Dedup before NLP: an article is cut into chunks (a sentence and the whitespace after it) that cover
# its text exactly; a sentence already parsed anywhere in the corpus is taken from the cache.

_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n\s*\n")
_ABBREV = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col sgt capt maj adm prof jr sr inc corp co ltd no vs jan feb mar apr "
    "aug sept sep oct nov dec u.s u.k u.n e.g i.e".split()
)
_TRAILING_WORD = re.compile(r"([\w.]+)\.$")
#: cached-sentence attributes copied when a chunk's trailing whitespace is attached
_CHUNK_ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]


def sentence_chunks(text: str) -> list[tuple[int, int, int]]:
    """``(start, sentence_end, chunk_end)`` for every chunk; the chunks cover ``text`` exactly, in order.

    ``text[start:sentence_end]`` is a sentence without surrounding whitespace (empty only for leading
    whitespace), ``text[sentence_end:chunk_end]`` the whitespace after it.
    """
    out: list[tuple[int, int, int]] = []
    pos = 0
    lead = len(text) - len(text.lstrip())
    if lead:
        out.append((0, 0, lead))
        pos = lead
    for m in _SENT_END.finditer(text, pos):
        end = m.end() if not m.group().isspace() else m.start()
        word = _TRAILING_WORD.search(text, max(pos, end - 12), end)
        if word and not m.group().startswith("\n") and (
            word.group(1).lower() in _ABBREV or (len(word.group(1)) == 1 and word.group(1).isupper())
        ):
            continue
        if end <= pos:
            continue
        ws_end = end
        while ws_end < len(text) and text[ws_end].isspace():
            ws_end += 1
        out.append((pos, end, ws_end))
        pos = ws_end
    if pos < len(text):
        stripped = len(text.rstrip())
        out.append((pos, stripped, len(text)))
    if any(e - s > MAX_SENTENCE_CHARS for s, e, _ in out):
        out = [piece for chunk in out for piece in _bounded(text, *chunk)]
    return out


#: a "sentence" longer than this has no sentence boundary the text shows (a word list, a table flattened
#: into one line, a megabyte with no full stop): it is cut into pieces of at most this length at spaces,
#: so that parsing stays linear, and its pieces are marked unsegmented (see :func:`unsegmented_spans`)
MAX_SENTENCE_CHARS = 2000


def _bounded(text: str, start: int, end: int, chunk_end: int) -> list[tuple[int, int, int]]:
    """The chunk ``(start, end, chunk_end)`` cut at spaces into pieces of at most MAX_SENTENCE_CHARS."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end, chunk_end)]
    pieces: list[tuple[int, int, int]] = []
    pos = start
    while end - pos > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", pos + MAX_SENTENCE_CHARS // 2, pos + MAX_SENTENCE_CHARS)
        if cut <= pos:
            cut = pos + MAX_SENTENCE_CHARS  # no space at all: cut the run of characters itself
            pieces.append((pos, cut, cut))
            pos = cut
            continue
        ws_end = cut
        while ws_end < end and text[ws_end].isspace():
            ws_end += 1
        pieces.append((pos, cut, ws_end))
        pos = ws_end
    pieces.append((pos, end, chunk_end))
    return pieces


def unsegmented_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` with no sentence boundary for over MAX_SENTENCE_CHARS: their clause structure
    is unknown, so no quote or event is read from them (figures, dates and places still are)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?…\n]{%d,}" % (MAX_SENTENCE_CHARS + 1), text)]


def sentence_key(model: str, sentence: str) -> str:
    """Cache key of a sentence: hash of the model version and the sentence (its surrounding whitespace stripped)."""
    return hashlib.sha1(f"{model}\x00{sentence.strip()}".encode("utf-8")).hexdigest()


_ORTH_SPACY = ["ORTH", "SPACY"]


def _space_row(vocab, ws: str, follows: bool, dtype) -> numpy.ndarray:
    """The attribute row (``_CHUNK_ATTRS``) of a whitespace token ``ws``, attached to the token before it
    when ``follows`` (as spaCy attaches whitespace), else a sentence of its own."""
    values = {"TAG": vocab.strings.add("_SP"), "POS": SPACE_POS, "LEMMA": vocab.strings.add(ws),
              "DEP": vocab.strings.add("dep"), "HEAD": numpy.uint64(-1 % 2**64) if follows else 0,
              "ENT_IOB": 2, "SENT_START": numpy.uint64(-1 % 2**64) if follows else 1}
    row = numpy.zeros((1, len(_CHUNK_ATTRS)), dtype=dtype)
    for n, attr in enumerate(_CHUNK_ATTRS):
        row[0, n] = values.get(attr, 0)
    return row


def assemble(vocab, parts: Sequence[tuple[Doc | None, str]]) -> Doc:
    """One Doc of sentence parses, each followed by its whitespace (``(doc or None, whitespace)``), tokenised
    as spaCy would (one space joins the token before it; other whitespace is a token of its own).

    Built from the parts' attribute arrays in one go (heads are relative, so they concatenate), not a Doc
    per part joined by ``Doc.from_docs``, which read every token as an object twice."""
    strings = vocab.strings
    words: list[str] = []
    spaces: list[bool] = []
    arrays: list[numpy.ndarray] = []
    dtype = numpy.uint64
    for doc, ws in parts:
        rest = ws
        if doc is not None and len(doc):
            arr = doc.to_array(_CHUNK_ATTRS)
            dtype = arr.dtype
            orth_spacy = doc.to_array(_ORTH_SPACY)
            words.extend(strings[int(o)] for o in orth_spacy[:, 0])
            tail = orth_spacy[:, 1].astype(bool).tolist()
            if ws and ws[0] == " " and not tail[-1] and not words[-1].isspace():
                tail[-1] = True
                rest = ws[1:]
            spaces.extend(tail)
            arrays.append(arr)
            follows = True
        else:
            follows = False
        if rest:
            words.append(rest)
            spaces.append(False)
            arrays.append(_space_row(vocab, rest, follows, dtype))
    out = Doc(vocab, words=words, spaces=spaces)
    if arrays:
        out.from_array(_CHUNK_ATTRS, numpy.concatenate(arrays))
    return out


@dataclass(slots=True)
class CachedParse:
    """Result of :func:`parse_with_cache`: one Doc per text, and what the cache should learn."""

    docs: list[Doc]
    new: dict[str, bytes] = field(default_factory=dict)  # sentence key -> DocBin of a newly parsed sentence
    hits: int = 0  # chunks taken from the cache (or parsed once for several texts in this call)
    parsed: int = 0  # sentences parsed by the model


def parse_sentences(nlp, sentences: Mapping[str, str], lookup: Callable[[Sequence[str]], Mapping[str, bytes]],
                    batch_size: int = 64, n_process: int = 1) -> tuple[dict[str, Doc], dict[str, bytes]]:
    """The parses of ``sentences`` ({cache key: sentence}): ``({cache key: Doc}, {cache key: DocBin bytes}
    of the ones parsed here})``. ``lookup(keys)`` gives the cached parses; only the others go through
    ``nlp.pipe``, each once. Nothing is written: the caller stores the new parses."""
    cached = dict(lookup(list(sentences)))
    todo = [k for k in sentences if k not in cached]
    docs: dict[str, Doc] = {}
    new: dict[str, bytes] = {}
    for key, doc in zip(todo, nlp.pipe((sentences[k] for k in todo), batch_size=batch_size, n_process=n_process)):
        docs[key] = doc
        new[key] = doc_to_bytes(doc)
    for key, data in cached.items():
        docs[key] = doc_from_bytes(nlp, data)
    return docs, new


def parse_with_cache(nlp, texts: Sequence[str], model: str,
                     lookup: Callable[[Sequence[str]], Mapping[str, bytes]],
                     batch_size: int = 64, n_process: int = 1) -> CachedParse:
    """Parse ``texts`` sentence by sentence, reusing cached sentence parses; ``doc.text == text`` exactly.

    ``lookup(keys)`` returns the cached DocBin bytes of the keys it knows. Only unseen sentences go
    through ``nlp.pipe`` (each once, however often it occurs); the article Doc is assembled from
    them (:func:`assemble`). Nothing is written: the caller stores ``result.new``.
    """
    chunked = [sentence_chunks(t) for t in texts]
    keys: dict[str, str] = {}
    for text, chunks in zip(texts, chunked):
        for s, e, _ in chunks:
            if e > s:
                sent = text[s:e]
                keys.setdefault(sentence_key(model, sent), sent)
    sent_docs, new = parse_sentences(nlp, keys, lookup, batch_size, n_process)
    result = CachedParse([], new, parsed=len(new))
    for text, chunks in zip(texts, chunked):
        parts = [(sent_docs[sentence_key(model, text[s:e])], text[e:ce]) if e > s else (None, text[s:ce])
                 for s, e, ce in chunks]
        result.hits += sum(1 for s, e, _ in chunks if e > s)
        doc = assemble(nlp.vocab, parts) if parts else nlp.make_doc(text)
        if doc.text != text:  # never expected; a parse of the whole text is always right
            doc = nlp(text)
        result.docs.append(doc)
    result.hits -= result.parsed
    return result
