"""Trial 44 #2: a step-by-step deck for slides took one Export dialog per
step. File › Export › Export Every Step as PNG… writes a picture of each
step Step shows (Backward run first if no pass shows), each the very
picture Export as PNG writes at that step, named by the step's number;
the pass is left where it was. Driven as a user: the menu entry, the
file name typed, Ctrl+B and the arrow keys."""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from test_export_caption import caption_lines, strip_rows
from test_export_finished import key
from test_learning_gui import blog  # noqa: F401
from window_helpers import action, answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from gui.canvas.image_export import MARGIN, deck_frame
from gui.canvas.picture_caption import caption_height, caption_text


def deck(folder) -> list[str]:
    return sorted(p for p in os.listdir(folder) if p.startswith("deck-step-"))


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
    last = w.backward.replay.last
    names = deck(out)
    assert names == [f"deck-step-{k:02d}.png" for k in range(last + 1)], w.status_text()
    assert f"Exported {last + 1} pictures" in w.status_text()
    assert w.backward.animator.pos == 0  # left where the pass stood: its start
    # one frame for all (slides that do not jump), holding what the single
    # export writes at each step; each shows its own step
    sizes = {size(out / n) for n in names}
    assert len(sizes) == 1
    (deck_w, deck_h) = sizes.pop()
    manual = tmp_path / "manual.png"
    for k in range(last + 1):
        w.backward.animator.go_to(k)  # (as the Order list's jump does)
        answers.export_path = str(manual)
        trigger(w, "export_png")
        mw, mh = size(manual)
        assert mw <= deck_w and mh <= deck_h
        if k:
            assert QImage(str(out / names[k])) != QImage(str(out / names[k - 1]))
        assert strip_rows(out / names[k]) > 20  # the step's sentence above the graph
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
    assert len(deck(tmp_path)) == w.backward.replay.last + 1
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
    """Step runs through a folded group's steps as one: the deck has a
    picture for each Step press, named by the step it stops at."""
    w = blog
    w.scene.select_ids(["a", "b", "e"])
    gid = w.grouping.group_selection(label="ab")
    assert gid is not None and w.grouping.set_collapsed([gid], True)
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    stops = [w.backward.animator.pos]
    while not w.backward.animator.at_end:
        key(qtbot, w, Qt.Key.Key_Right)
        stops.append(w.backward.animator.pos)
    assert len(stops) < w.backward.replay.last + 1  # (the fold made Step skip)
    key(qtbot, w, Qt.Key.Key_Home)
    answers.export_path = str(tmp_path / "deck.png")
    trigger(w, "export_steps")
    assert deck(tmp_path) == [f"deck-step-{k:02d}.png" for k in stops]


def test_an_empty_graph_has_no_steps_to_export(qtbot, window, answers):
    assert not action(window, "export_steps").isEnabled()


def test_a_deck_frame_holds_every_picture_and_the_tallest_caption(qtbot):
    a, b = QRectF(0, 0, 100, 50), QRectF(-20, 10, 100, 80)
    rect, top = deck_frame([a, b], [None, "Step 1 of 2: a short one.", "Step 2 of 2: " + "word " * 60])
    assert rect == QRectF(-20, 0, 120, 90)
    assert top == caption_height(caption_text("Step 2 of 2: " + "word " * 60), 120, MARGIN) > 0
    assert deck_frame([a], [None]) == (a, 0.0)


def test_the_start_picture_says_no_editor_keys(qtbot, blog, answers, tmp_path):
    """The banner's "(Step →, Play P)" is for the app, not for a slide."""
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "(Step →, Play P)" in w.backward.narration.text()
    answers.export_path = str(tmp_path / "start.svg")
    trigger(w, "export_svg")
    said = " ".join(caption_lines(tmp_path / "start.svg"))
    assert said.startswith("Start: L.grad") and said.endswith("one node at a time.") and "Play" not in said
