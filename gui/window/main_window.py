"""The main window: the canvas, toolbar, docks, status bar and the features.
Its menus and the Edit, View, Graph and Help commands are in
gui/window/commands.py; the life of a document (New, Open, Save, ...) is in
gui/window/documents.py.

One :class:`~gui.document.document.Document`, one GraphScene, one GraphView
and one GraphEditor live as long as the window. New and Open replace the
document's model; the scene rebuilds its items from it before any feature
hears ``document.replaced``. The features (backward animation, code tools,
learning) are built here and handed the window as their :class:`~gui.host.Host`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QChildEvent, QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu, QToolBar, QUndoView, QWidget

from gui.backward.animation import BackwardController
from gui.canvas import text_size
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.code.code_sync import CodeSync
from gui.code.codetools import CodeTools
from gui.common import resources, settings
from gui.common.title_room import TitleRoom
from gui.document.document import Document
from gui.editing import canvas_editing
from gui.editing.palette import Palette
from gui.gradflow.feature import GradientFlow
from gui.groups.feature import GroupsFeature
from gui.groups.why_not import say_why
from gui.learning.feature import LearningController
from gui.linked.feature import LinkedCopiesFeature
from gui.navigation.feature import NavigationFeature
from gui.panels.properties import PropertiesPanel
from gui.panels.properties_room import PropertiesRoom
from gui.presenting.feature import PresentationMode
from gui.training.feature import TrainingFeature
from gui.tutorial.feature import TutorialController
from gui.window import first_start, toolbars
from gui.window.autosave import AutoSaver
from gui.window.canvas_hint import CanvasHint
from gui.window.column_room import ColumnRoom
from gui.window.commands import WindowCommands
from gui.window.docks import Docks
from gui.window.lost_view import LostView
from gui.window.status_line import StatusLine, pass_hint
from gui.window.toolbars import ToolbarFitter
from gui.window.user_guide import UserGuide
from gui.window.view_history import ViewHistory
from gui.window.window_height import WindowHeight


class MainWindow(WindowCommands):
    """The application window; see the module docstring."""

    #: what each of the window's dialogs and menus is handed to once polished (set once the features
    #: are made)
    _dialog_hook: Callable[[QWidget], object] | None = None
    #: each of the window's dialogs made as wide as its title bar's words
    _title_room: TitleRoom | None = None

    def __init__(self, parent: QWidget | None = None, *, restore: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self._title_room = TitleRoom(self)
        self.document = Document(self)
        self.first_start = False  # True when no saved window layout was found
        self._shown_once = False
        self._guide: UserGuide | None = None  # Help › User Guide, once opened
        self.scene = GraphScene(self.model, self)
        # the first listeners: features that hear `replaced` find the scene rebuilt
        self.document.replaced.connect(lambda: self.view.show_model(self.document.model))
        self.document.replaced.connect(self._show_new_model)
        self.view = GraphView(self.scene)
        self.view.setObjectName("graph_view")
        editing = canvas_editing.make_editable(self.scene, self.view, self.undo_stack, self)
        self.editor = editing.editor
        self.interaction = editing.interaction
        self._canvas_actions, self._placer = editing.actions, editing.placer
        self.setCentralWidget(self.view)
        self.canvas_hint = CanvasHint(self.view)
        self.menus: dict[str, QMenu] = {}

        self._make_actions()
        self._file_safety_actions = self._make_file_safety()
        self._make_docks()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self.document.modified_changed.connect(self.setWindowModified)
        self.document.file_changed.connect(self._update_title)
        self._connect_scene()
        self.resize(1280, 820)
        self.setAcceptDrops(True)  # a graph file dropped on the window opens
        self._update_title()
        self._make_features()
        if restore:
            self.restore_window_state()
        self.autosaver = AutoSaver(self.document, parent=self)
        self._watch_copies(self)

    # ================================================================ toolbar, docks, status
    def _make_toolbar(self) -> None:
        self.toolbar = toolbars.main_toolbar(
            self,
            [[self.action_new, self.action_open, self.action_save], [self.action_undo, self.action_redo],
             [self.action_fit, self.action_layout]],
            self.recent_menu,
        )  # fmt: skip
        self._toolbar_fitter = ToolbarFitter(self, self.toolbar)

    def _make_docks(self) -> None:
        self.docks = Docks(self)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        # Side panels run the full height; a bottom panel sits under the canvas only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.palette_panel = Palette()
        self.palette_panel.setObjectName("palette")
        self.palette_panel.add_requested.connect(self.add_node)
        self.palette_panel.escaped.connect(lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.palette_dock = self.add_dock(
            "dock_palette", "Palette", self.palette_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )

        self.properties = PropertiesPanel(self.document, self.scene, self.editor)
        self.properties.node_link_activated.connect(self.show_node)
        self.properties.escaped.connect(lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.properties_dock = self.add_dock(
            "dock_properties", "P&roperties", self.properties, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.properties_room = PropertiesRoom(self.properties.scroll_area, self.properties_dock)

        self.history = QUndoView(self.undo_stack)
        self.history.setObjectName("undo_view")
        self.history.setEmptyLabel("The graph as opened")
        self.history_dock = self.add_dock(
            "dock_history", "Undo History", self.history, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.properties_dock, self.history_dock)
        self.properties_dock.raise_()
        self.history_dock.hide()
        self.resizeDocks(
            [self.palette_dock, self.properties_dock],
            [first_start.PALETTE_WIDTH, first_start.RIGHT_WIDTH],
            Qt.Orientation.Horizontal,
        )

    def add_dock(
        self,
        name: str,
        title: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
        result: bool = False,
    ) -> QDockWidget:
        """A panel as every panel of the app has it (see gui/window/docks.py)."""
        return self.docks.add(name, title, widget, area, tab_with, result)

    def _make_status_bar(self) -> None:
        self.status_line = StatusLine(self.statusBar(), self.view)
        self.zoom_label = self.status_line.zoom_label
        self._update_timer = QTimer(self, singleShot=True, interval=0)
        self._update_timer.timeout.connect(self._update_actions)

    # ================================================================ scene wiring
    def _connect_scene(self) -> None:
        """Once: the scene, editor and document outlive every document."""
        self.editor.status_message.connect(self.show_status)
        self.editor.laid_out.connect(self._laid_out)  # (the context menu's Auto Layout too)
        self.interaction.gesture_ended.connect(self.status_line.end_message)
        self.document.graph_changed.connect(self.status_line.graph_changed)
        self.undo_stack.indexChanged.connect(self.status_line.history_moved)
        self.lost_view = LostView(self.view, self.undo_stack)  # an edit that left no node in view
        self.document.replaced.connect(self.lost_view.forget)  # (a new document: its own count)
        # undo and redo bring the view back (the pass on screen leaves it there)
        self.view_history = ViewHistory(self.view, self.undo_stack, self.document.placing_view)
        # the arrow keys never edit the graph while a backward pass is shown
        self.interaction.arrows_move = lambda: self.document.backward_pass is None
        # deferred: selecting thousands of nodes emits thousands of signals
        self.scene.selectionChanged.connect(self._schedule_update)
        self.document.structure_changed.connect(self._update_timer.start)
        self.document.replaced.connect(self._schedule_update)
        self.document.node_changed.connect(self._on_node_changed)  # a rename: "x selected" anew
        self.document.groups_changed.connect(self._update_timer.start)  # (a group's too)
        self._update_actions()

    def _schedule_update(self, *args) -> None:
        self._update_timer.start()

    def _on_node_changed(self, _node: str, what: str) -> None:
        if what == "label":
            self._update_timer.start()

    def _update_actions(self) -> None:
        items = self.scene.selectedItems()
        ids = self.scene.selected_node_set()  # how many, or which one: no order needed
        has_nodes = bool(ids)
        self.action_cut.setEnabled(has_nodes)
        self.action_copy.setEnabled(has_nodes)
        self.action_duplicate.setEnabled(has_nodes)
        self.action_delete.setEnabled(bool(items))
        one = len(ids) == 1
        self.action_set_output.setEnabled(one)
        blocked = self.action_set_output.blockSignals(True)
        self.action_set_output.setChecked(one and self.model.output in ids)
        self.action_set_output.blockSignals(blocked)
        n = len(self.model)
        self.canvas_hint.setVisible(n == 0)
        self.action_select_all.setEnabled(n > 0)
        self.action_layout.setEnabled(n > 0)
        self.action_export_png.setEnabled(n > 0)
        self.action_export_svg.setEnabled(n > 0)
        self.action_export_steps.setEnabled(n > 0)
        self.status_line.describe(self.model, ids, len(items), self.scene.selected_group(ids))

    def show_status(self, message: str, msecs: int = 6000, joined: str | None = None) -> None:
        """Say something in the status bar for a while (a refusal, a saved file);
        ``joined``: what follows from the edit said this turn, added to that (StatusLine.say)."""
        self.status_line.say(message, msecs, joined)

    def show_aside(self, message: str, msecs: int = 6000) -> None:
        """Say a passing note, unless what is happening now said something already."""
        self.status_line.say_aside(message, msecs)

    def status_fits(self, message: str) -> bool:
        """Whether the status bar would show ``message`` whole."""
        return self.status_line.fits(message)

    def status_text(self) -> str:
        """What the status bar says now."""
        return self.status_line.text()

    # ================================================================ features, state, close
    def _make_features(self) -> None:
        """The features, each handed this window as its Host; those that
        need each other are wired here, with plain callables and objects."""
        self.backward = BackwardController(self, self, edit_panel=self.properties_dock)
        self.code_tools = CodeTools(self, self.backward.choose_root, self, new_graph=self.new_graph_for)
        self.code_panel = CodeSync(self, parent=self)
        self.toolbar.addAction(self.code_panel.show_action)  # the notebook loop, one click away
        self.add_code = self.code_tools.add_text  # a dropped .py is imported as code
        self.learning = LearningController(
            self, tables_beside=self.backward.dock_chain, panels_beside=self.properties_dock, parent=self
        )
        self.backward.add_guard(self.learning.backward_refusal, self.learning.quiz.state_changed)
        templates = [self.learning.action_neuron, self.learning.action_mlp]  # Learn's, in Graph too
        self.menus["graph"].insertActions(self._graph_templates, templates)  # (a trial looked there first)
        self.grouping = GroupsFeature(self, self.editor, self, current_card=self.backward.current_folded_card)
        say_why(self.grouping)  # a group action's keys where it does not apply: the status bar says why
        self.interaction.group_menu = self.grouping.fill_menu  # a group's right-click menu
        self.properties.group_page.rename = lambda gid, label: self.grouping.rename(label=label, gid=gid)
        self.navigation = NavigationFeature(self, set_folded=self.grouping.set_collapsed, parent=self)
        self.learning.quiz.set_folded = self.grouping.set_collapsed
        self.gradient_flow = GradientFlow(self, self, under=self.backward.dock_chain)
        self.linked_copies = LinkedCopiesFeature(self, self)
        self.training = TrainingFeature(self, self.backward.show_finished, self.properties_dock, self)
        bw = self.backward.animator
        self.tutorial = TutorialController(
            self,
            pass_at_end=lambda: bw.active and bw.at_end,
            new_graph=self.new_document,
            open_example=lambda stem: self.open_example(resources.EXAMPLES / f"{stem}.mgraph"),
            point_at=self.palette_panel.point_at,
            typing=self.interaction.typing,
            parent=self,
        )
        self.interaction.typing_changed.connect(self.tutorial.refresh)
        bw.position_changed.connect(self.tutorial.refresh)
        # during a pass, the status bar says how to step it, not how to build (trial 60 #8)
        for said in (bw.started, bw.position_changed, bw.cleared):
            said.connect(lambda *_: self.status_line.set_pass_hint(pass_hint(bw.active, bw.at_end)))
        self.learning.train.ran.connect(self.tutorial.count_training)
        self.learning.quiz.state_changed.connect(self.tutorial.step_aside)  # (a quiz, as a pass)
        # a lesson's panel opened beside it (Train on Data, Train, Nudge) takes the column too (trial 58:
        # the Train on Data panel squeezed, the welcome text cut under its own scroll bar)
        for dock in (self.training.dock, *self.learning.side_docks()):
            dock.visibilityChanged.connect(lambda shown: self.tutorial.step_aside() if shown else None)
        text_size.set_text_scale(self.view, 1.0)  # (the canvas's is the app's: a window starts without it)
        # a panel opening never takes the window past its height: the column gives way, the
        # Tutorial's step last (trial 51 #2, #5), then Chain Rule, Order and Gradient Flow
        bw_docks = [self.backward.dock_chain, self.backward.dock_order]
        lesson = [self.tutorial.dock, *bw_docks, self.gradient_flow.dock]
        self.window_height = WindowHeight(self, self.docks, lesson, parent=self)
        self.column_room = ColumnRoom(self, self.docks, parent=self)  # (its width back once closed: t75 #10)
        order = self.backward.dock_order  # (a pass raises Order, not over the Tutorial's step: t67 #3)
        self.backward.tabs.stays_in_front = lambda dock: self.window_height.outranks(dock, order)
        self.presentation = PresentationMode(
            self, self.menus["view"], self.docks, hide=[self.palette_dock, self.tutorial.dock],
            text_scales=[self.backward.set_text_scale, self.properties.set_text_scale,
                         lambda scale: text_size.set_text_scale(self.view, scale),
                         self.gradient_flow.set_text_scale,  # (told, not guessed from its font)
                         lambda _scale: self._toolbar_fitter.fit()],  # (their larger text: labels, rows)
            fit=self.view.fit_chosen, shows_whole=self.view.shows_whole, tall=self.backward.dock_chain,
            stays_hidden=self.tutorial.stays_aside, keeper=self.window_height,
        )  # fmt: skip
        self._dialog_hook = self.presentation.dialog_polished  # (its larger text)
        self.docks.fill_menu(self.docks_menu)

    # ---- the Host services (gui/host) the features use
    def menu(self, key: str) -> QMenu:
        return self.menus[key]

    def add_toolbar(self, toolbar: QToolBar, new_row: bool = False) -> None:
        if new_row:
            self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def dialog_parent(self) -> QWidget:
        return self

    def childEvent(self, event: QChildEvent) -> None:
        """The one place the window's dialogs and menus go through: each has
        the window as parent (:meth:`dialog_parent`), so the window is told when one is
        polished, before it is first shown and laid out, and hands it to
        :attr:`_dialog_hook` (no filter of the whole app's events)."""
        super().childEvent(event)
        if event.type() != QEvent.Type.ChildPolished:
            return
        child = event.child()
        if isinstance(child, QDialog) and self._title_room is not None:  # as wide as its title (t70 #11)
            self._title_room.watch(child)
        if self._dialog_hook is not None and isinstance(child, (QDialog, QMenu)):  # (a menu: the canvas's
            self._dialog_hook(child)  # right-click one)

    def restore_window_state(self) -> None:
        """The window as it was left, or as on a first start (gui/window/first_start.py)."""
        docks = (self.palette_dock, self.properties_dock, self.backward.dock_order, self.backward.dock_chain)
        code = self.code_panel.dock
        self.first_start = first_start.restore(self, self.docks.close_results, *docks, code=code)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._toolbar_fitter.fit()
        if event.size().width() < event.oldSize().width():
            first_start.give_canvas_priority(self, self.palette_dock, self.properties_dock)

    def save_window_state(self) -> None:
        self.presentation.stop()  # the layout from before it is kept, not the presenting one
        settings.save_window_state(self.saveGeometry(), self.saveState(settings.STATE_VERSION))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if len(self.model):
                self._fit_later()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self.autosaver.stop()  # closed normally: nothing to recover
        self.file_guard.release()
        event.accept()
