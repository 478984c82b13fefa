"""Find knows the groups' names (trial 52 #9: "layer" found nothing with
twelve "layer …" cards in view), and a text that matches nothing puts the
view back where the search found it (a prefix had jumped to 100 % on an
unrelated card and "No match" left it there)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_navigation_gui import WEIGHTS, in_clear_view, neuron, open_find, type_text
from window_helpers import answers, open_saved, tmp_settings, trigger, window  # noqa: F401

from core.cli.templates import build

Key, Mod = Qt.Key, Qt.KeyboardModifier


def test_a_folded_groups_name_finds_its_card_and_alt_enter_opens_it(qtbot, window):
    w = neuron(window)
    gid = w.model.groups.add(WEIGHTS, "weighted inputs", collapsed=True)
    QApplication.processEvents()
    card = w.scene.folding.card(gid)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "weighted")
    assert len(w.navigation.find.matches) == 1 and bar.count.text() == "1 of 1"
    assert bar.note_text() == "Found the group “weighted inputs”: its card."
    assert card.isSelected() and in_clear_view(w, card.mapRectToScene(card.rect()))
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)  # opened, as a node found in it opens it
    assert not w.model.groups.get(gid).collapsed


def test_an_open_groups_name_shows_its_frame_and_selects_its_nodes(qtbot, window):
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    neuron(w)
    gid = w.model.groups.add(WEIGHTS, "weighted inputs")
    QApplication.processEvents()
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "WEIGHTED in")  # (any case)
    assert bar.note_text() == "Found the group “weighted inputs”: its frame."
    assert set(w.scene.selected_ids()) == set(WEIGHTS)
    assert in_clear_view(w, w.scene.folding.frame(gid).sceneBoundingRect())


def test_a_node_found_by_its_label_comes_before_a_group_named_like_it(qtbot, window):
    w = neuron(window)
    w.model.groups.add(["x1", "w1", "x1w1"], "x1 side")
    QApplication.processEvents()
    open_find(qtbot, w)
    type_text(qtbot, w, "x1")
    found = w.navigation.find.matches
    assert found[0] == "x1" and w.navigation.find.finder.group_hit(found[0]) is None
    assert len(found) == len(set(found))  # (the group's first node, x1, already found: once)


def test_layer_on_the_mlp_goes_to_layer_1_first_then_on_in_the_layers_order(qtbot, window, tmp_path):
    """Learn › Insert MLP's cards "layer 1 [1]" .. "layer 3 [4]": "layer" began at "layer 2 [1]",
    its card a few pixels higher than layer 1's."""
    w = window
    open_saved(qtbot, w, build("mlp"), tmp_path / "mlp.mgraph")
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "layer")
    assert bar.note_text() == "Found the group “layer 1 [1]”: its card." and bar.count.text() == "1 of 15"
    seen = []
    for _ in range(5):
        seen.append(bar.note_text())
        qtbot.keyClick(bar.edit, Key.Key_Return)
    layer_1 = ("[1]", "[2]", "[3]", "[4]", "weights")
    assert seen == [f"Found the group “layer 1 {k}”: its card." for k in layer_1]
    assert bar.note_text() == "Found the group “layer 2 [1]”: its card."


def test_a_text_that_matches_nothing_puts_the_view_back(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, build("mlp"), tmp_path / "mlp.mgraph")
    trigger(w, "expand_all_groups")
    trigger(w, "fit")
    QApplication.processEvents()
    before = w.view.view_state()
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "w2.3.1")
    assert w.view.view_state() != before  # (gone to it, close enough to read)
    type_text(qtbot, w, "zz")
    assert bar.count.text() == "No match" and w.view.view_state() == before


def test_the_minimaps_marks_go_with_the_bar_and_come_back_with_it(qtbot, window, tmp_path):
    """Trial 52 #14: Find, Alt+Enter (the group opened), Esc, Ctrl+Z (folded
    again): a mark stayed on the minimap where the match no longer was."""
    w = window
    open_saved(qtbot, w, build("mlp"), tmp_path / "mlp.mgraph")
    trigger(w, "minimap")
    mm = w.navigation.minimap
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "h1.2[3]")
    marked = len(mm._marks)
    assert marked >= 1
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)  # its group opened
    QApplication.processEvents()
    opened_at = list(mm._marks)
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    assert mm._marks == []
    w.undo_stack.undo()  # folded again, the bar closed
    QApplication.processEvents()
    open_find(qtbot, w)  # the same text again: marked where it is shown now, its folded card
    QApplication.processEvents()
    assert len(mm._marks) == marked and mm._marks != opened_at


def test_the_status_line_names_a_group_found_by_its_name_and_counts_its_nodes(qtbot, window, tmp_path):
    """Verify 54: "loss" on the inserted MLP said "4 nodes selected" at the group "loss" (the
    node matches still selected, with y[4], the group's first node, which does not match)."""
    w = window
    open_saved(qtbot, w, build("mlp"), tmp_path / "mlp.mgraph")
    gid = next(g.id for g in w.model.groups if g.label == "loss")
    held = w.model.groups.nodes_in(gid)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "loss")
    w.status_line.end_message()  # (the message of the open, out of the way)
    hint = f"Group “loss” selected: its {len(held)} nodes · Del deletes, Ctrl+C copies, Ctrl+D duplicates"
    assert w.status_text() == hint  # the node loss, folded into the group's card
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    trigger(w, "expand_all_groups")
    w.status_line.end_message()  # (what Expand All said, out of the way)
    open_find(qtbot, w)  # the same text again, the groups open
    QApplication.processEvents()
    assert bar.count.text() == "1 of 4" and bar.note_text() == ""
    assert set(w.scene.selected_ids()) == {"loss", "lsum2", "lsum3"}  # (not y4: the group's stand-in)
    assert w.status_text().startswith("3 nodes selected")
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.ShiftModifier)  # round the end: the group
    QApplication.processEvents()
    assert bar.count.text() == "4 of 4" and bar.note_text() == "Found the group “loss”: its frame."
    assert set(w.scene.selected_ids()) == held
    assert w.status_text() == hint
    qtbot.keyClick(bar.edit, Key.Key_Return)  # the node loss again: the matches again
    QApplication.processEvents()
    assert set(w.scene.selected_ids()) == {"loss", "lsum2", "lsum3"}


def test_ctrl_z_after_alt_enter_undoes_the_opening_not_the_typing(qtbot, window):
    """Verify 57 #6: after Alt+Enter opened the found group, Ctrl+Z in the field emptied the
    field (its own undo) and put the view back, while the group stayed open."""
    w = neuron(window)
    gid = w.model.groups.add(WEIGHTS, "weighted inputs", collapsed=True)
    w.undo_stack.clear()
    QApplication.processEvents()
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "weighted")
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)
    assert not w.model.groups.get(gid).collapsed and w.undo_stack.index() == 1
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier)
    assert w.model.groups.get(gid).collapsed, "Ctrl+Z undid the opening"
    assert bar.edit.text() == "weighted" and w.undo_stack.index() == 0
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)
    assert not w.model.groups.get(gid).collapsed and bar.edit.text() == "weighted"


def test_ctrl_z_right_after_typing_undoes_the_typing_and_a_reopened_bar_starts_afresh(qtbot, window):
    w = neuron(window)
    w.model.groups.add(WEIGHTS, "weighted inputs", collapsed=True)
    leaf = next(n for n in w.model.nodes() if w.model.op(n) == "leaf")
    w.editor.set_value(leaf, "0.25")
    QApplication.processEvents()
    index = w.undo_stack.index()
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "weighted")
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier)
    assert bar.edit.text() == "" and w.undo_stack.index() == index  # the field's own undo
    type_text(qtbot, w, "x1")
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    bar = open_find(qtbot, w)
    assert bar.edit.text() == "x1" and not bar.edit.isUndoAvailable()
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier)  # the graph's: the edit above
    assert w.undo_stack.index() == index - 1 and bar.edit.text() == "x1"
    assert w.model.value(leaf) != 0.25


def test_ctrl_z_goes_back_in_time_order_through_the_typing_and_the_graphs_edits(qtbot, window):
    """Verify 58: an edit, then typing, then Alt+Enter: the second Ctrl+Z undid the edit made before
    the typing (Insert MLP: the graph emptied), leaving the typing done after it."""
    w = neuron(window)
    gid = w.model.groups.add(WEIGHTS, "weighted inputs", collapsed=True)
    leaf = next(n for n in w.model.nodes() if w.model.op(n) == "leaf")
    before = w.model.value(leaf)
    w.undo_stack.clear()
    w.editor.set_value(leaf, "0.25")  # the edit before the typing
    QApplication.processEvents()
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "weighted")
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)  # the group opened, after the typing
    assert w.undo_stack.index() == 2
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier)  # the opening
    assert w.model.groups.get(gid).collapsed and bar.edit.text() == "weighted"
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier)  # the typing
    assert bar.edit.text() == "" and w.undo_stack.index() == 1 and w.model.value(leaf) == 0.25
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier)  # the edit before it
    assert w.undo_stack.index() == 0 and w.model.value(leaf) == before
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)  # redo: the edit first
    assert w.undo_stack.index() == 1 and bar.edit.text() == ""
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)  # then the typing
    assert bar.edit.text() == "weighted" and w.undo_stack.index() == 1
    qtbot.keyClick(bar.edit, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)  # then the opening
    assert not w.model.groups.get(gid).collapsed and w.undo_stack.index() == 2


def test_a_note_wrapped_to_three_lines_is_drawn_whole(qtbot, window):
    """Trial 59 #8: after a shorter note, "“w2.2.2·h1.2[1]” is inside the folded group
    “data point 1 hidden”." wrapped to three lines and the bar kept the last note's
    height, its first line cut at the top and its last at the bottom: the bar is as
    tall as its note is at its width."""
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    neuron(w)
    w.model.groups.add(["x1", "w1", "x1w1"], "one", collapsed=True)
    w.model.groups.add(["x2", "w2", "x2w2"], "data point 1 hidden, the second weighted input", collapsed=True)
    QApplication.processEvents()
    bar = open_find(qtbot, w)
    note = bar.note
    heights = []
    for text in ("x1", "x2*w2"):
        bar.edit.selectAll()
        type_text(qtbot, w, text)
        assert "is inside the folded group" in bar.note_text()
        need = note.heightForWidth(note.width())
        heights.append(need)
        assert note.height() >= need, (text, note.height(), need)  # no line cut
        row = bar.note_row
        assert bar.rect().contains(row.geometry()) and row.rect().contains(note.geometry())
    assert heights[1] >= 3 * note.fontMetrics().lineSpacing() > heights[0], heights
