"""Where a node card's texts go at a given zoom (see card_text.py): the
full card (symbol, label, tag, value, gradient, port names, badge, note)
with each text grown to stay readable, or, zoomed further out, the compact
card: its name, value and gradient large, one under another. Its numbers
come written as the zoom writes them (zoom_digits.py), the zoom's text
first: the layout picks the first that fits."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QRectF

from core.explain.format import MINUS, number_forms, short
from gui.canvas.cards.card_facts import CardFacts
from gui.canvas.cards.card_header import formula_header, header_sizes, pill_w
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
    note_largest,
    one_line_px,
    short_name,
    signed,
    stack,
    text_scale,
    two_lines,
    usual_px,
)
from gui.canvas.cards.mode_lines import (
    CLEAR_W,
    LEAF_CLEAR_W,
    fitting_px,
    left_of_port,
    lines_px,
    one_line_smaller,
)
from gui.canvas.cards.name_parts import formula
from gui.canvas.cards.note_text import NOTE_PAD, note_for_width
from gui.canvas.painting import BODY_TOP, CARD_RECT, H2, MARGIN, PORT_YS, TAG_REACH, W2, tag_height
from gui.common import style as S


def laid_out(
    f: CardFacts, need: int, grads: list[str], values: list[str], smaller: bool = True
) -> list[Text]:
    """The card's texts when a readable text needs ``need`` font pixels, its
    gradient one of ``grads`` and its value one of ``values`` (each the
    zoom's text first, then shorter: zoom_digits.py), the first that fits;
    ``smaller``: a card's own layout, its gradient a little smaller before a shorter
    one, zoomed out (and Presentation Mode's, where none fits so, down to the usual
    size); False: the tightest card's measure (zoom_digits.py), no smaller than that."""
    if is_compact(need):
        return _compact(f, need, grads, values, smaller)
    return _full(f, need, grads, values, smaller)


def _full(f: CardFacts, need: int, grads: list[str], values: list[str], smaller: bool = True) -> list[Text]:
    out: list[Text] = []
    hdr = QRectF(-W2 + 9, -H2, S.NODE_W - 18, S.HEADER_H)
    right_w, tag_px = 0.0, max(10, need)
    kind_tag = f.tag
    if kind_tag:
        right_w = metrics(tag_px).horizontalAdvance(kind_tag) + 6
    spx, px = header_sizes(f, need, hdr.right() - right_w)
    if kind_tag and not f.symbol and fit(f.label, px, True, hdr.width() - right_w) is None:
        if fit(f.label, px, True, hdr.width()) is not None:  # its name whole before "const" beside it
            kind_tag, right_w = None, 0.0  # (trial 65: the gradient graph's "add1.gr…  const" at 88 %)
    symbol, px, bold = formula_header(f, need, px, spx, hdr.width() - right_w)
    if symbol:
        w = pill_w(f.symbol, spx)
        pill = QRectF(-W2 + 6, -H2 + 3, w, S.HEADER_H - 6)
        out.append(Text("symbol", f.symbol, pill, spx, True, CENTER, box=pill))
        hdr.setLeft(pill.right() + 5)
    if kind_tag:
        out.append(Text("tag", kind_tag, QRectF(hdr), tag_px, False, RIGHT))
    label = cut_name(f.label, px, bold, hdr.width() - right_w)
    if label != f.label and symbol and f.op and f.label.startswith(f.op + "(") and f.label.endswith(")"):
        # its function beside the pill that names it: "tanh" "(x*y)", not "tanh" "tan…*y)" (an import's label)
        label = cut_name(f.label[len(f.op) :], px, True, hdr.width() - right_w) or label
    if label is not None:
        out.append(
            Text(
                "label",
                label,
                QRectF(hdr.left(), hdr.top(), hdr.width() - right_w, hdr.height()),
                px,
                bold,
                LEFT,
            )
        )

    body_l, body_w = _body(f.arity)
    body_h = S.NODE_H - S.HEADER_H
    # the port names (in₁/in₂ of − and ÷, xᵏ's in) in a column of their own width, and the value
    # and gradient pill right of it: the pill covered "in₂" (a trial: numerator and denominator told
    # apart no more); what is wider than the body moves right, up to the output port (the pill
    # to the card's edge: it runs below that port)
    ports = PORT_YS.get(f.arity, ()) if f.show_port_names else ()
    names = list(f.ports[: len(ports)])
    show_grad = f.grad is not None
    # (beside port names, then in three digits padded as the first: "grad 4.00", not "grad 4")
    grad_forms = [f"{f.grad_name} {g}" for g in grads] if show_grad and grads else []
    # (Presentation Mode's larger text: as large as it fits, down to the usual size, before shorter);
    # the form and size an operator's body allows, on a leaf's wider one too: every card says its
    # gradient alike (a trial: b's "grad 0.5000" among "grad 0.5" in Presentation Mode)
    # each measured as if negative: one size and form whatever its sign (trial 55: "grad −2.00"
    # beside a larger "grad 4.0000" in the mode, the minus the difference)
    # (the zoom's form a little smaller before a shorter one, as the tightest card takes it: _grad_fit)
    grad_w, widest, least = _body(1)[1], [signed(t) for t in grad_forms], max(10, usual_px(need))
    found = _grad_fit(widest, max(10, need), least, grad_w, smaller)
    # Presentation Mode's larger text: with no port names beside it, the pill may span the card
    # between its ports, as large as the card's other texts (a trial: "grad 0.75" 10–13 px beside a
    # 1.5× name and value at 79 %), in the form the body's measure chose (the zoom's: one form)
    wide = found is not None and not names and need > least
    if found is not None and wide:
        found = (_largest_fit([widest[found[1]]], max(10, need), found[0], _WIDE_PILL), found[1])
    gpx = least if found is None else found[0]
    gh = max(16.0, line_height(gpx))
    ppx, port_w = _port_column(names, max(10, need), least, widest, gpx)
    clear = _PORT_X + port_w + 2 if names else None  # the column's right edge, and a gap
    room_l, room_r = (clear, W2 - S.PORT_R - 1) if clear is not None else (body_l, body_l + body_w)
    vrect = QRectF(body_l, BODY_TOP + (2 if show_grad else 0), body_w, body_h - gh if show_grad else body_h)
    value_w = min(body_w, room_r - room_l)
    vpx = _largest_fit(values[:1], max(16, need), max(16, usual_px(need)), value_w, bold=True)
    value = first_fit(values, vpx, True, value_w)
    if value is not None:
        if names:
            vw = metrics(vpx, True).horizontalAdvance(value) + 2
            vrect = QRectF(_placed(vw, vrect.center().x(), room_l, room_r), vrect.top(), vw, vrect.height())
        out.append(Text("value", value, vrect, vpx, True, CENTER))
    if show_grad:
        grect = QRectF(body_l, vrect.bottom() - 2, body_w, gh)
        if wide:
            grect = QRectF(-_WIDE_PILL / 2 - 5, grect.top(), _WIDE_PILL + 10, gh)
        pill_r = _PILL_R  # (beside port names)
        fits = min(grad_w, pill_r - room_l - 8) if names else _WIDE_PILL if wide else grad_w  # (in its pill)
        if fits < grad_w:  # beside port names: smaller before shorter, never below the usual size
            found = _grad_fit(widest, max(10, need), least, fits, smaller)
            gpx = min(gpx, least if found is None else found[0])
        # (one form whatever its sign: a − card's "grad 4.00" by a ÷ card's "grad −4.00"; where
        # the usual size cannot hold the zoom's form negative, as its sign allows: a tiny one's
        # "9.2e−7", as a folded card's row writes it; the tightest card's measure: none)
        text = first_signed_fit(grad_forms, gpx, False, fits) if found is not None or smaller else None
        if smaller and grad_forms and text != grad_forms[0]:  # the zoom's text, negative, a little
            # smaller where that fits it, before fewer digits (trial 66 #9: at 83 % a's "grad −1e−5"
            # beside b's "grad 1.0e−5", −9.978e−6 and 9.978e−6, the minus a glyph too wide)
            size = _zoom_text_size(grad_forms[0], gpx, fits)
            if size is not None:
                gpx, text = size, grad_forms[0]
        if smaller and (text is None or (not names and gpx <= least and text != grad_forms[0])):
            text = first_fit(grad_forms, gpx, False, fits) or text
        if text is not None:
            tw = metrics(gpx).horizontalAdvance(text) + 10
            if names:  # (its padding a little tighter where it must be)
                tw = min(tw, pill_r - room_l)
                grect = QRectF(_placed(tw, grect.center().x(), room_l, pill_r), grect.top(), tw, gh)
            pill = QRectF(grect.center().x() - tw / 2, grect.top() + 1, tw, gh - 2)
            out.append(Text("grad", text, grect, gpx, False, CENTER, box=pill))
    for name, y in zip(names, ports):
        out.append(Text("port", name, QRectF(_PORT_X, y - 8, port_w, 16), ppx, False, LEFT))
    if f.badge is not None:
        # (as tall as the text is large: Presentation Mode's tag as much larger as the card's text)
        # (wider than the card, centred over it, within its bounds: TAGGED_BOUNDS)
        th = tag_height(text_scale())
        bpx = max(10, min(need, max(usual_px(need), int(th))))
        bpx = _largest_fit([f.badge], bpx, min(bpx, max(10, usual_px(need))), _TAG_W - 12)
        w = metrics(bpx).horizontalAdvance(f.badge) + 12
        x = W2 - w - 8 if w <= S.NODE_W - 16 else -w / 2
        tag = QRectF(x, -H2 - th + 1, w, th - 1)
        out.append(Text("badge", f.badge, tag, bpx, False, CENTER, box=tag))
    if f.note:  # as large as it must be to read, in the room kept for it at its largest
        npx = min(note_largest(), max(NOTE_PX[0], need))
        while npx > NOTE_PX[0] and line_height(npx) + 6 > f.note_rect.height() + 0.5:
            npx -= 1  # (a room measured before the text size changed: drawn as large as it holds)
        note = note_for_width(f.note, npx, f.note_rect.width() - NOTE_PAD)
        w = metrics(npx).horizontalAdvance(note) + NOTE_PAD
        room = f.note_rect  # drawn smaller than its room: on the room's side nearest the card
        x = max(room.left(), min(-w / 2, room.right() - w))
        bh = line_height(npx, False) + 6
        box = QRectF(x, room.bottom() - bh if room.bottom() <= -H2 else room.top(), w, bh)
        out.append(Text("note", note, box, npx, False, CENTER, box=box))
    return out


#: Where a card's port names start (right of the port), and how wide they may grow with
#: Presentation Mode's larger text.
_PORT_X = -W2 + 9
_PORT_W = 22.0


#: How far right a gradient pill beside port names may reach (below the output port, in the card).
_PILL_R = W2 - 4
#: The widest the "output" tag may be (past the card's sides with Presentation Mode's larger text).
_TAG_W = S.NODE_W + 2 * (MARGIN + TAG_REACH - 1)

#: The widest a gradient's text may be where its pill spans the card between its ports
#: (Presentation Mode's larger text, no port names beside it): the pill's padding in too.
_WIDE_PILL = S.NODE_W - 2 * (S.PORT_R + 2) - 10


def _port_column(names: list[str], px: int, least: int, grad_forms: list[str], gpx: int) -> tuple[int, float]:
    """The port names' size, from ``px`` down to ``least``, and their column's width: as large as
    fits ``_PORT_W`` and leaves a gradient pill beside it room for its text at ``gpx`` or less, never
    smaller than the port names (Presentation Mode's larger port names took its room), in the form
    it has beside the narrowest column (the port names never cost it digits)."""
    form = _grad_fit(grad_forms, gpx, least, _PILL_R - (_PORT_X + 14.0 + 2) - 8, True)
    for size in range(px, least - 1, -1):
        w = max([14.0] + [metrics(size).horizontalAdvance(n) + 1 for n in names])
        room = _PILL_R - (_PORT_X + w + 2) - 8
        if w > _PORT_W + 1 and size > least:
            continue
        if not grad_forms or size == least:
            return size, w
        g = _grad_fit(grad_forms, gpx, least, room, True)
        if g is not None and g[0] >= size and (form is None or g[1] == form[1]):
            return size, w
    return least, 14.0


def _grad_fit(
    forms: list[str], px: int, least: int, width: float, smaller: bool = True
) -> tuple[int, int] | None:
    """The size a gradient is written at in ``width`` and which of ``forms`` (the zoom's
    text first): the first that fits at ``px`` or a little smaller (to ``ZOOM_TEXT_SMALLEST``
    of it, never below ``least``), before a shorter one; where none does, ``smaller``: the
    first that fits down to ``least``, as large as it fits (else None). The tightest card
    (zoom_digits) takes the zoom's form so, and every card its text in it: each by its own
    room chose the first form it held at the mode's larger size, "grad 1.00" on tanh beside
    "grad 1.0" on x³ (its "in" took room) and "grad 0.60" (trial 60). A last resort in fewer
    than two digits ("−0.06" for −0.0622) only where no form in two fits down to ``least``.
    Without Presentation Mode's larger text ``px`` is ``least``: the first that fits."""
    floor = max(least, min(px, math.ceil(px * ZOOM_TEXT_SMALLEST)))
    two = [i for i, t in enumerate(forms) if _digits(t.split()[-1]) >= 2]
    rest = [i for i in range(len(forms)) if i not in two]
    for kept in (two, rest):
        for low in (floor, least) if smaller else (floor,):
            for i in kept:
                for size in range(px, low - 1, -1):
                    if metrics(size).horizontalAdvance(forms[i]) <= width:
                        return size, i
    return None


def _placed(width: float, centre: float, left: float, right: float) -> float:
    """The left edge of a text ``width`` wide centred on ``centre``, moved
    right of ``left`` where it would cross it, and then left of ``right``."""
    return max(left, min(centre - width / 2, right - width)) if width <= right - left else left


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


def _compact(
    f: CardFacts, need: int, grads: list[str], values: list[str], smaller: bool = True
) -> list[Text]:
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
    nw = w + 8  # a number, centred, to within 2 of its card's edges: two digits down to 26 %
    room = int((box.height() + 1) // line_height(px, True))  # (a pixel to spare: 64.02 in 64)
    if room == 1:  # Presentation Mode's larger text: two lines as the usual size has, as large as fit
        # (trial 60 #2: the gradient graph's finished pass at 58 % wrote one line a card, "−6" for
        # d, no ∇ on any, where the usual text at 54 % read "a" over "∇ 6.0000")
        # (a card with no pass on it only where its two lines stay notably larger than usual: zoomed
        # further out, its name alone at 1.5×, as before; in a pass, the dimmed cards as the others)
        passing = f.grad is not None or f.dimmed
        least = usual_px(need) if passing else math.ceil(usual_px(need) * TWO_LINES_GAIN)
        px, room = _two_lines(px, least, box.height() + 1)
    if f.grad is not None and room == 2 and px > usual_px(need):
        # Presentation Mode in a pass: name, value and gradient as the usual size has them, its three
        # lines as large as they fit (trial 72 #6: the neuron at 76 % read "x1*w1 / ∇ 0.5000", its
        # −6 gone, where the lecture's pictures say "data | grad" on every card)
        three = lines_px(px - 1, usual_px(need), box.height() + 1, 3)
        if three is not None:
            px, room = three, 3
    if room > 1 and px > usual_px(need) and fit(f.label, px, True, w) is None:
        # and its name whole, smaller, down to the usual size, before cut or broken ("b·d.grad" read
        # "b·" over "d.grad", no gradient left under it)
        whole = next((s for s in range(px - 1, usual_px(need) - 1, -1) if fit(f.label, s, True, w)), None)
        if whole is not None:
            px, room = whole, int((box.height() + 1) // line_height(whole, True))
    label_px = px  # (Presentation Mode's formula on one line a little smaller: mode_lines.one_line_smaller)
    own = fit(f.label, px, True, nw if room == 1 else w)  # (one line: as wide as a number may be)
    bold, halves = True, list[str]()
    if room > 1:  # its value under it anyway: the name where it tells, cut in its middle ("yp…4]")
        label = short_name(f.label, px, True, w)
        if _regular(f, px, w):  # whole in the narrower regular face before cut (trial 58: "w1…ad")
            label, bold = f.label, False
        elif (label is None or (label != f.label and room > 2 and _broken(f.label))) and formula(f.label):
            # on two lines before its numbers alone: "(1 − o)·" over "(1 + o)" (trial 58: "(1 … o)"); a
            # product or a sum before cut where its value still shows under them ("exp1.grad·" over
            # "exp1", not "exp1.…·exp1": trial 65; "x1*w1 +" over "x2*w2", not "x1*w1 + …": trial 67)
            halves = two_lines(f.label, px, True, w) or []
            small = one_line_smaller(f, px, need, room, w) if halves else None
            if small is not None:  # (Presentation Mode in a pass: its value kept, its name on one line)
                label, bold, halves, label_px = f.label, False, [], small
        # and what makes it, where that fits too ("× e": a trial's class read e, d as leaves), but
        # not before a name that is a formula ("+ 1 + o" read as a sum of three: trial 55); where
        # it fits before the widest name of its kind shown, so cards of a kind read alike ("× n13_5"
        # beside "n13_10" at 43 %: verify 55)
        plain = f.widest_plain if f.widest_plain is not None else f.label
        if bold and label == f.label and f.symbol and not formula(label):
            if fit(f"{f.symbol} {plain}", px, True, w):
                label = first_fit([f"{f.symbol} {label}", label], px, True, w)
            elif len(f.symbol) > 2 and fit(f"{f.symbol} {plain}", px, False, w):  # a word's sign
                # (tanh, ReLU) in the regular face before none: "tanh n1088" went where "σ n1090"
                # stayed, trial 74: n0, n4 read as nothing at 60 %; its kind's cards alike, as the
                # widest name of it fits so (a sign of a letter or two goes with the name's face)
                label, bold = f"{f.symbol} {label}", False
    else:  # one line: the name, whole, if every name of its kind shown fits; else the number
        widest = f.widest if f.widest is not None else f.label
        label = own if fit(widest, px, True, nw) is not None else None
    # its number in as many digits as fit, never fewer than two (number_forms: a rule of one
    # digit read 0.25 as "0.2" beside "0.18" as "0.2" at 30 %, a trial, and "0.25" at 31 %),
    # with its leading zero ("0.033", not ".03"); a hyphen for the wide minus sign last ("−1.5"
    # left a card blank beside "1.6")
    # (from the zoom's text on: zoom_digits.py; the two digits and hundredths among them as below)
    _four, _three, two, cents = number_forms(f.value)
    twos = list(dict.fromkeys([two, _hyphen(two)])) if two in values else []
    # (a small one's size in one digit, "2e−195", only after its two digits: zoom_digits.py)
    tail = [v for v in values if "e" in v and v not in (_four, _three, two)]
    forms = list(dict.fromkeys([*(v for v in values if v not in (two, cents, *tail)), *twos]))
    # (each form as if negative first, as the gradients: the gradient graph at 43 % read "2.0000"
    # beside "−6", a trial; then its two digits as they are: a positive number keeps them where
    # a negative one's would not fit, rather than a digit less)
    # (then, a number under 0.1, to two decimal places as its neighbours' two digits: "0.03")
    hundredths = list(dict.fromkeys([cents, _hyphen(cents)])) if cents in values else []
    value_px = px
    if px > usual_px(need):  # Presentation Mode's larger number clear of the port dots beside it, a
        # little smaller before fewer digits (trial 73 #7: the MLP's "−1.0000" ran under its output port)
        nw = CLEAR_W if f.arity else LEAF_CLEAR_W  # (a leaf's moved left of its one port)
        value_px = fitting_px(forms[:1], px, max(usual_px(need), math.ceil(px * ZOOM_TEXT_SMALLEST)), nw)
    value = (
        first_signed_fit(forms, value_px, True, nw)
        or first_fit(twos, value_px, True, nw)
        or first_signed_fit(tail, value_px, True, nw)
        or first_fit([t for v in tail for t in dict.fromkeys([v, _hyphen(v)])], value_px, True, nw)
        or first_signed_fit(hundredths, value_px, True, nw)
        or first_fit(hundredths, value_px, True, nw)
    )
    if label is None and value is None and room == 1:  # a card narrower than "-0.47" (below about
        # 25 %, a small graph's): one digit, its leading zero kept ("−0.5"), as the last resort of
        # a kind that shows numbers (a name among numbers, or a blank block, read worse: trials)
        one = short(f.value, 1)
        # (under 0.1 its leading zero goes before the card is left blank: "−.08" for −0.078 beside
        # "−0.9" at 22 %, a column of weights read two blocks among numbers: fix72a's screenshot)
        bare = one.replace("0.", ".", 1) if one.lstrip(MINUS + "-").startswith("0.0") else one
        value = first_fit(list(dict.fromkeys([one, _hyphen(one), bare, _hyphen(bare)])), px, True, nw)
    if label is None and value is None:  # its name where no number fits: never a blank block
        # (else what makes it, "+", or its name cut)
        label = own or (fit(f.symbol, px, True, w) if f.symbol else None) or cut_name(f.label, px, True, w)
    grad, grad_px = None, px
    if f.grad is not None and room > 1:
        # (in the zoom's text first, zoom_digits.py: after a space, in two digits or fewer without
        # one where only that fits, as a small one's narrowest forms, "9e−7", "≈0")
        forms = [p + g for g in grads for p, ok in (("∇ ", _digits(g) >= 2), ("∇", _digits(g) <= 2)) if ok]
        gw = CLEAR_W if px > usual_px(need) else w  # (Presentation Mode's: clear of the port dots)
        if smaller and f.grad_name == "grad" and grads:
            grad_px, forms = _zoom_text_px(forms, grads[0], px, gw)
        if f.grad_name != "grad":  # forward mode's tangent: named as the full card names it ("d/da
            # −3.00"), else ∂ (a derivative), never ∇, a gradient's sign (a trial's compact cards did)
            named = [g.replace("∇ ", "∇").replace("∇", f"{f.grad_name} ") for g in forms]
            forms = named + [g.replace("∇", "∂") for g in forms]
        grad = first_signed_fit(forms, grad_px, False, gw)
    # with a gradient, two lines say whose gradient it is: name and gradient, the value left for a
    # third line (a trial at 54 %: a teacher's "every gradient" slide read value and ∇ on every
    # card, none said which was w1's); the value where no name fits (a trial before: "∇ only")
    wanted = ["label", "grad", "value"] if grad is not None else ["label", "value"]
    texts = {"label": label, "value": value, "grad": grad}
    chosen = [k for k in wanted if texts[k] is not None][:room]
    lines: list[tuple[str, str, bool]] = [
        (k, texts[k] or "", k != "grad" and (bold or k != "label"))
        for k in ("label", "value", "grad")
        if k in chosen
    ]
    if halves:  # (its name's two lines, then what room is left: in a pass its gradient before its value)
        kept = [k for k in chosen if k != "label"][: room - 2]
        lines = [("label", t, True) for t in halves] + [ln for ln in lines if ln[0] in kept]
    laid = stack(lines, box.adjusted(-4, 0, 4, 0), px)  # (centred: as wide as a number may be)
    sizes = {"grad": grad_px, "label": label_px, "value": value_px}
    laid = [replace(t, px=sizes[t.kind]) if t.kind in sizes else t for t in laid]
    return [left_of_port(t) if t.kind == "value" and px > usual_px(need) else t for t in laid]


def _broken(label: str) -> bool:
    """A formula to write on two lines before it is cut: a product or a sum,
    not a name ending in its data point's index (its cut keeps that first:
    "ypred − y [1]")."""
    return not label.endswith("]")


#: How much larger than usual a compact card's two lines must be written in Presentation Mode
#: to be chosen over its one line at 1.5×, where no pass shows on it.
TWO_LINES_GAIN = 1.25


def _two_lines(px: int, least: int, height: float) -> tuple[int, int]:
    """The largest size from ``px`` down to ``least`` whose two lines fit
    ``height``, and 2; else ``px`` and its one line."""
    for size in range(px, least - 1, -1):
        if height // line_height(size, True) >= 2:
            return size, 2
    return px, 1


#: The smallest (of its size) a zoomed-out card writes its gradient in the zoom's text.
ZOOM_TEXT_SMALLEST = 0.85


def _zoom_text_px(forms: list[str], zoom_text: str, px: int, width: float) -> tuple[int, list[str]]:
    """The size a compact card's gradient is written at and its forms there: ``px``
    and ``forms``, or, where only a shorter form than the zoom's text fits at
    ``px``, a little smaller where that fits it, and its forms of the zoom's text
    (a trial at 47 %: x's card "∇9e−7" beside the folded cards' "h1 ∇3.2e−6": the
    minus sign it is measured with left no room for two digits)."""
    mine = [t for t in forms if t in (f"∇ {zoom_text}", f"∇{zoom_text}")]
    if first_signed_fit(forms, px, False, width) in mine:
        return px, forms
    for size in range(px - 1, math.ceil(px * ZOOM_TEXT_SMALLEST) - 1, -1):
        if first_signed_fit(mine, size, False, width) is not None:
            return size, mine
    return px, forms


def _zoom_text_size(text: str, px: int, width: float) -> int | None:
    """The largest size under ``px`` (to ``ZOOM_TEXT_SMALLEST`` of it) that ``text``
    fits ``width`` at with its number negative; None where none does."""
    low = math.ceil(px * ZOOM_TEXT_SMALLEST)
    return next((s for s in range(px - 1, low - 1, -1) if fit(signed(text), s, False, width)), None)


def _regular(f: CardFacts, px: int, width: float) -> bool:
    """Whether a card's name, a variable's, is written whole in the regular face (narrower than
    the bold): where it fits only so, or the widest such name of its kind shown does (a kind's
    names in one face: x1.grad beside w1.grad, trial 58)."""
    if formula(f.label) or fit(f.label, px, False, width) is None:
        return False
    plain = f.widest_plain if f.widest_plain is not None else f.label
    kind = fit(plain, px, True, width) is None and fit(plain, px, False, width) is not None
    return kind or fit(f.label, px, True, width) is None


def _digits(number: str) -> int:
    """How many significant digits ``number`` is written in ("0.0028": 2; "≈0": 0)."""
    mantissa = number.lstrip("−-").split("e")[0]
    return 0 if not mantissa[:1].isdigit() else len(mantissa.replace(".", "").lstrip("0"))


def _hyphen(number: str) -> str:
    """``number`` with a hyphen for its minus sign (narrower, at the size a
    far card's number is drawn; never a gradient's: "∇-0.2" beside "−1")."""
    return number.replace("−", "-")
