"""Shared by the hostile-input tests: run the real CLI and sample article texts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GOOD = (
    "Harbour officials said the new ferry terminal will open on 4 March after two years of work.\n\n"
    "The project cost 48 million euros, according to the port authority.\n\n"
    "Mayor Ines Alvarez called the terminal a turning point for the island economy.\n"
)
OTHER = (
    "The ferry terminal opens on 4 March, harbour officials said after two years of construction.\n\n"
    "According to the port authority, the project cost 52 million euros.\n\n"
    "Local fishermen worry that the larger ships will crowd the old quay.\n"
)


def run_report(
    args: list[str], env: dict[str, str] | None = None, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[bytes]:
    """``triangulate report ARGS`` in a subprocess; ``prefix`` wraps it (e.g. setpriv)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "TERM")}
    full_env.update(env or {})
    return subprocess.run(
        [*prefix, sys.executable, "-m", "tui", "report", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        timeout=120,
        check=False,
    )
