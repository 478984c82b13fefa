"""A compact card writes its operator's sign before its name even where the sign is a word
(trial 74 #11: a 5,001-node chain after Backward at 60 % read "−x n1" and "σ n2", but the tanh
cards only "n0", "n4": "tanh n1088", the widest tanh name near the view, did not fit in bold).
It is written in the regular face then, every card of the kind alike."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, step_by_hand, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import is_compact, needed_px

OPS = ["tanh", "neg", "sigmoid", "neg"]


def chain_file(tmp_path, n: int = 5000):
    """x → tanh → −x → σ → −x → tanh … (the trial's chain5000.mgraph), no positions."""
    nodes = [{"id": "x", "op": "leaf", "label": "x", "value": 0.5}]
    nodes += [{"id": f"n{i}", "op": OPS[i % 4], "label": f"n{i}"} for i in range(n)]
    edges = [{"source": "x" if i == 0 else f"n{i - 1}", "target": f"n{i}", "port": 0} for i in range(n)]
    doc = {"directed": True, "multigraph": True, "graph": {"format": "micrograd-studio", "version": 1},
           "nodes": nodes, "edges": edges}  # fmt: skip
    p = tmp_path / "chain5000.mgraph"
    p.write_text(json.dumps(doc))
    return p


def label_of(w, node: str) -> tuple[str, bool]:
    item = w.scene.node_item(node)
    (t,) = [t for t in item.texts_at(w.view.zoom) if t.kind == "label"]
    return t.text, t.bold


def test_tanh_cards_keep_their_sign_zoomed_out(qtbot, window, tmp_path):
    window.resize(1600, 1000)
    QApplication.processEvents()
    assert window.open_path(chain_file(tmp_path))
    qtbot.wait(100)  # (its first view)
    step_by_hand(window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert is_compact(needed_px(window.view.zoom)), window.view.zoom
    assert label_of(window, "n1")[0] == "−x n1" and label_of(window, "n2")[0] == "σ n2"
    assert label_of(window, "n0") == ("tanh n0", False)
    assert label_of(window, "n4") == ("tanh n4", False)
