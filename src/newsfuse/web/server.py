"""The HTTP server for ``newsfuse serve``: the standard library's WSGI server, made safe to leave running.

- a bounded pool of worker threads, and a bounded number of connections waiting for one (more are
  answered ``503`` at once instead of piling up threads);
- a socket timeout per read and a deadline per connection, so idle or trickling clients are dropped;
- one request per connection (HTTP/1.0), so a worker is never held by a kept-alive idle client;
- errors logged to the server's log, never sent to the client.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from .app import LOOPBACK_HOSTS, WebApp

__all__ = ["BoundedWSGIServer", "make_server", "serve", "is_loopback"]

log = logging.getLogger("newsfuse.web")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Handler(WSGIRequestHandler):
    timeout = 10  # seconds a read may wait (StreamRequestHandler applies it to the socket)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        log.info("%s %s", self.address_string(), format % args)


class BoundedWSGIServer(WSGIServer):
    """A WSGI server with ``workers`` threads, at most ``queue`` connections waiting, and a per-connection deadline."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], workers: int = 8, queue: int = 32, deadline: float = 30.0,
                 read_timeout: float = 10.0) -> None:
        handler = type("Handler", (_Handler,), {"timeout": read_timeout})
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsfuse-http")
        self._slots = threading.BoundedSemaphore(workers + queue)
        self._deadline = deadline
        self._open: dict[int, tuple[float, socket.socket]] = {}
        self._open_lock = threading.Lock()
        super().__init__(address, handler)  # binds: OSError when the port is taken
        self._reaper = threading.Thread(target=self._reap, name="newsfuse-reaper", daemon=True)
        self._reaper.start()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
                                b"Connection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        with self._open_lock:
            self._open[id(request)] = (time.monotonic() + self._deadline, request)
        self._pool.submit(self._work, request, client_address)

    def _work(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            with self._open_lock:
                self._open.pop(id(request), None)
            self.shutdown_request(request)
            self._slots.release()

    def _reap(self) -> None:
        """Close connections past their deadline (a client trickling bytes would pass every read timeout)."""
        while True:
            time.sleep(1.0)
            now = time.monotonic()
            with self._open_lock:
                late = [s for t, s in self._open.values() if t < now]
            for s in late:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.warning("connection from %s failed", client_address[0] if client_address else "?", exc_info=True)

    def server_close(self) -> None:
        super().server_close()
        self._pool.shutdown(wait=False, cancel_futures=True)


def make_server(app: WebApp, host: str = "127.0.0.1", port: int = 8765, **limits: Any) -> BoundedWSGIServer:
    """Bind (raises OSError when the port is taken) and return the server, ready for ``serve_forever``."""
    httpd = BoundedWSGIServer((host, port), **limits)
    httpd.set_app(app)
    return httpd


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8765, allow_hosts: tuple[str, ...] = (),
          workers: int = 8, ready: Callable[[], None] | None = None) -> None:
    """Serve the pages and API until interrupted. Only loopback host names are answered unless
    ``allow_hosts`` adds others (the address bound to is added when it is a specific one)."""
    hosts = set(LOOPBACK_HOSTS) | {h.lower() for h in allow_hosts}
    if host not in ("0.0.0.0", "::", ""):
        hosts.add(host.lower())
    app = WebApp(db, allowed_hosts=hosts)
    with make_server(app, host, port, workers=workers) as httpd:
        if ready:
            ready()
        httpd.serve_forever()
