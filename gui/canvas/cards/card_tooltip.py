"""A node card's tooltip: what the card shows, in full (its formula with its
inputs' names, its value and gradient to the last digit, why it has no value
or an inf/nan), for the reader who hovers over it.

Kept apart from the card's drawing (gui/canvas/cards/node_item.py) as a mixin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.autograd import ops
from core.explain import node_formula
from core.explain.format import fmt_full
from gui.canvas.painting import esc_html
from gui.common import style as S

if TYPE_CHECKING:
    from core.graph.model import GraphModel


class CardTooltip:
    """NodeItem's tooltip (the card's own state, read after it caught up)."""

    if TYPE_CHECKING:  # NodeItem's and DecoratedCard's, used here
        _model: GraphModel
        node_id: str
        op: str
        label: str
        _value: float | None
        _reason: str | None
        _bad: bool
        _grad: float | None
        _grad_name: str
        _note: str | None
        _is_output: bool
        _auto_output: bool

        def catch_up(self) -> bool: ...

    def tooltip_text(self) -> str:
        self.catch_up()
        m, n = self._model, self.node_id
        spec = ops.OPS[self.op]
        lines = []
        if self.op == "leaf":
            lines.append(f"<b>{esc_html(self.label)}</b> — value (leaf)")
        else:
            names = [m.label(s) if s is not None else "∅" for s in m.inputs(n)]
            formula = node_formula.of_inputs(m, n)  # "d × f", as Properties: not the ports' "in₁ · in₂"
            lines.append(f"<b>{esc_html(self.label)}</b> = {esc_html(formula)} &nbsp;({spec.title})")
            lines.append(", ".join(f"{p} = {esc_html(x)}" for p, x in zip(spec.ports, names)))
        lines.append(f"value: {fmt_full(self._value)}")
        if self._grad is not None:
            lines.append(f"{esc_html(self._grad_name)}: {fmt_full(self._grad)}")
        if self._note:  # the animation's caption, e.g. where an inf gradient came from
            lines.append(esc_html(self._note))
        if self._reason:
            lines.append(
                f"<span style='color:{S.INCOMPLETE.name()}'>incomplete: {esc_html(self._reason)}</span>"
            )
        if self._bad:
            why = m.nonfinite_reason(n) or "an input is not finite"
            lines.append(f"<span style='color:{S.BAD.name()}'>not finite: {esc_html(why)}</span>")
        if self._is_output:
            lines.append("the graph's output (backward starts here)")
        elif self._auto_output:
            lines.append("the graph's only end node: with no output set, backward starts here")
        lines.append(f"<span style='color:{S.TEXT_DIM.name()}'>id: {esc_html(n)}</span>")
        return "<br>".join(lines)
