"""Whether the graph on screen differs from the one last saved (or opened).

The undo stack's clean state is the usual answer, but folding is undoable
and saved with the file: Expand All and then Collapse All is two entries past
the save, yet the graph is as it was, and asking "save changes?" there asked
to keep nothing (a trial). So a stretch of fold edits alone between the saved
state and now is looked at: if every group it folded or opened is as it was
and every card it moved for room is back, nothing would be lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from PySide6.QtGui import QUndoStack

from core.graph.model import GraphModel

XY = tuple[float, float]


@runtime_checkable
class FoldEdit(Protocol):
    """An undo entry that only folds or opens groups (and moves cards to make room or give it back)."""

    def fold_changes(self) -> tuple[Mapping[str, tuple[bool, bool]], Mapping[str, tuple[XY, XY]]]:
        """{group: (collapsed before, after)} and {node: (place before, after)} of its redo."""
        ...


def differs_from_saved(stack: QUndoStack, model: GraphModel) -> bool:
    """True when closing the graph would lose something: not at the stack's
    clean state, unless only fold edits lie between and they cancel out."""
    if stack.isClean():
        return False
    clean, now = stack.cleanIndex(), stack.index()
    if clean < 0:  # the saved state's entry is gone (or the work was never saved: recovered)
        return True
    edits: list[FoldEdit] = []
    for i in reversed(range(min(clean, now), max(clean, now))):  # (the newest first: most often no fold)
        cmd = stack.command(i)
        if not isinstance(cmd, FoldEdit):
            return True
        edits.append(cmd)
    edits.reverse()
    # past the save: the saved state is what the first edit found; undone past it: what the last left
    forward = now > clean
    folds: dict[str, bool] = {}
    places: dict[str, XY] = {}
    for e in edits if not forward else reversed(edits):  # the one that wins comes last
        groups, moves = e.fold_changes()
        side = 0 if forward else 1
        folds.update((g, ends[side]) for g, ends in groups.items())
        places.update((n, ends[side]) for n, ends in moves.items())
    gs = model.groups
    if any(g not in gs or gs.get(g).collapsed != was for g, was in folds.items()):
        return True
    return any(n not in model or model.position(n) != tuple(xy) for n, xy in places.items())
