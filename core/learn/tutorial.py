"""Help › Tutorial: a short guided path, as data and pure checks.

Each :class:`Step` has a text and a check, a pure function of a
:class:`State` (the model, the backward pass on screen, the training done
while the tutorial runs): the step is done when the learner has actually
done it in the model, whatever button or key they used. :class:`Progress`
moves along the steps; the window only builds the state and shows the step.
The checks find nodes by their label (what the learner typed), never by id.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.explain.equation import Numbers
from core.explain.format import fmt

if TYPE_CHECKING:
    from core.graph.backward import BackwardResult
    from core.graph.model import GraphModel

#: Examples the steps open (resources/examples/<stem>.mgraph).
SHARED_EXAMPLE = "accumulate_a_plus_a"
NEURON_EXAMPLE = "neuron_tanh"
ACTIVATIONS = ("tanh", "relu", "sigmoid")


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


# ------------------------------------------------------------------ finding nodes
def _close(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def named(m: GraphModel, label: str, op: str | None = None) -> list[str]:
    """Nodes labelled ``label`` (spaces around it ignored), of ``op`` if
    given: one pass over the node attributes, no copies (big graphs stay quick)."""
    return [
        n
        for n, a in m.graph.nodes(data=True)
        if (op is None or a["op"] == op) and str(a.get("label") or "").strip() == label
    ]


def leaves(m: GraphModel, label: str, value: float) -> list[str]:
    """Leaves labelled ``label`` holding ``value``."""
    return [n for n in named(m, label, "leaf") if _close(m.value(n), value)]


def ops_of(m: GraphModel, op: str, label: str | None, inputs: tuple[list[str], list[str]]) -> list[str]:
    """``op`` nodes (labelled ``label`` unless None) whose two inputs are one
    of ``inputs[0]`` and one of ``inputs[1]``, in either order."""
    first, second = set(inputs[0]), set(inputs[1])
    if not first or not second:
        return []
    table = m.input_table()
    candidates = named(m, label, op) if label is not None else [n for n in m.nodes() if m.op(n) == op]
    found = []
    for n in candidates:
        x, y = table[n]
        if (x in first and y in second) or (x in second and y in first):
            found.append(n)
    return found


def node_e(m: GraphModel) -> list[str]:
    """e = a·b with a = 2, b = −3."""
    if not named(m, "e", "mul"):  # (the common case on any other graph: one pass)
        return []
    return ops_of(m, "mul", "e", (leaves(m, "a", 2.0), leaves(m, "b", -3.0)))


def node_d(m: GraphModel) -> list[str]:
    """d = e + c with c = 10."""
    if not named(m, "d", "add"):
        return []
    return ops_of(m, "add", "d", (node_e(m), leaves(m, "c", 10.0)))


def node_L(m: GraphModel) -> list[str]:
    """L = d·f with f = −2: the lecture's first graph, whole."""
    if not named(m, "L", "mul"):
        return []
    return ops_of(m, "mul", "L", (node_d(m), leaves(m, "f", -2.0)))


def shared_nodes(m: GraphModel, among: set[str] | None = None) -> list[str]:
    """Nodes used twice or more (two wires out, to one node or two; a + a
    counts two), counting only consumers in ``among`` when given."""
    uses: Counter[str] = Counter()
    for target, sources in m.input_table().items():
        if among is None or target in among:
            uses.update(x for x in sources if x is not None)
    return [n for n, k in uses.items() if k >= 2 and (among is None or n in among)]


def neurons(m: GraphModel, first_only: bool = False) -> list[str]:
    """Activation nodes over a weighted sum: act(... x·w ... + b), with at
    least one product of two leaves in the sum and a leaf (the bias) added
    in it. Only the sum's own + and × nodes are walked, so a big graph costs
    little (``first_only``: stop at the first one found)."""
    attrs, table = m.graph.nodes, m.input_table()

    def is_leaf(n: str | None) -> bool:
        return n is not None and attrs[n]["op"] == "leaf"

    found = []
    for n, a in attrs(data=True):
        if a["op"] not in ACTIVATIONS:
            continue
        (s,) = table[n]
        if s is None or attrs[s]["op"] != "add":
            continue
        todo, seen, product, bias = [s], {s}, False, False
        while todo and not (product and bias):
            k = todo.pop()
            ins = table[k]
            if attrs[k]["op"] == "mul":
                product = product or all(is_leaf(i) for i in ins)
            elif attrs[k]["op"] == "add":
                bias = bias or any(is_leaf(i) for i in ins)
                fresh = [i for i in ins if i is not None and i not in seen]
                seen.update(fresh)
                todo.extend(fresh)
        if product and bias:
            found.append(n)
            if first_only:
                break
    return found


def _pass_root(s: State) -> str | None:
    p = s.backward_pass
    return p.root if p is not None and p.root in s.model else None


# ------------------------------------------------------------------ the checks
def is_empty(s: State) -> bool:
    return len(s.model) == 0


def has_a(s: State) -> bool:
    return bool(leaves(s.model, "a", 2.0))


def has_b(s: State) -> bool:
    return bool(leaves(s.model, "b", -3.0))


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


def _missing_e(s: State) -> str:
    m = s.model
    if ops_of(m, "mul", None, (leaves(m, "a", 2.0), leaves(m, "b", -3.0))):
        return "The × node is wired to a and b: now name it e (double-click its name)."
    return ""


def _missing_d(s: State) -> str:
    m = s.model
    if not leaves(m, "c", 10.0):
        return "First a leaf c = 10."
    if ops_of(m, "add", None, (node_e(m), leaves(m, "c", 10.0))):
        return "The + node is wired to e and c: now name it d."
    return ""


def _missing_L(s: State) -> str:
    m = s.model
    if not leaves(m, "f", -2.0):
        return "First a leaf f = −2."
    if ops_of(m, "mul", None, (node_d(m), leaves(m, "f", -2.0))):
        return "The × node is wired to d and f: now name it L."
    return ""


def _pass_hint(s: State) -> str:
    if s.backward_pass is not None and not s.pass_at_end:
        return "Press → (Step) until the last step, or End to jump there."
    return ""


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
        praise=lambda s: "a = 2 is a leaf: a number you choose.",
        palette="leaf",
    ),
    Step(
        BUILD,
        "Place a leaf b = −3",
        "Another Value, below a: type <b>b = -3</b> and Enter.",
        has_b,
        praise=lambda s: "b = −3.",
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
        todo=_missing_e,
        palette="mul",
    ),
    Step(
        BUILD,
        "Add: d = e + c",
        "Place a leaf <b>c = 10</b> and a <b>+ Add</b> node. Wire <b>e into d</b>: "
        "e's output into one input of +, c into the other. Name the + node <b>d</b>.",
        has_d,
        praise=lambda s: "d = e + c = 4.",
        todo=_missing_d,
        palette="add",
    ),
    Step(
        BUILD,
        "Multiply: L = d·f",
        "Place a leaf <b>f = -2</b> and a <b>×</b> node; wire d and f into it and name it "
        "<b>L</b>. The cards show the values as you wire: L = −8.",
        has_L,
        praise=lambda s: f"You built {L_FORMULA}, the lecture's graph.",  # (stays up while values change)
        todo=_missing_L,
        palette="mul",
    ),
    Step(
        "Backward",
        "Run Backward from L",
        "Press <b>Backward</b> (Ctrl+B). L.grad starts at 1. Press <b>→</b> (Step) to run the "
        "chain rule one node at a time: the banner says what each step does, the wires show "
        "what flows back. Step to the end (or press End).",
        backward_on_L_done,
        praise=lambda s: "Every gradient of L: a.grad = 6, b.grad = −4, c.grad = −2, f.grad = 4.",
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
            self.praise = step.praise(state)
            self.index += 1
            moved += 1
        return moved

    def back(self, state: State) -> None:
        if self.index == 0:
            return
        self.index -= 1
        self.praise = ""
        step = self.step
        self.held = step is not None and step.done(state)

    def skip(self, state: State) -> None:
        """Next: on to the following step, done or not (then update)."""
        if self.finished:
            return
        self.index += 1
        self.praise = ""
        self.held = False
        self.update(state)

    def restart(self) -> None:
        self.index = 0
        self.praise = ""
        self.held = False
