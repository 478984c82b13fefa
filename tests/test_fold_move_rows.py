"""Folded cards that only move (making room for a group opened among
folded ones moves half of them at 50,000 nodes) keep the rows they show:
their boundary values are not read again, only their places follow. A
value edited, a wire added or removed reads them again. Counted, not timed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_folded_moves import folded_among_many

from gui.canvas.folding import card_rows


def _count_rows(monkeypatch) -> list[int]:
    calls = [0]
    real = card_rows.rows

    def counted(scene, ids, *wires):
        calls[0] += 1
        return real(scene, ids, *wires)

    monkeypatch.setattr(card_rows, "rows", counted)
    return calls


def test_moving_folded_cards_reads_no_rows_and_editing_a_value_does(qtbot, monkeypatch):
    monkeypatch.setattr(card_rows, "MAX_PORT_ROWS", 1000)  # every boundary value a row of its own
    w, m, gids, one = folded_among_many(qtbot)
    sc = w.scene
    calls = _count_rows(monkeypatch)
    w.grouping.set_collapsed([one], False)  # room made: many folded cards move
    QApplication.processEvents()
    opened = calls[0]
    assert opened > 0  # (the opening itself changes the groups: every card's rows read once)
    calls[0] = 0
    moved = [g for g in gids if g != one]
    nodes = [n for g in moved for n in m.groups.nodes_in(g)]
    m.set_positions({n: (m.position(n)[0] + 40.0, m.position(n)[1]) for n in nodes})
    QApplication.processEvents()
    assert calls[0] == 0  # only places changed: no card read its rows again
    for g in moved:  # ...and every card is where its nodes are
        card = sc.folding.card(g)
        xs, ys = zip(*(m.position(n) for n in m.groups.nodes_in(g)))
        assert card.pos().toTuple() == (min(xs), min(ys))
    # a value edited: the cards read their rows again and show the new value
    cards = [c for g in moved if (c := sc.folding.card(g)) is not None and isinstance(c.inputs, list)]

    def shown() -> list[float | None]:
        return [p.value for c in cards for p in c.inputs]

    before = shown()
    for leaf in (n for n in m.topological_order() if m.op(n) == "leaf"):
        w.editor.set_value(leaf, str(m.value(leaf) + 1.0))
        QApplication.processEvents()
        if shown() != before:
            break
    assert calls[0] > 0
    assert shown() != before  # (the test's point: some card shows a value that changed)
    assert shown() == [m.value(p.node) for c in cards for p in c.inputs]
