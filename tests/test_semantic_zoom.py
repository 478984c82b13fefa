"""Semantic zoom (issue 10): zoomed out, cards draw their name and value
large instead of blank blocks, folded groups their name, and at the
farthest zoom open groups are labelled regions. Every text on screen is
drawn at 11 px or more.

What is drawn is observed twice: through the items' ``texts_at`` (the
layout ``paint`` draws from), and independently by recording every
``QPainter.drawText`` call of a real repaint with the font's pixel size and
the painter's scale at that moment."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QGraphicsItem
from test_learning_gui import accept_dialog_soon
from window_helpers import answers, menu_action, show_mlp_open, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_text import FULL_ZOOM, MIN_PX, needed_px
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.folding.group_card import GroupCard
from gui.canvas.folding.group_items import GroupFrame
from gui.common import style as S

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def on_screen(w) -> list:
    """The canvas items the view shows now (and draws: not folded away,
    not handed to the far-zoom overview)."""
    v = w.view
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    out = []
    for it in w.scene.items(seen):
        if not it.isVisible() or it.flags() & NO_CONTENTS:
            continue
        if isinstance(it, (NodeItem, GroupCard, GroupFrame)):
            out.append(it)
    return out


def laid_out_texts(w) -> list[tuple[object, object]]:
    """(item, Text) for every text the items on screen draw at the view's zoom."""
    z = w.view.zoom
    return [(it, t) for it in on_screen(w) for t in it.texts_at(z)]


def painted_texts(w, monkeypatch) -> list[tuple[str, float]]:
    """(text, on-screen pixel size) of every drawText of one full repaint."""
    seen: list[tuple[str, float]] = []
    original = QPainter.drawText

    def record(painter, *args):
        text = next((a for a in reversed(args) if isinstance(a, str)), None)
        if text:
            px = painter.font().pixelSize()
            assert px > 0, f"{text!r} is drawn in a font sized in points"
            seen.append((text, px * painter.worldTransform().m11()))
        return original(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", record)
    for it in w.scene.items():
        it.update()  # no card image cached: every item paints again
    w.view.viewport().repaint()
    QApplication.processEvents()
    monkeypatch.setattr(QPainter, "drawText", original)
    return seen


def insert_mlp_and_fit(qtbot, w) -> None:
    """Learn › Insert MLP… with the dialog's defaults, then View › Fit All."""
    w.showNormal()
    w.resize(1600, 1000)  # the window
    QApplication.processEvents()
    accept_dialog_soon(qtbot, "learn_mlp_dialog")
    trigger(w, "learn_insert_mlp")
    assert w.model.output == "loss" and len(w.model) == 360
    QApplication.processEvents()
    trigger(w, "fit")
    QApplication.processEvents()


def test_inserted_mlp_fitted_draws_every_text_at_11px_or_more(qtbot, window, monkeypatch):
    w = window
    insert_mlp_and_fit(qtbot, w)
    zoom = w.view.zoom
    assert zoom < 13 / 11  # zoomed out: the cards' own fonts (10 to 16 px) would be too small
    items = on_screen(w)
    cards = [it for it in items if isinstance(it, GroupCard)]
    leaves = [it for it in items if isinstance(it, NodeItem)]
    assert len(cards) >= 16 and len(leaves) >= 12  # the whole MLP is in view
    texts = laid_out_texts(w)
    for _it, t in texts:
        assert t.screen_px(zoom) >= MIN_PX, (t.kind, t.text, t.px, zoom)
    # every card says what it is: each folded group its name, each leaf its name and value
    names = {(it, t.text) for it, t in texts if t.kind in ("name", "label")}
    for c in cards:
        assert any(i is c for i, _ in names), f"{c.label} shows no name"
    for leaf in leaves:
        kinds = {t.kind: t.text for i, t in texts if i is leaf}
        assert kinds.get("label") == leaf.label and kinds.get("value") == leaf.value_text, kinds
    # and that is what a repaint really draws, at 11 px or more on screen
    painted = painted_texts(w, monkeypatch)
    assert painted, "nothing was painted"
    small = [(text, round(px, 2)) for text, px in painted if px < MIN_PX - 1e-9]
    assert not small, small
    drawn = {text for text, _px in painted}
    assert {t.text for _it, t in texts} <= drawn


def test_without_semantic_zoom_the_fitted_mlp_would_be_unreadable(qtbot, window):
    """The check above can fail: the cards' fonts at the fitted zoom are below 11 px."""
    w = window
    insert_mlp_and_fit(qtbot, w)
    label_px, value_px = S.fonts()[0].pixelSize(), S.fonts()[1].pixelSize()
    assert label_px * w.view.zoom < MIN_PX and value_px * w.view.zoom < MIN_PX


@pytest.mark.parametrize("zoom", [1.0, 0.8, 0.65, 0.5, 0.4, 0.32])
def test_a_card_grows_its_text_as_the_view_zooms_out(qtbot, window, monkeypatch, zoom):
    w = window
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    w.view.set_zoom(zoom)
    w.view.centerOn(w.scene.node_item("n"))
    QApplication.processEvents()
    it = w.scene.node_item("n")
    texts = {t.kind: t for t in it.texts_at(zoom)}
    if zoom >= 0.45:  # two lines fit the card down to about 45%
        want = "n" if zoom >= FULL_ZOOM else "+ n"  # compact: its operator before its name, where it fits
        assert texts["label"].text == want and texts["label"].screen_px(zoom) >= MIN_PX
        assert texts["value"].text == "0.8814"
    else:  # one line: as the other sum's card, whose name "x1w1 + x2w2" does not fit, its number
        other = next(c for c in w.scene.items() if isinstance(c, NodeItem) and c.op == "add" and c is not it)
        assert [t.kind for t in other.texts_at(zoom)] == ["value"]
        assert list(texts) == ["value"] and texts["value"].text.startswith("0.88")
    for t in texts.values():
        assert t.screen_px(zoom) >= MIN_PX or t.kind == "note"
        assert t.px == max(t.px, needed_px(zoom)) or t.kind == "note"
    painted = painted_texts(w, monkeypatch)
    first = next(iter(texts.values()))
    assert (first.text, pytest.approx(first.screen_px(zoom))) in [
        (s, p) for s, p in painted if s == first.text
    ]


def test_far_out_open_groups_are_labelled_regions(qtbot, window, monkeypatch):
    """Zoomed out past the overview's threshold, each open group is a
    region with its name drawn over it, readable, above the node blocks."""
    w = window
    menu_action(w.menus["file"], "example_vanishing_tanh").trigger()
    QApplication.processEvents()
    trigger(w, "expand_all_groups")
    trigger(w, "layout")
    QApplication.processEvents()
    far = S.FAR_ZOOM_FEW * 0.9  # a small graph: its cards still write large down to FAR_ZOOM_FEW
    w.view.set_zoom(far)
    w.view.centerOn(w.scene.folding.frame("layer1").sceneBoundingRect().center())
    QApplication.processEvents()
    assert w.scene.far
    frames = [it for it in on_screen(w) if isinstance(it, GroupFrame)]
    assert frames
    overview_z = 0.5
    for f in frames:
        texts = f.texts_at(far)
        assert [t.text for t in texts] == [f.label], f.label
        assert texts[0].screen_px(far) >= MIN_PX
        assert f.zValue() > overview_z  # drawn over the blocks
        # the name sits over the group's own area
        assert f.sceneBoundingRect().contains(f.mapRectToScene(texts[0].rect))
    painted = painted_texts(w, monkeypatch)
    assert {f.label for f in frames} <= {t for t, _px in painted}
    assert all(px >= MIN_PX - 1e-9 for _t, px in painted)
    # zoomed in again, the frame is behind the cards with its name on its tab
    w.view.set_zoom(1.0)
    QApplication.processEvents()
    assert not w.scene.far and all(f.zValue() < 0 for f in frames)


@pytest.mark.parametrize("zoom", [0.201, 0.215, 0.2176])
def test_imported_readme_code_fitted_writes_names_and_values_not_blank_blocks(
    qtbot, window, monkeypatch, zoom
):
    """micrograd's README example (33 nodes) imported fits at 22–33 % (22 %
    in the issue's window with the app's panels open): under the overview's
    threshold for big graphs every card was a blank block; a graph this
    small keeps its cards, each writing its name or value large (a trial's
    finding), down to where it goes far: below 21.6 % no line fitted the
    card ("10.0 / f", whose name keeps one letter there, writes 0.2)."""
    from snippets import MICROGRAD_README as README

    w = window
    w.showNormal()
    w.resize(1600, 1000)
    QApplication.processEvents()
    assert w.code_tools.add_text(README, source="file")
    QApplication.processEvents()
    w.view.set_zoom(zoom)
    w.view.centerOn(w.view.graph_rect().center())
    QApplication.processEvents()
    assert not w.scene.far
    cards = [it for it in on_screen(w) if isinstance(it, NodeItem)]
    assert len(cards) >= 25 and len(w.model) == 33
    texts = laid_out_texts(w)
    writing = {it for it, t in texts if t.kind in ("label", "value")}
    assert writing == set(cards), [c.label for c in cards if c not in writing]  # "10.0 / f" was blank
    frames = [w.scene.folding.frame(g.id) for g in w.model.groups]
    assert len(frames) == 4  # each statement's group, open: its name on its tab (the tabs were empty)
    for f in frames:
        names = [t for t in f.texts_at(zoom) if t.kind == "name"]
        assert names and names[0].screen_px(zoom) >= MIN_PX, f.label
    assert all(t.screen_px(zoom) >= MIN_PX for _it, t in texts)
    painted = painted_texts(w, monkeypatch)
    drawn = {t for t, _px in painted}
    assert {w.scene.node_item(k).label for k in ("a", "b")} <= drawn
    # a card of a kind whose names do not all fit one line writes its number, as the others of it
    for k in ("e", "f"):
        assert {t.text for t in w.scene.node_item(k).texts_at(zoom)} <= drawn
    assert all(px >= MIN_PX - 1e-9 for _t, px in painted)


@pytest.mark.parametrize("zoom", [0.38, 0.65, 0.85])
def test_shortened_names_keep_the_end_that_tells_cards_apart(qtbot, window, zoom):
    """The MLP's loss opened: four cards read "ypred − y …" and three
    "(ypred − …" (a trial), the data point's "[4]" cut off; a name is now
    shortened in its middle, so each card still says which it is."""
    w = window
    show_mlp_open(qtbot, w, "loss")
    m = w.model
    for stem in ("ypred − y [", "(ypred − y)² ["):
        cards = [w.scene.node_item(n) for n in m.nodes() if m.label(n).startswith(stem)]
        assert len(cards) == 4
        shown, kinds = [], set()
        for it in cards:
            # on one line a name only where all four fit whole: else numbers
            first = next(t for t in it.texts_at(zoom) if t.kind in ("label", "value"))
            kinds.add(first.kind)
            shown.append(first.text)
        assert len(kinds) == 1, shown
        assert len(set(shown)) == 4, shown  # each its own
        if kinds == {"label"}:
            assert all(s.endswith(m.label(c.node_id)[-2:]) for s, c in zip(shown, cards)), shown  # its "k]"


def test_a_card_named_by_a_formula_keeps_no_operator_before_it(qtbot, window):
    """Trial 55: the gradient graph's "1 + o" card read "+ 1 + o" zoomed out, a
    sum of three; a card named as a variable keeps its operator ("+ n")."""
    from core.graph.model import GraphModel

    m = GraphModel()
    m.add_node("leaf", "o", value=0.7071, x=0.0, y=0.0)
    m.add_node("leaf", "one", value=1.0, x=0.0, y=150.0)
    m.add_node("add", "s", x=260.0, y=0.0, label="1 + o")
    m.add_node("add", "n", x=260.0, y=150.0)
    for t in ("s", "n"):
        m.connect("one", t, 0)
        m.connect("o", t, 1)
    w = window
    w.open_model(m, "gradient graph")
    zoom = 0.5  # compact cards, two lines: the operator before a name where it fits
    w.view.set_zoom(zoom)
    QApplication.processEvents()
    label = {n: next(t.text for t in w.scene.node_item(n).texts_at(zoom) if t.kind == "label") for n in "sn"}
    assert label == {"s": "1 + o", "n": "+ n"}
