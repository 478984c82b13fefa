"""The Order list's rows told apart where two read the same (trial 51: the
exp form of tanh from the f(x) bar had two rows "exp(2*n)", two "2*n" and
two "2 (in 2*n)", with different gradients, while the banner said "(exp(2*n),
id exp2)"). The banner's rule (:func:`core.explain.names.told_apart`): the
group a row's node is in where that tells it apart, else its id: "exp(2*n)
(id exp2)", "2 (in 2*n, id const3)". A row whose text is its own reads as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from core.explain.names import is_number, told_apart
from core.graph.groups import GroupSet


class RowNames:
    """``row_label(node)`` (the replay's), told apart among the nodes of the
    pass (``order()``) whose rows read the same, read when a row first asks:
    one table a pass. ``shared()``: the labels several nodes share, and
    their nodes (core/explain/names.py: ``shared_labels``; a row's text is
    asked of only those nodes: 50,000 rows cost no label each)."""

    def __init__(
        self,
        row_label: Callable[[str], str],
        order: Callable[[], Iterable[str]],
        shared: Callable[[], Mapping[str, list[str]]],
        groups: GroupSet | None,
    ) -> None:
        self._row_label, self._order, self._shared, self._groups = row_label, order, shared, groups
        self._apart: dict[str, str] | None = None

    def apart(self, node: str) -> str | None:
        """Where ``node`` is ("id exp2", "in neuron 1"), if another row reads as its own does."""
        if self._apart is None:
            self._apart = self._table()
        return self._apart.get(node)

    def _table(self) -> dict[str, str]:
        shared = self._shared()
        if not shared:
            return {}
        maybe = {n for same in shared.values() for n in same}
        by_text: dict[str, list[str]] = {}
        for n in self._order():
            if n in maybe:
                by_text.setdefault(self._row_label(n), []).append(n)
        alike = [n for same in by_text.values() if len(same) > 1 for n in same]
        return told_apart(self._row_label, self._groups or GroupSet(), alike) if alike else {}

    def __call__(self, node: str) -> str:
        text = self._row_label(node)
        where = self.apart(node)
        if where is None:
            return text
        head, sep, _ = text.partition(" (in ")
        if sep and text.endswith(")") and is_number(head):  # a constant: "2 (in 2*n, id const3)"
            return f"{text[:-1]}, {where})"
        return f"{text} ({where})"
