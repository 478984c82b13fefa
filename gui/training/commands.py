"""The Data panel's undo command: one gesture on the data set (generate,
import, add, move or remove a point, clear) is one undo entry."""

from __future__ import annotations

from collections.abc import Callable

from core.graph import dataset
from core.graph.model import GraphModel
from gui.editing.commands import ModelCommand


class SetDataCommand(ModelCommand):
    """Replace the graph's data set (``graph.data``; None removes it)."""

    def __init__(self, model: GraphModel, new: dict | None, text: str, changed: Callable[[], None]) -> None:
        super().__init__(text)
        self.model, self.new, self.changed = model, new, changed
        self.old = model.attrs.get(dataset.FILE_KEY)

    def _set(self, rec: dict | None) -> None:
        if rec is None:
            self.model.attrs.pop(dataset.FILE_KEY, None)
        else:
            self.model.attrs[dataset.FILE_KEY] = rec
        self.changed()

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)
