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
import threading
from collections.abc import Iterator

_inside = threading.local()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS limited to one thread inside the block (a nested block asks threadpoolctl nothing).

    The limit is the process's: with two analyses in two threads, the first to finish lifts
    it while the other runs, which then only runs as before, with the same numbers."""
    if getattr(_inside, "active", False):
        yield
        return
    from threadpoolctl import threadpool_limits

    _inside.active = True
    try:
        with threadpool_limits(1, user_api="blas"):
            yield
    finally:
        _inside.active = False
