"""The watch loop: poll every source, build what is new, record what changed, hand it over.

One round: poll the sources (conditional requests; a failing source backs off alone), build the
new records into the store (ingest, annotate, fuse), compare the account with the snapshot the
last alerts were computed against, and record the new alerts together with the new snapshot in
one transaction. Only then is each source's poll state saved, and the undelivered alerts are
handed to the sinks. Killed at any point, a restarted watch re-reads what it had not finished
(ingesting is idempotent), so it neither misses an alert nor records one twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx

from ..ingest.web import make_client
from ..pipeline import BuildSummary, build
from ..present.export import account
from ..settings import Settings
from ..store.sqlite import Store
from .alerts import Alert, Track, diff, snapshot
from .deliver import Sink
from .poll import PollResult, failed_poll, poll_source

__all__ = ["RoundResult", "poll_round", "watch", "deliver_pending", "set_baseline"]

log = logging.getLogger("newsfuse")


@dataclass(slots=True)
class RoundResult:
    polls: list[PollResult] = field(default_factory=list)
    summary: BuildSummary | None = None
    alerts: list[Alert] = field(default_factory=list)
    recorded: int = 0  # alerts that were new to the store
    delivered: int = 0


def set_baseline(settings: Settings) -> None:
    """Take the account as it is as the baseline: alerts start from what changes after now."""
    with Store(settings.db) as store:
        store.record_alerts([], snapshot(account(store)))


def deliver_pending(store: Store, sinks: Sequence[Sink]) -> int:
    """Hand every undelivered alert to every sink, in order; returns how many were delivered."""
    n = 0
    for alert in store.alerts(undelivered=True):
        for sink in sinks:
            sink(alert)
        store.mark_delivered(alert["id"])
        n += 1
    return n


def poll_round(sources: Sequence[str], settings: Settings, client: httpx.Client, *, every: float,
               tracks: Sequence[Track] = (), sinks: Sequence[Sink] = (),
               clock: Callable[[], float] = time.time) -> RoundResult:
    """One round of the watch (see the module docstring for the order that makes it restart-safe)."""
    result = RoundResult()
    now = clock()
    with Store(settings.db) as store:
        states = {url: store.watch_state(url) for url in sources}
    for url in sources:
        try:
            result.polls.append(poll_source(url, states[url], client, settings, now=now, every=every))
        except Exception as exc:  # noqa: BLE001 - one bad source never stops the others
            log.debug("polling %s failed", url, exc_info=True)
            result.polls.append(failed_poll(url, states[url], now, every, f"{type(exc).__name__}: {exc}"))
    records = [r for p in result.polls for r in p.records]
    result.summary = build([p.url for p in result.polls if not p.skipped], settings, client=client, records=records)
    with Store(settings.db) as store:
        new = snapshot(account(store))
        result.alerts = diff(store.watch_baseline(), new, tracks)
        result.recorded = store.record_alerts([a.as_dict() for a in result.alerts], new)
        store.save_watch_states([p.state for p in result.polls])
        result.delivered = deliver_pending(store, sinks)
    return result


def watch(sources: Sequence[str], settings: Settings, *, every: float, tracks: Sequence[Track] = (),
          sinks: Sequence[Sink] = (), rounds: int | None = None, client: httpx.Client | None = None,
          sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
          on_round: Callable[[RoundResult], None] | None = None) -> None:
    """Poll ``sources`` every ``every`` seconds (``rounds`` times, or until interrupted)."""
    own = client is None
    client = client or make_client(settings)
    try:
        done = 0
        while rounds is None or done < rounds:
            started = clock()
            result = poll_round(sources, settings, client, every=every, tracks=tracks, sinks=sinks, clock=clock)
            if on_round is not None:
                on_round(result)
            done += 1
            if rounds is not None and done >= rounds:
                break
            sleep(max(0.0, every - (clock() - started)))
    finally:
        if own:
            client.close()
