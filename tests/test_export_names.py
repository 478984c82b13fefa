"""Trial 44 #3: File › Export wrote what the typed name said whatever the
format (Python code into "slide1.svg", PNG bytes into "wrong.svg"), S in
the Export menu picked Python Script, and opening such a file said "not
valid JSON". Each export now ends the name as its format does, the menu's
letters are distinct, and opening says what the file looks like."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMenu
from test_codetools_gui import export_to  # noqa: F401
from test_pictures import tiny_png
from test_window_files import open_blog_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import embed


def test_png_exported_as_wrong_svg_becomes_wrong_svg_png(window, answers, tmp_path):
    open_blog_example(window)
    answers.export_path = str(tmp_path / "wrong.svg")
    trigger(window, "export_png")
    assert not (tmp_path / "wrong.svg").exists()
    out = tmp_path / "wrong.svg.png"
    assert out.read_bytes().startswith(embed.PNG_SIGNATURE) and not QImage(str(out)).isNull()
    status = window.status_text()
    assert f"Exported {out} (PNG picture; .png added to “wrong.svg”), with the graph inside" in status


def test_svg_exported_as_slide_png_becomes_slide_png_svg_and_a_right_name_stays(window, answers, tmp_path):
    open_blog_example(window)
    answers.export_path = str(tmp_path / "slide.png")
    trigger(window, "export_svg")
    assert (tmp_path / "slide.png.svg").read_text().lstrip().startswith("<")
    answers.export_path = str(tmp_path / "Slide.SVG")  # its own extension, any case: kept
    trigger(window, "export_svg")
    assert (tmp_path / "Slide.SVG").exists() and "added" not in window.status_text()


def test_the_renamed_file_is_not_overwritten_unasked(window, answers, tmp_path):
    open_blog_example(window)
    old = tmp_path / "wrong.svg.png"
    old.write_bytes(b"keep me")
    answers.export_path = str(tmp_path / "wrong.svg")
    answers.replace_renamed = False
    trigger(window, "export_png")
    assert answers.asked == ["replace_renamed"] and old.read_bytes() == b"keep me"
    assert "Not exported" in window.status_text()
    answers.replace_renamed = True
    trigger(window, "export_png")
    assert old.read_bytes().startswith(embed.PNG_SIGNATURE)


def test_python_exported_as_slide1_svg_becomes_slide1_svg_py(window, export_to, tmp_path):
    open_blog_example(window)
    export_to["path"] = str(tmp_path / "slide1.svg")
    trigger(window, "export_python")
    assert not (tmp_path / "slide1.svg").exists()
    assert "L.backward()" in (tmp_path / "slide1.svg.py").read_text()
    assert "slide1.svg.py (Python Script; .py added to “slide1.svg”)" in window.status_text()
    export_to["path"] = str(tmp_path / "g.gv")  # DOT's other extension: kept
    trigger(window, "export_dot")
    assert "digraph" in (tmp_path / "g.gv").read_text() and not (tmp_path / "g.gv.dot").exists()


def test_s_in_the_export_menu_picks_svg(qtbot, window, answers, export_to, tmp_path):
    """Alt+F, X, S: the trial pressed S for SVG and got Python Script."""
    open_blog_example(window)
    menu = window.menus["export"]
    letters = []
    for act in menu.actions():
        if not act.isSeparator():
            text = act.text()
            letters.append(text[text.index("&") + 1].lower())
    assert len(letters) == 9 and len(set(letters)) == 9, (
        letters
    )  # PNG SVG Step 2 options Python Torch Lecture DOT
    answers.export_path = export_to["path"] = str(tmp_path / "picked")
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, "s")
    qtbot.waitUntil(lambda: any(tmp_path.glob("picked*")))
    assert [p.name for p in tmp_path.glob("picked*")] == ["picked.svg"]
    assert isinstance(menu, QMenu)


def _open_and_read_error(window, answers, path) -> str:
    answers.open_path = str(path)
    QTimer.singleShot(0, QApplication.processEvents)
    trigger(window, "open")
    assert answers.errors, "no error shown"
    return answers.errors[-1][1]


def test_opening_python_named_svg_says_it_looks_like_python(window, answers, tmp_path):
    p = tmp_path / "slide1.svg"
    p.write_text(
        "# Exported from micrograd-studio.\nfrom micrograd_studio import Value\n\na = Value(2.0)\nL = a * a\n"
    )
    text = _open_and_read_error(window, answers, p)
    assert "slide1.svg: not a micrograd-studio graph file: it looks like Python code" in text
    assert "JSON" not in text


def test_opening_a_png_without_a_graph_says_what_it_is(window, answers, tmp_path):
    p = tmp_path / "photo.svg"  # a PNG under an SVG name: the content decides
    p.write_bytes(tiny_png())
    text = _open_and_read_error(window, answers, p)
    assert "photo.svg: not a micrograd-studio graph file: a PNG picture without a graph inside" in text


def test_a_graph_file_with_a_mistake_keeps_its_json_message(window, answers, tmp_path):
    p = tmp_path / "cut.mgraph"
    p.write_text('{"graph": {"format": "micrograd-studio", "version": 1}, "nodes": [')
    assert "not valid JSON: the file ends early" in _open_and_read_error(window, answers, p)
