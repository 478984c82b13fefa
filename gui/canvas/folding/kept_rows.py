"""A folded card zoomed out past its full size keeps its rows where they fit.

Below about 70 % (the zoom a teacher's imported graph opened at) a folded
card gave its face to its name and outputs, and the input rows, what the
group sends back across its edge ("x ∇1.3743", "y ∇0.8745"), were gone (a
trial). Now, while a row's line fits its row, the card keeps its name and its
rows, each named, in the zoom's digits (zoom_digits.py): beside their
ports as near, else, one output, that output's row in the line over them
where the count of nodes is near; in fewer digits before no rows at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from core.graph.group_card_geometry import GROUP_ROW_H
from gui.canvas.cards.card_text import (
    CENTER,
    LEFT,
    RIGHT,
    Text,
    first_signed_fit,
    line_height,
    metrics,
    usual_px,
    wrap,
)
from gui.canvas.cards.zoom_digits import view_level
from gui.canvas.folding.group_rows import MAX_ROWS, Port, compact_forms, negative_model, waiting
from gui.common import style as S

#: A folded card's row's height (group_card.py).
ROW_H = GROUP_ROW_H
#: Zoomed out, a card's rows may come this close (of a line's height) to keep them: their
#: glyphs (no descender but a bracket's) still a pixel apart at 11 px.
CLOSE = 0.9
#: A short card's name may spill over its top and bottom edges (on a light back) into this much
#: height, its two lines whole down to the zoom where far out the names are laid out over the
#: cards (style.FAR_ZOOM_FEW, 20 %): a one-row card (a layer's weights, a layer of one output)
#: read "layer 1 wei…", "1 weig…", "… 3 [1]" at 26–36 % (issue 10: every name at 11 px or more).
NAME_ROOM = 124.0
#: The smallest a folded card's row is written where it does not fit at its size (of that size).
SMALLEST_ROW = 0.75
#: Behind such a name where it spills past the card (as far names' back: far_names.BACK).
SPILL_BACK = QColor(255, 255, 255, 210)


class RowsCard(Protocol):
    inputs: Sequence[Port]
    outputs: Sequence[Port]

    @property
    def sign(self) -> str: ...

    def full(self, r: QRectF, need: int, fewer: int = 0, count: bool = True) -> list[Text]: ...
    def full_cut(
        self, r: QRectF, need: int, fewer: int = 0, count: bool = True
    ) -> tuple[list[Text], bool]: ...
    def row_y(self, i: int) -> float: ...


def rows_kept(card: RowsCard, r: QRectF, need: int) -> list[Text] | None:
    """The card's name and rows where a readable text needs ``need`` px past its
    full size, every row named (beside its port, or its one output's row over
    the inputs'), in the zoom's digits or, where only that fits, fewer; else
    None (its compact face). Which of these is chosen as if its numbers were
    negative: like cards at one zoom alike, whatever their signs (trial 73 #9:
    the vanishing chain's layer 11 put "h11 0.88" over "h10 −0.87", the others
    side by side)."""
    ports = (*card.inputs, *card.outputs)
    many = len(card.inputs) > MAX_ROWS or len(card.outputs) > MAX_ROWS
    if many or not card.inputs or not all(p.name for p in ports) or line_height(need) * CLOSE > ROW_H:
        return None
    with signs_negative(card):
        way = _way(card, r, need)
    if way is None:
        return None
    fewer, above = way
    over = _output_above(card, r, need, fewer) if above else None
    return over if over is not None else card.full_cut(r, need, fewer, count=False)[0]


def over_if_negative(card: RowsCard, r: QRectF, need: int) -> bool:
    """Whether ``card`` at its full size puts its output's row over its inputs' were its numbers
    negative: where its rows side by side would be cut, or lose a name, and the row over fits."""
    with signs_negative(card):
        texts, cut = card.full_cut(r, need)
        return (cut or names_lost(card, texts)) and output_over_rows(card, r, need) is not None


def _way(card: RowsCard, r: QRectF, need: int) -> tuple[int, bool] | None:
    """How :func:`rows_kept` lays ``card`` out: in how many fewer digits, and whether its
    output's row goes over the inputs'; None: its compact face."""
    ports = (*card.inputs, *card.outputs)
    for fewer in range(3 - view_level(need)):  # (fewer digits before no rows: every row as few)
        texts, cut = card.full_cut(r, need, fewer, count=False)
        rows = [t.text for t in texts if t.kind == "row"]
        named = len(rows) == len(ports) and all(t.startswith(f"{p.name} ") for t, p in zip(rows, ports))
        if named and not cut:
            return fewer, False
        # its output over the inputs before side by side in fewer digits than the zoom's (trial 52
        # at 64 %: layer 1's "h1 ∇3.2e−6" beside layer 2's "h1 ∇3.212e−6", one value two ways)
        if _output_above(card, r, need, fewer) is not None:
            return fewer, True
        if named:
            return fewer, False
    return None


@contextmanager
def signs_negative(card: RowsCard) -> Iterator[None]:
    """``card`` with every number of its rows negative for the while (group_rows.negative_model)."""
    kept = card.inputs, card.outputs
    card.inputs, card.outputs = negative_model(card.inputs), negative_model(card.outputs)
    try:
        yield
    finally:
        card.inputs, card.outputs = kept


def names_lost(card: RowsCard, texts: list[Text]) -> bool:
    """Whether a row of ``card`` (not a summary's) shows no name in ``texts``."""
    rows = [t.text for t in texts if t.kind == "row"]
    ports = [p for side in (card.inputs, card.outputs) if len(side) <= MAX_ROWS for p in side]
    return any(p.name and not any(t.startswith(f"{p.name} ") for t in rows) for p in ports)


def output_over_rows(card: RowsCard, r: QRectF, need: int) -> list[Text] | None:
    """At its full size, where its rows side by side are cut to fewer digits
    than the zoom's (verify 51, 73–88 %: "x ∇1.4 / y ∇0.87 / x*y + x**2 ∇1.2"
    beside cards' "∇ 1.3499"): its one output's row in the line over the
    inputs' (for the count of nodes), each named, in the zoom's digits, as
    further out; None where that does not fit either, or it has several outputs
    (their rows side by side then keep one precision, fewer digits: group_rows.one_precision)."""
    ports = (*card.inputs, *card.outputs)
    if len(card.inputs) > MAX_ROWS or not card.inputs or not all(p.name for p in ports):
        return None
    return _output_above(card, r, need, 0)


def _output_above(card: RowsCard, r: QRectF, need: int, fewer: int) -> list[Text] | None:
    """One output's row, right, in the line over the rows (a long name, "x*y + x**2
    ∇1.2493", beside "x ∇1.3743" was wider than the card), each input's beside its port."""
    if len(card.outputs) != 1 or not card.inputs:
        return None
    px = max(11, need)
    inner = r.width() - 20
    ins = [_named(p, card.sign, need, fewer, px, inner, waiting(p, card.inputs)) for p in card.inputs]
    if None in ins:
        return None
    near = card.full(r, need, fewer)
    count = next(t.rect for t in near if t.kind == "count")  # (where the count of nodes is near)
    # from just under the name to the first row's: a line's box may be two pixels taller
    # (its glyphs still apart from theirs), or more where the two sit side by side
    line = QRectF(10, count.top() - 2, inner, card.row_y(0) - ROW_H / 2 - count.top() + 2)
    first = metrics(px).horizontalAdvance(ins[0] or "")
    # (a little smaller where its line is too low for it beside the first row: Presentation Mode's
    # "loss ∇1.0" over "ypred[1]  ∇—" at 85 %, trial 64 #3, whose rows side by side lost their names;
    # never under the usual size, ``MIN_PX`` on screen)
    least = max(8, int(px * SMALLEST_ROW), min(px, usual_px(need)))
    for size in range(px, least - 1, -1):
        out = _named(card.outputs[0], card.sign, need, fewer, size, inner)
        apart = out is not None and metrics(size).horizontalAdvance(out) + first + 8 <= inner
        # (its line as close to the first row as the rows come to each other, ``CLOSE``: at 60 % the
        # folded loss's "loss 6.0054" missed its line by 0.1 px and was written "loss 6.0" beside
        # "ypred[1] 0.43", layer 3's "ypred[1] 0.4277" next to it, t73 #5; fewer digits gave it no height)
        high = line_height(size)
        if out is not None and (high <= line.height() + 2 or high * CLOSE <= line.height() or apart):
            break
    else:
        return None
    texts = [t for t in near if t.kind not in ("row", "count")]
    texts.append(Text("row", out, line, size, False, RIGHT))
    for i, row in enumerate(ins):
        y = card.row_y(i)
        texts.append(Text("row", row or "", QRectF(10, y - ROW_H / 2, inner, ROW_H), px, False, LEFT))
    return texts


def _named(
    p: Port, sign: str, need: int, fewer: int, px: int, width: float, later: bool = False
) -> str | None:
    """``p``'s row named, its gradient (its value before a pass; ``later``, "—" for one to come
    beside others': group_rows.waiting) as the zoom writes it, ``fewer`` forms shorter, where it
    fits ``width`` as it would with its number negative (one form a zoom)."""
    return first_signed_fit(compact_forms(p, sign, need, fewer, later=later)[:1], px, False, width)


def two_close(label: str, r: QRectF, need: int, spill: float = 0.0) -> list[Text]:
    """A one-row card's name (a layer's weights: one summary row) on two lines ``CLOSE`` apart where
    they fit its rect ``r`` and ``spill`` over its top and bottom edges, before one line cut: a
    card with more rows read "layer 3 / weights" beside its "layer 1 wei…" (trial 58); [] where
    they do not fit."""
    lines, lh = wrap(label, need, True, r.width() - 16, 2), line_height(need, True)
    if len(lines) != 2 or any("…" in t for t in lines) or lh * (1 + CLOSE) > r.height() - 2 + 2 * spill:
        return []
    top = r.center().y() - lh * (1 + CLOSE) / 2
    return [
        Text("name", t, QRectF(8, top + i * CLOSE * lh, r.width() - 16, lh), need, True, CENTER)
        for i, t in enumerate(lines)
    ]


def paint_spill(painter: QPainter, texts: list[Text], r: QRectF) -> None:
    """A light back behind a name drawn over card ``r``'s edges (two_close), read over the wires."""
    spilt = [t.rect for t in texts if t.kind == "name" and not r.contains(t.rect)]
    if not spilt:
        return
    back = spilt[0]
    for rect in spilt[1:]:
        back = back.united(rect)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(SPILL_BACK)
    painter.drawRoundedRect(back.adjusted(0, -1, 0, 1), S.RADIUS, S.RADIUS)
