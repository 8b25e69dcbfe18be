"""The CLI: help everywhere, clear errors, exit status on rejections, exports and report."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfuse.cli import cli

ROOT = Path(__file__).resolve().parent.parent
from conftest import SEEDS  # noqa: E402 - the seed corpus, one path for every test module
COMMANDS = ["build", "export", "report", "quotes", "figures", "events", "rejections", "serve"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help(command):
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db")], obj={})
    assert result.exit_code == 2
    assert "E201" in result.output and "newsfuse build" in result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    inputs = tmp / "in"
    inputs.mkdir()
    for f in SEEDS.iterdir():
        (inputs / f.name).write_bytes(f.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "zz_evil.txt").write_text(
        "Evil <script>alert('x')</script> headline\n\n" + "The minister said the talks would resume. " * 5)
    db = tmp / "c.db"
    result = CliRunner().invoke(cli, ["build", str(inputs), "--db", str(db), "-q"], obj={})
    return tmp, db, result


def test_build_reports_rejections_and_exits_1(built):
    tmp, db, result = built
    assert result.exit_code == 1, result.output
    assert "E101" in result.output and "empty.txt" in result.output


def test_export_json_csv_geojson(built):
    tmp, db, _ = built
    runner = CliRunner()
    assert runner.invoke(cli, ["export", "--db", str(db), "--out", str(tmp / "e.json")], obj={}).exit_code == 0
    data = json.loads((tmp / "e.json").read_text())
    assert data["schema"] == "newsfuse-export-1" and len(data["articles"]) == 6
    assert any(r["code"] == "E101" for r in data["rejections"])
    res = runner.invoke(cli, ["export", "--db", str(db), "--format", "csv", "--out", str(tmp / "csv")], obj={})
    assert res.exit_code == 0
    for kind in ("articles", "quotes", "figures", "figure_groups", "events", "stories", "entities", "copies"):
        assert (tmp / "csv" / f"{kind}.csv").exists()
    res = runner.invoke(cli, ["export", "--db", str(db), "--format", "geojson", "--out", str(tmp / "e.geojson")], obj={})
    assert res.exit_code == 0
    geo = json.loads((tmp / "e.geojson").read_text())
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])


def test_report_is_self_contained_and_escapes_text(built):
    tmp, db, _ = built
    out = tmp / "r.html"
    res = CliRunner().invoke(cli, ["report", "--db", str(db), "--out", str(out)], obj={})
    assert res.exit_code == 0, res.output
    html = out.read_text()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "<link" not in html
    assert "Albares" in html and 'id="quotes-' in html


def test_listing_commands(built):
    tmp, db, _ = built
    runner = CliRunner()
    res = runner.invoke(cli, ["quotes", "--db", str(db), "--speaker", "Albares", "--json"], obj={})
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.output.splitlines() if line.strip()]
    assert rows and all("Albares" in (r["speaker_name"] or "") for r in rows)
    res = runner.invoke(cli, ["quotes", "--db", str(db), "--contains", "spillover", "--json"], obj={})
    assert res.exit_code == 0 and "spillover" in res.output
    for cmd in (["figures"], ["events"], ["events", "--type", "attack"], ["figures", "--conflicts"], ["rejections"]):
        res = runner.invoke(cli, [*cmd, "--db", str(db)], obj={})
        assert res.exit_code == 0, (cmd, res.output)


def test_export_geojson_to_stdout(built):
    tmp, db, _ = built
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "geojson", "--out", "-"], obj={})
    assert res.exit_code == 0
    geo = json.loads(res.stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "csv", "--out", "-"], obj={})
    assert res.exit_code == 2 and "folder" in res.output


def test_events_since_must_be_a_date_and_place_matches_countries(built):
    tmp, db, _ = built
    runner = CliRunner()
    res = runner.invoke(cli, ["events", "--db", str(db), "--since", "notadate"], obj={})
    assert res.exit_code == 2 and "not a date" in res.output
    by_name = runner.invoke(cli, ["events", "--db", str(db), "--place", "Iraq", "--json"], obj={})
    by_code = runner.invoke(cli, ["events", "--db", str(db), "--place", "iq", "--json"], obj={})
    rows = [json.loads(line) for line in by_name.stdout.splitlines() if line.strip()]
    assert {r["place"]["name"] for r in rows} >= {"Baghdad", "Erbil"}  # the country's name: every place in it
    assert {r["place"]["country_code"] for r in rows} == {"IQ"}
    assert by_name.stdout == by_code.stdout
    us = runner.invoke(cli, ["events", "--db", str(db), "--place", "US", "--json"], obj={})
    assert all(json.loads(line)["place"]["country_code"] == "US" for line in us.stdout.splitlines() if line.strip())


def test_listings_say_when_the_last_build_did_not_finish(built, tmp_path):
    import shutil

    from newsfuse.store.sqlite import Store

    tmp, db, _ = built
    copy = tmp_path / "unfinished.db"
    shutil.copy(db, copy)
    with Store(copy) as store:
        store.start_run(["more/"])  # started, never finished
    for cmd in (["quotes"], ["events"], ["figures"], ["rejections"]):
        res = CliRunner().invoke(cli, [*cmd, "--db", str(copy)], obj={})
        assert "did not finish" in res.output, cmd
    res = CliRunner().invoke(cli, ["events", "--db", str(db)], obj={})
    assert "did not finish" not in res.output
