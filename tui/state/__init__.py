"""UI-free state of the reader: what the widgets draw and the keys change.

Nothing here imports Textual or Rich (an import-linter contract checks), so every rule
(fact order, filters, the jump list, folds, column choice) is unit-tested without an app.
"""
