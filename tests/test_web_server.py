"""The HTTP server of `newsfuse serve`: bounded workers, timeouts, and clear messages (no NLP: a hand-made store)."""

import socket
import threading
import time

import httpx
import pytest
from click.testing import CliRunner

from newsfuse.cli import cli
from newsfuse.store.sqlite import Store
from newsfuse.web import WebApp, make_server
from newsfuse.web.server import is_loopback


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()  # an empty but valid database
    return path


@pytest.fixture()
def server(db):
    httpd = make_server(WebApp(db), "127.0.0.1", 0, workers=1, queue=1, read_timeout=0.5, deadline=2.0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _url(httpd, path="/api/status"):
    return f"http://127.0.0.1:{httpd.server_address[1]}{path}"


def test_idle_connections_are_dropped_and_the_worker_freed(server):
    idle = socket.create_connection(server.server_address)  # holds the only worker, sends nothing
    time.sleep(1.0)  # past the read timeout
    r = httpx.get(_url(server), timeout=5)
    assert r.status_code == 200 and r.json()["articles"] == 0
    assert idle.recv(100) == b""  # closed by the server
    idle.close()


def test_a_trickling_client_is_cut_at_the_deadline(server):
    slow = socket.create_connection(server.server_address)
    start = time.monotonic()
    closed = False
    while time.monotonic() - start < 6:
        try:
            slow.sendall(b"G")  # one byte at a time, each within the read timeout
        except OSError:
            closed = True
            break
        time.sleep(0.2)
    slow.close()
    assert closed and time.monotonic() - start < 5
    assert httpx.get(_url(server), timeout=5).status_code == 200


def test_overload_is_answered_503_not_with_more_threads(server):
    held = [socket.create_connection(server.server_address) for _ in range(2)]  # one worker + one waiting
    time.sleep(0.1)
    extra = socket.create_connection(server.server_address)
    extra.settimeout(3)
    assert extra.recv(100).startswith(b"HTTP/1.0 503")
    for s in (*held, extra):
        s.close()
    assert len(server._pool._threads) <= 1  # the pool never grows past its size


def test_port_taken_is_a_clear_message(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        res = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", str(port)], obj={})
    assert res.exit_code == 2
    assert "already in use" in res.output and "--port" in res.output and "Traceback" not in res.output


def test_binding_beyond_loopback_warns(db, monkeypatch):
    import newsfuse.web as web

    monkeypatch.setattr(web, "serve", lambda *a, **k: None)
    res = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"], obj={})
    assert res.exit_code == 0 and "warning" in res.output and "--allow-host" in res.output
    res = CliRunner().invoke(cli, ["serve", "--db", str(db)], obj={})
    assert "warning" not in res.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
