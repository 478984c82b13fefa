"""File › Import Code on micrograd's nn code (trial 43 #5): refused with the
menu entry that builds the same network, and Insert Neuron…/MLP… in the
Graph menu too, as the learner drives them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from snippets import LECTURE_NN_CLASSES
from test_cli import assert_error, run
from window_helpers import action, answers, tmp_settings, window  # noqa: F401

from gui.learning.templates import MLPDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
LECTURE_MLP = """\
from micrograd.nn import MLP
n = MLP(3, [4, 4, 1])
xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]
ypred = [n(x) for x in xs]
loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
"""


def open_import_dialog(qtbot, w):
    """Ctrl+Shift+I on the canvas, as a user opens File › Import Code…"""
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_I, CTRL_SHIFT)
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    return dlg


def type_code(qtbot, dlg, text: str) -> None:
    """Select all in the box and type ``text`` (long texts are pasted, as a user would)."""
    dlg.editor.setFocus()
    qtbot.keyClick(dlg.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if len(text) > 200:
        QApplication.clipboard().setText(text)
        qtbot.keyClick(dlg.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    else:
        for i, line in enumerate(text.split("\n")):
            if i:
                qtbot.keyClick(dlg.editor, Qt.Key.Key_Return)
            if line:
                qtbot.keyClicks(dlg.editor, line)
    assert dlg.editor.toPlainText() == text


def test_the_lecture_s_mlp_code_is_refused_with_the_menu_entry_that_builds_it(qtbot, window):
    """Trial 43 #5: "imports are not supported" and "unknown function 'MLP'",
    with no word of Learn › Insert MLP…; the position in front, where MLP( is
    called (t62 #8: line 1, column 1, the import line, was underlined)."""
    w = window
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, LECTURE_MLP)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert dlg.isVisible() and len(w.model) == 0
    said = dlg.error.text()
    assert said.startswith("line 2, column 5: MLP(…) is not read as code: use Learn › Insert MLP…"), said
    assert "MLP(3, [4, 4, 1]) on its four data points" in said
    cursor = dlg.editor.textCursor()  # the cursor went to MLP( on line 2
    assert cursor.blockNumber() == 1 and cursor.positionInBlock() == 4
    # without the import line: the call itself says it
    type_code(qtbot, dlg, LECTURE_MLP.split("\n", 1)[1])
    qtbot.mouseClick(dlg.ok, LEFT)
    said = dlg.error.text()
    assert said.startswith("line 1, column 5: MLP(…) is not read as code: use Learn › Insert MLP…"), said
    assert dlg.editor.textCursor().positionInBlock() == 4  # the cursor went to MLP
    type_code(qtbot, dlg, "n = Neuron(2)\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    assert dlg.error.text().startswith(
        "line 1, column 5: Neuron(…) is not read as code: use Learn › Insert Neuron…"
    )
    type_code(qtbot, dlg, "from micrograd.nn import Neuron, Layer, MLP\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    said = dlg.error.text()
    assert said.startswith("line 1, column 1: micrograd.nn (Neuron, Layer, MLP) is not read as code"), said
    assert "Insert Neuron…" in said and "Insert MLP…" in said
    type_code(qtbot, dlg, "import numpy\n")  # other imports: skipped (trial 58 #2), nothing else here
    qtbot.mouseClick(dlg.ok, LEFT)
    assert dlg.error.text().startswith("line 1, column 1: import numpy builds nothing (not needed)"), (
        dlg.error.text()
    )
    assert len(w.model) == 0


def test_the_lecture_s_own_classes_are_refused_with_the_menu_entry_that_builds_them(qtbot, window):
    """Trial 64 #2: the notebook's cell (class Neuron, Layer, MLP, then
    MLP(3, [4, 4, 1]) and its loss) read "defining a class is not supported;
    write assignments", as if the network were to be typed node by node.
    Another class is refused as before."""
    w = window
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, LECTURE_NN_CLASSES)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert dlg.isVisible() and len(w.model) == 0
    said = dlg.error.text()
    assert said.startswith("line 4, column 1: micrograd's nn, written out"), said
    assert "(the classes Neuron, Layer, MLP are not read as code)" in said
    assert "use Learn › Insert MLP… (the lecture's MLP(3, [4, 4, 1]) on its four data points)" in said
    assert dlg.editor.textCursor().blockNumber() == 3  # the cursor went to "class Neuron:"
    type_code(qtbot, dlg, "class Neuron:\n  pass\nn = Neuron(2)\n")  # one neuron: the neuron's way
    qtbot.mouseClick(dlg.ok, LEFT)
    said = dlg.error.text()
    assert said.startswith("line 1, column 1: micrograd's nn, written out (the class Neuron is"), said
    assert "use Learn › Insert Neuron…" in said
    type_code(qtbot, dlg, "class Point:\n  pass\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    said = dlg.error.text()
    assert said.startswith("line 1, column 1: defining a class is not supported"), said
    assert len(w.model) == 0


def test_the_command_line_names_its_template_command_for_the_lecture_s_network(tmp_path):
    """``import`` of the lecture's cell says the menu entry and the headless
    command that writes the same graph (``template mlp``), which does."""
    src = tmp_path / "lecture.py"
    src.write_text(LECTURE_NN_CLASSES)
    r = run("import", src, "-o", tmp_path / "x.mgraph")
    assert_error(r, "line 4, column 1", "Insert MLP…", "command line: python main.py template mlp -o FILE")
    assert not (tmp_path / "x.mgraph").exists()
    r = run("import", "n = Neuron(2)", "-o", tmp_path / "x.mgraph")
    assert_error(r, "Neuron(…) is not read as code", "python main.py template neuron -o FILE")
    r = run("template", "mlp", "-o", tmp_path / "mlp.mgraph")  # as it says: the network is written
    assert r.returncode == 0 and (tmp_path / "mlp.mgraph").exists(), r.stderr


def click_menu_entry(qtbot, w, key: str, act) -> None:
    """Click the menu bar's ``key`` menu, then its entry ``act``."""
    bar, menu = w.menuBar(), w.menus[key]
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitUntil(menu.isVisible)
    rect = menu.actionGeometry(act)
    assert rect.isValid() and act.isVisible() and act.isEnabled()
    qtbot.mouseClick(menu, LEFT, pos=rect.center())


def test_insert_neuron_and_mlp_are_in_the_graph_menu_too(qtbot, window):
    """Trial 43 #5: Insert Neuron…/MLP… lived only in Learn; the Graph menu,
    where a learner looks for what adds nodes, has them too: the same
    actions (one shortcut, one enabled state), and Learn keeps them."""
    w = window
    graph, learn = w.menus["graph"].actions(), w.menus["learn"].actions()
    for name in ("learn_insert_neuron", "learn_insert_mlp"):
        act = action(w, name)
        assert act in graph and act in learn, name
    assert graph.index(action(w, "learn_insert_neuron")) == graph.index(action(w, "quick_add")) + 1
    seen = []

    def accept():
        dlg = QApplication.activeModalWidget()
        seen.append(type(dlg).__name__)
        assert isinstance(dlg, MLPDialog), dlg
        dlg.accept()

    QTimer.singleShot(100, accept)
    click_menu_entry(qtbot, w, "graph", action(w, "learn_insert_mlp"))
    qtbot.waitUntil(lambda: len(w.model) > 0, timeout=5000)
    assert seen == ["MLPDialog"] and w.model.output == "loss" and len(w.model) == 360
