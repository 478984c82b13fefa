"""Making actions the same way everywhere, and the Keyboard shortcuts
dialog that is generated from them (so it can never go stale)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.common import resources

KeySpec = QKeySequence.StandardKey | str | QKeySequence | None

_FIRST_MEDIA_KEY = int(Qt.Key.Key_Back)  # keys past this are on special keyboards only


def _on_keyboard(k: QKeySequence) -> bool:
    if k.isEmpty():
        return False
    key = int(k[0].key())  # type: ignore[index]  # k[0] is its first QKeyCombination; the stubs lack __getitem__
    if int(Qt.Key.Key_F13) <= key <= int(Qt.Key.Key_F35) or key == int(Qt.Key.Key_Help):
        return False
    return not (_FIRST_MEDIA_KEY <= key < int(Qt.Key.Key_unknown))


def keys(*specs: KeySpec) -> list[QKeySequence]:
    """Key sequences for standard keys or strings such as "Ctrl+L". Of a
    standard key's bindings only those on an ordinary keyboard are kept
    (no F13-F35 or multimedia keys)."""
    out: list[QKeySequence] = []
    for s in specs:
        if s is None:
            continue
        if isinstance(s, QKeySequence.StandardKey):
            out.extend(k for k in QKeySequence.keyBindings(s) if _on_keyboard(k))
        else:
            out.append(QKeySequence(s))
    # keep the first of duplicates (some standard keys list one twice)
    seen: list[str] = []
    uniq = []
    for k in out:
        t = k.toString(QKeySequence.SequenceFormat.PortableText)
        if t and t not in seen:
            seen.append(t)
            uniq.append(k)
    return uniq


def make_action(
    parent: QWidget,
    name: str,
    text: str,
    slot: Callable | None = None,
    *,
    shortcut: KeySpec | list[KeySpec] | tuple[KeySpec, ...] = None,
    icon: str | None = None,
    tip: str | None = None,
    icon_text: str | None = None,
    checkable: bool = False,
) -> QAction:
    """An action called ``action_<name>`` with its shortcut shown in the tooltip."""
    act = QAction(text, parent)
    act.setObjectName(f"action_{name}")
    if isinstance(shortcut, (list, tuple)):
        act.setShortcuts(keys(*shortcut))
    elif shortcut is not None:
        act.setShortcuts(keys(shortcut))
    if icon:
        act.setIcon(resources.icon(icon))
    if icon_text:
        act.setIconText(icon_text)
    act.setCheckable(checkable)
    describe(act, tip)
    if slot is not None:
        if checkable:
            act.toggled.connect(slot)
        else:
            act.triggered.connect(lambda _checked=False: slot())
    parent.addAction(act)  # shortcuts work even when the menu bar is hidden
    return act


def shortcut_text(act: QAction) -> str:
    """The action's shortcuts as the user reads them, e.g. "Ctrl+Z" (keys
    found only on multimedia keyboards left out)."""
    return ", ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if _on_keyboard(k)
    )


def keep_shortcut_in_tooltip(act: QAction) -> None:
    """Keep "Undo Add tanh (Ctrl+Z)" as the tooltip while the action's text
    changes (undo and redo name what they will do)."""

    def update() -> None:
        try:
            key = shortcut_text(act).split(", ")[0]
            text = act.text().replace("&", "") or act.iconText()
        except RuntimeError:  # the undo stack says "changed" while Qt deletes the action
            return
        tip = f"{text} ({key})" if key else text
        if act.toolTip() != tip:
            act.setToolTip(tip)

    act.changed.connect(update)
    update()


def describe(act: QAction, tip: str | None = None) -> None:
    """Tooltip and status tip: what it does, and its shortcut."""
    base = tip or act.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")
    keys_ = shortcut_text(act)
    act.setToolTip(f"{base} ({keys_})" if keys_ else base)
    act.setStatusTip(base)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("\t", " ")


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the menu bar that has a
    shortcut, plus window actions outside the menus, in menu order."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for act in menu.actions():
            if act.isSeparator():
                continue
            sub = act.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {_plain(act.text())}")
                continue
            if id(act) in seen:
                continue
            seen.add(id(act))
            k = shortcut_text(act)
            if k:
                rows.append((path, _plain(act.text()), k))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    for act in window.findChildren(QAction):
        if id(act) in seen or act.isSeparator() or not shortcut_text(act) or not act.text():
            continue
        rows.append(("Other", _plain(act.text()), shortcut_text(act)))
        seen.add(id(act))
    return rows


def conflicting_shortcuts(window: QMainWindow) -> dict[str, list[str]]:
    """Key sequences bound to more than one enabled action of the window
    (Qt then runs neither), mapped to the actions' names."""
    by_key: dict[str, list[str]] = {}
    for act in window.findChildren(QAction):
        if act.shortcutContext() not in (
            Qt.ShortcutContext.WindowShortcut,
            Qt.ShortcutContext.ApplicationShortcut,
        ):
            continue
        for k in act.shortcuts():
            t = k.toString(QKeySequence.SequenceFormat.PortableText)
            if t:
                by_key.setdefault(t, []).append(act.objectName() or _plain(act.text()))
    return {k: v for k, v in by_key.items() if len(v) > 1}


class ShortcutsDialog(QDialog):
    """Every shortcut of the window, read from its actions."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(window)
        table = QTableWidget(len(rows), 3, self)
        table.setObjectName("shortcuts_table")
        table.setHorizontalHeaderLabels(["Menu", "Action", "Shortcut"])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        hh = table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)  # its longest name and a gap
        hh.resizeSection(1, max(table.sizeHintForColumn(1), hh.sectionSizeHint(1)) + 16)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Never narrower than its columns' contents and the scroll bar: a
        # fixed 620 px cut Paste's "Ctrl+V, Ctrl+Shift+Ins, Shift+Ins" off
        # (a trial's); the keys' column takes what is left over, so the
        # longest keys never end against the scroll bar.
        contents = sum(max(table.sizeHintForColumn(c), hh.sectionSizeHint(c)) for c in range(3)) + 16
        bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        table.setMinimumWidth(contents + bar + 2 * table.frameWidth() + 4)
        self.table = table
        hint = QLabel(
            "<b>On the canvas:</b> drag from a node's output (right) to an input (left) to wire "
            "them; double-click empty space or press Tab to add a node; arrow keys nudge the "
            "selection; the wheel zooms; drag with the middle button (or hold Space and drag) "
            "to pan. Delete, Cut, Copy, Paste, Duplicate, Select All and Fit act on the canvas "
            "while it has the keyboard focus (click it, press Esc in the f(x) bar or the Code panel, "
            "or F6 to go round the panes); their menu entries work from anywhere."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(table)
        lay.addWidget(hint)
        lay.addWidget(buttons)
        self.resize(620, 620)
