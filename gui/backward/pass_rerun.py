"""A Backward pass kept through an edit of numbers or names.

A teacher's "what if a were 5?" mid-pass cleared the pass, and Undo did not
bring it back: the walk started again from step 1 (a trial). An edit that
leaves the graph's wiring alone (a value, an exponent, a label) leaves the
pass's steps as they were, only their numbers change: the pass is computed
again from the same root and shown at the same step, without moving the
view. An edit of the wiring still clears it (its steps are other steps).

The pass is computed once the edit is done (the event loop's next turn), so
a tool that shows its own pass right after setting values (Train on Data's
live view) is not shown one computed twice.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from core.explain.replay import Replay
from core.graph.backward import BackwardResult, backward
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.backward.animator import Animator

log = logging.getLogger(__name__)


class PassHost(Protocol):
    """What the rerun asks of the Backward controller (gui/backward/animation.py)."""

    animator: Animator

    @property
    def model(self) -> GraphModel: ...
    @property
    def replay(self) -> object: ...
    def refusal(self) -> str | None: ...
    def make_replay(self, result: BackwardResult) -> Replay: ...
    def say(self, text: str) -> None: ...
    def status_shown(self) -> str: ...
    def undo_index(self) -> int: ...
    def rerun_pass(self, replay: Replay, result: BackwardResult, pos: int, playing: bool) -> None: ...


class PassRerun(QObject):
    """Decides, on each change of the graph while a pass shows, whether the
    pass stays (run again on the new numbers) or goes."""

    def __init__(self, host: PassHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        # changes of the wiring so far, and how many there had been at the graph's last
        # change (or pass shown) and when a rerun was asked for (one since makes it moot)
        self._rewires = self._seen = self._asked = 0
        self._pending = False
        self._shown = 0  # passes shown so far (one shown meanwhile makes the rerun moot)
        self._asked_at = 0
        #: the undo stack's index as the change began (a command changes the graph before
        #: the stack moves): below it after the change, the change was an undo (after
        #: Ctrl+Z the line said "Ctrl+Z undoes the edit" still: a trial)
        self._index = 0
        #: what the last rerun said, the step it named, and the same without
        #: it: said again when the pass moves on, while the first still shows
        #: (its "still at step 10 of 10" stayed at step 3: a trial)
        self._said: tuple[str, int, str] | None = None

    def rewired(self) -> None:
        """Nodes or wires came or went, or the output moved (Document.structure_changed)."""
        self._rewires += 1

    def pass_shown(self) -> None:
        """A pass was shown from its start: what came before it is not its change."""
        self._shown += 1
        self._seen = self._rewires
        self._said = None

    def moved(self, pos: int) -> None:
        """The pass is shown at ``pos`` now: the rerun's message, naming the
        step it was at, is said again without it if it still shows."""
        said, self._said = self._said, None
        if said is None:
            return
        text, at, later = said
        if pos == at:
            self._said = said  # (the same step drawn again)
        elif self._host.status_shown() == text:
            self._host.say(later)

    def keeps(self) -> bool:
        """The graph changed while a pass shows: True when the pass stays (run
        again once the edit is done); False when it is to be cleared."""
        rewired, self._seen = self._rewires != self._seen, self._rewires
        h = self._host
        if rewired or not isinstance(h.replay, Replay) or h.refusal():
            return False
        if not self._pending:
            self._pending, self._asked_at, self._asked = True, self._shown, self._rewires
            self._index = h.undo_index()
            QTimer.singleShot(0, self, self._rerun)
        return True

    def _rerun(self) -> None:
        self._pending = False
        h = self._host
        rp, a = h.replay, h.animator
        if self._shown != self._asked_at or not a.active or not isinstance(rp, Replay):
            return  # another pass is shown by now, or none
        pos, playing = a.pos, a.playing
        try:
            result = backward(h.model, rp.root) if rp.root in h.model else None
        except (GraphError, ArithmeticError, ValueError) as e:  # (said as an edit's clearing)
            log.debug("rerun from %r failed: %s", rp.root, e)
            result = None
        new = None if result is None else h.make_replay(result)
        if new is None or new.last != rp.last or self._rewires != self._asked:
            a.clear()
            h.say("The graph changed, so the gradients were cleared: run Backward (Ctrl+B) again.")
            return
        # (a rename said "The numbers changed", a check of trial 49's fixes: none had)
        old = rp.result
        same = result is not None and (old.values, old.steps.grads()) == (result.values, result.steps.grads())
        h.rerun_pass(new, result, pos, playing)  # type: ignore[arg-type]
        where = f"step {pos} of {new.last}" if pos else "its start"
        undo = "Ctrl+Y redoes the edit" if h.undo_index() < self._index else "Ctrl+Z undoes the edit"
        what = (
            "The pass shows the edit, its numbers the same"
            if same
            else "The numbers changed: the pass ran again on them"
        )
        text = f"{what}, still at {where} ({undo})."
        h.say(text)
        self._said = (text, pos, f"{what} ({undo}).")
