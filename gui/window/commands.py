"""The main window's menus, the actions in them, and the Edit, View, Graph
and Help commands they run: a table of actions kept apart from the window
that builds the canvas and the features (gui/window/main_window.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from core.autograd import ops
from gui.common import resources
from gui.common.actions import ShortcutsDialog, keep_shortcut_in_tooltip, keys, make_action
from gui.editing import canvas_editing
from gui.window import examples_menu, pane_keys, user_guide
from gui.window.about import ABOUT
from gui.window.documents import APP_NAME, DocumentWindow

if TYPE_CHECKING:
    from gui.editing.editor import GraphEditor
    from gui.editing.placing import Placer
    from gui.window.docks import Docks
    from gui.window.status_line import StatusLine
    from gui.window.user_guide import UserGuide


class WindowCommands(DocumentWindow):
    """The menus and their commands. The window that derives from it builds
    the parts declared here before it calls ``_make_actions`` and ``_make_menus``."""

    editor: GraphEditor
    docks: Docks
    menus: dict[str, QMenu]
    _canvas_actions: dict[str, QAction]
    _placer: Placer
    _file_safety_actions: list[QAction]
    _guide: UserGuide | None
    status_line: StatusLine

    if TYPE_CHECKING:

        def _update_actions(self) -> None: ...

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
        # (after the stack's own slot: what was undone is the command at the index now)
        self.action_undo.triggered.connect(lambda: self._said_history("Undid", 0))
        self.action_redo.triggered.connect(lambda: self._said_history("Redid", -1))
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
        self.action_pan_left = A(self, "pan_with_left", "Pan &with Left Drag", self._pan_with_left,
                                 checkable=True, tip="Drag empty canvas with the left button to move "
                                 "the view (Shift+drag: a selection box); the middle button and Space+drag "
                                 "always pan")
        self.view.said.connect(lambda text: self.show_status(text, 10000))
        self.action_full_screen = A(self, "full_screen", "F&ull Screen", self.toggle_full_screen,
                                    shortcut=[S.FullScreen, "F11"], checkable=True)
        # (a click on the status bar opens them too: this is the keyboard's way, review 59)
        self.action_messages = A(self, "status_messages", "S&tatus Messages…",
                                 lambda: self.status_line.show_messages(), shortcut="Ctrl+Shift+M",
                                 tip="The status bar's message whole, and the messages said before it")
        # the keys back to the canvas from any field or panel (trial 68: none brought them back)
        self.action_next_pane = A(self, "next_pane", "Next Pa&ne",
                                  lambda: pane_keys.next_pane(self, self.view), shortcut="F6",
                                  tip="The keys to the canvas, the f(x) bar, each open panel in turn")
        self.action_previous_pane = A(self, "previous_pane", "Previous Pan&e",
                                      lambda: pane_keys.next_pane(self, self.view, -1), shortcut="Shift+F6",
                                      tip="The keys to the pane before, round to the canvas")

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
        v.addAction(self.action_pan_left)
        v.addSeparator()
        v.addAction(self.action_layout)
        v.addSeparator()
        self.docks_menu = v.addMenu("&Panels")
        self.docks_menu.setObjectName("menu_panels")
        # rebuilt each time it opens: it lists every dock, also those that
        # features (Backward, Learn) add later
        self.docks_menu.aboutToShow.connect(lambda: self.docks.fill_menu(self.docks_menu))
        v.addActions([self.action_next_pane, self.action_previous_pane])
        v.addAction(self.action_messages)
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

    # ================================================================ edit / view / graph
    def _said_history(self, done: str, back: int) -> None:
        """Say what Undo or Redo just did, the command ``back`` from the
        stack's index (trial 54: Ctrl+Z and Ctrl+Y said nothing; only the
        Edit menu showed what they would do next)."""
        stack = self.undo_stack
        i = stack.index() + back
        if 0 <= i < stack.count() and stack.text(i):
            self.show_status(f"{done}: {stack.text(i)}")

    def _pan_with_left(self, on: bool) -> None:
        """View › Pan with Left Drag: a left drag on empty canvas moves the view
        (a trial, 71 #11: a mouse with no middle button had no way to pan)."""
        self.view.pan.with_left = on
        how = "drag empty canvas to move the view, Shift+drag for a selection box"
        self.show_status(
            f"Pan with Left Drag: {how}" if on else "Left drag on empty canvas draws a selection box again"
        )

    def auto_layout(self) -> None:
        self.editor.auto_layout()  # (laid_out: the view follows)

    def _laid_out(self, cmd) -> None:
        """Auto Layout (a LayoutCommand) moved the cards: the view fits them (its
        undo puts back the view the user had, its redo this fit where the view is
        still as the undo left it: view_history)."""
        self._fit_laid_out()

    def _fit_laid_out(self) -> None:
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
