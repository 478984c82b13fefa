"""View › Linked Copies of Shared Values: the option, and the pass the copies show.

A weight used by every data point sends a wire from its frame to each use;
with every group of the MLP open they crossed all the neuron frames. With
the option on (the default) each such use is drawn as a small copy of the
weight beside its port (gui/canvas/linked/), and after Backward each copy
shows the gradient that use sends back, so the original's gradient reads as
the sum of its copies' (micrograd's ``+=``). View state only: the model, the
file and the headless commands are the same either way. The option is
remembered in the settings, as Gradient Flow and the minimap are.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from core.graph.backward import BackwardResult
from core.graph.gradient_flow import carried_back
from gui.common import settings
from gui.common.actions import make_action
from gui.host import Host

Key = tuple[str, str, int]


class LinkedCopiesFeature(QObject):
    """The View menu's check box of one window, and the pass told to the copies."""

    def __init__(self, host: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linked_copies")
        self.host = host
        self.action = make_action(
            host.dialog_parent(),
            "linked_copies",
            "Lin&ked Copies of Shared Values",
            self.set_enabled,
            tip="Draw a weight or input used in other groups as a small copy beside each use",
            checkable=True,
        )
        host.menu("view").addAction(self.action)
        # where a double-click on a copy took the view (trial 71 #7: no way back to the neuron read)
        self.back = make_action(
            host.dialog_parent(),
            "linked_back",
            "&Back to the Linked Copy",
            self.go_back,
            shortcut="Alt+Left",
            tip="Back to the view and the linked copy a double-click went to the original from",
        )
        self.back.setEnabled(False)
        host.menu("view").addAction(self.back)
        linked = host.scene.linked
        linked.say = host.show_status
        linked.back_changed = lambda: self.back.setEnabled(host.scene.linked.came_from is not None)
        blocked = self.action.blockSignals(True)
        self.action.setChecked(settings.linked_copies())
        self.action.blockSignals(blocked)
        self._result: BackwardResult | None = None
        self._step_of: dict[str, int] | None = None  # node -> its step in the pass, made when first asked
        self._final: tuple[BackwardResult, Callable[[Key], float | None]] | None = None  # (its end)
        doc = host.document
        doc.pass_changed.connect(self._pass_changed)
        doc.pass_moved.connect(self._moved)
        self.host.scene.linked.set_on(self.action.isChecked())

    @property
    def enabled(self) -> bool:
        return self.action.isChecked()

    def go_back(self) -> None:
        """View › Back to the Linked Copy: the view as it was, the copy selected again."""
        linked = self.host.scene.linked
        was = linked.take_back()
        if was is None:
            return
        centre, zoom, key = was
        self.host.view.set_zoom(zoom, center=centre)
        if not (linked.there(key) and linked.is_linked(key)):  # (deleted, or the copies turned off)
            self.host.show_status("The linked copy is gone (deleted, or the copies are off)")
            return
        linked.pick(key)

    def set_enabled(self, on: bool) -> None:
        """The menu's check box: copies, or every wire drawn whole; remembered."""
        settings.set_linked_copies(on)
        self.host.scene.linked.set_on(on)

    def _pass_changed(self, _result: object = None) -> None:
        result = self.host.document.backward_pass
        self._result = result if isinstance(result, BackwardResult) else None
        self._step_of = None
        self._moved(self.host.document.pass_position)

    def _moved(self, pos: int | None) -> None:
        """The pass on screen moved: each copy shows what its use has sent back so far."""
        result = self.host.document.backward_pass
        if result is not self._result:
            self._result = result if isinstance(result, BackwardResult) else None
            self._step_of = None
        linked = self.host.scene.linked
        if self._result is None:
            linked.show_pass(None, None)
            return
        n = len(self._result.order)
        done = n if pos is None else max(0, min(pos, n))
        current = self._result.order[done - 1] if pos is not None and done > 0 else None
        if self._final is None or self._final[0] is not self._result:  # (one callable a pass: its sums kept)
            self._final = self._result, lambda key, r=self._result: self.carried(key, len(r.order))
        linked.show_pass(lambda key: self.carried(key, done), current, self._final[1])

    def carried(self, key: Key, done: int) -> float | None:
        """What the wire ``key`` carries back once ``done`` steps of the pass ran (None: not yet)."""
        r = self._result
        if r is None:
            return None
        if self._step_of is None:
            self._step_of = {node: i for i, node in enumerate(r.order)}
        return carried_back(r.steps, self._step_of, key, done)
