"""The folded cards of opened groups are kept aside and taken back when the
groups fold again (gui/canvas/folding/fold_layer.py): a card is a QObject,
~25 µs to make, and Collapse All made 500 anew at 50,000 nodes each time, as
did each undo of Expand All. Counted, never timed; a card taken back is
drawn as a new one is."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_fold_batches import open_grouped
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.folding import fold_layer
from gui.canvas.folding.group_card import GroupCard
from gui.common import style as S


class Counted(GroupCard):
    """A folded card that counts how many are made."""

    made = 0

    def __init__(self, *a) -> None:
        Counted.made += 1
        super().__init__(*a)


def card_state(w) -> dict:
    """What each folded card shows and where (what a new card would show)."""
    return {
        c.gid: (
            c.label,
            c.count,
            [(p.node, p.name) for p in c.inputs],
            [(p.node, p.name) for p in c.outputs],
            c.pos().toTuple(),
            c.strip,
            c.highlight,
            c.isSelected(),
            c.zValue(),
        )
        for c in w.scene.folding.cards()
    }


def picture(w):
    w.view.viewport().repaint()
    return w.view.viewport().grab().toImage()


def test_folding_again_takes_the_cards_back_and_draws_them_as_new(window, tmp_path, monkeypatch):
    w = window
    monkeypatch.setattr(fold_layer, "GroupCard", Counted)
    gids = open_grouped(w, tmp_path, per=40)
    layer = w.scene.folding
    w.view.set_zoom(S.FAR_ZOOM / 2)
    QApplication.processEvents()
    made = Counted.made = 0
    w.grouping.set_collapsed(gids, True)
    QApplication.processEvents()
    assert Counted.made - made == len(gids)  # the first fold makes them
    first, first_picture = card_state(w), picture(w)
    one = layer.cards()[3]
    one.setSelected(True)
    one.set_strip((0.5, "tip"))
    w.grouping.action_expand_all.trigger()
    QApplication.processEvents()
    assert layer.cards() == []
    made = Counted.made
    w.grouping.set_collapsed(gids, True)  # folded again: taken back, none made
    QApplication.processEvents()
    assert Counted.made == made
    assert card_state(w) == first and picture(w) == first_picture
    w.undo_stack.undo()  # opened again, then the undo of that folds: none made either
    w.undo_stack.undo()
    QApplication.processEvents()
    assert Counted.made == made and card_state(w) == first
    # a card taken back is drawn as a new one: the same picture with every card made anew
    layer._spare.clear()
    w.grouping.action_expand_all.trigger()
    layer._spare.clear()
    w.undo_stack.undo()
    QApplication.processEvents()
    assert Counted.made == made + len(gids)
    assert card_state(w) == first and picture(w) == first_picture


def test_a_kept_card_goes_with_its_group(window, tmp_path):
    w = window
    gids = open_grouped(w, tmp_path, per=40)
    layer = w.scene.folding
    w.grouping.set_collapsed(gids[:2], True)
    w.grouping.set_collapsed(gids[:2], False)
    assert set(layer._spare) == set(gids[:2])
    w.model.groups.remove(gids[0])
    QApplication.processEvents()
    assert set(layer._spare) == {gids[1]}
    assert all(c.strip is None and c.scene() is None for c in layer._spare.values())
