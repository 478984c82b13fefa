"""Expand All after a layer was opened in place first gives back the room
that opening made, as the fold command's own step, then makes room from
there (review 59 #6: the plan moved the nodes itself, inside the command's
first apply, so a failure after that left them moved with no undo entry).
Undone, every node is back where it was; a failure while the room is
worked out leaves every node and fold as it was, and no entry."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_open_room_every_way import card, expand_all, places
from window_helpers import answers, click_item, open_mlp_file, tmp_settings, window  # noqa: F401

from gui.editing.commands import MoveCommand
from gui.groups import room_plans
from gui.groups.commands import RoomSteps


def opened_in_place(qtbot, w, tmp_path) -> None:
    """The MLP, its layer 2 [4] opened by a double-click (room made for it)."""
    open_mlp_file(qtbot, w, tmp_path)
    before = places(w)
    click_item(qtbot, w, card(w, "layer 2 [4]"), double=True)
    assert places(w) != before  # (room made: Expand All gives it back first)


def folds(w) -> dict[str, bool]:
    return {g.id: g.collapsed for g in w.model.groups}


def test_expand_all_gives_the_room_back_as_its_own_step_and_its_undo_puts_every_node_back(
    qtbot, window, tmp_path
):
    w = window
    opened_in_place(qtbot, w, tmp_path)
    opened, was_folded, entries = places(w), folds(w), w.undo_stack.index()
    expand_all(qtbot, w)
    assert w.undo_stack.index() == entries + 1 and not any(folds(w).values())
    after = places(w)
    room = w.undo_stack.command(entries).room  # (one level: every layer is folded at the top)
    # the room given back, then the room made from there: each the command's own
    assert isinstance(room, RoomSteps) and [type(r) for r in room.rooms] == [MoveCommand, MoveCommand]
    back = room.rooms[0].moves
    assert back and all(opened[n] == old for n, (old, _new) in back.items())
    w.action_undo.trigger()
    QApplication.processEvents()
    assert places(w) == opened and folds(w) == was_folded  # every node back
    w.action_redo.trigger()
    QApplication.processEvents()
    assert places(w) == after


def test_a_failure_while_expand_all_makes_room_leaves_every_node_and_fold_as_it_was(
    qtbot, window, tmp_path, monkeypatch
):
    w = window
    opened_in_place(qtbot, w, tmp_path)
    opened, was_folded, entries = places(w), folds(w), w.undo_stack.index()
    asked: list[int] = []

    def broken(*_a, **_k):  # (after the room given back, as the plan first reads the cards then)
        asked.append(1)
        raise RuntimeError("room not made")

    monkeypatch.setattr(room_plans, "none_overlap", broken)
    with qtbot.capture_exceptions() as errors:
        expand_all(qtbot, w)
    assert asked and [type(e[1]) for e in errors] == [RuntimeError]
    assert places(w) == opened  # (was: the room given back, the nodes moved with no entry)
    assert folds(w) == was_folded and w.undo_stack.index() == w.undo_stack.count() == entries
    monkeypatch.undo()
    expand_all(qtbot, w)  # (and it works again)
    assert not any(folds(w).values()) and w.undo_stack.index() == entries + 1
