"""Undo and redo bring back the view where the edit happened, as a good editor's do.

One rule for every edit: each undo entry keeps the view from before its
gesture and the view the gesture left (once the app's own moves for it are
done: at the user's next key, click or wheel). Undone while the view is still
where the gesture left it, the view before comes back; redone while the view
is still where the undo left it, the view after. A view the user moved since
stays. Trials: Delete of every card in view refitted the rest at 5 % and
Ctrl+Z kept 5 %; the undo of Ctrl+D kept the view on the copies taken away;
the undo of Find's Open group kept the view it had scrolled to (verify55,
verify56, trial55). Two views an entry (each a zoom, a scroll and whether a fit
left it), no pass over the scene.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication

from gui.canvas.view import GraphView, ViewState
from gui.editing.commands import ModelCommand

#: What a user does next: the view as the last edit left it is known by then.
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.NativeGesture,
    }
)

#: A view: its zoom and scroll, and whether a fit left it so.
Look = tuple[ViewState, bool]


@dataclass
class _Entry:
    """The views around one undo entry's gesture (``after``: None until known)."""

    before: Look
    after: Look | None = None


class ViewHistory(QObject):
    """The views around each entry of ``stack`` (one per entry, in its order),
    and ``view`` put back on undo and redo by the rule above. ``placing``:
    the document's ``placing_view``, held while an undo or redo runs, so the
    pass on screen does not bring its step into view over the view put back
    (verify 57: a group opened mid-pass, undone, came back to the step)."""

    def __init__(
        self, view: GraphView, stack: QUndoStack, placing: Callable[[], AbstractContextManager] | None = None
    ) -> None:
        super().__init__(view)
        self._view, self._stack, self._placing = view, stack, placing
        self._placed = ExitStack()  # ``placing`` while an undo or redo runs
        self._entries: list[_Entry] = []
        self._index = stack.index()
        self._pre: Look | None = None  # the view as an undo or redo found it (told by its commands)
        self._begun: Look | None = None  # the view as a macro began (its edits may move it inside)
        self._settling: _Entry | None = None  # the last edit, its view after it not known yet
        stack.indexChanged.connect(self._moved)
        stack.canUndoChanged.connect(self._can_undo)
        #: Times an undo or redo brought a view back (tests count them).
        self.brought_back = 0

    def _look(self) -> Look:
        v = self._view
        return v.view_state(), v.is_fitted

    # ------------------------------------------------------------ told
    def _about_to_change(self) -> None:
        """An undo or redo is about to run a command (the first of a macro's tells)."""
        if self._pre is None:
            self._pre = self._look()
            if self._placing is not None:
                self._placed.enter_context(self._placing())
                QTimer.singleShot(0, self, self._placed.close)  # (at the latest: an undo that failed)

    def _can_undo(self, can: bool) -> None:
        # a macro begun (QUndoStack.beginMacro: the entry made, its index not yet moved)
        s = self._stack
        if not shiboken6.isValid(s):  # (the window closing: the stack clears itself as it goes)
            return
        if not can and not s.canRedo() and s.count() == s.index() + 1 and self._begun is None:
            self._begun = self._look()

    def _watch(self, cmd: QUndoCommand) -> None:
        """``cmd`` and the commands in it tell before they are undone or redone."""
        if isinstance(cmd, ModelCommand):
            cmd.about_to_change = self._about_to_change
        for k in range(cmd.childCount()):
            child = cmd.child(k)
            if child is not None:
                self._watch(child)

    # ------------------------------------------------------------ the stack moved
    def _moved(self, index: int) -> None:
        self._placed.close()  # (the undo or redo done)
        if not shiboken6.isValid(self._stack):
            return
        old, self._index = self._index, index
        pre, self._pre = self._pre, None
        begun, self._begun = self._begun, None
        entries, count = self._entries, self._stack.count()
        if pre is None and index in (old, old + 1) and count == index and index > 0:
            # an edit: a new entry (or, same index, one merged into the last: nudges)
            now = begun or self._look()
            self._settled(now)
            if index == old + 1:
                del entries[old:]
                entries.append(_Entry(now))
                command = self._stack.command(old)
                if command is not None:
                    self._watch(command)
            if len(entries) == count:
                self._settle(entries[-1])
            return
        self._settled(pre or self._look())
        if len(entries) != count or pre is None:  # (cleared, or a jump this does not follow)
            if count == 0 or len(entries) != count:
                entries.clear()
            return
        if index == old - 1:  # undone: the view before it, if still as it left it
            e = entries[index]
            self._back(pre, e.after, e.before)
        elif index == old + 1:  # redone: the view after it, if still as its undo left it
            e = entries[old]
            self._back(pre, e.before, e.after)

    def _back(self, now: Look, left: Look | None, want: Look | None) -> None:
        """``want`` shown where the view is still ``left`` (and the edit moved it)."""
        if left is None or want is None or left[0] == want[0] or now[0] != left[0]:
            return
        self.brought_back += 1
        self._view.restore(*want)

    # ------------------------------------------------------------ the view an edit left
    def _settle(self, entry: _Entry) -> None:
        """Until the user's next input, ``entry``'s gesture may still move the
        view (its deferred moves: gui/window/lost_view.py); watched only then."""
        entry.after = None
        if self._settling is None:
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        self._settling = entry

    def _settled(self, now: Look) -> None:
        entry, self._settling = self._settling, None
        if entry is None:
            return
        entry.after = now
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._settled(self._look())
        return False
