"""Which node the Chain Rule panel explains. With a pass shown: the current
step's, again after every move of the pass (Step, Step Back, Play, Skip to
End, Restart, a row of the Order list); a card clicked shows that card until
the next move (a click on the card already selected too: the pass may have
moved on since it was selected). With no pass: the one selected node."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer

from gui.backward.status_text import focus_node

# ``ctl`` is the BackwardController (not imported: it imports this module).


class ChainFocus(QObject):
    """Keeps ``ctl.chain_panel`` on the node it should explain."""

    def __init__(self, ctl: Any) -> None:
        super().__init__(ctl)
        self.ctl = ctl
        self._clicked = False  # (the node shown is a card the user picked)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._selection_timer = QTimer(self, singleShot=True, interval=0)
        self._selection_timer.timeout.connect(self.selection_changed)
        scene = ctl.window.scene
        # through a timer, as Properties and the window do: one refresh per
        # selection gesture, and none from a scene being torn down
        scene.selectionChanged.connect(self._selection_timer.start)
        scene.installEventFilter(self)  # a click on the card already selected

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.GraphicsSceneMousePress
            and event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
        ):
            self._selection_timer.start()
        return False

    def moved(self, pos: int) -> None:
        """The pass moved to ``pos``: its step's node, whatever was clicked."""
        rp = self.ctl.replay
        if rp is not None:
            self.show(focus_node(rp, pos))

    def selection_changed(self) -> None:
        ctl = self.ctl
        node = self.selected_node()
        if node is not None:
            self.show(node, clicked=True)
        elif ctl.replay is not None:
            self.show(focus_node(ctl.replay, ctl.animator.pos))
        else:  # no node selected (a wire, several, none) and no pass: nothing to explain
            self.show(None)

    def refresh_soon(self) -> None:
        """The same node again once an edit is done (its value lines)."""
        self._refresh_timer.start()

    def refresh(self) -> None:
        self.show(self.ctl.chain_panel.node, self._clicked)

    def selected_node(self) -> str | None:
        sel = self.ctl.scene.selected_node_set()  # which one: no order needed
        return next(iter(sel)) if len(sel) == 1 else None

    def show(self, node: str | None, clicked: bool = False) -> None:
        """Explain ``node`` (``clicked``: a card the user picked, not the step's)."""
        self._clicked = clicked
        ctl = self.ctl
        panel = ctl.chain_panel
        rp = ctl.replay
        why = ctl.refusal() if rp is None else None  # (Quiz Mode: "run Backward" would not be true)
        if node is None or node not in ctl.model:
            panel.show_hint(f"{panel.HINT_NO_PASS} {why}" if why else None)
            return
        panel.show_node(ctl.model, rp, node, ctl.animator.pos if rp is not None else 0, why, clicked)

    def step_point(self) -> QPointF | None:
        """Where the pass's current step is drawn (its card, or the folded
        card holding it), for the zoom keys to zoom about; None with no pass,
        or a finished one (its picture is the whole pass, not its last step:
        zoomed about x1[1] at the MLP's edge, the graph went into a corner, trial 59 #11)."""
        ctl = self.ctl
        rp = ctl.replay
        if rp is None or not ctl.animator.active or ctl.animator.at_end:
            return None
        node, sc = focus_node(rp, ctl.animator.pos), ctl.scene
        gid = sc.folding.card_of(node)
        item = sc.folding.card(gid) if gid is not None else sc.node_item(node)
        return item.sceneBoundingRect().center() if item is not None else None
