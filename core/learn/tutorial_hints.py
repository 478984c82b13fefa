"""What the Tutorial says is left to do while a step of building L = (a·b + c)·f
is not done: the near misses a learner makes, each named with its fix.

Trial 69 #2: a leaf typed as ``A = 2`` stalled step 2 with no word, and a
pass run from d (an earlier formula had made d the output) stalled step 7.
Each hint reads the model (and the pass on screen) and names what is there:
a name that differs only in capitals, a node of another operation under the
step's name, the inputs wired in place of the step's, a step before it undone.
Split from core/learn/tutorial.py (the steps and their checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.autograd.ops import OPS
from core.learn.tutorial_find import leaves, named, node_d, node_e, node_L

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: The leaves the tour places, in order, with the lecture's numbers (as the steps write them).
LEAVES = {"a": "2", "b": "-3", "c": "10", "f": "-2"}
#: The nodes it computes: what each is of, and its operation.
MADE = {"e": ("a·b", "mul", ("a", "b")), "d": ("e + c", "add", ("e", "c")), "L": ("d·f", "mul", ("d", "f"))}
ORDER = ("a", "b", "e", "c", "d", "f", "L")


def _label(m: GraphModel, n: str) -> str:
    return str(m.graph.nodes[n].get("label") or "").strip()


def _kind(op: str) -> str:
    """'a × (Multiply) node'-style words for an operation."""
    spec = OPS.get(op)
    return f"{spec.symbol} ({spec.title})" if spec is not None else op


def _miscased(m: GraphModel, name: str) -> str:
    """A node named ``name`` but for its capitals (A for a): how to name it."""
    for n in m.nodes():
        lab = _label(m, n)
        if lab != name and lab.lower() == name.lower():
            what = "leaf" if m.op(n) == "leaf" else "node"
            how = f"names tell capitals apart, so name it {name} (double-click its name)"
            return f"The {what} is called {lab}: {how}."
    return ""


def _found(m: GraphModel, name: str) -> list[str]:
    if name in LEAVES:
        return leaves(m, name)
    return {"e": node_e, "d": node_d, "L": node_L}[name](m)


def leaf_hint(m: GraphModel, name: str, placing: bool = True) -> str:
    """Step "Place a leaf ``name``" (``placing``; else a step after it): what
    is on the canvas instead of it."""
    if leaves(m, name):
        return ""
    if recase := _miscased(m, name):
        return recase
    for n in named(m, name):  # (not a leaf: one is called a but computes)
        return f"{name} here is a {_kind(m.op(n))} node: this step wants a Value (a leaf) called {name}."
    known = set(ORDER[: ORDER.index(name)])
    new = [n for n in m.nodes() if m.op(n) == "leaf" and _label(m, n) not in known]
    gone = [p for p in ORDER[: ORDER.index(name)] if p in LEAVES and not leaves(m, p)]
    if not placing or (gone and not new):
        name = gone[0] if placing else name
        return f"There is no leaf {name} any more: place one again ({name} = {LEAVES[name]}), or Undo."
    if gone:  # (t71 #1: an Undo took a's name back; the hint said to rename the learner's a into b)
        first, shown = gone[0], m.label(new[0])  # (the oldest unnamed leaf: the one placed for it)
        return (
            f"There is no leaf {first} any more: to make {shown} the {first} again, double-click its "
            f"name and type {first} = {LEAVES[first]}."
        )
    if new:  # the leaf placed last, named otherwise (or not named: its id shows)
        shown = m.label(new[-1])
        return (
            f"The new leaf is called {shown}: name it {name} (double-click its name and type "
            f"{name} = {LEAVES[name]})."
        )
    return ""


def _before(m: GraphModel, name: str) -> str:
    """The first part ``name`` is made of that is not there (any more): what to do."""
    for part in ORDER[: ORDER.index(name)]:
        if _found(m, part):
            continue
        if part in LEAVES:  # (c and f are placed in the step that adds them up)
            placing = ORDER.index(part) == ORDER.index(name) - 1 and name != "e"
            return leaf_hint(m, part, placing) or f"First a leaf {part} = {LEAVES[part]}."
        of = MADE[part][0]
        hint = made_hint(m, part) or f"go Back to build {part} again."
        return f"{part} = {of} is not complete any more: {hint[:1].lower()}{hint[1:]}"
    return ""


def made_hint(m: GraphModel, name: str) -> str:
    """Step "``name`` = …": the parts missing, else what the node called
    ``name`` (or the one wired as it should be) lacks."""
    if _found(m, name):
        return ""
    if missing := _before(m, name):
        return missing
    of, op, (x, y) = MADE[name]
    xs, ys = set(_found(m, x)), set(_found(m, y))
    sym = OPS[op].symbol

    def fits(n: str) -> bool:
        i, j = m.inputs(n)
        return (i in xs and j in ys) or (i in ys and j in xs)

    called = named(m, name)
    if not called:
        if any(m.op(n) == op and fits(n) for n in m.nodes()):
            return f"The {sym} node is wired to {x} and {y}: now name it {name}."
        return _miscased(m, name)
    right = [n for n in called if m.op(n) == op]
    if not right:
        wrong = m.op(called[0])
        how = (  # (t75 #8: a learner with Subtract for Add deleted, re-added, rewired and renamed)
            f"right-click it › Change Operation › {OPS[op].title}"
            if wrong != "leaf"
            else f"delete it (Del) and add a {OPS[op].title} node named {name}"
        )
        return f"{name} is a {_kind(wrong)} node: {name} = {of} needs a {_kind(op)} node. To fix it, {how}."
    ins = [m.label(i) if i is not None else "empty" for i in m.inputs(right[0])]
    return f"{name}'s inputs are {ins[0]} and {ins[1]}: wire {x} into one and {y} into the other."


def pass_hint(m: GraphModel, root: str | None, at_end: bool) -> str:
    """Step "Run Backward from L": L not complete, a pass (or the output
    Backward starts at) on another node, or a pass not at its end yet."""
    if not node_L(m):
        return made_hint(m, "L")
    how = "select L, then Graph › Set as Output (Ctrl+Shift+O)"
    if root is not None and root not in node_L(m):
        return f"The pass ran from {m.label(root)}, not from L: {how}, and press Backward again."
    out = m.output
    if root is None and out is not None and out in m and out not in node_L(m):
        return f"Backward starts at the output, which is {m.label(out)}: make L the output first ({how})."
    if root is not None and not at_end:
        return "Press → (Step) until the last step, or End to jump there."
    return ""
