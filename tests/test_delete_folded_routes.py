"""Deleting nodes of folded groups re-routes no wire that goes with them: the
nodes leave their groups first (told before the delete, core/graph/bulk_remove.py),
and the folding layer drew each of their wires to the plain cards just before
they were removed (half of deleting the folded MLP). Counted, never timed;
the undo draws every wire where it ran."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.folding import fold_placing


def _ends(scene) -> dict:
    return {e.key: e.ends_xy() for e in scene.wires.made_items() if e.source and e.isVisible()}


def _spy(monkeypatch) -> list:
    seen: list = []
    real = fold_placing.reroute_many

    def spying(scene, groups, chain, cards, keys, *a):
        seen.extend(keys)
        return real(scene, groups, chain, cards, keys, *a)

    monkeypatch.setattr(fold_placing, "reroute_many", spying)
    return seen


def test_deleting_all_the_folded_mlp_reroutes_no_wire_and_undo_draws_them(qtbot, window, monkeypatch):
    show_mlp(qtbot, window)
    w, scene = window, window.view.graph_scene()
    w.view.set_zoom(0.8)  # readable: the wires have their items
    QApplication.processEvents()
    before = _ends(scene)
    assert len(before) > 20 and scene.folding.cards()
    rerouted = _spy(monkeypatch)
    w.action_select_all.trigger()  # Edit › Select All, then Delete
    w.editor.delete_selection()
    assert len(scene.model) == 0
    assert rerouted == []
    w.action_undo.trigger()
    QApplication.processEvents()
    assert len(scene.model) > 300
    assert _ends(scene) == before
