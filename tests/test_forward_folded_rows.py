"""Trial 52: Forward Mode on the MLP. A folded "layer 1" card wrote
"d/dw1.1.1 0.706" and then bare numbers (0.890, −0.779, 1.00), the values of
the other neurons, whose tangents are 0; the "layer 2" cards named every
line d/dw1.1.1. Every line now says it is a tangent: 0 for a node that does
not depend on the leaf, "—" for one whose step has not run yet."""

from __future__ import annotations

import re

from leaf_question import answer_leaf_question
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_mlp_file, step_by_hand, tmp_settings, window  # noqa: F401

from core.explain.format import number_forms
from core.graph.forward_mode import forward_mode
from gui.canvas.folding.card_rows import nodes
from gui.canvas.folding.group_rows import MAX_ROWS

#: a card's lines that are not rows: its count of nodes, a summary of its inputs
NOT_ROWS = re.compile(r"^(▸|\d+ nodes folded|\d+ (values )?in)$")


def forward_mode_from(w, qtbot, monkeypatch, leaf: str) -> None:
    """Shift+F5 on the canvas with nothing selected, ``leaf`` picked in the question."""

    def get_item(parent, title, label, items, *a, **k):
        return next(i for i in items if i.split()[0] == leaf), True

    answer_leaf_question(monkeypatch, get_item)
    w.scene.select_ids([])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()


def lines(w) -> dict[str, list[str]]:
    """Each folded card's rows as drawn at the view's zoom, by its name."""
    z = w.view.transform().m11()
    out = {}
    for card in w.scene.folding.cards():
        texts = [t.text for t in card.texts_at(z)]
        name = card.label
        out[name] = [t for t in texts if t != name and not NOT_ROWS.match(t)]
    return out


def test_every_line_of_a_folded_card_in_forward_mode_names_the_tangent(window, qtbot, tmp_path, monkeypatch):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    step_by_hand(w)
    forward_mode_from(w, qtbot, monkeypatch, "w1.1.1")
    assert w.backward.replay.quantity == "d/dw1.1.1"
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # mid-pass: rows to come, rows that stay 0
    mid = lines(w)
    assert mid["layer 1 [1]"] and mid["layer 2 [1]"]
    for name, rows in mid.items():
        # (a narrow column of inputs elides the name's middle: "d/dw….1 —", as its tangents later)
        # (∂ where the tangent's name would cost the rows their names: trial 55)
        assert all("d/dw" in r or "∂" in r for r in rows), (name, rows)  # was: "0.8042" beside "d/dw1.1.1 0"
    assert any(r.endswith("—") for r in mid["layer 1 [1]"])  # h1.1[1]'s tangent: its step is to come
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    end = lines(w)
    for name, rows in end.items():
        assert all(("d/dw" in r or "∂" in r) and not r.endswith("—") for r in rows), (name, rows)
    # layer 1 [1]: h1.1[1] depends on w1.1.1, the other three neurons do not (their tangents: 0)
    want = forward_mode(w.model, "w1_1_1").tangents
    card = next(c for c in w.scene.folding.cards() if c.label == "layer 1 [1]")
    outs = nodes(card.outputs)
    assert [want.get(n, 0.0) for n in outs][1:] == [0.0] * (len(outs) - 1)
    assert abs(want[outs[0]] - 0.706419) < 1e-6  # the trial's, checked with torch
    rows = end["layer 1 [1]"]
    assert (
        len(rows) == len(outs) and number_forms(want[outs[0]])[0] in rows[0]
    )  # was: "0.890", "−0.779", "1.00"
    assert all(r.split()[-1].lstrip("∂") in ("0", "0.0000", "0.000", "0.00") for r in rows[1:]), rows
    # Backward afterwards: gradients again, every row a ∇ (none a tangent's 0 or —)
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert not any("d/dw" in r or "∂" in r or "—" in r for rows in lines(w).values() for r in rows)


def test_a_folded_cards_rows_keep_their_names_in_forward_mode(window, qtbot, tmp_path, monkeypatch):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    step_by_hand(w)
    forward_mode_from(w, qtbot, monkeypatch, "w1.1.1")
    for _ in range(3):  # the trial's: layer 2 [1] has run, layer 3 [2] is to come
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    for end in (False, True):
        if end:
            qtbot.keyClick(w.view, Qt.Key.Key_End)
        for zoom in (1.0, 0.85, 0.6):
            w.view.set_zoom(zoom, center=w.view.center_scene_pos())
            QApplication.processEvents()
            for card in w.scene.folding.cards():
                ports = [*card.inputs, *card.outputs]
                if len(card.outputs) > MAX_ROWS:
                    continue  # (a summary row: how many, and their tangents' range)
                rows = [t.text for t in card.texts_at(w.view.transform().m11()) if t.kind == "row"]
                for p in card.outputs:  # every output's row names its node
                    assert any(r.startswith(f"{p.name} ") for r in rows), (end, zoom, card.label, rows)
                assert all(r.startswith(tuple(p.name for p in ports)) or " in " in r for r in rows), rows
            shown = [r for rows in lines(w).values() for r in rows]
            assert not any("≤ 0" in r for r in shown), (zoom, shown)  # was: "|d/dw1.1.1| ≤ 0"
    # the layer 2 weights' tangents, all 0: said as they are
    at = {name: rows for name, rows in lines(w).items()}
    assert at["layer 2 weights"] == ["d/dw1.1.1 0"], at["layer 2 weights"]
