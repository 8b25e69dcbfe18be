"""Handing alerts over: JSON Lines to a stream or file, a webhook, and an Atom feed.

A sink takes one alert (a dict, as stored); the runner marks an alert delivered once every
sink has taken it, so a restarted watch hands over what it had not.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import IO, Any
from xml.sax.saxutils import escape

import httpx

__all__ = ["JsonLines", "Webhook", "atom_feed", "Sink"]

log = logging.getLogger("newsfuse")

Sink = Callable[[dict[str, Any]], None]


class JsonLines:
    """One JSON object per line, flushed at once (a pipe reader sees each alert as it comes)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __call__(self, alert: dict[str, Any]) -> None:
        self.stream.write(json.dumps(alert, ensure_ascii=False) + "\n")
        self.stream.flush()


class Webhook:
    """POST each alert as JSON; retried with a growing pause, then given up with a warning
    (the alert stays in the store and in the Atom feed)."""

    def __init__(self, url: str, client: httpx.Client, *, retries: int = 3, timeout: float = 10.0,
                 pause: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.url, self.client, self.retries, self.timeout, self.pause, self.sleep = \
            url, client, retries, timeout, pause, sleep

    def __call__(self, alert: dict[str, Any]) -> None:
        for attempt in range(self.retries + 1):
            try:
                response = self.client.post(self.url, json=alert, timeout=self.timeout)
                if response.status_code < 400:
                    return
                why = f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                why = f"{type(exc).__name__}: {exc}"
            if attempt < self.retries:
                self.sleep(self.pause * 2 ** attempt)
        log.warning("the webhook %s did not take alert %s (%s); it stays in the store", self.url, alert["id"], why)


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
