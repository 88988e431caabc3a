"""The version, in a module of its own so that the analysis core can name it without importing
the package entry point (which leads to the whole pipeline)."""

__version__ = "0.1.0"
