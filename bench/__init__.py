"""Benchmarks: engine speed, memory and accuracy on the seeds and on synthetic stories.

``python -m bench`` runs everything and writes ``docs/benchmarks.md``; see
``docs/performance.md`` for what is measured and why.
"""
