"""The details panel shows a theme's topics and where the plan places it (issue 11, part B)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_browser import CHROMIUM, browser, opened
from test_html_export import data_of

from graph import html, network
from graph.config import Settings
from graph.html import details as html_details
from graph.store import open_store

ZORG = "https://w3id.org/kruisverband/id/thema/pijnacker-nootdorp-2023/zorg-en-veiligheid"
VERKEER = "https://w3id.org/kruisverband/id/thema/pijnacker-nootdorp-2023/verkeersveiligheid"
# 3.3: "De onderwerpen waarbij samenwerking tussen het zorg- en veiligheidsdomein essentieel is"
SIX = (  # in the plan's order (3.3), not the alphabet's
    "Woonoverlast; Personen met verward of onbegrepen gedrag; Radicalisering en potentieel "
    "gevaarlijke eenlingen; Nazorg en re-integratie van ex-gedetineerden; Huiselijk geweld "
    "(waaronder kindermishandeling); Mensenhandel"
)


@pytest.fixture(scope="module")
def page_file(built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = open_store(built)
    text = html.page(
        "plan",
        network.load(store, built),
        html_details.load(store, built),
        ["pijnacker-nootdorp-2023"],
    )
    path = tmp_path_factory.mktemp("content") / "plan-pn.html"
    path.write_text(text, encoding="utf-8")
    return path


def facts_of(path: Path, iri: str) -> dict[str, str]:
    node = next(n for n in data_of(path.read_text(encoding="utf-8"))["nodes"] if n["iri"] == iri)
    return dict(node["facts"])


def test_theme_facts_name_its_topics_and_placement(page_file: Path) -> None:
    assert facts_of(page_file, ZORG)["onderwerpen (6)"] == SIX
    # 4.5: "Het thema verkeersveiligheid is belegd bij de afdelingen Beleid en Wijkzaken."
    placed = facts_of(page_file, VERKEER)["elders belegd bij"]
    assert placed == "de afdelingen Beleid en Wijkzaken"


def test_theme_facts_are_worded_in_the_pages_language(built: Settings, tmp_path: Path) -> None:
    store = open_store(built)
    text = html.page(
        "plan",
        network.load(store, built),
        html_details.load(store, built),
        ["pijnacker-nootdorp-2023"],
        lang="en",
    )
    path = tmp_path / "plan-pn-en.html"
    path.write_text(text, encoding="utf-8")
    assert facts_of(path, ZORG)["topics (6)"] == SIX
    assert "placed with" in facts_of(path, VERKEER)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser test needs Debian's chromium at /usr/bin/chromium")
    with browser() as b:
        yield b


def test_clicking_the_theme_shows_its_topics(
    chromium: Any, page_file: Path, tmp_path: Path
) -> None:
    with opened(chromium, page_file) as (page, log):
        page.fill("#kv-search", "Zorg en veiligheid")
        page.locator("#kv-results button", has_text="Zorg en veiligheid").first.click()
        assert page.text_content("#kv-details h2") == "Zorg en veiligheid"
        details = page.text_content("#kv-details") or ""
        assert "onderwerpen (6)" in details and "Woonoverlast" in details
        page.screenshot(path=str(tmp_path / "topics.png"))
        assert not log.foreign and not log.console_errors and not log.page_errors, log
