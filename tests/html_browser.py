"""Headless Chromium for the HTML exports: open a page from disk with the network cut off.

Shared by tests/test_html_browser.py, the screenshots in docs/ and benchmarks/html_pages.py,
so all three see the pages the same way. Debian's Chromium, driven by Playwright (whose own
browser download does not work here); every request but the page's own file is aborted and
recorded, as are console errors, uncaught exceptions and dialogs (an alert() would be one).

Run as a script, it rewrites the README's screenshots from the built store:

    uv run python tests/html_browser.py          # docs/*.png: one per view (SHOTS)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1600, "height": 1000}
READY = "document.documentElement.dataset.kvReady === '1'"


@dataclass
class Log:
    """What a page tried and said while it was open."""

    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def foreign(self) -> list[str]:
        """Requests for anything but the page itself (data: URLs never reach the network)."""
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def opened(
    b: Any, path: Path, timeout_ms: int = 30_000, pixel_ratio: float = 1
) -> Iterator[tuple[Any, Log]]:
    """The page at `path` (file://), loaded and drawn, in a context of its own.

    `pixel_ratio`: the screen's device pixels per CSS pixel (2 for a "retina" screen).
    """
    url = path.resolve().as_uri()
    log = Log(url)
    context = b.new_context(
        viewport=VIEWPORT, accept_downloads=True, device_scale_factor=pixel_ratio
    )

    def only_the_file(route: Any) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    page = context.new_page()
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text))
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))

    def dialog(d: Any) -> None:
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        page.goto(url)
        page.wait_for_function(READY, timeout=timeout_ms)
        yield page, log
    finally:
        context.close()


# the README's pictures: (file name, view, plans, focus); "large" is the generated corpus
SHOTS = [
    ("plan-nijmegen-2022", "plan", ["nijmegen-2022"], None),
    ("ego-politie", "ego", None, "politie"),
    ("crosslinks-pijnacker-nootdorp-2023", "crosslinks", ["pijnacker-nootdorp-2023"], None),
    ("compare", "compare", ["nijmegen-2022", "pijnacker-nootdorp-2023"], None),
    ("large-grouped", "large", None, None),
]


def screenshots(out: Path, b: Any = None) -> list[Path]:
    """The README's pictures of each view (SHOTS), from the built store, in Dutch.

    `b`: a browser already running (Playwright allows one sync instance per thread).
    """
    import tempfile
    from contextlib import nullcontext

    from graph import html
    from graph.config import Settings
    from graph.html import synthetic

    settings = Settings.from_env()
    written = []
    running = nullcontext(b) if b is not None else browser()
    with tempfile.TemporaryDirectory() as tmp, running as b:
        for name, view, plans, focus in SHOTS:
            page_file = Path(tmp) / f"{name}.html"
            if view == "large":  # a national-scale corpus, as the tests generate it
                page_file.write_text(html.page("plan", synthetic.generate(5000)), "utf-8")
            else:
                html.export(settings, view, plans, focus, output=page_file)
            with opened(b, page_file) as (page, log):
                assert not log.foreign and not log.console_errors, log
                page.wait_for_timeout(200)
                target = out / f"{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
    return written


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    for path in screenshots(root / "docs"):
        print(f"wrote {path}", file=sys.stderr)
