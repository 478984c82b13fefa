"""Trial 49: a node's hidden id clashed with the names people type. The
user named a Value "w" (id x1) and a data point "x1" (id x2); the f(x)
bar's ``sigmoid(w*x2 + b)`` then wired the card labelled x1 as "x2" (found
by its id), Find's "x2" went first to the card x1, the Forward Mode picker
read "x1 (x2)", and ``forward --wrt x1`` differentiated w without a word.
Now a typed name means a label (a name no card shows is a new leaf), Find
puts label matches first and says when a match is by its id, lists show
an id only where two labels are the same ("x (id a)"), and the commands,
which take ids, say on standard error when an id is another node's label.
Also (12b): the bar's text and its red error went with the old graph on
File › New. Driven as a user: typing, Enter, Ctrl+F, menu entries."""

from __future__ import annotations

import json

from leaf_question import answer_leaf_question
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel
from test_cli import run
from test_formula_bar_canvas_names import bar, formula_with_table, typing
from window_helpers import action, answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.model import GraphModel
from gui.code.code_editor import CodeEditor

Key, Mod = Qt.Key, Qt.KeyboardModifier


def trial_file(folder) -> str:
    """The trial's graph as saved: w = x1, the data point x1 = x2, b = x3,
    p1 = sigmoid(w*x1 + b), and the second data point x2 with the id x21."""
    m = GraphModel()
    m.add_node("leaf", "x1", label="w", value=0.5, x=0.0, y=0.0)
    m.add_node("leaf", "x2", label="x1", value=2.0, x=0.0, y=150.0)
    m.add_node("leaf", "x3", label="b", value=-1.0, x=0.0, y=300.0)
    m.add_node("mul", "mul1", x=250.0, y=75.0)
    m.connect("x1", "mul1", 0)
    m.connect("x2", "mul1", 1)
    m.add_node("add", "add1", x=500.0, y=150.0)
    m.connect("mul1", "add1", 0)
    m.connect("x3", "add1", 1)
    m.add_node("sigmoid", "p1", label="p1", x=750.0, y=150.0)
    m.connect("add1", "p1", 0)
    m.add_node("leaf", "x21", label="x2", value=-1.0, x=0.0, y=450.0)
    path = str(folder / "logreg.mgraph")
    fileio.save(m, path)
    return path


def open_trial(qtbot, w, folder) -> None:
    assert w.open_path(trial_file(folder))
    QApplication.processEvents()
    assert w.model.label("x2") == "x1" and w.model.label("x1") == "w"


def test_a_name_typed_in_the_bar_is_a_label_never_a_hidden_id(qtbot, window, tmp_path):
    """``x2`` in the bar: no card reads x2 but one has the id x2 (the card
    x1). The table offers a new leaf x2, never "use x2 on the canvas"."""
    w = window
    m = GraphModel()  # the trial's first steps: w (id x1), then the data point x1 (id x2)
    m.add_node("leaf", "x1", label="w", value=0.5)
    m.add_node("leaf", "x2", label="x1", value=2.0, y=150.0)
    m.add_node("leaf", "x3", label="b", value=-1.0, y=300.0)
    path = str(tmp_path / "start.mgraph")
    fileio.save(m, path)
    assert w.open_path(path)
    before = set(w.model.nodes())
    seen = formula_with_table(
        qtbot, w, "L = (sigmoid(w*x2 + b) - y2)**2", typing(qtbot, None, "-1", None, "0")
    )
    assert seen["names"] == ["w", "x2", "b", "y2"]
    assert seen["use"] == [True, False, True, False], seen  # x2: a new leaf
    assert seen["node"][1] == "new leaf" and "x2" not in seen["intro"].split(" on the canvas")[0]
    new = {w.model.label(n): n for n in w.model.nodes() if n not in before}
    assert w.model.value(new["x2"]) == -1.0 and new["x2"] != "x2"
    prod = next(n for n in new.values() if w.model.op(n) == "mul")
    assert w.model.inputs(prod) == ["x1", new["x2"]]  # w and the new x2, not the card x1
    said = w.status_text()
    assert "using w and b from the canvas" in said, said
    # the card x1 is still found by its label: its id is x2
    seen = formula_with_table(qtbot, w, "q = w*x1 + c", typing(qtbot, None, None, "3"))
    assert seen["use"] == [True, True, False]
    q = next(n for n in w.model.nodes() if w.model.label(n) == "q")
    prod = w.model.inputs(q)[0]
    assert w.model.inputs(prod) == ["x1", "x2"] and w.model.value(q) == 0.5 * 2.0 + 3


def test_file_new_and_open_clear_the_bars_text_and_its_error(qtbot, window, answers, tmp_path):
    w = window
    e = bar(w)
    error = w.findChild(QLabel, "expression_error")
    e.setFocus()
    qtbot.keyClicks(e, "L2 = (w*x1 + b")
    qtbot.keyClick(e, Key.Key_Return)
    QApplication.processEvents()
    assert "is not closed: add ')'" in error.text() and e.text() == "L2 = (w*x1 + b"
    trigger(w, "new")
    assert e.text() == "" and error.text() == ""
    qtbot.keyClicks(e, "y = (")
    qtbot.keyClick(e, Key.Key_Return)
    assert error.text()
    answers.open_path = trial_file(tmp_path)
    trigger(w, "open")
    assert w.model.label("x2") == "x1"
    assert e.text() == "" and error.text() == ""


def find(qtbot, w, text: str):
    w.view.setFocus()
    qtbot.keyClick(w.view, Key.Key_F, Mod.ControlModifier)
    fb = w.navigation.find_bar
    qtbot.keyClicks(fb.edit, text)
    qtbot.waitUntil(lambda: w.navigation.find._searched == text, timeout=3000)
    QApplication.processEvents()
    return fb


def test_find_goes_to_the_label_first_and_says_when_a_match_is_by_its_id(qtbot, window, tmp_path):
    w = window
    open_trial(qtbot, w, tmp_path)
    fb = find(qtbot, w, "x2")
    f = w.navigation.find
    assert f.matches[0] == "x21"  # the card that reads x2
    assert fb.count.text() == "1 of 2" and fb.note_text() == ""
    assert set(w.scene.selected_ids()) == {"x21", "x2"}
    qtbot.keyClick(fb.edit, Key.Key_Return)  # the next: the card x1, by its id
    QApplication.processEvents()
    assert f.matches[f.current] == "x2" and fb.count.text() == "2 of 2"
    assert fb.note_text() == "Found by its id “x2”: this card reads “x1”."
    qtbot.keyClick(fb.edit, Key.Key_Return)
    assert fb.note_text() == ""
    # an id that is no card's name is still found, and said to be an id
    fb.edit.selectAll()
    qtbot.keyClicks(fb.edit, "x3")
    qtbot.waitUntil(lambda: f._searched == "x3", timeout=3000)
    assert f.matches == ["x3"] and fb.note_text() == "Found by its id “x3”: this card reads “b”."


def test_the_forward_mode_picker_lists_labels_and_an_id_only_to_tell_two_apart(
    qtbot, window, tmp_path, monkeypatch
):
    w = window
    open_trial(qtbot, w, tmp_path)
    asked: list[list[str]] = []

    def get_item(parent, title, label, items, current=0, editable=True, *a, **k):
        asked.append(list(items))
        return items[1], True

    answer_leaf_question(monkeypatch, get_item)
    w.scene.select_ids([])
    action(w, "forward_mode").trigger()
    QApplication.processEvents()
    assert sorted(asked[0]) == ["b", "w", "x1", "x2"], asked  # "x1 (x2)" read as nonsense
    assert w.backward.replay.wrt == [n for n in w.model.nodes() if w.model.label(n) == asked[0][1]][0]
    # two leaves with one label: each said to be an id
    action(w, "skip_end").trigger()
    w.model.set_label("x21", "x1")
    QApplication.processEvents()
    w.scene.select_ids([])
    action(w, "forward_mode").trigger()
    QApplication.processEvents()
    assert "x1   (id x2)" in asked[-1] and "x1   (id x21)" in asked[-1], asked[-1]


def test_a_commands_id_that_is_another_nodes_label_gets_a_note_on_stderr(tmp_path):
    path = trial_file(tmp_path)
    note = "note: 'x1' is the id of the node labelled 'w'; the node labelled 'x1' has the id 'x2'"
    r = run("forward", path, "--wrt", "x1", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["wrt"] == "x1"  # the id, as the spec says
    assert r.stderr.strip() == note
    r = run("gradcheck", path, "--root", "p1", "--leaves", "x1,x3")
    assert r.returncode == 0 and r.stderr.strip() == note
    r = run("backward", path, "--root", "x2", "--json")  # the card x2 is x21
    assert r.returncode == 0 and json.loads(r.stdout)["root"] == "x2"
    assert (
        r.stderr.strip()
        == "note: 'x2' is the id of the node labelled 'x1'; the node labelled 'x2' has the id 'x21'"
    )
    r = run("forward", path, "--wrt", "x3")  # an id no label shares: no note
    assert r.returncode == 0 and r.stderr == ""


def test_new_values_get_ids_that_are_no_lecture_name(qtbot, window):
    """The trial's first steps with Quick Add: a Value named w, then one
    named x1. Their ids were x1 and x2: the second card's name was the
    first card's hidden id, and its id the name of the data point to come."""
    w = window
    for typed in ("w = 0.5", "x1 = 2"):
        w.view.setFocus()
        qtbot.keyClick(w.view, Key.Key_Tab)
        qtbot.keyClicks(w.view._quick.edit, typed.split(" = ")[1])
        qtbot.keyClick(w.view._quick.edit, Key.Key_Return)
        box = w.scene.interaction.inline_editor
        assert box is not None
        qtbot.keyClicks(box, typed)  # (its text selected: typed over)
        qtbot.keyClick(box, Key.Key_Return)
        QApplication.processEvents()
    ids = {w.model.label(n): n for n in w.model.nodes()}
    assert ids == {"w": "leaf1", "x1": "leaf2"}, ids
    assert w.model.value("leaf2") == 2.0


def test_the_code_panel_names_a_card_by_its_label_before_another_cards_id(qtbot, window, tmp_path):
    """A card whose label is no Python name ("data 1") was written by its id,
    x2, and the card labelled x2 as ``x2_2``: ``x2`` typed in the code then
    meant the card "data 1"."""
    w = window
    m = GraphModel()
    m.add_node("leaf", "x2", label="data 1", value=2.0)
    m.add_node("leaf", "x21", label="x2", value=-1.0, y=150.0)
    m.add_node("mul", "p", label="p", x=250.0)
    m.connect("x2", "p", 0)
    m.connect("x21", "p", 1)
    path = str(tmp_path / "data.mgraph")
    fileio.save(m, path)
    assert w.open_path(path)
    menu_action(w.menus["view"], "toggle_dock_code").trigger()
    assert w.findChild(QDockWidget, "dock_code").isVisible()
    QApplication.processEvents()
    e = w.findChild(CodeEditor, "code_editor")
    lines = e.toPlainText().splitlines()
    assert "x2 = Value(-1.0, label='x2')" in lines and "p = data_1 * x2" in lines, lines
    e.setFocus()
    e.moveCursor(QTextCursor.MoveOperation.End)
    if not e.toPlainText().endswith("\n"):
        qtbot.keyClick(e, Key.Key_Return)
    qtbot.keyClicks(e, "q = x2 * p")
    qtbot.keyClick(e, Key.Key_Return, Mod.ControlModifier)
    QApplication.processEvents()
    q = next(n for n in w.model.nodes() if w.model.label(n) == "q")
    assert w.model.inputs(q) == ["x21", "p"] and w.model.value(q) == -1.0 * 2.0 * -1.0


def test_a_name_the_code_panel_gives_a_node_is_typed_in_the_bar(qtbot, window, tmp_path):
    """A node whose label is no Python name ("w*x1 + b") is called by its id
    in the Code panel and the exports (``add1 = mul1 + b``): typed in the
    bar, that id is the node (a review: it became a new leaf add1 of value
    1.0); the trial's hidden id behind a label that is a name stays out."""
    w = window
    m = GraphModel()
    m.add_node("leaf", "x1", label="w", value=0.5)
    m.add_node("leaf", "x2", label="x1", value=2.0, y=150.0)
    m.add_node("leaf", "x3", label="b", value=-1.0, y=300.0)
    m.add_node("mul", "mul1", label="w*x1", x=250.0, y=75.0)
    m.connect("x1", "mul1", 0)
    m.connect("x2", "mul1", 1)
    m.add_node("add", "add1", label="w*x1 + b", x=500.0, y=150.0)
    m.connect("mul1", "add1", 0)
    m.connect("x3", "add1", 1)
    path = str(tmp_path / "named.mgraph")
    fileio.save(m, path)
    assert w.open_path(path)
    before = set(w.model.nodes())
    seen = formula_with_table(qtbot, w, "L = add1**2 + x2", typing(qtbot, None, "3"))
    assert seen["names"] == ["add1", "x2"]
    assert seen["use"] == [True, False], seen  # add1: the sum on the canvas; x2: a new leaf
    new = {w.model.label(n): n for n in w.model.nodes() if n not in before}
    square = next(n for n in new.values() if w.model.op(n) == "pow")
    assert w.model.inputs(square) == ["add1"]
    assert w.model.value(new["x2"]) == 3.0


def test_a_name_two_cards_share_is_said_in_the_values_table(qtbot, window, tmp_path):
    """A check of the fixes: with two cards named x1 (Quick Add's x1=5 beside
    an x1), ``t = x1 * 10`` in the bar offered a third x1 of value 1.0 and
    said nothing of the two; the table now says why it is a new leaf."""
    w = window
    m = GraphModel()
    m.add_node("leaf", "leaf1", label="x1", value=2.0)
    m.add_node("leaf", "leaf2", label="x1", value=5.0, y=150.0)
    path = str(tmp_path / "two.mgraph")
    fileio.save(m, path)
    assert w.open_path(path)
    seen = formula_with_table(qtbot, w, "t = x1 * 10", typing(qtbot, "3"))
    assert seen["names"] == ["x1"] and seen["use"] == [False]
    assert seen["node"] == ["new leaf (2 cards are named x1)"]
    assert "2 cards are named x1: a new x1 is made (rename one to use it)" in seen["intro"]
    assert len(w.model) == 5  # the third x1 and the constant 10 and the product
