"""The endpoint's safety limits and the one error type every layer raises.

A public SPARQL endpoint meets careless queries; every limit here exists so that one client
cannot take the service from the others. Errors carry the HTTP status and a message meant for a
human, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """What one request may cost. Defaults suit a laptop serving a few researchers."""

    timeout: float = 5.0  # seconds of evaluation before the query's worker is killed
    max_body: int = 1024 * 1024  # bytes of request body
    max_query_length: int = 100_000  # characters of query or update text
    max_rows: int = 100_000  # solutions or triples in one answer
    workers: int = 2  # query worker processes, i.e. queries evaluated at once
    cors_origins: tuple[str, ...] = ("*",)  # empty: no CORS headers at all
    cors_methods: tuple[str, ...] = ("GET", "HEAD")
    federation: bool = False  # SERVICE makes the server fetch URLs for anyone: off by default
    update_token: str | None = None  # None: read-only; else updates need this Bearer token
    extra_headers: dict[str, str] = field(default_factory=dict)


class EndpointError(Exception):
    """An answer other than success: status code, readable message, optional headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
