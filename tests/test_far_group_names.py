"""Far out every group is a labelled region (issue 10's semantic zoom): a
new user's trial zoomed the folded MLP out with the wheel and read "… [1]"
on layer 1's and layer 2's cards alike at 18 %, blank blocks for layer 3
and the weights, and at 8.8 % no name at all. Each group (folded card or
open frame) now has its name drawn whole and readable (11 px or more on
screen) where it fits among the others, the outermost first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_semantic_zoom import painted_texts
from window_helpers import answers, open_mlp_file, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX


def _zoom_to(w, zoom: float) -> None:
    w.view.set_zoom(zoom)
    w.view.centerOn(w.view.graph_rect().center())
    QApplication.processEvents()
    assert w.scene.far


def _names(w) -> dict[str, str]:
    """Each group named far out (by the far names or its own frame): id -> the name drawn."""
    zoom = w.view.zoom
    out = {gid: " ".join(t.text for t in lines) for gid, lines in w.scene.folding.far_names.names().items()}
    for g in w.model.groups:
        f = w.scene.folding.frame(g.id)
        if f is not None and f.isVisible() and f.texts_at(zoom):
            out[g.id] = " ".join(t.text for t in f.texts_at(zoom))
    return out


@pytest.mark.parametrize("zoom", [0.18, 0.12, 0.088])
def test_the_folded_mlp_far_out_names_its_groups_whole_and_readable(
    qtbot, window, tmp_path, monkeypatch, zoom
):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    _zoom_to(w, zoom)
    groups = w.model.groups
    top = [g for g in groups if g.parent is None]
    assert len(top) == 16 and all(g.collapsed for g in top)
    painted = painted_texts(w, monkeypatch)
    assert painted
    assert all(px >= MIN_PX - 1e-9 for _t, px in painted), painted
    # never a cut name that says nothing ("… [1]" on layer 1's and layer 2's cards)
    assert not [t for t, _px in painted if "…" in t], painted
    drawn = " | ".join(t for t, _px in painted)
    names = _names(w)
    for gid, shown in names.items():
        assert shown == groups.get(gid).label  # whole
    # each named where it fits: at 18 % nearly every layer's card, far out still several
    assert len(names) >= (14 if zoom >= 0.18 else 3), names
    assert {"loss"} <= set(names.values()) and "loss" in drawn
    # the names meet no other name
    boxes = [w.scene.folding.far_names.box(gid) for gid in w.scene.folding.far_names.names()]
    for i, a in enumerate(boxes):
        assert all(not a.intersects(b) for b in boxes[i + 1 :])


def test_far_out_the_outer_groups_are_named_before_the_inner_ones(qtbot, window, tmp_path):
    """The MLP's layers opened (their neurons folded inside): far out a
    neuron's name never takes the place of its layer's."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    groups = w.model.groups
    layers = [g.id for g in groups if g.parent is None and g.label.startswith("layer") and "[" in g.label]
    w.grouping.set_collapsed(layers, False)
    QApplication.processEvents()
    _zoom_to(w, 0.12)
    names = _names(w)
    inner = [gid for gid in names if groups.get(gid).parent is not None]
    outer = [g for g in layers if g in names]
    assert len(outer) >= 8, [groups.get(g).label for g in layers if g not in names]
    far = w.scene.folding.far_names
    for gid in inner:  # a neuron named only where no layer's name would go
        box = far.box(gid)
        if box is not None:
            assert all(far.box(o) is None or not box.intersects(far.box(o)) for o in outer)
    # zoomed in again: no far names, the cards write their own
    w.view.set_zoom(0.5)
    QApplication.processEvents()
    assert not w.scene.far and far.names() == {}


def test_far_names_are_laid_out_once_a_change_of_the_groups_not_for_a_value(qtbot, window, tmp_path):
    """A label per group, laid out when the groups or the zoom change: an
    edited value far out (the folded cards' rows follow it) lays none out."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    _zoom_to(w, 0.12)
    far = w.scene.folding.far_names
    before = far.plans
    leaf = next(n for n in w.model.nodes() if w.model.label(n) == "x1[1]")
    w.editor.set_value(leaf, "0.75")
    QApplication.processEvents()
    assert far.plans == before
    loss = next(g.id for g in w.model.groups if g.label == "loss")
    w.grouping.set_collapsed([loss], False)
    QApplication.processEvents()
    assert far.plans == before + 1
    w.view.set_zoom(0.1)
    QApplication.processEvents()
    assert far.plans == before + 2


def test_collapse_all_in_a_fitted_view_lays_the_names_out_once(qtbot, window, tmp_path):
    """The view fits again after Collapse All: the names are laid out at
    the zoom it ends at, not also at the one before (a label per group
    twice, ~12 ms each at 50,000 nodes)."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.resize(500, 400)  # a small window: the folded MLP fitted is far out too
    w.grouping.expand_all()
    trigger(w, "fit")
    assert w.scene.far and w.view.is_fitted
    far = w.scene.folding.far_names
    before, zoom = far.plans, w.view.zoom
    w.grouping.set_collapsed(w.model.groups.ids(), True)
    QApplication.processEvents()
    assert w.view.zoom > 2 * zoom and w.scene.far  # fitted again, farther in
    assert far.plans == before + 1
    assert _names(w)  # (the biggest, in so small a window)
