"""Help › Tutorial: a short guided path, as data and pure checks.

Each :class:`Step` has a text and a check, a pure function of a
:class:`State` (the model, the backward pass on screen, the training done
while the tutorial runs): the step is done when the learner has actually
done it in the model, whatever button or key they used. :class:`Progress`
moves along the steps; the window only builds the state and shows the step.
The checks find nodes by their label (what the learner typed), never by id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.explain.equation import Numbers
from core.explain.format import fmt
from core.learn import tutorial_hints as hints
from core.learn.tutorial_find import ACTIVATIONS as ACTIVATIONS
from core.learn.tutorial_find import leaves, neurons, node_d, node_e, node_L, shared_nodes

if TYPE_CHECKING:
    from core.graph.backward import BackwardResult
    from core.graph.model import GraphModel

#: Examples the steps open (resources/examples/<stem>.mgraph).
SHARED_EXAMPLE = "accumulate_a_plus_a"
NEURON_EXAMPLE = "neuron_tanh"


@dataclass(frozen=True)
class State:
    """What the checks look at: the graph, the pass on screen, the training."""

    model: GraphModel
    #: The backward pass shown on the canvas (None when none is shown).
    backward_pass: BackwardResult | None = None
    #: True when the pass shown has reached its last step.
    pass_at_end: bool = False
    #: Gradient-descent steps applied (Train) since the tutorial started.
    trained_steps: int = 0
    #: A box over a card is open (a new leaf's name being typed): no hint judges the graph
    #: before its Enter (t71 #1: "double-click its name…" stood beside the open box).
    typing: bool = False


@dataclass(frozen=True)
class Step:
    """One thing to do. ``action`` names a helper button the panel may
    offer ("new": an empty graph; "example:STEM": open that example)."""

    part: str
    title: str
    text: str
    done: Callable[[State], bool]
    #: What the panel says once the step is done (may use the state's numbers).
    praise: Callable[[State], str] = lambda s: ""
    action: str | None = None
    action_text: str = ""
    #: Words shown under the text while the step is not done yet (a hint).
    todo: Callable[[State], str] = field(default=lambda s: "")
    #: The Palette entry (an op) the step asks for, to point at.
    palette: str = ""
    #: The leaf the step asks for before ``palette``'s node: Value is pointed at until it is placed.
    leaf_first: str = ""
    #: Its praise stands once it is done, whatever comes after (a training step taken);
    #: else the praise is said only while the state still passes the step (its numbers, now).
    lasting: bool = False

    def palette_now(self, s: State) -> str:
        """The Palette entry the step needs next: Value while its leaf is not
        placed, then its operation (a trial, 71 #12: the step asked first for
        a leaf c = 10 while the Palette lit Add)."""
        if self.leaf_first and not leaves(s.model, self.leaf_first):
            return "leaf"
        return self.palette


def _pass_root(s: State) -> str | None:
    p = s.backward_pass
    return p.root if p is not None and p.root in s.model else None


# ------------------------------------------------------------------ the checks
def is_empty(s: State) -> bool:
    return len(s.model) == 0


def has_a(s: State) -> bool:
    return bool(leaves(s.model, "a"))


def has_b(s: State) -> bool:
    return bool(leaves(s.model, "b"))


def has_e(s: State) -> bool:
    return bool(node_e(s.model))


def has_d(s: State) -> bool:
    return bool(node_d(s.model))


def has_L(s: State) -> bool:
    return bool(node_L(s.model))


def backward_on_L_done(s: State) -> bool:
    root = _pass_root(s)
    return s.pass_at_end and root is not None and root in node_L(s.model)


def has_shared_node(s: State) -> bool:
    used: set[str] = set()  # stops at the first second use
    for sources in s.model.input_table().values():
        for x in sources:
            if x is not None:
                if x in used:
                    return True
                used.add(x)
    return False


def backward_on_shared_done(s: State) -> bool:
    return s.pass_at_end and bool(_shared_in_pass(s))


def has_neuron(s: State) -> bool:
    return bool(neurons(s.model, first_only=True))


def trained(s: State) -> bool:
    return s.trained_steps >= 1 and has_neuron(s)


def _shared_in_pass(s: State) -> list[str]:
    root = _pass_root(s)
    if root is None:
        return []
    return shared_nodes(s.model, s.model.past(root))


# ------------------------------------------------------------------ texts from numbers
def accumulation(s: State) -> str:
    """How the shared node's gradient was summed in the pass shown, e.g.
    "a.grad = 1 + 1 = 2"; empty when no pass shows one."""
    p, shared = s.backward_pass, _shared_in_pass(s)
    if p is None or not shared:
        return ""
    n = shared[0]
    parts = [c for st in p.steps for i, c in zip(st.inputs, st.contributions) if i == n]
    if len(parts) < 2:
        return ""
    total = p.grads[n]
    num = Numbers(*parts, total)  # (it adds up on paper, as the banner's sums: equation.Numbers.fit)
    eq = num.fit("+", parts, total)
    terms = " + ".join(num.term(c) for c in parts)  # (each negative in brackets: "(−6) + 3")
    name = s.model.label(n)
    return f"{name}.grad = {terms} {eq} {num.num(total)}: each use of {name} added its share (+=)"


def _shared_name(s: State) -> str:
    shared = shared_nodes(s.model)
    return s.model.label(shared[0]) if shared else "a"


def _value(s: State, name: str) -> str:
    """The number of the leaf (or node) called ``name`` the steps found, as the cards show it."""
    found = leaves(s.model, name) if name in hints.LEAVES else {"e": node_e, "d": node_d}[name](s.model)
    return fmt(s.model.value(found[0])) if found else "?"


def _leaf_praise(s: State, name: str, extra: str = "") -> str:
    """ "a = 3 is a leaf…", and where the number is not the lecture's, that the steps go on with it."""
    value, lecture = _value(s, name), hints.LEAVES[name].replace("-", "−")
    mine = "" if value == lecture else f" (The lecture's is {lecture}; the steps go on with yours.)"
    return f"{name} = {value}{extra}.{mine}"


def _lecture_grads(s: State) -> str:
    """The gradients of a, b, c and f in the pass shown, as its cards show them."""
    p, root = s.backward_pass, _pass_root(s)
    if p is None or root is None:
        return ""
    past = s.model.past(root)
    said = []
    for name in hints.LEAVES:
        n = next((n for n in leaves(s.model, name) if n in past and n in p.grads), None)
        if n is not None:
            said.append(f"{name}.grad = {fmt(p.grads[n])}")
    return f"Every gradient of L: {', '.join(said)}."


def _pass_hint(s: State) -> str:
    return hints.pass_hint(s.model, _pass_root(s), s.pass_at_end)


def _shared_hint(s: State) -> str:
    """Which card to watch (the node used twice), and how to go on."""
    shared = shared_nodes(s.model)
    if not shared:
        return "This graph has no node used twice: go Back one step and open b = a + a."
    name = s.model.label(shared[0])
    if s.backward_pass is not None and not s.pass_at_end:
        return f"Watch {name}.grad: press → (Step) until the last step, or End."
    return f"Watch {name}: it is used twice, so two contributions will reach its gradient."


def _train_hint(s: State) -> str:
    return "" if has_neuron(s) else "The neuron has gone: go Back one step to bring it in again."


#: The lecture's first graph, kept on one line (no-break spaces).
L_FORMULA = "L = (a·b + c)·f".replace(" ", "\u00a0")
BUILD = f"Build {L_FORMULA}"
STEPS: list[Step] = [
    Step(
        BUILD,
        "Start on an empty canvas",
        f"You will build the lecture's first graph, {L_FORMULA}, by hand. "
        "Start an empty graph: <b>File › New</b> (Ctrl+N).",
        is_empty,
        praise=lambda s: "An empty canvas.",
        action="new",
        action_text="New empty graph",
    ),
    Step(
        BUILD,
        "Place a leaf a = 2",
        "Drag <b>Value</b> from the Palette onto the canvas (or press <b>Tab</b> on the "
        "canvas and type <i>value</i>). Then type <b>a = 2</b> and press Enter.",
        has_a,
        praise=lambda s: _leaf_praise(s, "a", " is a leaf: a number you choose"),
        todo=lambda s: hints.leaf_hint(s.model, "a"),
        palette="leaf",
    ),
    Step(
        BUILD,
        "Place a leaf b = −3",
        "Another Value, below a: type <b>b = -3</b> and Enter.",
        has_b,
        praise=lambda s: _leaf_praise(s, "b"),
        todo=lambda s: hints.leaf_hint(s.model, "b"),
        palette="leaf",
    ),
    Step(
        BUILD,
        "Multiply: e = a·b",
        "Drag <b>× Multiply</b> to the right of a and b. Wire it: drag from a's output "
        "(the dot on the right of its card) to an input of × (a dot on its left), "
        "then b into the other input. Double-click its name (top left of the card) and type <b>e</b>.",
        has_e,
        praise=lambda s: f"e = a·b = {fmt(s.model.value(node_e(s.model)[0]))}." if has_e(s) else "",
        todo=lambda s: hints.made_hint(s.model, "e"),
        palette="mul",
    ),
    Step(
        BUILD,
        "Add: d = e + c",
        "Place a leaf <b>c = 10</b> and a <b>+ Add</b> node. Wire <b>e into d</b>: "
        "e's output into one input of +, c into the other. Name the + node <b>d</b>.",
        has_d,
        praise=lambda s: f"d = e + c = {_value(s, 'd')}.",
        todo=lambda s: hints.made_hint(s.model, "d"),
        palette="add",
        leaf_first="c",
    ),
    Step(
        BUILD,
        "Multiply: L = d·f",
        "Place a leaf <b>f = -2</b> and a <b>×</b> node; wire d and f into it and name it "
        "<b>L</b>. The cards show the values as you wire (with the lecture's numbers, L = −8).",
        has_L,
        praise=lambda s: f"You built {L_FORMULA}, the lecture's graph.",  # (stays up while values change)
        todo=lambda s: hints.made_hint(s.model, "L"),
        palette="mul",
        leaf_first="f",
    ),
    Step(
        "Backward",
        "Run Backward from L",
        "Press <b>Backward</b> (Ctrl+B). L.grad starts at 1. Press <b>→</b> (Step) to run the "
        "chain rule one node at a time: the banner says what each step does, the wires show "
        "what flows back. Step to the end (or press End).",
        backward_on_L_done,
        praise=_lecture_grads,
        todo=_pass_hint,
    ),
    Step(
        "A node used twice",
        "Open a graph that uses a node twice",
        "In b = a + a the leaf a feeds both inputs of +. Open it: "
        "<b>File › Examples › b = a + a</b> (or the button).",
        has_shared_node,
        praise=lambda s: f"{_shared_name(s)} is used twice.",
        action=f"example:{SHARED_EXAMPLE}",
        action_text="Open b = a + a",
    ),
    Step(
        "A node used twice",
        "Watch its gradient add up",
        "Run <b>Backward</b> (Ctrl+B) and step with <b>→</b>. Watch the card of the node used "
        "twice: each use adds its share to its gradient (<b>+=</b>), it never overwrites it "
        "(the blog post's first version wrote = instead of += and got a.grad = 1, not 2).",
        backward_on_shared_done,
        praise=accumulation,
        todo=_shared_hint,
    ),
    Step(
        "The neuron",
        "Bring in a neuron",
        "The lecture's neuron: o = tanh(x1·w1 + x2·w2 + b). Insert it with "
        "<b>Learn › Insert Neuron…</b> (2 inputs, tanh), or open the example.",
        has_neuron,
        praise=lambda s: "A neuron: the x's are its inputs, the w's and b its parameters.",
        action=f"example:{NEURON_EXAMPLE}",
        action_text="Open the neuron",
    ),
    Step(
        "Training",
        "One step of training",
        "Open <b>Learn › Train…</b>, set <b>Steps</b> to 1 and press <b>Start</b>: backward, "
        "then every parameter moves by −rate × grad, so the output (o, for the neuron) goes down "
        "a little.",
        trained,
        praise=lambda s: "One gradient-descent step: Edit › Undo takes it back.",
        todo=_train_hint,
        lasting=True,  # (the steps trained count for the step they were taken in only)
    ),
]

FINISH_TITLE = "That's the tour"
FINISH_TEXT = (
    "You built a graph, ran backward through it, saw gradients add up with += and trained a "
    "neuron. Next: <b>Learn › Gradient Check</b> compares gradients with finite differences, "
    "<b>What If…</b> replays the classic mistakes, <b>Quiz Mode</b> asks you for each gradient. "
    "Help › Tutorial brings this panel back."
)


@dataclass
class Progress:
    """Where the learner is: ``index`` into ``steps`` (``len(steps)``: finished).

    :meth:`update` moves on over every step whose check passes. After
    :meth:`back` a step that is already done is held (shown as done) until
    the learner presses Next (:meth:`skip`) or the state stops passing it.
    """

    steps: list[Step] = field(default_factory=lambda: list(STEPS))
    index: int = 0
    #: What the last completed step said (shown above the next one).
    praise: str = ""
    held: bool = False
    #: The index of that step (None: ``praise`` as given), whose praise is said again from the
    #: state as it is now (trial 69 #2: "✓ a = 2 is a leaf" stood after a was made 3).
    praised: int | None = None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.steps)

    @property
    def step(self) -> Step | None:
        return None if self.finished else self.steps[self.index]

    def update(self, state: State) -> int:
        """Move on over the steps the state completes; how many."""
        moved = 0
        while (step := self.step) is not None:
            if not step.done(state):
                self.held = False
                break
            if self.held:
                break
            self.praise, self.praised = step.praise(state), self.index
            self.index += 1
            moved += 1
        return moved

    def praise_now(self, state: State) -> str:
        """The ✓ line: the last completed step's praise, of the state as it is now;
        none once the state no longer passes that step (a lasting one's stands)."""
        if self.praised is None or self.praised >= len(self.steps):
            return self.praise
        step = self.steps[self.praised]
        if step.lasting:
            return self.praise
        return step.praise(state) if step.done(state) else ""

    def back(self, state: State) -> None:
        if self.index == 0:
            return
        self.index -= 1
        self.praise, self.praised = "", None
        step = self.step
        self.held = step is not None and step.done(state)

    def skip(self, state: State) -> None:
        """Next: on to the following step, done or not (then update)."""
        if self.finished:
            return
        self.index += 1
        self.praise, self.praised = "", None
        self.held = False
        self.update(state)

    def restart(self) -> None:
        self.index = 0
        self.praise, self.praised = "", None
        self.held = False
