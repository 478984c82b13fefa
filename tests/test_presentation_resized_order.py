"""Trial 73 #1: the MLP mid-pass (step 14, inside "neuron 3.1 [4]") in Presentation Mode at
1024×700, the window then grown to the projector's 1280×800. The Order list's node column read
"n…]", "w…]", "n…]", "w…]" (Qt's cut in the middle keeps the data point's "]", the one part
its group's row says already), and stayed as narrow as at 1024 px; the banner kept the height
of the 1024's lines, with empty lines over and under its text. Now the right-hand column grows
with the window as the mode widens it, a row under its group is cut so the group's rows stay
told apart ("w3.1.2·h2.2", "w3.1.1·…", "n3.1.2"), and the banner fits its text anew."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from test_presentation_mode import press, settle, toggle_presentation
from window_helpers import answers, open_mlp_file, step_by_hand, tmp_settings, window  # noqa: F401

from gui.backward.narration import QWIDGETSIZE_MAX
from gui.backward.order_delegate import cut_label

#: The rows of "neuron 3.1 [4]" the trial's steps 11–14 are.
ROWS = ("n3.1.2[4]", "w3.1.2·h2.2[4]", "n3.1.1[4]", "w3.1.1·h2.1[4]")


def _needs(banner) -> int:
    """The height the banner's text needs at its width (its fixed height set aside)."""
    low, high = banner.minimumHeight(), banner.maximumHeight()
    banner.setMinimumHeight(0)
    banner.setMaximumHeight(QWIDGETSIZE_MAX)
    try:
        return banner.heightForWidth(banner.width())
    finally:
        banner.setMinimumHeight(low)
        banner.setMaximumHeight(high)


def _drawn(table, index, monkeypatch) -> str:
    """The text the node column's delegate draws for the row ``index``, in its cell."""
    said: list[str] = []
    real = QPainter.drawText
    monkeypatch.setattr(QPainter, "drawText", lambda p, *a: said.append(a[-1]) or real(p, *a))
    rect = table.visualRect(index)
    image = QImage(rect.width() + 1, rect.height() + 1, QImage.Format.Format_ARGB32)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = QRect(0, 0, rect.width(), rect.height())
    if index == table.currentIndex():
        option.state |= QStyle.StateFlag.State_Selected
    painter = QPainter(image)
    try:
        table.itemDelegateForColumn(1).paint(painter, option, index)
    finally:
        painter.end()
        monkeypatch.undo()
    return "".join(t for t in said if isinstance(t, str))


def test_a_neurons_rows_stay_told_apart_however_narrow(qapp):
    fm = QFontMetrics(QFont("DejaVu Sans", 18))
    for chars in range(6, 16):
        width = fm.horizontalAdvance("n" * chars)
        cut = [cut_label(label, "neuron 3.1 [4]", fm, width) for label in ROWS]
        assert all(fm.horizontalAdvance(t) <= width for t in cut), cut
        if fm.horizontalAdvance("w3.1.1·…") <= width:  # (each its weight's or sum's name at least)
            assert len(set(cut)) == len(ROWS), (chars, cut)
            assert all(t.startswith(r[:6]) for t, r in zip(cut, ROWS)), (chars, cut)
    wide = fm.horizontalAdvance("w3.1.2·h2.2")
    assert cut_label("w3.1.2·h2.2[4]", "neuron 3.1 [4]", fm, wide) == "w3.1.2·h2.2"  # (its group says [4])
    assert cut_label("w3.1.2·h2.2[4]", "neuron 3.1 [4]", fm, 10_000) == "w3.1.2·h2.2[4]"


def mlp_step_14_presenting(qtbot, w, tmp_path) -> None:
    """The trial's MLP at 1024×700, Backward by hand to step 14 (inside "neuron 3.1 [4]"), then
    Presentation Mode."""
    open_mlp_file(qtbot, w, tmp_path)
    w.resize(1024, 700)
    settle()
    step_by_hand(w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        press(qtbot, w, Qt.Key.Key_Right)
    toggle_presentation(qtbot, w)
    settle()


def test_growing_the_window_while_presenting_widens_order_and_refits_the_banner(
    qtbot, window, tmp_path, monkeypatch
):
    w = window
    mlp_step_14_presenting(qtbot, w, tmp_path)
    assert w.presentation.on and w.backward.animator.pos == 14
    panel, banner = w.backward.order_panel, w.backward.narration
    table, om = panel.table, panel.model
    before = table.columnWidth(1)
    # at 1024 px a few characters a row, each its own ("n3.1.2", "…h2.2", "w…1"; not "n…]", "w…]")
    small = [_drawn(table, om.index_of(p, 1), monkeypatch) for p in range(11, 15)]
    assert len(set(small)) == 4 and all(sum(c.isalnum() for c in t) >= 2 for t in small), small
    w.resize(1280, 800)
    settle()
    assert table.columnWidth(1) > before + 40  # (the column grown with the window, as the mode widens it)
    cut = [_drawn(table, om.index_of(p, 1), monkeypatch) for p in range(11, 15)]
    assert [om.data(om.index_of(p, 1)) for p in range(11, 15)] == list(ROWS)
    assert len(set(cut)) == 4 and all(t.startswith(r[:6]) for t, r in zip(cut, ROWS)), cut
    assert banner.height() == _needs(banner)  # its text's lines, none empty over or under them
    assert w.view.viewportMargins().top() <= banner.height() + 2 * banner.MARGIN + 1
    table.grab()  # (the delegate paints every row shown)


def test_at_1024_the_mode_widens_the_column_its_panel_on_screen_has(qtbot, window, tmp_path):
    """Review 72b #1: the Order dock behind Properties' tab kept a stale width (340 px), the
    mode took that for the column's and left the column at 240 px: Order's rows then read "…",
    its gradients cut. The mode widens the column from what the panel on screen has."""
    from PySide6.QtWidgets import QDockWidget

    from gui.presenting.feature import RIGHT_GROWTH, RIGHT_MAX

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.resize(1024, 700)
    settle()
    docks = w.findChildren(QDockWidget)
    props = next(d for d in docks if d.isAncestorOf(w.properties))
    order = next(d for d in docks if d.isAncestorOf(w.backward.order_panel))
    assert not props.visibleRegion().isEmpty() and order.visibleRegion().isEmpty()  # (no pass yet)
    usual = props.width()
    toggle_presentation(qtbot, w)
    settle()
    want = min(round(usual * RIGHT_GROWTH), int(w.width() * RIGHT_MAX))
    assert want > usual + 20
    assert props.width() >= want - 4, (usual, props.width(), want)
    step_by_hand(w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert order.width() >= want - 4  # (the pass's Order as wide, its rows' names and gradients)


def _in_view(w) -> dict[str, list[bool]]:
    """Which of the step's parts (its card, the cards it sends to as drawn beside it, the
    captions on their wires, the cards it heard from) the canvas shows whole."""
    from gui.backward.step_parts import step_parts

    b, view = w.backward, w.view
    rp, pos = b.replay, b.animator.pos
    focus, ins, caps, used = step_parts(w.scene, rp, pos, rp.current(pos))
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    parts = {"card": [focus], "inputs": ins, "captions": caps, "consumers": used}
    return {name: [seen.contains(r) for r in rects] for name, rects in parts.items()}


def test_the_step_is_placed_again_once_the_resize_rests(qtbot, window, tmp_path):
    """Trial 73 #1: grown from 1024×700 to 1280×800 mid-pass, the view kept its middle and the
    step's inputs, "layer 3 weights" and "layer 2 [4]", stayed cut at the canvas's left edge
    ("yer 3 / eights"). Once the resize rests the camera places the step as at a fresh step: the
    ringed card, the cards it sends its gradients to and their captions, the loss it heard from."""
    from gui.backward.resize_follow import REST_MS

    w = window
    mlp_step_14_presenting(qtbot, w, tmp_path)
    banner, order = w.backward.narration, w.backward.dock_order
    column = order.width()
    w.resize(1280, 800)
    qtbot.wait(2 * REST_MS)
    settle()
    shown = _in_view(w)
    assert shown["card"] == [True] and shown["consumers"] == [True], shown
    assert len(shown["inputs"]) >= 2 and all(shown["inputs"]), shown  # (layer 3 weights, layer 2 [4], …)
    assert shown["captions"] and all(shown["captions"]), shown  # (w3.1.1.grad += …, h2.1[4].grad += …)
    assert banner.height() == _needs(banner)  # the banner fitted to the new width, the column widened
    assert order.width() > column + 40
    zoom = w.view.zoom
    w.resize(1024, 700)  # and back: the step placed again in the smaller canvas, its card whole
    qtbot.wait(2 * REST_MS)
    settle()
    assert _in_view(w)["card"] == [True] and w.view.zoom <= zoom + 1e-9
    assert banner.height() == _needs(banner)
    assert abs(order.width() - column) <= 4  # the column as the mode made it at 1024 (it kept 374 px)
