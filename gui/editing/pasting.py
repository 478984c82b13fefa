"""Paste and Duplicate: what the clipboard's payload (gui/editing/clipboard.py)
becomes in a graph, in one undo entry.

- The groups copied whole come back as groups (nested ones kept), named as
  they were, or "… copy" where the graph has a group of that name (a trial:
  a duplicated "sample 2" came back as seven loose cards).
- A wire into a copied node from a node left out (a shared ``w``) is kept by
  Duplicate, and by a paste into the document it was copied from while that
  node is there; elsewhere the input stays empty, and the message names it.
- A duplicate inside a group (not all of it) joins that group.
- The copies land where nothing is (core/graph/free_room.py): a duplicate
  beside its originals (the trial's landed 40 units off them, covering
  them), a paste where it was copied from when that is free, and in view.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from core.graph.free_room import Near, free_offset
from core.graph.group_records import Group
from core.graph.groups import GroupSnapshot
from core.graph.make_room import Rect
from gui.canvas.painting import H2, W2
from gui.canvas.view import GraphView
from gui.editing import clipboard
from gui.editing.commands import PasteCommand

#: Kept free between the copies and what is already there (scene units).
GAP = 48.0
#: Around the copied cards: their frame's margins and name tab, their ports.
MARGIN = 40.0
#: Left of the copied cards when a wire into them is kept: its linked copy.
COPY_ROOM = 208.0
#: The most cards a way's strip is swept past: a block of copies spread over
#: much of a big graph (500 nodes picked across 50,000) goes past the graph
#: instead of sizing up 25,000 cards each way (a compact block of 500 copies
#: meets about 1,000 in its widest strip).
CROWDED = 3000


class PasteGroupsCommand(PasteCommand):
    """PasteCommand, and the copied groups made again around the copies:
    ``groups`` (records as a file's, parents first, old ids), the top ones
    and the nodes in none of them in ``host`` (a group of the graph, or None)."""

    def __init__(self, *args, groups: list[dict], host: str | None, **kw) -> None:
        super().__init__(*args, **kw)
        self.groups, self.host = groups, host
        self.gids: dict[str, str] = {}  # old group id -> its copy's, chosen on the first apply
        self.labels: dict[str, str] = {}

    def apply(self) -> None:
        super().apply()
        if not self.groups and self.host is None:
            return
        try:
            self._group()
        except Exception:
            super().revert()
            raise

    def _group(self) -> None:
        gs = self.model.groups
        if not self.gids:
            taken = {g.label for g in gs}
            fresh = (f"group{i}" for i in itertools.count(1))
            for r in self.groups:
                gid = next(g for g in fresh if g not in gs)
                self.gids[r["id"]], self.labels[r["id"]] = gid, _free_label(r["label"], taken)
        host = self.host if self.host in gs else None
        with gs.batch():
            placed: set[str] = set()
            for r in self.groups:
                parent = self.gids[r["parent"]] if r["parent"] is not None else host
                members = {self.ids[n] for n in r["members"]}
                grp = Group(self.gids[r["id"]], self.labels[r["id"]], members, parent, r["collapsed"])
                gs.restore(GroupSnapshot(grp, ()))
                placed.update(r["members"])
            if host is not None:
                for old, new in self.ids.items():
                    if old not in placed:
                        gs.place_node(new, host)

    def revert(self) -> None:
        gs = self.model.groups
        with gs.batch():
            for gid in reversed(list(self.gids.values())):
                if gid in gs:
                    gs.remove(gid)
        super().revert()


def _free_label(label: str, taken: set[str]) -> str:
    """``label``, or "``label`` copy" (then "copy 2", …) when a group has it
    (a copy of "a copy" is "a copy 2", not "a copy copy"); then taken."""
    out, k = label, 1
    if label in taken:
        label = re.sub(r" copy( \d+)?$", "", label)
    while out in taken:
        out = f"{label} copy" if k == 1 else f"{label} copy {k}"
        k += 1
    taken.add(out)
    return out


def paste_payload(editor: Any, data: dict, verb: str, duplicate: bool) -> list[str]:
    """Through ``editor`` (a GraphEditor: its model, scene, push and say),
    add the payload's nodes, wires and groups in free room, as one undo
    entry named "``verb`` N nodes"; select them, show them, say what became
    of them; their new ids."""
    m, sc = editor.model, editor.scene
    try:
        nodes, edges = clipboard.parse(data)
        old = {nd["id"] for nd in nodes}
        groups = clipboard.parse_groups(data, old)
    except ValueError as e:
        editor.say(str(e))
        return []
    if not nodes:
        return []
    inputs, names = clipboard.parse_inputs(data, old)
    here = duplicate or data.get("document") == clipboard.document_token(m)
    kept = [w for w in inputs if here and w[0] in m and m.label(w[0]) == names.get(w[0], m.label(w[0]))]
    empty = [w for w in inputs if w not in kept]
    host = None
    if duplicate and len(m.groups):
        whole = {r["id"] for r in groups}
        host = m.groups.common_parent(n for n in old if n in m)
        while host is not None and host in whole:
            host = m.groups.get(host).parent
    block = _block(nodes, bool(kept))
    around = {host, *m.groups.ancestors(host)} if host is not None else set()
    near, bounds = _obstacles(sc, around)
    dx, dy = free_offset(block, near, GAP, bounds)
    if host is not None and not _inside(block, dx, dy, sc.folding.frame(host)):
        host = None  # (landed outside its frame: joining would grow the frame over other cards)
    n = len(nodes)
    cmd = PasteGroupsCommand(
        m, nodes, edges, dx, dy, f"{verb} {n} node{'s' if n != 1 else ''}", kept, groups=groups, host=host
    )
    if not editor.push(cmd):
        return []
    sc.select_ids(cmd.new_ids)
    # a copied group folded: its card stands for the copies (Ctrl+D of a folded card left
    # nothing selected and the copy out of view: verify 57)
    folded = [c for g in cmd.gids.values() if (c := sc.folding.card(g)) is not None and c.isVisible()]
    for card in folded:
        card.setSelected(True)
    _show(sc, cmd.new_ids, folded)
    editor.say(
        _said(verb, n, [cmd.labels[r["id"]] for r in groups if r["parent"] is None], kept, empty, names)
    )
    return cmd.new_ids


def _show(sc: Any, ids: list[str], folded: list[QGraphicsItem]) -> None:
    """The cards ``ids`` (and the folded groups' cards ``folded``) brought
    into view where they are not all in it (a paste into a new document left
    most of them off-screen)."""
    cards = QRectF()
    for n in ids:
        it = sc.node_item(n)
        if it is not None and it.isVisible():
            cards = cards.united(it.sceneBoundingRect())
    for card in folded:
        cards = cards.united(card.sceneBoundingRect())
    if cards.isValid():
        cards = sc.linked.reach_past(cards)  # (their linked copies and badges, "×2 copies", too)
    for view in sc.views():
        if isinstance(view, GraphView) and cards.isValid():
            seen = view.mapToScene(view.viewport().rect()).boundingRect()
            if not seen.contains(cards):
                view.bring_into_view(cards)


def _block(nodes: list[dict], copies: bool) -> Rect:
    """What the copies will cover where they were copied from: their cards,
    with room for their frames (and their linked copies, ``copies``)."""
    xs = [float(nd.get("x", 0.0)) for nd in nodes]
    ys = [float(nd.get("y", 0.0)) for nd in nodes]
    left = min(xs) - W2 - MARGIN - (COPY_ROOM if copies else 0.0)
    return left, min(ys) - H2 - MARGIN, max(xs) + W2 + MARGIN, max(ys) + H2 + MARGIN


def _inside(block: Rect, dx: float, dy: float, frame) -> bool:
    """True when the cards of ``block`` moved by (dx, dy) lie in the open frame ``frame``."""
    if frame is None or not frame.isVisible():
        return False
    x0, y0, x1, y1 = block
    cards = QRectF(x0 + dx + MARGIN, y0 + dy + MARGIN, x1 - x0 - 2 * MARGIN, y1 - y0 - 2 * MARGIN)
    return frame.outline().contains(cards)


def _obstacles(sc, around: set[str]) -> tuple[Near, Rect | None]:
    """What is drawn, as ``near(region)``: each card shown the card grid
    files near the region (with its linked copies, left of it), each open
    group's frame but those the copies go into (``around``: they land in its
    free room) and each folded group's card; and the rect holding them all."""
    pos, gs, folding = sc.model, sc.model.groups, sc.folding
    lefts = sc.linked.reach().lefts  # (few distances)
    widest = max(lefts, default=0.0)
    boxes: list[Rect] = []
    for g in gs.ids():
        if g in around:
            continue
        item = folding.card(g) if gs.get(g).collapsed else folding.frame(g)
        if item is not None and item.isVisible():
            r = item.sceneBoundingRect() if gs.get(g).collapsed else item.outline()
            boxes.append((r.left(), r.top(), r.right(), r.bottom()))

    def near(region: Rect) -> list[Rect] | None:
        x0, y0, x1, y1 = region  # (cards right of it whose copies reach into it too)
        got = sc.card_rects_upto(QRectF(x0, y0, x1 - x0 + widest, y1 - y0), CROWDED)
        if got is None:  # (a block spread over much of the graph: it goes past the graph that way)
            return None
        rects = {n: list(r) for n, r in got.items()}
        for d, ids in lefts.items():
            for n in [n for n in rects if n in ids]:
                rects[n][0] = min(rects[n][0], pos.position(n)[0] - d)
        return [(r[0], r[1], r[2], r[3]) for r in rects.values()] + boxes

    whole = sc.graph_rect()
    if whole is None:
        return near, None
    whole = sc.linked.reach_past(whole)
    bounds = [whole.left(), whole.top(), whole.right(), whole.bottom()]
    for b in boxes:
        bounds = [min(bounds[0], b[0]), min(bounds[1], b[1]), max(bounds[2], b[2]), max(bounds[3], b[3])]
    return near, (bounds[0], bounds[1], bounds[2], bounds[3])


def _said(
    verb: str,
    n: int,
    top: list[str],
    kept: list[tuple[str, str, int]],
    empty: list[tuple[str, str, int]],
    names: dict[str, str],
) -> str:
    """ "Duplicated “sample 2” as “sample 2 copy” (7 nodes), wired to the same w, b · Ctrl+Z undoes it"."""
    done = "Duplicated" if verb == "Duplicate" else "Pasted"
    what = f"{n} node{'s' if n != 1 else ''}"
    if len(top) == 1:
        what += f" as the group “{top[0]}”"
    elif top:
        what += f" with the groups {', '.join(f'“{g}”' for g in top)}"
    out = f"{done} {what}"
    if kept:
        out += f", wired to the same {_names(kept, names)} as the originals"
    if empty:
        k = len(empty)
        out += f"; {_names(empty, names)} not copied: {k} input{'s' if k != 1 else ''} left empty"
    return f"{out} · Ctrl+Z undoes it"


def _names(wires: list[tuple[str, str, int]], names: dict[str, str]) -> str:
    return ", ".join(dict.fromkeys(names.get(s, s) for s, _t, _p in wires))
