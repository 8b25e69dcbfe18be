"""Handing alerts over: JSON Lines to a stream or file, and a webhook (the Atom feed is
:func:`newsfuse.present.alerts.atom_feed`, served by ``newsfuse serve``).

A sink takes one alert (a dict, as stored); the runner marks an alert delivered once every
sink has taken it, so a restarted watch hands over what it had not.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import IO, Any

import httpx

__all__ = ["JsonLines", "Webhook", "Sink"]

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
