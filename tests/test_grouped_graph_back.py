"""The undo of deleting every node of a grouped graph (Select All, Delete,
Ctrl+Z: bench_scaling's "undo it (the groups back)", issue 14), counted,
never timed: when the very graph comes back with each node in the group it
was in, the canvas takes back what the delete set aside for it (the fold
index's tables, the far overview's blocks and lines filed by box, the
bounds of each group's cards, the linked copies' rule and reach: no card
or wire filed again, no position or leaf read); when something changed in between,
everything is made anew as before. Either way the canvas is what a fresh
index of the groups and wires says (tests/fold_consistency.py)."""

from __future__ import annotations

import pytest
from fold_consistency import consistent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_delete_grouped_costs import random_grouped
from test_grouped_delete_passes import grouped_chain
from test_linked_rule_follows import same_as_fresh
from window_helpers import answers, open_expanded, select_all_and_delete, tmp_settings, window  # noqa: F401

from core.graph.group_records import Group
from gui.canvas.folding import fold_placing
from gui.canvas.linked.reach import CopyReach
from gui.canvas.linked.rule import LinkedRule


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


def _frames(w) -> dict[str, tuple[float, float, float, float]]:
    """Each open group's frame, as drawn."""
    return {gid: f._rect.getRect() for gid, f in w.scene.folding._frames.items() if f.isVisible()}


def _measured_anew(w) -> dict[str, tuple[float, float, float, float]]:
    """The frames with every group measured again from where its cards are now."""
    layer = w.scene.folding
    layer._dirty = None
    layer._place()
    return _frames(w)


def _counting_bounds(monkeypatch) -> list[int]:
    """How many groups' cards are measured (``group_box.bounds`` as the placing calls it)."""
    calls: list[int] = []
    real = fold_placing.bounds
    monkeypatch.setattr(fold_placing, "bounds", lambda pos, members: calls.append(1) or real(pos, members))
    return calls


def _counts(w) -> tuple[int, int, int, int]:
    """Every wire indexed anew, the index's tables taken back, the overview filed anew by box, taken back."""
    index, layer = _index(w), w.scene._layer
    return index.rebuilds, index.taken_back, layer.refiles, layer.refiled_back


def _linked_counts(w) -> tuple[int, int, int]:
    """Every leaf read by the linked copies' rule, its tables taken back, every card's reach worked out."""
    linked = w.scene.linked
    return linked.rule.reads, linked.rule.taken_back, linked.copy_reach.wholes


@pytest.mark.parametrize(
    "make", [lambda: grouped_chain(70), lambda: random_grouped(4)], ids=["chain", "nested"]
)
def test_the_very_grouped_graph_back_reads_no_leaf_again(qtbot, window, tmp_path, make):
    """Select All, Delete, Ctrl+Z, three times: the linked copies' rule takes
    back the tables the delete set aside (no leaf's uses read, the set of
    linked wires the very one), and the copies' reach kept for that set (no
    card's worked out); each as made afresh, the copies near the view those
    a fresh rule makes."""
    w = window
    open_expanded(qtbot, w, make(), tmp_path)
    w.view.set_zoom(1.0)  # (near: the copies of the cards in view made)
    QApplication.processEvents()
    linked = w.scene.linked
    rule, keys = linked.rule, linked.rule.every_key()
    assert keys and linked.copy_reach.measured  # (the chain's 350 linked wires: the reach taken back whole)
    for _ in range(3):
        select_all_and_delete(qtbot, w)
        assert len(w.model) == 0
        before = _linked_counts(w)
        _undo(qtbot, w)
        assert [a - b for a, b in zip(_linked_counts(w), before)] == [0, 1, 0]
        assert rule.every_key() is keys and same_as_fresh(rule, w.model) == []
        fresh = LinkedRule(w.model)
        assert linked.reach() == CopyReach(fresh, w.scene).reach()
        made = {c.key for c in linked.copies()}
        assert made and made == {(s, t, p) for t in linked._done for p, s in fresh.linked_inputs(t)}


@pytest.mark.parametrize(
    "make", [lambda: grouped_chain(30), lambda: random_grouped(4)], ids=["chain", "nested"]
)
def test_the_very_grouped_graph_back_files_no_wire_again(qtbot, window, tmp_path, make, monkeypatch):
    """Select All, Delete, Ctrl+Z, three times: each undo takes the fold
    index's tables back (none rebuilt), and they are a fresh index's; no
    group's cards are measured, and each frame is where measuring puts it."""
    w = window
    measured = _counting_bounds(monkeypatch)
    model = make()
    open_expanded(qtbot, w, model, tmp_path)
    _far(qtbot, w)
    index = _index(w)
    for _ in range(3):
        select_all_and_delete(qtbot, w)
        assert len(w.model) == 0 and index.parked is not None
        before = _counts(w)
        measured.clear()
        _undo(qtbot, w)
        assert len(w.model) == len(model) and len(w.model.groups) == len(model.groups)
        assert [a - b for a, b in zip(_counts(w), before)] == [0, 1, 0, 1]
        assert index.parked is None and measured == []
        frames = _frames(w)
        assert frames and frames == _measured_anew(w)
        assert consistent(w.scene) == []


def test_groups_changed_in_between_file_every_wire_again(qtbot, window, tmp_path, monkeypatch):
    """A group made between the delete and its undo (the groups are not as
    they went): every wire is filed anew, and the canvas is a fresh index's."""
    w = window
    open_expanded(qtbot, w, grouped_chain(30), tmp_path)
    _far(qtbot, w)
    select_all_and_delete(qtbot, w)
    w.model.groups.load([Group("extra", "extra", set())])  # (a group of nothing: no node to hold)
    QApplication.processEvents()
    w.view.viewport().repaint()
    before, linked = _counts(w), _linked_counts(w)
    measured = _counting_bounds(monkeypatch)
    _undo(qtbot, w)
    assert len(w.model.groups) == 31 and len(measured) >= 30
    rebuilt, taken, _refiled, refiled_back = (a - b for a, b in zip(_counts(w), before))
    assert rebuilt >= 1 and taken == refiled_back == 0  # (the overview filed anew, or made at its paint)
    assert consistent(w.scene) == []
    read, taken_back, _wholes = (a - b for a, b in zip(_linked_counts(w), linked))
    assert read >= 1 and taken_back == 0 and same_as_fresh(w.scene.linked.rule, w.model) == []


def test_a_graph_the_model_does_not_vouch_for_files_every_wire_again(qtbot, window, tmp_path):
    """The delete's snapshot handed its nodes out before the undo (the model
    no longer vouches they are the very graph): every wire filed anew."""
    w = window
    open_expanded(qtbot, w, grouped_chain(30), tmp_path)
    _far(qtbot, w)
    select_all_and_delete(qtbot, w)
    snap = w.undo_stack.command(w.undo_stack.index() - 1).snaps
    assert snap.nodes  # (handed out: whoever holds them may change them)
    before, linked = _counts(w), _linked_counts(w)
    _undo(qtbot, w)
    rebuilt, taken, _refiled, refiled_back = (a - b for a, b in zip(_counts(w), before))
    assert rebuilt >= 1 and taken == refiled_back == 0
    assert consistent(w.scene) == []
    read, taken_back, _wholes = (a - b for a, b in zip(_linked_counts(w), linked))
    assert read >= 1 and taken_back == 0 and same_as_fresh(w.scene.linked.rule, w.model) == []
