"""Where a node card's texts go at a given zoom (see card_text.py): the
full card (symbol, label, tag, value, gradient, port names, badge, note)
with each text grown to stay readable, or, zoomed further out, the compact
card: its name, value and gradient large, one under another."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF

from core.explain.format import fmt, fmt_card
from gui.canvas.cards.card_text import (
    CENTER,
    LEFT,
    NOTE_PX,
    RIGHT,
    Text,
    cut_name,
    first_fit,
    first_signed_fit,
    fit,
    is_compact,
    line_height,
    metrics,
    one_line_px,
    padded,
    short,
    short_name,
    stack,
    usual_px,
)
from gui.canvas.cards.note_text import NOTE_PAD, note_for_width
from gui.canvas.painting import BODY_TOP, CARD_RECT, H2, PORT_YS, TAG_H, W2
from gui.common import style as S


@dataclass(frozen=True)
class CardFacts:
    """What a card shows, as plain data (the item's view of its node)."""

    label: str
    value: float | None
    value_text: str
    symbol: str
    tag: str | None
    arity: int
    ports: tuple[str, ...]
    show_port_names: bool
    grad: float | None
    grad_name: str
    badge: str | None
    note: str | None
    note_rect: QRectF
    widest: str | None = None  # the widest name shown among the cards of its kind (card_kinds.py)
    op: str = ""


def node_texts(f: CardFacts, need: int) -> list[Text]:
    """The card's texts when a readable text needs ``need`` font pixels."""
    return _compact(f, need) if is_compact(need) else _full(f, need)


def _full(f: CardFacts, need: int) -> list[Text]:
    out: list[Text] = []
    hdr = QRectF(-W2 + 9, -H2, S.NODE_W - 18, S.HEADER_H)
    if f.symbol:
        short = len(f.symbol) <= 2
        px = max(14 if short else 13, need)
        w = max(22.0, metrics(px, True).horizontalAdvance(f.symbol) + 10)
        pill = QRectF(-W2 + 6, -H2 + 3, w, S.HEADER_H - 6)
        out.append(Text("symbol", f.symbol, pill, px, True, CENTER, box=pill))
        hdr.setLeft(pill.right() + 5)
    right_w = 0.0
    if f.tag:
        px = max(10, need)
        right_w = metrics(px).horizontalAdvance(f.tag) + 6
        out.append(Text("tag", f.tag, QRectF(hdr), px, False, RIGHT))
    px = max(13, need)
    label = cut_name(f.label, px, True, hdr.width() - right_w)
    if label != f.label and f.symbol and f.op and f.label.startswith(f.op + "(") and f.label.endswith(")"):
        # its function beside the pill that names it: "tanh" "(x*y)", not "tanh" "tan…*y)" (an import's label)
        label = cut_name(f.label[len(f.op) :], px, True, hdr.width() - right_w) or label
    if label is not None:
        out.append(
            Text(
                "label",
                label,
                QRectF(hdr.left(), hdr.top(), hdr.width() - right_w, hdr.height()),
                px,
                True,
                LEFT,
            )
        )

    body_l, body_w = _body(f.arity)
    body_h = S.NODE_H - S.HEADER_H
    show_grad = f.grad is not None
    grad_forms = [f"{f.grad_name} {fmt_card(f.grad)}", f"{f.grad_name} {fmt(f.grad, 3)}"] if show_grad else []
    # (Presentation Mode's larger text: as large as it fits, down to the usual size, before shorter);
    # the form and size an operator's body allows, on a leaf's wider one too: every card says its
    # gradient alike (a trial: b's "grad 0.5000" among "grad 0.5" in Presentation Mode)
    grad_w = _body(1)[1]
    gpx = _largest_fit(grad_forms, max(10, need), max(10, usual_px(need)), grad_w)
    gh = max(16.0, line_height(gpx))
    vrect = QRectF(body_l, BODY_TOP + (2 if show_grad else 0), body_w, body_h - gh if show_grad else body_h)
    vpx = _largest_fit([f.value_text], max(16, need), max(16, usual_px(need)), body_w, bold=True)
    value = first_fit([f.value_text, fmt(f.value, 3)], vpx, True, body_w)
    if value is not None:
        out.append(Text("value", value, vrect, vpx, True, CENTER))
    if show_grad:
        grect = QRectF(body_l, vrect.bottom() - 2, body_w, gh)
        text = first_fit(grad_forms, gpx, False, grad_w)
        if text is not None:
            tw = metrics(gpx).horizontalAdvance(text) + 10
            pill = QRectF(grect.center().x() - tw / 2, grect.top() + 1, tw, gh - 2)
            out.append(Text("grad", text, grect, gpx, False, CENTER, box=pill))
    if f.show_port_names:
        ports = PORT_YS.get(f.arity, ())
        names = list(f.ports[: len(ports)])
        ppx = _largest_fit(names, max(10, need), max(10, usual_px(need)), 14, every=True)
        for i, y in enumerate(ports):
            out.append(Text("port", f.ports[i], QRectF(-W2 + 9, y - 8, 14, 16), ppx, False, LEFT))
    if f.badge is not None:
        bpx = max(10, min(need, max(usual_px(need), int(TAG_H))))  # (its tag no taller with larger text)
        w = metrics(bpx).horizontalAdvance(f.badge) + 12
        tag = QRectF(W2 - w - 8, -H2 - TAG_H + 1, w, TAG_H - 1)
        out.append(Text("badge", f.badge, tag, bpx, False, CENTER, box=tag))
    if f.note:  # as large as it must be to read, in the room kept for it at its largest
        npx = min(NOTE_PX[1], max(NOTE_PX[0], need))
        note = note_for_width(f.note, npx, f.note_rect.width() - NOTE_PAD)
        w = metrics(npx).horizontalAdvance(note) + NOTE_PAD
        room = f.note_rect  # drawn smaller than its room: on the room's side nearest the card
        x = max(room.left(), min(-w / 2, room.right() - w))
        bh = line_height(npx, False) + 6
        box = QRectF(x, room.bottom() - bh if room.bottom() <= -H2 else room.top(), w, bh)
        out.append(Text("note", note, box, npx, False, CENTER, box=box))
    return out


def _body(arity: int) -> tuple[float, float]:
    """A card's body, between its ports: its left edge and width (a leaf's, with no input ports, wider)."""
    left = -W2 + (20 if arity else 8)
    return left, W2 - 14 - left


def _largest_fit(
    forms: list[str], px: int, least: int, width: float, every: bool = False, bold: bool = False
) -> int:
    """The largest size from ``px`` down to ``least`` at which one of
    ``forms`` (``every``: each of them) fits ``width``; ``least`` if none
    does (Presentation Mode's larger text, as large as fits: never smaller
    than usual, and shortened only where the usual size would be too)."""
    for size in range(px, least - 1, -1):
        fits = [metrics(size, bold).horizontalAdvance(t) <= width for t in forms]
        if fits and (all(fits) if every else any(fits)):
            return size
    return least


def _compact(f: CardFacts, need: int) -> list[Text]:
    """Name, value and gradient, large and centred; what does not fit is
    left out (with a gradient shown, the value goes first: name and
    gradient say what a pass found, and whose).
    On one line, the name whole where every name of its kind shown fits,
    else the number: cards of a kind say the same kind of thing
    (card_kinds.py; a cut "w…2" on every product said nothing), and never
    a gradient alone (a leaf read "∇-0.2" among leaves showing values, its
    gradient the only one short enough to fit)."""
    # the card's whole height: one line of the largest font still fits down
    # to where a small graph goes far (style.FAR_ZOOM_FEW), not blank below 21.6 %
    box = CARD_RECT.adjusted(6, 0, -6, 0)
    px = one_line_px(need, box.height() + 1)  # (Presentation Mode's larger text: smaller, never blank)
    w = box.width()
    room = int((box.height() + 1) // line_height(px, True))  # (a pixel to spare: 64.02 in 64)
    own = fit(f.label, px, True, w)
    if room > 1:  # its value under it anyway: the name where it tells, cut in its middle ("yp…4]")
        label = short_name(f.label, px, True, w)
        if label == f.label and f.symbol:  # and what makes it, where that fits too ("× e": a trial's
            label = first_fit([f"{f.symbol} {label}", label], px, True, w)  # class read e, d as leaves)
    else:  # one line: the name, whole, if every name of its kind shown fits; else the number
        widest = f.widest if f.widest is not None else f.label
        label = own if fit(widest, px, True, w) is not None else None
    # (two digits last: a card whose name does not fit says "0.2", not
    # nothing: micrograd's "10.0 / f" at 22 %; then in one digit)
    # (then without a leading zero, ".07", and with a hyphen for the wide
    # minus sign last: "−1.5" left a card blank beside "1.6")
    v2, v1 = short(f.value, 2), short(f.value, 1)
    # (then to two decimal places, "−.01": −0.0094 had no form narrow
    # enough, "−.009", and its card was a blank block among "−.02", a trial)
    d2 = bare_number(_decimals(f.value, 2))
    b1 = bare_number(v1)
    forms = [f.value_text, fmt(f.value, 3), v2, v1, b1, _hyphen(v2), _hyphen(v1), _hyphen(b1)]
    forms += [d2, _hyphen(d2)]
    # (each form as if negative first, as the gradients: the gradient graph at 43 % read "2.0000"
    # beside "−6", a trial; a number no signed form fits still shows, never a blank block)
    value = first_signed_fit(forms, px, True, w) or first_fit(forms, px, True, w)
    if label is None and value is None:  # its name where no number fits: never a blank block
        label = own
    grad = None
    if f.grad is not None and room > 1:
        g2, g3 = padded(short(f.grad, 2), 2), padded(fmt(f.grad, 3), 3)  # (as many digits as its form says)
        forms = [f"∇ {fmt_card(f.grad)}", f"∇ {g3}", f"∇ {g2}", f"∇{g2}", *tiny_grads(f.grad)]
        if f.grad_name != "grad":  # forward mode's tangent: named as the full card names it ("d/da
            # −3.00"), else ∂ (a derivative), never ∇, a gradient's sign (a trial's compact cards did)
            named = [g.replace("∇ ", "∇").replace("∇", f"{f.grad_name} ") for g in forms]
            forms = named + [g.replace("∇", "∂") for g in forms]
        grad = first_signed_fit(forms, px, False, w)
    # with a gradient, two lines say whose gradient it is: name and gradient, the value left for a
    # third line (a trial at 54 %: a teacher's "every gradient" slide read value and ∇ on every
    # card, none said which was w1's); the value where no name fits (a trial before: "∇ only")
    wanted = ["label", "grad", "value"] if grad is not None else ["label", "value"]
    texts = {"label": label, "value": value, "grad": grad}
    chosen = [k for k in wanted if texts[k] is not None][:room]
    lines: list[tuple[str, str, bool]] = [
        (k, texts[k] or "", k != "grad") for k in ("label", "value", "grad") if k in chosen
    ]
    return stack(lines, box, px)


def tiny_grads(g: float) -> list[str]:
    """Narrow forms of a small gradient, last resorts before none at all (a
    trial: a saturated neuron's cards, their gradients near 1e−4, showed
    their values instead, read as "backprop never reached here")."""
    if g == 0 or not math.isfinite(g) or abs(g) >= 0.01:
        return []
    mantissa, power = f"{g:.0e}".split("e")
    sci = f"{mantissa}e{int(power)}".replace("-", "−")
    return list(dict.fromkeys([f"∇{bare_number(fmt(g, 1))}", f"∇{sci}", "∇≈0"]))


def _decimals(v: float | None, places: int) -> str:
    """``v`` rounded to ``places`` decimal places ("−0.01" for −0.0094), or
    "≈0" when that rounds to zero (never a bare "0": it is not exactly 0);
    a value that is not a finite number in its usual form."""
    if v is None or not math.isfinite(v):
        return fmt(v, 1)
    if v == 0:
        return "0"
    text = f"{v:.{places}f}"
    if float(text) == 0:
        return "≈0"
    return text.replace("-", "−")


def _hyphen(number: str) -> str:
    """``number`` with a hyphen for its minus sign (narrower, at the size a
    far card's number is drawn; never a gradient's: "∇-0.2" beside "−1")."""
    return number.replace("−", "-")


def bare_number(number: str) -> str:
    """``number`` without its leading zero (".07", "−.04")."""
    sign = number[:1] if number[:1] in "−-" else ""
    rest = number[len(sign) :]
    return sign + rest[1:] if rest.startswith("0.") else number
