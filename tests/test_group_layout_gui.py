"""Auto Layout of the expanded MLP in the window, as a user does it (keys):
the frames the canvas draws for sibling groups never overlap and no name
tab covers another (seen in a real screenshot: laid out by depth alone, the
groups interleaved); one Ctrl+Z puts every node back."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_reading_mlp import insert_expanded_mlp
from window_helpers import answers, tmp_settings, window  # noqa: F401


def _overlap(a, b) -> bool:
    r = a.intersected(b)
    return r.width() > 0.5 and r.height() > 0.5


def test_ctrl_l_on_the_expanded_mlp_keeps_every_group_whole_and_undoes_in_one_step(qtbot, window):
    w = window
    insert_expanded_mlp(qtbot, w)
    m, gs, folding = w.model, w.model.groups, w.scene.folding
    before = {n: m.position(n) for n in m.nodes()}
    qtbot.keyClick(w.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Auto Layout
    QApplication.processEvents()
    assert {n: m.position(n) for n in m.nodes()} != before
    frames = {gid: folding.frame(gid) for gid in gs.ids()}
    assert all(f is not None and f.isVisible() for f in frames.values())  # every group open
    by_parent: dict = {}
    for gid, f in frames.items():
        by_parent.setdefault(gs.get(gid).parent, []).append((gid, f.sceneBoundingRect()))
    for items in by_parent.values():
        for (a, ra), (b, rb) in itertools.combinations(items, 2):
            assert not _overlap(ra, rb), (gs.get(a).label, gs.get(b).label)
    # each card is inside the frames of its groups and clear of every other frame
    for it in w.scene.node_items():
        r = it.sceneBoundingRect()
        g = gs.group_of(it.node_id)
        around = set() if g is None else {g, *gs.ancestors(g)}
        for gid, f in frames.items():
            if gid in around:
                assert f.sceneBoundingRect().contains(r), (it.node_id, gs.get(gid).label)
            else:
                assert not _overlap(f.sceneBoundingRect(), r), (it.node_id, gs.get(gid).label)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo
    QApplication.processEvents()
    assert {n: m.position(n) for n in m.nodes()} == before


def test_far_out_clicking_a_groups_big_name_selects_it_and_a_card_under_it_the_card(qtbot, window):
    """Fitted far out (the laid-out expanded MLP at ~15 %), a group is a
    region with its name drawn large: clicking the name selects the group's
    nodes, as clicking its tab does near (a new user's trial: nothing
    happened); where the name lies over one of its cards, the card takes
    the click (selected alone, as without the name)."""
    w = window
    insert_expanded_mlp(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Auto Layout
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()
    w.view.viewport().repaint()  # (the names laid out as drawn)
    gs, folding, sc = w.model.groups, w.scene.folding, w.scene
    gid = next(g.id for g in gs if g.label == "layer 1 [2]")
    frame = folding.frame(gid)
    name = frame.mapRectToScene(frame.far_name_box())
    assert sc.far
    cards = [it for it in sc.node_items() if it.isVisible() and name.intersects(it.sceneBoundingRect())]
    free = [
        QPointF(name.left() + name.width() * i / 10, name.top() + name.height() * j / 4)
        for i in range(1, 10)
        for j in range(1, 4)
    ]
    free = [p for p in free if not any(c.sceneBoundingRect().contains(p) for c in cards)]
    assert cards and free
    vp = w.view.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=w.view.mapFromScene(free[len(free) // 2]))
    QApplication.processEvents()
    assert set(sc.selected_ids()) == gs.nodes_in(gid)
    assert not gs.get(gid).collapsed
    card = next(c for c in cards if name.contains(c.sceneBoundingRect().center()))  # under the name
    at = w.view.mapFromScene(card.sceneBoundingRect().center())
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()
    assert set(sc.selected_ids()) == {card.node_id}


def test_the_vanishing_example_expanded_and_laid_out_names_every_layer_in_even_bands(qtbot, window):
    """A new user's trial: Expand All, Ctrl+L and Fit on the vanishing-gradient
    example gave bands of 1, 2, 2, 2, 2 and 3 layers, and every frame's tab
    was empty (too low for its name at 36 %). Now the bands are even and each
    tab shows its layer's name at 11 px or more (rising above its frame)."""
    from pathlib import Path

    from gui.canvas.cards.card_text import MIN_PX

    w = window
    w.resize(1600, 1000)
    example = Path(__file__).resolve().parents[1] / "resources" / "examples" / "vanishing_tanh.mgraph"
    assert w.open_path(example)
    QApplication.processEvents()
    w.view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl | Qt.KeyboardModifier.ShiftModifier)  # Expand All
    qtbot.keyClick(w.view, Qt.Key.Key_L, ctrl)
    qtbot.keyClick(w.view, Qt.Key.Key_F)
    QApplication.processEvents()
    zoom = w.view.transform().m11()
    frames = [w.scene.folding.frame(g) for g in w.model.groups.ids()]
    assert len(frames) == 12 and all(f is not None and f.isVisible() for f in frames)
    rows: dict[int, int] = {}
    for f in frames:
        rows[round(f.sceneBoundingRect().top())] = rows.get(round(f.sceneBoundingRect().top()), 0) + 1
        names = [t for t in f.texts_at(zoom) if t.kind == "name"]
        assert names and names[0].text == f.label and names[0].px * zoom >= MIN_PX - 1e-6, (f.label, zoom)
    assert len(rows) >= 3 and max(rows.values()) - min(rows.values()) <= 1, rows


def _expanded_positions(qtbot, w) -> dict:
    from core.learn import templates

    w.resize(1400, 900)
    w.learning.insert(templates.mlp(xs=templates.LECTURE_XS[:2], ys=templates.LECTURE_YS[:2]))
    QApplication.processEvents()
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # Expand All
    QApplication.processEvents()
    return {n: w.model.position(n) for n in w.model.nodes()}


def test_room_made_for_opened_frames_is_the_frames_not_their_tabs_room_to_rise(qtbot, monkeypatch, answers):
    """The room kept above an outermost frame for its tab to rise far out is
    drawn over, not made room for (a review: with it in the frames' bounds,
    Expand All pushed every stacked frame apart by it)."""
    from window_helpers import make_window

    import gui.canvas.folding.group_items as gi

    seen = []
    for rise in (gi.TAB_RISE, 0.0):
        monkeypatch.setattr(gi, "TAB_RISE", rise)
        w = make_window(qtbot, answers)
        seen.append(_expanded_positions(qtbot, w))
    assert seen[0] == seen[1]
