"""Backward › Build Gradient Graph on the lesson's L = (a·b + c)·f, as a
teacher sees it (a trial: inside the frame "gradients of L" the dashed copy
of a lay across the wire from d.grad to b.grad, so b.grad = d.grad · a read
as two wires from a; L.grad sat at the bottom left, its wire to f.grad
climbing the whole frame; the badges read "×1 copy" on a and b but "×1" on
f, a column right of c). Measured on the scene as drawn: the cards, the
linked copies beside them and the wires' curves. Placement:
core/graph/gradient_place.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, menu_action, tmp_settings, window  # noqa: F401

from gui.canvas.linked.copy_item import room_rect
from gui.canvas.painting import H2, W2


def _lesson_gradients(w):
    """The lesson opened from File › Examples, its gradient graph built from
    the Backward menu and fitted in a 1600×1000 window."""
    w.showNormal()
    w.resize(1600, 1000)
    menu_action(w.menus["file"], "example_blog_L").trigger()
    QApplication.processEvents()
    build = menu_action(w.menus["backward"], "gradient_graph")
    assert build.isEnabled()
    build.trigger()
    QApplication.processEvents()
    action(w, "fit").trigger()
    QApplication.processEvents()
    assert [g.label for g in w.model.groups] == ["gradients of L"]


def _card(w, label: str):
    """The card labelled ``label`` (a gradient's: ``d.grad``)."""
    found = [it for it in w.scene.node_map().values() if w.model.label(it.node_id) == label]
    assert len(found) == 1, label
    return found[0]


def _boxes(w, largest: bool) -> list[tuple[str, set[str], QRectF]]:
    """Every card's body and every linked copy (as drawn at the view's zoom,
    or at its largest), as (name, the nodes a wire ending there ends at, rect)."""
    out = []
    for n, it in w.scene.node_map().items():
        if it.isVisible():
            out.append((w.model.label(n), {n}, it.mapRectToScene(QRectF(-W2, -H2, 2 * W2, 2 * H2))))
    for c in w.scene.linked.copies():
        r = room_rect(c.arity, c.key[2]) if largest else c.rect_at(w.view.zoom)
        out.append((f"copy of {w.model.label(c.key[0])}", set(), c.mapRectToScene(r)))
    return out


def test_no_card_or_copy_lies_on_a_wire_it_is_not_an_end_of(window):
    w = window
    _lesson_gradients(w)
    assert len(w.scene.linked.copies()) == 3  # a, b and f beside the gradients that read them
    crossed = []
    for largest in (False, True):
        boxes = _boxes(w, largest)
        for e in w.scene.edge_items():
            if e.linked():
                continue  # drawn as its copy (beside its port) and a stub
            path = e.sceneTransform().map(e.path())
            points = [path.pointAtPercent(i / 400) for i in range(1, 400)]
            name = f"{w.model.label(e.key[0])} → {w.model.label(e.key[1])}"
            for card, ends, r in boxes:
                if not ({e.key[0], e.key[1]} & ends) and any(r.contains(p) for p in points):
                    crossed.append((name, card, largest))
    assert crossed == []


def test_the_gradients_run_left_to_right_as_the_chain_rule_runs_back_from_L(window):
    """One column per step back from L: L.grad level with L, then the
    gradients of L's inputs (f.grad and d.grad, which is c.grad and e.grad
    too), then those of e's (a.grad over b.grad, as a is over b)."""
    w = window
    _lesson_gradients(w)
    at = {n: _card(w, n).scenePos() for n in ("L", "L.grad", "d.grad", "f.grad", "a.grad", "b.grad")}
    x = {n: p.x() for n, p in at.items()}
    assert x["L"] < x["L.grad"] < x["d.grad"] == x["f.grad"] < x["a.grad"] == x["b.grad"]
    assert at["L.grad"].y() == at["L"].y()
    assert at["a.grad"].y() < at["b.grad"].y()
    frame = w.model.groups.nodes_in(w.model.groups.ids()[0])
    assert {_card(w, n).node_id for n in ("L.grad", "d.grad", "f.grad", "a.grad", "b.grad")} == frame


@pytest.mark.parametrize("zoom", [0.4, 0.5, 0.6])
def test_every_copied_cards_badge_reads_alike(window, zoom):
    """The trial's 62 % and further out: f's badge as a's and b's (f has
    the room Auto Layout leaves a copied leaf's badge, c's port not in it)."""
    w = window
    _lesson_gradients(w)
    texts = {}
    for leaf in ("a", "b", "f"):
        badge = w.scene.linked.badge(leaf)
        assert badge is not None, leaf
        texts[leaf] = badge.rect_at(zoom)[2]
    assert texts == dict.fromkeys("abf", "×1 copy")
