"""The group actions' keys where the action does not apply: a status-bar
line saying why.

The Graph menu shows each group action enabled only where it applies (a
trial asked for that); but Qt drops the keys of a disabled action, so a new
user's Ctrl+Shift+] with nothing folded, or Ctrl+[ with no group selected,
did nothing and said nothing. Each action's keys also belong to a shortcut
that is on exactly while the action is off (Qt then sends the keys to it,
not to the disabled action), and it says why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QAction, QShortcut

from core.graph.groups import GroupSet
from gui.host import Host

#: A group's name in a status line: at most this many characters.
LABEL_MAX = 40


class GroupActions(Protocol):
    """What is read of the Groups feature (gui/groups/feature.py)."""

    host: Host
    action_group: QAction
    action_ungroup: QAction
    action_collapse: QAction
    action_expand: QAction
    action_expand_all: QAction
    action_collapse_all: QAction
    action_rename: QAction

    @property
    def groups(self) -> GroupSet: ...

    def target(self) -> str | None: ...


def say_why(feature: GroupActions) -> list[QShortcut]:
    """Give each of ``feature``'s actions a shortcut on its keys, on while
    the action is off, that says why it does not apply."""
    f = feature
    no_group = "Select nodes of a group (or click its name) first"
    reasons: list[tuple[QAction, Callable[[], str]]] = [
        (f.action_group, lambda: "Select the nodes to group first (drag a box around them)"),
        (f.action_ungroup, lambda: _no_groups(f) or no_group),
        (f.action_rename, lambda: _no_groups(f) or no_group),
        (f.action_collapse, lambda: _why_not_collapse(f)),
        (f.action_expand, lambda: _no_groups(f) or _why_not_expand(f)),
        (f.action_expand_all, lambda: _no_groups(f) or "No folded groups to expand"),
        (f.action_collapse_all, lambda: _no_groups(f) or "No open group to fold"),
    ]
    out = []
    parent = f.host.dialog_parent()
    for act, why in reasons:
        for keys in act.shortcuts():
            s = QShortcut(keys, parent)
            s.setEnabled(not act.isEnabled())
            act.enabledChanged.connect(lambda on, s=s: s.setEnabled(not on))
            s.activated.connect(lambda why=why: f.host.show_status(why()))
            out.append(s)
    return out


def _no_groups(f: GroupActions) -> str:
    return "" if len(f.groups) else "The graph has no groups (select nodes, then Graph › Group…, Ctrl+G)"


def _why_not_collapse(f: GroupActions) -> str:
    gid = f.target()
    if gid is not None and f.groups.get(gid).collapsed:
        return f"“{short(f.groups.get(gid).label)}” is folded already"
    return _no_groups(f) or "Select nodes of a group (or click its name) first, to fold it"


def _why_not_expand(f: GroupActions) -> str:
    if not any(g.collapsed for g in f.groups):
        return "No folded groups to open"
    return "Select a folded group's card to open it (Ctrl+Shift+] opens them all)"


def short(label: str) -> str:
    """``label`` cut in the middle to ``LABEL_MAX`` characters (its end, often a "[1]", kept)."""
    if len(label) <= LABEL_MAX:
        return label
    half = (LABEL_MAX - 1) // 2
    return f"{label[:half]}…{label[-(LABEL_MAX - 1 - half) :]}"
