"""Errors the core raises for bad input; the CLI turns them into one-line messages."""

from __future__ import annotations


class InputError(Exception):
    """An input that cannot be used, with the path and a reason a person can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
