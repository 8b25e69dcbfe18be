"""Compose cleaning steps, textacy-style: a pipeline is a function of text to text."""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce

from .boilerplate import remove_repeated, strip_boilerplate, strip_trailing_boilerplate
from .normalize import (
    collapse_blank_lines,
    normalize_line_endings,
    normalize_spaces,
    normalize_unicode,
    strip_control_chars,
)
from .unwrap import unwrap_lines

__all__ = ["make_pipeline", "normalize_text", "clean_paragraphs", "clean_body"]

TextStep = Callable[[str], str]


def make_pipeline(*steps: TextStep) -> TextStep:
    """One function applying ``steps`` left to right."""

    def pipeline(text: str) -> str:
        return reduce(lambda acc, step: step(acc), steps, text)

    return pipeline


#: Character-level normalisation: line endings, NFC, control characters, spaces.
normalize_text: TextStep = make_pipeline(
    normalize_line_endings, normalize_unicode, strip_control_chars, normalize_spaces
)


def clean_paragraphs(lines: list[str], *, seen: tuple[str, ...] = ()) -> list[str]:
    """Body lines (already normalised) to paragraphs: unwrapped, no boilerplate, no repeats."""
    paragraphs = unwrap_lines(strip_trailing_boilerplate(lines))
    paragraphs = strip_boilerplate(paragraphs)
    return remove_repeated(paragraphs, seen=seen)


def clean_body(text: str, *, seen: tuple[str, ...] = ()) -> str:
    """The cleaned body of ``text``: paragraphs separated by ``\\n\\n``."""
    lines = normalize_text(text).split("\n")
    return collapse_blank_lines("\n\n".join(clean_paragraphs(lines, seen=seen)))
