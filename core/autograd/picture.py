"""A graph as an SVG picture, drawn like the app's cards, without Qt: what a
notebook shows for a ``Value`` or a graph on the last line of a cell
(``_repr_svg_``), as micrograd's ``draw_dot`` does.

It sits at the bottom of core so that ``Value`` itself can draw; the graph
model hands it its nodes as :class:`Card` records with their positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from core.autograd.floats import fmt_card
from core.autograd.ops import OPS

CARD_W, CARD_H, HEADER_H, RADIUS = 132.0, 64.0, 22.0, 9.0
COLUMN, ROW = 200.0, 96.0  # spacing when the cards have no positions
MARGIN = 16.0
#: Leaves green, operators white, as on the canvas.
LEAF = {"fill": "#e7f5ee", "head": "#c9ebd8", "border": "#6cc196", "text": "#1d5c3b"}
OPER = {"fill": "#ffffff", "head": "#e9edf5", "border": "#c5cad3", "text": "#2a3140"}
GRAD, TEXT, WIRE, SYMBOL, PILL = "#b3541e", "#1f2430", "#8b93a3", "#3b5bdb", "#e0e7ff"
MAX_CARDS = 2000  # beyond this a picture is no help; the repr says so in words


@dataclass
class Card:
    """One node as drawn: ``inputs`` are indices of earlier cards, in port order."""

    label: str
    op: str
    value: float | None
    grad: float | None = None
    exponent: float | None = None
    inputs: tuple[int | None, ...] = ()
    x: float | None = None
    y: float | None = None


def value_cards(root) -> list[Card]:
    """The cards of ``root`` and everything it depends on (a Value of this
    project), inputs before their consumers."""
    order: list = []
    index: dict[int, int] = {}
    stack = [(root, False)]
    while stack:
        v, expanded = stack.pop()
        if id(v) in index:
            continue
        if expanded:
            index[id(v)] = len(order)
            order.append(v)
            continue
        stack.append((v, True))
        stack.extend((c, False) for c in reversed(v.inputs) if id(c) not in index)
    return [
        Card(
            v.label or ("" if v.inputs else fmt_card(v.data)),
            v.op,
            v.data,
            v.grad,
            v.exponent,
            tuple(index[id(c)] for c in v.inputs),
        )
        for v in order
    ]


def layout(cards: Sequence[Card]) -> list[tuple[float, float]]:
    """Each card's centre: its own position if it has one, else a column per
    step back from the outputs (inputs left), rows in order."""
    if cards and all(c.x is not None and c.y is not None for c in cards):
        return [(float(c.x), float(c.y)) for c in cards]  # type: ignore[arg-type]
    depth = [0] * len(cards)  # longest path to an output
    for i in range(len(cards) - 1, -1, -1):
        for j in cards[i].inputs:
            if j is not None:
                depth[j] = max(depth[j], depth[i] + 1)
    top = max(depth, default=0)
    rows: dict[int, int] = {}
    out = []
    for d in depth:
        col = top - d
        rows[col] = rows.get(col, -1) + 1
        out.append((col * COLUMN, rows[col] * ROW))
    return out


def svg(cards: Sequence[Card], title: str = "micrograd-studio graph") -> str:
    """The SVG document of ``cards``."""
    if len(cards) > MAX_CARDS:
        return _text_svg(f"{len(cards)} nodes: too many to draw here; open it in micrograd-studio")
    pos = layout(cards)
    if not pos:
        return _text_svg("an empty graph")
    w2, h2 = CARD_W / 2, CARD_H / 2
    left = min(x for x, _ in pos) - w2 - MARGIN
    top = min(y for _, y in pos) - h2 - MARGIN
    width = max(x for x, _ in pos) + w2 + MARGIN - left
    height = max(y for _, y in pos) + h2 + MARGIN - top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="{left:.1f} {top:.1f} {width:.1f} {height:.1f}" '
        'font-family="DejaVu Sans, Verdana, sans-serif">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" fill="#ffffff"/>',
    ]
    for i, c in enumerate(cards):  # wires first, under the cards
        n = len(c.inputs)
        for port, j in enumerate(c.inputs):
            if j is None:
                continue
            x1, y1 = pos[j][0] + w2, pos[j][1] + _body_mid()
            x2, y2 = pos[i][0] - w2, pos[i][1] + _port_y(port, n)
            bend = max(30.0, abs(x2 - x1) / 2)
            parts.append(
                f'<path d="M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} '
                f'{x2:.1f},{y2:.1f}" fill="none" stroke="{WIRE}" stroke-width="1.5"/>'
            )
    for c, (x, y) in zip(cards, pos):
        parts.append(_card(c, x, y))
    parts.append("</svg>")
    return "\n".join(parts)


def _body_mid() -> float:
    return (-CARD_H / 2 + HEADER_H + CARD_H / 2) / 2


def _port_y(port: int, n: int) -> float:
    return _body_mid() if n <= 1 else _body_mid() + 22.0 * (port - (n - 1) / 2)


def _card(c: Card, x: float, y: float) -> str:
    look = LEAF if c.op == "leaf" else OPER
    left, top = x - CARD_W / 2, y - CARD_H / 2
    symbol = "" if c.op == "leaf" else OPS[c.op].symbol if c.op in OPS else c.op
    if c.op == "pow" and c.exponent is not None:
        symbol = f"**{fmt_card(c.exponent).rstrip('0').rstrip('.')}"
    out = [
        f"<g><title>{escape(c.label or c.op)}: value {c.value!r}, grad {c.grad!r}</title>",
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{CARD_W}" height="{CARD_H}" rx="{RADIUS}" '
        f'fill="{look["fill"]}" stroke="{look["border"]}" stroke-width="1.2"/>',
        f'<path d="M{left:.1f},{top + HEADER_H:.1f} v{-(HEADER_H - RADIUS):.1f} '
        f"a{RADIUS},{RADIUS} 0 0 1 {RADIUS},{-RADIUS} h{CARD_W - 2 * RADIUS:.1f} "
        f'a{RADIUS},{RADIUS} 0 0 1 {RADIUS},{RADIUS} v{HEADER_H - RADIUS:.1f} z" fill="{look["head"]}"/>',
    ]
    tx = left + 8
    if symbol:
        pill = 10 + 7 * len(symbol)
        out.append(
            f'<rect x="{tx - 2:.1f}" y="{top + 4:.1f}" width="{pill}" height="14" rx="4" fill="{PILL}"/>'
            f'<text x="{tx + pill / 2 - 2:.1f}" y="{top + 15:.1f}" font-size="10" font-weight="bold" '
            f'fill="{SYMBOL}" text-anchor="middle">{escape(symbol)}</text>'
        )
        tx += pill + 4
    out.append(
        f'<text x="{tx:.1f}" y="{top + 15:.1f}" font-size="10" font-weight="bold" '
        f'fill="{look["text"]}">{escape(_short(c.label, 16))}</text>'
    )
    body = top + HEADER_H
    if c.grad is None:
        out.append(
            f'<text x="{x:.1f}" y="{body + 26:.1f}" font-size="13" font-weight="bold" '
            f'fill="{TEXT}" text-anchor="middle">{fmt_card(c.value)}</text>'
        )
    else:
        out.append(
            f'<text x="{x:.1f}" y="{body + 17:.1f}" font-size="12" font-weight="bold" '
            f'fill="{TEXT}" text-anchor="middle">{fmt_card(c.value)}</text>'
            f'<text x="{x:.1f}" y="{body + 34:.1f}" font-size="10.5" fill="{GRAD}" '
            f'text-anchor="middle">grad {fmt_card(c.grad)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _text_svg(message: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="420" height="40" viewBox="0 0 420 40">'
        f'<text x="10" y="25" font-family="sans-serif" font-size="13">{escape(message)}</text></svg>'
    )
