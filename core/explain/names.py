"""How a node's label is written in what the app says about it: the
Backward banner, the Order list, the Chain Rule panel, the notes under the
cards. One rule, so a node reads the same everywhere, and as Properties
shows it whenever its label is a name.

A label that is a name (``a``, ``x1``, ``w1.2.3``, an indexed one like
``x1[1]`` or ``h1.4[4]``) is written as it is; a label that is an
expression (``x1*w1 + x2*w2``, ``(ypred − y)² [1]``) is put in parentheses,
so ``(x1*w1 + x2*w2).grad`` and "(x1*w1) passes its gradient back" read
as one thing; so is a number (a constant from imported code: ``(2).grad``)."""

from __future__ import annotations

import re

#: A name: word characters and dots, then any number of ``[index]`` parts.
_NAME = re.compile(r"^[\w.]+(\[[\w.,]+\])*$")
#: A number written as a label (a constant imported from code: ``2`` in ``a*2``).
_NUMBER = re.compile(r"^(\d+\.?\d*|\.\d+)([eE][-+−]?\d+)?$")


def node_name(label: str) -> str:
    """``label`` as text about the node writes it: ``x1[1]``, ``(x1*w1)``,
    and a constant as ``(2)``: "(2).grad" reads as the constant's gradient,
    where "2.grad" read as a number."""
    return label if _NAME.match(label) and not _NUMBER.match(label) else f"({label})"
