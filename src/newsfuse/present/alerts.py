"""Alerts as an Atom feed: any feed reader can follow what changed in the account."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any
from xml.sax.saxutils import escape

__all__ = ["atom_feed"]


def atom_feed(alerts: Sequence[dict[str, Any]], *, feed_url: str, title: str = "newsfuse alerts") -> str:
    """An Atom feed of alerts, newest first: any feed reader can follow what changed in the account."""
    updated = max((a.get("created_at") or "" for a in alerts), default="") or \
        datetime.now(timezone.utc).isoformat(timespec="seconds")
    entries = []
    for a in sorted(alerts, key=lambda a: a.get("created_at") or "", reverse=True):
        lines = [f"{c.get('field')}: {c.get('from')} → {c.get('to')}" for c in a.get("changes", [])]
        lines += [f"[{e['article']} {e['start']}-{e['end']}] {e.get('text', '')}" for e in a.get("evidence", [])[:5]]
        entries.append(
            "<entry>"
            f"<id>urn:newsfuse:alert:{escape(a['id'])}</id>"
            f"<title>{escape(a['title'])}</title>"
            f"<updated>{escape(a.get('created_at') or updated)}</updated>"
            f"<category term=\"{escape(a['kind'])}\"/>"
            f"<content type=\"text\">{escape(chr(10).join(lines))}</content>"
            "</entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>{escape(feed_url)}</id><title>{escape(title)}</title><updated>{escape(updated)}</updated>"
            f"<link rel=\"self\" href=\"{escape(feed_url)}\"/>" + "".join(entries) + "</feed>\n")
