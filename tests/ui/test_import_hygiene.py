"""The analysis core must run headless: importing it loads neither Textual nor Rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_core_imports_neither_textual_nor_rich() -> None:
    modules = _loaded_after(
        "import pkgutil, importlib, tui.core\n"
        "for m in pkgutil.walk_packages(tui.core.__path__, 'tui.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "from tui.core.pipeline import compare\n"
        "compare(['seeds'])"
    )
    assert "tui.core.pipeline" in modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich")}


def test_app_module_does_not_load_the_engine() -> None:
    """The reader's first frame must not wait for the engine's libraries."""
    modules = _loaded_after("import tui.app")
    assert "textual" in modules
    assert not {"tui.core.pipeline", "rapidfuzz", "numpy", "trafilatura"} & modules


def test_a_json_report_loads_only_what_it_uses() -> None:
    """``report --format json`` on the seeds with the cache off analyses with numpy but imports
    nothing it does not run: neither the app's libraries nor scipy (small batches use
    tui.core.rows), nor numpy.ma (which ``np.union1d`` imports) or TOML (no sources.toml)."""
    modules = _loaded_after(
        "import contextlib, io, os\n"
        "os.environ['TRIANGULATE_NO_CACHE'] = '1'\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['report', 'seeds', '--format', 'json']) == 0"
    )
    assert {"tui.core.align", "numpy"} <= modules
    unused = {"textual", "rich", "scipy", "numpy.ma", "tomllib"}
    assert not {m for m in modules if m in unused or m.split(".")[0] in unused}
