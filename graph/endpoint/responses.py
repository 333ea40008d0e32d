"""The two kinds of response every route ends in: an HTML page under the site's CSP, or a
plain-text message with a status."""

from __future__ import annotations

from werkzeug.wrappers import Response

from graph.i18n import Language

# scripts and styles only from this server's /static/: nothing inline runs or applies
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def html(text: str) -> Response:
    return Response(
        text,
        content_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": CSP},
    )


def error(
    status: int, message: str, language: Language, headers: dict[str, str] | None = None
) -> Response:
    """A plain-text message in `language`, which Content-Language names; its language may
    follow the request's Accept-Language, so a cache must tell requests apart by it."""
    response = Response(
        message.rstrip() + "\n",
        status=status,
        content_type="text/plain; charset=utf-8",
        headers=headers or {},
    )
    response.headers["Content-Language"] = language
    response.vary.add("Accept-Language")
    return response
