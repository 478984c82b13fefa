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
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.model import GraphModel

#: Where the trial's teacher had put the cards by hand (scene units).
TRIAL = {"x": (0, 0), "y": (0, 140), "mul1": (240, 130), "pow1": (440, -10), "add1": (620, 70)}


def trial_graph() -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "x", value=0.7, x=0, y=0)
    m.add_node("leaf", "y", value=-0.3, x=0, y=140)
    m.add_node("mul", "mul1", x=240, y=130)
    m.add_node("pow", "pow1", x=440, y=-10, exponent=2)
    m.add_node("add", "add1", x=620, y=70)
    for s, t, p in (("x", "mul1", 0), ("y", "mul1", 1), ("x", "pow1", 0)):
        m.connect(s, t, p)
    m.connect("mul1", "add1", 0)
    m.connect("pow1", "add1", 1)
    m.set_output("add1")
    return m


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
    path = tmp_path / "five.mgraph"
    fileio.save(trial_graph(), str(path))
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(str(path))
    QApplication.processEvents()
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
