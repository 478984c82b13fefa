"""The layer of wires through a crowded view (gui/canvas/wires/through_wires.py)
keeps the ends it worked out for each wire while the wires' filing stays
(issue 14: a Backward step at 50,000 nodes scrolls to views crossed by
~7,000 long wires, most of them met at the step before; reading both cards'
positions and the port of each again was a third of finding them). Counted,
never timed: a wire's ends are worked out from its cards once, until a
wire is filed anew (a move), and the layer draws it where it runs then."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from scene_checks import count_calls
from test_lazy_wires import ends
from test_through_wires import near  # noqa: F401  (the fixture)

from core.graph.model import GraphModel


def _scroll(view, dx: int) -> None:
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + dx)
    view.viewport().repaint()


def test_a_scroll_back_and_forth_works_out_no_wires_ends_again(near):
    m, sc, view = near
    layer = sc.through
    first = dict(layer.keys)
    assert len(first) > 100 and layer.ended >= len(first)
    _scroll(view, 250)
    found, ended = layer.found, layer.ended
    assert layer.ended > 0
    _scroll(view, -125)  # between the two views: one not shown, its every wire met before
    assert layer.found == found + 1  # its wires found (the view moved)
    assert layer.ended == ended  # but no wire's ends worked out again
    _scroll(view, -125)  # back where it was (its wires kept: tests/test_through_revisit.py)
    assert layer.keys == first  # the same wires, at the same ends


def test_a_moved_card_has_its_wires_ends_worked_out_again(near):
    m, sc, view = near
    layer = sc.through
    key = next(k for k in layer.keys if k[1] in m)
    x, y = m.position(key[1])
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    ended = layer.ended
    # moved along, still crossing the view
    m.set_positions({key[1]: (x, y + 40.0 if y < seen.center().y() else y - 40.0)})
    QApplication.processEvents()
    view.viewport().repaint()
    assert layer.ended > ended  # the wires' filing changed: their ends are read again
    if key in layer.keys:
        p1, p2 = ends(sc, key)
        assert layer.keys[key][:4] == (p1.x(), p1.y(), p2.x(), p2.y())
    # and the others are drawn where the cards say
    for k, d in list(layer.keys.items())[:200]:
        p1, p2 = ends(sc, k)
        assert d[:4] == (p1.x(), p1.y(), p2.x(), p2.y()), k
    assert QPointF(*m.position(key[1])) != QPointF(x, y)


def test_finding_a_views_wires_reads_no_card_and_asks_the_model_nothing_per_wire(near, monkeypatch):
    """Each wire's ends from the cards' positions and its target's ports from
    the model's input table, its colour from the model's value table: no card
    read (a Qt wrapper's attribute) and no ``model.value`` (a check of the
    node first) per wire, ~7,000 a Backward step's view at 50,000 nodes."""
    m, sc, view = near
    layer = sc.through
    want = dict(layer.keys)
    assert len(want) > 100
    layer._ends_at = -1  # every wire's ends worked out anew
    asked = count_calls(monkeypatch, GraphModel, "value")
    monkeypatch.setattr(sc, "node_map", lambda: {})  # (a card asked for: a KeyError)
    got = layer._find(*layer._for[:3])
    assert asked == []
    assert got == want  # the same wires, at the same ends, in the same colours
    assert layer.ended >= len(want)
