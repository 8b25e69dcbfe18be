"""Article vectors for story clustering: the encoder's view of what a report is about.

One vector per article, of its title and lead (the first sentences): what an editor reads to
tell what a report is about. Computed once: through the store's encoding cache (keyed by the
encoder and the text, so a lead met again is looked up), and once per copy group (a wire copy
takes the vector of its group's first article; copies are never encoded again).

The encoder is multilingual-e5-small by default (``story_encoder = "e5"``). Measured with
``bench/clusters.py`` (topic-level B-cubed F1, each part clustered on its own; thresholds chosen on
the fit topics only): e5 .961 on fit / .905 on check, MiniLM .951 / .882 (at its own fitted
threshold), no vectors .951 / .905. So e5 replaces MiniLM for every article rather than serving
only the non-English ones: it is at least as good on English, and one space is needed anyway,
since cosines between two models' vectors mean nothing. It also puts a Spanish or French report
next to the English ones (tests/test_stories.py; Arabic, from the 4-bit model, falls short).
``"minilm"`` (English only, about 5x faster) and ``"none"`` (words and names alone) are the
other settings. The event threads do not use the vectors: on the fit topics they made the
threads worse (reports of two events of one kind read alike to the encoder).

That likeness is what the story level wants, though: an editor files two pinup models' deaths, or
two prison escapes, under one story. :func:`masked_title` keeps only the kind of story a headline
tells (its names, places and dates replaced by "someone", "a place"...), and its MiniLM vector is
``StoryInput.kind_vector``. On the fit topics it separates the two events of one topic from other
topics better than any other block (sub-topic pairs: 24 other-topic pairs at least as close as the
least close same-topic pair, against 37 for the title+lead vectors).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from ..errors import Errors, NewsfuseError

__all__ = ["ENCODERS", "article_lead", "masked_title", "kind_vectors", "article_vectors", "copy_groups", "make_encoder", "cached_encode"]

ENCODERS = ("auto", "e5", "minilm", "none")
#: sentences of the body read after the title
LEAD_SENTENCES = 3
_SENTENCE_END = re.compile(r"(?<=[.!?。؟])\s+(?=[\"“«¿¡(\[]?[^\W\d_])", re.UNICODE)

Encode = Callable[[Sequence[str]], np.ndarray]


def article_lead(title: str | None, text: str, sentences: int = LEAD_SENTENCES) -> str:
    """The title and the first ``sentences`` sentences of the body (the title not repeated)."""
    body = " ".join(text.split())
    head = " ".join((title or "").split())
    if head and body.startswith(head):
        body = body[len(head):].lstrip(" .:-")
    lead = " ".join(_SENTENCE_END.split(body, maxsplit=sentences)[:sentences])
    return (head + ". " + lead if head else lead).strip()


#: what a masked name becomes in a headline: the kind of participant, not who or where (numbers and dates go)
_MASK = {"PERSON": "someone", "GPE": "a place", "LOC": "a place", "FAC": "a place", "ORG": "an organisation",
         "NORP": "", "DATE": "", "TIME": "", "CARDINAL": "", "MONEY": "", "QUANTITY": "", "ORDINAL": "",
         "PERCENT": ""}


def masked_title(title: str | None, text: str, names: Iterable[tuple[str, str]]) -> str:
    """The headline (else the opening of the text) with every named entity of the article replaced by
    its kind: ``"someone, the 1950s pinup, dies in a place"``. ``names`` are ``(surface text, label)``
    pairs (spaCy labels); the longest are replaced first, as whole words."""
    head = " ".join((title or "").split()) or article_lead(None, text, 1)
    for surface, label in sorted(set(names), key=lambda n: (-len(n[0]), n)):
        surface = " ".join(surface.split())
        if len(surface) < 2 or surface not in head:  # most of an article's names are not in its headline
            continue
        head = re.sub(rf"(?<!\w){re.escape(surface)}(?!\w)", _MASK.get(label, "something"), head)
    return " ".join(head.split())


def make_encoder(name: str, threads: int = 1):
    """The encoder named by ``story_encoder`` (not loaded yet), or None for ``"none"``; raises E241."""
    if name == "e5":
        from ..learn.multilingual import E5Encoder

        return E5Encoder(threads=threads)
    if name == "minilm":
        from ..learn.encoder import Encoder

        return Encoder(threads=threads)
    if name == "none":
        return None
    raise NewsfuseError(Errors.E241, detail=name, known=", ".join(ENCODERS))


def cached_encode(encoder, lookup: Callable[[Sequence[str]], Mapping[str, bytes]],
                  save: Callable[[str, Iterable[tuple[str, bytes]]], None]) -> Encode:
    """``encode(texts)`` through the store's encoding cache: only texts it lacks are encoded, then saved."""
    from ..learn.cache import encode_with_cache

    def encode(texts: Sequence[str]) -> np.ndarray:
        result = encode_with_cache(encoder, texts, lookup)
        if result.new:
            save(encoder.model_id, result.new.items())
        return result.vectors

    return encode


#: reuse links whose ends are one report (the copy reads the same, so it takes its original's vector)
COPY_KINDS = frozenset({"duplicate", "near_duplicate"})


def copy_groups(links: Iterable[tuple[str, str, str]], seq: Mapping[str, int]) -> dict[str, str]:
    """Article -> its copy group's earliest article (by ``seq``), from ``(a, b, kind)`` reuse links.

    Only duplicates and near-duplicates group articles (a report that shares passages is its own
    report). Articles outside ``seq`` are ignored; articles in no group are left out.
    """
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b, kind in links:
        if kind not in COPY_KINDS or a not in seq or b not in seq:
            continue
        ra, rb = root(a), root(b)
        if ra != rb:
            first, other = sorted((ra, rb), key=lambda x: (seq[x], x))
            parent[other] = first
            parent.setdefault(first, first)
    return {x: root(x) for x in parent}


def article_vectors(articles: Sequence[tuple[str, str | None, str]], encode: Encode,
                    groups: Mapping[str, str] | None = None) -> dict[str, np.ndarray]:
    """Article id -> vector of its title and lead, for ``(id, title, text)`` triples.

    ``groups`` (article -> copy group) lets every copy take its group's first article's vector:
    only one article per group is encoded.
    """
    groups = groups or {}
    first: dict[str, str] = {}
    for aid, _, _ in articles:
        first.setdefault(groups.get(aid, aid), aid)
    reps = [(aid, title, text) for aid, title, text in articles if first[groups.get(aid, aid)] == aid]
    vecs = encode([article_lead(title, text) for _, title, text in reps]) if reps else np.zeros((0, 0))
    by_rep = {aid: vecs[i] for i, (aid, _, _) in enumerate(reps)}
    return {aid: by_rep[first[groups.get(aid, aid)]] for aid, _, _ in articles}


def kind_vectors(articles: Sequence[tuple[str, str | None, str, Iterable[tuple[str, str]]]],
                 encode: Encode, groups: Mapping[str, str] | None = None) -> dict[str, np.ndarray]:
    """Article id -> vector of its masked headline (``StoryInput.kind_vector``), for ``(id, title, text,
    names)`` rows, ``names`` being the article's ``(surface text, label)`` entity mentions. ``encode``: an
    English sentence encoder (MiniLM: ``make_encoder("minilm")``, through :func:`cached_encode`).
    ``groups`` (article -> copy group): a copy takes its group's first article's vector, as in
    :func:`article_vectors` (a wire copy's headline is often rewritten, and its story is its original's)."""
    groups = groups or {}
    first: dict[str, str] = {}
    for aid, *_ in articles:
        first.setdefault(groups.get(aid, aid), aid)
    reps = [row for row in articles if first[groups.get(row[0], row[0])] == row[0]]
    heads = [masked_title(title, text, names) for _, title, text, names in reps]
    vecs = encode(heads) if heads else np.zeros((0, 0))
    by_rep = {row[0]: vecs[i] for i, row in enumerate(reps)}
    return {aid: by_rep[first[groups.get(aid, aid)]] for aid, *_ in articles}
