"""Which tab is in front where Order shares a tab group with the panel a
node is edited in (Properties, on the first start): Order when a pass
starts (and at its first step), the editing panel again when no pass is
under way. A trial: after Backward, clicking a node said "edit it in
Properties" with the Order tab still in front; File › New showed the empty
Order list.

When the pass is cleared (Backward › Clear, an edit, New, Open) the editing
panel comes forward, and so it does when a node is selected with no pass
shown or the pass at its end; mid-pass Order stays. A tab the user brings
forward by hand is theirs: Order picked (its tab clicked, or View › Panels)
stays in front through selections until the next pass starts or ends."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from gui.backward.animator import Animator
from gui.canvas.scene import GraphScene


class OrderTab(QObject):
    """Brings ``order`` or ``edit`` forward as ``animator``'s pass starts,
    moves and ends."""

    def __init__(
        self,
        order: QDockWidget,
        edit: QDockWidget | None,
        scene: GraphScene,
        animator: Animator,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.order, self.edit = order, edit
        self._animator = animator
        self._raising = False  # Order brought forward by this, not by the user
        self.picked = False  # the user brought Order forward since the pass started or ended
        self._selected = QTimer(self, singleShot=True, interval=0)  # (one gesture, one look)
        self._selected.timeout.connect(self._on_selected)
        self._ended = QTimer(self, singleShot=True, interval=0)  # (a new pass may follow at once)
        self._ended.timeout.connect(self._on_ended)
        scene.selectionChanged.connect(self._selected.start)
        order.visibilityChanged.connect(self._order_shown)
        order.toggleViewAction().triggered.connect(self._order_toggled)
        self._scene = scene
        #: Whether a panel in front of Order's tab set stays there when a pass starts (the
        #: window's: the Tutorial, whose tab Order went behind to keep the window's height).
        self.stays_in_front: Callable[[QDockWidget], bool] = lambda _dock: False

    def raise_order(self) -> None:
        """The pass's Order list in front (unless the user closed it, or it
        shares its tab set with a panel that stays in front)."""
        self.picked = False
        dock = self.order
        window = dock.parentWidget()
        if not isinstance(window, QMainWindow) or not dock.toggleViewAction().isChecked():
            return
        tabs = window.tabifiedDockWidgets(dock)
        if any(d.isVisible() and not d.visibleRegion().isEmpty() and self.stays_in_front(d) for d in tabs):
            return
        if tabs:
            self._raising = True
            try:
                dock.raise_()
            finally:
                self._raising = False

    def pass_ended(self) -> None:
        """The pass was cleared, or another graph shown: the editing panel
        in front again (once the event loop turns, unless a pass runs then)."""
        self.picked = False
        self._ended.start()

    def _on_ended(self) -> None:
        if not self._animator.active:  # (no pass began since)
            self._bring_edit()

    def _on_selected(self) -> None:
        a = self._animator
        if self.picked or (a.active and not a.at_end) or not self._scene.selected_node_set():
            return
        self._bring_edit()

    def _bring_edit(self) -> None:
        edit, order = self.edit, self.order
        window = order.parentWidget()
        if edit is None or edit.isHidden() or not isinstance(window, QMainWindow):
            return
        if edit not in window.tabifiedDockWidgets(order):
            return
        if order.isVisible() and not order.visibleRegion().isEmpty():  # (Order in front: not Train's tab)
            edit.raise_()

    def _order_shown(self, visible: bool) -> None:
        """Order came forward: by a click on its tab (the mouse is down), the user's pick."""
        if visible and not self._raising and QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self.picked = True

    def _order_toggled(self, on: bool) -> None:
        if on:  # View › Panels › Order
            self.picked = True
