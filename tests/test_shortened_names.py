"""Names shortened to fit a card keep what tells the cards apart (a trial
of issue 10: at 41–80 % the MLP's products read "w2.…1.1", the neuron's
index cut out, the same on all four neurons' cards and looking like a
weight's name)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import cut_name, metrics, short_name

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _expanded_mlp_at(qtbot, w, zoom_outs: int) -> float:
    """Insert MLP, Expand All, then 100 % and Zoom Out ``zoom_outs`` times (keys)."""
    show_mlp(qtbot, w)
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL_SHIFT)  # Expand All
    qtbot.keyClick(w.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # 100 %
    for _ in range(zoom_outs):
        qtbot.keyClick(w.view, Qt.Key.Key_Minus)
    QApplication.processEvents()
    return w.view.zoom


@pytest.mark.parametrize("zoom_outs", [1, 2, 3, 4])  # 80 %, 64 %, 51 %, 41 %
def test_the_expanded_mlps_shortened_names_stay_told_apart(qtbot, window, zoom_outs):
    """In each layer (and the loss), cards of different names never show
    the same shortened name, and a product's card keeps its weight whole
    ("w2.4.1·…", not "w2.…1.1")."""
    w = window
    zoom = _expanded_mlp_at(qtbot, w, zoom_outs)
    assert 0.40 < zoom <= 0.81
    m, gs = w.model, w.model.groups
    by_group: dict[str | None, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    products = whole = 0
    for n in m.nodes():
        it = w.scene.node_item(n)
        label = m.label(n)
        shown = [t.text for t in it.texts_at(zoom) if t.kind == "label"]
        if not shown:
            continue
        g = gs.group_of(n)
        top = (gs.ancestors(g) or [g])[-1] if g is not None else None
        by_group[top][shown[0]].add(label)
        weight = re.match(r"w\d+\.\d+\.\d+(?=·)", label)
        if weight is not None and shown[0] != label:
            products += 1
            assert shown[0].startswith(weight.group()), (label, shown[0])
        elif weight is not None:
            whole += 1
    alike = {(g, s): names for g, d in by_group.items() for s, names in d.items() if len(names) > 1}
    assert not alike
    if zoom_outs == 3:  # (the products are shortened there: whole at 64 %, numbers at 41 %)
        assert products
    if zoom_outs == 1:  # at 80 % whole, without their × pill (the name says it), bold or regular (t65 #5)
        assert whole and not products, (whole, products)


def test_a_name_is_never_cut_through_an_index(qapp):
    """Cut in its middle where the cut falls outside every index, or its
    first part whole where that holds an index, whichever keeps more
    digits; else not at all (the card shows its numbers)."""
    px = 24
    fm = metrics(px, True)
    width = fm.horizontalAdvance("w2.4.1·…") + 1
    assert cut_name("w2.4.1·h1.1", px, True, width) == "w2.4.1·…"
    assert short_name("w2.4.1·h1.1", px, True, width) == "w2.4.1·…"
    assert cut_name("w2.4.1", px, True, width) == "w2.4.1"
    kept = cut_name("ypred − y [4]", px, True, fm.horizontalAdvance("ypre… [4]") + 1)
    assert kept is not None and kept.endswith("[4]") and "…" in kept
    assert cut_name("h1.1[2]", px, True, fm.horizontalAdvance("h1…[2]") + 1) is None  # not "h1…[2]"
    assert cut_name("b + w·h1.1", px, True, fm.horizontalAdvance("b ….1") + 1) == "b +…"  # not "b ….1"
    # a neuron's sum keeps its sign: cut in its middle it read as a product (trial 47: "x1*…*w2")
    sum_of = "x1*w1 + x2*w2"
    assert cut_name(sum_of, px, True, fm.horizontalAdvance("x1*w…2*w2") + 1) == "x1*w1 + …"
    assert cut_name("x1*w1 − x2*w2", px, True, fm.horizontalAdvance("x1*w1 − …") + 1) == "x1*w1 − …"
    # narrower, its first term alone where that is a formula, never its products' ends ("x1*…*w2" at
    # 50-56 %: ux59), nor a term that is a name ("b…" of b + w·h1.1 read as b)
    assert cut_name(sum_of, px, True, fm.horizontalAdvance("x1*…*w2") + 1) == "x1*w1…"
    assert cut_name("a*b + c", px, True, fm.horizontalAdvance("a*… c") + 1) == "a*b…"
    assert cut_name("b + w·h1.1", px, True, fm.horizontalAdvance("b…") + 1) is None
    # a sign inside brackets is a factor's, not the name's: a product stays a product (a review)
    for product in ("tanh(a + b)*c*d*e", "(a + b)*(c + d)"):
        for width in (fm.horizontalAdvance(w) + 1 for w in ("tanh(a + …", "(a + …", "tanh(a…*c*d*e")):
            cut = cut_name(product, px, True, width)
            assert cut is None or not cut.endswith("+ …"), (product, cut)
    # a sum whose middle cut falls through a number keeps its first term and sign (was no name at all)
    assert cut_name("loss + 0.001*reg", px, True, fm.horizontalAdvance("loss +…01*reg") + 1) == "loss + …"


def test_names_alike_but_for_their_index_keep_it(qapp):
    """Two squares of an imported loss, "(w*x1+b - y1)**2" and
    "(w*x2+b - y2)**2", both read "(w*x…)**2" cut in their middle (trial
    49): their end is kept instead, where the index that tells them apart is."""
    px = 24
    fm = metrics(px, True)
    width = fm.horizontalAdvance("(w*x…)**2") + 1
    shown = [cut_name(f"(w*x{i}+b - y{i})**2", px, True, width) for i in (1, 2)]
    assert all(s is not None and s.startswith("…") for s in shown), shown
    assert shown[0] != shown[1]
    assert shown[0].endswith("y1)**2") and shown[1].endswith("y2)**2")
    # a name whose middle cut keeps its index keeps the middle cut
    kept = cut_name("ypred − y [4]", px, True, fm.horizontalAdvance("ypre… [4]") + 1)
    assert kept is not None and not kept.startswith("…")


def test_a_name_before_a_note_keeps_its_name_on_a_narrow_card(qapp):
    """Import Code's "d (line 6)", "d′ (line 9)", "d″ (line 10)": the name it assigns tells them
    apart, the line says where. Cut from its start, "… 6)" (or "…(line 10)" on a folded card)
    said which line but not which name (verify 54): its start stays, its number where it fits."""
    px = 24
    fm = metrics(px, True)
    for text in ("d (line 6)", "d′ (line 9)", "d″ (line 10)"):
        head = text.split(" (")[0]
        full = fm.horizontalAdvance(text)
        seen = []
        for k in range(30, 100, 5):
            shown = cut_name(text, px, True, full * k / 100)
            if shown is not None:
                assert shown.startswith(head) and shown[len(head) : len(head) + 1] in ("", " ", "…"), shown
                # a bracket closed only where it opens ("d′ … 9)" read as half a note: verify 55)
                assert shown.count(")") <= shown.count("("), shown
                seen.append(shown)
        assert head in seen and any(s.endswith(text[-3:]) and "…" in s for s in seen), seen
    assert cut_name("d″ (line 10)", px, True, fm.horizontalAdvance("d″ (… 10)") + 1) == "d″ (… 10)"
