"""The endpoint's safety limits and the one error type every layer raises.

A public SPARQL endpoint meets careless queries; every limit here exists so that one client
cannot take the service from the others. Errors carry the HTTP status and a message meant for a
human (a key of graph.endpoint.error_texts, put into the request's language where the response
is made), never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.endpoint.error_texts import Message
from graph.i18n import choose


@dataclass(frozen=True)
class Limits:
    """What one request may cost. Defaults suit a laptop serving a few researchers."""

    timeout: float = 5.0  # seconds of evaluation before the query's worker is killed
    max_body: int = 1024 * 1024  # bytes of request body
    request_seconds: float = 20.0  # to send a whole request, however slowly (slowloris)
    max_query_length: int = 100_000  # characters of query or update text
    max_rows: int = 100_000  # solutions or triples in one answer
    workers: int = 2  # query worker processes, i.e. queries evaluated at once
    cors_origins: tuple[str, ...] = ("*",)  # empty: no CORS headers at all
    cors_methods: tuple[str, ...] = ("GET", "HEAD")
    federation: bool = False  # SERVICE makes the server fetch URLs for anyone: off by default
    update_token: str | None = None  # None: read-only; else updates need this Bearer token
    extra_headers: dict[str, str] = field(default_factory=dict)


class EndpointError(Exception):
    """An answer other than success: status code, readable message, optional headers.

    The message is a key of error_texts.ERRORS with its fields (or a `Message` already made,
    as a worker sends one back), not a sentence: the language is the request's, known only
    where the response is written.

    >>> EndpointError(404, "no_graph", graph="urn:x").message("en")
    'There is no graph <urn:x>.'
    """

    def __init__(
        self,
        status: int,
        message: str | Message,
        /,
        headers: dict[str, str] | None = None,
        **fields: object,
    ):
        self.message = message if isinstance(message, Message) else Message(message, fields)
        super().__init__(status, self.message)
        self.status = status
        self.headers = headers or {}

    def __str__(self) -> str:  # worded only when read, as the response words it
        return self.message(choose())
