"""`serve`: open (or build) the store, start the query workers, serve HTTP until stopped.

The HTTP side is listener.py (waitress, bounded against slow clients); the queries run in the
worker processes of pool.py.
"""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pyoxigraph as ox

from graph.config import Settings
from graph.endpoint import listener
from graph.endpoint.app import Endpoint
from graph.endpoint.describe import Describer, collect_stats
from graph.endpoint.limits import Limits
from graph.endpoint.pool import Pool
from graph.notices import notice
from graph.store import generation, open_build, read_manifest, store_path

log = logging.getLogger("kruisverband.endpoint")


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    limits: Limits | None = None,
    progress: Callable[[str], None] | None = None,
    base_url: str | None = None,
) -> None:
    """Serve the SPARQL endpoint and the linked-data pages until SIGINT/SIGTERM.

    The store is built first if it is missing or stale; if data/ is broken, the last good
    build is served and the Service Description says so and why. With updates on (a token in
    `limits`), writes go to a private copy of the store that is discarded on exit, so dist/
    always stays what `ivp build` made from data/. Links, redirects and the Service
    Description use `base_url` (default: the bound address), never the client's Host header,
    which anyone can set.
    """
    limits = limits or Limits()
    public_url(base_url, "")  # a bad --base-url is refused before anything starts
    say = progress or (lambda _msg: None)
    opened = open_build(settings, progress=say)  # broken data/: the last good build
    stale = opened.stale
    for line in stale.lines() if stale else []:
        log.warning(line)
    stats = collect_stats(opened.store)
    store_dir = opened.path  # the build opened now; the pool follows later ones (locate)
    del opened  # they open their own read-only handles
    scratch: Path | None = None
    if limits.update_token is not None:
        scratch = Path(tempfile.mkdtemp(prefix="ivp-serve-"))
        shutil.copytree(store_dir, scratch / "store")
        store_dir = scratch / "store"
        say(notice("updates", scratch=scratch))
    if scratch is None:
        seen: list = [object(), ""]  # the last generation and its store folder

        def locate() -> tuple[str | None, str]:
            # asked before every job: one readlink; the store's path (a realpath, several
            # syscalls, 12% of a cheap query's time in the server) only when a build landed
            current = generation(settings)
            if current != seen[0]:
                seen[:] = [current, str(store_path(settings))]
            return current, seen[1]
    else:

        def locate() -> tuple[str | None, str]:
            return None, str(store_dir)

    pool = Pool(locate, max(1, limits.workers), limits.timeout, offline=not limits.federation)
    if pool.not_walled and not limits.federation:
        log.warning("query workers could not be cut off from the network: %s", pool.not_walled)
    try:
        describer = Describer(
            settings,
            stats,
            plans=(read_manifest(settings) or {}).get("plans", []),
            federation=limits.federation,
            updates=limits.update_token is not None,
            stale=stale,
        )
        app = Endpoint(settings, limits, pool, describer, public_url="")

        def switched(store_dir: str) -> None:
            """A new build landed: describe it (SD, VoID) as the workers now answer from it."""
            describer.stats = collect_stats(ox.Store.read_only(store_dir))
            describer.plans = set((read_manifest(settings) or {}).get("plans", []))
            describer.stale = None  # a build landed, so data/ built
            app.forget()

        pool.on_switch = switched
        server = listener.create(
            app,
            host,
            port,
            threads=limits.workers + 6,
            max_body=limits.max_body * 2,  # the app answers first, with 413
            request_seconds=limits.request_seconds,
        )
        actual = getattr(server, "effective_port", port)
        shown = f"[{host}]" if ":" in host else host
        app.public_url = public_url(base_url, f"http://{shown}:{actual}/")
        say(notice("endpoint", url=f"http://{shown}:{actual}/"))
        say(notice("query_page", url=f"http://{shown}:{actual}/"))
        if app.public_url != f"http://{shown}:{actual}/":
            say(notice("public_url", url=app.public_url))

        def stop(_signum: int, _frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            server.run()
        except KeyboardInterrupt:
            say("stopping")
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.close()
    finally:
        pool.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def public_url(given: str | None, bound: str) -> str:
    """The configured URL, checked (http(s), a host, no query) and ending in one slash."""
    if not given:
        return bound
    parts = urllib.parse.urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"--base-url must be an http(s) URL without query: {given!r}")
    return given.rstrip("/") + "/"


def configure_logging(verbose: bool = False) -> None:
    """Access log and errors on stderr; waitress' own queue warnings stay visible."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
