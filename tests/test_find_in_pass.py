"""Find during a Backward pass (a new user's trial): Alt+Enter opened the
folded group holding the match, then the pass's camera brought its step
back into view (as it does when groups open mid-pass), leaving the match
half cut off in a corner. The match the user asked for is shown last,
with its group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_camera_regroup import finished_mlp_pass
from test_navigation_gui import open_find, type_text
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.backward.camera_moves import seen as _seen
from gui.canvas.items import CARD_RECT


def test_alt_enter_mid_pass_brings_the_match_into_view(qtbot, window):
    w = window
    finished_mlp_pass(qtbot, w)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "w3.1.2")  # (five weights: whole in view, open)
    find = w.navigation.find
    node = find.matches[find.current]
    gid = w.model.groups.group_of(node)
    assert (
        gid is not None
        and w.model.groups.get(gid).collapsed
        or any(w.model.groups.get(a).collapsed for a in w.model.groups.ancestors(gid))
    )
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    assert w.scene.node_item(node).isVisible()
    qtbot.wait(50)
    for _ in range(3):
        QApplication.processEvents()
    card = w.scene.node_item(node).sceneBoundingRect()
    assert _seen(w.view, margin=0).contains(card), (card, _seen(w.view, margin=0))
    # the match clear of the Find bar, in its group shown whole (gui/navigation/open_view.py)
    match = w.view.mapFromScene(w.scene.node_item(node).mapRectToScene(CARD_RECT)).boundingRect()
    frame = w.view.mapFromScene(w.scene.folding.frame(gid).sceneBoundingRect()).boundingRect()
    vp = w.view.viewport()
    for r in (match, frame):
        assert vp.rect().contains(r) and not any(o.intersects(r) for o in w.view.overlays.covered(vp)), r
    assert w.backward.animator.active  # the pass is still on screen


def test_the_match_is_ringed_in_another_colour_than_the_passs_step(qtbot, window):
    """A new user's trial: during a pass Find's ring and the current step's
    were the same orange: which card was the match? The match's ring is
    drawn in Find's own colour; no pixel of it is the step's orange."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from gui.common import style as S
    from gui.navigation.finding import FindMarker

    ring = FindMarker()
    ring.ring(QRectF(10, 10, 60, 40), 1.0)
    img = QImage(100, 80, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    ring.paint(p, None)
    p.end()
    colours = {img.pixelColor(x, y).name() for x in range(100) for y in range(80)}
    assert S.FIND_MARK.name() in colours and S.HL_CURRENT.name() not in colours
