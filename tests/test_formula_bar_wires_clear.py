"""Cards the f(x) bar adds beside a graph are placed so that their wires
pass under no card (trial 50: with x, y, mul1 = x*y, pow1 = x**2 and add1
laid out by hand, ``f = tanh(add1) * exp(-y)`` put −y level with add1, the
wire y → −y entering add1's port and running under its title, add1 → tanh
behind −y, until Ctrl+L). Driven as a user: the graph opened from its file,
the formula typed in the bar, Enter, Add to Graph in the values table."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from test_formula_bar_canvas_names import formula_with_table
from trial50_graph import TRIAL, trial_graph
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401


def card_rect(w, n: str) -> QRectF:
    """The card as drawn, its ports (on its sides) within."""
    it = w.scene.node_item(n)
    return it.mapRectToScene(it.boundingRect().adjusted(0, 15, 0, 0))  # (not the "output" tag above it)


def cards_under(w, s: str, t: str, port: int) -> list[str]:
    """The cards other than its ends that the drawn wire s → t passes over."""
    wire = w.scene.edge_item(s, t, port)
    assert wire is not None and wire.isVisible(), (s, t)
    path = wire.sceneTransform().map(wire.path())
    pts = [path.pointAtPercent(i / 80) for i in range(81)]
    out = []
    for it in w.scene.node_items():
        if it.node_id in (s, t):
            continue
        r = card_rect(w, it.node_id)
        if any(r.contains(p) for p in pts):
            out.append(it.node_id)
    return out


def add_to_graph(qtbot):
    def fill(dlg) -> None:  # Add to Graph: add1 and y from the canvas, as ticked
        (button,) = [b for b in dlg.findChildren(QPushButton) if b.text().replace("&", "") == "Add to Graph"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    return fill


def test_the_new_cards_wires_pass_under_no_card(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, trial_graph(output="add1"), tmp_path / "five.mgraph")
    before = set(w.model.nodes())
    seen = formula_with_table(qtbot, w, "f = tanh(add1) * exp(-y)", add_to_graph(qtbot))
    assert seen["use"] == [True, True]
    new = set(w.model.nodes()) - before
    assert len(new) == 4 and w.model.output == "f"
    for n, at in TRIAL.items():
        assert w.model.position(n) == at  # (the teacher's cards stay where they were put)
    wires = [(s, t, p) for t in new for p, s in enumerate(w.model.inputs(t))]
    assert {s for s, _t, _p in wires} >= {"add1", "y"}
    for s, t, p in wires:
        assert cards_under(w, s, t, p) == [], f"{s} → {t} runs under a card"
    # and the new cards cover no wire of the graph's
    for s, t, p in w.model.edges():
        if s not in new and t not in new:
            assert not set(cards_under(w, s, t, p)) & new, (s, t)
    w.view.setFocus()
    # Undo: the teacher's graph as it was
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert set(w.model.nodes()) == before
