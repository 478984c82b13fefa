"""The layer of wires through a crowded view (gui/canvas/wires/through_wires.py)
keeps the wires it found for the last few views (issue 14: Step Back at
50,000 nodes scrolls back to the views earlier steps scrolled to, each
crossed by thousands of long wires, and found them all again). Counted,
never timed: a view shown again finds no wire anew, and draws what a view
found afresh draws, unless a wire found there changed since."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QApplication
from test_local_edit_costs import _differing, _render
from test_through_ends import _scroll
from test_through_wires import near  # noqa: F401  (the fixture)

from gui.canvas.wires import curve_clip, through_wires


def test_a_view_shown_again_finds_no_wire_anew(near):
    m, sc, view = near
    layer = sc.through
    first, picture = dict(layer.keys), _render(view)
    assert len(first) > 100
    found = layer.found
    _scroll(view, 300)
    _scroll(view, 300)
    assert layer.found == found + 2  # two views not shown before: their wires found
    assert layer.keys != first
    _scroll(view, -300)
    drawn = layer.drawn
    _scroll(view, -300)  # back to the first view, through the second
    assert layer.found == found + 2  # nothing found anew
    assert layer.keys == first  # the same wires, ends and colours
    assert layer.drawn == drawn  # its picture copied, no wire drawn again
    assert _differing(picture, _render(view), view.viewport().rect(), 0) == 0  # the pixels as before


def test_only_the_last_few_views_pictures_are_kept(near):
    m, sc, view = near
    layer = sc.through
    for _ in range(through_wires.KEPT_PICTURES + 1):
        _scroll(view, 200)
    _scroll(view, -200 * through_wires.KEPT_PICTURES)  # the oldest picture kept
    drawn = layer.drawn
    _scroll(view, -200)  # its wires kept, its picture not: drawn again
    assert layer.drawn > drawn


def test_only_the_last_few_views_are_kept(near):
    m, sc, view = near
    layer = sc.through
    found = layer.found
    for _ in range(through_wires.RECENT_VIEWS + 1):
        _scroll(view, 200)
    assert layer.found == found + through_wires.RECENT_VIEWS + 1
    _scroll(view, -200 * (through_wires.RECENT_VIEWS + 1))  # the first view: dropped since
    assert layer.found == found + through_wires.RECENT_VIEWS + 2


def test_a_view_shown_again_after_an_edit_finds_its_wires_anew(near):
    m, sc, view = near
    layer = sc.through
    red = [k for k, d in layer.keys.items() if d[4]]
    assert red
    _scroll(view, 300)
    m.set_value("v5", 0.5)  # no inf now: the wires it coloured are plain again
    QApplication.processEvents()
    view.viewport().repaint()  # (this view's found again if one of them was among its wires)
    found = layer.found
    _scroll(view, -300)
    assert layer.found == found + 1  # the first view's wires found again
    mended = [k for k in red if k in layer.keys and math.isfinite(m.value(k[0]))]
    assert mended and not any(layer.keys[k][4] for k in mended)


def test_a_wire_forgotten_drops_the_views_it_was_found_in(near):
    m, sc, view = near
    layer = sc.through
    key = next(iter(layer.keys))
    _scroll(view, 300)
    found = layer.found
    layer.forget([key])  # (moved, hidden, weighted, recoloured while the view was elsewhere)
    _scroll(view, -300)
    assert layer.found == found + 1


def test_the_stretches_found_are_forward_stretches(near):
    """(The layer works them out inline, ~7,000 a view: the same numbers.)"""
    m, sc, view = near
    layer = sc.through
    box = layer._for[0]
    cuts = layer._cuts
    forward = [k for k, d in layer.keys.items() if d[2] - d[0] >= curve_clip.FORWARD]
    assert len(forward) > 20
    for k in forward:
        assert cuts[k] == curve_clip.forward_stretches(*layer.keys[k][:4], box), k
