"""What shape a label's text has, where text about a node must know whether
to bracket it: a call (``exp(-y)``, ``tanh(x*y + x**2)``) carries its own
brackets, so ``exp(-y).grad`` needs no more (a trial read "(exp(-y)).grad")."""

from __future__ import annotations

import re

#: A call: a function's name, then its argument in brackets that close at the end.
_CALL = re.compile(r"^\w+\((.*)\)$")


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
