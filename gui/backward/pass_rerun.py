"""A Backward pass kept through an edit of numbers or names.

A teacher's "what if a were 5?" mid-pass cleared the pass, and Undo did not
bring it back: the walk started again from step 1 (a trial). A forward-mode
pass is kept alike, from the same leaf (trial 58: an edit ended it, saying
"run Backward again"). An edit that
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
from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from core.explain.forward_replay import AnyReplay, ForwardReplay
from core.explain.replay import Replay
from core.graph.backward import BackwardResult, backward
from core.graph.errors import GraphError
from core.graph.forward_mode import ForwardResult, forward_mode
from core.graph.model import GraphModel
from gui.backward.animator import Animator

#: What the status line says when an edit clears the pass on screen, and its short form.
CLEARED = (
    "The graph changed, so the gradients were cleared: run Backward (Ctrl+B) again.",
    "gradients cleared: run Backward (Ctrl+B) again",
)
CLEARED_FORWARD = (
    "The graph changed, so the tangents were cleared: run Forward Mode (Shift+F5) again.",
    "tangents cleared: run Forward Mode (Shift+F5) again",
)
Result = BackwardResult | ForwardResult


def cleared_text(replay: object) -> tuple[str, str]:
    """What to say when an edit clears ``replay`` (a pass of either kind): how to run it again."""
    return CLEARED_FORWARD if isinstance(replay, ForwardReplay) else CLEARED


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
    def rerun_pass(
        self, replay: AnyReplay, result: Result, numbers: list, pos: int, playing: bool
    ) -> None: ...


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
        if rewired or not isinstance(h.replay, (Replay, ForwardReplay)) or h.refusal():
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
        if self._shown != self._asked_at or not a.active or not isinstance(rp, (Replay, ForwardReplay)):
            return  # another pass is shown by now, or none
        pos, playing = a.pos, a.playing
        try:
            again = self._again(rp)
        except (GraphError, ArithmeticError, ValueError) as e:  # (said as an edit's clearing)
            log.debug("rerun from %r failed: %s", rp.root, e)
            again = None
        if again is None or again[0].last != rp.last or self._rewires != self._asked:
            a.clear()
            h.say(cleared_text(rp)[0])
            return
        new, result, numbers = again
        # (a rename said "The numbers changed", a check of trial 49's fixes: none had)
        same = _numbers(rp.result) == _numbers(result)
        h.rerun_pass(new, result, numbers, pos, playing)
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

    def _again(self, rp: AnyReplay) -> tuple[AnyReplay, Result, list] | None:
        """``rp``'s pass computed on the graph as it is now, from the same root
        (forward mode: the same leaf), with the numbers that set its colours."""
        m = self._host.model
        if isinstance(rp, ForwardReplay):
            if rp.wrt not in m:
                return None
            fwd = forward_mode(m, rp.wrt)
            return ForwardReplay.of(fwd, m), fwd, [fwd.tangents[n] for n in fwd.order]
        if rp.root not in m:
            return None
        back = backward(m, rp.root)
        return self._host.make_replay(back), back, list(back.steps.grads().values())


def _numbers(result: Result) -> tuple[Mapping, Mapping]:
    """A pass's values and what it carries (gradients, or forward mode's tangents)."""
    if isinstance(result, ForwardResult):
        return result.values, result.tangents
    return result.values, result.steps.grads()
