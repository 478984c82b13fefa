"""Trial 58 #14: the Hessian panel went grey, "Out of date… Press Compute
again", after any edit, even of a graph of 4 leaves. A table of few leaves
(at most AUTO_LEAVES) is now computed again by itself once an edit settles
(a run of edits: once, after the last), its numbers checked here against
PyTorch's double backward; a larger one still says it is out of date."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from gui.backward import forward_mode as fm

torch = pytest.importorskip("torch")


def _neuron(w) -> None:
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()


def _type_value(qtbot, w, node: str, text: str) -> None:
    """Select ``node``, type ``text`` in Properties' value field and press Enter, as a user does."""
    w.scene.select_ids([node])
    QApplication.processEvents()
    field = w.properties.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _table(panel) -> dict[tuple[str, str], float]:
    """Each cell of the matrix by its row's and column's leaf, as its tooltip writes it whole."""
    t, leaves = panel.table, panel.result.leaves
    return {
        (leaves[i], leaves[j]): float(t.item(i, j + 1).toolTip().split(" = ")[1].replace("−", "-"))
        for i in range(len(leaves))
        for j in range(len(leaves))
    }


def _torch_hessian(values: dict[str, float], leaves: list[str]) -> dict[tuple[str, str], float]:
    """o = tanh(x1*w1 + x2*w2 + b), written out by hand, and torch's Hessian of it."""

    def o(v):
        x = dict(zip(leaves, v, strict=True))
        return torch.tanh(x["x1"] * x["w1"] + x["x2"] * x["w2"] + x["b"])

    at = torch.tensor([values[n] for n in leaves], dtype=torch.float64)
    h = torch.autograd.functional.hessian(o, at)
    return {(a, b): float(h[i][j]) for i, a in enumerate(leaves) for j, b in enumerate(leaves)}


def test_the_table_follows_a_value_typed_in_properties(qtbot, window, monkeypatch):
    w = window
    _neuron(w)
    trigger(w, "hessian")
    panel = w.backward.forward.hessian_panel
    assert panel.result is not None and "Computed again after each edit." in panel.summary.text()
    before = _table(panel)
    runs = []
    real = fm.hessian
    monkeypatch.setattr(fm, "hessian", lambda *a: runs.append(a) or real(*a))
    settle = w.backward.forward._settle  # (held while the two edits are typed: no clock in the test)
    settle.setInterval(10**7)
    _type_value(qtbot, w, "x1", "0.5")
    _type_value(qtbot, w, "w2", "-2")  # (a second edit before the first settled)
    assert w.model.value("x1") == 0.5 and w.model.value("w2") == -2.0
    assert runs == [] and settle.isActive()  # not at each edit: after they settle
    settle.setInterval(fm.SETTLE_MS)
    settle.start()  # (as the last edit started it)
    qtbot.waitUntil(lambda: len(runs) == 1, timeout=5000)
    QApplication.processEvents()
    assert len(runs) == 1  # the run of two edits computed once
    assert panel.table.isEnabled() and not panel.summary.text().startswith("Out of date")
    now = _table(panel)
    assert now != before
    want = _torch_hessian({n: w.model.value(n) for n in panel.result.leaves}, panel.result.leaves)
    assert now.keys() == want.keys()
    for k, v in want.items():
        assert now[k] == pytest.approx(v, rel=1e-9, abs=1e-12), k
    # an edit that leaves no Hessian says why; Undo brings the table back, followed again
    w.scene.select_ids(["x1w1"])
    trigger(w, "delete")  # (x1*w1 + x2*w2 has an empty input now)
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=5000)
    assert panel.result is None and panel.summary.text().startswith("Cannot compute the Hessian of o")
    trigger(w, "undo")
    qtbot.waitUntil(lambda: len(runs) == 3, timeout=5000)
    assert _table(panel) == now
    trigger(w, "undo")
    trigger(w, "undo")
    qtbot.waitUntil(lambda: len(runs) == 4, timeout=5000)
    assert _table(panel) == pytest.approx(before)


def test_a_table_of_more_leaves_waits_for_compute(qtbot, window, monkeypatch):
    monkeypatch.setattr(fm, "AUTO_LEAVES", 4)  # the neuron's 5 leaves are "many" now
    w = window
    _neuron(w)
    trigger(w, "hessian")
    panel = w.backward.forward.hessian_panel
    assert "Computed again" not in panel.summary.text()
    _type_value(qtbot, w, "x1", "0.5")
    QApplication.processEvents()
    assert panel.summary.text().startswith("Out of date") and not panel.table.isEnabled()
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)  # Compute
    assert panel.table.isEnabled()
    want = _torch_hessian({n: w.model.value(n) for n in panel.result.leaves}, panel.result.leaves)
    assert _table(panel) == pytest.approx(want, rel=1e-9, abs=1e-12)


def test_a_second_end_stops_the_table_following_its_root(qtbot, window, monkeypatch):
    """Review 59 #7: with no output set, the table followed the graph's one
    end; after an edit gave the graph a second end (where Backward asks which
    to start from), it went on showing the first end's Hessian, "Computed
    again after each edit". It says it is out of date instead."""
    from PySide6.QtCore import QPointF

    w = window
    _neuron(w)
    w.editor.set_output(None)  # (as Graph › Clear Output does)
    assert w.model.output is None and w.model.sinks() == ["o"]
    trigger(w, "hessian")
    panel = w.backward.forward.hessian_panel
    assert panel.result is not None and "Computed again after each edit." in panel.summary.text()
    runs = []
    real = fm.hessian
    monkeypatch.setattr(fm, "hessian", lambda *a: runs.append(a) or real(*a))
    _type_value(qtbot, w, "x1", "0.5")  # followed still: one end
    qtbot.waitUntil(lambda: len(runs) == 1, timeout=5000)
    assert panel.table.isEnabled()
    w.editor.add_node_at("leaf", QPointF(900, 900))  # (a palette drop: a second end)
    assert len(w.model.sinks()) == 2
    settle = w.backward.forward._settle
    qtbot.waitUntil(lambda: not settle.isActive(), timeout=5000)
    QApplication.processEvents()
    assert len(runs) == 1 and panel.result is None and not panel.table.isEnabled()
    assert panel.summary.text().startswith("Out of date")
