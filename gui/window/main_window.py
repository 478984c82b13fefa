"""The main window: menus, toolbar, docks, status bar, and the Edit, View
and Graph commands. The life of a document (New, Open, Save, ...) is in
gui/window/documents.py.

One :class:`~gui.document.document.Document`, one GraphScene, one GraphView
and one GraphEditor live as long as the window. New and Open replace the
document's model; the scene rebuilds its items from it before any feature
hears ``document.replaced``. The features (backward animation, code tools,
learning) are built here and handed the window as their :class:`~gui.host.Host`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QToolBar, QUndoView, QWidget

from core.autograd import ops
from gui.backward.animation import BackwardController
from gui.canvas import text_size
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.code.code_sync import CodeSync
from gui.code.codetools import CodeTools
from gui.common import resources, settings
from gui.common.actions import ShortcutsDialog, keep_shortcut_in_tooltip, keys, make_action
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
from gui.presenting.feature import PresentationMode
from gui.training.feature import TrainingFeature
from gui.tutorial.feature import TutorialController
from gui.window import examples_menu, first_start, toolbars, user_guide
from gui.window.about import ABOUT
from gui.window.autosave import AutoSaver
from gui.window.canvas_hint import CanvasHint
from gui.window.docks import Docks
from gui.window.documents import APP_NAME, DocumentWindow
from gui.window.status_line import StatusLine
from gui.window.toolbars import ToolbarFitter
from gui.window.user_guide import UserGuide


class MainWindow(DocumentWindow):
    """The application window; see the module docstring."""

    def __init__(self, parent: QWidget | None = None, *, restore: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
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

    # ================================================================ actions
    def _make_actions(self) -> None:
        A = make_action
        S = QKeySequence.StandardKey
        # One action per line, as a table (ruff format would spread each over ten).
        # fmt: off
        # File
        self.action_new = A(self, "new", "&New", self.new_document, shortcut=S.New, icon="new",
                            tip="Start an empty graph", icon_text="New")
        self.action_open = A(self, "open", "&Open…", self.open_file, shortcut=S.Open, icon="open",
                             tip="Open a graph file", icon_text="Open")
        self.action_save = A(self, "save", "&Save", self.save, shortcut=S.Save, icon="save",
                             tip="Save the graph", icon_text="Save")
        self.action_save_as = A(self, "save_as", "Save &As…", self.save_as, shortcut=S.SaveAs,
                                tip="Save the graph under a new name")
        self.action_export_png = A(self, "export_png", "Export as &PNG…", lambda: self.export_image("png"),
                                   tip="Save a picture of the graph (PNG)")
        self.action_export_svg = A(self, "export_svg", "Export as &SVG…", lambda: self.export_image("svg"),
                                   tip="Save a scalable picture of the graph (SVG)")
        self.action_export_steps = A(self, "export_steps", "Export &Every Step as PNG…", self.export_steps,
                                     tip="Save a picture of each step of the pass, for slides")
        self.action_clear_recent = A(self, "clear_recent", "&Clear Recent Files", self.clear_recent)
        self.action_quit = A(self, "quit", "&Quit", self.close, shortcut=[S.Quit, "Ctrl+Q"],
                             tip="Close micrograd-studio")
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit: undo and redo have the same keys on every platform, the
        # README's first (the menu shows the first; the shortcuts dialog lists
        # them all), then the platform's own.
        self.action_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.action_redo = self.undo_stack.createRedoAction(self, "&Redo")
        for act, name, shortcuts in ((self.action_undo, "undo", keys("Ctrl+Z", S.Undo)),
                                     (self.action_redo, "redo", keys("Ctrl+Shift+Z", "Ctrl+Y", S.Redo))):
            act.setObjectName(f"action_{name}")
            act.setShortcuts(shortcuts)
            act.setIcon(resources.icon(name))
            act.setIconText(name.capitalize())
            self.addAction(act)
            keep_shortcut_in_tooltip(act)
        edit = self._canvas_actions
        self.action_cut, self.action_copy = edit["cut"], edit["copy"]
        self.action_paste, self.action_duplicate = edit["paste"], edit["duplicate"]
        self.action_delete, self.action_select_all = edit["delete"], edit["select_all"]

        # View
        self.action_zoom_in = A(self, "zoom_in", "Zoom &In", self.view.zoom_in, shortcut=[S.ZoomIn, "Ctrl+="],
                                icon="zoom_in")
        self.action_zoom_out = A(self, "zoom_out", "Zoom &Out", self.view.zoom_out, shortcut=S.ZoomOut,
                                 icon="zoom_out")
        self.action_zoom_reset = A(self, "zoom_reset", "Zoom to &100%", self.view.zoom_reset,
                                   shortcut="Ctrl+0")
        self.action_fit = A(self, "fit", "&Fit All", self.view.fit_chosen, shortcut="F", icon="fit",
                            tip="Zoom to show the whole graph", icon_text="Fit")
        self.action_layout = A(self, "layout", "Auto &Layout", self.auto_layout, shortcut="Ctrl+L",
                               icon="layout", tip="Arrange the nodes in layers, inputs on the left",
                               icon_text="Layout")
        # F means something else in a text field or list: the canvas's only
        # while it has the focus (the menu works from anywhere), like the Edit keys.
        canvas_editing.bind_to_canvas(self, self.view, self.action_fit)
        # On the canvas the bare keys zoom too (in a text field they are text).
        self.action_zoom_in_key = A(self, "zoom_in_key", "Zoom In", self.view.zoom_in, shortcut=["+", "="])
        self.action_zoom_out_key = A(self, "zoom_out_key", "Zoom Out", self.view.zoom_out, shortcut="-")
        for act in (self.action_zoom_in_key, self.action_zoom_out_key):
            canvas_editing.bind_to_canvas(self, self.view, act)
        self.action_full_screen = A(self, "full_screen", "F&ull Screen", self.toggle_full_screen,
                                    shortcut=[S.FullScreen, "F11"], checkable=True)

        # Graph
        self.action_set_output = A(self, "set_output", "Set as &Output", self.toggle_output,
                                   shortcut="Ctrl+Shift+O", icon="output", checkable=True,
                                   tip="Mark the selected node as the output (backward starts there)")
        self.add_actions: dict[str, QAction] = {}
        for name, op in ops.OPS.items():
            text = "&Value (leaf)" if name == "leaf" else f"{op.title}   {op.symbol}"
            tip = f"Add a {op.title} node in free room in the view"
            tip += "" if name == "leaf" else f": out = {op.formula}"
            self.add_actions[name] = A(self, f"add_{name}", text, lambda n=name: self.add_node(n), tip=tip)
        self.action_quick_add = A(self, "quick_add", "&Quick Add…", self.quick_add, shortcut="Tab",
                                  tip="Type the name of an operation to add it")
        # The canvas itself opens quick add on Tab (elsewhere Tab moves the
        # focus, and an open inline editor keeps it); the key is shown in the
        # menu but not bound window-wide.
        self.action_quick_add.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(self.action_quick_add)

        # Help
        self.action_shortcuts = A(self, "shortcuts", "&Keyboard Shortcuts", self.show_shortcuts,
                                  shortcut=[S.HelpContents, "Ctrl+/"])
        self.action_guide = A(self, "user_guide", "User &Guide", self.show_guide,
                              tip="Every feature explained (the README), with contents and a search")
        self.action_about = A(self, "about", "&About micrograd-studio", self.show_about)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        # fmt: on

    # ================================================================ menus
    def _make_menus(self) -> None:
        mb = self.menuBar()
        f = self.menus["file"] = mb.addMenu("&File")
        f.setObjectName("menu_file")
        f.addActions([self.action_new, self.action_open])
        self.recent_menu = f.addMenu("Open &Recent")
        self.recent_menu.setObjectName("menu_recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.examples_menu = f.addMenu("&Examples")
        self.examples_menu.setObjectName("menu_examples")
        self.example_actions = examples_menu.fill(self, self.examples_menu, self.open_example)
        self._fill_recent_menu()
        f.addSeparator()
        f.addActions([self.action_save, self.action_save_as, *self._file_safety_actions])
        f.addSeparator()
        ex = self.menus["export"] = f.addMenu("E&xport")
        ex.setObjectName("menu_export")
        ex.addActions([self.action_export_png, self.action_export_svg, self.action_export_steps])
        ex.addSeparator()
        ex.addActions(self.picture_options())
        f.addSeparator()
        f.addAction(self.action_quit)

        e = self.menus["edit"] = mb.addMenu("&Edit")
        e.setObjectName("menu_edit")
        e.addActions([self.action_undo, self.action_redo])
        e.addSeparator()
        e.addActions(
            [self.action_cut, self.action_copy, self.action_paste, self.action_duplicate, self.action_delete]
        )
        e.addSeparator()
        e.addAction(self.action_select_all)

        v = self.menus["view"] = mb.addMenu("&View")
        v.setObjectName("menu_view")
        v.addActions([self.action_zoom_in, self.action_zoom_out, self.action_zoom_reset, self.action_fit])
        v.addSeparator()
        v.addAction(self.action_layout)
        v.addSeparator()
        self.docks_menu = v.addMenu("&Panels")
        self.docks_menu.setObjectName("menu_panels")
        # rebuilt each time it opens: it lists every dock, also those that
        # features (Backward, Learn) add later
        self.docks_menu.aboutToShow.connect(lambda: self.docks.fill_menu(self.docks_menu))
        v.addSeparator()
        v.addAction(self.action_full_screen)

        g = self.menus["graph"] = mb.addMenu("&Graph")
        g.setObjectName("menu_graph")
        add = self.menus["add"] = g.addMenu("&Add Node")
        add.setObjectName("menu_add")
        add.addAction(self.add_actions["leaf"])
        add.addSeparator()
        for name, act in self.add_actions.items():
            if name != "leaf":
                add.addAction(act)
        g.addAction(self.action_quick_add)
        self._graph_templates = g.addSeparator()  # Learn's Insert Neuron…/MLP… go before it
        g.addAction(self.action_set_output)
        g.addAction(self.action_layout)

        for key, title in (("backward", "&Backward"), ("learn", "&Learn")):
            m = self.menus[key] = mb.addMenu(title)
            m.setObjectName(f"menu_{key}")
        h = self.menus["help"] = mb.addMenu("&Help")
        h.setObjectName("menu_help")
        h.addAction(self.action_guide)
        h.addAction(self.action_shortcuts)
        h.addSeparator()
        h.addAction(self.action_about)

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
        self.palette_dock = self.add_dock(
            "dock_palette", "Palette", self.palette_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )

        self.properties = PropertiesPanel(self.document, self.scene, self.editor)
        self.properties.node_link_activated.connect(self.show_node)
        self.properties_dock = self.add_dock(
            "dock_properties", "Properties", self.properties, Qt.DockWidgetArea.RightDockWidgetArea
        )

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
        self.interaction.gesture_ended.connect(self.status_line.end_message)
        self.document.graph_changed.connect(self.status_line.graph_changed)
        self.undo_stack.indexChanged.connect(self.status_line.history_moved)
        # the arrow keys never edit the graph while a backward pass is shown
        self.interaction.arrows_move = lambda: self.document.backward_pass is None
        # deferred: selecting thousands of nodes emits thousands of signals
        self.scene.selectionChanged.connect(self._schedule_update)
        self.document.structure_changed.connect(self._update_timer.start)
        self.document.replaced.connect(self._schedule_update)
        self.document.node_changed.connect(self._on_node_changed)  # a rename: "x selected" anew
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
        self.status_line.describe(self.model, ids, len(items))

    def show_status(self, message: str, msecs: int = 6000) -> None:
        """Say something in the status bar for a while (a refusal, a saved file)."""
        self.status_line.say(message, msecs)

    def status_text(self) -> str:
        """What the status bar says now."""
        return self.status_line.text()

    # ================================================================ edit / view / graph
    def auto_layout(self) -> None:
        self.editor.auto_layout()
        # fit at once, so no frame of the moved graph is painted at the old
        # zoom (at 50,000 nodes one such frame strokes thousands of long
        # wires), and again once the folded groups' boxes have followed
        self.view.fit_all()
        self._fit_later()

    def toggle_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def toggle_output(self, on: bool) -> None:
        ids = self.scene.selected_ids()
        if len(ids) != 1:
            self.show_status("Select one node to make it the output")
            self._update_actions()
            return
        self.editor.set_output(ids[0] if on else None)
        self._update_actions()

    def add_node(self, op: str) -> str | None:
        """Add an ``op`` node in free room in view, beside the last one (gui/editing/placing.py)."""
        return self._placer.add(op)

    def quick_add(self) -> None:
        self.view.setFocus()
        self.view.open_quick_add()

    def show_node(self, node_id: str) -> None:
        """Select ``node_id`` and scroll it into view."""
        it = self.scene.node_item(node_id)
        if it is None:
            return
        self.scene.select_ids([node_id])
        self.view.ensureVisible(it, 60, 60)

    # ================================================================ help
    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def show_guide(self) -> None:
        self._guide = user_guide.show(self, self._guide, self.show_status)

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", ABOUT)

    # ================================================================ features, state, close
    def _make_features(self) -> None:
        """The features, each handed this window as its Host; those that
        need each other are wired here, with plain callables and objects."""
        self.backward = BackwardController(self, self, edit_panel=self.properties_dock)
        self.code_tools = CodeTools(self, self.backward.choose_root, self, new_graph=self.new_document)
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
            parent=self,
        )
        bw.position_changed.connect(self.tutorial.refresh)
        self.learning.train.ran.connect(self.tutorial.count_training)
        self.learning.quiz.state_changed.connect(self.tutorial.step_aside)  # (a quiz, as a pass)
        text_size.set_text_scale(self.view, 1.0)  # (the canvas's is the app's: a window starts without it)
        self.presentation = PresentationMode(
            self, self.menus["view"], self.docks, hide=[self.palette_dock, self.tutorial.dock],
            text_scales=[self.backward.set_text_scale, self.properties.set_text_scale,
                         lambda scale: text_size.set_text_scale(self.view, scale)],
            fit=self.view.fit_chosen, shows_whole=self.view.shows_whole, tall=self.backward.dock_chain,
        )  # fmt: skip
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
