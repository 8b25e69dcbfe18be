"""Cleaning: small pure functions of text to text, composed into pipelines."""

from __future__ import annotations

from .boilerplate import is_boilerplate_line, paragraph_key, remove_repeated, strip_boilerplate
from .language import detect_language
from .normalize import (
    collapse_blank_lines,
    normalize_line_endings,
    normalize_spaces,
    normalize_unicode,
    strip_control_chars,
)
from .pipeline import clean_body, clean_paragraphs, make_pipeline, normalize_text
from .unwrap import ends_sentence, unwrap_block, unwrap_lines, unwrap_text

__all__ = [
    "clean_body",
    "clean_paragraphs",
    "collapse_blank_lines",
    "detect_language",
    "ends_sentence",
    "is_boilerplate_line",
    "make_pipeline",
    "normalize_line_endings",
    "normalize_spaces",
    "normalize_text",
    "normalize_unicode",
    "paragraph_key",
    "remove_repeated",
    "strip_boilerplate",
    "strip_control_chars",
    "unwrap_block",
    "unwrap_lines",
    "unwrap_text",
]
