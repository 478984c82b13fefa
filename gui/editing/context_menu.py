"""The canvas's right-click menu: what can be done to the card, wire or spot clicked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMenu

from core.autograd import ops
from gui.editing.editor import GraphEditor

#: Fills a menu with a group's own actions: (group id, menu, select it first).
GroupMenu = Callable[[str, QMenu, bool], None]


class Opener(Protocol):
    """Opens the inline editor on a card (the canvas gestures do)."""

    def edit(self, node_id: str, what: str) -> object: ...


def build_menu(
    editor: GraphEditor, opener: Opener, pos: QPointF, parent=None, group_menu: GroupMenu | None = None
) -> QMenu:
    """The menu for a right-click at scene point ``pos`` (selecting what is
    under it). On a group's folded card or name tab, the group's own actions
    (``group_menu``, the Groups feature's, handed over by the window); on a
    card in a group, or the canvas inside open groups' frames, those too,
    in a submenu for each."""
    menu = QMenu(parent)
    menu.setObjectName("canvas_context_menu")
    scene = editor.scene
    m = scene.model
    it = scene.node_at(pos)
    gid = scene.folding.at(pos) if it is None and group_menu is not None else None
    if gid is not None and group_menu is not None:
        group_menu(gid, menu, True)
        return menu
    wire = scene.wire_at(pos) if it is None else None
    if it is not None:
        if not it.isSelected():
            scene.select_ids([it.node_id])
        n = it.node_id
        many = len(scene.selected_ids()) > 1
        if m.op(n) == "leaf":
            _add(menu, "Edit value", lambda: opener.edit(n, "value"), "ctx_edit_value")
        if m.op(n) == "pow":
            _add(menu, "Edit exponent k", lambda: opener.edit(n, "exponent"), "ctx_edit_exponent")
        _add(menu, "Rename", lambda: opener.edit(n, "label"), "ctx_rename")
        if m.op(n) != "leaf" and not many:  # (Subtract picked for Add: t75 #8 deleted and rewired)
            _change_menu(menu, editor, n)
        # the card's "output (auto)" tag and this entry agree (a trial, 71 #12: unticked under that tag)
        auto = m.output is None and it.is_auto_output
        out = _add(
            menu,
            "Output of the graph (auto)" if auto else "Output of the graph",
            lambda: editor.set_output(None if m.output == n else n),
            "ctx_output",
        )
        out.setCheckable(True)
        out.setChecked(m.output == n or auto)
        out.setToolTip(
            "Backward starts here: nothing uses it. Click to keep it the output as the graph grows"
            if auto
            else "Backward starts from the output"
        )
        menu.addSeparator()
        _add(menu, "Copy", editor.copy_selection, "ctx_copy")
        _add(menu, "Duplicate", editor.duplicate_selection, "ctx_duplicate")
        _add(
            menu,
            "Delete " + ("selected nodes" if many else repr(m.label(n))),
            editor.delete_selection,
            "ctx_delete",
        )
        inner = m.groups.group_of(n)
        if inner is not None and group_menu is not None:
            menu.addSeparator()
            sub = menu.addMenu(f"Group “{m.groups.get(inner).label}”")
            sub.setObjectName("ctx_group")
            group_menu(inner, sub, False)
    elif wire is not None:
        scene.select_wire(wire)
        _add(
            menu,
            f"Delete wire {m.label(wire.source)} → {m.label(wire.target)}",
            editor.delete_selection,
            "ctx_delete_wire",
        )
    else:
        add = menu.addMenu("Add")
        add.setObjectName("ctx_add")
        for op, spec in ops.OPS.items():
            act = add.addAction(
                f"{spec.title}   {spec.symbol if op != 'leaf' else ''}".rstrip(), _adder(editor, op, pos)
            )
            act.setObjectName(f"ctx_add_{op}")
        _add(menu, "Paste", editor.paste, "ctx_paste")
        menu.addSeparator()
        _add(menu, "Select All", scene.select_all, "ctx_select_all")
        _add(menu, "Auto Layout", editor.auto_layout, "ctx_layout")
        # inside an open group's frame: its actions too, as on its tab (a
        # trial looked for them there), the innermost group's first
        around = scene.folding.frames_at(pos) if group_menu is not None else []
        if around and group_menu is not None:
            menu.addSeparator()
            for i, g in enumerate(around):
                sub = menu.addMenu(f"Group “{m.groups.get(g).label}”")
                sub.setObjectName("ctx_group" if i == 0 else "ctx_group_outer")
                group_menu(g, sub, False)
    return menu


def _change_menu(menu: QMenu, editor: GraphEditor, n: str) -> None:
    """ "Change Operation": every other operation, the node keeping its name,
    place and the wires its new ports take."""
    sub = menu.addMenu("Change Operation")
    sub.setObjectName("ctx_change_op")
    now = editor.model.op(n)
    for op, spec in ops.OPS.items():
        if op == "leaf":
            continue
        shown = spec.title if spec.symbol.lower() == spec.title.lower() else f"{spec.title}   {spec.symbol}"
        act = sub.addAction(shown + ("   (now)" if op == now else ""), _changer(editor, n, op))
        act.setObjectName(f"ctx_change_{op}")
        act.setEnabled(op != now)  # (no tick boxes: a column of them read as options to combine)


def _changer(editor: GraphEditor, n: str, op: str) -> Callable[[], object]:
    return lambda: editor.change_op(n, op)


def _adder(editor: GraphEditor, op: str, pos: QPointF) -> Callable[[], object]:
    """The slot of the Add menu's ``op`` entry: an ``op`` node at ``pos``."""
    return lambda: editor.add_node_at(op, pos)


def _add(menu: QMenu, text: str, slot, name: str):
    act = menu.addAction(text, slot)
    act.setObjectName(name)
    return act
