"""The base of every undo command and ``push``, split from
gui/editing/commands.py (which offers them with the commands): a command
applies all of its edit or none of it, and ``push`` applies it first and
puts it on the stack only when that worked, so a refused edit never becomes
an undo entry (QUndoStack.push would keep it)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack


def guarded(method: Callable) -> Callable:
    """For ``redo``/``undo`` overrides, which Qt calls from C++: an exception
    escaping there can kill the process (PySide6 6.11), so it is reported
    through ``sys.excepthook`` (the app's hook shows a dialog; the model's
    all-or-nothing edits left the document as it was) and the command is
    dropped from the stack instead of staying there half-broken."""

    @functools.wraps(method)
    def wrapper(self: ModelCommand) -> None:
        try:
            if self.about_to_change is not None:  # (told before, for the view then: not on a push)
                self.about_to_change()
            method(self)
        except Exception:  # noqa: BLE001 - any failure: drop the command, report it
            self.setObsolete(True)
            sys.excepthook(*sys.exc_info())

    return wrapper


class ModelCommand(QUndoCommand):
    """Base: ``apply`` does the edit (all or nothing), ``revert`` undoes it;
    ``about_to_change``, if set, is told before an undo or redo does either
    (what the view showed then: gui/window/view_history.py)."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self._applied_early = False
        self.about_to_change: Callable[[], object] | None = None

    def apply(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @guarded
    def redo(self) -> None:
        if self._applied_early:  # push() already applied it
            self._applied_early = False
            return
        self.apply()

    @guarded
    def undo(self) -> None:
        self.revert()


def push(stack: QUndoStack, cmd: QUndoCommand, then: Callable[[], object] | None = None) -> None:
    """Apply ``cmd`` and, if the model accepted it, put it on ``stack``;
    with ``then``, what it pushes after (the room a new group's frame needs)
    joins it in one undo entry.

    A refusal raises (GraphError) with nothing changed and nothing pushed.
    """
    if isinstance(cmd, ModelCommand):
        cmd.apply()
        cmd._applied_early = True
    if then is None:
        stack.push(cmd)
        return
    stack.beginMacro(cmd.text())
    try:
        stack.push(cmd)
        then()
    finally:
        stack.endMacro()


class JoinedCommand(ModelCommand):
    """Several commands as one undo step, applied all or none (a name and a
    value typed as ``a = 2``: review 71 #6, a value refused after the name
    was applied left a step that only renamed)."""

    def __init__(self, text: str, parts: list[ModelCommand]) -> None:
        super().__init__(text)
        self.parts = parts

    def apply(self) -> None:
        done: list[ModelCommand] = []
        try:
            for c in self.parts:
                c.apply()
                done.append(c)
        except Exception:
            for c in reversed(done):
                c.revert()
            raise

    def revert(self) -> None:
        for c in reversed(self.parts):
            c.revert()
