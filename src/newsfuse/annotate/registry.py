"""How an extractor declares itself to the annotate runner.

In the spirit of spaCy's registered components (``@Language.component(name, requires=[...])``),
each extractor package states its name, what it needs and its own version, next to its public
``extract(doc, ctx)``::

    EXTRACTOR = Extractor("figures", version="1", needs=("parse", "entities", "published"), run=extract)

The runner (:mod:`newsfuse.annotate.run`) orders the extractors from their needs, and the store keeps
one version per extractor and article, so a version bump re-extracts that extractor (and the
extractors that read its output) and nothing else.

Needs are either what the parse gives (``parse``: tokens, tags, dependencies and sentences;
``entities``: named entities), ``encoder`` (encoder states; nothing provides them yet, the learned
layer will), or the name of another extractor, whose records are then in ``ctx.records``. Needing
``published`` gives ``ctx.anchor``: the publication date, when it is sure enough to resolve "on
Tuesday".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..records import DateEvidence, PublishedDate

__all__ = ["BASE_NEEDS", "Context", "Extractor", "dependents", "order"]

#: what the runner itself provides before any extractor runs
BASE_NEEDS = frozenset({"parse", "entities"})


@dataclass(frozen=True, slots=True)
class Context:
    """What one article's extractors may read besides the parse: its id, its date evidence (or a
    ``published`` date corrected from other reports), the anchor for relative dates, the story's
    country codes (``context``), the optional learned quote model and event typer, and the records of the extractors
    that already ran (by extractor name)."""

    article: str
    evidence: tuple[DateEvidence, ...] = ()
    published: PublishedDate | None = None
    anchor: str | None = None
    context: tuple[str, ...] = ()
    quote_tagger: object | None = None
    event_typer: object | None = None  # the learned event-type head (settings.event_type_model), None: rules
    records: Mapping[str, tuple[Any, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def needed(self, name: str) -> tuple[Any, ...]:
        """The records of the extractor ``name`` (empty when it produced none)."""
        return tuple(self.records.get(name, ()))


@dataclass(frozen=True, slots=True)
class Extractor:
    """One registered extractor: ``run(doc, ctx)`` returns its records and changes nothing."""

    name: str
    version: str
    needs: tuple[str, ...]
    run: Callable[[Any, Context], Iterable[Any]]


def order(extractors: Sequence[Extractor], provided: Iterable[str] = BASE_NEEDS) -> tuple[Extractor, ...]:
    """The extractors in an order that runs each after everything it needs (stable: declaration order
    breaks ties). Raises ``ValueError`` on a need nothing provides, a duplicate name, or a cycle."""
    names = [e.name for e in extractors]
    if len(set(names)) != len(names):
        raise ValueError(f"extractor names must be unique: {names}")
    have = set(provided)
    known = have | set(names)
    for e in extractors:
        missing = [n for n in e.needs if n not in known]
        if missing:
            raise ValueError(f"extractor {e.name!r} needs {missing}, which nothing provides")
    out: list[Extractor] = []
    todo = list(extractors)
    while todo:
        ready = next((e for e in todo if all(n in have for n in e.needs)), None)
        if ready is None:
            raise ValueError(f"extractors depend on each other in a cycle: {[e.name for e in todo]}")
        out.append(ready)
        have.add(ready.name)
        todo.remove(ready)
    return tuple(out)


def dependents(extractors: Sequence[Extractor], names: Iterable[str]) -> frozenset[str]:
    """``names`` and every extractor that reads, directly or not, the output of one of them."""
    out = set(names)
    grew = True
    while grew:
        grew = False
        for e in extractors:
            if e.name not in out and any(n in out for n in e.needs):
                out.add(e.name)
                grew = True
    return frozenset(out)
