"""newsfuse watch: conditional polling, alerts on what changed, restart safety, delivery.

A local HTTP server (tests/feedserver.py) releases feed items poll by poll; the articles are
short made-up wire stories about one drone attack whose toll is revised by a second outlet.
"""

from __future__ import annotations

import json
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

import newsfuse.watch.runner as runner
from newsfuse.ingest.text import parse_text
from newsfuse.ingest.web import make_client
from newsfuse.settings import load_settings
from newsfuse.store.sqlite import Store
from newsfuse.watch import (JsonLines, Webhook, atom_feed, diff, parse_track, poll_round, set_baseline,
                            watch)

from feedserver import FeedServer

BG1 = (" The base, in Anbar province, hosts troops of the US-led coalition that fights the Islamic State group. "
       "Groups backed by Iran have attacked bases hosting US troops in Iraq and Syria many times since October.")
BG2 = (" Washington keeps about 2,500 troops in Iraq and 900 in neighbouring Syria under an agreement with Baghdad, "
       "and has struck back at the groups it blames several times this year.")
A1 = ("BAGHDAD - A drone attack on the Ain al-Asad air base in western Iraq killed two American soldiers on Friday, "
      "US officials said. The Islamic Resistance in Iraq claimed the attack in a statement on Telegram. "
      "Defence Secretary Lloyd Austin said: \"We will respond at a time and place of our choosing.\"" + BG1)
A2 = ("WASHINGTON - Five American soldiers were killed in Friday's drone attack on the Ain al-Asad air base in Iraq, "
      "the Pentagon said on Saturday. Defence Secretary Lloyd Austin said: \"We will respond at a time and "
      "place of our choosing.\" The base hosts about 2,500 US troops." + BG2)
ITEMS = [
    {"title": "Drone attack kills two US soldiers in Iraq", "link": "https://wire.example/1", "date": "2024-03-01",
     "text": A1},
    {"title": "Pentagon: five soldiers killed in Iraq drone attack", "link": "https://other.example/2",
     "date": "2024-03-02", "text": A2},
]


@pytest.fixture()
def settings(tmp_path):
    return load_settings(db=str(tmp_path / "watch.db"))


def _round(server, settings, client, n, **kw):
    return poll_round([server.url], settings, client, every=60, clock=lambda: 1e9 + n * 100, **kw)


def _kinds(result):
    return [(a.kind, a.changes[0]["field"]) for a in result.alerts]


# --------------------------------------------------------------------------- alerts from a changing feed

def test_feed_changes_between_polls_give_exact_alerts(settings):
    austin = [parse_track("speaker:Austin")]
    with FeedServer(ITEMS) as server, make_client(settings) as client:
        server.release(1)
        first = _round(server, settings, client, 1, tracks=austin)
        # one attack: "claimed the attack" is the drone attack again (event coreference links the two)
        assert _kinds(first) == [("event.new", "event"), ("quote.new", "quote")]
        attack = [a for a in first.alerts if "Ain al-Asad" in a.title][0]
        assert attack.evidence and attack.evidence[0]["article"] == first.summary.added[0]

        same = _round(server, settings, client, 2, tracks=austin)  # nothing new: a conditional request
        assert server.requests[-1][1] is not None and same.polls[0].status == "304 not modified"
        assert same.alerts == [] and same.summary.added == []

        server.release(2)  # a second outlet revises the toll
        third = _round(server, settings, client, 3, tracks=austin)
        by_kind = {}
        for a in third.alerts:
            by_kind.setdefault(a.kind, []).append(a)
        update = [a for a in by_kind["event.updated"] if "Ain al-Asad" in a.title][0]
        fields = {c["field"]: c for c in update.changes}
        assert fields["sources"]["from"] == 1 and fields["sources"]["to"] == 2
        assert (fields["killed"]["from"], fields["killed"]["to"]) == (2, 5)
        assert fields["disagreement"]["on"] == "killed"
        assert [a.changes[0]["to"] for a in by_kind["figure.conflict"]] == ["conflict"]
        corroborated = sorted(a.title for a in by_kind["claim.corroborated"])
        assert len(corroborated) == 2 and "Lloyd Austin" in corroborated[0] + corroborated[1]
        assert "quote.new" not in by_kind  # the same statement again is not a new quote

    with Store(settings.db) as store:
        stored = store.alerts()
    assert [a["id"] for a in stored] == [a.id for r in (first, third) for a in r.alerts]


def test_untracked_speakers_give_no_quote_alerts(settings):
    with FeedServer(ITEMS) as server, make_client(settings) as client:
        server.release(1)
        result = _round(server, settings, client, 1, tracks=[parse_track("speaker:Albares")])
    assert "quote.new" not in {a.kind for a in result.alerts}


# --------------------------------------------------------------------------- restart safety

class Killed(BaseException):
    """Stands for the process being killed (not an Exception: nothing may catch it)."""


def test_killed_during_build_neither_misses_nor_repeats(settings, monkeypatch, tmp_path):
    reference = load_settings(db=str(tmp_path / "ref.db"))
    with FeedServer(ITEMS) as server, make_client(settings) as client:
        server.release(1)
        expected = _round(server, reference, client, 1).alerts
        real = runner.build

        def dies(*args, **kw):
            real(*args, **kw)  # the articles are stored...
            raise Killed  # ...and the process dies before alerts are recorded

        monkeypatch.setattr(runner, "build", dies)
        with pytest.raises(Killed):
            _round(server, settings, client, 1)
        monkeypatch.setattr(runner, "build", real)
        after = _round(server, settings, client, 2)  # the state was not saved: the feed is read again
        assert after.polls[0].status.startswith("200")
        assert [a.id for a in after.alerts] == [a.id for a in expected]
        again = _round(server, settings, client, 3)
        assert again.alerts == []
    with Store(settings.db) as store:
        assert len(store.alerts()) == len(expected)


def test_killed_before_delivery_delivers_on_restart(settings):
    seen: list[str] = []

    def dying_sink(alert):
        raise Killed

    with FeedServer(ITEMS) as server, make_client(settings) as client:
        server.release(1)
        with pytest.raises(Killed):
            _round(server, settings, client, 1, sinks=[dying_sink])
        result = _round(server, settings, client, 2, sinks=[lambda a: seen.append(a["id"])])
        assert result.alerts == [] and result.delivered == len(seen) > 0
        _round(server, settings, client, 3, sinks=[lambda a: seen.append(a["id"])])
    assert len(seen) == len(set(seen))  # each once


def test_since_now_starts_from_the_present(settings):
    with FeedServer(ITEMS) as server, make_client(settings) as client:
        server.release(1)
        _round(server, settings, client, 1)
        with Store(settings.db) as store:
            store.db.execute("DELETE FROM alerts")
            store.db.commit()
        set_baseline(settings)
        assert _round(server, settings, client, 2).alerts == []


# --------------------------------------------------------------------------- failing sources

def test_a_failing_source_backs_off_and_never_stops_the_others(settings, tmp_path):
    with FeedServer(ITEMS) as good, FeedServer(ITEMS) as bad, make_client(settings) as client:
        good.release(1)
        bad.fail = True
        result = poll_round([bad.url, good.url], settings, client, every=60, clock=lambda: 1e9)
        assert result.polls[0].failed and not result.polls[1].failed
        assert result.summary.added  # the good feed was built
        with Store(settings.db) as store:
            state = store.watch_state(bad.url)
        assert state["failures"] == 1 and state["next_poll"] == 1e9 + 120
        waiting = poll_round([bad.url, good.url], settings, client, every=60, clock=lambda: 1e9 + 60)
        assert waiting.polls[0].skipped and len([r for r in bad.requests]) == 1  # not asked while backing off
        bad.fail = False
        later = poll_round([bad.url], settings, client, every=60, clock=lambda: 1e9 + 121)
        assert not later.polls[0].failed


# --------------------------------------------------------------------------- delivery

def test_json_lines_and_webhook_with_retries(settings, tmp_path):
    posted: list[dict] = []
    answers = iter([500, 200] + [200] * 50)

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            code = next(answers)
            if code == 200:
                posted.append(json.loads(body))
            self.send_response(code)
            self.end_headers()

        def log_message(self, *args):
            return None

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    out = tmp_path / "alerts.jsonl"
    try:
        with FeedServer(ITEMS) as server, make_client(settings) as client, open(out, "w") as stream:
            server.release(1)
            sinks = [JsonLines(stream), Webhook(f"http://127.0.0.1:{hook.server_address[1]}/", client,
                                                sleep=lambda s: None)]
            watch([server.url], settings, every=0, sinks=sinks, rounds=2, client=client, sleep=lambda s: None)
    finally:
        hook.shutdown()
        hook.server_close()
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and [a["id"] for a in posted] == [a["id"] for a in lines]  # the 500 was retried


def test_atom_feed_is_valid_and_escaped():
    alerts = [{"id": "al-1", "kind": "event.new", "title": "New event: <script>x</script> & co",
               "created_at": "2024-03-01T10:00:00+00:00", "changes": [{"field": "event", "from": None, "to": "x"}],
               "evidence": [{"article": "a", "start": 0, "end": 5, "text": "<b>"}]}]
    root = ET.fromstring(atom_feed(alerts, feed_url="http://127.0.0.1/alerts.atom"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1 and entries[0].find("a:title", ns).text == "New event: <script>x</script> & co"


# --------------------------------------------------------------------------- the diff itself

def _snap(events=(), groups=(), quotes=(), stories=()):
    return {"events": list(events), "figure_groups": list(groups), "quotes": list(quotes), "stories": list(stories)}


def _event(keys, articles, sources=1, killed=None, summary="attack (Erbil)"):
    return {"id": "ev", "summary": summary, "type": "attack.attack", "date": None, "date_end": None,
            "killed": killed, "injured": None, "sources": sources, "articles": articles, "keys": keys,
            "disagreements": [], "evidence": []}


def test_story_merge_and_split_are_told():
    old = _snap(stories=[{"id": "s1", "title": "A", "articles": ["a"]}, {"id": "s2", "title": "B", "articles": ["b"]}])
    new = _snap(stories=[{"id": "s1", "title": "A", "articles": ["a", "b"]}])
    assert [a.kind for a in diff(old, new)] == ["story.merged"]
    assert [a.kind for a in diff(new, old)] == ["story.split"]


def test_alert_ids_are_stable_and_an_event_is_matched_by_its_mentions():
    old = _snap(events=[_event(["a:1:attack"], ["a"])])
    new = _snap(events=[_event(["a:1:attack", "b:9:attack"], ["a", "b"], sources=2, killed=3)])
    first, second = diff(old, new), diff(old, new)
    assert [a.id for a in first] == [a.id for a in second]
    assert [a.kind for a in first] == ["event.updated", "claim.corroborated"]
    assert diff(new, new) == []
    twins = _snap(events=[{**_event(["a:1:attack"], ["a"]), "evidence": [{"article": "a", "start": 1, "end": 9}]},
                          {**_event(["b:5:attack"], ["b"]), "evidence": [{"article": "b", "start": 5, "end": 9}]}])
    told = diff(_snap(), twins)
    assert len({a.id for a in told}) == 2  # two events in the same words are two alerts


def test_tracks_are_checked():
    assert parse_track("figure:attacks").kind == "figure"
    with pytest.raises(ValueError, match="speaker:NAME"):
        parse_track("nonsense")
    old = _snap()
    new = _snap(events=[_event(["a:1:attack"], ["a"])])
    assert diff(old, new, [parse_track("event:protest")]) == []
    assert len(diff(old, new, [parse_track("event:attack")])) == 1


# --------------------------------------------------------------------------- the seeds as a feed

SEED_DATES = {"003": "2023-12-28", "000": "2024-01-25", "001": "2024-01-25", "002": "2024-01-25", "004": "2024-01-29"}
SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def _seed_items():
    items = []
    for key in SEED_DATES:  # in their true date order
        f = next(SEEDS.glob(f"{key}_*.txt"))
        parsed = parse_text(f.read_text(encoding="utf-8"))
        items.append({"title": parsed.title or f.stem, "link": f"https://news.example/{f.stem}",
                      "date": SEED_DATES[key], "text": parsed.text})
    return items


@pytest.fixture(scope="module")
def seed_replay(tmp_path_factory):
    """The seeds released one poll at a time, in date order: the alerts of each poll."""
    settings = load_settings(db=str(tmp_path_factory.mktemp("replay") / "replay.db"))
    polls = []
    with FeedServer(_seed_items()) as server, make_client(settings) as client:
        for n in range(1, 6):
            server.release(n)
            polls.append(_round(server, settings, client, n).alerts)
    return polls


def _first(polls, test):
    """(poll, alert) of the first alert passing ``test``, and how many alerts pass it in all."""
    found = [(n, a) for n, alerts in enumerate(polls, 1) for a in alerts if test(a)]
    return (found[0] if found else (None, None)), len(found)


@pytest.mark.slow
def test_seed_replay_tells_the_story_in_order(seed_replay):
    (p_meeting, _), n = _first(seed_replay, lambda a: a.kind == "event.new" and "Sanchez" in a.title
                               and "meeting" in a.title)
    assert p_meeting == 1 and n == 1
    (p_visit, _), n = _first(seed_replay, lambda a: a.kind == "event.new" and "visit" in a.title)
    assert p_visit == 2 and n == 1
    # the visit's second and third reports are new sources of the same event, not new events
    updates = [n for n, alerts in enumerate(seed_replay, 1) for a in alerts
               if a.kind == "event.updated" and ("visit" in a.title or "presser" in a.title)]
    assert updates == [3, 4]
    (p_tally, tally), n = _first(seed_replay, lambda a: a.kind == "figure.updated" and "attacks" in a.title)
    assert p_tally == 2 and n == 1
    assert tally.changes[0]["from"] == "103" and tally.changes[0]["to"] == "more than 150"
    (p_tower, _), n = _first(seed_replay, lambda a: a.kind == "event.new" and "Tower 22" in a.title)
    assert p_tower == 5 and n == 1
    (p_condemn, _), n = _first(seed_replay, lambda a: a.kind == "event.new" and "condemned" in a.title
                               and "Jordan" in a.title)
    assert p_condemn == 5 and n == 1


@pytest.mark.slow
def test_seed_replay_tells_the_talks_announcement(seed_replay):
    """002 (25 January) announces talks on the coalition: a new event at poll 4, not an update of
    003's December agreement between Iraq and Spain (which is new at poll 1)."""
    def about_talks(a):
        return any(w in a.title for w in ("talks", "discussions", "agreed"))

    new_at = [n for n, alerts in enumerate(seed_replay, 1) for a in alerts if a.kind == "event.new" and about_talks(a)]
    assert len({a.id for alerts in seed_replay for a in alerts}) == sum(map(len, seed_replay))  # none collapses
    assert 4 in new_at
    assert not [a for a in seed_replay[3] if a.kind == "event.updated" and about_talks(a)]


def test_serve_gives_the_alerts_as_atom_and_json(settings):
    from io import BytesIO
    from wsgiref.util import setup_testing_defaults

    from newsfuse.web import WebApp

    with FeedServer(ITEMS) as server, make_client(settings) as client:
        server.release(1)
        recorded = _round(server, settings, client, 1).alerts
    app = WebApp(settings.db)

    def get(path, query=""):
        env = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": "GET", "wsgi.input": BytesIO()}
        setup_testing_defaults(env)
        env["HTTP_HOST"] = "127.0.0.1:8765"
        seen = {}
        body = b"".join(app(env, lambda status, headers: seen.update(status=status, headers=dict(headers))))
        return seen["status"], seen["headers"]["Content-Type"], body

    status, ctype, body = get("/alerts.atom")
    assert status.startswith("200") and ctype.startswith("application/atom+xml")
    entries = ET.fromstring(body).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(recorded)
    status, _, body = get("/api/alerts", "since=2000-01-01")
    assert [a["id"] for a in json.loads(body)] == [a.id for a in recorded]
    assert get("/api/alerts", "since=nonsense")[0].startswith("400")
