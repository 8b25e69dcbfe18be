"""Drop lines that are not part of the report: share buttons, comment prompts, repeats."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "is_boilerplate_line",
    "strip_boilerplate",
    "strip_trailing_boilerplate",
    "remove_repeated",
    "paragraph_key",
]

_BOILERPLATE = re.compile(
    r"""^(?:
        -{2,}|_{3,}|\*{3,}|={3,}|•|·
      | leave\ a\ (?:comment|reply)|(?:\d+\ )?comments?|add\ (?:a\ )?comment|post\ a\ comment
      | share(?:\ (?:this|on\ \w+|via\ \w+|article|story))?:?|shares?|tweet|email|print|whatsapp
      | facebook|twitter|x|linkedin|telegram|reddit|pinterest|copy\ link
      | click\ to\ (?:share|print|email)\b.*|follow\ us(?:\ on\ .*)?
      | (?:read|see)\ (?:more|also)\b.*|related(?:\ (?:articles|stories|posts|news))?:?|advertisement
      | subscribe(?:\ to\ .*)?|sign\ up\b.*|newsletter|like\ this:?|loading\.*|tags?:.*
      | (?:all\ rights\ reserved|copyright\b|©).{0,100}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_boilerplate_line(line: str) -> bool:
    """True for a line that is a share button, a comment prompt, a rule or similar."""
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= 120 and bool(_BOILERPLATE.match(stripped))


def strip_trailing_boilerplate(lines: list[str]) -> list[str]:
    """``lines`` without the boilerplate (and blank) lines at the end."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or is_boilerplate_line(lines[end - 1])):
        end -= 1
    return lines[:end]


def strip_boilerplate(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs without boilerplate lines anywhere."""
    return [p for p in paragraphs if not is_boilerplate_line(p)]


def paragraph_key(text: str) -> str:
    """Comparison key: case-folded, whitespace-collapsed, outer punctuation and spaces ignored."""
    return " ".join(text.casefold().split()).strip(" .")


def remove_repeated(paragraphs: Iterable[str], *, seen: Iterable[str] = (), min_chars: int = 20) -> list[str]:
    """Paragraphs without exact repeats of an earlier one (or of a ``seen`` line such as the title).

    Short paragraphs (under ``min_chars``) may legitimately repeat and are kept.
    """
    known = {paragraph_key(s) for s in seen if s}
    out: list[str] = []
    for paragraph in paragraphs:
        key = paragraph_key(paragraph)
        if len(key) >= min_chars and key in known:
            continue
        known.add(key)
        out.append(paragraph)
    return out
