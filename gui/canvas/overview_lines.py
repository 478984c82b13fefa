"""The far overview's lines, handed out whole (gui/canvas/overview.py's mixin).

When every node of a big graph is deleted far out, the overview's line of
every wire is kept aside with the lazy wires' filing (gui/canvas/lazy_wires.py:
``forget_all``); the undo puts them back as they were, where working out
every wire's ends and making its line again cost ~0.3 s at 50,000 nodes
(the cards do not move while their graph is gone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF


class OverviewLines:
    """``plain_lines``, mixed into OverviewLayer."""

    if TYPE_CHECKING:  # OverviewLayer's own
        _dirty: bool
        _lines: dict[str | None, dict[tuple, QLineF]]
        _box_of: dict[tuple, str | None]

    def plain_lines(self) -> dict[tuple, QLineF] | None:
        """The line of every wire drawn (key -> line; the layer's own: read
        it, don't change it), if each is plain and at the top level
        (neither lit, selected, widened nor in a group's box) and the layer
        is up to date; else None."""
        plain = None if self._dirty else self._lines.get(None)
        return plain if plain is not None and len(plain) == len(self._box_of) else None
