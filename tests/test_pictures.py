"""Files that carry their graph (issue 13): exported PNG and SVG pictures hold
the graph file (a PNG iTXt chunk, SVG metadata); opening or dropping such a
picture reopens the graph; a .mgraph, a .py or a picture dropped on the
window opens; a picture without a graph gets a clear message."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication
from test_window_files import open_blog_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import embed, fileio
from core.graph.errors import FileFormatError
from core.graph.model import GraphModel

ROOT = Path(__file__).resolve().parents[1]
BLOG = ROOT / "resources" / "examples" / "blog_L.mgraph"


def tiny_png() -> bytes:
    """A 1x1 white PNG, made by hand (no Qt)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        embed.PNG_SIGNATURE
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def awkward_graph() -> str:
    m = GraphModel()
    m.add_node("leaf", "a", label="<a> & ]]> “ä”", value=2.0)
    m.add_node("tanh", "t", label="t")
    m.connect("a", "t", 0)
    return fileio.dumps(m)


# ------------------------------------------------------------ the containers, headless
@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_picture_carries_the_graph_file_exactly(kind, tmp_path):
    text = awkward_graph()
    if kind == "png":
        data = embed.png_with_graph(tiny_png(), text)
        assert data.startswith(embed.PNG_SIGNATURE) and data[37:41] == b"iTXt"  # right after IHDR
    else:
        data = embed.svg_with_graph(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', text)
        ET.fromstring(data)  # still well-formed XML
    assert embed.graph_text(data, "x") == text
    path = tmp_path / f"g.{kind}"
    path.write_bytes(data)
    m = fileio.load(path)
    assert m.label("a") == "<a> & ]]> “ä”" and m.value("t") == pytest.approx(0.9640275800758169)


def test_the_png_is_still_a_png_with_its_pixels():
    data = embed.png_with_graph(tiny_png(), awkward_graph())
    img = QImage.fromData(data, "PNG")
    assert not img.isNull() and img.width() == 1 and img.pixelColor(0, 0).name() == "#ffffff"
    # and Qt reads the chunk as the PNG text it is
    assert json.loads(img.text("micrograd-studio"))["graph"]["format"] == "micrograd-studio"


@pytest.mark.parametrize(
    "data",
    [
        tiny_png(),
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="2" height="2"/></svg>',
        (ROOT / "resources" / "icons" / "micrograd-studio.svg").read_bytes(),
    ],
    ids=["png", "svg", "app-icon"],
)
def test_a_picture_without_a_graph_is_refused_clearly(data, tmp_path):
    path = tmp_path / "photo.bin"
    path.write_bytes(data)
    with pytest.raises(FileFormatError) as e:
        fileio.load(path)
    kind = "an SVG" if data.lstrip().startswith(b"<") else "a PNG"
    assert str(e.value).startswith(
        f"{path}: not a micrograd-studio graph file: {kind} picture without a graph inside"
    )


def test_a_damaged_graph_chunk_is_refused_clearly(tmp_path):
    data = bytearray(embed.png_with_graph(tiny_png(), awkward_graph()))
    data[60] ^= 0xFF  # a bit flipped inside the chunk
    path = tmp_path / "damaged.png"
    path.write_bytes(bytes(data))
    with pytest.raises(FileFormatError, match="damaged"):
        fileio.load(path)


def test_the_headless_commands_read_a_picture(tmp_path):
    path = tmp_path / "blog.png"
    path.write_bytes(embed.png_with_graph(tiny_png(), BLOG.read_text("utf-8")))
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "backward", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["nodes"]["a"]["grad"] == 6.0
    bare = tmp_path / "bare.png"
    bare.write_bytes(tiny_png())
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "backward", str(bare)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        out.returncode == 1
        and out.stderr.startswith("error:")
        and "a PNG picture without a graph inside" in (out.stderr)
    )


# ------------------------------------------------------------ in the app
@pytest.mark.parametrize("kind", ["png", "svg"])
def test_an_exported_picture_reopens_the_graph(window, answers, tmp_path, kind):
    open_blog_example(window)
    window.model.set_value("a", 2.5)  # an edit: the picture carries the graph as it is now
    before = fileio.dumps(window.model)
    answers.export_path = str(tmp_path / f"blog.{kind}")
    trigger(window, f"export_{kind}")
    assert answers.errors == []
    data = Path(answers.export_path).read_bytes()
    if kind == "png":
        assert not QImage.fromData(data, "PNG").isNull()
    else:
        assert QSvgRenderer(data).isValid()
    assert embed.graph_text(data, "picture") == before

    window.document.replace(GraphModel(), None, "Untitled")  # a new, empty graph
    answers.open_path = answers.export_path
    trigger(window, "open")
    assert answers.errors == []
    assert fileio.dumps(window.model) == before
    assert window.model.node("a")["value"] == 2.5 and window.model.value("L") == -5.0
    # a picture is not the graph's file: Save asks where, and never writes JSON over it
    assert window.path is None and window.doc_name == "blog (from picture)"
    answers.save_path = ""
    assert not window.save()
    assert Path(answers.export_path).read_bytes() == data


def drop_on(window, path: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(window.width() / 2, window.height() / 2)
    act = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        pos.toPoint(), act, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), f"{path.name} was not accepted"
    drop = QDropEvent(pos, act, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop


def test_dropping_a_graph_file_opens_it(qtbot, window, answers, tmp_path):
    path = tmp_path / "mine.mgraph"
    path.write_text(BLOG.read_text("utf-8"), "utf-8")
    trigger(window, "new")
    drop_on(window, path)
    qtbot.waitUntil(lambda: len(window.model) == 7)
    assert window.path == str(path)


def test_dropping_a_picture_with_its_graph_opens_the_graph(qtbot, window, answers, tmp_path):
    path = tmp_path / "slide.png"
    path.write_bytes(embed.png_with_graph(tiny_png(), BLOG.read_text("utf-8")))
    trigger(window, "new")
    drop_on(window, path)
    qtbot.waitUntil(lambda: len(window.model) == 7)
    assert window.model.value("L") == -8.0 and window.path is None


def test_dropping_a_picture_without_a_graph_says_so_and_keeps_the_graph(qtbot, window, answers, tmp_path):
    open_blog_example(window)
    path = tmp_path / "photo.png"
    path.write_bytes(tiny_png())
    drop_on(window, path)
    qtbot.waitUntil(lambda: bool(answers.errors))
    title, text = answers.errors[0]
    assert (
        title == "Can't open “photo.png”"
        and "photo.png: not a micrograd-studio graph file: a PNG picture without a graph inside" in text
    )
    assert len(window.model) == 7  # nothing lost


def test_dropping_python_code_imports_it_as_one_undo_step(qtbot, window, answers, tmp_path):
    path = tmp_path / "neuron.py"
    path.write_text(
        "from micrograd.engine import Value\n"
        "x1 = Value(2.0, label='x1')\nw1 = Value(-3.0, label='w1')\n"
        "b = Value(6.8813735870195432, label='b')\n"
        "n = x1*w1 + b; n.label = 'n'\no = n.tanh(); o.label = 'o'\no.backward()\n",
        "utf-8",
    )
    trigger(window, "new")
    drop_on(window, path)
    qtbot.waitUntil(lambda: len(window.model) > 0)
    labels = {window.model.label(n) for n in window.model.nodes()}
    assert {"x1", "w1", "b", "n", "o"} <= labels
    o = next(n for n in window.model.nodes() if window.model.label(n) == "o")
    assert window.model.value(o) == pytest.approx(0.7071067811865476)
    trigger(window, "undo")
    assert len(window.model) == 0


def test_dropping_code_that_cannot_be_read_says_where(qtbot, window, answers, tmp_path):
    path = tmp_path / "loop.py"
    path.write_text("a = 1.0\nfor i in range(3):\n    a = a * 2\n", "utf-8")
    trigger(window, "new")
    drop_on(window, path)
    qtbot.waitUntil(lambda: bool(answers.errors))
    title, text = answers.errors[0]
    assert title == "Cannot import code" and "loop.py" in text and "line 2" in text
    assert len(window.model) == 0


def test_a_foreign_file_is_not_taken(window, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello", "utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
