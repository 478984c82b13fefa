"""The sums under the cards of the finished MLP, expanded (issue 10's
reading leftovers): in the weights band the cards sit close, and each note
under its card ran under the next card and over its neighbour's note. The
notes are placed like the wire captions (gui/canvas/cards/note_layout.py)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_lazy_decoration import scroll_everywhere
from test_reading_mlp import insert_expanded_mlp
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.backward.replay_canvas import FULL_ZOOM
from gui.canvas.cards.card_text import MIN_PX, metrics
from gui.canvas.painting import CARD_RECT


def finished_expanded_mlp(qtbot, w) -> None:
    """Insert MLP, Expand All, Backward, Skip to End, as a user does (keys)."""
    insert_expanded_mlp(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_F5)  # Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # Skip to End
    QApplication.processEvents()


def read_everywhere(w, zoom: float = 1.0) -> None:
    """Zoom in to where the sums are drawn and scroll over the whole picture,
    each view painted (the notes out of view are placed as they come in)."""
    scroll_everywhere(w, zoom, step=0.9)
    QApplication.processEvents()


def _notes(w, zoom: float) -> list[tuple[object, str, QRectF, int]]:
    """(card, text, scene box, font px) of every note drawn at ``zoom``."""
    out = []
    for it in w.scene.node_items():
        if not it.isVisible() or it.note is None:
            continue
        for t in it.texts_at(zoom):
            if t.kind == "note":
                out.append((it, t.text, it.mapRectToScene(t.box), t.px))
    return out


def _overlap(a: QRectF, b: QRectF) -> bool:
    r = a.intersected(b)
    return r.width() > 0.5 and r.height() > 0.5


def test_no_note_of_the_finished_expanded_mlp_covers_a_card_or_another_note(qtbot, window):
    """Every sum under a card of the finished MLP, expanded, is clear of
    every card (its own too) and of every other note, from the zoom where
    notes are first drawn (at their largest) in (the finished picture is
    fitted at 60 %, where cards show their name and value large and no
    note: a learner zooms in to read the sums)."""
    w = window
    finished_expanded_mlp(qtbot, w)
    read_everywhere(w)
    cards = [(it, it.mapRectToScene(CARD_RECT)) for it in w.scene.node_items() if it.isVisible()]
    for zoom in (FULL_ZOOM, 1.0, 2.0):  # from where notes are drawn (largest) in
        notes = _notes(w, zoom)
        assert len(notes) >= 60  # every weight, input and hidden value used more than once
        bad = []
        for i, (_it, text, box, _px) in enumerate(notes):
            bad += [(text, t2) for _it2, t2, box2, _p in notes[i + 1 :] if _overlap(box, box2)]
            bad += [(text, c.label) for c, r in cards if _overlap(box, r)]
        assert not bad, bad[:5]


def test_the_notes_of_the_finished_expanded_mlp_read_at_11_px_beside_their_cards(qtbot, window):
    """Each note is drawn at 11 px or more on screen, whole in its box, and
    either touches its card (under, above or beside it) or is joined to it
    by a leader line that starts at the card."""
    w = window
    finished_expanded_mlp(qtbot, w)
    read_everywhere(w, FULL_ZOOM)
    for zoom in (FULL_ZOOM, 1.0):
        _check_near(w, zoom)


def _check_near(w, zoom: float) -> None:
    notes = _notes(w, zoom)
    assert notes
    moved = 0
    for it, text, box, px in notes:
        assert px * zoom >= MIN_PX - 1e-6, text
        assert metrics(px, False).horizontalAdvance(text) <= box.width(), text
        card = it.mapRectToScene(CARD_RECT)
        _room, leader = it.note_place
        near = card.adjusted(-12, -22, 12, 10)  # the tag room above the card, the ports beside it
        if leader is None:
            assert near.intersects(box), (it.label, text)
        else:
            moved += 1
            assert near.contains(it.mapToScene(leader.p1())), it.label
            assert box.adjusted(-1, -1, 1, 1).contains(it.mapToScene(leader.p2())), it.label
        assert " = " in text  # the name and the total are kept, however short
    assert moved < len(notes) / 2  # most stay by their card


def test_a_batch_of_notes_asks_the_card_grid_once_and_stays_in_the_cards_reach(qtbot, window, monkeypatch):
    """Placing the notes in view looks for the cards around them with one
    query of the scene's card grid for each region where notes lie together
    (one a note cost more than the placing; one for the box around all of
    them held every card between notes far apart: ~1,500 cards a Backward
    step at 50,000 nodes), and no note leaves the reach the grid files cards
    by (a card reaching past it is looked at by every query of the scene)."""
    from gui.canvas.cards import note_layout

    w = window
    finished_expanded_mlp(qtbot, w)
    read_everywhere(w)
    sc = w.scene
    noted = [it for it in sc.node_items() if it.note is not None]
    for it in noted:
        assert note_layout.NOTE_REACH.contains(it.rect()), it.label
    asked = []
    real = type(sc).node_items_in
    monkeypatch.setattr(type(sc), "node_items_in", lambda self, r: asked.append(r) or real(self, r))
    for it in noted:
        it.unplace_note()
    assert note_layout.place_notes(sc, noted) == len(noted) >= 60
    # a query a region of notes lying together, not one a note (7 for 69: the
    # columns lie further apart where Auto Layout leaves room for linked copies)
    assert len(asked) <= len(noted) // 8
    for it in noted:
        reach = note_layout.NOTE_REACH.translated(it.scenePos())
        assert any(r.contains(reach) for r in asked), it.label


def test_notes_far_apart_are_looked_around_apart():
    """A step's notes may sit by cards thousands of units apart: each group
    lying together gets its own region, so the cards between are not asked
    for (nor weighed); reaches that touch, however many, make one region."""
    from gui.canvas.cards import note_layout

    reach = note_layout.NOTE_REACH
    far = [reach.translated(x, y) for x, y in ((0, 0), (30_000, 0), (0, 40_000), (30_000, 40_000))]
    got = note_layout._regions(far)
    assert sorted((r.x(), r.y(), r.width(), r.height()) for r in got) == sorted(
        (r.x(), r.y(), r.width(), r.height()) for r in far
    )
    row = [reach.translated(300.0 * k, 0) for k in range(40)]  # a row of cards side by side
    below = reach.translated(150.0, 200.0)
    (one,) = note_layout._regions(row + [below])
    assert one == row[0].united(row[-1]).united(below)
    chain = [reach.translated(500.0 * k, 200.0 * k) for k in range(12)]  # each overlapping the next
    assert len(note_layout._regions(chain)) == 1
    assert note_layout._regions([]) == []


def _covered(w, zoom: float, notes_too: bool = True) -> list[tuple[str, str]]:
    """(note, what it covers) for every note drawn at ``zoom`` over a card
    (or another note, if ``notes_too``)."""
    cards = [(it, it.mapRectToScene(CARD_RECT)) for it in w.scene.node_items() if it.isVisible()]
    notes = _notes(w, zoom)
    bad = []
    for i, (_it, text, box, _px) in enumerate(notes):
        if notes_too:
            bad += [(text, t2) for _it2, t2, box2, _p in notes[i + 1 :] if _overlap(box, box2)]
        bad += [(text, c.label) for c, r in cards if _overlap(box, r)]
    return bad


def test_notes_of_cards_a_batch_move_took_out_of_view_are_placed_again(qtbot, window):
    """After the sums were read everywhere, Auto Layout (Ctrl+L) moves every
    card while the pass stays on screen; the view fits the new picture, where
    no note is drawn. A note placed for its card's old neighbours would cover
    a card it now sits by: the notes of the moved cards are placed again as
    they come into view, wherever they were."""
    w = window
    finished_expanded_mlp(qtbot, w)
    read_everywhere(w)
    assert not _covered(w, 1.0)
    before = {it.node_id: it.pos() for it in w.scene.node_items()}
    qtbot.keyClick(w.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Auto Layout
    qtbot.wait(50)  # the relayout after the move (a zero timer) and the fits
    moved = sum(before[it.node_id] != it.pos() for it in w.scene.node_items())
    assert moved > len(before) / 2
    read_everywhere(w)
    assert not _covered(w, 1.0, notes_too=False)


def test_a_card_moved_onto_a_note_out_of_view_has_that_note_placed_again(qtbot, window):
    """A card moved (here an edit through the undo stack, as undoing a drag
    after scrolling away is) onto another card's note out of view: that note
    and the moved card's own are placed again when they come into view, and
    no other note is (a small move asks only around the moved card)."""
    w = window
    finished_expanded_mlp(qtbot, w)
    read_everywhere(w)
    noted = [it for it in w.scene.node_items() if it.placed_note is not None]
    b = next(it for it in noted if it.note_place[1] is None)  # a note beside its card
    room = b.mapRectToScene(b.placed_note)
    a = next(it for it in w.scene.node_items() if it is not b and it.note is None)
    old = (a.pos().x(), a.pos().y())
    new = (room.center().x(), room.center().y())
    far = max((it for it in noted), key=lambda it: (it.pos() - b.pos()).manhattanLength())
    w.view.centerOn(far)  # b's note is out of view
    QApplication.processEvents()
    w.editor.move_nodes({a.node_id: (old, new)})
    qtbot.waitUntil(lambda: b.note_pending, timeout=3000)  # the relayout after the move (zero timers)
    assert sum(it.note_pending for it in noted) <= 3  # b's and the notes that a's card now covers
    read_everywhere(w)
    assert not b.note_pending
    card = a.mapRectToScene(CARD_RECT)
    assert not _overlap(b.mapRectToScene(b.placed_note), card)
