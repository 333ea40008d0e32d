"""The HTTP listener: waitress, bounded against clients that are slow on purpose.

waitress is a pure-Python, multi-threaded WSGI server that is production grade and needs no
compiler; its threads only parse requests and wait, while the queries run in the worker
processes. Out of the box it holds at most 100 connections and waits 120 s for an idle one,
so 101 half-open requests (slowloris) lock every other client out for two minutes. Here:
- a client has `request_seconds` (Limits; 20 by default) to send a whole request, however
  slowly it trickles bytes;
- a connection idle for `IDLE_SECONDS` is closed;
- the connection limit is what the process's file descriptors allow (raised to the hard
  limit), not 100.
"""

from __future__ import annotations

import resource
import time
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

IDLE_SECONDS = 10
MAX_CONNECTIONS = 4096


class _Channel(HTTPChannel):
    """A connection that remembers when the request it is receiving began."""

    request_started = 0.0

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_started = time.time()
        return super().received(data)


class Listener(TcpWSGIServer):
    """waitress' TCP server with the request-time bound in its periodic clean-up."""

    channel_class = _Channel
    request_seconds = 20.0

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = now - self.request_seconds
        for channel in list(self.active_channels.values()):
            receiving = getattr(channel, "request", None) is not None and not channel.requests
            if receiving and getattr(channel, "request_started", now) < cutoff:
                channel.will_close = True


def connection_limit() -> int:
    """As many connections as file descriptors allow, keeping room for the store and workers."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + 512
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return max(100, min(MAX_CONNECTIONS, int(soft) - 512))


def create(
    app: Any, host: str, port: int, threads: int, max_body: int, request_seconds: float
) -> Listener:
    server = Listener(
        app,
        host=host,
        port=port,
        threads=threads,
        connection_limit=connection_limit(),
        channel_timeout=IDLE_SECONDS,
        cleanup_interval=2,
        max_request_body_size=max_body,
        expose_tracebacks=False,
        ident="kruisverband",
    )
    server.request_seconds = request_seconds
    return server
