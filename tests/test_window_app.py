"""Start-up, the window's memory between runs, picture export, and the
exception hook that keeps tracebacks away from users."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget
from test_window_files import BLOG_IDS, open_blog_example
from window_helpers import Button, answers, make_window, tmp_settings, trigger, window  # noqa: F401

from core.graph.errors import CycleError
from core.graph.model import GraphModel
from gui import app as gui_app
from gui.window.main_window import MainWindow


# ------------------------------------------------------------ start-up
def test_start_without_arguments_opens_the_blog_example(qtbot, answers):
    w = gui_app.create_window([])
    qtbot.addWidget(w)
    assert set(w.model.nodes()) == BLOG_IDS and w.model.value("L") == -8.0
    assert w.isVisible() and not w.isWindowModified()
    positions = {w.model.position(n) for n in w.model.nodes()}
    assert len(positions) == len(BLOG_IDS)  # laid out, not piled up
    assert answers.errors == []


def test_start_with_a_file_opens_it(qtbot, answers, tmp_path):
    from core.files import fileio

    p = tmp_path / "g.mgraph"
    m = fileio.load("resources/examples/neuron_tanh.mgraph")
    fileio.save(m, p)
    w = gui_app.create_window([str(p)])
    qtbot.addWidget(w)
    assert w.path == str(p) and set(w.model.nodes()) == set(m.nodes())
    assert "g.mgraph" in w.windowTitle()


def test_start_with_python_code_imports_it_as_a_dropped_file_is(qtbot, answers, tmp_path):
    """A new user's trial: `main.py snippet.py` said "not a micrograd-studio
    graph file: not valid JSON", though dropping the file imports it."""
    p = tmp_path / "snippet.py"
    p.write_text("a = 2.0\nb = -3.0\nc = 10.0\nd = a*b + c\n", encoding="utf-8")
    answers.save_changes = Button.Discard  # (an imported graph is unsaved work)
    w = gui_app.create_window([str(p)])
    qtbot.addWidget(w)
    assert answers.errors == []
    m = w.model
    assert {m.label(n) for n in m.nodes()} >= {"a", "b", "c", "d"} and m.value(m.output) == 4.0


def test_start_with_a_bad_file_says_why_and_opens_an_empty_graph(qtbot, answers, tmp_path):
    p = tmp_path / "broken.mgraph"
    p.write_text("{ nope")
    w = gui_app.create_window([str(p)])
    qtbot.addWidget(w)
    assert len(answers.errors) == 1 and "broken.mgraph" in answers.errors[0][1]
    assert "not valid JSON" in answers.errors[0][1]
    assert len(w.model) == 0 and w.isVisible()


def test_main_py_help_runs_without_qt(tmp_path):
    import subprocess

    out = subprocess.run([sys.executable, "main.py", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "main.py" in out.stdout


# ------------------------------------------------------------ exception hook
def test_exception_hook_shows_a_dialog_not_a_traceback(qtbot, window, monkeypatch, tmp_path, capsys):
    shown = []
    monkeypatch.setattr(gui_app, "show_error_dialog", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(gui_app, "log_path", lambda: tmp_path / "errors.log")
    open_blog_example(window)
    hook = gui_app.ExceptionHook()
    try:
        raise ZeroDivisionError("float division by zero")
    except ZeroDivisionError:
        hook(*sys.exc_info())
    title, text = shown[0]
    assert title == "Something went wrong"
    assert "ZeroDivisionError: float division by zero" in text and "Traceback" not in text
    assert "errors.log" in text and "Traceback" in (tmp_path / "errors.log").read_text()
    assert "Traceback" in capsys.readouterr().err  # for the developer, on stderr
    assert set(window.model.nodes()) == BLOG_IDS  # the document is untouched

    hook(CycleError, CycleError("wiring 'a' into 'b' would make a cycle"), None)
    assert shown[1] == ("Not possible", "wiring 'a' into 'b' would make a cycle")


def test_exception_hook_does_not_stack_dialogs(monkeypatch, tmp_path):
    hook = gui_app.ExceptionHook()
    monkeypatch.setattr(gui_app, "log_path", lambda: tmp_path / "errors.log")
    shown = []

    def dialog(parent, title, text):
        shown.append(title)
        hook(ValueError, ValueError("again"), None)  # an error while the dialog is up

    monkeypatch.setattr(gui_app, "show_error_dialog", dialog)
    hook(ValueError, ValueError("first"), None)
    assert shown == ["Something went wrong"]
    assert "again" in (tmp_path / "errors.log").read_text()


# ------------------------------------------------------------ features and the document
def test_a_replaced_document_is_rebuilt_on_the_scene_before_listeners_hear_it(qtbot, window, answers):
    """One scene lives as long as the window; a new document rebuilds its
    items before any feature hears ``document.replaced``."""
    seen = []
    doc = window.document
    doc.replaced.connect(lambda: seen.append((window.model, window.scene, len(window.scene.node_items()))))
    open_blog_example(window)
    trigger(window, "new")
    assert len(seen) == 2
    (m1, s1, n1), (m2, s2, n2) = seen
    assert m1 is not m2 and s1 is s2 and s2.model is m2 and n1 == len(m1) > 0
    assert window.view.scene() is s2 and n2 == 0 and len(s2.node_items()) == 0
    assert doc.model is m2 and doc.undo_stack.count() == 0 and not doc.modified


def test_the_window_builds_every_feature(window):
    # each feature is an object the window made and wired, not a module it looked up
    from gui.backward.animation import BackwardController
    from gui.code.codetools import CodeTools
    from gui.learning.feature import LearningController

    assert isinstance(window.backward, BackwardController)
    assert isinstance(window.code_tools, CodeTools)
    assert isinstance(window.learning, LearningController)
    for key in ("backward", "learn"):
        assert window.menus[key].menuAction().isVisible() and window.menus[key].actions()


# ------------------------------------------------------------ window state
def test_window_layout_survives_a_restart(qtbot, answers):
    first = make_window(qtbot, answers)
    first.resize(760, 560)  # within the offscreen screen (800x600)
    first.palette_dock.hide()
    first.history_dock.show()
    first.removeDockWidget(first.properties_dock)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.properties_dock)
    first.properties_dock.show()
    QApplication.processEvents()
    assert first.close()

    second = make_window(qtbot, answers)
    assert second.size().width() == 760 and second.size().height() == 560
    assert not second.palette_dock.isVisible()
    assert second.history_dock.isVisible()
    assert second.dockWidgetArea(second.properties_dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_first_start_has_the_default_layout(window):
    assert window.palette_dock.isVisible() and window.properties_dock.isVisible()
    assert not window.history_dock.isVisible()
    for dock in window.findChildren(QDockWidget):
        assert dock.objectName()


def test_first_start_gives_the_canvas_most_of_the_screen(qtbot, answers):
    """Review: a 1280x820 window with panels on three sides left a small
    canvas. The first start fills (nearly) the screen, no panel sits under
    the canvas, and the canvas is the largest part of the window."""
    w = gui_app.create_window([])
    qtbot.addWidget(w)
    qtbot.waitExposed(w)
    QApplication.processEvents()
    assert w.first_start and w.windowState() & Qt.WindowState.WindowMaximized
    avail = w.screen().availableGeometry()
    normal = w.normalGeometry()
    assert normal.width() >= 0.9 * avail.width() and normal.height() >= 0.9 * avail.height()
    for dock in w.findChildren(QDockWidget):
        if dock.isVisible() and not dock.isFloating():
            assert w.dockWidgetArea(dock) != Qt.DockWidgetArea.BottomDockWidgetArea, dock.objectName()
    chain = w.findChild(QDockWidget, "dock_chain")
    if chain is not None:  # the chain rule sits in the right column, under Properties
        assert w.dockWidgetArea(chain) == Qt.DockWidgetArea.RightDockWidgetArea and chain.isVisible()
        assert chain.geometry().top() > w.properties_dock.geometry().top()
    assert w.palette_dock.width() <= 170
    assert w.view.width() > w.palette_dock.width() + w.properties_dock.width()
    assert w.view.height() > 0.6 * w.height()


def test_a_narrower_window_shrinks_the_panels_before_the_canvas(qtbot, window):
    """Issue 11, bug 7: at 1024x700 the side panels kept their large-screen
    widths and took nearly half the window."""
    w = window
    w.showNormal()
    w.resize(1600, 1000)
    QApplication.processEvents()
    w.resizeDocks([w.palette_dock, w.properties_dock], [150, 320], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert w.properties_dock.width() >= 300
    w.resize(1024, 700)
    QApplication.processEvents()
    assert w.view.width() >= 0.58 * w.width()
    assert w.properties_dock.width() >= w.properties_dock.minimumSizeHint().width()
    w.resize(1600, 1000)  # wider again: the extra room goes to the canvas
    QApplication.processEvents()
    assert w.view.width() >= 0.7 * w.width()


# ------------------------------------------------------------ export
def test_export_png(window, answers, tmp_path):
    open_blog_example(window)
    window.scene.select_ids(["a"])
    window.view.set_zoom(0.05)  # zoomed far out, the canvas draws blocks; the picture must not
    out = tmp_path / "graph.png"
    answers.export_path = str(out)
    trigger(window, "export_png")
    img = QImage(str(out))
    assert not img.isNull()
    # the picture frames the graph: wider than tall, like the example
    assert img.width() > img.height() > 100
    # white background, and something drawn on it
    assert img.pixelColor(1, 1).name() == "#ffffff"
    colours = {
        img.pixelColor(x, y).name() for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)
    }
    assert len(colours) > 20  # cards, text and antialiased wires, not flat blocks
    assert window.scene.selected_ids() == ["a"]  # the selection came back after the export


def test_export_svg(window, answers, tmp_path):
    open_blog_example(window)
    out = tmp_path / "graph"
    answers.export_path = str(out)
    modes = {it: it.cacheMode() for it in window.scene.items()}
    trigger(window, "export_svg")
    assert {it: it.cacheMode() for it in window.scene.items()} == modes  # the canvas's caches are back
    svg = tmp_path / "graph.svg"
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert QSvgRenderer(str(svg)).isValid()
    text = svg.read_text()
    assert "<image" not in text  # vectors all the way: no card pasted in as a bitmap
    assert text.count("<path") >= 6  # at least one per wire
    labels = set(re.findall(r"<text[^>]*>\s*([^<]*?)\s*</text>", text))
    assert {"a", "b", "c", "f", "e", "d", "L", "−8.0000", "−6.0000", "10.0000"} <= labels


def test_export_of_an_empty_graph_is_refused(window, answers):
    trigger(window, "new")
    assert not window.action_export_png.isEnabled()
    window.export_image("png")
    assert answers.errors and "empty" in answers.errors[0][1]


def test_export_to_a_missing_folder_says_why(window, answers, tmp_path):
    open_blog_example(window)
    answers.export_path = str(tmp_path / "nope" / "g.png")
    trigger(window, "export_png")
    nope = tmp_path / "nope"
    assert answers.errors[0][1] == f"{nope / 'g.png'}: its folder {nope} does not exist"


def test_empty_canvas_shows_what_to_do(window, answers):
    trigger(window, "new")
    assert window.canvas_hint.isVisible() and "Palette" in window.canvas_hint.text()
    hint = window.canvas_hint.geometry()
    assert window.view.viewport().geometry().contains(hint)  # whole, not clipped
    window.add_node("leaf")
    QApplication.processEvents()
    assert not window.canvas_hint.isVisible()
    trigger(window, "undo")
    QApplication.processEvents()
    assert window.canvas_hint.isVisible()


def test_run_installs_the_exception_hook_and_returns_when_closed(qtbot, answers, monkeypatch):
    from PySide6.QtCore import QTimer

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    seen = []

    def close_it():
        w = QApplication.activeWindow() or next(
            x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible()
        )
        seen.append(set(w.model.nodes()))
        w.close()

    QTimer.singleShot(300, close_it)
    assert gui_app.run([]) == 0
    assert seen == [BLOG_IDS]
    assert isinstance(sys.excepthook, gui_app.ExceptionHook)


def test_title_names_the_document_and_carries_the_modified_mark(window, answers, tmp_path):
    trigger(window, "new")
    assert window.windowTitle() == "Untitled[*] — micrograd-studio"
    open_blog_example(window)
    assert window.windowTitle() == "blog_L (example)[*] — micrograd-studio"
    answers.save_path = str(tmp_path / "work.mgraph")
    trigger(window, "save")
    assert window.windowTitle() == "work.mgraph[*] — micrograd-studio"
    assert window.windowFilePath() == str(tmp_path / "work.mgraph")


def test_tab_on_the_canvas_opens_quick_add(qtbot, window):
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    quick = window.view._quick
    assert quick is not None and quick.isVisible()
    qtbot.keyClicks(quick.edit, "tanh")
    qtbot.keyClick(quick.edit, Qt.Key.Key_Return)
    assert [window.model.op(n) for n in window.model.nodes()].count("tanh") == 1


def test_undo_history_panel(qtbot, window):
    toggle = window.history_dock.toggleViewAction()
    assert toggle in window.docks_menu.actions() and not toggle.isChecked()
    toggle.trigger()
    assert window.history_dock.isVisible()
    open_blog_example(window)
    window.add_node("exp")
    assert window.history.model().rowCount() == 2  # "The graph as opened" and "Add exp"


def test_zoom_shown_in_the_status_bar(window):
    window.view.set_zoom(1.0)
    assert window.zoom_label.text() == "100%"
    window.view.set_zoom(0.5)
    assert window.zoom_label.text() == "50%"
    window.view.set_zoom(0.0016)  # far out: the digits that tell it from 0
    assert window.zoom_label.text() == "0.16%"


def test_fit_shows_a_very_tall_graph_whole(window):
    """A 50,000-node layout can be a million units tall: Fit must zoom out
    that far rather than stop at a floor and show a slice of it."""
    m = GraphModel()
    m.add_node("leaf", "top", value=1.0, x=0, y=0)
    m.add_node("leaf", "bottom", value=2.0, x=300, y=900_000)
    window.set_document(m, None, "tall")
    window.view.fit_all()
    QApplication.processEvents()
    vp = window.view.viewport().rect()
    for n in ("top", "bottom"):
        r = window.view.mapFromScene(window.scene.node_item(n).sceneBoundingRect()).boundingRect()
        assert vp.contains(r.center()), n
    assert window.zoom_label.text() != "0%"


def test_status_bar_shows_the_canvas_refusals_then_the_hint(qtbot, window):
    open_blog_example(window)
    window.editor.status_message.emit("wiring 'L' into 'a' would make a cycle")
    assert window.status_text() == "Wiring 'L' into 'a' would make a cycle"
    window.status_line.end_message()  # the message times out
    assert "Drag from a node's output" in window.status_text()
    window.scene.select_ids(["d"])
    QApplication.processEvents()
    assert window.status_text().startswith("d selected")
    from canvas_helpers import click

    window.scene.clearSelection()
    wire = window.scene.edge_item("f", "L", 1)
    window.view.set_zoom(1.0)
    window.view.centerOn(wire.mapToScene(wire.path().pointAtPercent(0.5)))
    click(window.view, wire.mapToScene(wire.path().pointAtPercent(0.5)))  # as a user picks a wire
    QApplication.processEvents()
    assert window.scene.selected_wires() == [("f", "L", 1)]
    assert window.status_text().startswith("1 wire selected · Del disconnects it")


def test_main_toolbar_drops_its_labels_when_narrow(window):
    window.resize(1400, 560)
    QApplication.processEvents()
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    window.resize(700, 560)
    QApplication.processEvents()
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    for act in window.toolbar.actions():
        if not act.isSeparator():
            assert act.toolTip()  # the name is still there, on hover


# ------------------------------------------------------------ scene teardown
def test_replacing_the_document_or_destroying_the_window_with_a_selection_is_quiet(qtbot, answers):
    """The scene outlives documents: a new one empties the selection with one
    selectionChanged, after the document is in place (listeners then see the
    new model), and a window destroyed with a selection raises nothing
    (pytest-qt fails on slot errors)."""
    import shiboken6

    w = MainWindow()
    w.show()
    qtbot.waitExposed(w)
    open_blog_example(w)
    w.view.set_zoom(0.1)  # the overview layer is on
    w.scene.select_all()
    QApplication.processEvents()
    scene = w.scene
    heard = []
    scene.selectionChanged.connect(lambda: heard.append(w.model))
    trigger(w, "new")
    QApplication.processEvents()
    assert w.scene is scene and not scene.selectedItems()
    assert heard == [w.model] and len(w.model) == 0
    open_blog_example(w)
    w.scene.select_all()
    QApplication.processEvents()
    w.undo_stack.setClean()
    shiboken6.delete(w)  # the window, its scene and the selection go at once
    QApplication.processEvents()


def test_a_wiring_hint_goes_away_when_the_wire_is_dropped(qtbot, window):
    """ "Drop the wire on an input port", said while passing over an output,
    must not stay in the status bar after a successful drop (review)."""
    from canvas_helpers import _send, in_port, out_port, vp
    from PySide6.QtGui import QMouseEvent

    open_blog_example(window)
    w, sc, view = window, window.scene, window.view
    m = w.add_node("mul")
    QApplication.processEvents()
    w.view.fit_all()
    left = Qt.MouseButton.LeftButton

    def gesture(points, end):
        _send(view, QMouseEvent.Type.MouseButtonPress, vp(view, points[0]), left, left)
        for p in points[1:]:
            _send(view, QMouseEvent.Type.MouseMove, vp(view, p), Qt.MouseButton.NoButton, left)
        _send(view, QMouseEvent.Type.MouseButtonRelease, vp(view, end), left, Qt.MouseButton.NoButton)
        QApplication.processEvents()

    a, b_out = out_port(sc, "a"), out_port(sc, "b")
    gesture([a, b_out, in_port(sc, m, 0)], in_port(sc, m, 0))
    assert w.model.inputs(m)[0] == "a"  # it was wired
    assert "drop the wire" not in w.status_text().lower()
    # a refused drop keeps its reason on screen
    gesture([out_port(sc, "L"), in_port(sc, "e", 0)], in_port(sc, "e", 0))
    assert "cycle" in w.status_text().lower()


@pytest.mark.parametrize("width", [800, 900, 1000, 1066])  # 1280 px at 125%, 1600 px at 150%
def test_toolbars_do_not_overflow_on_a_scaled_screen(qtbot, window, width):
    """Review: at 150% the toolbar overflowed into "»" and hid Speed."""
    from PySide6.QtWidgets import QToolBar

    window.resize(width, 700)
    QApplication.processEvents()
    assert window.width() == width
    top = [
        tb
        for tb in window.findChildren(QToolBar)
        if window.toolBarArea(tb) == Qt.ToolBarArea.TopToolBarArea and tb.isVisible()
    ]
    assert top
    for tb in top:
        for act in tb.actions():
            if act.isVisible() and not act.isSeparator():
                wid = tb.widgetForAction(act)
                assert wid is not None and wid.isVisible(), (tb.objectName(), act.text())
        ext = tb.findChild(QWidget, "qt_toolbar_ext_button")
        assert ext is None or not ext.isVisible(), tb.objectName()
    slider = window.findChild(QWidget, "speed_slider")
    if slider is not None:
        assert slider.isVisible()


def _all_nodes_in_view(w) -> bool:
    vp = w.view.viewport().rect()
    return all(
        vp.contains(w.view.mapFromScene(it.sceneBoundingRect()).boundingRect()) for it in w.scene.node_items()
    )


def test_an_opened_example_stays_wholly_in_view_while_docks_open_and_close(qtbot, window):
    """Review: the output node was cut off at the right after opening an
    example, because the fit ran before the docks had their final size."""
    from test_window_files import menu_action

    act = menu_action(window.menus["file"], "example_neuron_exp")
    act.trigger()
    qtbot.waitUntil(lambda: window.view.is_fitted, timeout=2000)
    assert _all_nodes_in_view(window)
    for dock in (window.palette_dock, window.properties_dock):
        dock.hide()
        QApplication.processEvents()
        assert _all_nodes_in_view(window), f"{dock.objectName()} hidden"
        dock.show()
        QApplication.processEvents()
        assert _all_nodes_in_view(window), f"{dock.objectName()} shown again"


def test_running_backward_brings_the_order_tab_forward(qtbot, answers):
    """Order shares a tab with Properties on the first start; a pass shows it."""
    from PySide6.QtGui import QAction

    w = gui_app.create_window([])
    qtbot.addWidget(w)
    qtbot.waitExposed(w)
    order = w.findChild(QDockWidget, "dock_order")
    backward = w.findChild(QAction, "action_backward")
    if order is None or backward is None:
        pytest.skip("no animation module")
    assert order in w.tabifiedDockWidgets(w.properties_dock)
    QApplication.processEvents()
    assert w.properties_dock.visibleRegion().isEmpty() is False  # Properties is the open tab
    backward.trigger()
    QApplication.processEvents()
    assert not order.visibleRegion().isEmpty() and w.properties_dock.visibleRegion().isEmpty()


def _order_window(qtbot):
    """The first-start window with Properties the open tab over Order."""
    w = gui_app.create_window([])
    qtbot.addWidget(w)
    qtbot.waitExposed(w)
    order = w.findChild(QDockWidget, "dock_order")
    if order is None:
        pytest.skip("no animation module")
    assert order in w.tabifiedDockWidgets(w.properties_dock)
    QApplication.processEvents()
    assert not w.properties_dock.visibleRegion().isEmpty()
    return w, order


def _order_in_front(w, order) -> bool:
    return not order.visibleRegion().isEmpty() and w.properties_dock.visibleRegion().isEmpty()


def test_order_comes_forward_even_when_properties_is_raised_just_before_backward(qtbot, answers):
    """A window just opened may raise Properties once more in the same
    event-loop turn as Ctrl+B: Order is raised again one turn later."""
    from PySide6.QtCore import QTimer

    w, order = _order_window(qtbot)
    w.backward.action_autoplay.setChecked(False)
    QTimer.singleShot(0, w.properties_dock.raise_)  # the window still settling
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        QApplication.processEvents()
    assert w.backward.animator.active
    assert _order_in_front(w, order)


def test_play_without_a_pass_and_the_first_step_bring_order_forward(qtbot, answers):
    """P runs Backward too (not through the Backward action), and the first
    step shown raises Order again if Properties came over it meanwhile."""
    w, order = _order_window(qtbot)
    ctl = w.backward
    ctl.action_autoplay.setChecked(False)
    ctl.run_backward(play=False)
    QApplication.processEvents()
    assert _order_in_front(w, order)
    w.properties_dock.raise_()
    QApplication.processEvents()
    assert not _order_in_front(w, order)
    ctl.action_step.trigger()
    QApplication.processEvents()
    assert ctl.animator.pos == 1
    assert _order_in_front(w, order)


def test_file_new_shows_the_empty_graph_at_100_percent(qtbot, window, answers):
    """A trial: File › New kept the last graph's 15 %: the first nodes added were specks."""
    w = window
    open_blog_example(w)
    w.view.set_zoom(0.15)
    QApplication.processEvents()
    answers.save_changes = Button.Discard
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.view.zoom == 1.0)
    assert len(w.model) == 0
