"""The command line: parse arguments, call the library, turn its errors into clear messages."""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import NewsfuseError
from .present.query import event_when, find_events, find_figure_groups, find_quotes, quoted
from .settings import load_settings

console = Console(stderr=True)
out = Console()

_DB_HELP = ("SQLite database file (default: newsfuse.db in the current folder), or a PostgreSQL database: "
            "postgresql://USER@HOST[:PORT]/DB (needs newsfuse[postgres]).")


def _db_name(db: str) -> str:
    """The database as the console names it: a file's name, or a PostgreSQL URL without its password."""
    from .store.dialect import backend_of
    from .store.sqlite import display_name

    return display_name(db) if backend_of(db) == "postgresql" else Path(db).name


def _settings(ctx: click.Context, **overrides):
    return load_settings(ctx.obj.get("config"), **overrides)


def _fail(exc: NewsfuseError) -> None:
    console.print(f"[red]error[/red] {exc.message}")
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsfuse")
@click.option("--config", type=click.Path(dir_okay=False), default=None,
              help="Settings file (default: newsfuse.toml in the current folder, if present).")
@click.option("--debug", is_flag=True,
              help="Log what newsfuse does, with the traceback of every rejected input, to standard error.")
@click.pass_context
def cli(ctx: click.Context, config: str | None, debug: bool) -> None:
    """newsfuse: overlapping news reports in, one source-attributed account out.

    \b
    Typical use:
      newsfuse build reports/            # ingest, annotate, fuse into newsfuse.db
      newsfuse report --out story.html   # a self-contained HTML report
      newsfuse export --format json      # the account as JSON (also csv, geojson)
      newsfuse quotes --speaker Albares  # search the fused quotes
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    if debug:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger = logging.getLogger("newsfuse")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--batch-size", type=int, default=None, help="Articles per spaCy batch (default 16).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option("--scheduler", default=None, metavar="local|dask|tcp://HOST:8786",
              help="Where to parse and extract: here (local, the default), on a local Dask cluster (dask), or on "
                   "a running Dask scheduler (its address). Needs `pip install 'newsfuse[dask]'`.")
@click.option("--workers", type=int, default=None, help="Worker processes of a local Dask cluster (default: one per core).")
@click.option("--processes", type=click.IntRange(min=0), default=None,
              help="Parse processes here (default 0: one per core, at most 4, when at least 64 articles wait).")
@click.pass_context
def build(ctx: click.Context, paths: tuple[str, ...], db: str | None, batch_size: int | None, quiet: bool,
          scheduler: str | None, workers: int | None, processes: int | None) -> None:
    """Ingest PATHS (files, folders, URLs of pages or feeds), annotate what is new, and fuse.

    Re-running is safe: articles already stored are skipped, an interrupted build
    resumes, and new articles update the account without redoing the rest. Exits
    with status 1 if any input was rejected (the rest is still built).
    """
    from .pipeline import build as run_build

    try:
        settings = _settings(ctx, db=db, batch_size=batch_size, scheduler=scheduler, dask_workers=workers,
                             n_process=processes)
        if quiet or not console.is_terminal:
            def waiting(stage: str, done: int, total: int | None, detail: str) -> None:
                if stage == "wait":
                    console.print(f"[yellow]{detail}[/yellow]")

            summary = run_build(paths, settings, progress=waiting)
        else:
            with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                          MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.fields[detail]}"),
                          console=console, transient=True) as bar:
                tasks: dict[str, int] = {}

                def progress(stage: str, done: int, total: int | None, detail: str) -> None:
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(stage, total=total, detail="")
                    bar.update(tasks[stage], completed=done, total=total, detail=detail[:40])

                summary = run_build(paths, settings, progress=progress)
    except NewsfuseError as exc:
        _fail(exc)
        return
    console.print(
        f"[green]built[/green] {summary.db}: {summary.articles} articles "
        f"({len(summary.added)} new, {len(summary.already_stored)} already stored), "
        f"{summary.stories} stories, {summary.quotes} quotes, {summary.figure_groups} figure groups, "
        f"{summary.events} events"
    )
    if summary.rejected:
        table = Table(title=f"{len(summary.rejected)} input(s) rejected", show_lines=False)
        table.add_column("source", overflow="fold")
        table.add_column("code")
        table.add_column("reason", overflow="fold")
        for r in summary.rejected:
            table.add_row(r.source, r.code, r.reason)
        console.print(table)
        sys.exit(1)


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.pass_context
def refuse(ctx: click.Context, db: str | None) -> None:
    """Fuse the whole account again from the stored mentions (no parsing).

    Builds fuse incrementally (only what new articles touch); this recomputes every
    block, and gives the same account.
    """
    from .pipeline import refuse_db

    try:
        summary = refuse_db(_settings(ctx, db=db))
    except NewsfuseError as exc:
        _fail(exc)
        return
    console.print(
        f"[green]fused[/green] {summary.db}: {summary.articles} articles in {summary.fused_blocks} blocks, "
        f"{summary.stories} stories, {summary.quotes} quotes, {summary.figure_groups} figure groups, "
        f"{summary.events} events ({summary.seconds.get('fuse', 0):.1f} s)"
    )


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "geojson"]), default="json", show_default=True,
              help="json follows export.schema.json; csv writes one file per record kind into a folder.")
@click.option("--out", default=None, help="Output file (a folder for csv). Default: newsfuse.json / newsfuse-csv/ / "
              "newsfuse.geojson; '-' writes JSON to standard output.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, out: str | None) -> None:
    """Export the fused account."""
    from .present.export import account, geojson
    from .present.export import export as run_export
    from .store.sqlite import Store

    if out == "-" and fmt == "csv":
        raise click.BadParameter("csv writes one file per record kind into a folder; give a folder, not '-'",
                                 param_hint="--out")
    try:
        settings = _settings(ctx, db=db)
        with Store(settings.db, must_exist=True) as store:
            if out == "-":
                acc = account(store)
                click.echo(json.dumps(geojson(acc) if fmt == "geojson" else acc, ensure_ascii=False, indent=1))
                return
            paths = run_export(store, fmt, out)
    except NewsfuseError as exc:
        _fail(exc)
        return
    for p in paths:
        console.print(f"wrote {p}")


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--out", default="newsfuse-report.html", show_default=True, help="The HTML file to write.")
@click.pass_context
def report(ctx: click.Context, db: str | None, out: str) -> None:
    """Write a self-contained HTML report: stories, timeline, events, quotes, figures, copies."""
    from .present.report import write_report
    from .store.sqlite import Store

    try:
        settings = _settings(ctx, db=db)
        with Store(settings.db, must_exist=True) as store:
            path = write_report(store, Path(out))
    except NewsfuseError as exc:
        _fail(exc)
        return
    console.print(f"wrote report {path.resolve()}")
    click.echo(str(path.resolve()))


def _listing(rows: list[dict], as_json: bool, columns: tuple[str, ...], cells, noun: str) -> None:
    """Print rows as JSON lines, or as a table of ``cells(row)`` under ``columns``, then a count."""
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_lines=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*cells(row))
    out.print(table)
    console.print(f"{len(rows)} {noun}(s)")


def _load(ctx: click.Context, db: str | None) -> dict:
    from .present.export import account
    from .store.sqlite import Store

    settings = _settings(ctx, db=db)
    with Store(settings.db, must_exist=True) as store:
        _warn_unfinished(store)
        return account(store)


def _warn_unfinished(store) -> None:
    run = store.last_run()
    if run and not run.get("finished"):
        console.print(f"[yellow]warning[/yellow] the last build (started {run['started']}) did not finish: "
                      "these results may be incomplete. Run `newsfuse build` again to complete it.")


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .present.views import DATE_RE

    if value is not None and not DATE_RE.match(value):
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--speaker", default=None, help="Only quotes whose speaker name or alias contains this text.")
@click.option("--contains", default=None, help="Only quotes whose words contain this text.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def quotes(ctx: click.Context, db: str | None, speaker: str | None, contains: str | None, as_json: bool) -> None:
    """List the fused quotes: who said what, in how many independent sources."""
    try:
        acc = _load(ctx, db)
    except NewsfuseError as exc:
        _fail(exc)
        return
    rows = find_quotes(acc, speaker, contains)

    def cells(q: dict) -> tuple[str, ...]:
        arts = sorted({m["article"] for m in q["mentions"]})
        return (q.get("speaker_name") or "?", quoted(q["text"], q["direct"]),
                str(q["independent_sources"]), ", ".join(arts))

    _listing(rows, as_json, ("speaker", "quote", "sources", "articles"), cells, "quote")


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--conflicts", is_flag=True, help="Only groups whose sources conflict.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def figures(ctx: click.Context, db: str | None, conflicts: bool, as_json: bool) -> None:
    """List figure groups with their verdicts (single, agree, updated, conflict) and sources."""
    try:
        acc = _load(ctx, db)
    except NewsfuseError as exc:
        _fail(exc)
        return
    figs = {f["id"]: f for f in acc["figures"]}
    rows = find_figure_groups(acc, conflicts=conflicts)

    def cells(g: dict) -> tuple[str, ...]:
        vals = [f"{figs[i]['mentions'][0]['text']} ({figs[i]['mentions'][0]['article']})"
                for i in g["figures"] if i in figs]
        return g["measure"], g["status"], "\n".join(vals), g.get("explanation", "")

    _listing(rows, as_json, ("measure", "status", "values", "explanation"), cells, "group")


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--type", "etype", default=None, help="Only events of this type (prefix match, e.g. attack).")
@click.option("--place", default=None,
              help="Only events at this place: a country name or code (Iraq, IQ: every place in it) or part of a place name.")
@click.option("--since", default=None, callback=_iso_date, help="Only events on or after this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def events(ctx: click.Context, db: str | None, etype: str | None, place: str | None, since: str | None,
           as_json: bool) -> None:
    """List the fused events: who did what to whom, when and where."""
    try:
        acc = _load(ctx, db)
    except NewsfuseError as exc:
        _fail(exc)
        return
    rows = find_events(acc, etype, place, since)

    def cells(e: dict) -> tuple[str, ...]:
        p = e.get("place") or {}
        return (event_when(e) or "?", e["type"], e["summary"],
                f"{p.get('name', '')} {p.get('country_code') or ''}".strip(), str(e["independent_sources"]))

    _listing(rows, as_json, ("date", "type", "summary", "place", "sources"), cells, "event")


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.pass_context
def rejections(ctx: click.Context, db: str | None) -> None:
    """List the inputs that were rejected, with their reasons."""
    from .store.sqlite import Store

    try:
        settings = _settings(ctx, db=db)
        with Store(settings.db, must_exist=True) as store:
            _warn_unfinished(store)
            rows = store.rejections()
    except NewsfuseError as exc:
        _fail(exc)
        return
    for r in rows:
        out.print(f"[bold]{r.source}[/bold] {r.code}: {r.reason}")
    console.print(f"{len(rows)} rejection(s)")


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback lets other machines read the corpus.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port to listen on.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (the Host header); loopback names always are. Repeatable.")
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True, help="Worker threads.")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, allow_hosts: tuple[str, ...], workers: int) -> None:
    """Serve the analyst's web pages and the read-only JSON API over a database (Ctrl-C stops).

    \b
    http://HOST:PORT/          stories; each with timeline, map, quotes, figures, copies
    http://HOST:PORT/search    search and filters (shareable URLs)
    http://HOST:PORT/api       the list of JSON endpoints
    """
    import errno

    from .web import serve as run_serve
    from .web.server import is_loopback

    try:
        settings = _settings(ctx, db=db)
        if not is_loopback(host):
            console.print(f"[yellow]warning[/yellow] listening on {host}, beyond this machine: anyone who can reach "
                          f"port {port} can read the whole corpus. Requests are answered only for the host names "
                          f"{', '.join(('localhost', '127.0.0.1', *allow_hosts))}"
                          + ("" if host in ("0.0.0.0", "::") else f", {host}")
                          + "; add others with --allow-host NAME.")
        where = f"http://{'localhost' if is_loopback(host) else host}:{port}/"
        run_serve(settings.db, host, port, allow_hosts=allow_hosts, workers=workers,
                  ready=lambda: console.print(f"serving {_db_name(settings.db)} on {where} (API: {where}api)"))
    except NewsfuseError as exc:
        _fail(exc)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            console.print(f"[red]error[/red] port {port} on {host} is already in use (another `newsfuse serve`?). "
                          f"Stop that program, or choose another port with --port.")
        elif exc.errno == errno.EACCES:
            console.print(f"[red]error[/red] not allowed to listen on {host}:{port}; choose a port above 1024 with --port.")
        else:
            console.print(f"[red]error[/red] cannot listen on {host}:{port}: {exc.strerror or exc}.")
        sys.exit(2)
    except KeyboardInterrupt:
        console.print("stopped")


def _seconds(text: str) -> float:
    """"10m", "30s", "2h", "90" -> seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not m or float(m.group(1)) <= 0:
        raise click.BadParameter(f"{text!r} is not a period: write 30s, 10m, 2h or a number of seconds")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", default="10m", show_default=True, help="How often to poll: 30s, 10m, 2h.")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--track", "tracks", multiple=True, metavar="KIND:WORDS",
              help="Follow speaker:NAME (alerts on their new quotes), figure:WORDS, story:ID or event:TYPE; "
                   "repeatable. Without figure/story/event tracks, every figure, story and event is followed.")
@click.option("--out", default="-", show_default=True, help="Write alerts as JSON Lines to this file ('-': stdout).")
@click.option("--webhook", default=None, help="Also POST each alert as JSON to this URL (timeout, 3 retries).")
@click.option("--polls", type=int, default=None, help="Stop after this many rounds (default: until interrupted).")
@click.option("--since-now", is_flag=True, help="Alert only on what changes from now on, not on what the "
              "database already holds.")
@click.pass_context
def watch(ctx: click.Context, sources: tuple[str, ...], every: str, db: str | None, tracks: tuple[str, ...],
          out: str, webhook: str | None, polls: int | None, since_now: bool) -> None:
    """Poll feeds, pages or files, update the account, and alert on what changed.

    Each round asks every source with a conditional request (ETag / Last-Modified), builds what is
    new, and records alerts: new events, events with a new source, date or casualty count, figures
    updated or in conflict, claims reaching a second independent source, stories merging or
    splitting, and new quotes by tracked speakers. Alerts go to --out as JSON Lines, to --webhook,
    to `newsfuse alerts`, and to /alerts.atom (and /api/alerts) under `newsfuse serve`. Killed and restarted, watch
    neither misses nor repeats an alert.
    """
    from .ingest.web import make_client
    from .watch import JsonLines, Webhook, parse_track, set_baseline
    from .watch import watch as run_watch

    period = _seconds(every)
    try:
        parsed = [parse_track(t) for t in tracks]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--track") from exc
    stream = sys.stdout if out == "-" else open(out, "a", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        settings = _settings(ctx, db=db)
        client = make_client(settings)
        sinks = [JsonLines(stream)] + ([Webhook(webhook, client)] if webhook else [])
        if since_now:
            set_baseline(settings)

        def report(result) -> None:
            failed = [p for p in result.polls if p.failed]
            for p in failed:
                console.print(f"[yellow]source[/yellow] {p.url}: {p.status}")
            console.print(f"polled {len(result.polls) - sum(p.skipped for p in result.polls)} source(s): "
                          f"{len(result.summary.added) if result.summary else 0} new article(s), "
                          f"{result.recorded} alert(s)")

        with client:
            run_watch(list(sources), settings, every=period, tracks=parsed, sinks=sinks, rounds=polls,
                      client=client, on_round=report)
    except NewsfuseError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        console.print("stopped; the next `newsfuse watch` goes on from here")
    finally:
        if stream is not sys.stdout:
            stream.close()


@cli.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--since", default=None, help="Only alerts recorded on or after this date (YYYY-MM-DD) or time.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
@click.pass_context
def alerts(ctx: click.Context, db: str | None, since: str | None, as_json: bool) -> None:
    """List the alerts `newsfuse watch` recorded, oldest first."""
    from .store.sqlite import Store

    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+Z-]*)?", since):
        raise click.BadParameter(f"{since!r} is not a date: write YYYY-MM-DD", param_hint="--since")
    try:
        settings = _settings(ctx, db=db)
        with Store(settings.db, must_exist=True) as store:
            rows = store.alerts(since=since)
    except NewsfuseError as exc:
        _fail(exc)
        return
    if as_json:
        for a in rows:
            click.echo(json.dumps(a, ensure_ascii=False))
        return
    table = Table(show_lines=False)
    for col in ("recorded", "kind", "alert"):
        table.add_column(col, overflow="fold")
    for a in rows:
        table.add_row(a.get("created_at", "")[:19], a["kind"], a["title"])
    out.print(table)
    console.print(f"{len(rows)} alert(s)")


@cli.command()
@click.argument("task")
@click.option("--data", type=click.Path(exists=True), required=True,
              help="Training data: for event-types, the CASE 2021 Task 2 folder (or its dev TSV); for "
                   "event-sense, the datasets folder (ECB+, IndiaPoliceEvents, CASE 2021, PolNeAR, geoparsing).")
@click.option("--out", type=click.Path(file_okay=False), required=True,
              help="Folder for the trained head and its model card.")
@click.option("--own/--no-own", default=True, show_default=True,
              help="event-types: train on the snippets written for newsfuse (learn/data/event_type_own.tsv) too.")
def train(task: str, data: str, out: str, own: bool) -> None:
    """Reproduce a shipped learned head (TASK: event-types, event-sense) from its data, with its model card.

    Needs the training extra: pip install 'newsfuse[train]'. Seeded: the same data gives the same head.
    """
    from .learn import train as training

    try:
        cfg = None if own or task != "event-types" else training.EventTypeConfig(own=False)
        facts = training.train(task, Path(data), Path(out), log=console.print, cfg=cfg)
    except NewsfuseError as exc:
        _fail(exc)
    if task == "event-sense":
        console.print(f"wrote {Path(out) / 'event_sense.npz'} and its card (check {facts.get('check', 'not run')})")
        return
    console.print(f"wrote {Path(out) / 'event_head.npz'} and its card "
                  f"(fit-CV {facts['fit_cv_best']:.4f}, check {facts.get('check_micro_f1', 'not run')})")


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
