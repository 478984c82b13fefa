"""One open graph document, handed to every feature of the window.

The window keeps one :class:`Document` for its whole life; New, Open and
recovery *replace* its model rather than make a new document, so a feature
subscribes to the document's signals once and never re-finds the model. The
model's own change signals are relayed (``graph_changed``, ``values_changed``,
``structure_changed``), so a listener does not reconnect after a replace.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from core.graph.backward import BackwardResult
from core.graph.forward_mode import ForwardResult
from core.graph.model import GraphModel
from gui.document.saved_state import differs_from_saved


class Document(QObject):
    """Model, undo stack, path/name, modified state and the current pass."""

    #: A new model (New, Open, recovery): anything tied to the old one is void.
    replaced = Signal()
    #: The file or name changed (Save As, Open).
    file_changed = Signal()
    #: Unsaved changes appeared (True) or were saved or undone away (False).
    modified_changed = Signal(bool)
    #: Any edit of the model (structure, values, labels, output): relayed.
    graph_changed = Signal()
    #: Node ids whose forward value changed: relayed.
    values_changed = Signal(object)
    #: Nodes or wires added or removed, or the output changed: relayed.
    structure_changed = Signal()
    #: A node's attribute changed (id, name: "label", "value", ...): relayed.
    node_changed = Signal(str, str)
    #: A node was moved (id, x, y): relayed.
    #: Nodes were moved: their ids, once per event-loop turn (a drag or an
    #: arrow-key nudge of 5,000 cards is one signal, not 5,000).
    nodes_moved = Signal(object)
    #: The pass on screen started (a BackwardResult, or a ForwardResult in forward mode) or ended (None).
    pass_changed = Signal(object)
    #: Groups added, removed, renamed or folded (the model's ``groups.changed``).
    groups_changed = Signal()
    #: The pass on screen moved to a step (how many of its steps are shown
    #: done; None: all of it, a pass shown without stepping).
    pass_moved = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undo_stack")
        self.undo_stack.cleanChanged.connect(self._history_moved)
        self.undo_stack.indexChanged.connect(self._history_moved)
        self._modified = False  # as last said by modified_changed
        self.model = GraphModel()
        self.path: str | None = None  # where Save writes; None: ask
        self.name = "Untitled"
        #: The example the app opened at launch, the user's choice of nothing (app.py):
        #: a formula typed over it opens as a graph of its own (gui/code/import_where.py).
        self.at_start = False
        self._pass: BackwardResult | ForwardResult | None = None
        self._pass_pos: int | None = None
        self._view_placed = 0
        self._relays: list[tuple[Any, Any]] = []
        self._moved: set[str] = set()
        self._moved_timer = QTimer(self, singleShot=True, interval=0)
        self._moved_timer.timeout.connect(self._emit_moved)
        self._listen(self.model)

    # ------------------------------------------------------------ the model
    def replace(self, model: GraphModel, path: str | None = None, name: str | None = None) -> None:
        """Show ``model`` from now on; the undo history starts empty.

        The order listeners see: the pass on screen ends (``pass_changed``),
        the history empties (``modified_changed`` if it was modified), then
        ``replaced`` (state tied to the old model is void), ``file_changed``,
        and last ``graph_changed`` (so a tool that stops on an edit has
        already reset itself on ``replaced`` and says nothing)."""
        self.set_pass(None)
        self.undo_stack.clear()
        self._unlisten()
        self._moved = set()
        self.model = model
        self._listen(model)
        self.path = os.path.abspath(path) if path else None
        self.name = name or (os.path.basename(path) if path else "Untitled")
        self.at_start = False
        self.undo_stack.setClean()
        self.replaced.emit()
        self.file_changed.emit()
        self.graph_changed.emit()

    def named(self, name: str) -> None:
        """A graph in no file takes ``name`` (the code it was read from: Save proposed
        "Untitled.mgraph" for mlp.py's graph, t62 #10); a file's keeps the file's."""
        if self.path is None:
            self.name = name
            self.file_changed.emit()

    def saved_as(self, path: str) -> None:
        """The model was written to ``path``: that is its file now, unmodified."""
        self.path = os.path.abspath(path)
        self.name = os.path.basename(path)
        self.undo_stack.setClean()
        self.file_changed.emit()

    @property
    def modified(self) -> bool:
        """Closing would lose something: the history moved off the saved state
        (and not only by folds that put every group and card back: saved_state.py)."""
        return self._modified

    @property
    def untouched(self) -> bool:
        """A graph the app made or opened (an example, a template; or none), not changed and with
        no file of its own: replacing it loses nothing, so what is imported opens in its place by
        default."""
        return not self._modified and self.path is None

    def mark_modified(self) -> None:
        """Differs from any file until saved (recovered work)."""
        self.undo_stack.resetClean()
        self._history_moved()  # (already off the clean state: Qt says nothing)

    def _history_moved(self, *_: object) -> None:
        modified = differs_from_saved(self.undo_stack, self.model)
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    def _listen(self, model: GraphModel) -> None:
        # Closures, not bound methods: psygnal holds bound methods weakly.
        def graph(*_: Any) -> None:
            self.graph_changed.emit()

        def values(ids: Any) -> None:
            self.values_changed.emit(ids)

        def structure(*_: Any) -> None:
            self.structure_changed.emit()

        def moved(node_id: str, x: float, y: float) -> None:
            if not self._moved:
                self._moved_timer.start()
            self._moved.add(node_id)

        def moved_many(positions: Any) -> None:  # a batch (Auto Layout, undo of a drag)
            if not self._moved:
                self._moved_timer.start()
            self._moved.update(positions)

        def changed(node_id: str, name: str) -> None:
            self.node_changed.emit(node_id, name)

        def groups(*_: Any) -> None:
            self.groups_changed.emit()

        self._relays = [
            (model.graph_changed, graph),
            (model.values_changed, values),
            (model.node_moved, moved),
            (model.nodes_moved, moved_many),
            (model.node_changed, changed),
            (model.groups.changed, groups),
        ]
        self._relays += [
            (sig, structure)
            for sig in (
                model.node_added,
                model.node_removed,
                model.edge_added,
                model.edge_removed,
                model.nodes_added,  # batches (core.graph.bulk_edit): one relay each
                model.nodes_removed,
                model.edges_added,
                model.edges_removed,
                model.output_changed,
            )
        ]
        for sig, slot in self._relays:
            sig.connect(slot)

    def _emit_moved(self) -> None:
        moved, self._moved = self._moved, set()
        if moved:
            self.nodes_moved.emit(moved)

    def _unlisten(self) -> None:
        for sig, slot in self._relays:
            sig.disconnect(slot)
        self._relays = []

    # ------------------------------------------------------------ the pass on screen
    @property
    def backward_pass(self) -> BackwardResult | ForwardResult | None:
        """The backward pass the canvas shows (None when none is shown)."""
        return self._pass

    def set_pass(self, result: BackwardResult | ForwardResult | None) -> None:
        if result is self._pass:
            return
        self._pass = result
        self._pass_pos = None
        self.pass_changed.emit(result)

    @contextmanager
    def placing_view(self) -> Iterator[None]:
        """An edit made for a feature that places the view itself (Find
        opening the group around its match): the pass on screen must not
        bring its step back into view over it."""
        self._view_placed += 1
        try:
            yield
        finally:
            self._view_placed -= 1

    @property
    def view_placed(self) -> bool:
        """True while an edit inside ``placing_view`` runs."""
        return self._view_placed > 0

    @property
    def pass_position(self) -> int | None:
        """How many steps of the pass on screen are shown done (None: all)."""
        return self._pass_pos

    def set_pass_position(self, pos: int | None) -> None:
        if pos != self._pass_pos:
            self._pass_pos = pos
            self.pass_moved.emit(pos)
