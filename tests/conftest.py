"""Suite-wide isolation: nothing a test runs may read or write the user's own config, review
files or analysis cache, including the CLI and app subprocesses tests start."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# No test may depend on how fast the machine is: Hypothesis's time limits (a deadline per
# example, a health check on how fast inputs are generated) failed property tests on a loaded
# two-core machine. Loaded here, before the test modules, so every @settings inherits it.
settings.register_profile("triangulate", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("triangulate")

# Before any test module imports the core: its compiled patterns are looked up in the cache
# directory at import time (tui/core/patterns.py), before the session fixture below runs.
_EARLY = tempfile.mkdtemp(prefix="triangulate-tests-")
os.environ["TRIANGULATE_CACHE_DIR"] = _EARLY
atexit.register(shutil.rmtree, _EARLY, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    base = tmp_path_factory.mktemp("user-dirs")
    saved = {
        k: os.environ.get(k)
        for k in ("TRIANGULATE_CACHE_DIR", "TRIANGULATE_DATA_DIR", "TRIANGULATE_CONFIG_DIR")
    }
    os.environ["TRIANGULATE_CACHE_DIR"] = str(base / "cache")
    os.environ["TRIANGULATE_DATA_DIR"] = str(base / "data")
    os.environ["TRIANGULATE_CONFIG_DIR"] = str(base / "config")
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
