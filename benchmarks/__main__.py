"""`uv run python -m benchmarks`: run every benchmark and print the tables (see run.py)."""

from benchmarks.run import main

main()
