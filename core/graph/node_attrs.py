"""What a new node's attributes are, checked: shared by the one-node and the
many-node edits of :class:`core.graph.model.GraphModel`."""

from __future__ import annotations

import math
from typing import Any

from core.autograd import ops
from core.graph.errors import InvalidValueError, UnknownOpError

#: Node attributes with a meaning of their own; all other keys are kept as is.
CORE_KEYS = ("op", "label", "value", "exponent", "x", "y")
UNSET: Any = type("Unset", (), {"__repr__": lambda self: "<unset>"})()  # "not given"


def check_finite(what: str, v: Any) -> float:
    """``v`` as a float, or InvalidValueError naming ``what``."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InvalidValueError(f"{what} must be a number, not {v!r}")
    try:
        f = float(v)
    except OverflowError:  # (a whole number past float's range: 1 and 400 zeros in a pasted text)
        raise InvalidValueError(f"{what} must be a finite number, not a whole number this large") from None
    if not math.isfinite(f):
        raise InvalidValueError(f"{what} must be a finite number, not {f!r}")
    return f


def check_op(op: str) -> None:
    if op not in ops.OPS:
        raise UnknownOpError(f"unknown op {op!r}; expected one of {', '.join(ops.OPS)}")


def put_label(attrs: dict[str, Any], label: str, at: int | None = None) -> None:
    """Set the label in ``attrs``. One a node had not goes back where it
    stood when cleared (``at``, its index among the keys), else after the op
    as :func:`node_attrs` puts it, so the file lists the node's keys as before."""
    if "label" in attrs:
        attrs["label"] = label
        return
    if at is None:
        at = 1 if next(iter(attrs), None) == "op" else len(attrs)
    rest = list(attrs.items())  # (rebuilt in place: the dict is the graph's own)
    attrs.clear()
    attrs.update(rest[:at])
    attrs["label"] = label
    attrs.update(rest[at:])


class LabelPlaces:
    """Where a cleared label stood among its node's keys, to give it back
    there (an undo: the file as it was); kept with that node's own dict of
    attributes, so a later node of the same id starts afresh."""

    def __init__(self) -> None:
        self._at: dict[str, tuple[dict[str, Any], int]] = {}

    def clear(self, node_id: str, attrs: dict[str, Any]) -> None:
        if "label" in attrs:
            self._at[node_id] = (attrs, list(attrs).index("label"))
            del attrs["label"]

    def put(self, node_id: str, attrs: dict[str, Any], label: str) -> None:
        was, at = self._at.pop(node_id, (None, None))
        put_label(attrs, label, at if was is attrs else None)


def node_attrs(
    op: str,
    node_id: str,
    /,
    *,
    label: str | None = None,
    value: Any = UNSET,
    exponent: Any = UNSET,
    x: float = 0.0,
    y: float = 0.0,
    **extra: Any,
) -> dict[str, Any]:
    """The attributes a node ``node_id`` of ``op`` is stored with (as
    ``GraphModel.add_node`` takes them), or the error that refuses them."""
    check_op(op)
    attrs: dict[str, Any] = {"op": op}
    if label is not None:
        attrs["label"] = str(label)
    # value/exponent belong to leaf/pow; on another op they are unknown
    # keys (the spec keeps those on a round trip), stored as they are.
    if op == "leaf":
        attrs["value"] = check_finite(f"value of leaf {node_id!r}", 0.0 if value in (None, UNSET) else value)
    elif value is not UNSET:
        attrs["value"] = value
    if op == "pow":
        attrs["exponent"] = check_finite(
            f"exponent of pow node {node_id!r}", 2.0 if exponent in (None, UNSET) else exponent
        )
    elif exponent is not UNSET:
        attrs["exponent"] = exponent
    attrs["x"] = check_finite(f"x position of {node_id!r}", x)
    attrs["y"] = check_finite(f"y position of {node_id!r}", y)
    if "id" in extra:
        raise InvalidValueError(f"node {node_id!r}: 'id' cannot be an attribute name")
    attrs.update({k: v for k, v in extra.items() if k not in CORE_KEYS})
    return attrs
