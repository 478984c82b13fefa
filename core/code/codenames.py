"""How the reader of :mod:`core.code.codein` names things: labels for
numbers written in the text, the brackets around an expression's text, and
the words its error messages use for unsupported statements, expressions
and operators.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterable

from core.graph.label_forms import balanced, is_call


def num_label(v: float) -> str:
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v)) if v != 0 or math.copysign(1.0, v) > 0 else "-0"
    return repr(v)


def exponent_text(k: float) -> str:
    """An exponent as a literal that reads back as exactly ``k``."""
    if k.is_integer() and abs(k) < 1e15 and (k != 0 or math.copysign(1.0, k) > 0):
        return str(int(k))
    return repr(float(k))


def distinct_names(
    order: Iterable[str], pick: Callable[[str], str], taken: Iterable[str] = ()
) -> dict[str, str]:
    """A name per id of ``order``, in that order: ``pick(id)``, or with
    ``_2``, ``_3``... where a name before it (or in ``taken``) has it."""
    used = set(taken)
    names = {}
    for n in order:
        base = cand = pick(n)
        k = 1
        while cand in used:
            k += 1
            cand = f"{base}_{k}"
        used.add(cand)
        names[n] = cand
    return names


#: A function of an expression (``(x*y).tanh()``) is labelled as the function
#: of the expression, "tanh(x*y)", where that is this short (a trial's card
#: read "tanh tanh1", a made-up id): as long as any step's label
#: (codeexprs.MAX_EXPR_LABEL), so ``(w2 - x1).tanh()`` reads "tanh(w2 - x1)" too.
MAX_CALL_LABEL = 24


def call_label(node: ast.Call, segment: Callable[[ast.AST, int], str | None]) -> str | None:
    """``f(text)`` for a call of function ``f`` (``x.f()`` or ``f(x)``) if
    it is at most :data:`MAX_CALL_LABEL` long, else None; ``segment`` gives a
    node's source text (None: too long, or over several lines)."""
    f = node.func
    if isinstance(f, ast.Attribute):
        name, arg = f.attr, f.value
    elif isinstance(f, ast.Name) and len(node.args) == 1:
        name, arg = f.id, node.args[0]
    else:
        return None
    inner = segment(arg, MAX_CALL_LABEL)
    while inner is not None and inner.startswith("(") and inner.endswith(")") and balanced(inner[1:-1]):
        inner = inner[1:-1].strip()
    text = f"{name}({inner})"
    return text if inner and len(text) <= MAX_CALL_LABEL else None


OPERATOR_NAMES = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.Invert: "~",
    ast.Not: "not",
}

_STMT_NAMES = {
    ast.For: "a for loop is",
    ast.AsyncFor: "a for loop is",
    ast.While: "a while loop is",
    ast.If: "an if statement is",
    ast.With: "a with statement is",
    ast.FunctionDef: "defining a function is",
    ast.AsyncFunctionDef: "defining a function is",
    ast.ClassDef: "defining a class is",
    ast.Return: "return is",
    ast.Delete: "del is",
    ast.Try: "try is",
    ast.Raise: "raise is",
    ast.Global: "global is",
    ast.Nonlocal: "nonlocal is",
    ast.Pass: "pass is",
    ast.Break: "break is",
    ast.Continue: "continue is",
    ast.AnnAssign: "an annotated assignment is",
}


def describe_stmt(st: ast.stmt) -> str:
    return _STMT_NAMES.get(type(st), f"a {type(st).__name__} statement is")


def describe_expr(node: ast.AST) -> str:
    names = {
        ast.Compare: "a comparison",
        ast.BoolOp: "and/or",
        ast.Lambda: "lambda",
        ast.IfExp: "a conditional expression",
        ast.Subscript: "indexing",
        ast.List: "a list",
        ast.Tuple: "a tuple",
        ast.Dict: "a dict",
        ast.Set: "a set",
        ast.ListComp: "a comprehension",
        ast.GeneratorExp: "a generator",
        ast.DictComp: "a comprehension",
        ast.SetComp: "a comprehension",
        ast.JoinedStr: "an f-string",
        ast.Starred: "*unpacking",
        ast.NamedExpr: ":=",
        ast.Await: "await",
        ast.Yield: "yield",
        ast.YieldFrom: "yield",
    }
    return names.get(type(node), type(node).__name__)


#: A step whose own text is too long is labelled in its inputs' labels where
#: that is this short ("(sigmoid(w*x2 + b) - y2)**2", not "pow2" beside
#: "(p1 - y1)**2": verify 49 read one formula's parts named two ways).
MAX_COMPOSED_LABEL = 32
_PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}
_INFIX = {"add": " + ", "sub": " - ", "mul": "*", "div": "/"}
_NAME = re.compile(r"[\w.\[\]]+")


def composed_label(op: str, kids: list[tuple[str | None, str]], exponent: float | None = None) -> str | None:
    """``op`` of inputs labelled as ``kids`` ((label, op) each), bracketed as
    Python reads it, if every input has a label and the text is at most
    :data:`MAX_COMPOSED_LABEL` long; else None."""
    if not kids or any(label is None for label, _ in kids):
        return None
    mine = _PRECEDENCE.get(op, 5)

    def part(label: str, kid_op: str, right: bool = False) -> str:
        p = _PRECEDENCE.get(kid_op)
        if p is None or _NAME.fullmatch(label) is not None or is_call(label):  # (a review: not
            return label  # "tanh(x*y) + exp(-y)", which starts and ends as a call does)
        # the right side of the same precedence bracketed, as Python would read it otherwise
        # (a + (b - c) and a*(b/c) round differently from a + b - c and a*b / c)
        if p < mine or (p == mine and (right or op == "pow")):
            return f"({label})"
        return label

    (a, a_op), *rest = [(str(label), kid_op) for label, kid_op in kids]
    if op in _INFIX and rest:
        text = part(a, a_op) + _INFIX[op] + part(rest[0][0], rest[0][1], right=True)
    elif op == "pow" and exponent is not None:
        text = f"{part(a, a_op)}**{exponent_text(exponent)}"
    elif op == "neg":
        text = f"-{part(a, a_op)}"
    else:
        text = f"{op}({a})"
    return text if len(text) <= MAX_COMPOSED_LABEL else None
