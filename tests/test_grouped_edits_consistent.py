"""Review of the grouped-graph edit changes (ead3e89..d64a59d): deletes that
empty groups (nested, folded, most of the graph) and their undo/redo leave
the folding layer's boxes, homes and fold index as a fresh build would have
them, and far out the pixels of a direct paint; small repaints in groups'
boxes (their lines found by place) too."""

from __future__ import annotations

from functools import partial

from fold_consistency import consistent
from test_grouped_edit_costs import _rows_grouped
from test_overview_cache import differing, direct, far_canvas, frame, local_grid
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.groups import Group
from gui.editing import commands as C


def _nested(n: int = 800):
    """``local_grid(n)``, rows of 40 each a group, rows 4-6 inside a group "P"."""
    m = local_grid(n)
    rows = [
        Group(
            f"r{r}",
            f"row {r}",
            {f"v{i}" for i in range(40 * r, 40 * r + 40)},
            parent="P" if 4 <= r <= 6 else None,
        )
        for r in range(n // 40)
    ]
    m.groups.load([Group("P", "rows 4-6", set()), *rows])
    return m


def _ids(a: int, b: int) -> list[str]:
    return [f"v{i}" for i in range(a, b)]


def _step(scene, view, monkeypatch, what: str) -> None:
    shown = frame(view)
    assert differing(shown, direct(view, monkeypatch)) == [], what
    assert consistent(scene) == [], what


def _delete(editor, m, ids) -> None:
    editor.push(C.DeleteCommand(m, list(ids)[::-1]))


def _move(editor, m, n: str, dx: float, dy: float) -> None:
    x, y = m.position(n)
    editor.move_nodes({n: ((x, y), (x + dx, y + dy))})


def test_groups_emptied_and_put_back_far_out(qtbot, monkeypatch):
    scene, view, editor = far_canvas(qtbot, model=_nested())
    m, u = scene.model, editor.undo_stack
    _step(scene, view, monkeypatch, "start")
    _delete(editor, m, _ids(200, 240))  # r5, in P
    _step(scene, view, monkeypatch, "r5 emptied")
    _delete(editor, m, _ids(400, 440))  # r10, top level
    _step(scene, view, monkeypatch, "r10 emptied")
    m.groups.set_collapsed("P", True)
    _step(scene, view, monkeypatch, "P folded")
    _delete(editor, m, _ids(160, 200))  # r4, in the folded P
    _step(scene, view, monkeypatch, "r4 emptied, folded")
    u.undo()
    _step(scene, view, monkeypatch, "r4 back, folded")
    m.groups.set_collapsed("P", False)
    _step(scene, view, monkeypatch, "P open")
    u.undo()
    u.undo()
    _step(scene, view, monkeypatch, "r10, r5 back")
    assert m.groups.get("r5").parent == "P"
    u.redo()
    u.redo()
    _step(scene, view, monkeypatch, "redone")
    u.undo()
    u.undo()
    _delete(editor, m, _ids(205, 215) + _ids(240, 280))  # part of r5, r6 whole
    _step(scene, view, monkeypatch, "mixed")
    u.undo()
    _step(scene, view, monkeypatch, "mixed back")
    _delete(editor, m, _ids(0, 600))  # most of the graph: re-homed at the refresh
    _step(scene, view, monkeypatch, "most")
    u.undo()
    u.redo()
    u.undo()
    _step(scene, view, monkeypatch, "most back")
    _delete(editor, m, _ids(160, 280))  # P emptied with its groups
    _step(scene, view, monkeypatch, "P emptied")
    u.undo()
    _step(scene, view, monkeypatch, "P back")
    m.groups.set_collapsed("r5", True)
    _delete(editor, m, _ids(200, 240))  # a folded group emptied
    _step(scene, view, monkeypatch, "folded r5 emptied")
    u.undo()
    _step(scene, view, monkeypatch, "folded r5 back")
    card = scene.folding.card("r5")
    assert card is not None and card.isVisible()
    m.groups.set_collapsed("r5", False)
    _step(scene, view, monkeypatch, "r5 open")


def test_groups_emptied_and_put_back_near(qtbot):
    """Near: the wires have items, each in its group's box."""
    scene, view, editor = far_canvas(qtbot, model=_nested(400))
    m, u = scene.model, editor.undo_stack
    view.set_zoom(0.5)
    view.centerOn(scene.node_item("v210").pos())
    frame(view)
    for ids in (_ids(200, 240), _ids(160, 280), _ids(205, 215)):
        for act in (partial(_delete, editor, m, ids), u.undo, u.redo, u.undo):
            act()
            frame(view)
            assert consistent(scene) == [], ids
    m.groups.set_collapsed("r5", True)
    _delete(editor, m, _ids(200, 240))
    u.undo()
    m.groups.set_collapsed("r5", False)
    frame(view)
    assert consistent(scene) == []


def test_small_repaints_in_groups_boxes(qtbot, monkeypatch):
    scene, view, editor = far_canvas(qtbot, model=_rows_grouped(1600))
    m = scene.model
    _move(editor, m, "v820", 30, 10)
    _step(scene, view, monkeypatch, "moved")
    assert scene._layer._box_indexes  # (the boxes' lines found by place)
    e = scene.edge_item("v821", "v822", 0)
    e.setSelected(True)  # lit: out of its box's plain lines
    _move(editor, m, "v822", 10, 40)
    _step(scene, view, monkeypatch, "moved by a selected wire")
    e.setSelected(False)
    _move(editor, m, "v823", 10, 40)
    _step(scene, view, monkeypatch, "moved by it unselected")
    m.groups.set_collapsed("r20", True)
    _move(editor, m, "v860", -20, 20)
    _step(scene, view, monkeypatch, "moved by a folded group")
    m.groups.set_collapsed("r20", False)
    _move(editor, m, "v805", 5, 60)
    _step(scene, view, monkeypatch, "moved in the group opened")
    _delete(editor, m, ["v830"])
    _move(editor, m, "v831", 0, 30)
    _step(scene, view, monkeypatch, "moved after a delete")
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    _move(editor, m, "v829", 0, 30)
    _step(scene, view, monkeypatch, "moved after its undo")
