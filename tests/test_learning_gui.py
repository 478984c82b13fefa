"""The Learn menu driven as a user drives it: menu actions, buttons, typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMessageBox
from window_helpers import action, answers, drop_code, menu_action, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.backward import backward
from core.graph.model import GraphModel
from core.learn import templates
from core.learn.training import Trainer
from gui.editing.commands import set_value_command

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


@pytest.fixture
def blog(window):
    assert window.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    return window


def wrong_b_gradient(monkeypatch) -> None:
    """Gradient Check's engine made to give b.grad = 4 (a bug for it to catch)."""
    from core.learn import gradcheck as module

    real = module.backward

    def wrong(model, root=None):
        res = real(model, root)
        res.grads["b"] = 4.0
        return res

    monkeypatch.setattr(module, "backward", wrong)


def reuse_file(tmp_path) -> Path:
    m = GraphModel()
    m.add_node("leaf", "a", value=2.0, x=0, y=0)
    m.add_node("leaf", "b", value=3.0, x=0, y=150)
    for i, (n, op, x, y) in enumerate(
        [
            ("c", "add", "a", "b"),
            ("d", "mul", "a", "b"),
            ("e", "add", "c", "d"),
            ("f", "mul", "c", "d"),
            ("y", "add", "e", "f"),
        ]
    ):
        m.add_node(op, n, x=240 * (1 + i // 2), y=150 * (i % 2))
        m.connect(x, n, 0)
        m.connect(y, n, 1)
    p = tmp_path / "reuse.mgraph"
    fileio.save(m, p)
    return p


def click(qtbot, widget) -> None:
    assert widget.isEnabled() and widget.isVisible(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def click_node(qtbot, w, node_id) -> None:
    it = w.scene.node_item(node_id)
    w.view.ensureVisible(it)
    QApplication.processEvents()
    pos = w.view.mapFromScene(it.scenePos() + QPointF(0, 10))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QApplication.processEvents()


def dock(w, name) -> QDockWidget:
    d = w.findChild(QDockWidget, name)
    assert d is not None, name
    return d


def test_learn_menu_and_docks_have_names(window):
    learn = window.menus["learn"]
    assert learn.menuAction().isVisible()
    for name in (
        "gradcheck",
        "nudge_up",
        "nudge_down",
        "nudge",
        "train",
        "quiz",
        "trainable",
        "insert_neuron",
        "insert_mlp",
        "whatif_assign",
        "whatif_twice",
        "whatif_dfs",
    ):
        assert menu_action(learn, f"learn_{name}") is action(window, f"learn_{name}")
    for name in ("gradcheck", "nudge", "train", "whatif", "quiz"):
        assert not dock(window, f"dock_learn_{name}").isVisible()


def test_learn_menu_mnemonics_are_letters_and_unique(window):
    """An underlined + reads as ±, an underlined − as =: mnemonics go on letters."""
    import re

    learn = window.menus["learn"]
    keys = []
    for act in learn.actions():
        text = act.text()
        if act.isSeparator() or not text:
            continue
        m = re.search(r"&(.)", text.replace("&&", ""))
        if m:
            assert m.group(1).isalpha(), text
            keys.append(m.group(1).lower())
    assert len(keys) == len(set(keys)), keys
    assert action(window, "learn_nudge_up").text().replace("&", "").startswith("Nudge Up")
    assert action(window, "learn_nudge_down").text().replace("&", "").startswith("Nudge Down")


def test_gradient_check_table_selection_and_marks(qtbot, blog, monkeypatch):
    w = blog
    trigger(w, "learn_gradcheck")
    d = dock(w, "dock_learn_gradcheck")
    assert d.isVisible()
    table = w.learning.gradcheck.table
    assert table.rowCount() == 4
    assert {table.item(r, 0).text() for r in range(4)} == {"a", "b", "c", "f"}
    assert all(table.item(r, 5).text() == "✓" for r in range(4))
    assert "All 4 gradients agree" in w.learning.gradcheck.summary.text()

    click_node(qtbot, w, "a")  # only the selected leaf
    assert w.scene.selected_ids() == ["a"]
    click(qtbot, w.learning.gradcheck.run_button)
    assert table.rowCount() == 1 and table.item(0, 0).text() == "a"

    # a wrong gradient from the engine is caught, listed and marked on the canvas
    wrong_b_gradient(monkeypatch)
    w.scene.clearSelection()
    click(qtbot, w.learning.gradcheck.run_button)
    rows = {table.item(r, 0).text(): table.item(r, 5).text() for r in range(table.rowCount())}
    assert rows == {"a": "✓", "b": "✗", "c": "✓", "f": "✓"}
    it = w.scene.node_item("b")
    assert it.highlight == "current" and "numeric" in it.note and it.grad == 4.0
    assert w.scene.node_item("a").highlight is None
    # any edit makes the marks stale: they go
    w.undo_stack.push(set_value_command(w.model, "c", 11.0))
    assert it.highlight is None and it.note is None


def test_result_tables_keep_the_numbers_beside_their_names(qtbot, blog):
    """The mark column as wide as its mark; the name column as wide as its
    names, in a wide dock too (a trial: docked under the canvas, the leaf's
    name column stretched and put its numbers 600 px away), and within a
    narrow one (no sideways scrolling)."""
    w = blog
    w.resize(1600, 900)
    trigger(w, "learn_gradcheck")
    trigger(w, "learn_whatif_assign")
    for panel in (w.learning.gradcheck, w.learning.whatif):
        t = panel.table
        d = t.parentWidget()
        while not isinstance(d, QDockWidget):
            d = d.parentWidget()
        d.setFloating(True)
        d.resize(900, 400)
        d.show()
        QApplication.processEvents()
        assert t.rowCount() > 0, panel.objectName()
        h = t.horizontalHeader()
        last = t.columnCount() - 1
        assert h.sectionSize(last) < 80, (panel.objectName(), h.sectionSize(last))
        names = max(t.sizeHintForColumn(0), h.sectionSizeFromContents(0).width())
        assert names <= h.sectionSize(0) <= names + 40, (panel.objectName(), h.sectionSize(0), names)
        right = h.sectionPosition(last) + h.sectionSize(last)
        if panel is w.learning.whatif:  # the table as wide as its columns, its words beside it (trial 60)
            assert t.viewport().width() <= right + 2 and t.width() < d.width() - 200
        else:
            assert right < t.viewport().width() - 200  # the spare width after the numbers, not between
        d.resize(460, 400)  # narrow: the name column gives way, nothing scrolls sideways
        qtbot.waitUntil(lambda t=t, h=h: sum(h.sectionSize(c) for c in range(t.columnCount()))
                        <= t.viewport().width() + 1, timeout=1000)  # fmt: skip
        assert not t.horizontalScrollBar().isVisible()


def test_gradient_check_bad_step_is_a_message(qtbot, blog):
    w = blog
    trigger(w, "learn_gradcheck")
    p = w.learning.gradcheck
    p.h.clear()
    qtbot.keyClicks(p.h, "-1")
    qtbot.keyClick(p.h, Qt.Key.Key_Return)
    assert "positive" in p.summary.text()


def test_nudge_up_is_the_lecture_step_and_one_undo_entry(qtbot, blog):
    w = blog
    trigger(w, "learn_nudge")
    panel = w.learning.nudge
    assert panel.step.value() == 0.01
    n0 = w.undo_stack.count()
    click(qtbot, panel.up)
    assert w.model.value("L") == pytest.approx(-7.286496, abs=1e-12)
    assert w.undo_stack.count() == n0 + 1
    text = panel.result.text()
    assert "−8 → −7.286" in text and "+0.72" in text and "+0.7135" in text
    w.undo_stack.undo()
    assert w.model.value("L") == -8.0 and w.model.value("a") == 2.0
    trigger(w, "learn_nudge_down")
    assert w.model.value("L") < -8.0 and w.undo_stack.count() == n0 + 1


def test_nudge_up_says_the_roots_label_as_it_is_in_the_status_bar(qtbot, blog):
    """A new user's trial: the status bar said "H12: 0.9093 → 0.9099" of
    the node h12 (every message's first letter was made a capital)."""
    w = blog
    w.model.set_label("L", "loss")
    trigger(w, "learn_nudge_up")
    assert w.status_line.hint_label.text().startswith("loss: −8 → ")
    w.status_line.say("select a node first")  # a sentence still starts with a capital
    assert w.status_line.hint_label.text() == "Select a node first"


def test_trainable_toggle_is_saved_and_undoable(qtbot, blog):
    w = blog
    click_node(qtbot, w, "c")
    w.menus["learn"].aboutToShow.emit()
    act = action(w, "learn_trainable")
    assert act.isEnabled() and act.isChecked()
    act.trigger()  # uncheck: c becomes a constant
    assert w.model.node("c")["trainable"] is False
    trigger(w, "learn_nudge_up")
    assert w.model.value("c") == 10.0 and w.model.value("a") != 2.0
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert "trainable" not in w.model.node("c")


def insert_mlp(w):
    ids = w.learning.insert(templates.mlp())
    assert len(ids) == 360 and w.model.output == "loss"
    return ids


def test_train_the_mlp_plot_goes_down_one_undo_entry(qtbot, window):
    w = window
    insert_mlp(w)
    trigger(w, "learn_train")
    panel = w.learning.train
    start = w.model.value("loss")
    panel.steps.setValue(20)
    n0 = w.undo_stack.count()
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    vals = panel.plot.values
    assert len(vals) == 21 and vals[0] == start
    assert all(b < a for a, b in zip(vals, vals[1:])) and vals[-1] < start / 10
    assert w.model.value("loss") == pytest.approx(vals[-1], rel=1e-12)
    assert w.undo_stack.count() == n0 + 1 and panel.start_button.text() == "Start"
    w.undo_stack.undo()
    assert w.model.value("loss") == start
    img = panel.plot.grab()
    assert not img.isNull()


def test_a_new_document_clears_the_finished_runs_curve_and_words(qtbot, window):
    """The trial: after File › New the Train panel still drew the MLP's loss
    curve and said "20 steps: loss went from 6.005 to 0.05354"."""
    w = window
    insert_mlp(w)
    trigger(w, "learn_train")
    panel = w.learning.train
    panel.steps.setValue(3)
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    assert len(panel.plot.values) == 4 and "loss went from" in panel.status.text()
    drawn = panel.plot.grab().toImage()
    w.undo_stack.setClean()  # (no "save changes?")
    trigger(w, "new")
    QApplication.processEvents()
    assert panel.plot.values == [] and "loss went from" not in panel.status.text()
    assert panel.status.text().startswith("Gradient descent on the output")  # what it does (trial 67 #6)
    assert panel.plot.grab().toImage() != drawn  # the curve is gone from the screen too


def test_training_a_root_without_minimum_stops_and_says_why(qtbot, blog):
    w = blog
    trigger(w, "learn_train")
    panel = w.learning.train
    assert panel.lr.text() == "0.05" and w.learning.nudge.step.text() == "0.01"  # not 0.050000
    panel.steps.setValue(100)
    n0 = w.undo_stack.count()
    click(qtbot, panel.start_button)
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    vals = panel.plot.values
    assert len(vals) < 30  # stopped well before the 100 steps (and 1e21)
    text = panel.status.text()
    assert "no minimum" in text and "−∞" in text and "Insert MLP" in text, text
    assert w.undo_stack.count() == n0 + 1  # the steps so far: one Undo puts them back
    assert panel.plot.log_scale  # a flat line then a cliff is unreadable: log axis
    w.undo_stack.undo()
    assert w.model.value("L") == -8.0


def test_loss_plot_uses_a_log_axis_only_when_values_span_orders_of_magnitude(qtbot):
    from gui.learning.plot import LossPlot, symexp, symlog

    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.set_values([4.0, 2.0, 1.0, 0.5, 0.01])
    assert not plot.log_scale
    plot.set_values([-8.0, -12.0, -100.0, -5e4])
    assert plot.log_scale
    for v in (-5e4, -8.0, 0.0, 3.5, 1e12):
        assert symexp(symlog(v)) == pytest.approx(v, rel=1e-12, abs=1e-12)
    plot.resize(300, 180)
    assert not plot.grab().isNull()


def test_train_pause_resume_and_edit_aborts(qtbot, window):
    w = window
    insert_mlp(w)
    trigger(w, "learn_train")
    panel = w.learning.train
    panel.steps.setValue(1_000_000)
    n0 = w.undo_stack.count()
    click(qtbot, panel.start_button)
    assert panel.running and panel.start_button.text() == "Pause"
    qtbot.waitUntil(lambda: len(panel.plot.values) > 3, timeout=5000)
    click(qtbot, panel.start_button)  # pause: the run so far is applied, one entry
    assert not panel.running and panel.start_button.text() == "Resume"
    assert w.undo_stack.count() == n0 + 1
    assert w.model.value("loss") == pytest.approx(panel.plot.values[-1], rel=1e-12)
    done = len(panel.plot.values)
    click(qtbot, panel.start_button)  # resume: the plot goes on
    qtbot.waitUntil(lambda: len(panel.plot.values) > done + 2, timeout=5000)
    before = w.model.value("loss")
    w.undo_stack.push(set_value_command(w.model, "x1_1", 2.5))  # an edit meanwhile
    assert not panel.running and "changed" in panel.status.text()
    assert w.undo_stack.count() == n0 + 2  # the edit only: the run was not applied
    w.undo_stack.undo()
    assert w.model.value("loss") == before


def test_what_if_depth_first_marks_the_wrong_gradients(qtbot, window, tmp_path):
    w = window
    assert w.open_path(reuse_file(tmp_path))
    before = backward(w.model).grads
    trigger(w, "learn_whatif_dfs")
    p = w.learning.whatif
    assert dock(w, "dock_learn_whatif").isVisible()
    assert "topological" in p.text.text() and "25" in p.text.text()
    rows = {
        p.table.item(r, 0).text(): (
            p.table.item(r, 1).text(),
            p.table.item(r, 2).text(),
            p.table.item(r, 3).text(),
        )
        for r in range(p.table.rowCount())
    }
    assert rows["a"] == ("25", "4", "≠ wrong") and rows["b"] == ("19", "3", "≠ wrong")
    assert rows["c"][2] == "" and len(rows) == 7
    a = w.scene.node_item("a")
    assert a.grad == 25.0 and a.note == "with the bug: 4" and a.highlight == "current"
    assert backward(w.model).grads == before  # the correct run is untouched

    trigger(w, "learn_whatif_twice")  # as micrograd's y.backward() twice: the root set to 1 again
    marks = {p.table.item(r, 0).text(): p.table.item(r, 3).text() for r in range(p.table.rowCount())}
    assert marks.pop("y") == "" and set(marks.values()) == {"≠ wrong"}
    assert w.scene.node_item("b").note == "with the bug: 76" and not w.scene.node_item("y").note


def answer(qtbot, panel, text):
    panel.answer.setFocus()
    qtbot.keyClicks(panel.answer, text)
    qtbot.keyClick(panel.answer, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_quiz_scores_right_and_wrong_answers(qtbot, blog):
    w = blog
    right = {"L": "1", "d": "-2", "f": "4", "e": "-2", "c": "-2", "a": "6", "b": "-4"}
    # a backward run shows gradients; quiz mode hides them
    w.scene.node_item("a").set_grad(6.0)
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    assert dock(w, "dock_learn_quiz").isVisible() and p.active
    assert all(w.scene.node_item(n).grad is None for n in w.model.nodes())
    order = list(p.quiz.order)
    assert order[0] == "L" and "L.grad" in p.question.text()
    assert w.scene.node_item("L").highlight == "current"
    answer(qtbot, p, "1")
    assert p.feedback.text() == "Question 1, L.grad: ✓ right, 1" and w.scene.node_item("L").grad == 1.0
    answer(qtbot, p, "two")  # not a number: said so, the question stays
    assert "not a number" in p.feedback.text() and p.quiz.current == order[1]
    assert p.feedback.text().startswith(f"Question 2, {order[1]}.grad:")
    for n in order[1:]:
        if n == "a":
            answer(qtbot, p, "-6")  # the classic sign slip
            first = p.feedback.text().splitlines()[0]
            assert first == (
                f"Question {order.index('a') + 1}, a.grad: ✗ you typed −6, the right answer is 6"
            )
            assert "a.grad = (−3) × (−2) = 6" in p.feedback.text()
            assert "-" not in p.feedback.text()  # one minus sign, as everywhere in the app
        elif n == "c":
            answer(qtbot, p, "-2.0000001")  # within 1e-6 relative
        else:
            answer(qtbot, p, right[n])
    assert p.quiz.done and p.quiz.score == 6
    assert p.score_label.text() == "Score: 6 / 7" and "Final score: 6 / 7" in p.question.text()
    assert not p.answer.isEnabled()
    assert w.scene.node_item("a").note == "✗"
    click(qtbot, p.restart_button)  # another round, from the start
    assert p.quiz.current == "L" and p.quiz.score == 0 and p.answer.isEnabled()
    assert all(w.scene.node_item(n).grad is None for n in w.model.nodes())
    p.answer.setText("1")
    click(qtbot, p.check_button)
    assert p.score_label.text().startswith("Score: 1 / 1 answered")
    trigger(w, "learn_quiz")  # off
    assert not p.active
    assert all(w.scene.node_item(n).note is None for n in w.model.nodes())


def accept_dialog_soon(qtbot, name, setup=None):
    def go():
        dlg = QApplication.activeModalWidget()
        assert dlg is not None and dlg.objectName() == name
        if setup:
            setup(dlg)
        dlg.accept()

    QTimer.singleShot(50, go)


@pytest.mark.parametrize(
    "name, action", [("learn_neuron_dialog", "learn_insert_neuron"), ("learn_mlp_dialog", "learn_insert_mlp")]
)
def test_the_template_dialogs_explanation_reads_in_lines_not_a_column(qtbot, blog, name, action):
    """Trial 47: Insert Neuron's note wrapped in a narrow column, breaking
    "(x1 =" from "2"; it is as wide as 50 characters or more and never breaks
    a ``name = value``."""
    seen = {}

    def look(dlg):
        note = max(dlg.findChildren(QLabel), key=lambda lb: len(lb.text()))
        seen["text"], seen["width"] = note.text(), note.width()
        seen["chars"] = note.fontMetrics().averageCharWidth()

    accept_dialog_soon(qtbot, name, look)
    trigger(blog, action)
    assert " = " not in seen["text"] and "\u00a0=\u00a0" in seen["text"]
    assert seen["width"] >= 50 * seen["chars"]


def test_insert_neuron_dialog_one_undo_entry(qtbot, blog):
    w = blog
    n0, count = w.undo_stack.count(), len(w.model)
    accept_dialog_soon(qtbot, "learn_neuron_dialog")
    trigger(w, "learn_insert_neuron")
    assert len(w.model) == count + 10 and w.undo_stack.count() == n0 + 1
    out = w.model.output
    assert w.model.label(out) == "o" and w.model.value(out) == pytest.approx(0.7071067811865476)
    blog_ids = {"a", "b", "c", "d", "e", "f", "L"}
    new = [n for n in w.model.nodes() if n not in blog_ids]
    # placed to the right of the graph that was there
    assert min(w.model.position(n)[0] for n in new) > max(w.model.position(n)[0] for n in blog_ids)
    w.undo_stack.undo()
    assert len(w.model) == count and w.model.output == "L"


def test_insert_mlp_dialog_checks_layers(qtbot, window):
    w = window

    def setup(dlg):
        dlg.layers.setText("4, x")
        dlg._accept()
        assert dlg.isVisible() and "whole numbers" in dlg.error.text()
        # (a monkey test: 300, 300, 1 froze the app, building 823,832 nodes to check them)
        dlg.layers.selectAll()
        qtbot.keyClicks(dlg.layers, "300, 300, 1")
        dlg._accept()
        assert dlg.isVisible() and "would be 823,832 nodes" in dlg.error.text()
        assert "up to 20,000" in dlg.error.text()
        dlg.layers.setText("3, 1")

    accept_dialog_soon(qtbot, "learn_mlp_dialog", setup)
    trigger(w, "learn_insert_mlp")
    assert w.model.output == "loss" and len(w.model) > 100


def test_insert_mlp_on_one_data_point_is_small_and_trains(qtbot, window):
    w = window

    def setup(dlg):
        dlg.points.setCurrentIndex(dlg.points.findData(1))

    accept_dialog_soon(qtbot, "learn_mlp_dialog", setup)
    trigger(w, "learn_insert_mlp")
    assert w.model.label(w.model.output) == "loss"
    # the network once: 41 parameters, 3 inputs, 1 target and about 80 operations
    leaves = [n for n in w.model.nodes() if w.model.op(n) == "leaf"]
    assert len(leaves) == 41 + 3 + 1 and len(w.model) < 130
    one = templates.mlp(xs=templates.LECTURE_XS[:1], ys=templates.LECTURE_YS[:1])
    assert w.model.value(w.model.output) == _loss_of(one)  # the core template's numbers
    tr = Trainer(w.model, 0.05)
    tr.run(10)
    assert tr.history[-1] < tr.history[0]


def _loss_of(t) -> float:
    m = GraphModel()
    templates.insert(m, templates.placed(t, m))
    return m.value(t.output)


def test_what_if_demo_button_opens_a_graph_that_shows_it(qtbot, blog):
    w = blog
    trigger(w, "learn_whatif_assign")
    p = w.learning.whatif
    assert "every gradient comes out right" in p.summary.text()  # blog_L uses no node twice
    click(qtbot, p.demo_button)  # a graph of its own (blog_L had no unsaved changes)
    assert w.model.label(w.model.output) == "b" and w.undo_stack.count() == 0
    rows = {
        p.table.item(r, 0).text(): (p.table.item(r, 1).text(), p.table.item(r, 2).text())
        for r in range(p.table.rowCount())
    }
    assert rows["a"] == ("2", "1")
    assert "L" not in w.model and "What If example" in w.windowTitle()
    assert p.demo_button.text() == "Open an Example That Shows This Mistake"  # (trial 58: "Insert …")
    assert not p.demo_button.isEnabled()  # (on its own example: not offered again)
    trigger(w, "learn_whatif_assign")  # chosen again from the menu on the example: still not offered
    assert not p.demo_button.isEnabled()


def card_image(item):
    from PySide6.QtGui import QImage, QPainter

    r = item.boundingRect()
    img = QImage(int(r.width()) + 2, int(r.height()) + 2, QImage.Format.Format_ARGB32)
    img.fill(0)
    p = QPainter(img)
    p.translate(-r.left() + 1, -r.top() + 1)
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    item.paint(p, QStyleOptionGraphicsItem(), None)
    p.end()
    return img


def tag_of(w, node_id) -> str | None:
    """The tag a leaf's card writes beside its name ("param", "data", "const")."""
    texts = w.scene.node_item(node_id).texts_at(1.0)  # (at 100 %, where every tag is written)
    return next((t.text for t in texts if t.kind == "tag"), None)


def test_a_constant_of_code_is_tagged_const_its_data_data(qtbot, window, tmp_path):
    """Trial 65 #7: x1 marked as data read "const" on its card, while the
    Hessian panel called it data; a number of the code keeps "const"."""
    w = window
    drop_code(w, tmp_path, "x1 = Value(2.0)\nw1 = Value(-3.0)\ny = 2*x1*w1\n")
    tags = {w.model.label(n): tag_of(w, n) for n in w.model.nodes() if w.model.op(n) == "leaf"}
    assert tags == {"x1": "param", "w1": "param", "2": "const"}, tags
    (x1,) = [n for n in w.model.nodes() if w.model.label(n) == "x1"]
    click_node(qtbot, w, x1)
    w.menus["learn"].aboutToShow.emit()
    action(w, "learn_trainable").trigger()
    assert tag_of(w, x1) == "data"


def test_constant_leaves_look_different_and_the_flag_is_saved(qtbot, blog, tmp_path):
    w = blog
    it = w.scene.node_item("c")
    before = card_image(it)
    click_node(qtbot, w, "c")
    w.menus["learn"].aboutToShow.emit()
    assert tag_of(w, "c") == "param"
    action(w, "learn_trainable").trigger()
    assert card_image(it) != before  # the card says "data" instead of "param"
    assert tag_of(w, "c") == "data"  # (c is a name: data, as the Hessian says; not "const")
    w.undo_stack.undo()
    assert card_image(it) == before and tag_of(w, "c") == "param"
    w.undo_stack.redo()
    path = tmp_path / "saved.mgraph"
    assert w.save_to(str(path))
    assert fileio.load(path).node("c")["trainable"] is False


def test_gradient_check_runs_in_slices_and_stops_on_edits(qtbot, window, monkeypatch):
    import gui.learning.gradcheck as lg

    w = window
    insert_mlp(w)
    monkeypatch.setattr(lg, "SLICE_SECONDS", 0.0)  # as if the graph were huge
    trigger(w, "learn_gradcheck")
    p = w.learning.gradcheck
    assert p.running and p.run_button.text() == "Stop" and "Checking…" in p.summary.text()
    qtbot.waitUntil(lambda: not p.running, timeout=20000)
    assert p.table.rowCount() == 57 and "All 57 gradients agree" in p.summary.text()
    click(qtbot, p.run_button)
    assert p.running
    w.undo_stack.push(set_value_command(w.model, "x1_1", 2.5))
    assert not p.running and "changed" in p.summary.text()
    click(qtbot, p.run_button)
    click(qtbot, p.run_button)  # Stop
    assert not p.running and p.summary.text() == "Stopped."


def test_several_sinks_say_how_to_choose_the_output(qtbot, blog):
    w = blog
    w.undo_stack.push(set_value_command(w.model, "a", 2.0))
    w.editor.set_output(None)
    w.editor.add_node_at("leaf", QPointF(900, 400))  # a second sink
    trigger(w, "learn_train")
    click(qtbot, w.learning.train.start_button)
    text = w.learning.train.status.text()
    assert text.startswith("Cannot train: the graph has several sinks") and "Set as Output" in text
    assert "--root" not in text


def test_loss_plot_range_skips_non_finite_and_draws_long_runs(qtbot):
    import math

    from gui.learning.plot import LossPlot

    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(300, 180)
    assert plot.y_range() is None
    plot.set_values([3.0, math.nan, 1.0, math.inf, 2.0])
    assert plot.y_range() == (1.0, 3.0)
    blank = LossPlot()
    blank.resize(300, 180)
    assert plot.grab().toImage() != blank.grab().toImage()
    for i in range(200_000):
        plot.append(1.0 / (i + 1))
    assert plot.y_range() == (1.0 / 200_000, 3.0)
    assert not plot.grab().isNull()  # decimated to about two points per pixel


def test_quiz_opens_the_folded_group_of_the_node_it_asks_about(qtbot, window):
    """A new user's trial: on vanishing_tanh (its layers folded), Quiz Mode
    asked "what is h11·w12.grad?" with layer 12 folded, the node and its
    value out of sight. The group of each node asked about is opened."""
    w = window
    assert w.open_path(EX / "vanishing_tanh.mgraph")
    QApplication.processEvents()
    gs = w.model.groups
    assert any(g.collapsed for g in gs)
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    for _ in range(8):
        n = p.quiz.current
        assert gs.folded_around(n) == [], n  # opened for it
        card = w.scene.node_item(n)
        assert card.isVisible() and card.highlight == "current"
        answer(qtbot, p, "0")
    assert p.active and "Question 9" in p.question.text()  # opening groups did not end the quiz


def test_backward_during_a_quiz_is_refused_and_spoils_nothing(qtbot, blog):
    """Ctrl+B while the quiz asks would show every answer on the cards and
    bring Order over the Quiz tab: it is refused with a message instead."""
    w = blog
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    quiz_dock, order = dock(w, "dock_learn_quiz"), dock(w, "dock_order")
    assert p.active and quiz_dock.isVisible()
    answer(qtbot, p, "1")  # L.grad, shown as answered
    shown = {n: w.scene.node_item(n).grad for n in w.model.nodes()}
    assert shown["L"] == 1.0 and sum(g is not None for g in shown.values()) == 1
    w.view.setFocus()
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        QApplication.processEvents()
    assert not w.backward.animator.active and p.active
    assert {n: w.scene.node_item(n).grad for n in w.model.nodes()} == shown
    assert "Quiz Mode is on" in w.status_text()
    assert order in w.tabifiedDockWidgets(quiz_dock)  # one tab group: only one shows
    assert not quiz_dock.visibleRegion().isEmpty() and order.visibleRegion().isEmpty()
    trigger(w, "learn_quiz")  # off: Backward runs again
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert w.backward.animator.active


def test_results_say_they_are_out_of_date_once_the_graph_changes(qtbot, blog):
    """Issue 11, bug 3: after Nudge or Train, Gradient Check still showed
    "✓ all agree" for the old numbers; after New the panels kept old results."""
    w = blog
    gc = w.learning.gradcheck
    trigger(w, "learn_gradcheck")
    qtbot.waitUntil(lambda: gc.result is not None and not gc.running, timeout=5000)
    assert gc.summary.text().startswith("dL/d(leaf): ✓") and gc.table.isEnabled()
    trigger(w, "learn_nudge_up")  # a nudge changes every parameter
    assert gc.summary.text().startswith("Out of date") and not gc.table.isEnabled()
    assert "Check gradients" in gc.summary.text()
    click(qtbot, gc.run_button)  # checking again makes it current
    qtbot.waitUntil(lambda: gc.table.isEnabled(), timeout=5000)
    assert gc.summary.text().startswith("dL/d(leaf): ✓")

    wi = w.learning.whatif
    w.learning.show_bug(next(iter(w.learning.action_whatif)))
    assert wi.result is not None and wi.table.isEnabled()
    w.undo_stack.undo()  # any edit, undo included
    assert wi.summary.text().startswith("Out of date") and not wi.table.isEnabled()

    tr = w.learning.train
    trigger(w, "learn_train")
    tr.steps.setValue(3)
    click(qtbot, tr.start_button)
    qtbot.waitUntil(lambda: not tr.running, timeout=10000)
    assert not tr.status.text().startswith("Out of date")  # its own run is current
    w.undo_stack.undo()
    assert tr.status.text().startswith("Out of date") and len(tr.plot.values) == 4

    trigger(w, "new")
    assert gc.result is None and gc.table.rowCount() == 0 and gc.table.isEnabled()
    assert wi.result is None and wi.table.rowCount() == 0
    assert len(tr.plot.values) == 0


def test_quiz_score_and_status_go_with_the_graph_they_were_about(qtbot, blog, answers):
    """Issue 11, bug 3: the Quiz score and the status bar kept old results
    after File › New or an edit."""
    w = blog
    right = {"L": "1", "d": "-2", "f": "4", "e": "-2", "c": "-2", "a": "6", "b": "-4"}
    trigger(w, "learn_quiz")
    p = w.learning.quiz
    for n in list(p.quiz.order):
        answer(qtbot, p, right[n])
    assert p.score_label.text() == "Score: 7 / 7"
    assert w.status_text() == "Quiz over: 7 / 7"
    qtbot.wait(10)  # the verdict was said in an earlier turn than the edit
    w.editor.set_value("a", "3")
    assert p.score_label.text() == "" and p.feedback.text() == ""
    assert "graph changed" in p.question.text()
    assert "Quiz over" not in w.status_text()

    trigger(w, "learn_quiz")  # on again, one answer, then File › New
    assert p.active
    answer(qtbot, p, "1")
    assert p.score_label.text().startswith("Score: 1 / 1")
    answers.save_changes = QMessageBox.StandardButton.Discard
    trigger(w, "new")
    assert not p.active and p.score_label.text() == "" and p.feedback.text() == ""
    assert w.status_text().startswith("New empty graph")  # New's own message stays


def test_what_if_says_exactly_when_a_mistake_shows(qtbot, window):
    """Issue 11, bug 9: depth-first on a + a said "try a graph where a node is
    used twice", though a is used twice there."""
    w = window
    w.open_example(EX / "accumulate_a_plus_a.mgraph")
    wi = w.learning.whatif
    r = w.learning.show_bug("dfs")
    assert r is not None and not r.differs
    assert "used twice" not in wi.summary.text()
    assert "both uses belong to one node" in wi.summary.text()
    r = w.learning.show_bug("assign")  # the = bug does show on a + a
    assert r is not None and r.differs


def test_a_what_if_example_opens_as_a_graph_of_its_own(qtbot, window, answers):
    """Issue 11, bug 9: the inserted example silently became the output and
    piled up beside the user's graph."""
    from PySide6.QtWidgets import QMessageBox

    w = window
    w.open_example(EX / "blog_L.mgraph")
    w.editor.set_value("a", "3")  # unsaved work: asked about first
    answers.save_changes = QMessageBox.StandardButton.Cancel
    assert w.learning.insert_bug_demo("assign") is None  # cancelled: nothing changed
    assert w.model.label(w.model.output) == "L" and w.model.node("a")["value"] == 3.0
    answers.save_changes = QMessageBox.StandardButton.Discard
    r = w.learning.insert_bug_demo("assign")
    assert r is not None and r.differs and answers.questions == 2
    assert "What If example" in w.windowTitle() and "L" not in w.model  # only the example's graph


def test_what_if_zooms_in_to_cards_that_draw_its_captions(qtbot, window):
    """Fitted at a zoom where cards are compact (no caption drawn), a trial saw
    the wrong gradients ringed and no "with the bug" under them: What If
    zooms in to whole cards, the marked ones (here the whole graph) in view,
    each drawing its caption."""
    from gui.canvas.cards.card_text import FULL_ZOOM

    w = window
    assert w.open_path(Path("resources/examples/accumulate_shared.mgraph"))
    QApplication.processEvents()
    w.view.set_zoom(0.6)
    QApplication.processEvents()
    trigger(w, "learn_whatif_assign")
    QApplication.processEvents()
    assert w.view.zoom >= FULL_ZOOM
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    for n in ("a", "b"):
        it = w.scene.node_item(n)
        assert it.note.startswith("with the bug")
        assert any(t.kind == "note" and t.text == it.note for t in it.texts_at(w.view.zoom)), n
        assert seen.contains(it.sceneBoundingRect()), n
    w.view.set_zoom(1.2)  # already whole: the view is left where the user has it
    before = w.view.zoom
    trigger(w, "learn_whatif_assign")
    assert w.view.zoom == before


def test_nudge_with_a_parameter_selected_moves_only_it(qtbot, blog):
    """Trial 44 #13: a teacher asking "what if only a moves?" selected a and
    pressed Nudge Up: all 4 parameters moved. Now the selected ones do."""
    w = blog
    trigger(w, "learn_nudge")
    panel = w.learning.nudge
    click_node(qtbot, w, "a")
    click(qtbot, panel.up)
    m = w.model
    assert m.value("a") == 2.0 + 0.01 * 6.0  # a.grad = 6
    assert (m.value("b"), m.value("c"), m.value("f")) == (-3.0, 10.0, -2.0)
    text = panel.result.text()
    assert "1 parameter, a, moved" in text
    assert "predicted change Σ grad × Δ = +0.36" in text and "actual change = +0.36" in text
    w.undo_stack.undo()
    click_node(qtbot, w, "L")  # no parameter selected: every one moves, as before
    click(qtbot, panel.up)
    assert m.value("b") != -3.0 and "4 parameters moved" in panel.result.text()


def test_insert_mlp_can_open_in_a_new_graph(qtbot, blog, answers):
    """Trial 50: Insert MLP put 360 nodes beside the teacher's own graph;
    the dialog offers a new graph (asking to save the open one first)."""
    from PySide6.QtWidgets import QCheckBox, QMessageBox

    w = blog
    w.document.mark_modified()
    answers.save_changes = QMessageBox.StandardButton.Discard

    def tick(dlg):
        box = dlg.findChild(QCheckBox, "learn_mlp_new_graph")
        assert box is not None and box.isVisibleTo(dlg) and not box.isChecked()
        box.setChecked(True)

    accept_dialog_soon(qtbot, "learn_mlp_dialog", tick)
    trigger(w, "learn_insert_mlp")
    assert answers.questions == 1  # asked to save the blog's graph first
    assert "a" not in w.model and len(w.model) == 360 and w.model.label(w.model.output) == "loss"
    assert w.windowTitle().startswith("MLP")
    w.undo_stack.undo()  # the insert, in the new graph
    assert len(w.model) == 0

    # a graph with nothing in it: no box to tick
    seen = {}
    accept_dialog_soon(qtbot, "learn_neuron_dialog", lambda d: seen.update(box=d.new_graph.isVisibleTo(d)))
    trigger(w, "learn_insert_neuron")
    assert seen == {"box": False} and len(w.model) > 0
