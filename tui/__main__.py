"""``python -m tui`` behaves exactly like the ``triangulate`` command."""

from tui.cli import main

raise SystemExit(main())
