"""How a measuring subprocess reports back: one JSON object on its last stdout line."""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from typing import Any


def report(measure: Callable[[], Any]) -> int:
    """Print ``measure()`` as JSON, or ``{"error": ...}`` with the traceback on stderr."""
    try:
        result = measure()
    except Exception as exc:
        traceback.print_exc()
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:300]}))
        return 1
    print(json.dumps(result))
    return 0
