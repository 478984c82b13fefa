"""A new group's frame that takes in another group's middle moves that
group out, as one, as it moves out the cards of nodes in no group (a
review: grouping "sample 1" after "sample 2" on the trial's laid-out
logistic regression drew sample 2's frame wholly inside sample 1's,
read as nested though the groups are siblings)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import CTRL, LAID_OUT, SAMPLE, keys, open_logreg, overlapping
from test_groups_gui import type_name_soon
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401


def _group(qtbot, w, i: int) -> None:
    w.scene.select_ids(SAMPLE[i])
    type_name_soon(qtbot, f"sample {i}")
    keys(qtbot, w, Qt.Key.Key_G, CTRL)  # Graph › Group, the name typed in its dialog
    QApplication.processEvents()


def _frame(w, label: str):
    gid = next(g.id for g in w.model.groups if g.label == label)
    return w.scene.folding.frame(gid).outline()


def test_grouping_round_another_group_moves_it_out_in_one_undo_step(qtbot, window, tmp_path):
    w = window
    open_logreg(w, tmp_path, LAID_OUT, grouped=False)
    _group(qtbot, w, 2)
    before = {n: w.model.position(n) for n in w.model.nodes()}
    inner = _frame(w, "sample 2")
    _group(qtbot, w, 1)
    one, two = _frame(w, "sample 1"), _frame(w, "sample 2")
    assert not one.contains(two.center()) and not two.contains(one.center())
    assert not one.intersects(two)
    assert overlapping(w) == []
    assert two.size() == inner.size()  # moved as one: its cards kept their places among themselves
    assert "moved out of its frame" in w.status_text()
    trigger(w, "undo")  # the group and the moves, one step
    assert [g.label for g in w.model.groups] == ["sample 2"]
    assert {n: w.model.position(n) for n in w.model.nodes()} == before
