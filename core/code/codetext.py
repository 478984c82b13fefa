"""The graph as the Code panel shows it: micrograd-style Python in the
dialect :mod:`core.code.codein` reads, one statement per node.

Unlike the exported script (:mod:`core.code.codeout`) it has no prints or
asserts and needs no backward pass, so it can be shown for any graph, also
an unfinished one: nodes with an empty input (and those fed by them) cannot
be written as code; they are listed in a closing comment and a change of the
code leaves them as they are (:func:`in_code`).

Statements come in the lecture's order (each value just before its first
use: ``a, b, e = a*b, c, d = e + c, ...``); a number that feeds one
operator and is labelled by its value is written inline (``2 * a``), as it
was typed. :class:`CodeText` also says which variable stands for which node
id, so :mod:`core.code.codediff` can tell which statements kept their node.
"""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from core.code.codeexprs import FUNCTIONS
from core.code.codenames import distinct_names, exponent_text, num_label
from core.graph.model import GraphModel

_BINARY = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
#: Names a variable never gets: the reader's functions, and what the code around would use.
RESERVED = {*FUNCTIONS, "Value", "print", "draw_dot", "display", "None", "True", "False"}


@dataclass
class CodeText:
    """The code of a graph, and what its names stand for."""

    text: str
    names: dict[str, str] = field(default_factory=dict)  # variable -> node id
    left_out: list[str] = field(default_factory=list)  # ids of unfinished nodes (not in the code)


def in_code(model: GraphModel) -> set[str]:
    """The nodes code can describe: every input filled, all the way up."""
    table = model.input_table()
    ok: set[str] = set()
    for n in model.topological_order():
        if all(s is not None and s in ok for s in table[n]):
            ok.add(n)
    return ok


def _inline_constants(model: GraphModel, scope: set[str]) -> set[str]:
    """Number leaves written as literals: not trainable, labelled by their
    value, feeding exactly one port of a binary operator whose other input
    is not written inline too (``2 * 3`` would be read as the number 6),
    and not the output (whose ``.backward()`` needs a name)."""
    out: set[str] = set()
    for n in model.topological_order(scope):
        a = model.graph.nodes[n]
        if a["op"] != "leaf" or a.get("trainable", True) is not False or n == model.output:
            continue
        if model.label(n) != num_label(float(a["value"])):
            continue
        uses = model.consumers(n)
        if len(uses) != 1:
            continue
        t, port = uses[0]
        if model.op(t) not in _BINARY or t not in scope:
            continue
        other = model.inputs(t)[1 - port]
        if other in out or other == n:
            continue
        out.add(n)
    return out


def usable(name: str) -> bool:
    """Whether ``name`` reads back as itself: an identifier (Python folds
    some letters, as ﬁ to fi, so those are not), no keyword, not reserved."""
    return (
        name.isidentifier()
        and not keyword.iskeyword(name)
        and not name.startswith("__")
        and name not in RESERVED
        and unicodedata.normalize("NFKC", name) == name
    )


def variable_names(model: GraphModel, order: list[str]) -> dict[str, str]:
    """A unique variable per node of ``order``, named in that order: its
    label where that is a usable name, else its id, else a cleaned-up label
    (``x1*w1`` -> ``x1_w1``), but not another node's label where it can
    help it (a card "my w" with the id x2 was ``x2``, the card x2 ``x2_2``:
    ``x2`` typed in the code meant the wrong one, trial 49); a name taken
    already gets ``_2``, ``_3``..."""
    shown = {model.label(n) for n in order}

    def pick(n: str) -> str:
        label = model.label(n)
        if usable(label):
            return label
        names = [c for c in (n, _clean(label), _clean(n)) if usable(c)]
        return next((c for c in names if c not in shown), names[0] if names else "v")

    return distinct_names(order, pick)


def _clean(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\W+", "_", s, flags=re.ASCII).strip("_")
    if not s or s[0].isdigit():
        s = "v_" + s
    return s


def statement_order(model: GraphModel, scope: set[str]) -> list[str]:
    """``scope`` in the lecture's order: depth first from each end node
    (the output last), inputs in port order, each node after its inputs."""
    table = model.input_table()
    consumed = {s for n in scope for s in table[n]}
    ends = model.topological_order(n for n in scope if n not in consumed)
    out = model.output
    if out in scope:
        ends = [e for e in ends if e != out] + [out]
    seen: set[str] = set()
    order: list[str] = []
    written: set[str] = set()

    def write(n: str) -> None:
        # a leaf just before the first statement that uses it (the MLP's began with layer 3's
        # bias, b3_1, the first leaf its loss reaches: t68), else where it stands alone
        for s in table[n]:
            if s is not None and s not in written and not table[s]:
                written.add(s)
                order.append(s)
        if n not in written:
            written.add(n)
            order.append(n)

    for end in ends:
        stack: list[tuple[str, bool]] = [(end, False)]
        while stack:
            n, done = stack.pop()
            if done:
                if table[n] or n == end:
                    write(n)
                continue
            if n in seen:
                continue
            seen.add(n)
            stack.append((n, True))
            stack.extend((s, False) for s in reversed(table[n]) if s is not None and s not in seen)
    return order


def to_code(model: GraphModel) -> CodeText:
    """The graph as code (see the module docstring)."""
    scope = in_code(model)
    order = statement_order(model, scope)
    inline = _inline_constants(model, scope)
    names = variable_names(model, [n for n in order if n not in inline])
    table = model.input_table()

    def operand(s: str) -> str:
        if s not in inline:
            return names[s]
        # its label, the number as typed; but Python reads "-0" as the integer 0: -0.0 it is
        return "-0.0" if model.label(s) == "-0" else model.label(s)

    lines = []
    for n in order:
        if n in inline:
            continue
        a, v, label = model.graph.nodes[n], names[n], model.label(n)
        op = a["op"]
        if op == "leaf":
            lines.append(f"{v} = Value({float(a['value'])!r}, label={label!r})")
            continue
        ins = [operand(s) for s in table[n] if s is not None]  # all filled: n is in scope
        if op in _BINARY:
            expr = f"{ins[0]} {_BINARY[op]} {ins[1]}"
        elif op == "neg":
            expr = f"-{ins[0]}"
        elif op == "pow":
            expr = f"{ins[0]}**{exponent_text(float(a['exponent']))}"
        else:
            expr = f"{ins[0]}.{op}()"
        lines.append(f"{v} = {expr}" + (f"; {v}.label = {label!r}" if label != v else ""))
    if model.output in scope:
        lines.append(f"{names[model.output]}.backward()")
    left_out = [n for n in model.topological_order() if n not in scope]
    if left_out:
        shown = ", ".join(_card_names(model, left_out[:12])) + (", …" if len(left_out) > 12 else "")
        lines += [
            "",
            f"# Not in the code: {len(left_out)} unfinished node{'s' * (len(left_out) != 1)}",
            "# (an input is empty; wire it on the canvas). Apply leaves them as they are:",
            f"# {shown}",
        ]
    text = "\n".join(lines) + "\n" if lines else ""
    return CodeText(text, {names[n]: n for n in scope if n not in inline}, left_out)


def _card_names(model: GraphModel, nodes: list[str]) -> list[str]:
    """``nodes`` as their cards name them (trial 54: "# mul1" for the card
    renamed L), each with its id where another node has its label."""
    count = Counter(a.get("label") or n for n, a in model.attr_table().items())
    return [lab if count[lab := model.label(n)] == 1 else f"{lab} (id {n})" for n in nodes]
