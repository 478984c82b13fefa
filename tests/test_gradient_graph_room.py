"""The gradient graph of a small inserted MLP (trial 52, finding 3): Learn ›
Insert MLP… with layers "2, 1" on one data point, then Backward › Build
Gradient Graph. The original nodes were placed where the folded groups had
them (each group's nodes where they go with it open, beside the other
groups' cards), so with no groups around them cards lay half under each
other; and the status line that names the output was cut."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401


def insert_small_mlp(qtbot, w) -> None:
    """Learn › Insert MLP…: Layers "2, 1", Data points "One", Enter."""

    def fill() -> None:
        dlg = QApplication.activeModalWidget()
        assert dlg is not None and dlg.objectName() == "learn_mlp_dialog"
        dlg.layers.setFocus()
        dlg.layers.selectAll()
        qtbot.keyClicks(dlg.layers, "2, 1")
        dlg.points.setFocus()
        dlg.points.setCurrentIndex(dlg.points.findData(1))
        qtbot.keyClick(dlg, Qt.Key.Key_Return)

    QTimer.singleShot(50, fill)
    trigger(w, "learn_insert_mlp")
    QApplication.processEvents()


def test_the_gradient_graph_of_a_small_mlp_has_no_cards_on_each_other(qtbot, window, answers):
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    insert_small_mlp(qtbot, w)
    assert w.model.label(w.model.output) == "loss" and len(w.model) < 60
    answers.save_changes = QMessageBox.StandardButton.Discard
    trigger(w, "gradient_graph")
    QApplication.processEvents()
    m = w.model
    assert m.groups.ids() and any(m.label(n) == "w1.1.1.grad" for n in m.nodes())
    rects = {n: w.scene.node_item(n).sceneBoundingRect() for n in m.nodes()}
    ids = sorted(rects)
    on = [
        (m.label(a), m.label(b))
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if rects[a].intersects(rects[b])
    ]
    assert on == []
    # the status line says it whole
    said = w.status_text()
    assert said.startswith("Each gradient is a node now;") and "is also" in said, said
    label = w.status_line.hint_label
    assert label.text() == said and "…" not in label.text(), label.text()
