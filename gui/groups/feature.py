"""Graph › Group, Ungroup, Collapse, Expand, Rename: the actions, and what a
click on a group's frame or card means. Every change is one undo entry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from core.graph.groups import GroupSet
from core.graph.make_room import Moves
from core.graph.unit_moves import UnitMoves
from gui.editing.editor import GraphEditor
from gui.groups import fold_room, fold_words, room_plans
from gui.groups.commands import FoldCommand, GroupCommand, Plan, RenameGroupCommand, ThenRoom, UngroupCommand
from gui.groups.dialog_spot import place_clear_of_selection
from gui.groups.fold_view import readable_whole, show_grouped, shows_any, whole_once_it_fits
from gui.groups.frame_room import FrameRoom
from gui.groups.room_memory import Card, RoomMemory
from gui.host import Host


class GroupsFeature(QObject):
    """The group actions of one window."""

    def __init__(
        self,
        host: Host,
        editor: GraphEditor,
        parent: QObject | None = None,
        current_card: Callable[[], str | None] | None = None,
    ) -> None:
        """``current_card()``: the folded group the Backward pass's current
        step runs in, if any (Ctrl+] opens it when no card is selected)."""
        super().__init__(parent)
        self.host, self.editor = host, editor
        self._current_card = current_card
        self._room = RoomMemory()
        #: the view a fold or an opening left, and whether from a fitted view (or a chain of such)
        self._placed: tuple[object, bool] | None = None
        host.document.replaced.connect(self._room.forget)
        w = host.dialog_parent()

        def act(name: str, text: str, slot, keys: str, tip: str) -> QAction:
            a = QAction(text, w)
            a.setObjectName(f"action_{name}")
            a.setShortcut(QKeySequence(keys))
            a.setStatusTip(tip)
            a.setToolTip(f"{tip} ({keys})")
            a.triggered.connect(slot)
            w.addAction(a)
            return a

        self.action_group = act(
            "group", "&Group…", self.group_selection, "Ctrl+G", "Put the selected nodes in a named group"
        )
        self.action_ungroup = act(
            "ungroup", "&Ungroup", self.ungroup, "Ctrl+Shift+G", "Remove the group around the selection"
        )
        self.action_collapse = act(
            "collapse_group",
            "&Collapse Group",
            self.collapse,
            "Ctrl+[",
            "Fold the selection's group into one card",
        )
        self.action_expand = act(
            "expand_group", "&Expand Group", self.expand, "Ctrl+]", "Open the selected folded group"
        )
        self.action_expand_all = act(
            "expand_all_groups", "E&xpand All Groups", self.expand_all, "Ctrl+Shift+]", "Open every group"
        )
        self.action_collapse_all = act(
            "collapse_all_groups",
            "Colla&pse All Groups",
            self.collapse_all,
            "Ctrl+Shift+[",
            "Fold every outermost group into its card",
        )
        self.action_rename = act(
            "rename_group", "&Rename Group…", self.rename, "Ctrl+Shift+R", "Rename the selection's group"
        )
        m = host.menu("graph")
        m.addSeparator()
        for a in (
            self.action_group,
            self.action_ungroup,
            self.action_collapse,
            self.action_expand,
            self.action_collapse_all,
            self.action_expand_all,
            self.action_rename,
        ):
            m.addAction(a)
        # each action enabled only where it applies, at once (an action
        # triggered right after a selection must find itself enabled): the
        # scene says a batch of selected cards once, the groups a batch of
        # edits once (Expand All), the pass each step
        doc = host.document
        for signal in (host.scene.selectionChanged, doc.groups_changed, doc.replaced, doc.pass_moved):
            signal.connect(self.update_actions)
        self._after_delete = QTimer(self, singleShot=True, interval=0)
        self._after_delete.timeout.connect(self.update_actions)
        doc.pass_changed.connect(self.update_actions)
        self.update_actions()
        layer = host.scene.folding
        layer.toggle_requested.connect(self.toggle)
        layer.pick_requested.connect(self.select_group)
        layer.move_requested.connect(self.move_group)

    @property
    def groups(self) -> GroupSet:
        return self.host.model.groups

    # ------------------------------------------------------------ which group
    def target(self) -> str | None:
        """The group the selection means: the one it is all of, with a folded
        card in it (its name tab clicked, the cards just grouped), else a
        selected folded card, else the innermost group holding every selected node."""
        sc = self.host.scene
        cards = sc.folding.selected_groups()
        if cards:
            return sc.selected_group(sc.selected_node_set()) or cards[0]
        ids = sc.selected_ids()
        return self.groups.common_parent(ids) if ids else None

    def update_actions(self, *_: object) -> None:
        """Enable each group action only when it applies to the selection.
        One pass over the selected ids (their innermost groups, through the
        groups' own map), then over the few groups found: Select All at
        50,000 nodes (a node in no group) looks at the groups only."""
        if self.host.model.removing:  # a delete tells its groups first: the cards it takes (selected,
            self._after_delete.start()  # as a rule: 50,000 ids read) go next; once they have gone
            return
        gs, sc = self.groups, self.host.scene
        try:
            cards = sc.folding.selected_groups()
        except RuntimeError:  # the window closing: Qt deleted the cards and says the selection changed
            return
        ids = sc.selected_node_set()
        inner: set[str | None] = set()
        if sc.all_selected():  # Select All: the outermost groups, and None for a node in none
            inner = {g.id for g in gs if g.parent is None}
            inner |= {None} if len(gs.membership()) < len(self.host.model) else set()
        elif len(gs) and ids:
            inner = set(map(gs.membership().get, ids))
        target: str | None
        if cards:  # (the group the selection is all of, as target says)
            target = sc.selected_group(ids) or cards[0]
        else:
            target = None if None in inner else _common(gs, inner)
        outer = {(gs.ancestors(g) or [g])[-1] for g in inner if g is not None}
        self.action_group.setEnabled(bool(ids))
        self.action_ungroup.setEnabled(target is not None)
        self.action_rename.setEnabled(target is not None)
        self.action_collapse.setEnabled(
            not gs.get(target).collapsed
            if target is not None
            else any(not gs.get(g).collapsed for g in outer)
        )
        current = self._current_card() if not cards and self._current_card is not None else None
        self.action_expand.setEnabled(bool(cards) or current is not None)
        self.action_expand_all.setEnabled(any(g.collapsed for g in gs))
        self.action_collapse_all.setEnabled(any(g.parent is None and not g.collapsed for g in gs))

    def _no_group(self) -> None:
        self.host.show_status("Select nodes of a group (or click its name) first")

    # ------------------------------------------------------------ actions
    def group_selection(self, _checked: bool = False, label: str | None = None) -> str | None:
        """Group the selected nodes under a name (asked for when not given)."""
        ids = self.host.scene.selected_ids()
        if not ids:
            self.host.show_status("Select the nodes to group first (drag a box around them)")
            return None
        if label is None:
            label = self._ask("Group", "Name of the group:", f"group {len(self.groups) + 1}")
            if label is None:
                return None
        cmd = GroupCommand(self.host.model, ids, label.strip() or cmd_default(len(self.groups)))
        room = FrameRoom(self.host.scene, self.editor)  # what its frame took in moves out: one undo entry
        view = self.host.view
        fitted, was_whole = view.is_fitted, view.shows_whole()
        if not self.editor.push(cmd, then=lambda: room.clear(cmd.gid)):
            return None
        show_grouped(self.host.scene, view, cmd.gid, fitted, was_whole)
        self.select_group(cmd.gid)  # (what Ctrl+[, Rename and Del then act on, as the status says)
        gs = self.groups
        held = gs.nodes_in(cmd.gid)  # a group a chosen node was in comes along whole
        picked = set(ids)  # the groups named: those that came along for a node not picked
        whole = [g.label for g in gs if g.parent == cmd.gid and not gs.nodes_in(g.id) <= picked]
        kept = f" (with {', '.join(f'“{x}”' for x in whole)}, kept whole)" if len(held) > len(ids) else ""
        self.host.show_status(
            f"Grouped {len(held)} node{'s' if len(held) != 1 else ''} as “{gs.get(cmd.gid).label}”{kept}"
            f"{room.said}; Ctrl+[ folds it"
        )
        return cmd.gid

    def ungroup(self, _checked: bool = False, gid: str | None = None) -> None:
        """Remove the group the selection means (or ``gid``: its right-click menu)."""
        gid = gid or self.target()
        if gid is None:
            self._no_group()
            return
        g = self.groups.get(gid)
        if not g.collapsed:
            # (trial 73 #11: opened in place, its cards stayed where its frame pushed them, wires
            # looping back: Layout tidies that, and the status says so)
            tidy = "; Layout (Ctrl+L) tidies them" if self._room.made_room(gid) else ""
            if self.editor.push(UngroupCommand(self.host.model, gid)):
                self.host.show_status(
                    f"Ungrouped “{g.label}”: its nodes stay where they are{tidy}; Ctrl+Z undoes it"
                )
            self._room.gone(gid)
            return
        # a folded card: what it holds comes out where Expand puts it, room
        # made around it (its groups opened on top of the neighbours' cards)
        stack = self.editor.undo_stack
        stack.beginMacro(f"Ungroup {g.label}")
        try:
            if self.set_collapsed([gid], False) and self.editor.push(UngroupCommand(self.host.model, gid)):
                tidy = "; Layout (Ctrl+L) tidies it" if self._room.made_room(gid) else ""
                self.host.show_status(
                    f"Ungrouped “{g.label}”: what it held is open where its card was{tidy}; Ctrl+Z undoes it"
                )
        finally:
            stack.endMacro()
        self._room.gone(gid)

    def collapse(self) -> None:
        gid = self.target()
        if gid is not None:
            self.fold_said([gid], True)
            return
        outer = self._outermost_of(self.host.scene.selected_ids())  # (Select All: no one group holds it)
        if not outer:
            self._no_group()
            return
        self.fold_said(outer, True)

    def _outermost_of(self, ids: list[str]) -> list[str]:
        """The outermost open groups holding any of ``ids``, in the groups' order."""
        gs = self.groups
        inner = {g for g in map(gs.group_of, ids) if g is not None}
        outer = {(gs.ancestors(g) or [g])[-1] for g in inner}
        return [g.id for g in gs if g.id in outer and not g.collapsed]

    def expand(self) -> None:
        cards = self.host.scene.folding.selected_groups()
        if not cards and self._current_card is not None:  # the card the Backward banner is about
            current = self._current_card()
            cards = [current] if current is not None else []
        if not cards:
            self.host.show_status("Select a folded group's card to open it")
            return
        self.fold_said(cards, False)

    def expand_all(self) -> None:
        self.fold_said([g.id for g in self.groups if g.collapsed], False, whole_graph=True)

    def collapse_all(self) -> None:
        """Fold the outermost groups (a nested group folds with its parent)."""
        top = [g.id for g in self.groups if g.parent is None and not g.collapsed]
        if not top:
            self.host.show_status("No open group to fold" if len(self.groups) else "The graph has no groups")
            return
        self.fold_said(top, True, whole_graph=True)

    def fold_said(self, gids: list[str], collapsed: bool, whole_graph: bool = False) -> bool:
        """``set_collapsed`` as a gesture of the user's (a key, a menu, a click
        on a card or tab): the status line says what it did, as Group and
        Ungroup do (verify 59: Ctrl+[ said nothing). Find and a quiz, which
        open groups for what they show, say their own."""
        said = fold_words.folded(self.groups, gids, collapsed)
        ok = self.set_collapsed(gids, collapsed, whole_graph)
        if ok:
            self.host.show_status(said)
        return ok

    def set_collapsed(self, gids: list[str], collapsed: bool, whole_graph: bool = False) -> bool:
        """Fold or open ``gids`` (one undo entry): every way of opening
        (a double-click, Ctrl+], Expand All, Find's Alt+Enter, a quiz)
        opens them a level at a time, outermost first, each level making
        room as opening its cards by hand does (Find opening a layer folded
        in a folded group left the group's other card over the layer's
        frame, a trial); folding gives back the room opening them made.
        ``whole_graph`` (Expand All, Collapse All): the view frames the result."""
        model = self.host.model
        if collapsed:  # the room opening them made, given back
            back = self._room.give_back(model, gids)
            plan: Callable[[list[str]], Moves | UnitMoves] | None = (lambda _f: back) if back else None
            plan = plan or fold_room.planner(self.host, self.groups, gids)  # (its card clear of the rest)
            cmd = FoldCommand(model, gids, collapsed, plan)
        else:  # (one opened alone: the room its fold made, given back)
            unfold = self._room.unfold(model, gids[0]) if len(gids) == 1 else {}
            cards: dict[str, Card] = {}
            cmd = FoldCommand(
                model,
                gids,
                False,
                levels=room_plans.levels(self.groups, gids),
                plan_level=partial(self._plan, cards, unfold),
            )
        if not cmd.gids:
            return False
        # (its undo shows the view it was opened from, where the view is still as it left it:
        # gui/window/view_history.py)
        opened = None if collapsed else cmd.gids[0]
        cmd.view_kept = partial(self._view_kept, len(cmd.gids) > 1, opened, whole_graph)
        self.host.scene.clearSelection()
        with cmd.view_kept():
            ok = self.editor.push(cmd)
        if ok:
            room = cmd.room
            moves = room.moves if room is not None else {}
            if collapsed:  # (the room made for its card, or an opening's given back: undone as it opens)
                self._room.folded(model, cmd.gids, moves)
            else:
                self._room.remember(cmd.gids, moves, cards)
        if ok and len(cmd.gids) == 1:  # selected as it now is, so the other key undoes it
            card = self.host.scene.folding.card(cmd.gids[0]) if collapsed else None
            if card is not None:
                card.setSelected(True)
            elif not collapsed and self.host.document.backward_pass is None:  # (mid-pass: no rims
                self.select_group(cmd.gids[0])  # over the rings of the step's inputs, a trial)
        return ok

    def _plan(self, cards: dict[str, Card], unfold: Moves, level: list[str]) -> Plan | None:
        """What makes room for the groups ``level`` opening now (one opened
        alone noted in ``cards``, from its card: Expand All opens it again
        from there, its room given back); ``unfold``: the room the fold of
        the one group opening made, given back instead (its frame lies where
        it lay before that fold)."""
        sc = self.host.scene
        sc.folding.settle()  # (the cards where the level before left them)
        card = sc.folding.card(level[0]) if len(level) == 1 else None  # (one opened alone, in place)
        if card is not None and card.isVisible():
            r = card.sceneBoundingRect()
            cards[level[0]] = ((r.left(), r.top(), r.right(), r.bottom()), card.pos().toTuple())
        reopen = partial(self._room.reopen, self.host.model)
        plan = room_plans.planner(self.host, self.groups, level, reopen)
        if card is not None:  # (a layer's weights beside folded layers: in one column first)
            plan = room_plans.column_first(self.host, level[0], plan)
        if unfold and card is not None:  # then room made from there, for what came into it meanwhile
            # (review 63 #1: a card added where the frame lands, left under it)
            return lambda opened: ThenRoom(unfold, lambda: plan(opened) if plan is not None else {})
        return plan

    @contextmanager
    def _view_kept(self, many: bool, opened: str | None = None, whole_graph: bool = False) -> Iterator[None]:
        """A fitted view fits again after the change; so does one showing
        the whole graph when many groups change at once (Collapse All, or
        Expand All undone: it stayed at the expanded graph's 12 %). One
        group ``opened`` is what the user wants to see: it comes into view
        at the zoom the view had (fitting the grown graph took the MLP from
        54 % to 32 %, every name cut to "w…1"). ``whole_graph`` (Expand or
        Collapse All) where the view is as a fold or an opening left it,
        from a fitted view: fitted after, as from that view (verify 59: after
        a group opened in place, Expand All kept 55 % on a slice of layer 1);
        a part the user zoomed to stays."""
        view, sc = self.host.view, self.host.scene
        placed = self._placed is not None and self._placed[1] and self._placed[0] == view.view_state()
        framed = whole_graph and placed
        fitted, was_whole = view.is_fitted or framed, view.shows_whole() or framed
        whole = many and was_whole
        refit = fitted or whole
        folds_one = not many and opened is None
        before = sc.graph_rect() if folds_one and not refit else None
        with sc.far_meanwhile() if many and refit else nullcontext(), sc.folding.names_held():
            yield
            frame = sc.folding.frame(opened) if opened is not None and not many and not framed else None
            if frame is not None and frame.isVisible():
                sc.folding.settle()  # (its frame around where its cards are now)
                if (fitted or was_whole) and readable_whole(view, sc.graph_rect()):
                    view.keep_whole(fitted)  # all of it was in view and still can be, readable (a trial)
                else:
                    view.bring_into_view(frame.sceneBoundingRect())
            elif fitted or whole:
                view.keep_whole(fitted)
            elif before is not None and whole_once_it_fits(view, before, sc.graph_rect()):
                pass
            elif not shows_any(sc, view):  # folded away from the view (a trial; one group too: a review)
                view.fit_all()
        self._placed = (view.view_state(), fitted or placed)

    def toggle(self, gid: str) -> None:
        if gid in self.groups:
            self.fold_said([gid], not self.groups.get(gid).collapsed)

    def rename(self, _checked: bool = False, label: str | None = None, gid: str | None = None) -> None:
        """Rename the group the selection means (or ``gid``), to ``label`` or a name asked for."""
        gid = gid or self.target()
        if gid is None:
            self._no_group()
            return
        if label is None:
            label = self._ask("Rename Group", "New name:", self.groups.get(gid).label)
            if label is None:
                return
        old = self.groups.get(gid).label
        if self.editor.push(RenameGroupCommand(self.host.model, gid, label)):
            self.host.show_status(fold_words.renamed(old, self.groups.get(gid).label))

    def fill_menu(self, gid: str, menu: QMenu, select: bool = True) -> None:
        """A group's own right-click actions (on its folded card or name tab,
        which ``select`` selects first, as a right-click on a card does; or in
        the submenu of a card in it), each bound to it, with the keys of the
        Graph menu's for the selection."""
        if gid not in self.groups:
            return
        g = self.groups.get(gid)
        card = self.host.scene.folding.card(gid) if g.collapsed else None
        if select and card is not None:
            self.host.scene.clearSelection()
            card.setSelected(True)
        elif select:
            self.select_group(gid)
        fold = self.action_expand if g.collapsed else self.action_collapse
        entries: list[tuple[str, QAction | None, Callable[[], object]]] = [
            ("Expand" if g.collapsed else "Collapse", fold, partial(self.fold_said, [gid], not g.collapsed)),
            ("Rename…", self.action_rename, partial(self.rename, gid=gid)),
            ("Ungroup", self.action_ungroup, partial(self.ungroup, gid=gid)),
        ]
        if not g.collapsed:  # (a folded group's nodes are its card)
            entries.append(("Select Its Nodes", None, partial(self.select_group, gid)))
        for text, like, slot in entries:
            keys = like.shortcut().toString(QKeySequence.SequenceFormat.NativeText) if like else ""
            a = menu.addAction(f"{text}\t{keys}" if keys else text, slot)
            a.setObjectName("ctx_group_" + text.split()[0].rstrip("…").lower())
            if like is not None:
                a.setStatusTip(like.statusTip())

    def select_group(self, gid: str) -> None:
        """Select every node of ``gid`` (its name tab was clicked): a folded
        group inside it by its card (its nodes' cards are hidden; a trial's
        Del after the click left the folded card behind)."""
        gs = self.groups
        if gid not in gs:
            return
        sc = self.host.scene
        sc.select_ids(gs.nodes_in(gid))
        stack = gs.children(gid)
        while stack:
            g = stack.pop()
            card = sc.folding.card(g) if gs.get(g).collapsed else None
            if card is not None:
                card.setSelected(True)
            else:
                stack.extend(gs.children(g))

    def move_group(self, gid: str, dx: float, dy: float) -> None:
        """A folded card was dragged: all of its nodes move, one undo entry."""
        m = self.host.model
        moves = {}
        for n in self.groups.nodes_in(gid):
            x, y = m.position(n)
            moves[n] = ((x, y), (x + dx, y + dy))
        self.editor.move_nodes(moves)

    def _ask(self, title: str, prompt: str, text: str) -> str | None:
        dlg = QInputDialog(self.host.dialog_parent())
        dlg.setObjectName("group_name_dialog")
        dlg.setWindowTitle(title)
        dlg.setLabelText(prompt)
        dlg.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dlg.setTextValue(text)
        place_clear_of_selection(dlg, self.host.view, self.host.scene)  # (a trial: centred, over the cards)
        if not dlg.exec():
            return None
        return dlg.textValue()


def _common(gs: GroupSet, inner: set[str | None]) -> str | None:
    """The innermost group holding all of the groups ``inner`` (``GroupSet.common_parent``
    from each node's innermost group, asked once per group, not per node)."""
    paths = [[*reversed(gs.ancestors(g)), g] for g in inner if g is not None]
    common = None
    for level in zip(*paths):
        if any(x != level[0] for x in level):
            break
        common = level[0]
    return common


def cmd_default(n: int) -> str:
    return f"group {n + 1}"
