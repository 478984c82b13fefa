"""The undo of deleting every node of a grouped graph (Select All, Delete,
Ctrl+Z: bench_scaling's "undo it (the groups back)", issue 14), counted,
never timed: when the very graph comes back with each node in the group it
was in, the canvas takes back what the delete set aside for it (the fold
index's tables, the far overview's blocks and lines filed by box: no card
or wire filed again); when something changed in between,
everything is made anew as before. Either way the canvas is what a fresh
index of the groups and wires says (tests/fold_consistency.py)."""

from __future__ import annotations

import pytest
from fold_consistency import consistent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_delete_grouped_costs import random_grouped
from test_grouped_delete_passes import grouped_chain
from window_helpers import answers, open_expanded, select_all_and_delete, tmp_settings, window  # noqa: F401

from core.graph.group_records import Group


def _undo(qtbot, w) -> None:
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def _index(w):
    return w.scene.folding._index


def _far(qtbot, w) -> None:
    """Zoomed far out, as the bench's graph is: the overview draws it (and files it by box)."""
    w.view.set_zoom(0.05)
    QApplication.processEvents()
    w.view.viewport().repaint()


def _counts(w) -> tuple[int, int, int, int]:
    """Every wire indexed anew, the index's tables taken back, the overview filed anew by box, taken back."""
    index, layer = _index(w), w.scene._layer
    return index.rebuilds, index.taken_back, layer.refiles, layer.refiled_back


@pytest.mark.parametrize(
    "make", [lambda: grouped_chain(30), lambda: random_grouped(4)], ids=["chain", "nested"]
)
def test_the_very_grouped_graph_back_files_no_wire_again(qtbot, window, tmp_path, make):
    """Select All, Delete, Ctrl+Z, three times: each undo takes the fold
    index's tables back (none rebuilt), and they are a fresh index's."""
    w = window
    model = make()
    open_expanded(qtbot, w, model, tmp_path)
    _far(qtbot, w)
    index = _index(w)
    for _ in range(3):
        select_all_and_delete(qtbot, w)
        assert len(w.model) == 0 and index.parked is not None
        before = _counts(w)
        _undo(qtbot, w)
        assert len(w.model) == len(model) and len(w.model.groups) == len(model.groups)
        assert [a - b for a, b in zip(_counts(w), before)] == [0, 1, 0, 1]
        assert index.parked is None
        assert consistent(w.scene) == []


def test_groups_changed_in_between_file_every_wire_again(qtbot, window, tmp_path):
    """A group made between the delete and its undo (the groups are not as
    they went): every wire is filed anew, and the canvas is a fresh index's."""
    w = window
    open_expanded(qtbot, w, grouped_chain(30), tmp_path)
    _far(qtbot, w)
    select_all_and_delete(qtbot, w)
    w.model.groups.load([Group("extra", "extra", set())])  # (a group of nothing: no node to hold)
    QApplication.processEvents()
    w.view.viewport().repaint()
    before = _counts(w)
    _undo(qtbot, w)
    assert len(w.model.groups) == 31
    rebuilt, taken, _refiled, refiled_back = (a - b for a, b in zip(_counts(w), before))
    assert rebuilt >= 1 and taken == refiled_back == 0  # (the overview filed anew, or made at its paint)
    assert consistent(w.scene) == []


def test_a_graph_the_model_does_not_vouch_for_files_every_wire_again(qtbot, window, tmp_path):
    """The delete's snapshot handed its nodes out before the undo (the model
    no longer vouches they are the very graph): every wire filed anew."""
    w = window
    open_expanded(qtbot, w, grouped_chain(30), tmp_path)
    _far(qtbot, w)
    select_all_and_delete(qtbot, w)
    snap = w.undo_stack.command(w.undo_stack.index() - 1).snaps
    assert snap.nodes  # (handed out: whoever holds them may change them)
    before = _counts(w)
    _undo(qtbot, w)
    rebuilt, taken, _refiled, refiled_back = (a - b for a, b in zip(_counts(w), before))
    assert rebuilt >= 1 and taken == refiled_back == 0
    assert consistent(w.scene) == []
