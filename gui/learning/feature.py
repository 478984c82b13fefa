"""The Learn menu: gradient check, nudge, train, the classic bugs, quiz mode,
parameters vs. constants, and the Neuron / MLP templates.

The window builds one :class:`LearningController` and hands it itself as
the :class:`~gui.host.Host`. The numbers come from
core (gradcheck, training, classic_bugs, quiz, templates); every edit is a
QUndoCommand (gui/learning/commands.py); what is drawn on the cards is view
state (gui/learning/overlay.py) and is cleared when the graph changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QSizeF, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDockWidget, QWidget

from core.explain.format import fmt
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from core.learn import templates, training
from core.learn.classic_bugs import BUGS
from gui.canvas.cards.card_text import FULL_ZOOM
from gui.common.actions import make_action
from gui.common.dock_places import grow_by, grow_for, open_below
from gui.editing.commands import push, set_trainable_command
from gui.host import Host
from gui.learning.gradcheck import GradCheckPanel
from gui.learning.overlay import Overlay
from gui.learning.quiz import ENDED_BY_OPEN, START, QuizPanel
from gui.learning.templates import MLPDialog, NeuronDialog, insert_template
from gui.learning.train import NudgePanel, TrainPanel
from gui.learning.whatif import WhatIfPanel

MIN_BOTTOM_HEIGHT = 340  # room for an explanation and a few table rows


class LearningController(QObject):
    """The Learn menu's tools and docks for one window."""

    def __init__(
        self,
        window: Host,
        tables_beside: QDockWidget | None = None,
        panels_beside: QDockWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``tables_beside``/``panels_beside``: the docks the wide tables
        (below the canvas) and the narrow panels (at the side) are tabbed with."""
        super().__init__(parent)
        self.setObjectName("learning_controller")
        self.window = window
        self.overlay = Overlay(window)
        self._painting = False  # our own overlay work, not an edit
        self.gradcheck = GradCheckPanel(window)
        self.nudge = NudgePanel(window)
        self.train = TrainPanel(window)
        self.whatif = WhatIfPanel(window)
        self.quiz = QuizPanel(window, self.overlay)
        # wide tables go below the canvas, with the Chain Rule panel; the
        # narrow panels go on the right, tabbed with Properties
        bottom, right = Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        tables, panels = tables_beside, panels_beside
        self.dock_gradcheck = self._dock(
            "dock_learn_gradcheck", "Gradient Check", self.gradcheck, bottom, tables
        )
        self.dock_whatif = self._dock("dock_learn_whatif", "What If…", self.whatif, bottom, tables)
        self.dock_nudge = self._dock("dock_learn_nudge", "Nudge", self.nudge, right, panels)
        self.dock_train = self._dock("dock_learn_train", "Train", self.train, right, panels)
        self.dock_quiz = self._dock("dock_learn_quiz", "Quiz", self.quiz, right, panels)
        self._make_actions()
        self._make_menu()
        self.gradcheck.checked.connect(self._show_gradcheck)
        self.whatif.replayed.connect(self._show_replay)
        self.whatif.shape.room_wanted.connect(lambda: QTimer.singleShot(0, self, self._grow_whatif))
        self.whatif.shape.escaped.connect(lambda: window.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.gradcheck.node_activated.connect(self._show_node)
        self.whatif.node_activated.connect(self._show_node)
        self.whatif.demo_requested.connect(self.insert_bug_demo)
        self.whatif.again_requested.connect(self.show_bug)
        self._demo_model: object = None  # the graph the What If button opened last (not offered there)
        self._demo_title = ""  # which example that is (two mistakes share one)
        self.quiz.start_asked.connect(self._quiz_on)
        self.quiz.state_changed.connect(self._quiz_state)
        self.quiz.finished.connect(lambda s, t: self._status(f"Quiz over: {s} / {t}"))
        window.document.replaced.connect(self.attach)
        window.document.graph_changed.connect(self._on_graph_changed)
        window.document.pass_changed.connect(self._on_pass_changed)

    # ================================================================ set-up
    def _dock(
        self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea, tab_with: QDockWidget | None
    ) -> QDockWidget:
        # (the tables below the canvas are one graph's results: not reopened at the next start)
        result = area == Qt.DockWidgetArea.BottomDockWidgetArea
        dock = self.window.add_dock(name, title, widget, area, tab_with, result=result)
        dock.hide()  # shown by its Learn menu entry
        return dock

    def _make_actions(self) -> None:
        w = self.window

        def act(name, text, slot, tip, checkable=False):
            return make_action(w, f"learn_{name}", text, slot, tip=tip, checkable=checkable)

        self.action_gradcheck = act(
            "gradcheck",
            "&Gradient Check…",
            self.run_gradcheck,
            "Compare every gradient with a finite difference (select leaves to check only those)",
        )
        self.action_nudge_up = act(
            "nudge_up",
            "Nudge &Up (+ step × grad)",
            lambda: self.do_nudge(+1),
            "Move every parameter by +step × grad: the output goes up",
        )
        self.action_nudge_down = act(
            "nudge_down",
            "Nudge &Down (− step × grad)",
            lambda: self.do_nudge(-1),
            "Move every parameter by −step × grad: a gradient-descent step",
        )
        self.action_nudge = act(
            "nudge",
            "Nudg&e Panel…",
            lambda: self._raise(self.dock_nudge),
            "Show the Nudge panel (step size, predicted vs. actual change)",
        )
        self.action_train = act(
            "train",
            "&Train…",
            lambda: self._raise(self.dock_train),
            "Gradient descent on the output for N steps, with a live plot",
        )
        self.action_whatif = {
            key: act(
                f"whatif_{key}",
                bug.title,
                lambda k=key: self.show_bug(k),
                "Re-run backward with this mistake and compare",
            )
            for key, bug in BUGS.items()
        }
        self.action_quiz = act(
            "quiz",
            "&Quiz Mode",
            self.set_quiz,
            "Hide the gradients and type each one yourself",
            checkable=True,
        )
        self.action_trainable = act(
            "trainable",
            "&Parameter (Trainable)",
            self.set_trainable,
            "Selected leaves are parameters that Nudge and Train change; unchecked: data (inputs, targets)",
            checkable=True,
        )
        self.action_neuron = act(
            "insert_neuron",
            "Insert &Neuron…",
            self.ask_neuron,
            "Add a neuron o = act(Σ xᵢ·wᵢ + b), laid out as in the lecture",
        )
        self.action_mlp = act(
            "insert_mlp",
            "Insert &MLP…",
            self.ask_mlp,
            "Add the lecture's MLP(3, [4, 4, 1]) with its loss on its four data points (or on one)",
        )

    def _make_menu(self) -> None:
        m = self.window.menu("learn")
        m.addAction(self.action_gradcheck)
        m.addSeparator()
        m.addActions([self.action_nudge_up, self.action_nudge_down, self.action_nudge, self.action_train])
        m.addSeparator()
        self.whatif_menu = m.addMenu("&What If…")
        self.whatif_menu.setObjectName("menu_learn_whatif")
        self.whatif_menu.addActions(list(self.action_whatif.values()))
        m.addAction(self.action_quiz)
        m.addSeparator()
        m.addAction(self.action_trainable)
        m.addActions([self.action_neuron, self.action_mlp])
        m.aboutToShow.connect(self._update_trainable_action)
        m.menuAction().setVisible(True)

    # ================================================================ document
    def attach(self) -> None:
        """A new model in the document: results about the old one are void."""
        self.train.reset()
        self.nudge.reset()
        self.gradcheck.reset()
        self.whatif.reset()
        if self.quiz.active:  # said, with how to play on the new graph (trial 51: it ended without a word)
            self.quiz.stop(f"{ENDED_BY_OPEN}. Press “{START}” to quiz yourself on this one.")
            QTimer.singleShot(0, self, self._say_quiz_ended)
        self.overlay.forget()
        if self.action_quiz.isChecked():
            self.action_quiz.setChecked(False)

    def _say_quiz_ended(self) -> None:
        """After what opening the graph said ("Opened …"), not instead of it."""
        said = self.window.status_text()
        self._status(f"{said} · {ENDED_BY_OPEN}" if said else ENDED_BY_OPEN)

    def _on_graph_changed(self) -> None:
        if self.quiz.active:
            self.quiz.stop(
                "The graph changed, so the quiz ended. Turn Quiz Mode on again to play on the new graph."
            )
            self.action_quiz.setChecked(False)
        if self.overlay.ids:
            self.overlay.clear()

    def _on_pass_changed(self, result: object) -> None:
        """A pass started: it draws every card anew, over the marks (clearing them later would
        take the pass's gradients off their cards)."""
        if result is not None:
            self.overlay.forget()

    # ================================================================ helpers
    def _raise(self, dock: QDockWidget) -> None:
        first = dock.isHidden()
        open_below(dock, MIN_BOTTOM_HEIGHT)  # (under the canvas: one row of tabs)
        if first and self.window.dockWidgetArea(dock) != Qt.DockWidgetArea.BottomDockWidgetArea:
            # at the side, the height it would like (the Train plot's) from the panels that have
            # room to spare, once laid out (at 1366×768 it opened at its least: the plot a strip)
            QTimer.singleShot(0, self, lambda: grow_by(dock, dock.sizeHint().height() - dock.height()))

    def _status(self, text: str) -> None:
        self.window.show_status(text)

    def _show_node(self, node_id: str) -> None:
        if node_id in self.window.model:
            self.window.show_node(node_id)

    def _quiet_animation(self) -> None:
        """End the backward pass on screen (if any) so the two don't draw at once."""
        self.window.document.set_pass(None)

    def backward_refusal(self) -> str | None:
        """Why Backward must not run now: an unfinished quiz (the pass would
        show every answer on the cards and bring Order over the Quiz tab)."""
        q = self.quiz.quiz
        if q is None or q.done:
            return None
        return (
            "Quiz Mode is on: Backward would show the answers. Finish the quiz, or turn "
            "Quiz Mode off (Learn menu), then run Backward."
        )

    def _begin_marks(self, ended: str) -> None:
        """Room on the cards for a tool's marks: a quiz stops, a pass on screen ends, said with
        ``ended`` (why: trial 67 #4, the pass's gradients and Back/Step went without a word)."""
        if self.quiz.active:
            self.quiz.stop("Quiz stopped.")
            self.action_quiz.setChecked(False)
        if self.window.document.backward_pass is not None:
            self._status(f"{ended} (Ctrl+B runs Backward again).")
        self._quiet_animation()
        self.overlay.clear()

    # ================================================================ actions
    def run_gradcheck(self):
        self._raise(self.dock_gradcheck)
        if self.gradcheck.running:  # the menu does not stop a check; its Stop button does
            return None
        return self.gradcheck.run()

    def _show_gradcheck(self, res) -> None:
        """The gradients that disagree marked on their cards. None: a pass on screen stays, its
        gradients on the cards beside the table's Analytic column (trial 67 #4: a finished pass
        ended unsaid); marks end it, and the status line says so."""
        if not res.failures:
            # an earlier check's marks go; a quiz's are its own (review 71 #5: its ring went). A
            # check's marks end a quiz (_begin_marks), so while one asks the marks are all its.
            if not self.quiz.active:
                self.overlay.clear()
            return
        self._begin_marks(
            "Gradient Check ended the backward pass on screen, to mark on their cards the "
            "gradients that disagree with the finite difference"
        )
        for r in res.failures:
            self.overlay.mark(
                r.node, grad=r.analytic, highlight="current", note=f"✗ numeric {fmt(r.numeric, 6)}"
            )

    def do_nudge(self, direction: int) -> bool:
        self._raise(self.dock_nudge)
        ok = self.nudge.nudge(direction)
        self._status(self.nudge.result.text().splitlines()[0] if ok else self.nudge.result.text())
        return ok

    def side_docks(self) -> list[QDockWidget]:
        """The panels that open in the right column beside Properties (Train, Nudge)."""
        return [self.dock_train, self.dock_nudge]

    def show_bug(self, key: str):
        self._raise(self.dock_whatif)
        # its words and rows whole once laid out (trial 60), before the view frames the marked cards
        QTimer.singleShot(0, self, self._grow_whatif)
        # (on the example the button opened, the button is not offered again: trial 58; only
        # that mistake's example, not another's: trial 75 #3 found it dead on b = a + a for dfs)
        on_demo = self.window.model is self._demo_model and templates.bug_demo(key).title == self._demo_title
        return self.whatif.show_bug(key, on_demo=on_demo)

    def _grow_whatif(self) -> None:
        """As far as the graph stays whole with whole cards, which draw the captions (none where
        they are not whole now: _show_notes zooms in to them, and needs the room)."""
        view = self.window.view
        spare = view.spare_height(whole_cards=True) if view.zoom >= FULL_ZOOM else 0
        grow_for(self.dock_whatif, self.whatif.height_missing(), spare)

    def _show_replay(self, r) -> None:
        self._begin_marks(
            "What If… ended the backward pass on screen, to show on the cards the right gradients "
            "beside the mistake's"
        )
        for n in r.correct:
            if n in r.differs:
                self.overlay.mark(
                    n, grad=r.correct[n], highlight="current", note=f"with the bug: {fmt(r.buggy[n])}"
                )
            else:
                self.overlay.mark(n, grad=r.correct[n])
        wrong = [n for n in r.correct if n in r.differs]
        # (once the loop turns: the dock shown with it has taken its room from the view by then)
        QTimer.singleShot(0, lambda: self._show_notes(wrong))

    def _show_notes(self, ids: list[str]) -> None:
        """Zoom in to whole cards, which draw the captions of ``ids`` (a
        compact card draws none: fitted at 74 %, a trial saw rings on the
        wrong gradients and no "with the bug" under them): the whole graph
        centred if it fits then, else the marked cards, those at the left
        and top whole where they do not all fit (trial 51 #16: centred, or
        left as the view was, x1's header was cut off at the canvas's top).
        A view showing some of them whole and none cut is left as it is."""
        view, sc = self.window.view, self.window.scene
        rects = [it.sceneBoundingRect() for it in map(sc.node_item, ids) if it is not None]
        if not rects:
            return
        marked = rects[0]
        for r in rects[1:]:
            marked = marked.united(r)
        port = view.viewport().rect()
        zoom = max(view.zoom, FULL_ZOOM)
        room = QSizeF(port.width() / zoom, port.height() / zoom)
        if view.zoom < FULL_ZOOM:
            whole = view.graph_rect()
            if whole is not None and whole.width() <= room.width() and whole.height() <= room.height():
                view.set_zoom(FULL_ZOOM, center=whole.center())
                return
        else:
            seen = view.mapToScene(port).boundingRect()
            shown = [r for r in rects if seen.intersects(r)]
            fits = marked.width() <= room.width() and marked.height() <= room.height()
            if shown and all(seen.contains(r) for r in shown) and (seen.contains(marked) or not fits):
                return
        edge = 16 / zoom
        x = marked.center().x() if marked.width() <= room.width() else marked.left() - edge + room.width() / 2
        y = (
            marked.center().y()
            if marked.height() <= room.height()
            else marked.top() - edge + room.height() / 2
        )
        view.set_zoom(zoom, center=QPointF(x, y))

    def insert_bug_demo(self, key: str):
        """Open a small graph that triggers the bug as a graph of its own (the
        user's is not touched: New's "save your changes?" comes first), then
        replay the bug there."""
        t = templates.bug_demo(key)
        model = GraphModel()
        placed = templates.placed(t, model)
        templates.insert(model, placed)
        if placed.output is not None:
            model.set_output(placed.output)
        if not self.window.open_model(model, f"{t.title} (What If example)"):
            return None
        self._demo_model, self._demo_title = self.window.model, t.title
        return self.show_bug(key)

    def _quiz_on(self) -> None:
        """The Quiz panel's "Start the Quiz": Learn › Quiz Mode turned on."""
        if self.action_quiz.isChecked():
            self.set_quiz(True)
        else:
            self.action_quiz.setChecked(True)  # (its toggled signal starts the quiz)

    def _quiz_state(self) -> None:
        """Gradient Check's table keeps the quiz's answers hidden while it asks."""
        q = self.quiz.quiz
        self.gradcheck.hide_answers(q is not None and not q.done)

    def set_quiz(self, on: bool) -> None:
        if on:
            self._begin_marks(
                "Quiz Mode ended the backward pass on screen: it hides the gradients for you to find"
            )
            self._raise(self.dock_quiz)
            if not self.quiz.start():
                self.action_quiz.setChecked(False)
        elif self.quiz.active:
            self.quiz.stop("Quiz mode is off.")

    def _selected_leaves(self) -> list[str]:
        m = self.window.model
        return [n for n in self.window.scene.selected_ids() if n in m and m.op(n) == "leaf"]

    def _update_trainable_action(self) -> None:
        leaves = self._selected_leaves()
        a = self.action_trainable
        a.blockSignals(True)
        a.setEnabled(bool(leaves))
        a.setChecked(bool(leaves) and all(training.is_trainable(self.window.model, n) for n in leaves))
        a.blockSignals(False)

    def set_trainable(self, on: bool) -> bool:
        leaves = self._selected_leaves()
        if not leaves:
            self._status("Select one or more leaves to mark them as parameters or as data.")
            return False
        m = self.window.model
        todo = [
            n
            for n in leaves
            if training.is_trainable(m, n) != on or m.node(n).get(training.TRAINABLE) is None
        ]
        if todo:
            push(self.window.undo_stack, set_trainable_command(m, todo, on))
        return True

    def ask_neuron(self) -> list[str]:
        doc = self.window.document
        dlg = NeuronDialog(
            self.window.dialog_parent(), has_graph=len(doc.model) > 0, ticked=doc.at_start and doc.untouched
        )
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return []
        return self.insert(dlg.template(), dlg.new_graph.isChecked())

    def ask_mlp(self) -> list[str]:
        doc = self.window.document
        dlg = MLPDialog(
            self.window.dialog_parent(), has_graph=len(doc.model) > 0, ticked=doc.at_start and doc.untouched
        )
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return []
        return self.insert(dlg.template(), dlg.new_graph.isChecked())

    def insert(self, template, new_graph: bool = False) -> list[str]:
        """``template`` beside the graph, or (``new_graph``) in a new one of its name."""
        if new_graph and not self.window.open_model(GraphModel(), template.title):
            return []  # (the save question was cancelled: the graph open stays)
        view = self.window.view
        before = view.graph_rect() if len(self.window.model) else None  # (the graph it goes beside)
        try:
            ids = insert_template(self.window, template)
        except GraphError as e:
            self._status(f"Could not insert {template.title}: {e}")
            return []
        m = self.window.model
        out = m.output
        assert out is not None  # insert_template makes the template's output the graph's
        self.window.view.setFocus()  # (F, which the status names, fits at once: verify 51 pressed it in vain)
        if before is None:  # (a new graph, or an empty one)
            said = f"Opened {template.title} in a new graph" if new_graph else f"Inserted {template.title}"
            self._status(f"{said}: {len(ids)} nodes; {m.label(out)} is the output.")
            return ids
        # beside the graph: where it went, and how to see both when the view shows the new part only
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        hint = "" if seen.contains(before) else "; press F (Fit All) to see both"
        where = f"Inserted {template.title} right of your graph"
        self._status(f"{where}: {len(ids)} nodes; {m.label(out)} is now the output{hint}.")
        return ids
