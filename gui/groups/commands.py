"""The undoable group edits. Each calls the model's groups and keeps ids and
plain values only, like every command in gui/editing/commands.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import NamedTuple

from core.autograd.engine import gc_paused
from core.graph.groups import GroupSnapshot
from core.graph.make_room import Moves
from core.graph.model import GraphModel
from core.graph.unit_moves import UnitMoves, pairs
from gui.editing.commands import ModelCommand, MoveCommand


class GroupCommand(ModelCommand):
    """Graph › Group: a new group around ``nodes``."""

    def __init__(self, model: GraphModel, nodes: Iterable[str], label: str) -> None:
        super().__init__(f"Group {label}")
        self.model, self.nodes, self.label = model, list(nodes), label
        self.gid = model.groups.new_id()

    def apply(self) -> None:
        self.model.groups.add(self.nodes, self.label, gid=self.gid)

    def revert(self) -> None:
        self.model.groups.remove(self.gid)


class UngroupCommand(ModelCommand):
    """Graph › Ungroup: the group goes; its nodes and groups stay."""

    def __init__(self, model: GraphModel, gid: str) -> None:
        super().__init__(f"Ungroup {model.groups.get(gid).label}")
        self.model, self.gid = model, gid
        self._snap: GroupSnapshot | None = None

    def apply(self) -> None:
        self._snap = self.model.groups.remove(self.gid)

    def revert(self) -> None:
        assert self._snap is not None  # applied before
        self.model.groups.restore(self._snap)


class RenameGroupCommand(ModelCommand):
    def __init__(self, model: GraphModel, gid: str, label: str) -> None:
        super().__init__(f"Rename group to {label.strip()}")
        self.model, self.gid = model, gid
        self.old, self.new = model.groups.get(gid).label, label

    def apply(self) -> None:
        self.model.groups.rename(self.gid, self.new)

    def revert(self) -> None:
        self.model.groups.rename(self.gid, self.old)


class RoomMove:
    """The room an opening made, as the units that moved (core/graph/unit_moves.py):
    the model reads and moves each node once; undone, each goes back where it was."""

    def __init__(self, model: GraphModel, units: UnitMoves) -> None:
        self.model, self.units = model, units.units
        self._old: dict[str, tuple[float, float]] = {}

    def apply(self) -> None:
        self._old = self.model.move_units(self.units)  # (again on redo: from the same places, the same)

    def revert(self) -> None:
        self.model.set_positions(self._old)

    def moves(self) -> Moves:
        """{node: (old, new)} of the move, as a position per node tells it."""
        return pairs(self.units, self._old)


class ThenRoom(NamedTuple):
    """A plan's answer in steps: the moves ``first``, which the command
    makes, then what ``then`` answers, asked once they are made (Expand All
    gives back the room a group opened in place made, then makes room from
    there: each step the command's own, done, undone and redone by it)."""

    first: Moves
    then: Callable[[], Moves | UnitMoves | ThenRoom]


#: What makes room for groups once they are open: their nodes' moves, or the units that move.
Plan = Callable[[list[str]], Moves | UnitMoves | ThenRoom]


class RoomSteps:
    """The rooms of groups opened a level at a time (``FoldCommand``'s
    ``levels``), as one: made in turn, given back the other way."""

    def __init__(self, rooms: list[MoveCommand | RoomMove | RoomSteps]) -> None:
        self.rooms = rooms

    def apply(self) -> None:
        for r in self.rooms:
            r.apply()

    def revert(self) -> None:
        for r in reversed(self.rooms):
            r.revert()

    def moves(self) -> Moves:
        """{node: (where it was before the first, where the last left it)}."""
        out: Moves = {}
        for r in self.rooms:
            for n, (old, new) in (r.moves if isinstance(r, MoveCommand) else r.moves()).items():
                out[n] = (out[n][0] if n in out else old, new)
        return out


class FoldCommand(ModelCommand):
    """Collapse or expand groups (one undo step for all of them). Opening
    may move neighbours out of the way: ``plan_room`` is asked, once the
    groups are open, for the moves that make room for them. ``levels``:
    the groups opened a level at a time, outermost first, each level's
    plan asked of ``plan_level`` just before it opens (Find opening a match
    folded in a neuron folded in a layer: the layer opens making room, then
    the neuron in it, as two double-clicks do). ``view_kept`` wraps each
    undo and redo (the view, showing the whole graph before, shows it
    after: the graph grows or shrinks by much)."""

    def __init__(
        self,
        model: GraphModel,
        gids: Iterable[str],
        collapsed: bool,
        plan_room: Plan | None = None,
        levels: Sequence[list[str]] = (),
        plan_level: Callable[[list[str]], Plan | None] | None = None,
    ) -> None:
        self.model, self.collapsed = model, collapsed
        self.gids = [g for g in gids if model.groups.get(g).collapsed != collapsed]
        names = ", ".join(model.groups.get(g).label for g in self.gids[:3])
        more = "…" if len(self.gids) > 3 else ""
        super().__init__(f"{'Collapse' if collapsed else 'Expand'} {names}{more}")
        kept = set(self.gids)
        steps = [[g for g in level if g in kept] for level in levels]
        self._levels = [level for level in steps if level] if levels else [self.gids]
        self._plans: list[Plan | None] | None = [plan_room] if not levels else None
        self._plan_level = plan_level
        self._rooms: list[MoveCommand | RoomMove | RoomSteps | None] = []
        self.room: MoveCommand | RoomMove | RoomSteps | None = None
        self.view_kept: Callable[[], AbstractContextManager[object]] = nullcontext  # set by the pusher

    def redo(self) -> None:
        if self._applied_early:  # pushed: the pusher keeps the view
            super().redo()
            return
        with self.view_kept():
            super().redo()

    def undo(self) -> None:
        with self.view_kept():
            super().undo()

    def fold_changes(self) -> tuple[dict[str, tuple[bool, bool]], Moves]:
        """What its redo changes (gui/document/saved_state.py: folds that put
        everything back leave nothing to save)."""
        folds = {g: (not self.collapsed, self.collapsed) for g in self.gids}
        if self.room is None:
            return folds, {}
        return folds, self.room.moves if isinstance(self.room, MoveCommand) else self.room.moves()

    def apply(self) -> None:
        # a row, an end and a line per boundary wire, a move per card making
        # room: many objects, no cycles, so no collection of the whole heap
        # (freezing them after a big fold, as bulk edits do, measured slower here)
        first = len(self._rooms) < len(self._levels)  # the first time: where they land
        folded = 0  # (the levels folded: taken back if the first time fails, all or nothing)
        with gc_paused():
            try:
                for k, level in enumerate(self._levels):
                    plan = None
                    if first and self._plans is not None:
                        plan = self._plans[k]
                    elif first and self._plan_level is not None:  # (its card where the level before left it)
                        plan = self._plan_level(level)
                    with self.model.groups.batch():
                        for g in level:
                            self.model.groups.set_collapsed(g, self.collapsed)
                    folded = k + 1
                    if first:  # (made as they are planned)
                        self._rooms.append(self._make_room(plan(level)) if plan is not None else None)
                    elif (room := self._rooms[k]) is not None:
                        room.apply()
            except BaseException:
                if first:
                    self._revert(folded)
                    self._rooms.clear()
                raise
        if first:
            self._plans = self._plan_level = None
            made_rooms = [r for r in self._rooms if r is not None]
            self.room = made_rooms[0] if len(self._rooms) == 1 and made_rooms else None
            self.room = RoomSteps(made_rooms) if len(self._rooms) > 1 and made_rooms else self.room

    def _make_room(self, got: Moves | UnitMoves | ThenRoom) -> MoveCommand | RoomMove | RoomSteps | None:
        """The room a plan answered, each step made (moved) before the next
        is asked; if one fails, those made are undone."""
        made: list[MoveCommand | RoomMove] = []
        try:
            while True:
                room = _room(self.model, got.first if isinstance(got, ThenRoom) else got)
                if room is not None:
                    room.apply()
                    made.append(room)
                if not isinstance(got, ThenRoom):
                    break
                got = got.then()
        except BaseException:
            for room in reversed(made):
                room.revert()
            raise
        return None if not made else made[0] if len(made) == 1 else RoomSteps(list(made))

    def revert(self) -> None:
        self._revert(len(self._levels))

    def _revert(self, levels: int) -> None:
        """Undo the first ``levels`` levels' folds and rooms, the last first."""
        with gc_paused():
            for k in reversed(range(levels)):
                room = self._rooms[k] if k < len(self._rooms) else None
                if room is not None:
                    room.revert()
                with self.model.groups.batch():
                    for g in self._levels[k]:
                        self.model.groups.set_collapsed(g, not self.collapsed)


def _room(model: GraphModel, moves: Moves | UnitMoves) -> MoveCommand | RoomMove | None:
    if isinstance(moves, UnitMoves):
        return RoomMove(model, moves) if moves else None
    return MoveCommand(model, moves) if moves else None
