"""Find in the inserted MLP (trials 45 and 46), driven as a user: Ctrl+F,
typing, Alt+Enter. "w2.3" went first to the product w2.3.1·h1.1[1] (its
card above), not the weight w2.3.1; after Open group, Properties said "4
nodes selected"; the opened layer's left column was cut at the canvas's
left edge and the Find bar covered its top right. Now the weight comes
first, Properties shows the match, and the view shows the opened group
whole where it fits at a readable zoom, clear of the Find bar, else the
match's own group or the match with its neighbours, over the opened group
from its edge."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, trigger, window  # noqa: F401

from gui.common import style as S

Key, Mod = Qt.Key, Qt.KeyboardModifier


def find(qtbot, w, text: str):
    w.view.setFocus()
    qtbot.keyClick(w.view, Key.Key_F, Mod.ControlModifier)
    bar = w.navigation.find_bar
    qtbot.keyClicks(bar.edit, text)
    qtbot.waitUntil(lambda: w.navigation.find._searched == text, timeout=3000)
    QApplication.processEvents()
    return bar


def current(w) -> str:
    f = w.navigation.find
    return f.matches[f.current]


def shown_clear(w, rect: QRectF) -> bool:
    """Whether ``rect`` (scene) is wholly in the viewport, under none of the widgets over it."""
    r = w.view.mapFromScene(rect).boundingRect()
    vp = w.view.viewport()
    return vp.rect().contains(r) and not any(o.intersects(r) for o in w.view.overlays.covered(vp))


@pytest.mark.parametrize("minimap", [False, True])
def test_the_weight_comes_first_and_opening_it_shows_its_group_whole(qtbot, window, minimap):
    w = window
    show_mlp(qtbot, w)
    if minimap:
        trigger(w, "minimap")  # View › Minimap: in the canvas's bottom right
        assert w.navigation.minimap.isVisible()
    bar = find(qtbot, w, "w2.3")
    assert w.model.label(current(w)) == "w2.3.1" and bar.count.text().startswith("1 of ")
    node = current(w)
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)  # Open group
    QApplication.processEvents()
    gid = w.model.groups.group_of(node)
    assert not w.model.groups.get(gid).collapsed
    # Properties shows the match, not "4 nodes selected"
    assert w.scene.selected_ids() == [node] and w.properties.node_id == node
    # the opened group whole, readable, under neither the Find bar nor the minimap
    assert w.view.zoom >= S.LOD_DETAIL - 1e-9
    assert shown_clear(w, w.scene.folding.frame(gid).sceneBoundingRect())
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit


def test_a_layer_too_tall_to_show_whole_shows_its_left_edge_and_the_matchs_neuron(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    bar = find(qtbot, w, "h1.2")
    node = current(w)
    assert w.model.label(node) == "h1.2[1]"
    gs = w.model.groups
    layer = gs.folded_around(node)[-1]
    assert gs.get(layer).label == "layer 1 [1]"
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)
    QApplication.processEvents()
    assert w.view.zoom >= S.LOD_DETAIL - 1e-9 and w.properties.node_id == node
    # its neuron (the match and what it is computed from) whole, clear of the bar
    neuron = gs.group_of(node)
    assert gs.get(neuron).label == "neuron 1.2 [1]"
    assert shown_clear(w, w.scene.folding.frame(neuron).sceneBoundingRect())
    # the layer's left column and name tab in view, not cut at the canvas's edge (trial 45)
    frame = w.view.mapFromScene(w.scene.folding.frame(layer).sceneBoundingRect()).boundingRect()
    assert frame.left() >= 0 and frame.top() >= 0, frame
