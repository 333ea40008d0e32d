"""How `ivp extract` copes with hostile input sizes, against a real plan (on demand).

    uv run python benchmarks/extract_input.py [--megabytes 20]

The baseline is drafting a curated plan's own text (Nijmegen's, about 0.1 MB) in the same run;
each hostile input is reported as seconds per megabyte against the baseline's seconds per
megabyte, so a ratio near 1 means the pipeline stays linear in the input's size. Inputs: random
noise without headings, one very long line of sentences, and a line of one repeated letter.
The tests (tests/test_extract_input.py) check what such input gives; this measures how long it
takes. Not a test: it prints, never fails.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from extract_support import draft  # noqa: E402

from graph.extract.normalise import normalise_text  # noqa: E402

SEED = ROOT / "data" / "sources" / "nijmegen-ivp-2022-2026.txt"


def noise(megabytes: float) -> str:
    rnd = random.Random(7)
    alphabet = string.ascii_letters + string.digits + "     .,;:-\n"
    return "".join(rnd.choices(alphabet, k=int(megabytes * 1_000_000)))


def long_line(megabytes: float) -> str:
    sentence = "De politie en de gemeente werken samen aan veiligheid in de wijk. "
    return sentence * int(megabytes * 1_000_000 / len(sentence)) + "\n"


def one_letter(megabytes: float) -> str:
    return "x" * int(megabytes * 1_000_000) + "\n"


def seconds(text: str, **options: object) -> float:
    started = time.perf_counter()
    draft(normalise_text(text), **options)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args(argv)
    seed = SEED.read_text(encoding="utf-8")
    seed_mb = len(seed.encode()) / 1_000_000
    base = seconds(seed) / seed_mb
    print(f"baseline: the Nijmegen plan, {seed_mb:.2f} MB, {base:.2f} s per MB")
    print(f"{'input':<14} {'MB':>6} {'seconds':>8} {'s per MB':>9} {'ratio':>6}")
    inputs: list[tuple[str, Callable[[float], str]]] = [
        ("noise", noise),
        ("long line", long_line),
        ("one letter", one_letter),
    ]
    for name, make in inputs:
        text = make(args.megabytes)
        mb = len(text.encode()) / 1_000_000
        took = seconds(text, municipality="Utrecht", period=(2025, 2028))
        print(f"{name:<14} {mb:>6.1f} {took:>8.1f} {took / mb:>9.2f} {took / mb / base:>6.2f}")


if __name__ == "__main__":
    main()
