"""Trial 44 #2: a picture exported mid-pass lost the step's explanation, so
a slide of step 2 did not say it was step 2. Now the banner's sentence is
a caption strip above the graph, wrapped to the picture's width; a picture
with no pass showing has no strip. Driven as a user: Ctrl+B, → →, File ›
Export as PNG… / SVG…"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from test_export_finished import key
from test_learning_gui import blog  # noqa: F401
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

STRIP = (255, 247, 237)  # the banner's background
INK = "#7c2d12"  # the banner's text


def strip_rows(path) -> int:
    """Rows whose middle stretch is the strip's background."""
    img = QImage(str(path))
    assert not img.isNull()
    n = 0
    for y in range(img.height()):
        xs = range(img.width() // 3, 2 * img.width() // 3, 9)
        n += all(img.pixelColor(x, y).getRgb()[:3] == STRIP for x in xs)
    return n


def export(w, answers, path, kind) -> None:
    answers.export_path = str(path)
    trigger(w, f"export_{kind}")
    assert path.exists(), w.status_text()


def caption_lines(path) -> list[str]:
    root = ET.parse(path).getroot()
    return [
        re.sub(r"\s+", " ", "".join(t.itertext())).strip()
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("fill") == INK and float(t.get("font-size", "0")) >= 16  # (not the notes, in the same ink)
    ]


def test_a_mid_pass_picture_has_the_step_sentence_above_the_graph(qtbot, blog, answers, tmp_path):
    w = blog
    export(w, answers, tmp_path / "plain.png", "png")
    export(w, answers, tmp_path / "plain.svg", "svg")
    assert strip_rows(tmp_path / "plain.png") == 0 and caption_lines(tmp_path / "plain.svg") == []
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    said = w.backward.narration.text()
    assert said.startswith("Step 2 of ")
    export(w, answers, tmp_path / "mid.png", "png")
    export(w, answers, tmp_path / "mid.svg", "svg")
    plain, mid = QImage(str(tmp_path / "plain.png")), QImage(str(tmp_path / "mid.png"))
    assert mid.width() == plain.width() and mid.height() > plain.height() + 60
    assert strip_rows(tmp_path / "mid.png") > 60  # a strip at least two lines of text tall (2 px a unit)
    lines = caption_lines(tmp_path / "mid.svg")
    assert len(lines) >= 2  # wrapped to the picture's width, not one line running off it
    assert " ".join(lines).replace("\u00a0", " ") == re.sub(r"\s+", " ", said)
    root = ET.parse(tmp_path / "mid.svg").getroot()
    width = float(root.get("viewBox", "0 0 0 0").split()[2])
    longest = max(len(x) for x in lines)
    assert longest * 16 * 0.45 < width  # (each line fits: a character is about half the font size wide)


def test_the_finished_picture_says_finished_not_the_last_step(qtbot, blog, answers, tmp_path):
    """At the end the picture shows no current step (test_export_finished.py),
    so its caption is the pass's "Finished: …", not "Step 7 of 7: …"."""
    w = blog
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_End)
    assert "Finished" in w.backward.narration.text()
    export(w, answers, tmp_path / "end.svg", "svg")
    lines = caption_lines(tmp_path / "end.svg")
    assert lines and lines[0].startswith("Finished") and not any("Step" in x for x in lines)
