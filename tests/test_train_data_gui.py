"""The Train panel says what Start moves and warns of leaves that look like
data, driven as a user drives it. Trial 49: Learn › Train on a hand-built
logistic regression moved the data points and the targets (y1 from 1 to
0.649), and the panel never said what it moved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_window_properties import type_into
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.code.codeadd import import_code
from core.files import fileio
from core.learn import roles, templates
from gui.learning.train_moves import REFRESH_MS

LOGREG = """
w = Value(0.5); b = Value(-1.0)
x1 = Value(2.0); y1 = Value(1.0)
x2 = Value(-1.0); y2 = Value(0.0)
p1 = (w*x1 + b).sigmoid()
p2 = (w*x2 + b).sigmoid()
L = (p1 - y1)**2 + (p2 - y2)**2
"""
DATA = ["x1", "y1", "x2", "y2"]


@pytest.fixture
def logreg(window, tmp_path):
    """The trial's file: every leaf a parameter, as a hand-built graph is."""
    model, _ = import_code(LOGREG)
    path = tmp_path / "logreg.mgraph"
    fileio.save(model, path)
    assert window.open_path(path)
    QApplication.processEvents()
    return window


def open_train(qtbot, w):
    trigger(w, "learn_train")
    panel = w.learning.train
    shown = panel.moves.list_label
    qtbot.waitUntil(lambda: shown.isVisible() and "Start moves" in shown.text())
    return panel


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def test_train_lists_the_moved_leaves_and_marking_data_keeps_them_still(qtbot, logreg):
    w = logreg
    panel = open_train(qtbot, w)
    box = panel.moves
    listed = box.list_label.text()
    assert "Start moves these 6 parameters: w, b, x1, y1, x2, y2." in listed
    assert "Learn ▸ Parameter (Trainable)" in listed  # where a leaf's role is set
    assert box.warning.isVisible()
    warning = box.warning_label.text()
    assert "x1, y1, x2, y2 look like data" in warning
    assert "y1, y2 are subtracted from a prediction" in warning and "x1, x2 are named like data" in warning
    # the warning's text is shown whole: a short dock once cut it to one line
    label = box.warning_label
    assert label.height() >= label.heightForWidth(label.width())
    assert box.mark_button.text() == "Mark x1, y1, x2, y2 as Data"

    n0 = w.undo_stack.count()
    click(qtbot, box.mark_button)
    assert w.undo_stack.count() == n0 + 1 and w.undo_stack.undoText() == "Mark 4 leaves as data"
    # said where a user looks (a check of the fixes: the status line said the tutorial's message)
    assert w.status_text().startswith("Marked as data: x1, y1, x2, y2 are left alone by Train")
    assert all(w.model.node(n)["trainable"] is False for n in DATA)
    qtbot.waitUntil(lambda: not box.warning.isVisible())
    assert "Start moves these 2 parameters: w, b." in box.list_label.text()

    before = {n: w.model.value(n) for n in ("w", "b", *DATA)}
    loss = w.model.value("L")
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    assert {n: w.model.value(n) for n in DATA} == {n: before[n] for n in DATA}  # the data did not move
    assert w.model.value("w") != before["w"] and w.model.value("b") != before["b"]  # the weights did
    assert w.model.value("L") < loss

    w.undo_stack.undo()  # the run
    w.undo_stack.undo()  # the marks
    assert all("trainable" not in w.model.node(n) for n in DATA)
    assert w.model.value("w") == before["w"]
    qtbot.waitUntil(lambda: box.warning.isVisible())
    assert "these 6 parameters" in box.list_label.text()


def test_start_with_the_warning_trains_anyway(qtbot, logreg):
    """The warning never blocks: Start moves the data too, as it says."""
    w = logreg
    panel = open_train(qtbot, w)
    assert panel.moves.warning.isVisible()
    panel.steps.setValue(5)
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    assert w.model.value("y1") != 1.0


def test_the_mlp_template_lists_its_weights_shortly_and_warns_of_nothing(qtbot, window):
    w = window
    ids = w.learning.insert(templates.mlp())
    assert len(ids) == 360
    panel = open_train(qtbot, w)
    text = panel.moves.list_label.text()
    assert "Start moves these 41 parameters: w1.1.1, w1.1.2, w1.1.3, b1.1, w1.2.1," in text
    assert "and 33 more." in text
    assert not panel.moves.warning.isVisible()


def test_a_graph_of_weights_only_draws_no_warning(qtbot, window):
    w = window
    model, _ = import_code("L = (a*b + c) * f")
    assert w.open_model(model, "blog")
    panel = open_train(qtbot, w)
    assert "these 4 parameters: a, b, c, f." in panel.moves.list_label.text()
    assert not panel.moves.warning.isVisible()


def test_a_typed_value_or_a_run_reads_no_roles_again_but_a_rename_does(qtbot, logreg, monkeypatch):
    """Review 49: the list was read again after every edit, value edits and
    Train's own steps too, each read a pass over the graph (0.5 s at 20,000
    nodes, on each keystroke's edit). Values never change a leaf's role."""
    w = logreg
    panel = open_train(qtbot, w)
    reads = []
    real = roles.moves
    monkeypatch.setattr(roles, "moves", lambda model, root=None: reads.append(root) or real(model, root))
    w.scene.select_ids(["y1"])
    QApplication.processEvents()
    type_into(qtbot, w.properties.value_edit, "0.5")
    assert w.model.value("y1") == 0.5
    qtbot.wait(3 * REFRESH_MS)
    assert reads == []
    panel.steps.setValue(3)
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    qtbot.wait(3 * REFRESH_MS)
    assert w.model.value("y1") != 0.5 and reads == []  # the run moved y1: still no read

    w.scene.select_ids(["x1"])  # a label is a role's clue: read again
    QApplication.processEvents()
    type_into(qtbot, w.properties.label_edit, "u1")
    qtbot.waitUntil(lambda: len(reads) == 1)
    assert "y1, x2, y2 look like data" in panel.moves.warning_label.text()


def test_nudge_lists_what_it_moves_and_marking_data_keeps_it_still(qtbot, logreg):
    """Trial 49's leftover: Nudge moved every parameter, the data too, and
    never said which."""
    w = logreg
    trigger(w, "learn_nudge")
    panel = w.learning.nudge
    box = panel.moves
    qtbot.waitUntil(lambda: box.list_label.isVisible() and "Nudge moves" in box.list_label.text())
    assert "Nudge moves these 6 parameters: w, b, x1, y1, x2, y2 (select some" in box.list_label.text()
    assert (
        box.warning.isVisible()
        and "x1, y1, x2, y2 look like data, yet a nudge would" in box.warning_label.text()
    )
    click(qtbot, box.mark_button)
    qtbot.waitUntil(
        lambda: (
            "Nudge moves these 2 parameters: w, b (select some to move those only)." in box.list_label.text()
        )
    )
    before = {n: w.model.value(n) for n in DATA}
    click(qtbot, panel.up)
    assert {n: w.model.value(n) for n in DATA} == before and w.model.value("w") != 0.5


def test_nudge_with_some_selected_names_what_moves_and_warns_of_those_only(qtbot, window, tmp_path):
    """Verify 50, N5: with x selected the panel read "Nudge moves these 2
    parameters: x, y (with some of them selected: those only)" and warned of
    x and y, where Nudge Up moved x alone."""
    from test_class_trial import click_card
    from test_folded_boundary_grads import FORMULA, X, Y

    model, _ = import_code(FORMULA, {"x": X, "y": Y})
    path = tmp_path / "f.mgraph"
    fileio.save(model, path)
    w = window
    w.resize(1600, 1000)
    assert w.open_path(path)
    QApplication.processEvents()
    trigger(w, "learn_nudge")
    panel = w.learning.nudge
    box = panel.moves
    qtbot.waitUntil(lambda: box.list_label.isVisible() and "Nudge moves" in box.list_label.text())
    assert "these 2 parameters: x, y (select some to move those only)." in box.list_label.text()
    assert "x, y look like data" in box.warning_label.text()
    click_card(w, "x")
    qtbot.waitUntil(lambda: "Nudge moves x (selected; y stays)." in box.list_label.text())
    said = box.warning_label.text()
    assert said == "⚠ x looks like data, yet a nudge would change it: x is named like data.", said
    assert box.mark_button.text() == "Mark x as Data" and box.anyway.text() == "Or nudge it too."
    click(qtbot, panel.up)
    assert w.model.value("x") != X and w.model.value("y") == Y  # (what the panel said)
    # the selection cleared (a click on the empty canvas): every parameter again
    w.scene.clearSelection()
    qtbot.waitUntil(lambda: "these 2 parameters: x, y" in box.list_label.text())
    assert "x, y look like data" in box.warning_label.text() and box.anyway.text() == "Or nudge them too."
    click_card(w, "y")
    qtbot.waitUntil(lambda: "Nudge moves y (selected; x stays)." in box.list_label.text())
    click(qtbot, box.mark_button)  # marks y alone, the one that moves
    from core.learn.training import is_trainable

    assert not is_trainable(w.model, "y") and is_trainable(w.model, "x")


def test_at_its_least_height_the_panel_keeps_the_warning_above_its_button(qtbot, window):
    """t70 #6, at 1366×768: the panel's least height counted its wrapped
    status as one line, so the layout squeezed the warning's box and its
    second line lay under "Mark x as Data"."""
    from PySide6.QtWidgets import QDockWidget
    from window_helpers import type_formula

    w = window
    w.resize(1366, 768)
    type_formula(qtbot, w, "y = x**2 + 3*x")
    panel = open_train(qtbot, w)
    box = panel.moves
    qtbot.waitUntil(box.warning.isVisible)
    dock = next(d for d in w.findChildren(QDockWidget) if d.isAncestorOf(panel))
    w.resizeDocks([dock], [1], Qt.Orientation.Vertical)  # the splitter dragged up as far as it goes
    QApplication.processEvents()
    label, button = box.warning_label, box.mark_button
    assert "x looks like data" in label.text()
    lines = label.heightForWidth(label.width())
    assert label.height() >= lines > label.fontMetrics().height()  # (two lines, both shown)
    bottom = label.mapTo(panel, label.rect().bottomLeft()).y()
    assert bottom < button.mapTo(panel, button.rect().topLeft()).y()
    for part in (box, panel.start_button, panel.plot, panel.status):  # none over another
        assert part.height() >= part.minimumSizeHint().height() or part is panel.plot


def test_how_to_choose_what_moves_says_the_goal_first_in_short_sentences(qtbot, logreg):
    """t75 #13: "Learn ▸ Parameter (Trainable) on selected leaves, or a leaf's
    Role in Properties, changes which (cards say param, or data)." was read
    three times by a second-language learner: the goal first, then the steps."""
    w = logreg
    open_train(qtbot, w)
    how = w.learning.train.moves.list_label.text().splitlines()[-1]
    assert how.startswith("To choose what moves: select leaves, then Learn ▸ Parameter (Trainable).")
    assert all(len(sentence.split()) <= 12 for sentence in how.split(". ")), how
