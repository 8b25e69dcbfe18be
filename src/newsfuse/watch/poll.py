"""Polling one watched source: a conditional request, its records, and the state to keep.

A feed or page is asked for with ``If-None-Match`` / ``If-Modified-Since`` from the last answer,
so an unchanged source costs one small request. A failing source backs off (the wait doubles with
each failure in a row, up to ``MAX_BACKOFF``) and never stops the others. A local file or folder
is simply read again: ingesting is idempotent, so nothing already stored is stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

from ..ingest.ids import is_url
from ..ingest.reader import read_inputs
from ..ingest.web import fetch, read_fetched
from ..records import Document, Rejection
from ..settings import Settings

__all__ = ["PollResult", "failed_poll", "poll_source", "MAX_BACKOFF"]

#: the longest a failing source waits between polls, seconds
MAX_BACKOFF = 6 * 3600.0


@dataclass(slots=True)
class PollResult:
    """What one poll of a source got, and the state to save once its records are built."""

    url: str
    records: list[Document | Rejection] = field(default_factory=list)
    status: str = ""
    state: dict[str, Any] = field(default_factory=dict)
    skipped: bool = False  # still backing off: not asked this round
    failed: bool = False


def poll_source(url: str, state: dict[str, Any], client: httpx.Client, settings: Settings, *,
                now: float, every: float) -> PollResult:
    """Poll ``url`` if its backoff allows; ``state`` is its stored state (see ``Store.watch_state``)."""
    state = dict(state)
    if state.get("next_poll", 0.0) > now:
        return PollResult(url, status=state.get("last_status") or "waiting", state=state, skipped=True)
    state["last_polled"] = datetime.fromtimestamp(now, tz=timezone.utc).isoformat(timespec="seconds")
    if not is_url(url):
        if not Path(url).exists():
            return failed_poll(url, state, now, every, f"the path {url} does not exist")
        records = list(read_inputs([url], settings, client))
        state.update(failures=0, next_poll=0.0, last_status=f"read {len(records)} records")
        return PollResult(url, records, state["last_status"], state)
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    fetched = fetch(url, client, settings, headers=headers)
    if isinstance(fetched, Rejection):
        return failed_poll(url, state, now, every, fetched.reason)
    if fetched.status == 304:
        state.update(failures=0, next_poll=0.0, last_status="304 not modified")
        return PollResult(url, [], state["last_status"], state)
    records = list(read_fetched(url, fetched, client, settings))
    state.update(etag=fetched.etag, last_modified=fetched.last_modified, failures=0, next_poll=0.0,
                 last_status=f"{fetched.status}, {len(records)} records")
    return PollResult(url, records, state["last_status"], state)


def failed_poll(url: str, state: dict[str, Any], now: float, every: float, why: str) -> PollResult:
    """The result of a failed poll: the source backs off (the wait doubles with each failure in a row)."""
    failures = int(state.get("failures") or 0) + 1
    wait = min(every * 2 ** min(failures, 20), MAX_BACKOFF)
    state.update(failures=failures, next_poll=now + wait, last_status=f"failed ({failures} in a row): {why}")
    return PollResult(url, [], state["last_status"], state, failed=True)
