"""Widgets shown over the canvas's corners (the minimap, the Find bar): the
viewport they cover, so the pass's camera keeps the current step clear of
them rather than ringing a node nobody can see."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


class Overlays:
    """The widgets a view shows over its viewport, as they registered."""

    def __init__(self) -> None:
        self._widgets: list[QWidget] = []

    def add(self, widget: QWidget) -> None:
        """``widget`` (a child of the view, beside its viewport) covers part of the canvas while shown."""
        self._widgets.append(widget)

    def covered(self, viewport: QWidget) -> list[QRect]:
        """The rects of ``viewport`` (its coordinates) the shown widgets cover."""
        out = []
        for w in self._widgets:
            parent = w.parentWidget()
            if w.isVisible() and parent is not None:
                out.append(QRect(viewport.mapFrom(parent, w.pos()), w.size()))
        return out
