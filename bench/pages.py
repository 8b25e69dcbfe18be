"""Page times of the web app (`newsfuse serve`) on a 10,000-article database.

    python bench/pages.py [--articles 10000] [--runs 5] [--db /tmp/newsfuse-pages.db] [--keep]

Building 10,000 real articles takes hours on a small machine, so the database is SYNTHETIC: the five
seed reports (examples/seeds) are built for real once, then their stored articles and fused records
are written again through the store API (`Store.add_document`, `set_published`, `replace_fused`) as
2,000 copies with fresh ids, outlets (40 names) and dates shifted day by day. One story gathers 100
copies (500 articles, ~2,900 events, ~7,000 quotes: the worst story page); the other copies are a
story each. The pages are then fetched over loopback from the real server (`web.make_server`), each
once cold and ``--runs`` times warm; the script prints per-page times (median and max of the warm
runs) and appends them to bench/results/pages.jsonl.
"""

import sys

if sys.path and sys.path[0].rstrip("/").endswith("bench"):
    sys.path.append(sys.path.pop(0))

import argparse  # noqa: E402
import statistics  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import benchlib  # noqa: E402
import httpx  # noqa: E402

from newsfuse.present.export import account  # noqa: E402
from newsfuse.records import Document, PublishedDate  # noqa: E402
from newsfuse.store.sqlite import Store  # noqa: E402

OUTLETS = [f"Outlet {c}{n}" for c in "ABCDEFGH" for n in range(1, 6)]
BIG_STORY_COPIES = 100


def _shift(d: str | None, days: int) -> str | None:
    if not d or len(d) != 10:
        return d
    return (date.fromisoformat(d) + timedelta(days=days)).isoformat()


def _rename(obj: Any, ids: dict[str, str], suffix: str, days: int) -> Any:
    """A fused record with every article id mapped, every own id suffixed and every date shifted."""
    if isinstance(obj, list):
        return [_rename(x, ids, suffix, days) for x in obj]
    if not isinstance(obj, dict):
        return ids.get(obj, obj) if isinstance(obj, str) else obj
    out = {}
    for k, v in obj.items():
        if k in ("id", "speaker") and isinstance(v, str):
            out[k] = v + suffix
        elif k in ("date", "date_end", "as_of", "first_date", "last_date") and isinstance(v, str):
            out[k] = _shift(v, days)
        elif k == "figures" and isinstance(v, list):
            out[k] = [f + suffix for f in v]
        else:
            out[k] = _rename(v, ids, suffix, days)
    return out


def make_store(seed_db: Path, db: Path, n_articles: int) -> dict[str, Any]:
    with Store(seed_db, must_exist=True) as seed:
        acc = account(seed)
        seeds = seed.articles()
    per_copy = len(seeds)
    copies = n_articles // per_copy
    fused: dict[str, list[tuple[str, dict[str, Any]]]] = {k: [] for k in
                                                          ("copy", "story", "entity", "quote", "figure", "figure_group", "event")}
    keys = {"copies": "copy", "entities": "entity", "quotes": "quote", "figures": "figure",
            "figure_groups": "figure_group", "events": "event"}
    big: dict[str, Any] | None = None
    with Store(db) as store:
        store.db.execute("PRAGMA synchronous = OFF")  # a throw-away benchmark database
        for k in range(copies):
            suffix, days = f"-c{k}", k % 365
            ids = {a.id: f"{a.id}-c{k}" for a in seeds}
            for i, a in enumerate(seeds):
                outlet = OUTLETS[(k * per_copy + i) % len(OUTLETS)]
                doc = Document(id=ids[a.id], source=f"synthetic/{ids[a.id]}.txt", format="text",
                               raw=f"{ids[a.id]}\n{a.text}".encode(), text=a.text, title=a.title, outlet=outlet,
                               dateline=a.dateline, url=f"https://example.org/{ids[a.id]}", language=a.language)
                store.add_document(doc)
                store.set_published(ids[a.id], PublishedDate(_shift(a.published, days), a.published_confidence,
                                                             a.published_evidence))
            for key, kind in keys.items():
                for rec in acc[key]:
                    r = _rename(rec, ids, suffix, days)
                    fused[kind].append((r.get("id") or f"{r['a']}|{r['b']}", r))
            for s in acc["stories"]:
                r = _rename(s, ids, suffix, days)
                if k < BIG_STORY_COPIES:  # one story of many copies: the heaviest story page
                    if big is None:
                        big = {**r, "id": "s-big", "title": f"{r['title']} (500 reports)", "articles": []}
                        fused["story"].append(("s-big", big))
                    big["articles"] += r["articles"]
                    big["last_date"] = r["last_date"]
                else:
                    fused["story"].append((r["id"], r))
        store.replace_fused(fused)
        run = store.start_run(["synthetic"])
        store.finish_run(run, {"synthetic": True})
        return {"articles": store.count_articles(), **{k: len(v) for k, v in fused.items()}}


def timed(client: httpx.Client, url: str, runs: int) -> dict[str, Any]:
    t = time.perf_counter()
    r = client.get(url)
    cold = time.perf_counter() - t
    assert r.status_code == 200, (url, r.status_code, r.text[:200])
    warm = []
    for _ in range(runs):
        t = time.perf_counter()
        client.get(url)
        warm.append(time.perf_counter() - t)
    return {"cold_ms": round(cold * 1000, 1), "median_ms": round(statistics.median(warm) * 1000, 1),
            "max_ms": round(max(warm) * 1000, 1), "kb": round(len(r.content) / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", default="/tmp/newsfuse-pages.db")
    ap.add_argument("--keep", action="store_true", help="reuse --db when it exists")
    args = ap.parse_args()

    from newsfuse.pipeline import build
    from newsfuse.settings import Settings
    from newsfuse.web import WebApp, make_server

    db = Path(args.db)
    if not (args.keep and db.exists()):
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            p.unlink(missing_ok=True)
        seed_db = db.with_name(db.stem + "-seeds.db")
        seed_db.unlink(missing_ok=True)
        build([str(benchlib.ROOT / "examples" / "seeds")], Settings(db=str(seed_db)))
        t = time.perf_counter()
        sizes = make_store(seed_db, db, args.articles)
        print(f"synthetic store: {sizes} in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    app = WebApp(db)
    load_s = time.perf_counter() - t
    ix = app.index
    import resource

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"index: {len(ix.articles)} articles, {len(ix.stories)} stories, {len(ix.items['event'])} events, "
          f"{len(ix.items['quote'])} quotes, {len(ix.items['figure'])} figure groups, {len(ix.entities)} entities; "
          f"loaded in {load_s:.1f} s (at start, and in the background after a build); peak RSS {rss_mb:.0f} MB")
    small = next(s for s in ix.story_list if s["id"] != "s-big")["id"]
    article = ix.stories["s-big"]["articles"][-1]
    q = next(iter(ix.items["quote"].values()))
    m = q["mentions"][0]
    entity = q.get("speaker") or next(iter(ix.entities))
    pages = {
        "stories": "/", "stories page 20": "/?page=20",
        "story (500 articles)": "/story/s-big", "story (5 articles)": f"/story/{small}",
        "article with evidence": f"/article/{m['article']}?hl={m['start']}-{m['end']}",
        "article (500-article story)": f"/article/{article}",
        "entity": f"/entity/{entity}",
        "search q=attack": "/search?q=attack",
        "search place=Iraq kind=event": "/search?place=Iraq&kind=event",
        "search speaker+dates": "/search?speaker=Albares&since=2024-03-01&until=2024-06-30",
        "search outlet+words+page 3": "/search?outlet=Outlet+C2&q=troops&page=3",
        "api stories": "/api/stories", "api story (500 articles)": "/api/stories/s-big",
        "api search": "/api/search?q=attack&kind=event",
    }
    httpd = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    results = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, url in pages.items():
            results[name] = timed(client, url, args.runs)
            r = results[name]
            print(f"{name:32s} median {r['median_ms']:7.1f} ms  max {r['max_ms']:7.1f} ms  cold {r['cold_ms']:7.1f} ms  {r['kb']:7.1f} KB")
    httpd.shutdown()
    worst = max(r["max_ms"] for r in results.values())
    print(f"slowest page (max of warm runs): {worst:.1f} ms; under 200 ms: {worst < 200}")
    path = benchlib.record_result("pages", {
        "command": "python bench/pages.py" + (f" --articles {args.articles}" if args.articles != 10_000 else ""),
        "synthetic": True, "articles": len(ix.articles), "stories": len(ix.stories), "index_load_s": round(load_s, 2), "peak_rss_mb": round(rss_mb),
        "runs": args.runs, "slowest_max_ms": worst, "pages": results})
    print(f"appended to {path}")


if __name__ == "__main__":
    main()
