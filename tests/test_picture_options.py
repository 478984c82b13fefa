"""Trial 44 #7: pictures for slides carried editor chrome (a group's ▾, the
"param" tag on every leaf, the finished pass's rings round every card) on an
always-white background. File › Export › Editor Marks in Pictures (on until
turned off) and Transparent Background (off until turned on), kept between
sessions. Driven as a user: the menu entries, then File › Export."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from test_export_caption import export
from test_export_finished import key
from test_learning_gui import blog  # noqa: F401
from window_helpers import action, answers, make_window, tmp_settings, trigger, window  # noqa: F401

SVG = "{http://www.w3.org/2000/svg}"


def texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


def test_editor_marks_left_out_of_a_picture_for_a_slide(qtbot, blog, answers, tmp_path):
    w = blog
    w.scene.select_ids(["a", "b"])
    assert w.grouping.group_selection(label="inputs") is not None
    w.scene.clearSelection()
    export(w, answers, tmp_path / "marked.svg", "svg")
    marked = texts(tmp_path / "marked.svg")
    assert "param" in marked and "▾" in marked and "inputs" in marked
    trigger(w, "picture_marks")  # off
    export(w, answers, tmp_path / "plain.svg", "svg")
    plain = texts(tmp_path / "plain.svg")
    assert "param" not in plain and "▾" not in plain
    assert "inputs" in plain and "2.0000" in plain  # the group's name and the numbers stay
    # on the canvas the marks are still drawn: only the picture leaves them out
    assert w.scene.node_item("a").texts_at(w.view.zoom) and any(
        t.kind == "tag" for t in w.scene.node_item("a").texts_at(1.0)
    )


def test_the_finished_pass_rings_are_marks_too(qtbot, blog, answers, tmp_path):
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_End)
    export(w, answers, tmp_path / "ringed.png", "png")
    trigger(w, "picture_marks")
    export(w, answers, tmp_path / "plain.png", "png")
    ringed, plain = QImage(str(tmp_path / "ringed.png")), QImage(str(tmp_path / "plain.png"))
    green = (lambda img: sum(_greenish(img.pixelColor(x, y)) for x in range(0, img.width(), 3)
                             for y in range(0, img.height(), 3)))  # fmt: skip
    assert green(plain) < green(ringed) * 0.8  # the rings' green gone, the leaves' own green kept
    assert plain.width() < ringed.width()  # (the rings reach past the cards)
    assert w.scene.node_item("a")._highlight == "done"  # (the canvas keeps its rings)


def _greenish(c) -> int:
    r, g, b, _ = c.getRgb()
    return int(g > r + 25 and g > b + 10)


def test_a_transparent_background_and_the_options_kept(qtbot, blog, answers, tmp_path, tmp_settings):
    w = blog
    export(w, answers, tmp_path / "white.png", "png")
    assert QImage(str(tmp_path / "white.png")).pixelColor(2, 2).alpha() == 255
    trigger(w, "picture_transparent")
    trigger(w, "picture_marks")
    export(w, answers, tmp_path / "clear.png", "png")
    img = QImage(str(tmp_path / "clear.png"))
    assert img.hasAlphaChannel() and img.pixelColor(2, 2).alpha() == 0
    assert img.pixelColor(img.width() // 2, img.height() // 2).alpha() > 0 or any(
        img.pixelColor(x, img.height() // 2).alpha() == 255 for x in range(img.width())
    )  # the cards are drawn, opaque
    export(w, answers, tmp_path / "clear.svg", "svg")
    root = ET.parse(tmp_path / "clear.svg").getroot()
    assert not any(r.get("fill") == "#ffffff" and r.get("width") for r in root.iter(f"{SVG}rect"))
    w2 = make_window(qtbot, answers)  # a new session keeps both choices
    assert action(w2, "picture_transparent").isChecked() and not action(w2, "picture_marks").isChecked()


def test_mid_pass_the_rings_of_steps_done_stay_without_the_marks(qtbot, blog, answers, tmp_path):
    """A review: mid-pass the rings say which gradients are final; only a
    finished pass's rings, round every card, are chrome."""
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(4):
        key(qtbot, w, Qt.Key.Key_Right)
    export(w, answers, tmp_path / "marked.png", "png")
    trigger(w, "picture_marks")
    export(w, answers, tmp_path / "plain.png", "png")
    marked, plain = QImage(str(tmp_path / "marked.png")), QImage(str(tmp_path / "plain.png"))
    assert plain.size() == marked.size()  # (the rings reach past the cards: kept)
    green = (lambda img: sum(_greenish(img.pixelColor(x, y)) for x in range(0, img.width(), 3)
                             for y in range(0, img.height(), 3)))  # fmt: skip
    assert green(plain) > 0.9 * green(marked)


def test_a_window_starting_writes_no_setting(qtbot, answers, tmp_settings):
    """A review: setting the options' check boxes at start wrote them back."""
    import os

    make_window(qtbot, answers)
    files = [p for p in tmp_settings.rglob("*") if p.is_file()]
    stamps = {p: os.stat(p).st_mtime_ns for p in files}
    make_window(qtbot, answers)
    assert all(os.stat(p).st_mtime_ns == t for p, t in stamps.items() if p.exists())
    assert not any("export" in p.read_text(errors="ignore") for p in tmp_settings.rglob("*.ini"))


def test_a_finished_pass_on_folded_groups_loses_their_rings_too(qtbot, window, answers, tmp_path):
    """Trial 46 #1: without marks, the MLP's folded group cards kept the
    finished pass's green rings (the node cards lost theirs)."""
    from core.cli import templates
    from gui.canvas import picture_marks
    from gui.common import style as S

    w = window
    assert w.open_model(templates.build("mlp", one_point=True), "mlp")
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_End)
    seen: list[str] = []
    real = QPainter.drawRoundedRect

    def spy(painter, *args):
        seen.append(painter.pen().color().name())
        return real(painter, *args)

    def rings_drawn(leave_out: bool) -> bool:
        seen.clear()
        with w.backward.finished_picture(), picture_marks.left_out(leave_out, finished=True):
            cards = [c for c in w.scene.folding.cards() if c.isVisible()]
            assert cards and any(c.highlight == "done" for c in cards)
            QPainter.drawRoundedRect = spy
            try:
                img = QImage(800, 600, QImage.Format.Format_ARGB32)
                p = QPainter(img)
                for c in cards:
                    w.scene.render(
                        p, QRectF(0, 0, 800, 600), c.sceneBoundingRect().adjusted(-20, -20, 20, 20)
                    )
                p.end()
            finally:
                QPainter.drawRoundedRect = real
        return S.HL_DONE.name() in seen

    assert rings_drawn(False) and not rings_drawn(True)
