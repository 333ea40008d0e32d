"""Where things live: the project's folders and the base IRI, each overridable.

The defaults point into the source tree, so `uv run ivp ...` works from a fresh clone; the
environment variables let tests and other deployments use other folders or another base IRI
without touching the code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE = "https://w3id.org/kruisverband/"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    ontology_dir: Path
    dist_dir: Path
    base: str = DEFAULT_BASE

    @property
    def store_dir(self) -> Path:
        return self.dist_dir / "store"

    @classmethod
    def from_env(cls, **overrides: Path | str | None) -> Settings:
        """Settings from KRUISVERBAND_* variables, then explicit overrides (None = keep)."""
        values: dict[str, Path | str] = {
            "data_dir": Path(os.environ.get("KRUISVERBAND_DATA", PROJECT_ROOT / "data")),
            "ontology_dir": Path(
                os.environ.get("KRUISVERBAND_ONTOLOGY", PROJECT_ROOT / "ontology")
            ),
            "dist_dir": Path(os.environ.get("KRUISVERBAND_DIST", PROJECT_ROOT / "dist")),
            "base": os.environ.get("KRUISVERBAND_BASE", DEFAULT_BASE),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        base = str(values["base"])
        if not base.endswith("/"):
            base += "/"
        return cls(
            data_dir=Path(values["data_dir"]),
            ontology_dir=Path(values["ontology_dir"]),
            dist_dir=Path(values["dist_dir"]),
            base=base,
        )
