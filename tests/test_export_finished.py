"""A picture exported at the end of a pass shows the finished pass: every
gradient, no ring on the last step and no note under it (a trial's slide of
the blog's gradients kept b's orange ring and "b.grad = −4 (final: a leaf
passes nothing on)"). Mid-pass a picture shows its step, on purpose; and the
canvas shows the end as it did once the picture is written. Driven as a user:
Ctrl+B, End (or Right), File › Export as PNG…"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from test_learning_gui import blog  # noqa: F401
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.explain.replay import CURRENT, DONE, INPUT
from gui.common import style as S


def ring_pixels(path) -> int:
    """Pixels of the current step's orange (the ring, the note's border)."""
    img = QImage(str(path))
    assert not img.isNull()
    img = img.scaled(img.width() // 2, img.height() // 2)  # (enough to count, quicker)
    want = S.HL_CURRENT
    n = 0
    for y in range(img.height()):
        for x in range(img.width()):
            c = img.pixelColor(x, y)
            n += abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 40
    return n


def export_png(w, answers, path) -> None:
    answers.export_path = str(path)
    trigger(w, "export_png")
    assert path.exists(), w.status_text()


def key(qtbot, w, k, mod=Qt.KeyboardModifier.NoModifier) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, k, mod)
    QApplication.processEvents()


def test_a_picture_at_the_end_of_the_pass_shows_the_finished_gradients(qtbot, blog, answers, tmp_path):
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_End)
    ctl = w.backward
    assert ctl.animator.at_end
    last = ctl.replay.current(ctl.replay.last).node
    card = w.scene.node_item(last)
    assert card.highlight == CURRENT and card.note  # the canvas shows the last step, as before
    export_png(w, answers, tmp_path / "end.png")
    assert ring_pixels(tmp_path / "end.png") == 0
    assert (
        "end.png (PNG picture, the finished pass: no current step), with the graph inside" in w.status_text()
    )
    # the canvas is as it was: the last step current, its note under it
    assert card.highlight == CURRENT and card.note and "final" in card.note
    assert all(w.scene.node_item(n).grad is not None for n in w.model.nodes())
    # mid-pass, the picture shows the step (ring and note)
    key(qtbot, w, Qt.Key.Key_Left)
    assert not ctl.animator.at_end
    export_png(w, answers, tmp_path / "mid.png")
    assert ring_pixels(tmp_path / "mid.png") > 200
    assert "finished" not in w.status_text()


def test_the_finished_picture_of_forward_mode_has_no_ring_either(qtbot, blog, answers, tmp_path):
    w = blog
    w.scene.clearSelection()
    w.scene.node_item("a").setSelected(True)
    QApplication.processEvents()
    key(qtbot, w, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    key(qtbot, w, Qt.Key.Key_End)
    ctl = w.backward
    assert ctl.animator.at_end and ctl.replay.quantity != "grad"
    export_png(w, answers, tmp_path / "fwd.png")
    assert ring_pixels(tmp_path / "fwd.png") == 0
    root = w.scene.node_item(ctl.replay.current(ctl.replay.last).node)
    assert root.highlight == CURRENT
    # (the canvas still shows L's step, its input d lit as at every step: trial 65 #2; the picture not)
    assert w.scene.node_item("d").highlight == INPUT
    assert {w.scene.node_item(n).highlight for n in w.model.nodes()} <= {CURRENT, DONE, INPUT, "dim"}


def test_a_picture_of_the_folded_mlp_has_no_blank_beside_it(qtbot, window, answers, tmp_path):
    """A trial: the folded MLP's PNG was a third blank on the right and
    below (the far-out frames' layer, which draws nothing near, spans
    where the groups would open); the picture is the cards' and wires' bounds."""
    from window_helpers import show_mlp

    from gui.canvas.image_export import MARGIN, PNG_SCALE

    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    export_png(w, answers, tmp_path / "mlp.png")
    img = QImage(str(tmp_path / "mlp.png"))
    drawn = w.scene.graph_rect()
    for c in w.scene.folding.cards():
        drawn = drawn.united(c.sceneBoundingRect())
    assert img.width() <= (drawn.width() + 2 * MARGIN + 80) * PNG_SCALE
    assert img.height() <= (drawn.height() + 2 * MARGIN + 80) * PNG_SCALE


def test_the_finished_picture_rings_no_folded_card_of_the_last_step(qtbot, window, answers, tmp_path):
    """Trial 55: File › Examples › Vanishing gradients, Ctrl+B, End, Export
    as PNG: "layer 1", the folded card of the last step's node, kept the
    orange ring of the current step (its cards were retold, the folded
    cards a turn later, after the picture)."""
    from window_helpers import menu_action

    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    menu_action(w.menus["file"], "example_vanishing_tanh").trigger()
    QApplication.processEvents()
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_End)
    ctl = w.backward
    assert ctl.animator.at_end
    last = ctl.replay.current(ctl.replay.last).node
    gid = w.scene.folding.card_of(last)
    assert gid is not None  # (the test's point: the last step's node is folded away)
    assert w.scene.folding.card(gid).highlight == CURRENT  # the canvas rings its card, as before
    export_png(w, answers, tmp_path / "end.png")
    assert ring_pixels(tmp_path / "end.png") == 0
    QApplication.processEvents()
    assert w.scene.folding.card(gid).highlight == CURRENT  # and does again once it is written
