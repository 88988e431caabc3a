"""The analysis core: load, segment, normalise, match, classify, align.

Nothing in this package imports Textual or Rich (an import-linter contract and a
test enforce it), so it runs headless and is usable as a library.
"""
