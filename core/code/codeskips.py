"""The lecture notebook's lines that build nothing, read and skipped with a
note (trial 58 #2: Import Code refused them one at a time and added
nothing): backprop by hand (``L.grad = 1.0``, ``o._backward()``), a
training step's nudge (``a.data += 0.01 * a.grad``), a cell's last line
shown as its output (``x.grad``, ``1 - o.data**2``) and imports
(``import math``). The app does each of these itself (Backward, Nudge, the
cards); the graph is built from what the rest of the text says.

:func:`hand_step` tells them apart; :mod:`core.code.codein` skips them,
:mod:`core.code.codenotes` names them in the status line.
"""

from __future__ import annotations

import ast

from core.code.codenn import IMPORT_REFUSAL, import_refusal, is_value_import

#: kind -> what the status line says after the skipped lines of that kind
HINTS = {
    "grad": "Backward (Ctrl+B) works out every .grad",
    "step": "Backward (Ctrl+B, then →) runs each node's step in turn",
    "nudge": "the graph is built from the values before the nudge (Learn › Nudge Up takes that step)",
    "read": "the cards show the values and gradients",
    "import": "not needed",
}
#: the order the status line names them in (imports last: the least news, where a long line is cut)
KINDS = tuple(HINTS)


def _reads(node: ast.AST, attrs: tuple[str, ...] = ("grad",)) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr in attrs for n in ast.walk(node))


def _is_attr(t: ast.expr, attr: str) -> bool:
    return isinstance(t, ast.Attribute) and t.attr == attr


def hand_step(st: ast.stmt) -> str | None:
    """The kind (a key of :data:`HINTS`) of a statement that builds nothing
    and is skipped, else None: ``x.grad = …`` / ``x.grad += …``;
    ``x._backward()``; ``x.data += 0.01 * x.grad`` (``.data`` moved by a
    gradient: a plain ``a.data = 3.0`` is still refused, it would change
    what the graph computes); a bare expression reading ``.grad`` or
    ``.data``; an import (not micrograd's ``Value``, read as nothing
    already, nor micrograd.nn's, refused with the menu entry that builds it)."""
    if isinstance(st, (ast.Import, ast.ImportFrom)):
        return "import" if not is_value_import(st) and import_refusal(st) == IMPORT_REFUSAL else None
    if isinstance(st, (ast.Assign, ast.AugAssign)):
        targets = st.targets if isinstance(st, ast.Assign) else [st.target]
        if all(_is_attr(t, "grad") for t in targets):
            return "grad"
        if all(_is_attr(t, "data") for t in targets) and _reads(st.value):
            return "nudge"
        return None
    if isinstance(st, ast.Expr):
        v = st.value
        if isinstance(v, ast.Call):
            f = v.func
            return "step" if _is_attr(f, "_backward") and not v.args and not v.keywords else None
        return "read" if _reads(v, ("grad", "data")) else None
    return None
