"""Trial 44 #2: a step-by-step deck for slides took one Export dialog per
step. File › Export › Export Every Step as PNG… writes a picture of each
step Step shows (Backward run first if no pass shows) but a leaf's own
(trial 45 #8: four of the lesson's seven said only "x is a leaf"), each
what Export as PNG draws at that step, numbered one after another (trial
45 #1: numbers with gaps), framed alike, or where the camera put the step
on a graph bigger than the view (trial 45 #1: the MLP whole on a slide);
the pass is left where it was. Driven as a user: the menu entry, the file
name typed, Ctrl+B and the arrow keys."""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from test_export_caption import caption_lines, strip_rows
from test_export_finished import key
from test_learning_gui import blog  # noqa: F401
from window_helpers import action, answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.model import GraphModel
from gui.canvas.image_export import MARGIN, deck_frame, deck_frames
from gui.canvas.picture_caption import caption_height, caption_text

#: The lesson's stops a deck shows: the start, the steps of L, d and e
#: (each passes its gradient on), and the end (f, c, a, b are leaves).
LESSON = [0, 1, 2, 3, 7]


def deck(folder) -> list[str]:
    return sorted(p for p in os.listdir(folder) if p.startswith("deck-"))


def size(path) -> tuple[int, int]:
    img = QImage(str(path))
    assert not img.isNull(), path
    return img.width(), img.height()


def test_every_step_is_the_picture_export_writes_at_that_step(qtbot, blog, answers, tmp_path):
    w = blog
    out = tmp_path / "slides"
    out.mkdir()
    answers.export_path = str(out / "deck")  # typed without its extension
    trigger(w, "export_steps")  # no pass yet: Backward runs first
    names = deck(out)
    assert names == [f"deck-{k:02d}.png" for k in range(1, len(LESSON) + 1)], w.status_text()
    assert f"Exported {len(LESSON)} pictures" in w.status_text()
    assert w.backward.animator.pos == 0  # left where the pass stood: its start
    # one frame for all (slides that do not jump), holding what the single
    # export writes at each step; each shows its own step
    sizes = {size(out / n) for n in names}
    assert len(sizes) == 1
    (deck_w, deck_h) = sizes.pop()
    manual = tmp_path / "manual.png"
    for i, k in enumerate(LESSON):
        w.backward.animator.go_to(k)  # (as the Order list's jump does)
        answers.export_path = str(manual)
        trigger(w, "export_png")
        mw, mh = size(manual)
        assert mw <= deck_w and mh <= deck_h
        if i:
            assert QImage(str(out / names[i])) != QImage(str(out / names[i - 1]))
        assert strip_rows(out / names[i]) > 20  # the step's sentence above the graph
    # a picture opens as the graph it shows
    assert sorted(fileio.load(out / names[1]).nodes()) == sorted(w.model.nodes())


def test_the_pass_stays_at_the_step_it_was_at(qtbot, blog, answers, tmp_path):
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    said = w.backward.narration.text()
    answers.export_path = str(tmp_path / "deck.png")
    trigger(w, "export_steps")
    assert len(deck(tmp_path)) == len(LESSON)
    assert w.backward.animator.pos == 2 and w.backward.narration.text() == said


def test_pictures_already_there_are_replaced_only_if_the_user_says_so(qtbot, blog, answers, tmp_path):
    w = blog
    answers.export_path = str(tmp_path / "deck.png")
    trigger(w, "export_steps")
    first = tmp_path / deck(tmp_path)[0]
    first.write_bytes(b"old")
    answers.export_steps = False
    trigger(w, "export_steps")
    assert answers.asked == ["export_steps"]
    assert first.read_bytes() == b"old" and "Not exported" in w.status_text()
    answers.export_steps = True
    trigger(w, "export_steps")
    assert first.read_bytes() != b"old" and not QImage(str(first)).isNull()


def test_a_folded_group_is_one_picture_as_it_is_one_step(qtbot, blog, answers, tmp_path):
    """Step runs through a folded group's steps as one: so does the deck
    (d and e folded: their two steps are one picture, the lesson's 5 are 4)."""
    w = blog
    w.scene.select_ids(["d", "e"])
    gid = w.grouping.group_selection(label="de")
    assert gid is not None and w.grouping.set_collapsed([gid], True)
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    stops = [w.backward.animator.pos]
    while not w.backward.animator.at_end:
        key(qtbot, w, Qt.Key.Key_Right)
        stops.append(w.backward.animator.pos)
    assert 2 not in stops and 3 in stops  # (the fold made Step skip d's step)
    key(qtbot, w, Qt.Key.Key_Home)
    answers.export_path = str(tmp_path / "deck.png")
    trigger(w, "export_steps")
    assert deck(tmp_path) == [f"deck-{k:02d}.png" for k in range(1, 5)]  # 0, 1, 2–3, the end


def test_a_graph_too_big_for_a_slide_is_framed_where_the_camera_puts_each_step(
    qtbot, window, answers, tmp_path
):
    """The MLP whole on a slide read nothing (trial 45 #1): each picture is
    the region the view showed at its step, all of one size."""
    w = window
    m = GraphModel()  # a chain too long to read whole on a slide
    m.add_node("leaf", "x0", value=0.5, x=0, y=0)
    for i in range(1, 16):
        m.add_node("tanh", f"x{i}", x=250 * i, y=0)
        m.connect(f"x{i - 1}", f"x{i}", 0)
    assert w.open_model(m, "chain")
    QApplication.processEvents()
    answers.export_path = str(tmp_path / "deck.png")
    answers.export_steps = True
    trigger(w, "export_steps")
    names = deck(tmp_path)
    assert len(names) >= 4
    sizes = {size(tmp_path / n) for n in names}
    assert len(sizes) == 1
    (deck_w, deck_h) = sizes.pop()
    whole = tmp_path / "whole.png"
    answers.export_path = str(whole)
    trigger(w, "export_png")
    ww, wh = size(whole)
    assert deck_w < ww  # a part of the graph, not the whole
    assert 1.2 < deck_w / deck_h < 16 / 9  # a slide's shape, its caption strip above


def test_deck_frames_whole_or_following_the_view(qtbot):
    a, b = QRectF(0, 0, 100, 50), QRectF(-20, 10, 100, 80)
    v1, v2, v3 = QRectF(0, 0, 60, 40), QRectF(50, 20, 60, 40), QRectF(0, 0, 120, 80)  # v3: zoomed out
    whole = [deck_frame([a, b], [None, None])] * 2  # a graph that reads whole on a slide
    assert deck_frames([a, b], [v1, v2], [None, None]) == whole
    huge = QRectF(0, 0, 4000, 3000)  # whole on a slide at a third of its size: what the view showed
    frames = deck_frames([huge] * 3, [v1, v2, v3], [None, "Step 1: a sentence.", None])
    for f, v in zip(frames, [v1, v2, v3], strict=True):  # the slide's shape round what the view showed
        assert f[0].contains(v) and f[0].center() == v.center()
        assert abs(f[0].height() / f[0].width() - 9 / 16) < 1e-9
    assert [f[2] for f in frames] == [2.0, 2.0, 1.0]  # each drawn as large (the zoomed-out one smaller)
    assert len({round((f[0].height() + f[1]) * f[2], 6) for f in frames}) == 1  # strip and all


def test_an_empty_graph_has_no_steps_to_export(qtbot, window, answers):
    assert not action(window, "export_steps").isEnabled()


def test_a_deck_frame_holds_every_picture_and_the_tallest_caption(qtbot):
    a, b = QRectF(0, 0, 100, 50), QRectF(-20, 10, 100, 80)
    rect, top, scale = deck_frame([a, b], [None, "Step 1 of 2: a short one.", "Step 2 of 2: " + "word " * 60])
    assert rect == QRectF(-20, 0, 120, 90)
    assert top == caption_height(caption_text("Step 2 of 2: " + "word " * 60), 120, MARGIN) > 0
    assert deck_frame([a], [None]) == (a, 0.0, 2.0) and scale == 2.0


def test_the_start_picture_says_no_editor_keys(qtbot, blog, answers, tmp_path):
    """The banner's "(Step →, Play P)" is for the app, not for a slide."""
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "(Step →, Play P)" in w.backward.narration.text()
    answers.export_path = str(tmp_path / "start.svg")
    trigger(w, "export_svg")
    said = " ".join(caption_lines(tmp_path / "start.svg"))
    assert said.startswith("Start: L.grad") and said.endswith("one node at a time.") and "Play" not in said


def test_the_view_is_left_as_it_was(qtbot, window, answers, tmp_path):
    """Trial 46 #4: after the MLP's deck the view was zoomed out and panned
    (the camera had gone round every step)."""
    w = window
    m = GraphModel()
    m.add_node("leaf", "x0", value=0.5, x=0, y=0)
    for i in range(1, 16):
        m.add_node("tanh", f"x{i}", x=250 * i, y=0)
        m.connect(f"x{i - 1}", f"x{i}", 0)
    assert w.open_model(m, "chain")
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.view.set_zoom(0.77)
    QApplication.processEvents()
    zoom, centre = w.view.zoom, w.view.center_scene_pos()
    answers.export_path = str(tmp_path / "deck.png")
    trigger(w, "export_steps")
    assert len(deck(tmp_path)) > 10
    assert abs(w.view.zoom - zoom) < 1e-9
    now = w.view.center_scene_pos()
    assert abs(now.x() - centre.x()) < 2 and abs(now.y() - centre.y()) < 2


def test_the_progress_says_which_picture_it_writes(qtbot, blog, answers, tmp_path, monkeypatch):
    """Trial 46 #13: "Step 30: m-21.png 64 %": one bar over two passes read
    as a share that did not match the pictures written."""
    from PySide6.QtWidgets import QProgressDialog

    said: list[str] = []
    real = QProgressDialog.setLabelText
    monkeypatch.setattr(QProgressDialog, "setLabelText", lambda self, t: (said.append(t), real(self, t)))
    answers.export_path = str(tmp_path / "deck.png")
    trigger(blog, "export_steps")
    assert "Framing the 5 pictures: 1 of 5…" in said
    assert said[-1] == "Writing picture 5 of 5: deck-05.png"
