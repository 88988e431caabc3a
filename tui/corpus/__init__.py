"""Corpus mode: from many articles to stories, each story compared, on Dask.

``read`` turns inputs into :class:`~tui.corpus.records.CorpusArticle` records, ``grouping``
finds the stories, ``work`` compares a batch of stories (the task a Dask worker runs),
``run`` drives the whole job and ``output`` writes ``stories.parquet``/``.jsonl`` and
``stories/<id>.json``. The heavy libraries (Dask, pyarrow, scikit-learn) are the
``corpus`` extra; :func:`missing_extra` names the one that is absent.
"""

from __future__ import annotations

from importlib.util import find_spec

EXTRA_HINT = "pip install 'triangulate[corpus]'"
_MODULES = {"dask": "dask", "distributed": "distributed", "pyarrow": "pyarrow", "sklearn": "scikit-learn"}


def missing_extra(modules: tuple[str, ...] = tuple(_MODULES)) -> str | None:
    """The first package of the corpus extra that is not installed, or ``None``."""
    for module in modules:
        if find_spec(module) is None:
            return _MODULES.get(module, module)
    return None
