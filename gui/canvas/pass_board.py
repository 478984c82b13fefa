"""What a pass shows on every card of one scene, told once for them all.

A jump of the backward animation (starting a pass, Skip to End, Restart,
Clear) changes the gradient, highlight and note of every card. At 50,000
nodes, even telling each card "show this later" is a walk over every card,
and making every note (text, width) is most of a second. Instead the scene
keeps one board: a jump *retells* it (one counter goes up; ``look`` answers
what any card is to show now), and a card compares the counter it last saw
with the board's when it is drawn or read (gui/canvas/cards/card_decor.py): an
out-of-date card asks ``look`` for itself then. The animation brings the
cards in view (and the ones the far-zoom overview colours as current) up to
date at once; the rest catch up as they come into view.

Plain Python: no Qt, so the bookkeeping costs nothing per card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

#: A wire: source, target, input port.
Key = tuple[str, str, int]

#: What a card shows of a pass: gradient, its name, highlight, note.
Look = tuple[float | None, str, str | None, str | None]
#: A node's gradient alone.
GradOf = Callable[[str], float | None]


def nothing(_node: str) -> Look:
    """No pass: no gradient, highlight or note."""
    return None, "grad", None, None


def _no_grad(_node: str) -> float | None:
    return None


class Flow(NamedTuple):
    """What a backward pass on screen has sent along the wires so far (a
    folded group's rows: what crosses its boundary, not the whole gradient
    of the node a row names)."""

    #: The node the pass starts from (its gradient, 1, is seeded, not sent).
    root: str
    #: What the wires given carried back by the position shown, summed (None: none yet).
    sent_back: Callable[[Iterable[Key]], float | None]


class Clock:
    """One counter for every board: a card that saw its value is up to date
    with every board (the fast path of a read), until some board is retold."""

    __slots__ = ("now",)

    def __init__(self) -> None:
        self.now = 0


#: The clock the cards compare with (one GUI thread).
CLOCK = Clock()
#: The clock of the values retold (``PassBoard.values_retold``): apart from the
#: pass's, so a step of a pass sends no card to ask whether its value is out of date.
VALUES = Clock()


class PassBoard:
    """One scene's pass, as its out-of-date cards ask for it."""

    __slots__ = (
        "epoch",
        "values_at",
        "look",
        "grad",
        "active",
        "current",
        "retold",
        "quantity",
        "flow",
        "still",
    )

    def __init__(self) -> None:
        #: The clock's value at the last retelling: a card that saw an
        #: older value is out of date (-1: never told anything).
        self.epoch = -1
        #: The values clock when the model's values last changed for more
        #: cards than were told one by one (``values_retold``).
        self.values_at = -1
        self.look: Callable[[str], Look] = nothing
        #: ``look``'s gradient alone, without the note it makes (the far
        #: overview tints every block by it: gui/canvas/cards/grad_tint.py).
        self.grad: GradOf = _no_grad
        #: True while ``look`` shows a pass (not ``nothing``).
        self.active = False
        #: The nodes whose card draws the "current" highlight (the block the
        #: far overview colours): brought up to date at once on a retelling.
        self.current: set[str] = set()
        #: Retellings so far (tests count them).
        self.retold = 0
        #: What the pass's numbers are: "grad", or a tangent's "d/da" in forward mode.
        self.quantity = "grad"
        #: A backward pass's flow along the wires at the position shown
        #: (set at each position drawn; None: no backward pass on screen).
        self.flow: Flow | None = None
        #: Forward mode's: True for a node that does not depend on the seeded
        #: leaf, whose tangent is 0 (its card shows none: dimmed); else None.
        self.still: Callable[[str], bool] | None = None

    def retell(
        self,
        look: Callable[[str], Look],
        active: bool = True,
        grad: Callable[[str], float | None] | None = None,
        quantity: str = "grad",
        still: Callable[[str], bool] | None = None,
    ) -> None:
        """From now on every card shows what ``look`` says (when it next
        draws or is read), unless told otherwise one by one; ``grad``, when
        given, answers ``look(n)[0]`` at less cost; ``quantity``: what its
        numbers are; ``still``: forward mode's nodes whose tangent is 0 (``self.still``)."""
        CLOCK.now += 1
        self.epoch = CLOCK.now
        self.look = look
        self.grad = grad if grad is not None else (lambda n: look(n)[0])
        self.active = active
        self.quantity = quantity
        self.still = still
        self.retold += 1

    def stale(self, seen: int) -> bool:
        """Is a card that last saw the clock at ``seen`` out of date?"""
        return self.epoch > seen

    def values_retold(self) -> None:
        """The model's values changed for many cards (an edit feeding 36,000
        nodes): those not told at once take their node's value when they
        next catch up (come into view or are read), as a pass is retold."""
        VALUES.now += 1
        self.values_at = VALUES.now
