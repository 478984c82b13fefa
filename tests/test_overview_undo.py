"""What was only added to the far overview, taken away again (an undone
paste, or its redo undone): the kept picture from before the addition is put
back (gui/canvas/picture_cache.py ``gone``), no line drawn, where taking
the lines out drew again every line crossing theirs (~110 ms at 50,000
nodes); when anything else changed the picture meanwhile, the area is drawn
again as ever (a delete redone, whose undo coloured the consumers of the
cards put back in place). Every frame has the pixels of a direct paint."""

from __future__ import annotations

import pytest
from test_bulk_edits import grid_model
from test_overview_cache import differing, direct, far_canvas, frame, lines  # noqa: F401

from gui.editing import pasting


def copied(scene, editor, n: int) -> None:
    """Copy a scattered fortieth of the cards (far-reaching wires among them)."""
    scene.select_ids([f"v{i}" for i in range(20, n, n // 40)])
    editor.copy_selection()
    scene.clearSelection()


@pytest.mark.parametrize("n", [300, 2000])  # wires with items; wires filed without (lazy)
def test_an_undone_paste_puts_the_picture_back(qtbot, lines, monkeypatch, n):
    # over the cards copied, in view, as a paste landed before it looked for free room
    # (beside this grid, out of view: the view zooms out, which draws it all again)
    monkeypatch.setattr(pasting, "free_offset", lambda *_a: (40.0, 40.0))
    scene, view, editor = far_canvas(qtbot, model=grid_model(n))
    base, _over = scene._layer.pictures
    copied(scene, editor, n)
    before = frame(view)
    for _ in range(2):  # the paste, then its redo
        assert editor.undo_stack.canRedo() or len(editor.paste()) >= 40
        if editor.undo_stack.canRedo():
            editor.undo_stack.redo()
        pasted = frame(view)
        assert pasted != before
        lines.clear()
        restores, renders = base.restores, base.renders
        editor.undo_stack.undo()
        shown = frame(view)
        assert lines == [] and base.restores == restores + 1 and base.renders == renders
        assert shown == before
        assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))


def test_a_change_between_draws_the_area_again(qtbot, lines, monkeypatch):
    """A card moved after the paste (drawn, or waiting to be), or the pasted
    cards taken away with others: no picture put back is stale."""
    scene, view, editor = far_canvas(qtbot, model=grid_model(300))
    base, _over = scene._layer.pictures
    m = scene.model
    copied(scene, editor, 300)
    frame(view)
    for painted in (True, False):
        pasted = editor.paste()
        frame(view)
        x, y = m.position("v7")
        editor.move_nodes({"v7": ((x, y), (x + 400, y + 90))})
        if painted:
            frame(view)
        restores = base.restores
        editor.undo_stack.undo()  # the move
        editor.undo_stack.undo()  # the paste
        shown = frame(view)
        assert base.restores == restores + (not painted)  # put back, then the move's parts drawn
        assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
        assert pasted
    editor.paste()
    frame(view)
    scene.select_ids([*scene.selected_ids(), "v3", "v4"])  # the pasted cards and two more
    restores = base.restores
    editor.delete_selection()
    shown = frame(view)
    assert base.restores == restores
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
    editor.undo_stack.undo()  # the delete: cards put back, their consumers coloured in place
    frame(view)
    editor.undo_stack.redo()
    shown = frame(view)
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
