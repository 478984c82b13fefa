"""Opening a folded group mid-pass leaves nothing selected (a trial of issue
10: Ctrl+] on the MLP's pass left the opened group's cards selected, their
blue rims over the amber rings that mark the step's inputs); outside a pass
the opened group is selected as before, so Ctrl+[ folds it again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode, press
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.node_item import NodeItem

CTRL = Qt.KeyboardModifier.ControlModifier


def _open_key(qtbot, w) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL)  # Expand Group
    for _ in range(3):
        QApplication.processEvents()


def first_step_of_mlp(qtbot, w) -> str:
    """Insert MLP, Backward by hand, one step: the folded card the step runs in."""
    show_mlp(qtbot, w)
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    gid = w.backward.current_folded_card()
    assert gid is not None
    return gid


def test_ctrl_bracket_mid_pass_opens_the_steps_group_with_nothing_selected(qtbot, window):
    w = window
    gid = first_step_of_mlp(qtbot, w)
    _open_key(qtbot, w)
    assert not w.model.groups.get(gid).collapsed  # opened
    assert w.scene.selectedItems() == []
    inside = w.model.groups.nodes_in(gid)
    rings = [n for n in inside if w.scene.node_item(n).highlight in ("current", "input")]
    assert rings  # the step's rings, in the open group, not under blue rims


def test_a_card_picked_mid_pass_opens_with_nothing_selected(qtbot, window):
    """The step's folded card clicked (selected), then Ctrl+]: it opens, and
    its cards are not left selected."""
    w = window
    gid = first_step_of_mlp(qtbot, w)
    card = w.scene.folding.card(gid)
    w.scene.clearSelection()
    card.setSelected(True)
    _open_key(qtbot, w)
    assert not w.model.groups.get(gid).collapsed
    assert not [it for it in w.scene.selectedItems() if isinstance(it, NodeItem)]


def test_outside_a_pass_the_opened_group_is_selected(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    gid = next(g.id for g in w.model.groups if g.label == "loss")
    w.scene.clearSelection()
    w.scene.folding.card(gid).setSelected(True)
    _open_key(qtbot, w)
    assert not w.model.groups.get(gid).collapsed
    assert set(w.scene.selected_ids()) == w.model.groups.nodes_in(gid)
