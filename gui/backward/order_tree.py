"""The Order list's rows: one per step of the pass, nested by group.

Position 0 is the start (only the root's gradient, 1); position ``k`` is
step ``k``. In a graph with groups, the steps that run one after another
inside a group sit under a row for that group (a layer, and in it a neuron),
as a tree the user can fold; a group the pass leaves and comes back to has a
row for each visit. Without groups every step is a top-level row, worked out
from its position alone, so a pass of 50,000 steps costs nothing until its
rows are on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.autograd import ops
from core.explain.equation import said
from core.explain.format import fmt_full
from core.explain.forward_replay import ForwardReplay
from core.explain.replay import Replay
from core.explain.row_names import RowNames
from core.graph.groups import GroupSet, group_path
from gui.common import grad_colors

_CURRENT_BG = QColor("#ffedd5")
_DONE_FG = QColor("#6b7280")
_GROUP_FG = QColor("#4b5563")
COLUMNS = ("#", "node", "op", "grad")
#: A row's height (px): the list's rows all alike, so one is asked.
ROW_H = 22
#: A step row's group, where it is named beside the step, or the groups
#: around those a group's row stands for (the delegate draws it apart, paler, cut first).
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
#: After the name of a group's row (or a step's group) for a visit after the group's first.
AGAIN = " (cont.)"
GRAD_COL = 3
OP_COL = 2
AnyIndex = QModelIndex | QPersistentModelIndex


class OrderModel(QAbstractItemModel):
    """Rows of one replay at one position: steps, under their groups' rows.

    Entries are numbered (0 is the invisible root); an index's internal id
    is its entry's. Flat (no groups), entry ``p + 1`` is position ``p`` and
    nothing is stored per step."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.replay: Replay | ForwardReplay | None = None
        self.pos = 0
        self._op: Callable[[str], str] = lambda n: "leaf"
        self._groups: GroupSet | None = None
        self.names: RowNames | None = None  # the rows' names, told apart
        self.row_h = ROW_H  # (taller for a larger font: gui/backward/order_panel.py)
        #: The gradients' column's heading as drawn: the replay's, on two lines where the
        #: panel is too narrow for one (gui/backward/order_panel.py); None: the replay's.
        self.heading: str | None = None
        #: Whether the view shows a group's row open (its steps under it): set by the panel.
        self.is_open: Callable[[QModelIndex], bool] = lambda index: False
        self._clear_tree()

    def set_heading(self, text: str | None) -> None:
        """Draw the gradients' column's heading as ``text`` (None: the replay's, as it is)."""
        if text != self.heading:
            self.heading = text
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, GRAD_COL, GRAD_COL)

    def _clear_tree(self) -> None:
        self._tree = False
        self._up: list[int] = [-1]  # entry -> its parent entry
        self._row: list[int] = [0]  # entry -> its row under its parent
        self._kids: list[list[int]] = [[]]
        self._at: list[int] = [-1]  # entry -> its position (-1: a group's row)
        self._gids: list[tuple[str, ...]] = [()]  # a group row's groups (more than one: nested, alone)
        self._span: list[tuple[int, int]] = [(0, 0)]  # a group row's first and last position
        self._entry: list[int] = []  # position -> entry
        self._where: dict[int, tuple[str, ...]] = {}  # a step shown for its group's row: the groups
        self._again: set[int] = set()  # a group's row for a visit after its first (its steps apart)

    def set_replay(
        self,
        replay: Replay | ForwardReplay | None,
        op_of=None,
        groups: GroupSet | None = None,
        names: RowNames | None = None,
    ) -> None:
        """Show ``replay``; ``op_of(node)`` names a node's op; ``groups``:
        the graph's groups, when it has any (the steps nest under them);
        ``names``: the rows' names, told apart (else the replay's row labels)."""
        self.beginResetModel()
        self.replay = replay
        self.pos = 0
        if replay is None:  # let go of the old document's model (its bound methods held it)
            self._op, groups = (lambda n: "leaf"), None
        elif op_of is not None:
            self._op = op_of
        self._groups = groups
        self.names = names if replay is not None else None
        self._clear_tree()
        if replay is not None and groups is not None and len(groups):
            self._build(replay, groups)
        self.endResetModel()

    def _add(self, parent: int, pos: int, gid: str | None = None) -> int:
        e = len(self._up)
        self._up.append(parent)
        self._row.append(len(self._kids[parent]))
        self._kids[parent].append(e)
        self._kids.append([])
        self._at.append(pos)
        self._gids.append((gid,) if gid is not None else ())
        self._span.append((pos, pos))
        return e

    def _build(self, rp: Replay | ForwardReplay, gs: GroupSet) -> None:
        self._tree = True
        self._entry = [self._add(0, 0)]
        open_: list[tuple[str, int]] = []  # the group rows the steps are under now, outermost first
        chains: dict[str | None, list[str]] = {None: []}
        visited: set[str] = set()  # the groups a row was made for so far
        for k in range(1, rp.last + 1):
            inner = gs.group_of(self.node_at(k) or "")
            chain = chains.get(inner)
            if chain is None:
                assert inner is not None
                chain = chains[inner] = [*reversed(gs.ancestors(inner)), inner]
            same = 0
            while same < len(open_) and same < len(chain) and open_[same][0] == chain[same]:
                same += 1
            del open_[same:]
            for gid in chain[same:]:
                open_.append((gid, self._add(open_[-1][1] if open_ else 0, -1, gid)))
                self._span[open_[-1][1]] = (k, k)
                if gid in visited:
                    self._again.add(open_[-1][1])
                visited.add(gid)
            self._entry.append(self._add(open_[-1][1] if open_ else 0, k))
            for _gid, e in open_:
                self._span[e] = (self._span[e][0], k)
        self._compact()

    def _compact(self) -> None:
        """A group's row holding nothing but one inner group's row becomes
        one row for both; one holding a single step gives way to the step,
        named with its group ("ypred[4]  · neuron 3.1 [4]"): the MLP's last
        layer visits a neuron at a time, and rows of groups alone told
        nothing of what each step did."""
        at, kids, gids, up, row = self._at, self._kids, self._gids, self._up, self._row
        for e in range(1, len(at)):
            while at[e] < 0 and len(kids[e]) == 1 and at[kids[e][0]] < 0:
                inner = kids[e][0]
                gids[e] += gids[inner]
                if inner in self._again:  # (the name shown is the innermost's: so is "cont.")
                    self._again.add(e)
                else:
                    self._again.discard(e)
                kids[e] = kids[inner]
                kids[inner] = []
                for k in kids[e]:
                    up[k] = e
        for e in range(len(at) - 1, 0, -1):  # (a row merged away above holds nothing now)
            if at[e] < 0 and len(kids[e]) == 1 and at[kids[e][0]] >= 0:
                step, parent = kids[e][0], up[e]
                kids[parent][row[e]] = step
                up[step], row[step] = parent, row[e]
                self._where[step] = gids[e]  # (named with its group: a step, never read as all of it)
                kids[e] = []

    # -------------------------------------------------------------- positions
    def set_pos(self, pos: int) -> None:
        """The rows repaint when next drawn (the view is told by its panel)."""
        self.pos = pos

    def current_row(self) -> int:
        """The position marked current (the start at position 0)."""
        return self.pos

    def steps(self) -> int:
        """How many positions the list holds (the start and each step)."""
        return 0 if self.replay is None else self.replay.last + 1

    def index_of(self, pos: int, col: int = 0) -> QModelIndex:
        """The row of position ``pos``."""
        if not self._tree:
            return self.createIndex(pos, col, pos + 1)
        e = self._entry[pos]
        return self.createIndex(self._row[e], col, e)

    def pos_of(self, index: AnyIndex) -> int:
        """The position a row stands for (a group's: its first step)."""
        e = index.internalId()
        if not self._tree:
            return e - 1
        return self._at[e] if self._at[e] >= 0 else self._span[e][0]

    def node_at(self, pos: int) -> str | None:
        """The node of position ``pos`` (the root for the start)."""
        if self.replay is None:
            return None
        return self.replay.root if pos == 0 else self.replay.steps[pos - 1].node

    def group_rows(self) -> list[QModelIndex]:
        """Every group's row (an inner one merged into its row is not one)."""
        live = {k for ks in self._kids for k in ks}
        return [self.createIndex(self._row[e], 0, e) for e in sorted(live) if self._at[e] < 0]

    def group_label(self, index: AnyIndex, whole: bool = False) -> str | None:
        """The group a group's row stands for; None for a step. A row for
        nested groups names the innermost ("neuron 3.1 [4]": the layer's name
        beside it was cut to "neuron 3…er 3 [4]" in the panel's width), or
        with ``whole`` all of them, outermost first, a folded one marked ▸
        as the Chain Rule panel marks it. A row for a later visit to its
        group says so, "part1 (cont.)": a trial read "3 ab · part1", "4 f",
        "5 part1" as the whole group folded at 5, ab both in and out of it."""
        e = index.internalId()
        gids = self._gids[e] if self._tree else ()
        gs = self._groups
        if not gids or gs is None or any(g not in gs for g in gids):
            return None
        if whole:
            text = " › ".join(("▸ " if gs.get(g).collapsed else "") + gs.get(g).label for g in gids)
        else:
            text = gs.get(gids[-1]).label
        return text + AGAIN if e in self._again else text

    def folded(self, index: AnyIndex) -> bool:
        """Whether a group's row stands in a folded group (drawn in italics:
        a "▸" beside the list's own expand arrow read as two)."""
        gids = self._gids[index.internalId()] if self._tree else ()
        gs = self._groups
        return gs is not None and any(g in gs and gs.get(g).collapsed for g in gids)

    # -------------------------------------------------------------- Qt API
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if self.replay is None or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not self._tree:
            if parent.isValid() or not 0 <= row < self.steps():
                return QModelIndex()
            return self.createIndex(row, column, row + 1)
        kids = self._kids[parent.internalId() if parent.isValid() else 0]
        return self.createIndex(row, column, kids[row]) if 0 <= row < len(kids) else QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or not self._tree:
            return QModelIndex()
        up = self._up[index.internalId()]
        return QModelIndex() if up <= 0 else self.createIndex(self._row[up], 0, up)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if self.replay is None:
            return 0
        if not self._tree:
            return 0 if parent.isValid() else self.steps()
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._kids[parent.internalId() if parent.isValid() else 0])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == GRAD_COL and self.replay is not None:
                # grad (∂(x.grad)/∂node from a gradient's node), or d/da in forward mode
                return self.heading or self.replay.column
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == GRAD_COL and self.replay is not None:
            return self.replay.column  # (whole where the panel is too narrow for it)
        return None

    def data(self, index: AnyIndex, role=Qt.ItemDataRole.DisplayRole):
        rp = self.replay
        if rp is None or not index.isValid():
            return None
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(-1, self.row_h)
        e = index.internalId()
        if self._tree and self._at[e] < 0:
            return self._group_data(e, index.column(), role)
        pos = self.pos_of(index)
        return self._step_data(rp, pos, index.column(), role)

    def _group_data(self, e: int, col: int, role):
        first, last = self._span[e]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 1:
                return self.group_label(self.createIndex(self._row[e], 0, e))
            if col == 0:  # where it starts ("103–107" was cut to "10…07"; its tooltip has both)
                # open, no number: its first step's is right under it (t72 #9: "1 ▾ gradients of
                # y" over "1 x.grad" read as two steps 1); folded, it stands for its steps
                return "" if self.is_open(self.createIndex(self._row[e], 0, e)) else str(first)
        elif role == GROUP_ROLE and col == 1:
            gids, gs = self._gids[e], self._groups
            outer = gids[:-1] if gs is not None and all(g in gs for g in gids) else ()
            return " › ".join(gs.get(g).label for g in outer) if outer and gs is not None else None
        elif role == Qt.ItemDataRole.ToolTipRole:
            label = self.group_label(self.createIndex(self._row[e], 0, e), whole=True) or ""
            return f"{label}: steps {first} to {last}" if last > first else f"{label}: step {first}"
        elif role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_DONE_FG if last < self.pos else _GROUP_FG)
        elif role == Qt.ItemDataRole.FontRole:
            here = self.createIndex(self._row[e], 0, e)
            if first <= self.pos <= last or self.folded(here):
                f = QFont()
                f.setBold(first <= self.pos <= last)
                f.setItalic(self.folded(here))
                return f
        elif role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _step_data(self, rp: Replay | ForwardReplay, pos: int, col: int, role):
        node = self.node_at(pos)
        assert node is not None
        current = pos == self.pos
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return ("▶ " if current else "") + ("start" if pos == 0 else str(pos))
            if col == 1:
                if not pos:
                    return rp.start_text
                group = self._step_data(rp, pos, 1, GROUP_ROLE)
                name = self._name(rp, node)  # (a constant: "1 (in e - 1)")
                return name if group is None else f"{name}  · {group}"
            if col == OP_COL:
                return "" if pos == 0 else ops.OPS[self._op(node)].symbol
            if col == GRAD_COL:
                g = rp.grad(node, self.pos)
                return "" if g is None else said(g, rp.pins(self.pos))  # (as the banner writes it: 1.442e−4)
        elif role == GROUP_ROLE and col == 1 and pos:
            where = self._where.get(self._entry[pos]) if self._tree else None
            gs = self._groups
            return gs.get(where[-1]).label if where and gs is not None and where[-1] in gs else None
        elif role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(rp, pos, node)
        elif role == Qt.ItemDataRole.FontRole and current:
            f = QFont()
            f.setBold(True)
            return f
        elif role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(_CURRENT_BG)
        elif role == Qt.ItemDataRole.ForegroundRole:
            if col == GRAD_COL:
                return QBrush(grad_colors.text_color(rp.grad(node, self.pos)))
            if pos < self.pos:
                return QBrush(_DONE_FG)
        elif role == Qt.ItemDataRole.TextAlignmentRole and col in (0, GRAD_COL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _name(self, rp: Replay | ForwardReplay, node: str) -> str:
        return self.names(node) if self.names is not None else rp.row_label(node)

    def _tip(self, rp: Replay | ForwardReplay, pos: int, node: str) -> str:
        if pos == 0:
            return f"start: {rp.start_text}"
        g = rp.grad(node, self.pos)
        lines = [f"step {pos}: {self._name(rp, node)} ({ops.OPS[self._op(node)].title})"]
        where = group_path(self._groups, node) if self._groups is not None else ""
        if where:
            lines.append(f"in {where}")
        if isinstance(rp, ForwardReplay):
            lines += [rp.flow_text(rp.steps[pos - 1], p) for p in rp.steps[pos - 1].live_ports]
        elif (step := rp.steps[pos - 1]).inputs:
            lines += [rp.flow_text(step, p) for p in range(len(step.inputs))]
        else:
            lines.append("a leaf: it passes nothing on")
        if g is not None:
            lines.append(f"{rp.quantity} now: {fmt_full(g)}")
            why = rp.nonfinite_origin(node, self.pos)
            if why:
                lines.append(f"not finite: {why}")
        return "\n".join(lines)
