"""What Import Code says about imports, and about micrograd's ``nn`` module.

The reader of :mod:`core.code.codein` builds graphs of values; micrograd's
``Neuron``, ``Layer`` and ``MLP`` classes are not read as code (their
weights are random, and the lecture's loss loops over lists), but the app
builds the same networks from its Learn menu. A text that uses them is
refused with a pointer to that way (a trial: the lecture's MLP code was
refused with "imports are not supported" and "unknown function 'MLP'", with
no word of Learn › Insert MLP…).
"""

from __future__ import annotations

import ast

#: Imports that only bring in a ``Value`` class; accepted and ignored.
VALUE_MODULES = (
    "micrograd.engine",
    "micrograd",
    "micrograd_studio",
    "core",
    "core.engine",
    "core.autograd.engine",
)

#: micrograd.nn's classes, and the way the app builds each.
NN_WAYS = {
    "MLP": "use Learn › Insert MLP… (the lecture's MLP(3, [4, 4, 1]) on its four data points)",
    "Neuron": "use Learn › Insert Neuron… (a neuron o = tanh(Σ xᵢ·wᵢ + b), laid out as in the lecture)",
    "Layer": "use Learn › Insert MLP… (its layers of neurons) or Learn › Insert Neuron… (one neuron)",
}
NN_MODULES = ("micrograd.nn", "nn")
#: Both ways, for micrograd.nn as a whole.
MLP_DATA = "the lecture's MLP(3, [4, 4, 1]) on its four data points"
BOTH_WAYS = f"use Learn › Insert Neuron… or Learn › Insert MLP… ({MLP_DATA})"
IMPORT_REFUSAL = (
    "imports are not supported (only 'from micrograd.engine import Value' is accepted, and ignored)"
)


def is_value_import(st: ast.stmt) -> bool:
    """``from micrograd.engine import Value`` (or the app's own): read as nothing."""
    return (
        isinstance(st, ast.ImportFrom)
        and st.module in VALUE_MODULES
        and st.level == 0
        and [a.name for a in st.names] == ["Value"]
        and st.names[0].asname is None
    )


def nn_call(func: ast.expr) -> str | None:
    """The refusal of a call of ``MLP(…)``, ``Neuron(…)`` or ``Layer(…)``
    (also ``nn.MLP(…)``), naming the menu entry that builds it; else None."""
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    way = NN_WAYS.get(name)
    return f"{name}(…) is not read as code: {way}" if way else None


def import_refusal(st: ast.Import | ast.ImportFrom) -> str:
    """Why an import (other than :func:`is_value_import`'s) is refused; for
    micrograd.nn, with the menu entry that builds what it brings in."""
    if isinstance(st, ast.ImportFrom):
        nn = st.module in NN_MODULES or (st.module == "micrograd" and any(a.name == "nn" for a in st.names))
        named = [a.name for a in st.names if a.name in NN_WAYS]
        if len(named) == 1:
            return f"{named[0]}(…) is not read as code: {NN_WAYS[named[0]]}"
        if nn or named:
            return (
                f"micrograd.nn ({', '.join(named) or 'Neuron, Layer, MLP'}) is not read as code: {BOTH_WAYS}"
            )
    elif any(a.name in NN_MODULES for a in st.names):
        return f"micrograd.nn (Neuron, Layer, MLP) is not read as code: {BOTH_WAYS}"
    return IMPORT_REFUSAL


def nn_use(body: list[ast.stmt], st: ast.Import | ast.ImportFrom) -> ast.Call | None:
    """The first call in ``body`` of a class of micrograd.nn the import ``st`` brings in (``MLP(…)``,
    ``nn.MLP(…)``), where its refusal points: the import's line 1, column 1 was underlined for
    ``n = MLP(3, [4, 4, 1])`` on line 2 (t62 #8). None: no such call (the import is pointed at)."""
    if import_refusal(st) == IMPORT_REFUSAL:
        return None
    named = {a.asname or a.name for a in st.names if a.name in NN_WAYS}
    calls = (n for top in body for n in ast.walk(top) if isinstance(n, ast.Call))
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        f = call.func
        if isinstance(f, ast.Name) and f.id in named or isinstance(f, ast.Attribute) and f.attr in NN_WAYS:
            return call
    return None


def nn_class_refusal(body: list[ast.stmt], st: ast.ClassDef) -> str | None:
    """The refusal of the lecture's own ``class Neuron`` / ``Layer`` / ``MLP``
    (the notebook's cell, pasted whole), naming the menu entry that builds the
    network; None for another class. A trial (t64 #2) read "defining a class
    is not supported; write assignments", as if the 360 nodes were to be typed."""
    if st.name not in NN_WAYS:
        return None
    names = [c.name for c in body if isinstance(c, ast.ClassDef) and c.name in NN_WAYS]
    way = NN_WAYS["MLP" if "MLP" in names else st.name]
    which = f"class {names[0]} is" if len(names) == 1 else f"classes {', '.join(names)} are"
    return f"micrograd's nn, written out (the {which} not read as code): {way}"


#: The headless command that writes what each of micrograd.nn's classes' way
#: builds (core/cli/templates.py); micrograd.nn as a whole: its first way's.
NN_TEMPLATES = {"MLP": "template mlp", "Neuron": "template neuron", "Layer": "template mlp"}
BOTH_TEMPLATE = "template neuron"


def nn_template(body: list[ast.stmt], st: ast.AST) -> str | None:
    """The template command (``template mlp``) writing what the refusal of
    ``st`` (an import of micrograd.nn, the lecture's class, a call of
    ``MLP(…)``; ``body``: the code's statements) names the menu entry of, for
    the command line's ``import``; None for anything else. Told from the
    code, not from the refusal's words."""
    if isinstance(st, ast.Call):
        f = st.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        return NN_TEMPLATES.get(name)
    if isinstance(st, ast.ClassDef):
        if st.name not in NN_WAYS:
            return None
        names = [c.name for c in body if isinstance(c, ast.ClassDef) and c.name in NN_WAYS]
        return NN_TEMPLATES["MLP" if "MLP" in names else st.name]
    if not isinstance(st, (ast.Import, ast.ImportFrom)) or import_refusal(st) == IMPORT_REFUSAL:
        return None
    named = [a.name for a in st.names if a.name in NN_WAYS] if isinstance(st, ast.ImportFrom) else []
    return NN_TEMPLATES[named[0]] if len(named) == 1 else BOTH_TEMPLATE
