"""What a node of a backward pass received, and the sums it is written as.

Each contribution a node received (``Received``: local derivative × upstream
gradient, from which step and port), listed when first asked for
(``Contributions``: a pass over a big graph makes no record per wire up
front), and the text of a sum of them that adds up on paper (``sum_text``).
Apart from the replay (core/explain/replay.py), which reads them step by
step, as forward mode's texts do (core/explain/forward_text.py)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from core.explain.equation import Numbers, Pins, said, said_term, summed
from core.graph.backward import PassSteps


class Received(NamedTuple):
    """One contribution a node received: ``amount = local x upstream`` (a
    named tuple: a pass makes one per wire, twice as fast as a frozen dataclass)."""

    step: int  # index of the step that sent it
    source: str  # the consumer that passed it back
    port: int  # which input of the consumer
    local: float
    upstream: float
    amount: float


def term(v: float, first: bool = False, pins: Pins | None = None) -> str:
    """A number as a term of a sum: negatives after the first in parentheses (as the banner
    writes it: equation.said)."""
    return said_term(v, first, pins)


def sum_text(
    terms: list[float], total: float | None, most: int | None = None, pins: Pins | None = None
) -> str:
    """``6 + (−2) = 4``, or just ``4`` for one term, written so that it adds
    up on paper (:func:`core.explain.equation.summed`); with more than ``most``
    terms (a banner, a note under a card) the first two and the last:
    ``1 + 2 + … + 9 (9 parts) = 45``; ``pins``: the view's (equation.Pins)."""
    if len(terms) <= 1:
        return said(total, pins)
    if most is not None and len(terms) > most:
        # (one precision; parts left out: no check)
        n = Numbers(terms[0], terms[1], terms[-1], total, pins=pins)
        shown = [n.term(terms[0], True), n.term(terms[1]), "…", n.term(terms[-1])]
        return " + ".join(shown) + f" ({len(terms)} parts) = " + n.num(total)
    return summed(terms, total, pins)  # (it adds up on paper: equation.Numbers.fit, verify 51)


#: The most terms a sum in a banner or a note under a card writes out.
BRIEF = 6


def which_input(inputs: Sequence[str], port: int) -> str:
    """`` (input 2)`` when the same node feeds several inputs (``a + a``),
    so the two wires' captions differ; else nothing."""
    return f" (input {port + 1})" if list(inputs).count(inputs[port]) > 1 else ""


class Contributions(Mapping[str, list[Received]]):
    """node -> the contributions it received, in the order the engine added
    them (step by step, input by input). A node's list is made when it is
    first asked for: a step shows a few nodes, so starting a pass on a big
    graph does not make one record per wire up front."""

    def __init__(self, steps: PassSteps, order: Sequence[str], past: Mapping[str, object]) -> None:
        self._steps, self._order, self._past = steps, order, past  # (past: its nodes, as keys)
        self._made: dict[str, list[Received]] = {}
        self._locals: dict[int, tuple] = {}  # step -> its local derivatives

    def __getitem__(self, node: str) -> list[Received]:
        got = self._made.get(node)
        if got is None:
            if node not in self._past:
                raise KeyError(node)
            steps, local = self._steps, self._locals
            got = self._made[node] = []
            if node == self._order[0]:  # the root: no step comes before it (the start's Chain Rule asks)
                return got
            for k, p in steps.senders(node):  # the pass kept who sent what
                s = steps[k]
                if k not in local:
                    local[k] = s.locals  # computed when read: once a step
                got.append(Received(k, s.node, p, local[k][p], s.upstream, s.contributions[p]))
        return got

    def get(self, node: str, default=None):  # Mapping's, without its try/except
        got = self._made.get(node)
        if got is not None:
            return got
        return self[node] if node in self._past else default

    def __contains__(self, node: object) -> bool:
        return node in self._past

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)
