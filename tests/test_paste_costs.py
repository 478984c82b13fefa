"""Duplicate in a big graph (review 49, finding 1): the copies' free room is
looked for among the cards near the strip each way sweeps (the card grid
hands them out), not among every card, one pass per card met: Ctrl+D of
one card in the middle of a column of 13,000 took 8.8 s at 20,000 nodes.
Counted, never timed."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import CTRL, keys, overlapping
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_grid import CardGrid
from gui.canvas.scene import GraphScene
from gui.editing import pasting

#: The column's cards: one above the other, too close for a card between them.
TALL = 2000


def open_column(w, tmp_path) -> None:
    """A column of ``TALL`` values, each summed into one output right of the column's foot."""
    nodes = [
        {"id": f"x{i}", "op": "leaf", "label": f"x{i}", "value": 1.0, "x": 0.0, "y": 110.0 * i}
        for i in range(TALL)
    ]
    nodes.append({"id": "s", "op": "add", "label": "s", "x": 240.0, "y": 110.0 * TALL})
    edges = [
        {"source": "x0", "target": "s", "port": 0, "key": 0},
        {"source": "x1", "target": "s", "port": 1, "key": 0},
    ]
    graph = {"format": "micrograd-studio", "version": 1, "output": "s", "groups": []}
    path = tmp_path / "column.mgraph"
    path.write_text(
        json.dumps({"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges})
    )
    w.resize(1600, 1000)
    QApplication.processEvents()
    assert w.open_path(path)
    QApplication.processEvents()


def test_ctrl_d_of_a_card_in_a_tall_column_reads_the_cards_near_it_only(qtbot, window, tmp_path, monkeypatch):
    w = window
    open_column(w, tmp_path)
    m = w.model
    w.scene.select_ids(["x1000"])
    QApplication.processEvents()
    assert w.scene.selected_ids() == ["x1000"]
    read: list[int] = []
    real = GraphScene.card_rects_upto

    def card_rects_upto(self, *args, **kw):
        out = real(self, *args, **kw)
        read.append(len(out or ()))
        return out

    monkeypatch.setattr(GraphScene, "card_rects_upto", card_rects_upto)
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    monkeypatch.undo()
    assert len(m) == TALL + 2, w.status_text()
    (copy,) = set(m.nodes()) - {f"x{i}" for i in range(TALL)} - {"s"}
    assert m.position(copy)[1] == m.position("x1000")[1] and m.position(copy)[0] > 0  # beside it, right
    # four ways, each within its reach: a few dozen cards, not 2,000 per card met
    assert 0 < sum(read) <= 200, read
    assert not overlapping(w)


def test_ctrl_d_of_cards_spread_down_the_column_sizes_up_no_more_than_a_crowd_each_way(
    qtbot, window, tmp_path, monkeypatch
):
    # every tenth card of the column (as Find selects matches all over a graph):
    # the block of copies is as tall as the column, its strips above and below
    # hold every card; a way past a crowd of cards is not swept card by card
    w = window
    open_column(w, tmp_path)
    m = w.model
    monkeypatch.setattr(pasting, "CROWDED", 300)
    w.scene.select_ids([f"x{i}" for i in range(0, TALL, 10)])
    QApplication.processEvents()
    filed: list[int] = []
    real = CardGrid.ids_near

    def ids_near(self, region):
        for n in real(self, region):
            filed.append(1)
            yield n

    monkeypatch.setattr(CardGrid, "ids_near", ids_near)
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    monkeypatch.undo()
    assert len(m) == TALL + 1 + TALL // 10, w.status_text()
    # its own place and four ways, none past more than the crowd (301 cards told it is one):
    # not 2,000 a way
    assert 0 < len(filed) <= 5 * 301, len(filed)
    assert not overlapping(w)
