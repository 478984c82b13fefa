"""Code out: a graph as a Python script, PyTorch code, or Graphviz DOT.

The Python script uses this project's own ``Value`` (``from
micrograd_studio import Value``) rather than an embedded copy, so it checks the very engine
the app runs; it needs micrograd-studio importable (installed, or run with
``PYTHONPATH=/path/to/micrograd-studio``). It is written in the subset
:mod:`core.code.codein` reads, so it can be imported back: one statement per
node, ``.backward()`` on the root, and a print and an assert per node
(both skipped on import). The graph's groups are written as ``# --- …``
comment lines before their statements (:mod:`core.code.codegroups`), which
Import Code turns back into the same groups; the PyTorch code has them too.
"""

from __future__ import annotations

import keyword
import math
import re
from typing import TYPE_CHECKING

from core.autograd import ops
from core.code.codegroups import grouped_order, with_group_comments
from core.code.codenames import distinct_names, exponent_text
from core.files import program
from core.graph.backward import backward
from core.graph.errors import GraphError, IncompleteGraphError, RootError
from core.graph.roots import model_labels, not_found

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: Tolerance of the asserts in the exported Python script.
TOLERANCE = 1e-9
_RESERVED = {
    "Value",
    "torch",
    "leaf",
    "abs",
    "float",
    "print",
    "repr",
    "grad",
    "None",
    "True",
    "False",
    "exp",
    "log",
    "tanh",
    "relu",
    "sigmoid",
}
_PY_BINOP = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
_DOT_OP = {
    "add": "+",
    "sub": "-",
    "mul": "*",
    "div": "/",
    "neg": "neg",
    "exp": "exp",
    "log": "log",
    "tanh": "tanh",
    "relu": "ReLU",
    "sigmoid": "sigmoid",
}
_DOT_PORTS = {"sub": ("+", "−"), "div": ("num", "den")}


class ExportError(GraphError):
    """A graph that cannot be exported as it is (e.g. an empty input port)."""


class IncompleteExport(ExportError, IncompleteGraphError):
    """Not exported for an empty input port: ``node`` and ``port`` name it,
    so the window can word it in the card's names (the message names ids)."""


# ------------------------------------------------------------------ helpers
def variable_names(model: GraphModel) -> dict[str, str]:
    """A unique Python identifier per node: its label where that is one,
    else its id, else a cleaned-up label, but not another node's label where
    it can help it (trial 49: a card "my w" with the id x2 was ``x2``, the
    card x2 ``x2_2``)."""
    shown = {model.label(n) for n in model.nodes()}

    def pick(n: str) -> str:
        label = model.label(n)
        if _usable(label):
            return label
        names = [c for c in (n, _clean(label)) if _usable(c)]
        return next((c for c in names if c not in shown), names[0] if names else _clean(n))

    return distinct_names(model.topological_order(), pick, _RESERVED)


def _usable(s: str) -> bool:
    return s.isidentifier() and not keyword.iskeyword(s) and not s.startswith("__")


def _clean(s: str) -> str:
    s = re.sub(r"\W+", "_", s).strip("_")
    if not s or s[0].isdigit() or keyword.iskeyword(s):
        s = "v_" + s
    return s.lstrip("_") or "v"


def _num(v: float) -> str:
    """A float literal that reads back as exactly ``v``."""
    return repr(float(v))


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def _prepare(model: GraphModel, root: str | None):
    """(order, root, BackwardResult); ExportError when the graph cannot run.
    The order keeps each group's nodes together where it can
    (:func:`~core.code.codegroups.grouped_order`), and the pass is the one
    of a graph built in that order, as the written code builds it (a sum
    over several users adds up in their order)."""
    if not len(model):
        raise ExportError("the graph is empty: there is nothing to export")
    try:
        model.check_complete()
        root = model.resolve_root(root)
        order = grouped_order(model)
        built = model if order == model.topological_order() else _in_order(model, order)
        result = backward(built, root)
    except IncompleteGraphError as e:
        raise IncompleteExport(f"cannot export: {e}", node=e.node, port=e.port) from None
    except GraphError as e:
        raise ExportError(f"cannot export: {e}") from None
    return order, result.root, result


def _in_order(model: GraphModel, order: list[str]) -> GraphModel:
    """A copy of ``model``'s nodes and wires (no groups) made in ``order``."""
    from core.graph.model import GraphModel  # (networkx: only when groups reorder the nodes)

    edges = [(s, n, p) for n in order for p, s in enumerate(model.inputs(n)) if s is not None]
    return GraphModel.from_records({}, [(n, model.node(n)) for n in order], edges, order)


def _builtin_only(model: GraphModel, what: str) -> None:
    """ExportError when the graph uses one of its own operators, which the
    exported code would not know."""
    custom = sorted({model.op(n) for n in model.nodes()} - ops.BUILTIN_OPS)
    if custom:
        raise ExportError(
            f"cannot export to {what}: the graph uses its own operator{'s' * (len(custom) > 1)} "
            f"{', '.join(map(repr, custom))}, which {what} code would not know"
        )


def _title_lines(model: GraphModel) -> list[str]:
    title = model.attrs.get("title")
    return [f"# {_comment(title)}", "#"] if title else []


# ------------------------------------------------------------------ Python
def _py_expr(model: GraphModel, n: str, names: dict) -> str:
    op = model.op(n)
    ins = [names[s] for s in model.inputs(n)]
    if op in _PY_BINOP:
        return f"{ins[0]} {_PY_BINOP[op]} {ins[1]}"
    if op == "neg":
        return f"-{ins[0]}"
    if op == "pow":
        return f"{ins[0]}**{exponent_text(model.node(n)['exponent'])}"
    return f"{ins[0]}.{op}()"


def to_python(model: GraphModel, root: str | None = None) -> str:
    """A script that rebuilds the graph with ``core.Value``, runs
    backward from ``root`` (default: the model's) and asserts every gradient."""
    _builtin_only(model, "Python")
    order, root, result = _prepare(model, root)
    names = variable_names(model)
    r = names[root]
    out = (
        ["# Exported from micrograd-studio.", "#"]
        + _title_lines(model)
        + [
            "# Rebuilds the graph with micrograd-studio's own Value class, runs backward",
            f"# from {r} and asserts every gradient the app computes (within {TOLERANCE:g}).",
            "# It needs micrograd-studio importable: pip-installed, or run it as",
            "#     PYTHONPATH=/path/to/micrograd-studio python this_file.py",
            '# It prints every gradient, then "all N gradients match" (exit status 0);',
            "# a gradient that does not match stops it with an AssertionError.",
            "# One statement a node, each number a Value: gradients add up in the order",
            "# of the statements, as the app adds them for the graph this file builds, to",
            "# the last bit (the Code panel writes the same graph shorter, in the",
            "# lecture's order, where a sum may round otherwise).",
            "#",
            "# micrograd-studio reads this file back: File > Import Code..., or",
            f"#     {program.command()} import this_file.py -o graph.mgraph",
            "# Kept: every node with its value, operator and label (the label= and",
            "# .label parts), the wires, the output, and the groups: a line such as",
            "#     # --- layer 1 / neuron 1.1",
            '# puts the statements below it into group "neuron 1.1" inside group',
            '# "layer 1" (▸ before a name: the group is folded; "# ---" alone: no group).',
            "# Not kept: where the nodes are (the graph is laid out again), the node ids",
            "# (the variable names stand in), which inputs are data rather than",
            "# parameters (all become trainable), and the title.",
            "from micrograd_studio import Value",
        ]
    )
    lines = []
    for n in order:
        v, label = names[n], model.label(n)
        if model.op(n) == "leaf":
            lines.append(f"{v} = Value({_num(model.node(n)['value'])}, label={label!r})")
        else:
            lines.append(f"{v} = {_py_expr(model, n, names)}; {v}.label = {label!r}")
    out += ["", *with_group_comments(model, order, lines)]
    out += ["", f"{r}.backward()", "", "# The gradients micrograd-studio computed:"]
    for n in order:
        v, g = names[n], result.grads[n]
        out.append(f"print({(v + '.grad =')!r}, {v}.grad)")
        if g != g:
            out.append(f"assert {v}.grad != {v}.grad, ({v!r}, {v}.grad, 'expected nan')")
        elif math.isinf(g):
            out.append(f"assert {v}.grad == float({repr(g)!r}), ({v!r}, {v}.grad)")
        else:
            out.append(f"assert abs({v}.grad - ({_num(g)})) <= {TOLERANCE!r}, ({v!r}, {v}.grad, {_num(g)})")
    k = len(order)
    out.append(f"print({'the gradient matches' if k == 1 else f'all {k} gradients match'!r})")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ PyTorch
_TORCH_FN = {
    "exp": "torch.exp",
    "log": "torch.log",
    "tanh": "torch.tanh",
    "relu": "torch.relu",
    "sigmoid": "torch.sigmoid",
}


def to_torch(model: GraphModel, root: str | None = None) -> str:
    """PyTorch (float64) code that builds the same graph, keeps every
    intermediate gradient (``retain_grad()``), runs backward and prints each
    gradient as ``name.grad = value``."""
    _builtin_only(model, "PyTorch")
    order, root, _ = _prepare(model, root)
    names = variable_names(model)
    out = (
        ["# Exported from micrograd-studio: the same graph in PyTorch (float64).", "#"]
        + _title_lines(model)
        + [
            f"# Prints every node's gradient after backward from {names[root]}, to compare with the app.",
            *(
                ['# A line "# --- layer 1 / neuron 1.1" starts the nodes of a group of the app.']
                if len(model.groups)
                else []
            ),
            "import torch",
            "",
            "def leaf(v):",
            "    return torch.tensor(v, dtype=torch.float64, requires_grad=True)",
            "",
        ]
    )
    lines = []
    for n in order:
        v, op = names[n], model.op(n)
        label = model.label(n)
        note = f"  # {_comment(label)}" if label != v else ""
        ins = [names[s] for s in model.inputs(n)]
        if op == "leaf":
            lines.append(f"{v} = leaf({_num(model.node(n)['value'])}){note}")
            continue
        if op in _PY_BINOP:
            expr = f"{ins[0]} {_PY_BINOP[op]} {ins[1]}"
        elif op == "neg":
            expr = f"-{ins[0]}"
        elif op == "pow":
            expr = f"{ins[0]} ** {_num(model.node(n)['exponent'])}"
        else:
            expr = f"{_TORCH_FN[op]}({ins[0]})"
        lines.append(f"{v} = {expr}; {v}.retain_grad(){note}")
    out += with_group_comments(model, order, lines)
    out += [
        "",
        f"{names[root]}.backward()",
        "",
        "def grad(t):",
        "    return 0.0 if t.grad is None else t.grad.item()  # None: not on the path to the root",
        "",
    ]
    out += [f"print({(v + '.grad =')!r}, repr(grad({v})))" for n in order for v in [names[n]]]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ DOT
def _dot_id(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _record_text(s: str) -> str:
    s = " ".join(str(s).split())
    return re.sub(r'([\\{}|<>"])', r"\\\1", s)


def _fmt4(v: float | None) -> str:
    return "?" if v is None else f"{v:.4f}"


def to_dot(model: GraphModel, root: str | None = None) -> str:
    """Graphviz DOT in the style of micrograd's ``draw_dot``: a record per
    node (label | data | grad), an op node in front of every operator, and
    one edge per use (``a + a`` draws two). Gradients come from a backward
    pass from ``root`` when the graph allows one, else show "?"; an
    unknown ``root`` is an error, as for the other exporters."""
    if root is not None and root not in model:
        raise RootError(f"unknown root {root!r}: {not_found(root, model_labels(model))}")
    try:
        grads = backward(model, root).grads if len(model) else {}
    except GraphError:
        grads = {}
    out = ["// Exported from micrograd-studio (the style of micrograd's draw_dot)."]
    title = model.attrs.get("title")
    if title:
        out.append(f"// {_comment(title)}")
    out += ["digraph micrograd {", "  graph [rankdir=LR];", "  node [shape=record];"]
    edges = []
    for n in model.topological_order():
        op = model.op(n)
        label = _record_text(model.label(n))
        out.append(
            f'  {_dot_id("n:" + n)} [label="{{ {label} | data {_fmt4(model.value(n))} '
            f'| grad {_fmt4(grads.get(n))} }}"];'
        )
        if op == "leaf":
            continue
        sym = f"**{exponent_text(model.node(n)['exponent'])}" if op == "pow" else _DOT_OP.get(op, op)
        oid = _dot_id("op:" + n)
        out.append(f"  {oid} [label={_dot_id(sym)}, shape=ellipse];")
        edges.append(f"  {oid} -> {_dot_id('n:' + n)};")
        for p, s in enumerate(model.inputs(n)):
            if s is None:
                continue
            attr = f" [label={_dot_id(_DOT_PORTS[op][p])}]" if op in _DOT_PORTS else ""
            edges.append(f"  {_dot_id('n:' + s)} -> {oid}{attr};")
    return "\n".join(out + edges + ["}"]) + "\n"


EXPORTERS = {"python": to_python, "torch": to_torch, "dot": to_dot}
SUFFIXES = {"python": ".py", "torch": ".py", "dot": ".dot"}
