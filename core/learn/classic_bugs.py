"""The classic backprop mistakes, replayed on the user's graph.

Each buggy variant is its own small backward walker over fresh ``Value``
objects of the graph, using the op table's gradient rules; the correct engine
is never touched, and the model is only read. A replay returns the buggy
gradients beside the correct ones, with the nodes where they differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.autograd.engine import Value, topological_order
from core.autograd.floats import equal_or_both_nan
from core.graph.backward import backward
from core.graph.build import build_values
from core.graph.errors import InvalidValueError

if TYPE_CHECKING:
    from core.graph.model import GraphModel


def assign_walker(root: Value) -> None:
    """Topological order, but ``child.grad = ...`` instead of ``+=``: a node
    used twice keeps only the last contribution."""
    for v in topological_order(root):
        v.grad = 0.0
    root.grad = 1.0
    for v in topological_order(root):
        for c, g in zip(v.inputs, v.contributions(v.grad)):
            c.grad = g


def twice_walker(root: Value) -> None:
    """``root.backward()`` called twice with no zeroing in between, as
    micrograd runs it: the second call sets the root's gradient to 1 again
    and walks the same order, every other node starting from what the first
    left, so each passes its stale gradient along with the new."""
    order = topological_order(root)
    for v in order:
        v.grad = 0.0
    for _ in range(2):
        root.grad = 1.0
        for v in order:
            for c, g in zip(v.inputs, v.contributions(v.grad)):
                c.grad += g


def depth_first_walker(root: Value) -> None:
    """A depth-first walk from the root that handles each node once, as soon
    as it is reached, instead of after all of its consumers."""
    for v in topological_order(root):
        v.grad = 0.0
    root.grad = 1.0
    seen = set()
    stack = [root]
    while stack:  # preorder, children in port order: what the recursion does
        v = stack.pop()
        if id(v) in seen:
            continue
        seen.add(id(v))
        for c, g in zip(v.inputs, v.contributions(v.grad)):
            c.grad += g
        stack.extend(reversed(v.inputs))


@dataclass(frozen=True)
class Bug:
    key: str
    title: str  # menu text
    explanation: str  # one paragraph for the app
    walker: Callable[[Value], None]
    when: str  # exactly which graphs show the mistake (said when this one does not)


BUGS: dict[str, Bug] = {
    b.key: b
    for b in (
        Bug(
            "assign",
            "“=” instead of “+=”",
            "Each node's _backward sets its inputs' gradients with “=” instead of adding to them "
            "with “+=”. That is harmless while every value is used once, but when a node feeds "
            "several places (a + a, or a shared input) each later contribution overwrites the "
            "earlier ones instead of adding to them: for b = a + a the walker says a.grad = 1, "
            "while the multivariable chain rule says the two paths add up to 2. This is the bug of "
            "the blog post “Backpropagation from scratch”, and the reason micrograd writes +=.",
            assign_walker,
            "It shows wherever a node is used more than once: in two ports of one node "
            "(a + a) or by two nodes (a shared input).",
        ),
        Bug(
            "twice",
            "Backward twice without zeroing",
            "Backward is called a second time (L.backward(); L.backward()) without zeroing the "
            "gradients first. The root's gradient is set to 1 again, but every other node keeps "
            "the first pass's, adds the new contributions to it (+=) and passes the sum along, so "
            "the error grows with depth: on the lecture's L, f.grad = 8 where 4 is right and "
            "a.grad = 24 where 6 is right, as micrograd gives. In a training loop this is "
            "forgetting “p.grad = 0.0” before “loss.backward()”: the parameters' gradients pile up.",
            twice_walker,
            "It shows on every node but the root whose gradient is not zero.",
        ),
        Bug(
            "dfs",
            "Depth-first order instead of topological order",
            "The walker visits the graph depth-first from the root and runs each node's _backward "
            "as soon as it reaches it, instead of in topological order. A node's gradient is only "
            "complete once every node that uses it has passed its share back; when a node is used "
            "twice, the depth-first walk can pass its gradient on before the second use has added "
            "its part, and that part never reaches the inputs. For c = a + b, d = a·b, e = c + d, "
            "f = c·d, y = e + f at a = 2, b = 3, the walk reaches c through e and hands c.grad = 1 "
            "down to a and b before f adds its 6: it gives a.grad = 4, b.grad = 3 instead of the "
            "right 25 and 19.",
            depth_first_walker,
            "It shows only where a node is used by two different nodes and the walk reaches it "
            "through one of them before the other has passed its share back (c in e = c + d, "
            "f = c·d). a + a is safe: both uses belong to one node, which passes both shares "
            "back at once.",
        ),
    )
}


@dataclass
class BugReplay:
    bug: Bug
    root: str
    correct: dict  # id -> gradient by the real engine
    buggy: dict  # id -> gradient by the buggy walker
    differs: list = field(default_factory=list)  # ids where they differ, backward order


def replay(model: GraphModel, key: str, root: str | None = None) -> BugReplay:
    """Run the buggy backward ``key`` over the graph; the model is only read."""
    if key not in BUGS:
        raise InvalidValueError(f"unknown classic bug {key!r}; expected one of {', '.join(BUGS)}")
    bug = BUGS[key]
    res = backward(model, root)
    vals = build_values(model, model.topological_order(model.past(res.root)))
    bug.walker(vals[res.root])
    correct = {n: res.grads[n] for n in res.order}
    buggy = {n: vals[n].grad for n in res.order}
    differs = [n for n in res.order if not equal_or_both_nan(correct[n], buggy[n])]
    return BugReplay(bug, res.root, correct, buggy, differs)
