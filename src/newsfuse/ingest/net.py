"""The network under newsfuse's fetches: one deadline for every blocking step, and addresses checked
where the connection is made.

httpx bounds each read, write and connect by its own timeout, never a whole request: a server that
sends its status line and headers one byte at a time, each under the read timeout, holds a fetch as
long as it likes. And a feed link's host is checked against private networks by resolving its name
(:func:`newsfuse.ingest.web.private_address`), but the connection resolves it again: a name whose
answers change between the two (DNS rebinding) would pass the check and connect inside.

:class:`GuardedBackend` is the httpcore network backend under newsfuse's clients (:func:`guard_client`). While a fetch runs
under :func:`guarded` it

* clamps the timeout of every connect, read, write and TLS handshake to what is left of the fetch's
  deadline, and times the step out at once when nothing is left;
* when the fetch follows someone else's link, resolves the host once, refuses it when any of its
  addresses is loopback, private, link-local or reserved (:class:`Guard.why` says which), and connects
  to the very addresses it checked. TLS still verifies the certificate against the host name, which
  httpcore passes on its own.

Outside :func:`guarded` it behaves like httpcore's own backend.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import socket
import ssl
import time
import typing
from collections.abc import Iterator
from dataclasses import dataclass

import httpcore
import httpx

__all__ = ["Guard", "GuardedBackend", "guarded", "guard_client", "address_problem"]


@dataclass(slots=True)
class Guard:
    """What one fetch allows: a deadline (``time.monotonic()`` value) and whether private addresses are
    refused; ``why`` is set when a connection was refused, ``expired`` when the deadline timed a step out."""

    deadline: float | None = None
    refuse_private: bool = False
    why: str | None = None
    expired: bool = False

    def timeout(self, timeout: float | None) -> float | None:
        """``timeout`` clamped to what is left of the deadline (raises httpcore's timeout when nothing is)."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.expired = True
            raise httpcore.ReadTimeout("the deadline for this URL has passed")
        return left if timeout is None else min(timeout, left)


_CURRENT: contextvars.ContextVar[Guard | None] = contextvars.ContextVar("newsfuse_fetch_guard", default=None)


@contextlib.contextmanager
def guarded(guard: Guard) -> Iterator[Guard]:
    """Run the fetches of this block (in this thread) under ``guard``."""
    token = _CURRENT.set(guard)
    try:
        yield guard
    finally:
        _CURRENT.reset(token)


def address_problem(host: str, addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``addr`` (an address of ``host``) is not fetched from a feed's link, or None."""
    if addr.is_loopback or addr.is_private or addr.is_link_local or addr.is_reserved or \
            addr.is_unspecified or addr.is_multicast:
        return f"{host} is {addr}, a {'loopback' if addr.is_loopback else 'private or reserved'} address"
    return None


def _clamp(timeout: float | None) -> float | None:
    guard = _CURRENT.get()
    return timeout if guard is None else guard.timeout(timeout)


class _Stream(httpcore.NetworkStream):
    """A connection whose every step is bounded by the deadline of the fetch using it now (a pooled
    connection serves several fetches)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend under the current :class:`Guard` (see the module's docstring)."""

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: typing.Iterable | None = None) -> httpcore.NetworkStream:
        guard = _CURRENT.get()
        targets = [host]
        if guard is not None and guard.refuse_private:
            targets = self._vetted(host, port, guard)
        error: Exception | None = None
        for target in targets:
            try:
                return _Stream(self._inner.connect_tcp(target, port, _clamp(timeout), local_address, socket_options))
            except httpcore.ConnectError as exc:  # the next address, as socket.create_connection would
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")

    @staticmethod
    def _vetted(host: str, port: int, guard: Guard) -> list[str]:
        """The addresses of ``host``, resolved once; refused (ConnectError, ``guard.why`` set) when any
        of them is inside this machine or a private network."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"{host} does not resolve: {exc}") from exc
        addresses = list(dict.fromkeys(info[4][0].split("%")[0] for info in infos))
        for address in addresses:
            why = address_problem(host, ipaddress.ip_address(address))
            if why is not None:
                guard.why = why
                raise httpcore.ConnectError(why)
        return addresses

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: typing.Iterable | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _clamp(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def guard_client(client: httpx.Client) -> httpx.Client:
    """Put :class:`GuardedBackend` under ``client``'s own connection pool, and return the client.

    The pool is httpx's (``HTTPTransport._pool``, a ``httpcore.ConnectionPool``: httpx is pinned, and the
    tests fail if that changes), so everything else httpx does for its users stays: proxies from the
    environment (their own transports, which go through the proxy and are left as they are), limits,
    TLS. An injected transport (tests) is left alone."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    if isinstance(pool, httpcore.ConnectionPool):
        pool._network_backend = GuardedBackend()
    return client
