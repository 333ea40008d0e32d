"""The README's examples are real: every `$ uv run ivp ...` block still gives what it shows."""

from __future__ import annotations

import re
import shlex

import pytest

from graph.config import PROJECT_ROOT

BLOCK = re.compile(
    r"```text\n\$ uv run ivp (?P<command>[^\n]+?)(?:  # exits (?P<code>\d))?\n(?P<output>.*?)```",
    re.DOTALL,
)
EXAMPLES = list(BLOCK.finditer((PROJECT_ROOT / "README.md").read_text(encoding="utf-8")))


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda m: m["command"])
def test_readme_example_output_is_current(run_cli, example: re.Match) -> None:
    result = run_cli(*shlex.split(example["command"]))
    assert result.exit_code == int(example["code"] or 0), result.output
    actual = {line.rstrip() for line in result.output.splitlines()}
    shown = [line.rstrip() for line in example["output"].splitlines() if line != "..."]
    missing = [line for line in shown if line not in actual]
    assert not missing, "README shows lines the command no longer prints:\n" + "\n".join(missing)
