"""What shape a label's text has, where text about a node must know whether
to bracket it: a call (``exp(-y)``, ``tanh(x*y + x**2)``) carries its own
brackets, so ``exp(-y).grad`` needs no more (a trial read "(exp(-y)).grad");
and how tightly an expression's text binds (:func:`binding`), so a formula
brackets a label only where Python's precedence needs it: ``(p1 - y1)**2 +
(q - y2)**2``, not ``((p1 - y1)**2) + ((q - y2)**2)`` (verify 50)."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from string import Formatter

#: A call: a function's name, then its argument in brackets that close at the end.
_CALL = re.compile(r"^\w+\((.*)\)$")
#: A name: word characters and dots, primes, then any number of ``[index]`` parts.
_NAME = re.compile(r"^[\w.′″‴']+(\[[\w.,]+\])*$")

#: How tightly a text binds, loosest first: anything not read as Python
#: (``(ypred − y)² [1]``), a sum, a product, a sign, a power, a name or call.
LOOSE, SUM, PRODUCT, SIGN, POWER, ATOM = range(6)
_BINOPS = {
    ast.Add: SUM, ast.Sub: SUM, ast.Mult: PRODUCT, ast.Div: PRODUCT, ast.FloorDiv: PRODUCT,
    ast.Mod: PRODUCT, ast.MatMult: PRODUCT, ast.Pow: POWER,
}  # fmt: skip
#: The operators a formula writes, as Python's (``−`` is ``-``, ``×`` and ``·`` are ``*``).
_AS_PYTHON = str.maketrans({"−": "-", "×": "*", "·": "*", "÷": "/"})


def balanced(s: str) -> bool:
    """Whether the round brackets in ``s`` pair up, none closed before it opens."""
    depth = 0
    for ch in s:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def is_call(label: str) -> bool:
    """``f(…)`` as a whole: ``exp(a)*exp(b)`` is not one."""
    m = _CALL.match(label)
    return m is not None and balanced(m.group(1))


def is_plain_name(label: str) -> bool:
    """Is ``label`` a name (``y2``, ``w1.2.3``, ``x1[1]``), not a number, a formula or nothing?"""
    return bool(_NAME.match(label)) and not (label[0].isdigit() or label[0] == ".")


def binding(label: str) -> int:
    """How tightly ``label`` binds as an operand: :data:`ATOM` for a name,
    a number, a call, ``x1[1]`` or ``(-y).grad``; :data:`SUM` for ``x*y +
    x**2``; :data:`LOOSE` for text that is not Python."""
    if _NAME.match(label) or is_call(label) or label == "?":  # (?: an input not wired)
        return ATOM
    try:
        tree = ast.parse(label.translate(_AS_PYTHON).strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return LOOSE
    if isinstance(tree, ast.BinOp):
        return _BINOPS.get(type(tree.op), LOOSE)
    if isinstance(tree, ast.UnaryOp):
        return SIGN if isinstance(tree.op, (ast.USub, ast.UAdd)) else LOOSE
    if isinstance(tree, ast.Constant):
        return ATOM if not str(tree.value).startswith("-") else SIGN
    if isinstance(tree, (ast.Name, ast.Call, ast.Subscript, ast.Attribute)):
        return ATOM
    return LOOSE


def operand_at(label: str, before: str, after: str) -> str:
    """``label`` as an operand between the operators ``before`` and
    ``after`` ("" at either end of the formula or by a bracket, "-" for a
    sign), in brackets only where Python's precedence needs them: ``x*y +
    x**2`` bare in ``exp(…)``, ``(x*y + x**2) × e``, ``(-y)^2``, ``−(-y).grad``."""
    need = max(_left_needs(after), _right_needs(before))
    return label if binding(label) >= need else f"({label})"


def _left_needs(after: str) -> int:
    """What an operand followed by ``after`` must bind at least as tightly as."""
    if after in ("+", "-", "−"):
        return SUM
    if after in ("*", "/", "×", "·", "÷"):
        return PRODUCT
    if after in ("^", "²", "*" * 2):
        return ATOM  # a power's base: (x**2)^2, (-y)^2
    return LOOSE


def _right_needs(before: str) -> int:
    """What an operand after ``before`` must bind more tightly than (``a −
    (b − c)``, ``a / (b·c)``); after a sign, than a sign (``−(-y)``)."""
    if before in ("+", "-", "−"):
        return SUM + 1
    if before in ("*", "/", "×", "·", "÷"):
        return PRODUCT + 1
    if before == "sign":
        return SIGN + 1
    if before == "^":
        return ATOM
    return LOOSE


def place(template: str, labels: Sequence[str]) -> str:
    """``template`` (an op's ``{0} + {1}``, ``−{0} / {1}²``) with each
    ``{i}`` as ``labels[i]`` written where it stands: in brackets only where
    the operators beside it bind more tightly than it (``(x*y + x**2) × e``,
    ``(-y)^2``; ``(p1 - y1)**2 + …`` bare). Its other fields (``{k}``,
    ``{a}``) are left for ``str.format``."""
    esc = lambda t: t.replace("{", "{{").replace("}", "}}")
    parts = list(Formatter().parse(template))
    out: list[str] = []
    plain = ""  # what is written so far, as it will read
    for i, (lit, field, spec, conv) in enumerate(parts):
        out.append(esc(lit))
        plain += lit
        if field is None:
            continue
        if not field.isdigit():
            out.append("{" + field + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}")
            plain += "x"  # (a number or a name: an operand)
            continue
        after = parts[i + 1][0].lstrip() if i + 1 < len(parts) else ""
        text = operand_at(labels[int(field)], _before(plain), "^" if after[:2] == "**" else after[:1])
        out.append(esc(text))
        plain += text
    return "".join(out)


def _before(text: str) -> str:
    """The operator ``text`` ends with: "sign" for a minus that starts the
    formula or follows a bracket or another operator, "" for none."""
    s = text.rstrip()
    if not s or s[-1] in "(,=":
        return ""
    if s[-1] in "-−+":
        rest = s[:-1].rstrip()
        return "sign" if not rest or rest[-1] in "(,=+-−×*/÷·^" else s[-1]
    return "^" if s.endswith("**") else s[-1]
