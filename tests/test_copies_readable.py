"""Linked copies stay readable whatever placed the cards (verify 49, new
problems 1 and 2), driven as a user: a graph from the headless ``import``
opened (the w copy of "p2 …" was under its group's name tab, and in
Presentation Mode after Backward it said "w" alone), and the same graph
copied into a new one with a formula typed in the f(x) bar (eight copies
covered "y1 - y2"'s value and "(y1 - y2)**2"'s name). No copy, at its
widest and tallest, lies over a card, another copy or a group's tab."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from test_formula_bar_canvas_names import formula_with_table
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.cli.main import main as cli
from gui.canvas.cards.card_text import text_scale
from gui.canvas.folding.group_items import PAD, TITLE_H
from gui.canvas.linked.copy_item import room_rect

CTRL = Qt.KeyboardModifier.ControlModifier
LOGREG = "p1 = sigmoid(w*x1 + b)\np2 = sigmoid(w*x2 + b)\nL = (p1 - y1)**2 + (p2 - y2)**2\n"
VALUES = {"w": 0.5, "b": -1, "x1": 2, "y1": 1, "x2": -1, "y2": 0}
FORMULA = "M = (p1 - p2)**2 + (y1 - y2)**2 * w + tanh(b*b + x1*x2) + exp(w - b) * q1 * q2 * q3"


def imported(tmp_path) -> str:
    """``python main.py import logreg.py --value … -o logreg.mgraph``, as the trial did."""
    src, out = tmp_path / "logreg.py", tmp_path / "logreg.mgraph"
    src.write_text(LOGREG)
    values = [a for k, v in VALUES.items() for a in ("--value", f"{k}={v}")]
    assert cli(["import", str(src), *values, "-o", str(out)]) == 0
    return str(out)


def open_file(w, path: str) -> None:
    w.resize(1600, 1000)
    assert w.open_path(path)
    QApplication.processEvents()


def keys(qtbot, w, key, mods=CTRL) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.view.setFocus()
    qtbot.keyClick(w.view, key, mods)
    QApplication.processEvents()


def unreadable(w) -> list[tuple]:
    """Each copy (at its largest: any zoom) over a card not its own, over
    another copy, or in a group's tab (however tall the tab grows, rising
    above its frame: at most down to ``PAD + TITLE_H - 2`` under the frame's top)."""
    m, sc = w.model, w.scene
    pills = []
    for s, t, p in sc.linked.rule.every_key():
        x, y = m.position(t)
        pills.append(((s, t, p), room_rect(len(m.inputs(t)), p).translated(x, y)))
    assert pills
    tabs = []
    for g in m.groups.ids():
        f = sc.folding.frame(g)
        if f is not None and f.isVisible():
            r = f.outline().adjusted(2, 2, -2, -2)
            tabs.append((g, QRectF(r.left(), r.top() - 40, r.width(), 40 + PAD + TITLE_H - 2)))
    cards = sc.card_rects()
    out: list[tuple] = []
    for i, (k, r) in enumerate(pills):
        for n, c in cards.items():
            if n != k[1] and r.intersects(QRectF(c[0], c[1], c[2] - c[0], c[3] - c[1])):
                out.append(("card", k, m.label(n)))
        out += [("copy", k, k2) for k2, r2 in pills[:i] if r.intersects(r2)]
        out += [("tab", k, m.groups.get(g).label) for g, tab in tabs if r.intersects(tab)]
    return out


def test_a_headless_imported_graphs_copies_are_clear_of_the_tabs_and_say_their_gradient(
    qtbot, window, tmp_path
):
    """The w copy of "p2 …" sat under the group's name tab; after Ctrl+B,
    End in Presentation Mode, fitted (33 %), it said "w" where "w ∇−.05"
    did not fit its larger text."""
    w = window
    open_file(w, imported(tmp_path))
    m, sc = w.model, w.scene
    mul2 = next(t for s, t, _p in sc.linked.rule.every_key() if s == "w" and "x2" in m.inputs(t))
    assert m.groups.group_of(mul2) is not None  # (in "p2 …": its copy in the frame's top row)
    assert unreadable(w) == []
    keys(qtbot, w, Qt.Key.Key_B)  # Backward, to its end
    keys(qtbot, w, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier)
    keys(qtbot, w, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Presentation Mode
    assert w.presentation.on and text_scale() > 1  # (its larger text)
    (copy,) = [c for c in sc.linked.copies() if c.key == ("w", mul2, 0)]
    for zoom in (0.36, 0.41, 0.6):  # (at 33 % its two digits, "w ∇−0.05", are 2 units too wide: "w")
        w.view.set_zoom(zoom)
        w.view.centerOn(sc.node_item(mul2))
        QApplication.processEvents()
        lines, _px = copy.texts(zoom)
        assert lines and lines[0].startswith("w ∇−0.05"), (zoom, lines)  # its use's gradient, −0.0544
    assert unreadable(w) == []


def test_copies_the_fx_bar_adds_beside_a_pasted_graph_cover_no_card(qtbot, window, tmp_path):
    """Open the imported graph, Ctrl+A, Ctrl+C, File › New, Ctrl+V, type the
    formula in the f(x) bar, Enter, Add to Graph: its uses of the canvas's
    w, b, x1, x2, y1, y2 are copies beside the new cards, which were laid
    out a column gap apart, without room for them."""
    w = window
    open_file(w, imported(tmp_path))
    keys(qtbot, w, Qt.Key.Key_A)
    keys(qtbot, w, Qt.Key.Key_C)
    trigger(w, "new")
    keys(qtbot, w, Qt.Key.Key_V)
    assert len(w.model) == 17 and len(w.model.groups) == 3
    before = set(w.model.nodes())

    def add(dlg) -> None:
        ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Add to Graph"
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    seen = formula_with_table(qtbot, w, FORMULA, add)
    assert {"q1", "q2", "q3"} <= set(seen["names"])
    m = w.model
    new = set(m.nodes()) - before
    assert len(new) == 20 and "using p1, p2, y1, y2, w, b, x1 and x2 from the canvas" in w.status_text()
    keys_ = w.scene.linked.rule.every_key()
    assert sum(t in new for _s, t, _p in keys_) >= 8  # (the eight copies of the trial, and more)
    assert unreadable(w) == []
