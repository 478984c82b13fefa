"""The canvas as a picture (PNG or SVG) for slides and notes.

Only the graph is drawn: the items' bounding box plus a margin, on white,
as vectors (item caches are off while drawing), without the selection and without the editing grid (the
view draws that, not the scene). The file is written
atomically like a graph file, so a failed export leaves an old picture as it
was. Given the graph file's text, the picture carries it (core/files/embed.py),
so opening the picture reopens the graph.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from core.files import embed
from core.files.fileio import write_atomic
from gui.canvas import picture_marks
from gui.canvas.cards import card_text
from gui.canvas.picture_caption import caption_height, caption_text, draw_caption
from gui.canvas.scene import GraphScene
from gui.canvas.wires.through_wires import ThroughWires
from gui.canvas.wires.wire_cells import WireCell

MARGIN = 24.0
PNG_SCALE = 2.0  # pixels per scene unit: sharp on slides and HiDPI screens
SCREEN_DPI = 96.0  # a scene unit is a pixel on a plain screen
PROBE_PIXELS = 4_000_000  # the drawing that finds what the scene paints (painted_rect)


#: Where a picture's graph comes from, the room above it for the caption
#: strip and the pixels a scene unit: one for every picture of a deck, so
#: slides do not jump; or one each, all as large (step_deck.py).
Frame = tuple[QRectF, float, float]


@dataclass(frozen=True)
class Look:
    """File › Export's picture options: the editor's marks drawn (the ▾ of a
    group, a leaf's param tag, a finished pass's rings: picture_marks.py),
    and the background left transparent (else white)."""

    marks: bool = True
    transparent: bool = False
    #: the picture is of a finished pass (without marks, its done rings go too)
    finished: bool = False

    @property
    def background(self) -> QColor:
        return QColor(Qt.GlobalColor.transparent if self.transparent else Qt.GlobalColor.white)


class _CleanRender:
    """Render the scene without selection and with a plain background
    (``source``: the part of the scene to draw, else what it paints)."""

    def __init__(self, scene: QGraphicsScene, source: QRectF | None = None, look: Look = Look()) -> None:
        self.scene = scene
        self.source = source
        self.look = look
        self._marks = picture_marks.left_out(not look.marks, look.finished)

    def __enter__(self) -> QRectF:
        s = self.scene
        self._marks.__enter__()
        # a picture is drawn at the usual text size (Presentation Mode's larger text grew an SVG's pills)
        self._text_scale = card_text.text_scale()
        card_text.set_text_scale(1.0)
        self._selected = s.selectedItems()
        self._blocked = s.blockSignals(True)  # the selection comes back below
        for it in self._selected:
            it.setSelected(False)
        # Cached items would be pasted in as screen-resolution bitmaps.
        self._cached = [
            (it, it.cacheMode()) for it in s.items() if it.cacheMode() != QGraphicsItem.CacheMode.NoCache
        ]
        for it, _ in self._cached:
            it.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self._bg = s.backgroundBrush()
        s.setBackgroundBrush(self.look.background)
        # Zoomed far out the canvas draws plain blocks; a picture wants the cards.
        self._far_scene: GraphScene | None = s if isinstance(s, GraphScene) and s.far else None
        if self._far_scene is not None:
            self._far_scene.set_view_zoom(1.0)
        # Near, only the cards that came into view draw their contents: all of them, for now.
        self._revealed = s.detail.reveal_all() if isinstance(s, GraphScene) else set()
        if self.source is not None:
            return self.source
        # what is shown (Qt's itemsBoundingRect counts the hidden items kept
        # for reuse too: spare wires, the cards of deleted nodes; and the
        # cells holding wires, whose rects reach past them: wire_cells.py)
        # and the layers that draw only far out, over the frames they stand for (a folded
        # MLP's picture was a third blank: the frames' layer spans where they open)
        far_only = (
            {id(x) for x in (s.folding.frame_layer, s.folding.far_names)}
            if isinstance(s, GraphScene)
            else set()
        )
        rect = QRectF()
        for it in s.items():
            if it.isVisible() and not isinstance(it, WireCell | ThroughWires) and id(it) not in far_only:
                rect = rect.united(it.sceneBoundingRect())
        return painted_rect(s, rect).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def __exit__(self, *exc) -> None:
        s = self.scene
        s.setBackgroundBrush(self._bg)
        for it, mode in self._cached:
            it.setCacheMode(mode)
        if isinstance(s, GraphScene):
            s.detail.conceal(self._revealed)
        if self._far_scene is not None:
            views = s.views()
            self._far_scene.set_view_zoom(views[0].transform().m11() if views else 0.0)
        for it in self._selected:
            it.setSelected(True)
        s.blockSignals(self._blocked)
        card_text.set_text_scale(self._text_scale)
        self._marks.__exit__(*exc)


def painted_rect(scene: QGraphicsScene, rect: QRectF) -> QRectF:
    """The part of ``rect`` that the scene paints, so the margins are even.
    The items' bounding rects keep room they do not paint: a card's keeps
    17 units above it for its tags ("output"), a group frame's keeps room
    above its tab for the tab to rise into; a trial's picture had 122 px of
    white above the graph and 55 px below it. Found on a drawing of about a
    unit a pixel (at most ``PROBE_PIXELS``), one unit spare all round."""
    if rect.isEmpty():
        return rect
    scale = min(1.0, (PROBE_PIXELS / (rect.width() * rect.height())) ** 0.5)
    w, h = max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale))
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(Qt.GlobalColor.white)
    p = QPainter(img)
    _render(scene, p, QRectF(0, 0, w, h), rect)
    p.end()
    data, line = bytes(img.constBits()), img.bytesPerLine()
    blank = b"\xff" * line
    rows = [y for y in range(h) if data[y * line : (y + 1) * line] != blank]
    if not rows:
        return rect
    left, right = w, 0
    for y in rows:
        row = data[y * line : y * line + 4 * w]
        left = min(left, (len(row) - len(row.lstrip(b"\xff"))) // 4)
        right = max(right, w - (len(row) - len(row.rstrip(b"\xff"))) // 4)
    unit = 1 / scale
    found = QRectF(left * unit, rows[0] * unit, (right - left) * unit, (rows[-1] + 1 - rows[0]) * unit)
    return found.translated(rect.topLeft()).adjusted(-unit, -unit, unit, unit).intersected(rect)


def _render(
    scene: QGraphicsScene, painter: QPainter, target: QRectF, source: QRectF, bg: QColor | None = None
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(target, Qt.GlobalColor.white if bg is None else bg)
    scene.render(painter, target, source)


def painted_bounds(scene: QGraphicsScene, look: Look = Look()) -> QRectF:
    """What a picture of the scene now would show (its margin included)."""
    with _CleanRender(scene, look=look) as src:
        return src


def deck_frame(bounds: list[QRectF], captions: list[str | None]) -> Frame:
    """One frame for pictures of these ``bounds`` and ``captions``: all of
    each in it, the graph at the same place in each (the strip's room the
    most any caption needs at that width)."""
    rect = QRectF()
    for r in bounds:
        rect = rect.united(r)
    top = max((caption_height(caption_text(c), rect.width(), MARGIN) for c in captions), default=0.0)
    return rect, top, PNG_SCALE


#: A slide (16:9, full HD) and the least scale a card's text reads at on it
#: (11 px text at 0.75: 8 px): a graph whole on a slide smaller than that
#: is framed where the camera puts each step instead.
SLIDE = (1920.0, 1080.0)
SLIDE_READS = 0.75


def deck_frames(bounds: list[QRectF], views: list[QRectF], captions: list[str | None]) -> list[Frame]:
    """A frame for each picture of a deck (``bounds``: what each would show
    whole; ``views``: what the view showed at its step, all of one shape).
    A graph that reads whole on a slide: the whole graph in each, framed
    alike (:func:`deck_frame`). A bigger one (the MLP whole on a slide read
    nothing, a trial): what the view showed at each step, as the camera put
    it, widened to a slide's shape, each drawn as large as the others (the
    view's usual size at two pixels a unit: a step the camera zoomed out for
    is drawn smaller)."""
    one = deck_frame(bounds, captions)
    r = one[0]
    if (
        not views
        or min(SLIDE[0] / max(r.width(), 1.0), SLIDE[1] / max(r.height() + one[1], 1.0)) >= SLIDE_READS
    ):
        return [one] * len(bounds)
    # each the slide's shape round what the view showed (wider, or taller: more of the graph around it)
    views = [_widened(v, SLIDE[1] / SLIDE[0]) for v in views]
    mid = sorted(views, key=QRectF.width)[len(views) // 2]  # (the median)
    scales = [PNG_SCALE * mid.width() / max(v.width(), 1.0) for v in views]
    top = max(
        caption_height(caption_text(c), v.width(), MARGIN) * k for c, v, k in zip(captions, views, scales)
    )
    return [(v, top / k, k) for v, k in zip(views, scales, strict=True)]  # (top: the strip's pixels, alike)


def _widened(v: QRectF, shape: float) -> QRectF:
    """``v`` grown about its centre to ``shape`` (height over width)."""
    w = max(v.width(), v.height() / shape)
    h = w * shape
    return QRectF(v.center().x() - w / 2, v.center().y() - h / 2, w, h)


def png_bytes(
    scene: QGraphicsScene,
    scale: float = PNG_SCALE,
    caption: str | None = None,
    frame: Frame | None = None,
    look: Look = Look(),
) -> bytes:
    """The scene as a PNG, ``scale`` pixels a scene unit, the ``caption``
    strip above the graph (picture_caption.py; None: none); ``frame``: the
    part drawn and the strip's room, as for the other pictures of a deck;
    ``look``: the export's options."""
    text = caption_text(caption)
    if frame is not None:
        scale = frame[2]
    with _CleanRender(scene, frame[0] if frame is not None else None, look) as src:
        w = src.width()
        top = frame[1] if frame is not None else caption_height(text, w, MARGIN)
        size = QSize(max(1, round(w * scale)), max(1, round((src.height() + top) * scale)))
        img = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(look.background)
        # tagged at the screen's size (2x pixels: 192 dpi), so a slide tool
        # inserts it as large as it looked, not at twice the size
        dots = round(SCREEN_DPI * (scale if frame is None else PNG_SCALE) / 0.0254)  # (a deck's: alike)
        img.setDotsPerMeterX(dots)
        img.setDotsPerMeterY(dots)
        p = QPainter(img)
        p.scale(scale, scale)
        draw_caption(p, text, w, MARGIN)
        _render(scene, p, QRectF(0, top, w, src.height()), src, look.background)
        p.end()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as a str (bytes are refused); its stubs say bytes.
    if not img.save(buf, "PNG"):  # type: ignore[call-overload]
        raise OSError("the picture could not be encoded as PNG")
    return bytes(buf.data().data())


def svg_bytes(
    scene: QGraphicsScene,
    title: str = "micrograd-studio graph",
    caption: str | None = None,
    look: Look = Look(),
) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    text = caption_text(caption)
    with _CleanRender(scene, look=look) as src:
        top = caption_height(text, src.width(), MARGIN)
        w, h = max(1, round(src.width())), max(1, round(src.height() + top))
        gen = QSvgGenerator()
        gen.setOutputDevice(buf)
        gen.setSize(QSize(w, h))
        gen.setViewBox(QRectF(0, 0, w, h))
        gen.setTitle(title)
        gen.setDescription(text or "A computation graph drawn by micrograd-studio")
        p = QPainter(gen)
        p.fillRect(QRectF(0, 0, w, h), look.background)
        draw_caption(p, text, w, MARGIN)
        _render(scene, p, QRectF(0, top, w, h - top), src, look.background)
        p.end()
    buf.close()
    return bytes(data.data())


def export_scene(
    scene: QGraphicsScene,
    path: str | os.PathLike,
    kind: str | None = None,
    title: str = "micrograd-studio graph",
    graph_text: str | None = None,
    caption: str | None = None,
    frame: Frame | None = None,
    look: Look = Look(),
    step: embed.Step | None = None,
) -> None:
    """Write the scene to ``path`` as "png" or "svg" (default: from the
    suffix), carrying ``graph_text`` (a graph file's text) if given, with
    the ``caption`` strip above the graph if given (``frame``: a PNG's, as
    for the other pictures of a deck; ``step``: where the pass shown stood,
    carried with the graph so that opening the picture shows it again)."""
    kind = (kind or os.path.splitext(os.fspath(path))[1].lstrip(".")).lower()
    if kind == "png":
        data = png_bytes(scene, caption=caption, frame=frame, look=look)
        if graph_text is not None:
            data = embed.png_with_graph(data, graph_text, step)
    elif kind == "svg":
        data = svg_bytes(scene, title, caption, look)
        if graph_text is not None:
            data = embed.svg_with_graph(data, graph_text, step)
    else:
        raise ValueError(f"cannot export as {kind!r}; choose PNG or SVG")
    write_atomic(path, data)
