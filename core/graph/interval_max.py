"""The most raised over any part of an interval: a segment tree on the
intervals' ends, for making room column by column (core/graph/make_room.py:
an opened group pushes down only what shares its columns)."""

from __future__ import annotations

from bisect import bisect_left

_NONE = float("-inf")


class IntervalMax:
    """Half-open intervals [lo, hi) whose ends are among ``ends``: raise
    every point of one to at least a value, ask the most any point of one
    was raised to. Both O(log n): a long Expand All stays a sweep."""

    def __init__(self, ends: list[float]) -> None:
        self._ends = sorted(set(ends))
        n = max(1, len(self._ends) - 1)  # elementary pieces between consecutive ends
        self._n = n
        self._most = [_NONE] * (4 * n)  # the most raised anywhere under a node
        self._whole = [_NONE] * (4 * n)  # the most raised over a node's whole piece

    def _span(self, lo: float, hi: float) -> tuple[int, int]:
        return bisect_left(self._ends, lo), bisect_left(self._ends, hi)

    def raise_to(self, lo: float, hi: float, value: float) -> None:
        a, b = self._span(lo, hi)
        if a < b:
            self._raise(1, 0, self._n, a, b, value)

    def most(self, lo: float, hi: float) -> float:
        """The most any point of [lo, hi) was raised to (-inf: never)."""
        a, b = self._span(lo, hi)
        return self._most_in(1, 0, self._n, a, b) if a < b else _NONE

    def _raise(self, node: int, left: int, right: int, a: int, b: int, value: float) -> None:
        if self._most[node] < value:
            self._most[node] = value
        if a <= left and right <= b:
            if self._whole[node] < value:
                self._whole[node] = value
            return
        mid = (left + right) // 2
        if a < mid:
            self._raise(2 * node, left, mid, a, b, value)
        if b > mid:
            self._raise(2 * node + 1, mid, right, a, b, value)

    def _most_in(self, node: int, left: int, right: int, a: int, b: int) -> float:
        if a <= left and right <= b:
            return self._most[node]
        best = self._whole[node]
        mid = (left + right) // 2
        if a < mid:
            best = max(best, self._most_in(2 * node, left, mid, a, b))
        if b > mid:
            best = max(best, self._most_in(2 * node + 1, mid, right, a, b))
        return best
