"""Learn › Train on Data, driven as a user drives it: the menu entry, the Data
panel's buttons and plot (click, Shift+click, drag, right-click), Start /
Pause / Resume / Step / Reset, the boundary picture and the canvas."""

from __future__ import annotations

import gc
import time

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.dataset import from_record
from core.learn.data import generate


@pytest.fixture
def panel(window):
    trigger(window, "learn_train_data")
    f = window.training
    assert f.dock.isVisible()
    return f


def click(qtbot, button, **kw):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, **kw)
    QApplication.processEvents()


def screen_of(plane, x, y) -> QPoint:
    q = plane.to_screen(x, y)
    return QPoint(round(q.x()), round(q.y()))


def test_menu_entry_opens_the_panel_with_two_moons(panel):
    d = panel.data
    assert d is not None and len(d) == 100 and d.source["kind"] == "moons"
    ref = generate("moons", 100, 0.1, 1337)
    assert d.xs == ref.xs and d.ys == ref.ys
    assert panel.panel.plane.xs == d.xs


def test_opening_the_panel_is_not_an_edit(window):
    """Its first data set is shown, not made an undo step (the new user's
    trial: just opening Train on Data offered "Undo Generate moons" and made
    the graph ask to be saved); the first edit is the first undo step."""
    window.undo_stack.setClean()
    count = window.undo_stack.count()
    trigger(window, "learn_train_data")
    assert window.training.data is not None and len(window.training.data) == 100
    assert window.undo_stack.count() == count and window.undo_stack.isClean()
    click_generate = window.training.panel.generate
    window.training.panel.n_points.setValue(40)
    click_generate.click()
    QApplication.processEvents()
    assert len(window.training.data) == 40 and window.undo_stack.count() == count + 1
    window.undo_stack.undo()
    assert len(window.training.data) == 100  # back to the set the panel opened with


def test_training_runs_pauses_resumes_and_resets_with_the_ui_responsive(qtbot, panel):
    p = panel.panel
    p.speed.setValue(p.speed.maximum())  # as fast as it goes: the hardest case for the UI
    # what earlier tests left on the heap is not the app's: a full collection
    # walking it would be a gap this test does not measure
    gc.collect()
    gc.freeze()
    ticks: list[float] = []
    beat = QTimer(interval=10)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()
    click(qtbot, p.start)
    assert panel.running and p.start.text() == "Pause"
    qtbot.wait(1500)
    beat.stop()
    gc.unfreeze()
    assert panel.trainer is not None and panel.trainer.steps >= 20
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20 and max(gaps) < 0.3, max(gaps)  # the event loop kept turning
    click(qtbot, p.start)  # Pause
    assert not panel.running and p.start.text() == "Resume"
    n = panel.trainer.steps
    qtbot.wait(300)
    assert panel.trainer.steps == n
    assert len(p.curves.loss) == n and p.curves.loss[-1] < p.curves.loss[0]
    click(qtbot, p.start)  # Resume: the same run goes on
    qtbot.waitUntil(lambda: panel.trainer.steps > n + 3, timeout=20000)
    click(qtbot, p.start)
    assert panel.trainer.loss[:n] == p.curves.loss[:n]
    click(qtbot, p.reset)
    assert panel.trainer.steps == 0 and p.curves.loss == [] and p.start.text() == "Start"
    click(qtbot, p.step)
    assert panel.trainer.steps == 1 and "Step 1:" in p.status.text()


def test_the_boundary_picture_changes_as_it_learns(qtbot, panel):
    p = panel.panel
    click(qtbot, p.reset)
    before = p.plane.image.copy()
    tr = panel.trainer

    def agreement() -> float:  # how often the picture's colour at a point is the point's class
        img, (x0, x1, y0, y1) = p.plane.image, p.plane.bounds
        n = img.width()
        hits = 0
        for (x, y), c in zip(tr.data.xs, tr.data.ys):
            cx, cy = int((x - x0) / (x1 - x0) * n), int((y1 - y) / (y1 - y0) * n)
            col = img.pixelColor(min(cx, n - 1), min(cy, n - 1))
            hits += (col.blue() > col.red()) == (c > 0)
        return hits / len(tr.data.xs)

    start = agreement()
    for _ in range(40):
        click(qtbot, p.step)
    assert p.plane.image != before
    assert agreement() >= 0.9 > start


def test_points_added_moved_removed_by_hand_each_one_undo_step(qtbot, window, panel):
    plane = panel.panel.plane
    click(qtbot, panel.panel.clear)
    assert panel.data is None and plane.xs == []
    empty_screen = screen_of(plane, 0.0, 0.0)
    qtbot.mouseClick(plane, Qt.MouseButton.LeftButton, pos=empty_screen)
    qtbot.mouseClick(
        plane, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, pos=screen_of(plane, 1.0, 1.0)
    )
    assert panel.data.ys == [1, -1]
    x, y = panel.data.xs[0]
    assert x == pytest.approx(0.0, abs=0.05) and y == pytest.approx(0.0, abs=0.05)
    # drag the first point
    start, end = screen_of(plane, *panel.data.xs[0]), screen_of(plane, -1.0, 0.5)
    qtbot.mousePress(plane, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(plane, end)
    qtbot.mouseRelease(plane, Qt.MouseButton.LeftButton, pos=end)
    assert panel.data.xs[0] == pytest.approx((-1.0, 0.5), abs=0.05)
    assert panel.example == 0
    qtbot.mouseClick(plane, Qt.MouseButton.RightButton, pos=screen_of(plane, *panel.data.xs[1]))
    assert panel.data.ys == [1]
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts[-4:] == [
        "Add a point of label 1",
        "Add a point of label -1",
        "Move a point",
        "Remove a point",
    ]
    window.undo_stack.undo()
    assert panel.data.ys == [1, -1] and plane.ys == [1, -1]
    window.undo_stack.undo()
    assert panel.data.xs[0] == pytest.approx((0.0, 0.0), abs=0.05)


def test_generated_data_is_seeded_and_saved_with_the_graph(qtbot, window, panel, answers, tmp_path):
    p = panel.panel
    p.kind.setCurrentIndex(3)  # XOR
    p.n_points.setValue(40)
    p.noise.setValue(0.2)
    p.data_seed.setValue(7)
    click(qtbot, p.generate)
    ref = generate("xor", 40, 0.2, 7)
    assert panel.data.xs == ref.xs
    answers.save_path = str(tmp_path / "xor.mgraph")
    trigger(window, "save")
    saved = from_record(fileio.load(tmp_path / "xor.mgraph").attrs["data"])
    assert saved.xs == ref.xs and saved.ys == ref.ys and saved.source["seed"] == 7
    answers.save_changes = QMessageBox.StandardButton.Discard
    trigger(window, "new")
    assert panel.data is None and panel.panel.plane.xs == []
    assert window.open_path(tmp_path / "xor.mgraph")
    assert panel.data.xs == ref.xs and p.kind.currentIndex() == 3 and p.data_seed.value() == 7


def test_import_csv_refuses_a_bad_row_naming_the_line(panel, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,y\n1,2,1\n3,oops,-1\n", encoding="utf-8")
    before = panel.data.xs
    assert not panel.import_file(str(bad))
    assert "line 3" in panel.panel.status.text() and "'oops'" in panel.panel.status.text()
    assert panel.data.xs == before
    good = tmp_path / "good.csv"
    good.write_text("a,b,label\n0,0,-1\n1,1,1\n0.5,0.2,0\n", encoding="utf-8")
    assert panel.import_file(str(good))
    assert panel.data.ys == [-1, 1, -1]


def test_click_a_point_to_show_that_example_on_the_canvas(qtbot, window, panel, answers):
    answers.save_changes = QMessageBox.StandardButton.Discard
    p = panel.panel
    click(qtbot, p.reset)
    click(qtbot, p.build)
    m = window.model
    assert "loss" in m and m.output == "loss" and len(m.groups)
    assert m.groups.folded_into("h1_1") is not None  # layers open folded
    assert from_record(m.attrs["data"]).xs == panel.data.xs  # the data set came along
    i = 17
    x = panel.data.xs[i]
    qtbot.mouseClick(p.plane, Qt.MouseButton.LeftButton, pos=screen_of(p.plane, *x))
    assert panel.example == i
    assert (m.value("x1"), m.value("x2")) == x
    assert m.value("neg_y") == -panel.data.ys[i]
    for _ in range(5):
        click(qtbot, p.step)
    panel.sync_canvas()
    assert m.value("score") == panel.trainer.model.scores([x])[0]
    QApplication.processEvents()
    bw = window.document.backward_pass
    assert bw is not None and bw.root == "loss"  # the gradients are on the canvas
    assert not panel.dock.visibleRegion().isEmpty()  # Backward raised no panel over ours
    assert not window.backward.narration.isVisible()  # nor a banner about its last step
    assert bw.grads["w1_1_1"] != 0.0 or bw.grads["loss"] == 1.0


def test_a_model_too_big_for_the_canvas_still_trains(qtbot, window, panel):
    p = panel.panel
    p.layers.setText("200, 200")
    click(qtbot, p.reset)
    before = window.model
    click(qtbot, p.build)
    assert window.model is before and "nodes on the canvas" in p.status.text()
    click(qtbot, p.step)
    assert panel.trainer.steps == 1 and panel.trainer.model.sizes == [2, 200, 200, 1]


def test_bad_layer_sizes_are_a_message(qtbot, panel):
    p = panel.panel
    p.layers.setText("16, x")
    click(qtbot, p.reset)
    assert panel.trainer is None and "Hidden layers" in p.status.text()


def test_the_loss_and_accuracy_are_in_sight_in_the_issues_window(qtbot, window):
    """A new user's trial at 1600 x 1000: after a Step the loss and accuracy
    line sat below the dock's fold, under the plane and the curves, with the
    Tutorial and Chain Rule panels below it; it sits under the controls."""
    window.resize(1600, 1000)
    QApplication.processEvents()
    trigger(window, "learn_train_data")
    p = window.training.panel
    click(qtbot, p.step)
    qtbot.waitUntil(lambda: "loss" in p.status.text().lower(), timeout=3000)
    QApplication.processEvents()
    shown = p.status.visibleRegion().boundingRect()
    assert shown == p.status.rect(), (shown, p.status.rect())


def wheel_over(widget, notches: int) -> None:
    """Turn the mouse wheel ``notches`` (negative: down) over the middle of ``widget``."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    at = QPointF(widget.rect().center())
    glob = QPointF(widget.mapToGlobal(widget.rect().center()))
    for _ in range(abs(notches)):
        ev = QWheelEvent(
            at, glob, QPoint(), QPoint(0, 120 if notches > 0 else -120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(widget, ev)
    QApplication.processEvents()


def test_the_wheel_scrolls_the_panel_not_the_field_under_the_pointer(qtbot, window, panel):
    """Trial 58: scrolling the panel dropped the rate from 1 to 0.1 once its field came under the
    pointer, and one notch over Kind turned Moons into Circles."""
    window.resize(1200, 520)
    window.show()
    qtbot.waitExposed(window)
    p = panel.panel
    scroll = panel.dock.widget()
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the panel scrolls at this height"
    kind, rate = p.kind.currentIndex(), p.lr_start.value()
    wheel_over(p.kind, -1)
    wheel_over(p.lr_start, -3)
    assert p.kind.currentIndex() == kind and p.lr_start.value() == rate
    assert bar.value() > 0, "the wheel scrolled the panel"
    p.lr_start.setFocus()  # clicked or tabbed into: the field's own
    QApplication.processEvents()
    wheel_over(p.lr_start, -1)
    assert p.lr_start.value() < rate
