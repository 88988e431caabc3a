"""numpy's BLAS on one thread while the engine runs its many small products.

OpenBLAS starts a thread per core and, after each product, keeps them spinning for a while
in case another follows. The engine's products are small and come between stretches of
Python: the threads did no useful work, and their spinning took as much CPU again as the
products, on a two-core machine from the engine's own thread (the seeds' analysis took a
third longer). Every thread computes whole blocks of the result, so one thread gives the
same numbers.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

_inside = threading.local()
_one_from_start = False
"""Whether BLAS was started with one thread (:func:`one_thread_from_start`)."""


def one_thread_from_start() -> None:
    """For a program, before anything imports numpy: BLAS gets one thread for the whole
    process (``OPENBLAS_NUM_THREADS``, unless the user set it), so its threads never spin and
    :func:`one_blas_thread` has nothing to do (threadpoolctl's import and its scan of the loaded
    libraries cost about 15 ms). Too late once numpy is loaded: then nothing changes."""
    global _one_from_start
    if "numpy" in sys.modules:
        return
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _one_from_start = os.environ["OPENBLAS_NUM_THREADS"] == "1"


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS limited to one thread inside the block (a nested block asks threadpoolctl nothing).

    The limit is the process's: with two analyses in two threads, the first to finish lifts
    it while the other runs, which then only runs as before, with the same numbers."""
    if _one_from_start or getattr(_inside, "active", False):
        yield
        return
    _inside.active = True
    try:
        with _blas_controller().limit(limits=1, user_api="blas"):
            yield
    finally:
        _inside.active = False


_controller: tuple[int, Any] | None = None
"""threadpoolctl's controller and how many modules were loaded when it looked."""


def _blas_controller() -> Any:
    """threadpoolctl's view of the loaded thread pools, looked up again only once a module was
    imported since the last look. Each look reads the process's memory map (0.5 ms, a fixed
    cost of every analysis); a pool's library is loaded by the import of an extension module
    (numpy, scipy), which the count of modules sees. ``limit`` reads each pool's threads anew."""
    global _controller
    from threadpoolctl import ThreadpoolController

    loaded = len(sys.modules)
    if _controller is None or _controller[0] != loaded:
        _controller = (loaded, ThreadpoolController())
    return _controller[1]
