"""Trial 44 #2: a slide of step 2 reopened in the app showed the graph with
no pass. A picture exported mid-pass carries where the pass stood (its root
and step, beside the graph inside it); opening it shows the pass there
again, ready to go on with →. A picture of no pass opens as before. Driven
as a user: Ctrl+B, →, File › Export, File › Open of the picture."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_export_caption import export
from test_export_finished import key
from test_learning_gui import blog  # noqa: F401
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import embed


def reopen(w, answers, path) -> None:
    answers.open_path = str(path)
    answers.save_changes = (
        answers.save_changes or __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Discard
    )
    trigger(w, "open")


def test_a_mid_pass_picture_reopens_at_its_step(qtbot, blog, answers, tmp_path):
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    said = w.backward.narration.text()
    for kind in ("png", "svg"):
        export(w, answers, tmp_path / f"slide.{kind}", kind)
        assert embed.pass_step((tmp_path / f"slide.{kind}").read_bytes()) == ("L", 2)
    w.backward.clear()
    for kind in ("png", "svg"):
        reopen(w, answers, tmp_path / f"slide.{kind}")
        qtbot.wait(50)  # (what a new document does a turn later leaves the pass be)
        a = w.backward.animator
        assert a.active and a.pos == 2, w.status_text()
        assert w.backward.narration.text() == said
        assert "its pass at step 2 of 7" in w.status_text()
        key(qtbot, w, Qt.Key.Key_Right)  # and on from there
        assert a.pos == 3


def test_a_picture_of_no_pass_opens_with_none(qtbot, blog, answers, tmp_path):
    w = blog
    export(w, answers, tmp_path / "plain.png", "png")
    assert embed.pass_step((tmp_path / "plain.png").read_bytes()) is None
    reopen(w, answers, tmp_path / "plain.png")
    assert not w.backward.animator.active and "its pass" not in w.status_text()


def test_a_step_the_graph_cannot_reach_opens_the_graph_without_a_pass(qtbot, blog, answers, tmp_path):
    w = blog
    export(w, answers, tmp_path / "plain.png", "png")
    data = (tmp_path / "plain.png").read_bytes()
    (tmp_path / "far.png").write_bytes(
        embed.png_with_graph(data, embed.graph_text(data, "x") or "", ("L", 99))
    )
    reopen(w, answers, tmp_path / "far.png")
    assert len(w.model) == 7 and not w.backward.animator.active and not answers.errors


def test_the_step_is_read_back_as_written():
    png = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 17
    with_step = embed.png_with_graph(png, "{}", ("nowhere", 99))
    assert embed.pass_step(with_step) == ("nowhere", 99)
    assert embed.pass_step(embed.png_with_graph(png, "{}")) is None
    svg = embed.svg_with_graph(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "{}", ('a "b"', 3))
    assert embed.pass_step(svg) == ('a "b"', 3)
    assert embed.pass_step(b"not a picture") is None
