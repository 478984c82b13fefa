"""Small values written alike at one zoom (verify 55: at 43 % a grid of
products read "≈0" on some cards beside "0.0000" and "4.5e−75" on their
neighbours). Where every small value's size fits, each says it in powers of
ten ("1.0e−57", "2e−195"); further out none does, all "≈0"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel

#: The grid's kinds of product: exact zeros (underflow), two- and three-digit powers, one
#: whose two digits round up to "1.0e−57", small ones a graph has, and plain ones.
VALUES = [0.0, 4.5e-75, 9.989e-58, 1.82e-195, 1.66e-95, 4.97e-52, 3.2e-6, 7.5e-4, 0.25, -0.5, 0.0]


def grid() -> GraphModel:
    m = GraphModel()
    with m.batch():
        one = m.add_node("leaf", "one", label="one", value=1.0, x=0.0, y=0.0)
        for col in range(3):
            for i, v in enumerate(VALUES):
                leaf = m.add_node("leaf", f"x{col}_{i}", value=v, x=240.0 + 480 * col, y=110.0 * i)
                n = m.add_node("mul", f"n{col}_{i}", x=480.0 + 480 * col, y=110.0 * i)
                m.connect(leaf, n, 0)
                m.connect(one, n, 1)
    return m


def kind(text: str) -> str:
    if text == "≈0":
        return "≈0"
    return "powers" if "e" in text else "plain"


def test_small_values_read_alike_at_each_zoom(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, grid(), tmp_path / "grid.mgraph")
    cards = [w.scene.node_item(f"n{c}_{i}") for c in range(3) for i in range(len(VALUES))]
    for percent in range(20, 80, 3):
        w.view.set_zoom(percent / 100)
        QApplication.processEvents()
        z = w.view.transform().m11()
        small: dict[str, str] = {}
        for card in cards:
            value = w.model.value(card.node_id)
            shown = [t.text for t in card.texts_at(z) if t.kind == "value"]
            if shown and 0 < abs(value) < 1e-3:
                small[shown[0]] = kind(shown[0])
        kinds = set(small.values())
        assert len(kinds) <= 1, (percent, small)  # "≈0" beside "4.5e−75" or "1.0e−57": never
        if percent == 43:
            assert kinds == {"powers"}, small  # (every one says its size here, as verify 55 wanted)
            zeros = [t.text for c in cards if w.model.value(c.node_id) == 0 for t in c.texts_at(z)]
            assert "0.0000" in zeros and "≈0" not in small


def test_the_order_list_writes_small_gradients_as_the_banner_does(qtbot, window, tmp_path):
    # (review 57: the list read 0.0001442 where the banner and the captions read 1.442e−4)
    import re

    from window_helpers import open_mlp_file, step_by_hand

    from gui.backward.order_tree import GRAD_COL

    w = window
    step_by_hand(w)
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    om = w.backward.order_panel.model
    grads = [
        om.data(om.index_of(p, GRAD_COL), Qt.ItemDataRole.DisplayRole)
        for p in range(1, w.backward.replay.last + 1)
    ]
    assert any("e−" in g for g in grads), grads
    assert [g for g in grads if re.match(r"−?0\.000\d", g)] == []
