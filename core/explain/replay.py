"""What the canvas shows at each point of a backward pass, derived from its steps.

A replay has ``len(steps) + 1`` positions. Position 0 is the start: only the
root holds a gradient (1). Position ``p > 0`` shows step ``p - 1`` as the
current one, with its contributions already added to its inputs. The last
position is the finished pass; it still shows the last step (usually a leaf
getting its final gradient) as the current one, so that step is seen too.

Every number is recomputed from the recorded contributions (summed from -0.0
in the order the engine added them), never kept as running state, so stepping
back is exact and the final numbers equal the core's bit for bit. Nothing here
imports Qt, so it is tested without a display.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from core.explain.equation import Pins, said, step_places
from core.explain.grad_origins import GradOrigins
from core.explain.names import (
    LabelsShared,
    SentenceNames,
    constant_name,
    is_gradient_name,
    is_number,
    node_name,
)
from core.explain.received import BRIEF, Contributions, Received, sum_text, term, which_input
from core.graph.backward import BackwardResult, GraphStep, PassSteps
from core.graph.gradient_flow import Wire, sent_back
from core.graph.groups import GroupSet

#: Highlight kinds, as ``NodeItem.set_highlight`` takes them.
CURRENT, INPUT, DONE, DIM = "current", "input", "done", "dim"

#: A jump over more steps than this redraws everything instead of a diff.
_DIFF_LIMIT = 64


#: A label as it reads inside a formula: ``(x1*w1 + x2*w2).grad``, ``x1[1].grad``
#: (core/explain/names.py: the one rule for a node's name in what the app says).
operand = node_name


class ModelNames(Protocol):
    """What :meth:`Replay.of` reads of a graph model (core.graph.model.GraphModel)."""

    groups: GroupSet

    def label(self, node_id: str) -> str: ...
    def nonfinite_reason(self, node_id: str) -> str | None: ...
    def attr_table(self) -> Mapping[str, Mapping[str, Any]]: ...


class Replay:
    """The display state of one backward pass at any position."""

    #: what the cards and the Order list call the number shown
    quantity = "grad"

    def __init__(
        self,
        result: BackwardResult,
        label: Callable[[str], str] = str,
        value_reason: Callable[[str], str | None] | None = None,
        named: Callable[[str], str] | None = None,
    ) -> None:
        """``value_reason(id)`` says why a node's value is inf/nan
        (``GraphModel.nonfinite_reason``); it explains inf/nan gradients.
        ``named(id)``: a node in a sentence about a step (the banner), told
        apart from nodes sharing its label (names.SentenceNames); else as
        :attr:`label`."""
        self.result = result
        self.value_reason = value_reason
        self.steps: PassSteps = result.steps  # each step's record made when read
        self.root = result.root
        self._label = label
        self.label = lambda n: operand(label(n))
        self.named: Callable[[str], str] = named or self.label
        #: A pass from a gradient's node (Build Gradient Graph's x.grad): its
        #: gradients are written ∂(x.grad)/∂x, not x.grad, which names a card of
        #: the graph (trial 52: the card "x.grad" showed 8, the banner "x.grad = 2")
        self.second = is_gradient_name(label(result.root))
        #: The Order list's heading of the gradients' column ("∂(x.grad)/∂node": each row's node;
        #: a bare "∂(x.grad)/∂" read as cut off)
        self.column = f"∂{self.label(self.root)}/∂node" if self.second else "grad"
        #: ``node`` where nothing follows it (a row of the Order list, "so
        #: x*y passes it back"): its label as it is, told apart as ``named``'s
        self.plain: Callable[[str], str] = named.plain if isinstance(named, SentenceNames) else label
        self._names = named if isinstance(named, SentenceNames) else None
        #: The nodes of the pass, as keys (its own gradients: one a node):
        #: whether a node is in it is asked without :attr:`rank`.
        self._past: Mapping[str, float] = result.steps.grads()
        self._rank: dict[str, int] | None = None
        self.origins = GradOrigins(self, label)  # where an inf/nan gradient came from
        self.received: Mapping[str, list[Received]] = Contributions(self.steps, result.order, self._past)
        self._pins: tuple[str, Pins] | None = None  # (a step's node, its pins): the step shown, asked often

    @classmethod
    def of(cls, result: BackwardResult, model: ModelNames) -> Replay:
        """``result`` in ``model``'s names: a label several nodes share told
        apart (by group or id) in its sentences, the labels read once, when
        a sentence first needs them."""
        named = SentenceNames(model.label, model.groups, LabelsShared(model.attr_table))
        return cls(result, model.label, model.nonfinite_reason, named)

    @property
    def names(self) -> SentenceNames | None:
        """The nodes' names the pass's sentences use, where it has them (:meth:`of`)."""
        return self._names

    @property
    def rank(self) -> dict[str, int]:
        """node -> its step's index (the root's 0), made when first read:
        the start shows none (a table of every node of the pass, ~3 ms of
        the Backward press at 50,000 nodes); the app makes it when idle
        after the first frame, or a step does first."""
        got = self._rank
        return self._make_rank() if got is None else got

    def _make_rank(self) -> dict[str, int]:
        order = self.result.order
        got = self._rank = dict(zip(order, range(len(order))))
        return got

    @property
    def rank_made(self) -> bool:
        """Is :attr:`rank` made yet (tests ask)?"""
        return self._rank is not None

    def file_tables(self) -> None:
        """Make what the steps read of the whole pass (who sent what to
        whom, :attr:`rank`) now: the app asks when idle after the press's
        first frame, which needs neither."""
        self.steps.sender_table()
        if self._rank is None:
            self._make_rank()

    def step_of(self, node: str) -> int:
        """The index of the step that passes ``node``'s gradient on (the
        root's is 0: asked at the start, with no :attr:`rank` made)."""
        return 0 if node == self.root else self.rank[node]

    def gname(self, name: str) -> str:
        """The gradient of the node written ``name`` (as :attr:`label` or
        :attr:`named` write it): ``x.grad``; in a pass from a gradient's
        node, ``∂(x.grad)/∂x`` (:attr:`second`)."""
        return f"∂{self.label(self.root)}/∂{name}" if self.second else f"{name}.grad"

    def quantity_of(self, node: str) -> str:
        """The number a card of ``node`` shows, named as the notes name it: ``e.grad``."""
        return self.gname(self.label(node))

    def seed(self, name: str) -> str:
        """The root's gradient at the start, ``name`` its name: ``f.grad =
        ∂f/∂f = 1`` (in a pass from a gradient's node, ``∂(x.grad)/∂(x.grad) = 1``)."""
        return f"{self.gname(name)} = 1" if self.second else f"{name}.grad = ∂{name}/∂{name} = 1"

    @property
    def start_text(self) -> str:
        """What is known at the start: the root's gradient."""
        return f"{self.gname(self.label(self.root))} = 1"

    def constant_where(self, node: str) -> str | None:
        """A constant of the pass (a leaf whose label is its number, as
        imported code's ``1`` in ``e - 1``) named by where it is used: "1 (in
        e - 1)"; None for any other node. (A trial's banner read "(1, id
        const2) is a leaf", its Order list "(1)" twice.) Two constants whose
        names read the same are told apart as the Order list's rows are, by
        group, else id: "2 (in 2*n, id const3)" (verify 51: the exp form of
        tanh has two "2 (in 2*n)" with different gradients)."""
        name = self._constant_name(node)
        if name is None or self._names is None:
            return name
        where = self._names.among(node, self._constant_name)
        return name if where is None else f"{name[:-1]}, {where})"

    def _constant_name(self, node: str) -> str | None:
        label = self._label(node)
        if not is_number(label) or node not in self._past or self.steps[self.step_of(node)].inputs:
            return None
        uses = self.received[node]
        name = constant_name(label, [self._label(r.source) for r in uses])
        if len(uses) == 1:  # (2 + 2: two constants 2 in one node, told apart by their input)
            r = uses[0]
            others = [s for s in self.steps[self.step_of(r.source)].inputs if s != node]
            if any(self._label(s) == label for s in others):
                name = f"{name[:-1]}, input {r.port + 1})"
        return name

    def subject(self, node: str) -> str:
        """``node`` as a sentence's subject: :attr:`plain`, but a constant
        "the constant 1 (in e - 1)" (its gradient still "(1).grad")."""
        where = self.constant_where(node)
        return self.plain(node) if where is None else f"the constant {where}"

    def row_label(self, node: str) -> str:
        """``node`` in a list of the steps (the Order panel): its label as it
        is ("x*y", not "(x*y)": verify 50), but a constant "1 (in e - 1)"."""
        where = self.constant_where(node)
        return self._label(node) if where is None else where

    # ------------------------------------------------------------ positions
    @property
    def last(self) -> int:
        """The finished position."""
        return len(self.steps)

    def current(self, pos: int) -> GraphStep | None:
        """The step shown as current at ``pos`` (None at the start)."""
        return self.steps[pos - 1] if pos > 0 else None

    def pins(self, pos: int) -> Pins:
        """The places the numbers of the step shown at ``pos`` take in the banner's products
        (equation.step_places), at least, in every text shown with it: its captions, its notes,
        the Chain Rule (the banner's "× 0.050887" was "× 0.05089" beside it, trial 64 #8)."""
        step = self.current(min(pos, self.last))
        if step is None or pos > self.last:
            return {}
        return self._step_pins(step)

    def _step_pins(self, step: GraphStep) -> Pins:
        if not step.inputs:
            return {}
        if self._pins is None or self._pins[0] != step.node:  # (each port's caption asks: made once)
            pairs = list(zip(step.locals, step.contributions, strict=True))
            self._pins = (step.node, step_places(step.upstream, pairs))
        return self._pins[1]

    def ends(self) -> list[str]:
        """The root and the leaves of the pass (what the finished picture keeps in view)."""
        return [self.root, *self.steps.leaf_nodes()]

    def summed(self, limit: int | None = None) -> list[str]:
        """The nodes whose gradient is a sum of several contributions, in
        order (the first ``limit``)."""
        return self.steps.summed_nodes(limit)

    def in_past(self, node: str) -> bool:
        """Does the root depend on ``node`` (or is it the root)?"""
        return node in self._past

    # ------------------------------------------------------------ numbers
    def received_before(self, node: str, pos: int) -> list[Received]:
        """Contributions ``node`` has received at ``pos`` (steps < pos)."""
        if pos >= len(self.steps):  # the finished pass: all of them
            return list(self.received.get(node, ()))
        out = []
        for r in self.received.get(node, ()):
            if r.step >= pos:
                break
            out.append(r)
        return out

    def grad(self, node: str, pos: int) -> float | None:
        """The gradient shown at ``pos``: None until the node gets its first
        contribution (and for nodes the root does not depend on)."""
        if node == self.root:
            return 1.0
        if pos >= len(self.steps):  # the finished pass: the pass's own sum, as it added it
            steps = self.steps
            return steps.final_grad(node) if node in self._past and steps.received_count(node) else None
        if pos <= 0:  # the start: nothing received yet (no record made to say so)
            return None
        got = self.received_before(node, pos)
        if not got:
            return None
        g = -0.0  # as the engine resets it: a lone -0.0 keeps its sign
        for r in got:
            g += r.amount
        return g

    def sent_back(self, wires: Iterable[Wire], pos: int) -> float | None:
        """What the ``wires`` carried back by ``pos``, summed as the pass
        added it (core.graph.gradient_flow.sent_back): a folded group's
        gradient to an input across its boundary; None until one has."""
        return sent_back(self.steps, self.rank, wires, None if pos >= self.last else max(0, pos))

    # ------------------------------------------------------------ looks
    def highlight(self, node: str, pos: int) -> str | None:
        if node not in self._past:
            return DIM
        if pos >= self.last:
            # the last step stays current on the finished picture: the
            # learner sees its node (usually a leaf) get its final gradient
            return CURRENT if self.steps and node == self.steps[-1].node else DONE
        if pos == 0:
            return INPUT if node == self.root else None
        cur = pos - 1
        r = self.rank[node]
        if r < cur:
            return DONE
        if r == cur:
            return CURRENT
        if node in self.steps[cur].inputs:
            return INPUT
        return None

    def note(self, node: str, pos: int) -> str | None:
        """The caption by a node: how its gradient was just made."""
        if node not in self._past:
            return None
        name = self.label(node)
        if node == self.root:
            if pos == 0:
                return self.seed(name)
            return None
        if pos >= self.last and not (self.steps and node == self.steps[-1].node):
            return self.end_note(node)
        step = self.current(min(pos, self.last))  # the finished picture: the last step's
        if step is None:
            return None
        if step.node == node and not step.inputs:
            parts = self.steps.amounts(node)
            if len(parts) > 1:  # every use sent its part: the += sum (the banner says why it is final)
                return f"{self.gname(name)} = {sum_text(parts, self.grad(node, pos), BRIEF)}  (final)"
            return f"{self.gname(name)} = {said(self.grad(node, pos))}  (final: a leaf passes nothing on)"
        if node not in step.inputs:
            return None
        got = self.received_before(node, pos)
        before = [r for r in got if r.step < pos - 1]
        now = [r.amount for r in got if r.step == pos - 1]
        terms = now
        if before:
            prior = -0.0
            for r in before:
                prior += r.amount
            terms = [prior] + now
        return f"{self.gname(name)} = " + sum_text(terms, self.grad(node, pos), pins=self.pins(pos))

    def end_note(self, node: str) -> str | None:
        """The caption by a node once the pass is finished, the last step's
        node as any other (the finished picture's): the sum of a gradient
        made of several parts, else none."""
        if node not in self._past or node == self.root:
            return None
        amounts = self.steps.amounts(node)  # no records made: Skip to End asks for every node
        if len(amounts) < 2:
            return None
        return f"{self.gname(self.label(node))} = " + sum_text(amounts, self.grad(node, self.last), BRIEF)

    def flow_text(self, step: GraphStep, port: int) -> str:
        """The caption on the wire into ``step.node``'s input ``port``."""
        inp = self.label(step.inputs[port])
        pins = self._step_pins(step)  # (its numbers as the banner's product of this step writes them)
        return (
            f"{self.gname(inp)} += {self.gname(self.label(step.node))} × {term(step.locals[port], pins=pins)}"
            f" = {said(step.contributions[port], pins)}" + which_input(step.inputs, port)
        )

    def flows(self, pos: int) -> list[tuple[str, str, int, str]]:
        """(source, target, port, caption) for every wire lit at ``pos``."""
        if pos >= self.last:
            return []
        step = self.current(pos)
        if step is None:
            return []
        return [(inp, step.node, p, self.flow_text(step, p)) for p, inp in enumerate(step.inputs)]

    def nonfinite_origin(self, node: str, pos: int) -> str | None:
        """Where a non-finite gradient shown at ``pos`` came from, in words."""
        return self.origins.text(node, pos)

    def nonfinite_source(self, node: str, pos: int) -> str | None:
        """The node whose local derivative (or product) made ``node``'s
        gradient inf/nan at ``pos``; None where there is none, or a sum overflowed."""
        return self.origins.source(node, pos)

    def nonfinite_cause(self, node: str, pos: int) -> str | None:
        """The same, short enough for a caption under a card."""
        return self.origins.cause(node, pos)

    @property
    def origin_walks(self) -> int:
        """Nodes the inf/nan walk has visited (tests check it stays linear)."""
        return self.origins.walks

    # ------------------------------------------------------------ diffs
    def touched(self, pos: int) -> set[str]:
        """Nodes whose highlight or note depends on ``pos`` being current."""
        if pos == 0:
            return {self.root}
        if pos >= self.last:
            return set(self._past)
        step = self.steps[pos - 1]
        return {step.node, *step.inputs}

    def changed_between(self, a: int, b: int) -> set[str] | None:
        """Nodes that look different at ``b`` than at ``a``; None means all."""
        lo, hi = min(a, b), max(a, b)
        if hi - lo > _DIFF_LIMIT or hi >= self.last:
            return None
        out = self.touched(a) | self.touched(b)
        for k in range(lo, hi):
            s = self.steps[k]
            out.add(s.node)
            out.update(s.inputs)
        return out
