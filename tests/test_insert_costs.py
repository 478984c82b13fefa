"""What Learn › Insert MLP… costs (trial 53 #2): counted, never timed.

MLP(3, [32, 32, 1]) on four points (10,720 nodes) froze the app for 2 min
20 s: each node, wire and group went in on its own, and each group refolded
the whole canvas. Now the nodes and wires go in as one batch (one signal
each), the groups with one ``changed``; its undo takes them out the same way;
and a big insert shows the wait cursor while it works."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.learn import templates
from gui.canvas.folding.fold_layer import FoldingLayer
from gui.learning import templates as gui_templates
from gui.learning.templates import MLPDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def insert_mlp(qtbot, w, layers: str) -> None:
    """Learn › Insert MLP…, Layers typed, OK clicked, as a learner does."""

    def fill():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, MLPDialog), dlg
        dlg.layers.selectAll()
        qtbot.keyClicks(dlg.layers, layers)
        qtbot.keyClick(dlg.layers, Qt.Key.Key_Return)

    QTimer.singleShot(50, fill)
    trigger(w, "learn_insert_mlp")


def keys(qtbot, w, key, mods) -> None:
    """Press ``key`` on the canvas, the window active again (as after the dialog closed)."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.view.setFocus()
    qtbot.keyClick(w.view, key, mods)
    QApplication.processEvents()


class Heard:
    """How often the model, its groups and the canvas's folding were told."""

    def __init__(self, w, monkeypatch) -> None:
        m = w.model
        self.node_added, self.edge_added, self.batches, self.groups = [], [], [], []
        m.node_added.connect(self.node_added.append)
        m.edge_added.connect(lambda *a: self.edge_added.append(a))
        m.nodes_added.connect(lambda ids: self.batches.append(("+", len(ids))))
        m.nodes_removed.connect(lambda ids: self.batches.append(("-", len(ids))))
        m.groups.changed.connect(self.groups.append)
        self.refolds: list = []
        real = FoldingLayer.refresh
        monkeypatch.setattr(FoldingLayer, "refresh", lambda s: self.refolds.append(1) or real(s))


def test_an_mlp_goes_in_and_out_as_one_batch_with_one_refold(qtbot, window, monkeypatch):
    w = window
    n = templates.mlp_nodes([3, 8, 8, 1], 4)
    heard = Heard(w, monkeypatch)
    insert_mlp(qtbot, w, "8, 8, 1")
    qtbot.waitUntil(lambda: len(w.model) == n, timeout=10000)
    groups = len(w.model.groups)
    assert groups > 20  # (a group per neuron, per layer, per data point: each refolded the canvas)
    assert heard.node_added == [] and heard.edge_added == []  # not one by one
    assert heard.batches == [("+", n)]
    assert heard.groups == [None] and len(heard.refolds) <= 1  # was one per group
    assert len(w.scene.node_map()) == n and w.model.output == "loss"
    heard.groups.clear()
    heard.refolds.clear()
    keys(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert len(w.model) == 0 and len(w.model.groups) == 0
    assert heard.batches == [("+", n), ("-", n)] and heard.groups == [None] and len(heard.refolds) <= 1
    keys(qtbot, w, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(w.model) == n and len(w.model.groups) == groups and heard.node_added == []


def test_a_big_insert_shows_the_wait_cursor_and_says_what_it_does(qtbot, window, monkeypatch):
    w = window
    monkeypatch.setattr(gui_templates, "BIG_INSERT", 300)  # the lecture's MLP (360 nodes) counts as big here
    seen: list = []

    def during(ids):
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, w.status_text()))

    w.model.nodes_added.connect(during)
    insert_mlp(qtbot, w, "4, 4, 1")
    qtbot.waitUntil(lambda: len(w.model) == 360, timeout=10000)
    assert seen == [(Qt.CursorShape.WaitCursor, "Inserting MLP(3, [4, 4, 1]) on 4 data points: 360 nodes…")]
    assert QApplication.overrideCursor() is None  # (given back)
    assert w.status_text().startswith("Inserted MLP")


def test_the_dialog_warns_of_a_wait_exactly_where_the_wait_cursor_shows(qtbot, window):
    """One threshold: an MLP of 3,072 nodes is said to take a while and shows the wait cursor;
    one of 1,880 neither (the dialog warned from 5,000 only, the cursor came from 2,000)."""
    w = window
    for layers, n, big in (("12, 12, 1", 1880, False), ("16, 16, 1", 3072, True)):
        said: list[str] = []
        seen: list = []

        def fill(layers=layers, said=said):
            dlg = QApplication.activeModalWidget()
            assert isinstance(dlg, MLPDialog), dlg
            dlg.layers.selectAll()
            qtbot.keyClicks(dlg.layers, layers)
            said.append(dlg.summary.text())
            qtbot.keyClick(dlg.layers, Qt.Key.Key_Return)

        def during(ids, seen=seen):
            cursor = QApplication.overrideCursor()
            seen.append(cursor.shape() if cursor else None)

        w.model.nodes_added.connect(during)
        QTimer.singleShot(50, fill)
        trigger(w, "learn_insert_mlp")
        qtbot.waitUntil(lambda n=n: len(w.model) == n, timeout=20000)
        w.model.nodes_added.disconnect(during)
        assert said[0].startswith(f"Inserts MLP(3, [{layers}]) on 4 data points: {n:,} nodes")
        assert ("takes a while" in said[0]) is big, said[0]
        assert seen == [Qt.CursorShape.WaitCursor if big else None]
        w.undo_stack.undo()  # (the next one on an empty canvas)
        assert len(w.model) == 0
