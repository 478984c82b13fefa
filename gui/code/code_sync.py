"""The Code panel: the graph as micrograd-style code, kept in step with the
canvas both ways (the notebook loop: edit the code, run it, look again).

- The canvas changes: a moment later (debounced) the code is written anew by
  :func:`core.code.codetext.to_code`, unless the panel holds edits not yet
  applied; then it says the canvas changed and leaves the text alone.
- Apply (Ctrl+Enter): :func:`core.code.codediff.plan_code_edit` matches the
  text to the graph and one :class:`ApplyCodeCommand` on the Document's undo
  stack makes the edit in place. Code that cannot be read changes nothing;
  the error is shown at its line and column. After an apply the text stays
  as typed (it is what the graph is) until the canvas changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from core.code.codediff import EditPlan, apply_edit, plan_code_edit, revert_edit
from core.code.codegraph import DEFAULT_LEAF_VALUE, CodeError
from core.code.codenotes import hand_notes
from core.code.codetext import CodeText, to_code
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from core.graph.removed import WiringOrder
from gui.code.code_panel import WIDTH, CodePanel
from gui.code.show_added import bring_into_view
from gui.common import resources
from gui.common.actions import make_action
from gui.editing.commands import ModelCommand, push
from gui.host import Host

#: How long the canvas must be still before the code is written anew (ms).
REWRITE_DELAY = 250
#: A graph up to this size is fitted into the view when an apply adds nodes.
FIT_NODES = 60
#: Bigger graphs are not shown as code (writing and reading them takes seconds).
MAX_NODES = 5000


class ApplyCodeCommand(ModelCommand):
    """One apply of the Code panel: the whole in-place edit as one undo entry."""

    def __init__(self, model: GraphModel, plan: EditPlan) -> None:
        super().__init__(f"Apply code ({plan.summary()})")
        self.model, self.plan = model, plan
        self.dropped: list = []  # the groups the apply emptied, taken out with it
        self._order: list[str] = []  # the graph's nodes in order before it, for the undo
        self._wiring: WiringOrder = ({}, {}, {})

    def apply(self) -> None:
        m, plan = self.model, self.plan
        # (the undo makes the nodes and wires it took out again: each back in its place, as saved)
        self._order = m.nodes()
        self._wiring = m.wiring_order((s, t) for s, t, _ in (*plan.wires_before, *plan.wires_after))
        apply_edit(self.model, self.plan)
        # a group whose every node the code left out goes with them, as a delete on the
        # canvas takes it (a monkey test: it stayed, empty, and a saved file dropped it)
        gs = self.model.groups
        self.dropped = gs.drop_emptied(gs.ids()) if len(gs) else []

    def revert(self) -> None:
        if self.dropped:
            self.model.groups.restore_dropped(self.dropped)  # (the nodes go back into them)
        revert_edit(self.model, self.plan)
        self.model.put_in_order(self._order)
        self.model.put_wiring_order(self._wiring)


def error_message(e: Exception) -> str:
    """ "line 3, col 7: ..." for code errors, the message for others."""
    if isinstance(e, CodeError) and e.line is not None:
        return f"line {e.line}, col {e.column}: {e.detail}"
    return str(e.detail if isinstance(e, CodeError) else e)


class CodeSync(QObject):
    """The Code panel feature; see the module docstring."""

    def __init__(self, host: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code_sync")
        self.host = host
        self.panel = CodePanel()
        self.editor = self.panel.editor
        self.dock: QDockWidget = host.add_dock(
            "dock_code", "Cod&e", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.action_apply = make_action(
            self.panel,
            "apply_code",
            "Appl&y Code",
            self.apply,
            shortcut=["Ctrl+Return", "Ctrl+Enter"],
            tip="Update the canvas to what the Code panel says",
        )
        # the keys act in the panel only; the menu entry works from anywhere
        self.action_apply.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        graph = host.menu("graph")
        graph.addSeparator()
        graph.addAction(self.action_apply)
        #: Shows and hides the panel (View › Panels; the window puts it on its toolbar too).
        self.show_action = self.dock.toggleViewAction()
        self.show_action.setIcon(resources.icon("code"))
        self.show_action.setIconText("Code")
        self.show_action.setToolTip("Show or hide the Code panel: the graph as micrograd-style Python")
        self.panel.apply_button.clicked.connect(self.apply)
        self.panel.revert_button.clicked.connect(self.revert)
        self._synced_text = ""  # what the editor held when it last matched the graph
        self._synced_code = ""  # the graph's own code at that moment
        self._names: dict[str, str] = {}  # the synced text's variables -> node ids
        self._stale = False  # the canvas changed under unapplied edits
        self._pending = False  # a rewrite waits for the panel to be shown
        self._writing = False
        self._timer = QTimer(self, singleShot=True, interval=REWRITE_DELAY)
        self._timer.timeout.connect(self.refresh)
        host.document.graph_changed.connect(self._timer.start)
        host.document.replaced.connect(self._replaced)
        self.editor.textChanged.connect(self._edited)
        self.editor.leave_on_escape = True
        self.editor.escaped.connect(lambda: host.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.dock.visibilityChanged.connect(self._shown)
        self.refresh(force=True)

    # ------------------------------------------------------------ state
    @property
    def dirty(self) -> bool:
        """The text differs from the code last in step with the graph."""
        return self.editor.toPlainText() != self._synced_text

    @property
    def stale(self) -> bool:
        return self._stale

    def _update_state(self) -> None:
        if self.dirty:
            self.panel.set_state("stale" if self._stale else "edited")
        else:
            self._stale = False
            self.panel.set_state("synced" if len(self.host.model) else "empty")

    def _edited(self) -> None:
        if not self._writing:
            self._update_state()

    def _shown(self, visible: bool) -> None:
        if visible and not self.dock.isFloating() and self.dock.width() < WIDTH * 3 // 4:
            # opened beside narrow panels: give the code room (the canvas gives way)
            self.host.resizeDocks([self.dock], [WIDTH], Qt.Orientation.Horizontal)
        if not visible and self.dock.isHidden() and not self.dock.isFloating():
            # closed (not a tab behind another, nor the window going): its room goes
            # back to the canvas, not to the palette beside it (Qt kept the side's
            # width: a trial's palette grew to 490 pixels)
            beside = self._beside()
            self.host.resizeDocks(beside, [d.width() for d in beside], Qt.Orientation.Horizontal)
        if visible and self._pending:
            self.refresh()

    def _beside(self) -> list[QDockWidget]:
        """The panels shown in the Code panel's side of the window."""
        area = self.host.dockWidgetArea(self.dock)
        docks = self.host.docks.all()
        shown = [d for d in docks if d is not self.dock and d.isVisible() and not d.isFloating()]
        return [d for d in shown if self.host.dockWidgetArea(d) == area]

    def _replaced(self) -> None:
        """Another document: its code replaces whatever the panel held."""
        self._timer.stop()
        self.refresh(force=True)

    # ------------------------------------------------------------ canvas -> code
    def refresh(self, force: bool = False) -> None:
        """Write the graph as code, unless the panel holds unapplied edits
        (then only say the canvas changed). Hidden, it waits until shown."""
        if not force and not self.dock.isVisible():
            self._pending = True
            return
        self._pending = False
        n = len(self.host.model)
        if n > MAX_NODES:
            self._too_big(n, force)
            return
        self.editor.setReadOnly(False)
        code = to_code(self.host.model)
        if not force:
            if code.text == self._synced_code:
                return  # moves, or values that the code does not show
            if self.dirty:
                self._stale = True
                self._update_state()
                return
        self._show(code)

    def _show(self, code: CodeText) -> None:
        self._writing = True
        try:
            if self.editor.toPlainText() != code.text:
                self.editor.set_text_keeping_place(code.text)
        finally:
            self._writing = False
        self._synced_text = self._synced_code = code.text
        self._names = dict(code.names)
        self._stale = False
        self.panel.clear_error()
        self._update_state()

    def _too_big(self, n: int, force: bool) -> None:
        """A graph too big for the panel: say so instead of its code."""
        if not force and self.dirty and not self.editor.isReadOnly():
            self._stale = True  # the edits stay; they can still be applied
            self._update_state()
            return
        self._show(
            CodeText(
                f"# This graph has {n:,} nodes: the Code panel shows graphs of up to {MAX_NODES:,}.\n"
                "# File › Export › Export as Python Script… writes all of it.\n"
            )
        )
        self._names.clear()
        self.editor.setReadOnly(True)

    def revert(self) -> None:
        """Drop the edits: show the graph as code."""
        self.refresh(force=True)
        self.host.show_status("Code panel: edits dropped; it shows the canvas again")

    # ------------------------------------------------------------ code -> canvas
    def apply(self) -> bool:
        """Make the graph what the code says, in place, as one undo entry.
        False (the graph untouched, the error shown) when the code cannot be read."""
        self._timer.stop()
        if not self.dirty or self.editor.isReadOnly():
            self.refresh()  # a canvas edit not yet written as code is not undone
            self.host.show_status("Nothing to apply: the code is what the canvas shows")
            return True
        text = self.editor.toPlainText()
        model = self.host.model
        try:
            plan = plan_code_edit(model, text, self._names)
            if not plan.empty:
                push(self.host.undo_stack, ApplyCodeCommand(model, plan))
        except GraphError as e:
            msg = error_message(e)
            self.panel.show_error(msg)
            if isinstance(e, CodeError):
                self.editor.mark_error(e.line, e.column, e.end_column)
            self.editor.setFocus()
            self.host.show_status(f"Code not applied, the canvas is unchanged: {msg}", 10000)
            return False
        self._synced_text, self._names = text, dict(plan.names)
        self._synced_code = to_code(model).text
        self._stale = False
        self.panel.clear_error()
        self._update_state()
        if plan.added:  # new nodes are shown (the keyboard stays in the code)
            scene, view = self.host.scene, self.host.view
            if len(model) <= FIT_NODES or len(plan.added) == len(model):
                view.fit_all()  # a small graph: all of it, as draw_dot would show it
            elif not bring_into_view(scene, view, model.nodes(), zoom_out=False):
                bring_into_view(scene, view, plan.added)  # at least the new ones
        # lines read, not done (L.grad = 1.0, o._backward(), print: trial 58 #2), named as Import Code does
        skipped = hand_notes(text)
        said = f" · skipped: {'; '.join(skipped)}" if skipped else ""
        if plan.empty:
            self.host.show_status(f"Applied: the canvas already is what the code says{said}", 10000)
        else:
            note = ""
            if plan.defaulted:
                names = ", ".join(model.label(n) for n in plan.defaulted)
                note = f"; no value given for {names}: set to {DEFAULT_LEAF_VALUE}"
            self.host.show_status(
                f"Applied the code: {plan.summary()}{note} (Undo takes it back){said}", 10000
            )
        return True

    def focus(self) -> None:
        """Show the panel and put the cursor in the code."""
        self.dock.show()
        self.dock.raise_()
        self.editor.setFocus()
