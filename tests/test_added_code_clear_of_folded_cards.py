"""Code added to a graph whose groups are folded is placed by the cards
the canvas draws (trial 68 #1): on the lecture's MLP, the f(x) bar's
``half = loss / 2`` went to the top right by loss's hidden card, and
loss's wire, drawn from the folded "loss" card, ran under the new ``2``
card and out at its port (read as ``half = 2 / 2``); the Code panel's
``reg = w1_1_1**2 + w3_1_1**2``, ``total = loss + 0.1*reg`` spread its cards
over the canvas, one wire under another new card. Driven as a user: the
formula typed in the bar, Enter, Enter in the values table; the code typed
in the Code panel, Ctrl+Enter. Every new wire's drawn path is sampled and
kept clear of every card shown (folded cards included, the cards folded
away skipped) and of every port but its own two; the new cards are next to
the cards they read."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from test_code_panel_gui import ctrl_enter, editor, replace_in_editor
from test_formula_bar_canvas_names import formula_with_table
from test_formula_bar_wires_own_way import CLEAR, PORT_CLEAR, card_rect, ports, wire_points
from window_helpers import answers, menu_action, open_mlp_file, tmp_settings, window  # noqa: F401

from core.graph.layout import COLUMN, ROW
from gui.canvas.folding.card_rows import nodes as row_nodes


def shown(w) -> dict[str, tuple[QRectF, list[tuple[str, str, QPointF]]]]:
    """Each card the canvas shows, by node or group id: its rect and its
    ports (kind, the node the port is for, where)."""
    m, sc = w.model, w.scene
    out = {}
    for n in m.nodes():
        it = sc.node_item(n)
        if it is not None and it.isVisible():
            out[n] = (card_rect(w, n), [(k, f"{n}:{p}", at) for k, p, at in ports(w, n)])
    for g in m.groups:
        card = sc.folding.card(g.id)
        if card is None or not card.isVisible():
            continue
        r = card.mapRectToScene(card.rect())
        ps = [("in", s, card.input_pos(s)) for s in row_nodes(card.inputs)]
        ps += [("out", n, card.output_pos(n)) for n in row_nodes(card.outputs)]
        out[g.id] = (r, ps)
    return out


def key_of(w, n: str) -> str:
    return w.scene.folding.card_of(n) or n


def new_tangles(w, new: set[str]) -> tuple[list[str], int]:
    """Each drawn wire into a new card that passes under (or within
    ``CLEAR`` of) a card shown that it does not join, or within
    ``PORT_CLEAR`` of a port other than its own two; and how many wires were looked at."""
    m, label = w.model, w.model.label
    cards = shown(w)
    out, looked = [], 0
    for s, t, p in m.edges():
        if t not in new:
            continue
        if w.scene.linked.is_linked((s, t, p)):
            continue  # (a linked copy beside the card, no wire)
        looked += 1
        pts = wire_points(w, s, t, p)
        ks, kt = key_of(w, s), key_of(w, t)
        name = f"{label(s)} → {label(t)}.in{p + 1}"
        for k, (r, ps) in cards.items():
            if k not in (ks, kt) and any(r.adjusted(-CLEAR, -CLEAR, CLEAR, CLEAR).contains(q) for q in pts):
                out.append(f"{name} under {k}")
            for kind, who, at in ps:
                own = (k == ks and kind == "out" and who in (s, f"{s}:0")) or (
                    k == kt and kind == "in" and who in (f"{t}:{p}", s)
                )
                if not own and any((q - at).manhattanLength() < PORT_CLEAR for q in pts):
                    out.append(f"{name} through {k}'s {kind} {who}")
    return out, looked


def crossed(w, new: set[str]) -> list[str]:
    """Each new two-input card whose two wires cross in front of it (the
    upper port fed from below the lower one's source)."""
    m, out = w.model, []
    for t in new:
        ins = m.inputs(t)
        if len(ins) == 2 and all(
            s is not None and not w.scene.linked.is_linked((s, t, p)) for p, s in enumerate(ins)
        ):
            up, down = (wire_points(w, s, t, p)[0].y() for p, s in enumerate(ins))
            if up > down:
                out.append(m.label(t))
    return out


def open_mlp(qtbot, w, tmp_path) -> None:
    open_mlp_file(qtbot, w, tmp_path)
    assert w.model.groups.folded_into("loss") is not None, "loss is in its folded group"


def loss_card(w) -> QRectF:
    return shown(w)[key_of(w, "loss")][0]


def test_half_of_the_folded_mlps_loss_goes_beside_its_card_and_reads_loss_by_its_own_wire(
    qtbot, window, tmp_path
):
    w = window
    open_mlp(qtbot, w, tmp_path)
    before = set(w.model.nodes())
    seen = formula_with_table(qtbot, w, "half = loss / 2", lambda d: d.accept())  # Enter: use loss
    assert seen["use"] == [True]
    QApplication.processEvents()
    m = w.model
    new = set(m.nodes()) - before
    ids = {m.label(n): n for n in new}
    half, two = ids["half"], ids["2"]
    assert m.inputs(half) == ["loss", two]
    bad, looked = new_tangles(w, new)
    assert looked == 2 and bad == [] and crossed(w, new) == []
    lc, r = loss_card(w), card_rect(w, half)
    assert 0 < r.left() - lc.right() < 2 * COLUMN, "half is next to the loss card"
    assert abs(r.center().y() - lc.center().y()) < ROW, "half is level with the loss card"
    assert 0 < card_rect(w, two).left() - lc.right() < COLUMN
    # the wire from loss leaves the loss card's port, not the 2's, and ends at half's in₁
    pts = wire_points(w, "loss", half, 0)
    two_out = w.scene.node_item(two).output_pos()
    assert min((q - two_out).manhattanLength() for q in pts) > 30


def test_code_panel_reg_and_total_on_the_folded_mlp_go_beside_what_they_read_each_wire_clear(
    qtbot, window, tmp_path
):
    w = window
    open_mlp(qtbot, w, tmp_path)
    dock = w.findChild(QDockWidget, "dock_code")
    if not dock.isVisible():
        menu_action(w.menus["view"], "toggle_dock_code").trigger()
    QApplication.processEvents()
    m = w.model
    before = set(m.nodes())
    replace_in_editor(qtbot, w, "loss.backward()", "reg = w1_1_1**2 + w3_1_1**2")
    e = editor(w)
    for line in ("total = loss + 0.1*reg", "total.backward()"):
        qtbot.keyClick(e, Qt.Key.Key_Return)
        qtbot.keyClicks(e, line)
    ctrl_enter(qtbot, w)
    QApplication.processEvents()
    new = set(m.nodes()) - before
    assert len(new) == 6 and m.label(m.output) == "total"
    bad, looked = new_tangles(w, new)
    assert looked >= 5 and bad == [] and crossed(w, new) == []
    # every new card is near the loss card it adds to (not over the canvas, not below the graph)
    lc = loss_card(w)
    graph = QRectF()
    for k, (r, _ps) in shown(w).items():
        if k not in new:
            graph = graph.united(r)
    for n in new:
        r = card_rect(w, n)
        assert r.left() > lc.left() - 3 * COLUMN and r.right() < lc.right() + 3 * COLUMN, m.label(n)
        assert graph.top() - ROW < r.center().y() < graph.bottom() + ROW, m.label(n)
    # no new card covers another card shown
    cards = shown(w)
    for n in new:
        r = card_rect(w, n)
        assert not [k for k, (o, _p) in cards.items() if k != n and o.intersects(r)], m.label(n)
