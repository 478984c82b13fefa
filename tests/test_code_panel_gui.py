"""The Code panel, driven as a user does: open it from View › Panels, type
in it, press Ctrl+Enter or click Apply, edit the canvas and watch the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QPushButton
from window_helpers import action, answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from core.code.codetext import to_code
from core.files import fileio
from gui.code.code_editor import CodeEditor
from gui.code.code_sync import REWRITE_DELAY
from gui.common import style as S

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
CTRL = Qt.KeyboardModifier.ControlModifier


def snapshot(m):
    return ({n: m.node(n) for n in m.nodes()}, sorted(m.edges()), m.output)


def positions(m):
    return {n: m.position(n) for n in m.nodes()}


@pytest.fixture
def blog(window):
    """The blog example open, the Code panel shown from View › Panels."""
    window.document.replace(fileio.load(EX / "blog_L.mgraph"), str(EX / "blog_L.mgraph"))
    dock = window.findChild(QDockWidget, "dock_code")
    toggle = menu_action(window.menus["view"], "toggle_dock_code")
    if not dock.isVisible():
        toggle.trigger()
    assert dock.isVisible()
    QApplication.processEvents()
    return window


def editor(w) -> CodeEditor:
    e = w.findChild(CodeEditor, "code_editor")
    assert e is not None and e.isVisible()
    return e


def state(w) -> str:
    return w.findChild(QLabel, "code_state").text()


def error(w) -> str:
    lab = w.findChild(QLabel, "code_error")
    return lab.text() if lab.isVisible() else ""


def replace_in_editor(qtbot, w, old: str, new: str) -> None:
    """Select ``old`` in the code with the mouse-free way a user would
    (Ctrl+F-like: the editor's find) and type ``new`` over it."""
    e = editor(w)
    e.setFocus()
    e.moveCursor(QTextCursor.MoveOperation.Start)
    assert e.find(old), old
    qtbot.keyClicks(e, new)


def type_at_end(qtbot, w, text: str) -> None:
    e = editor(w)
    e.setFocus()
    e.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(e, text)


def ctrl_enter(qtbot, w) -> None:
    qtbot.keyClick(editor(w), Qt.Key.Key_Return, CTRL)
    QApplication.processEvents()


def test_the_panel_shows_the_graph_as_the_lecture_writes_it(blog):
    w = blog
    assert editor(w).toPlainText() == to_code(w.model).text
    assert "L = d * f" in editor(w).toPlainText() and "In step with the canvas" in state(w)
    assert not w.findChild(QPushButton, "code_apply").isEnabled()  # nothing to apply yet
    assert editor(w).font().fixedPitch()


def test_typing_and_ctrl_enter_adds_a_node_beside_and_keeps_the_rest(qtbot, blog):
    w = blog
    m = w.model
    before, where = snapshot(m), positions(m)
    entries = w.undo_stack.count()
    type_at_end(qtbot, w, "M = L.tanh()")
    assert "Edited, not applied" in state(w)
    assert w.findChild(QPushButton, "code_apply").isEnabled()
    assert snapshot(m) == before  # nothing changes while typing
    ctrl_enter(qtbot, w)
    assert m.op("M") == "tanh" and m.inputs("M") == ["L"]
    item = w.scene.node_item("M")
    assert item is not None  # on the canvas, and scrolled into view
    shown = w.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    assert w.view.viewport().rect().contains(shown)
    assert editor(w).hasFocus()  # the keyboard stays in the code
    assert {n: m.position(n) for n in where} == where  # every old node kept its id and place
    assert w.undo_stack.count() == entries + 1
    assert w.undo_stack.undoText() == "Apply code (1 added)"
    assert "In step with the canvas" in state(w) and error(w) == ""
    x, y = m.position("M")
    assert x > where["L"][0] and y == where["L"][1]  # right of L
    # one Undo takes it back exactly; Redo applies it again
    trigger(w, "undo")
    assert snapshot(m) == before and w.scene.node_item("M") is None
    # the code follows
    qtbot.waitUntil(lambda: "M = " not in editor(w).toPlainText(), timeout=REWRITE_DELAY * 8)
    trigger(w, "redo")
    assert m.op("M") == "tanh"
    qtbot.waitUntil(lambda: "M = L.tanh()" in editor(w).toPlainText(), timeout=REWRITE_DELAY * 8)


def test_a_changed_statement_changes_only_its_node(qtbot, blog):
    w = blog
    m = w.model
    before, where = snapshot(m), positions(m)
    replace_in_editor(qtbot, w, "a * b", "a + b")
    w.findChild(QPushButton, "code_apply").click()  # the button does what Ctrl+Enter does
    QApplication.processEvents()
    assert m.op("e") == "add" and m.inputs("e") == ["a", "b"]
    assert positions(m) == where and set(m.nodes()) == set(before[0])
    assert m.value("L") == ((2.0 - 3.0) + 10.0) * -2.0
    for n in ("a", "b", "c", "f"):
        assert m.node(n) == before[0][n]
    assert w.undo_stack.undoText() == "Apply code (1 changed)"
    trigger(w, "undo")
    assert snapshot(m) == before


def test_editing_the_canvas_rewrites_the_code(qtbot, blog):
    w = blog
    w.scene.select_ids(["f"])
    w.view.setFocus()
    QApplication.processEvents()  # as between a user's click and key press
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "f" not in w.model
    qtbot.waitUntil(lambda: "f = Value" not in editor(w).toPlainText(), timeout=REWRITE_DELAY * 8)
    assert editor(w).toPlainText() == to_code(w.model).text
    assert "In step with the canvas" in state(w)
    # L lost an input: it is listed as unfinished, not written as code
    assert "L = " not in editor(w).toPlainText() and "# L" in editor(w).toPlainText()
    # a value typed on the canvas shows up in the code too
    w.editor.set_value("a", "5")
    qtbot.waitUntil(lambda: "a = Value(5.0, label='a')" in editor(w).toPlainText(), timeout=REWRITE_DELAY * 8)


def test_unapplied_edits_are_kept_when_the_canvas_changes(qtbot, blog):
    w = blog
    type_at_end(qtbot, w, "M = L.relu()")
    typed = editor(w).toPlainText()
    w.editor.set_value("a", "7")  # an edit on the canvas meanwhile
    qtbot.waitUntil(lambda: "canvas changed while you were editing" in state(w), timeout=REWRITE_DELAY * 8)
    assert editor(w).toPlainText() == typed  # the user's text is not overwritten
    w.findChild(QPushButton, "code_revert").click()
    assert editor(w).toPlainText() == to_code(w.model).text
    assert "a = Value(7.0" in editor(w).toPlainText() and "In step" in state(w)


def test_a_syntax_error_shows_line_and_column_and_changes_nothing(qtbot, blog):
    w = blog
    before = snapshot(w.model)
    entries = w.undo_stack.count()
    replace_in_editor(qtbot, w, "d = e + c", "d = e + (c")
    ctrl_enter(qtbot, w)
    assert error(w).startswith("line 5, col ") and "syntax error" in error(w)
    assert "line 5" in w.status_text()
    assert snapshot(w.model) == before and w.undo_stack.count() == entries
    e = editor(w)
    assert e.error_at is not None and e.error_at[0] == 5 and len(e.extraSelections()) == 2
    assert e.textCursor().blockNumber() == 4  # the cursor is on the bad line
    # an operator the app does not have: the exact place
    replace_in_editor(qtbot, w, "d = e + (c", "d = e % c")
    ctrl_enter(qtbot, w)
    assert error(w).startswith("line 5, col 7: operator % is not supported")
    assert e.extraSelections()[1].cursor.selectedText() == "%"  # the operator, underlined (verify 50)
    assert snapshot(w.model) == before
    # fixed, it applies and the marks go
    replace_in_editor(qtbot, w, "d = e % c", "d = e - c")
    ctrl_enter(qtbot, w)
    assert error(w) == "" and e.extraSelections() == [] and w.model.op("d") == "sub"


def test_reapplying_unchanged_code_adds_no_undo_entry(qtbot, blog):
    w = blog
    where = positions(w.model)
    entries = w.undo_stack.count()
    type_at_end(qtbot, w, "# just a comment")
    ctrl_enter(qtbot, w)
    assert w.undo_stack.count() == entries and positions(w.model) == where
    assert "already is what the code says" in w.status_text()


def test_a_formula_applied_stays_as_typed_until_the_canvas_changes(qtbot, window):
    w = window
    if not w.findChild(QDockWidget, "dock_code").isVisible():
        menu_action(w.menus["view"], "toggle_dock_code").trigger()
    assert "canvas is empty" in state(w)
    type_at_end(qtbot, w, "L = (a*b + c) * f")
    ctrl_enter(qtbot, w)
    assert len(w.model) == 7 and w.model.value("L") == 2.0  # leaves without a value: 1.0
    assert editor(w).toPlainText() == "L = (a*b + c) * f"
    ids, where = set(w.model.nodes()), positions(w.model)
    qtbot.wait(REWRITE_DELAY * 2)
    assert editor(w).toPlainText() == "L = (a*b + c) * f"  # not rewritten by its own apply
    # typed again with one change: the rest keeps its nodes and places
    replace_in_editor(qtbot, w, "a*b", "a*b*b")
    ctrl_enter(qtbot, w)
    assert ids < set(w.model.nodes()) and len(w.model) == 8
    assert all(w.model.position(n) == where[n] for n in ids)
    # a leaf renamed in the formula is the same leaf (its place and value kept), relabelled
    replace_in_editor(qtbot, w, "* f", "* g")
    ctrl_enter(qtbot, w)
    assert set(w.model.nodes()) == ids | {"mul2"} and w.model.label("f") == "g"
    assert w.undo_stack.undoText() == "Apply code (1 changed)"


def test_new_document_empties_the_panel(qtbot, blog, answers):
    from window_helpers import Button

    w = blog
    answers.save_changes = Button.Discard
    trigger(w, "new")
    assert editor(w).toPlainText() == "" and "canvas is empty" in state(w)


def test_a_hidden_panel_catches_up_when_shown(qtbot, blog):
    w = blog
    toggle = menu_action(w.menus["view"], "toggle_dock_code")
    toggle.trigger()  # hide it
    assert not w.findChild(QDockWidget, "dock_code").isVisible()
    w.editor.set_value("b", "4")
    qtbot.wait(REWRITE_DELAY * 2)
    toggle.trigger()  # show it again
    qtbot.waitUntil(lambda: "b = Value(4.0, label='b')" in editor(w).toPlainText(), timeout=2000)
    assert "In step" in state(w)


def test_a_graph_too_big_for_the_panel_is_never_emptied_by_apply(qtbot, window, monkeypatch):
    from gui.code import code_sync

    monkeypatch.setattr(code_sync, "MAX_NODES", 5)
    w = window
    w.document.replace(fileio.load(EX / "blog_L.mgraph"), str(EX / "blog_L.mgraph"))
    if not w.findChild(QDockWidget, "dock_code").isVisible():
        menu_action(w.menus["view"], "toggle_dock_code").trigger()
    QApplication.processEvents()
    e = editor(w)
    assert "This graph has 7 nodes" in e.toPlainText() and e.isReadOnly()
    before = snapshot(w.model)
    e.setFocus()
    ctrl_enter(qtbot, w)
    assert snapshot(w.model) == before and len(w.model) == 7


def test_an_apply_inside_a_folded_group_keeps_the_group_and_the_canvas_in_step(qtbot, blog):
    from test_every_action import inconsistency

    w = blog
    gid = w.model.groups.add(["a", "b", "e"], "product", collapsed=True)
    QApplication.processEvents()
    before = snapshot(w.model)
    replace_in_editor(qtbot, w, "a * b", "a + b")
    ctrl_enter(qtbot, w)
    assert w.model.op("e") == "add" and w.model.groups.group_of("e") == gid
    assert w.model.groups.get(gid).collapsed
    assert inconsistency(w) is None
    trigger(w, "undo")
    assert snapshot(w.model) == before and inconsistency(w) is None


def test_the_code_button_on_the_toolbar_opens_and_closes_the_panel(qtbot, window):
    from PySide6.QtWidgets import QToolButton

    w = window
    dock = w.findChild(QDockWidget, "dock_code")
    button = w.toolbar.widgetForAction(action(w, "toggle_dock_code"))
    assert isinstance(button, QToolButton) and button.text() == "Code"
    was = dock.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dock.isVisible() != was
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dock.isVisible() == was


@pytest.mark.parametrize("width, shown", [(1900, True), (1280, False)])
def test_first_start_puts_the_panel_beside_the_palette_in_a_wide_window(qtbot, window, width, shown):
    from gui.window import first_start

    w = window
    w.resize(width, 900)
    QApplication.processEvents()
    b = w.backward
    first_start.default_dock_layout(
        w, w.palette_dock, w.properties_dock, b.dock_order, b.dock_chain, code=w.code_panel.dock
    )
    QApplication.processEvents()
    dock = w.code_panel.dock
    assert dock.isVisible() == shown
    if shown:
        assert w.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
        assert dock.x() >= w.palette_dock.x() + w.palette_dock.width() - 2  # beside it, not under it
        assert dock.width() >= 300 and w.view.width() > dock.width() * 2  # the canvas keeps priority


def test_applying_after_the_canvas_changed_makes_the_graph_what_the_code_says(qtbot, blog):
    w = blog
    type_at_end(qtbot, w, "M = L.relu()")
    w.editor.set_value("a", "7")  # changed on the canvas meanwhile
    qtbot.waitUntil(lambda: "canvas changed while you were editing" in state(w), timeout=REWRITE_DELAY * 8)
    ctrl_enter(qtbot, w)
    assert w.model.value("a") == 2.0 and w.model.op("M") == "relu"  # as the code says
    assert "In step" in state(w)
    trigger(w, "undo")
    assert w.model.value("a") == 7.0 and "M" not in w.model


# ------------------------------------------------------------------ the canvas's zoom
def view_at(w):
    """The zoom and the scene point at the canvas's centre."""
    v = w.view
    return v.zoom, v.mapToScene(v.viewport().rect().center())


def same_view(a, b) -> bool:
    return a[0] == pytest.approx(b[0]) and (a[1] - b[1]).manhattanLength() < 2 / a[0]


def laid_out_as_at_first_start(w, width: int, height: int) -> QDockWidget:
    """The window at ``width`` × ``height`` with the panels where a first
    start puts them (the Code panel, hidden, beside the palette)."""
    from gui.window import first_start

    w.resize(width, height)
    QApplication.processEvents()
    b, dock = w.backward, w.code_panel.dock
    first_start.default_dock_layout(
        w, w.palette_dock, w.properties_dock, b.dock_order, b.dock_chain, code=dock
    )
    QApplication.processEvents()
    assert not dock.isVisible()
    return dock


def click_code_button(qtbot, w) -> None:
    """The toolbar's Code button, as the user clicks it."""
    button = w.toolbar.widgetForAction(action(w, "toggle_dock_code"))
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    QApplication.processEvents()


def test_opening_the_code_panel_keeps_a_file_just_opened_whole(qtbot, window):
    """A teacher's trial: opening the Code panel at 1280×720 right after
    opening a file refitted the graph into the narrower canvas (compact
    cards), so panels kept the zoom; then a learner's trial saw the cards cut
    at both edges (tests/test_panel_keeps_graph.py). The graph stays whole,
    no smaller than its cards write a name or a number at; closing the panel
    gives back the view as it was."""
    w = window
    dock = laid_out_as_at_first_start(w, 1280, 720)
    w.document.replace(fileio.load(EX / "neuron_tanh.mgraph"), str(EX / "neuron_tanh.mgraph"))
    qtbot.waitUntil(lambda: w.view.is_fitted, timeout=2000)
    QApplication.processEvents()
    before, width = view_at(w), w.view.viewport().width()
    click_code_button(qtbot, w)
    assert dock.isVisible() and w.view.viewport().width() < width - 200  # the canvas is narrower
    assert w.view.zoom >= w.scene.far_zoom() and w.view.is_fitted and w.view.shows_whole()
    click_code_button(qtbot, w)  # closed again: the fit as it was, the room back
    (zoom, middle), width_now = view_at(w), w.view.viewport().width()
    assert not dock.isVisible() and w.view.is_fitted and zoom == pytest.approx(before[0], rel=0.02)
    assert (middle - before[1]).manhattanLength() < 4 / zoom
    assert abs(width_now - width) < 10  # (the palette kept it, 490 pixels wide)
    # a resized window still fits a fitted view again, as ever
    w.resize(1100, 700)
    QApplication.processEvents()
    assert w.view.zoom < before[0] and w.view.shows_whole()


def test_a_view_the_user_fitted_fits_again_when_the_code_panel_opens(qtbot, window):
    """Fit All (F) asks for the whole graph: with no zoom or pan since, the
    graph stays whole as the panel opens (smaller), and as large again when
    it closes."""
    w = window
    laid_out_as_at_first_start(w, 1280, 720)
    w.document.replace(fileio.load(EX / "neuron_tanh.mgraph"), str(EX / "neuron_tanh.mgraph"))
    qtbot.waitUntil(lambda: w.view.is_fitted, timeout=2000)
    w.view.setFocus()
    w.view.set_zoom(w.view.zoom / 2)
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    QApplication.processEvents()
    assert w.view.is_fitted
    fitted = w.view.zoom
    click_code_button(qtbot, w)
    assert w.view.is_fitted and w.view.shows_whole() and w.view.zoom < fitted
    click_code_button(qtbot, w)
    assert w.view.is_fitted and w.view.zoom == pytest.approx(fitted, rel=0.02)


def test_a_window_resized_after_a_panel_opened_fits_the_graph_again(qtbot, window, tmp_path):
    """The Code panel leaves too little canvas for the whole of a long graph
    at a zoom its cards write a name or a number at: the zoom stops there
    (the graph's middle in the middle), and the view is still the fit: the
    window resized then fits the graph again, as it did before the panel
    opened (it stayed cut, whatever the window's size)."""
    from test_code_panel_labels import open_chain

    w = window
    open_chain(qtbot, w, tmp_path)  # 17 cards, fitted at about a fifth
    click_code_button(qtbot, w)
    far = w.scene.far_zoom()
    assert w.view.zoom == pytest.approx(far) and not w.view.shows_whole()  # (the case: held)
    w.resize(1300, 740)
    QApplication.processEvents()
    QApplication.processEvents()
    assert w.view.shows_whole() and w.view.zoom < far
    w.view.setFocus()  # and a pan of the user's is left alone by the next resize, as ever
    w.view.set_zoom(w.view.zoom * 2)
    zoomed = w.view.zoom
    w.resize(1366, 768)
    QApplication.processEvents()
    assert w.view.zoom == pytest.approx(zoomed)


def test_the_app_s_fit_and_the_user_s_fit_all_stay_fits_as_the_panel_opens(qtbot, window, answers):
    """F on one file, then File › Open of another (the app's fit of it):
    opening the Code panel refits the new graph whole, as it would the
    user's Fit All of it, its cards compact if need be (held where they
    write their names, the app's fit cut the neuron at both edges: trial 67
    #7), never blank blocks."""
    w = window
    laid_out_as_at_first_start(w, 1100, 640)
    w.document.replace(fileio.load(EX / "blog_L.mgraph"), str(EX / "blog_L.mgraph"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    answers.open_path = str(EX / "neuron_tanh.mgraph")
    qtbot.keyClick(w.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File › Open…
    QApplication.processEvents()
    assert w.doc_name.startswith("neuron_tanh") and w.view.is_fitted
    click_code_button(qtbot, w)
    assert w.view.is_fitted and w.view.shows_whole()
    assert w.scene.far_zoom() < w.view.zoom < S.LOD_TEXT and not w.scene.far  # each card writes a text


def test_a_group_whose_nodes_the_code_leaves_out_goes_with_them(qtbot, blog):
    """A monkey test: Apply took out every node of a group but kept the group,
    empty: nothing drew it and a saved file dropped it (as a delete on the
    canvas takes it: its undo brings both back)."""
    w = blog
    m = w.model
    type_at_end(qtbot, w, "M = L.tanh()")
    qtbot.keyClick(editor(w), Qt.Key.Key_Return)
    qtbot.keyClicks(editor(w), "N = M * 2")
    ctrl_enter(qtbot, w)
    w.scene.select_ids(["M", "N"])
    gid = w.grouping.group_selection(label="tail")
    assert m.groups.get(gid).members == {"M", "N"}
    QApplication.processEvents()
    e = editor(w)
    e.setFocus()
    for line in [ln for ln in e.toPlainText().splitlines() if ln.startswith(("M ", "N "))]:
        e.moveCursor(QTextCursor.MoveOperation.Start)
        assert e.find(line)
        qtbot.keyClick(e, Qt.Key.Key_Backspace)  # the line's text selected: gone
    ctrl_enter(qtbot, w)
    assert "M" not in m and "N" not in m
    assert gid not in m.groups and len(m.groups) == 0
    trigger(w, "undo")
    assert m.groups.get(gid).members == {"M", "N"}
    trigger(w, "redo")
    assert gid not in m.groups and "M" not in m
