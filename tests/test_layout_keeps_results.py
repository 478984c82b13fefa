"""Review 71 #3: Auto Layout put every card with no path to the chosen
output in the "apart" block, under the rest, as if a dead branch: the blog's
example with its output set on d had f and L (the graph's real end) moved
under d, and in ``y1 = x*w``, ``y2 = x*v`` with the output y1, the second
result y2 went apart. Now a card the output feeds, and a named card that
feeds nothing (a result the learner built), stay in the main block: marking
a node the output moves nothing. What a Replace leaves still goes apart
(tests/test_layout_after_replace.py). Driven as a user: the card's menu,
the f(x) bar, the toolbar's Layout."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from test_animation_gui import open_example
from window_helpers import answers, shown_window, tmp_settings, trigger, type_formula, window  # noqa: F401


def labelled(m, name: str) -> str:
    (n,) = [n for n in m.nodes() if m.label(n) == name]
    return n


def mark_output(w, node: str) -> None:
    """Right-click ``node``'s card, then its menu's "Output of the graph"."""
    clicked: list[str] = []

    def click() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        (a,) = [a for a in menu.actions() if a.objectName() == "ctx_output"]
        clicked.append(a.text())
        a.trigger()
        menu.close()

    QTimer.singleShot(150, click)
    at = w.scene.node_item(node).sceneBoundingRect().center()
    vp = w.view.viewport()
    p = w.view.mapFromScene(at)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, vp.mapToGlobal(p)))
    QApplication.processEvents()
    assert clicked


def laid_out(w) -> dict[str, tuple[float, float]]:
    trigger(w, "layout")  # the toolbar's Layout
    return {n: w.model.position(n) for n in w.model.nodes()}


def test_output_on_an_inner_card_moves_nothing_apart(qtbot, window):
    w = window
    shown_window(qtbot, w)
    open_example(w, "blog_L")  # File › Examples: the blog's L = (a*b + c) * f
    m = w.model
    assert m.output == labelled(m, "L")
    before = laid_out(w)
    d = labelled(m, "d")
    mark_output(w, d)
    assert m.output == d
    after = laid_out(w)
    assert after == before  # f and L stay right of d: the graph's end, not a dead branch under it
    L = labelled(m, "L")
    assert after[L][0] > after[d][0]


def test_a_second_named_result_stays_beside_the_output(qtbot, window):
    w = window
    shown_window(qtbot, w)
    trigger(w, "new")  # Ctrl+N
    type_formula(qtbot, w, "y1 = x*w", None)
    type_formula(qtbot, w, "y2 = x*v", None)
    m = w.model
    y1, y2, v, x = (labelled(m, n) for n in ("y1", "y2", "v", "x"))
    assert m.output == y2  # (the f(x) bar's last formula)
    mark_output(w, y1)
    assert m.output == y1
    after = laid_out(w)
    mark_output(w, y1)  # unticked: no output set, the plain layout
    assert m.output is None
    plain = laid_out(w)
    assert after == plain
    assert after[y2][0] == after[y1][0]  # the results' column, side by side: not a block apart
    assert abs(after[y2][1] - after[y1][1]) <= 110 and after[v][0] == after[x][0]


def test_what_leads_to_no_result_still_goes_apart():
    """The rule itself: a card the output feeds and a named sink stay; an
    unnamed sink, and a card named by its formula (a Replace's leftover), go apart."""
    from core.graph.dead_apart import apart_positions
    from core.graph.model import GraphModel

    m = GraphModel()
    for n in ("x", "w", "k"):
        m.add_node("leaf", n, label=n, value=1.0)
    m.add_node("mul", "y", label="y")
    m.add_node("tanh", "t", label="t")  # fed by the output
    m.add_node("mul", "r", label="r")  # a named result
    m.add_node("mul", "u")  # unnamed, feeds nothing
    m.add_node("mul", "p", label="x*k")  # named by its formula, feeds nothing
    for s, t, port in (("x", "y", 0), ("w", "y", 1), ("y", "t", 0), ("x", "r", 0), ("w", "r", 1)):
        m.connect(s, t, port)
    for s, t, port in (("x", "u", 0), ("x", "u", 1), ("x", "p", 0), ("k", "p", 1)):
        m.connect(s, t, port)
    m.set_output("y")
    pos = apart_positions(m)
    assert pos is not None
    kept = max(pos[n][1] for n in ("x", "w", "y", "t", "r"))
    assert all(pos[n][1] > kept for n in ("u", "p", "k")), pos  # the block apart, under the rest
