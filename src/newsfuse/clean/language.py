"""Language identification with py3langid (ISO 639-1 codes)."""

from __future__ import annotations

__all__ = ["detect_language"]

#: Enough text for a stable guess; longer texts only cost time.
SAMPLE_CHARS = 3000


def detect_language(text: str, *, min_chars: int = 20) -> str | None:
    """ISO 639-1 code of ``text`` (e.g. ``"en"``), or None when there is too little text."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < min_chars:
        return None
    import py3langid  # imported on use: its model loads lazily, never at import of newsfuse

    code, _score = py3langid.classify(sample)
    return str(code) if code else None
