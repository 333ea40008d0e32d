"""`ivp review`: the offline review page in real headless Chromium (every request but the
file blocked, no errors), decisions taken on it applied by `ivp review --apply`, and `ivp
validate` saying what is still unreviewed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from extract_support import TEXTS
from html_browser import CHROMIUM, browser

from cli import main
from graph.config import Settings

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="browser test needs Debian's chromium at /usr/bin/chromium"
)


def invoke(settings: Settings, *args: str):
    return CliRunner().invoke(
        main, ["--data", str(settings.data_dir), "--dist", str(settings.dist_dir), *args]
    )


@pytest.fixture
def drafted(project_copy: Settings, tmp_path: Path) -> Settings:
    source = tmp_path / "amersfoort.txt"
    text = (TEXTS / "amersfoort.txt").read_text(encoding="utf-8")
    # markup in the source must stay text on the page
    source.write_text(text + "\n<img src=x onerror=alert(1)> De politie <b>helpt</b>.\n")
    result = invoke(project_copy, "extract", str(source), "--municipality", "Amersfoort")
    assert result.exit_code == 0, result.output
    return project_copy


@pytest.fixture
def page(drafted: Settings, tmp_path: Path) -> Iterator[Any]:
    out = tmp_path / "review.html"
    result = invoke(drafted, "review", "amersfoort-2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    with browser() as b:
        context = b.new_context(viewport={"width": 1400, "height": 900})
        url = out.resolve().as_uri()
        blocked: list[str] = []
        context.route(
            "**/*",
            lambda r: r.continue_() if r.request.url == url else (blocked.append(r.request.url),
                                                                   r.abort()),
        )  # fmt: skip
        p = context.new_page()
        errors: list[str] = []
        p.on("pageerror", lambda e: errors.append(str(e)))
        p.on("console", lambda m: m.type == "error" and errors.append(m.text))
        p.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
        p.goto(url)
        p.wait_for_selector("li.item")
        yield p
        assert not blocked, blocked
        assert not errors, errors
        shutil.copy(out, tmp_path / "kept.html")


def test_page_marks_every_item_grouped_low_confidence_first(page: Any) -> None:
    groups = page.locator("#panel section h2").all_inner_texts()
    assert any(g.startswith("themes (5)") for g in groups)
    assert any(g.startswith("partners (") for g in groups)
    assert page.locator("mark").count() >= 20
    # within a group the lowest confidence comes first
    for section in page.locator("#panel section").all():
        values = [float(c) for c in section.locator(".c").all_inner_texts() if c]
        assert values == sorted(values)
    # clicking an item shows its sentence in the text
    item = page.locator("li.item", has_text="Brandveiligheid").first
    item.locator("a").click()
    assert "Brandveiligheid" in page.locator("mark.focus").inner_text()
    # the source's markup is text, not an element
    assert page.locator("img").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.locator("#text").inner_text()


def test_decisions_from_the_page_change_the_draft(page: Any, drafted: Settings, tmp_path: Path):
    themes = page.locator("#panel section").filter(
        has=page.locator("h2", has_text=re.compile(r"^themes "))
    )
    rejected = themes.locator("li.item", has_text="Verkeersveiligheid").first
    rejected_path = rejected.get_attribute("data-path")
    rejected.locator("input[value=rejected]").check()
    corrected = themes.locator("li.item", has_text="Brandveiligheid").first
    corrected_path = corrected.get_attribute("data-path")
    corrected.locator("input[value=corrected]").check()
    corrected.locator("input.fix").fill("label=Brandveiligheid en brandpreventie")
    accepted = page.locator("#panel section", has_text="partners").locator("li.item").first
    accepted.locator("input[value=accepted]").check()
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(page.locator("#decisions").input_value(), encoding="utf-8")
    assert f'- path: "{rejected_path}"' in decisions.read_text(encoding="utf-8")
    result = invoke(drafted, "review", "amersfoort-2025", "--apply", str(decisions))
    assert result.exit_code == 0, result.output
    assert "1 accepted, 1 corrected, 1 rejected" in result.output
    plan_file = drafted.data_dir / "plans" / "amersfoort-2025.yaml"
    plan = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    labels = [t["label"] for t in plan["themes"]]
    assert "Verkeersveiligheid" not in labels
    fixed = next(t for t in plan["themes"] if t["label"].startswith("Brandveiligheid"))
    assert (fixed["label"], fixed["review"]) == ("Brandveiligheid en brandpreventie", "corrected")
    assert corrected_path.startswith("themes/")
    # validate passes and says what a curator has left
    result = invoke(drafted, "validate")
    assert result.exit_code == 0, result.output
    assert "draft amersfoort-2025:" in result.output and "still unreviewed" in result.output


def test_review_refuses_a_curated_plan_and_a_bad_decisions_file(
    drafted: Settings, tmp_path: Path
) -> None:
    result = invoke(drafted, "review", "nijmegen-2022")
    assert result.exit_code == 1 and "not a draft" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text('- path: "themes/99"\n  decision: accepted\n', encoding="utf-8")
    result = invoke(drafted, "review", "amersfoort-2025", "--apply", str(bad))
    assert result.exit_code == 1 and "no drafted item at 'themes/99'" in result.output
