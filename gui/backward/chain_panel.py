"""The Chain rule dock: for one node, its local derivatives with the numbers
filled in and the sum of contributions that makes its gradient. Each new
page shows from its top (its heading, the node's value), never scrolled to
its end: a trial saw "… — Multiply" and the Value line scrolled away, the
top line cut in half. The panel keeps :data:`LEAST_LINES` lines of height
however crowded its column (gui/backward/chain_room.py asks for the rest
of a page's height)."""

from __future__ import annotations

import html

from PySide6.QtCore import QMimeData, QSize, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QApplication, QTextBrowser, QVBoxLayout, QWidget

from core.explain.forward_replay import AnyReplay
from core.explain.replay import Replay
from core.explain.step_text import Explanation, slope_line
from core.graph.groups import group_path
from core.graph.model import GraphModel
from gui.backward.status_text import explain
from gui.common.equation_breaks import JOIN as _JOIN
from gui.common.equation_breaks import held, runs
from gui.common.focus_ring import FocusRing
from gui.common.style import scale_text

_CSS = """
h3 { margin: 0 0 2px 0; color: #1f2430; }
p.sec { margin: 6px 0 1px 0; color: #6b7280; font-weight: bold; }
p.line { margin: 0 0 0 24px; text-indent: -12px; font-family: 'DejaVu Sans Mono', monospace; }
p.hint { margin: 8px 0; color: #6b7280; }
p.where { margin: 0 0 2px 0; color: #6b7280; }
"""


#: An unbreakable run longer than this (characters) may break after its slashes: narrow panels
#: hold about 40 of the mono font's characters a line ("× ∂h2/∂(x1*w21 + x2*w22 + b2)" stays whole).
LONG_RUN = 36
#: The panel is never shorter than this many lines of the app's text (a
#: trial: Gradient Flow or the Tutorial opened under it left 4–6 lines).
#: Counted in the app's usual text, also in Presentation Mode: the least
#: heights of a column's panels must fit an 800 px window (the larger text
#: gets its room from chain_room.py and the mode instead).
LEAST_LINES = 10


def unbroken(line: str) -> str:
    """An equation's pieces held together (equation_breaks.runs): the panel's
    narrow width broke "= 1 × 1 =" from its "1", and an MLP's
    "(b + w·h1.1).grad × ∂(…)/∂(w2.1.1·h1.1)", one run wider than the panel,
    inside "w2.1.1". A run longer than :data:`LONG_RUN` may break after its
    slashes ("× ∂(x1*w21 + x2*w22 + b2)/∂(x1*w21 + x2*w22)" there rather than
    inside "x2*w22": t62 #10); a shorter one is held whole ("∂b/∂a")."""
    if " = " not in line:
        return line
    return " ".join(r if len(r) > LONG_RUN else held(r) for r in runs(line))


def to_html(ex: Explanation, where: str = "") -> str:
    """``where``: the node's groups, under the heading (the MLP's sixteen
    "… + w·h2.3" are told apart by their neuron and data point)."""
    out = [f"<style>{_CSS}</style>", f"<h3>{html.escape(ex.heading)}</h3>"]
    if where:
        out.append(f"<p class='where'>in {html.escape(where)}</p>")
    for sec in ex.sections:
        out.append(f"<p class='sec'>{html.escape(sec.title)}</p>")
        for line in sec.lines:
            out.append(f"<p class='line'>{html.escape(unbroken(line))}</p>")
    return "".join(out)


class _View(QTextBrowser):
    """The page; where it is taller than the panel, the view ends under its
    last whole line, the few pixels left blank (t72 #3: at 1366×768 in
    Presentation Mode the last line showed its top half)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cut = 0  # px under the viewport given up: the part of a line that would show
        self.document().documentLayout().documentSizeChanged.connect(self.whole_lines)  # (larger text)

    def createMimeDataFromSelection(self) -> QMimeData:
        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText().replace(_JOIN, ""))
        return data

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.whole_lines()

    def line_bottoms(self) -> list[float]:
        """Where each line of the page ends (px from the page's top)."""
        doc, out = self.document(), []
        block = doc.begin()
        while block.isValid():
            lay = block.layout()
            top = lay.position().y()
            out += [top + lay.lineAt(i).y() + lay.lineAt(i).height() for i in range(lay.lineCount())]
            block = block.next()
        return out

    def shown_height(self) -> int:
        """px of the page the view has room for (the blank under its last whole line too)."""
        return self.viewport().height() + self._cut

    def whole_lines(self, *_args: object) -> None:
        """The view as tall as the page's lines it shows from its top, whole (all of its height
        where the page fits; a page the user scrolled keeps it)."""
        if self.verticalScrollBar().value():  # (scrolled by the user: as it is, its end whole)
            return
        full = self.viewport().height() + self._cut
        cut = 0
        if self.document().size().height() > full:
            ends = [b for b in self.line_bottoms() if 0 < b <= full]
            cut = int(full - max(ends)) if ends else 0
        if cut != self._cut:
            self._cut = cut
            self.setViewportMargins(0, 0, 0, cut)


class ChainPanel(QWidget):
    """Shows :func:`core.explain.step_text.explain` for the node it is given."""

    #: A page was shown anew (another node, step or number, or the hint): from its top.
    page_shown = Signal()
    #: The text took another size (View › Presentation Mode): the page is as tall as it is now.
    text_scaled = Signal()
    #: Esc in the text: the keys go back to the canvas, as from the f(x) bar, the Code panel
    #: and the Palette
    escaped = Signal()

    HINT = (
        "Select a node, or run Backward: this panel shows the chain rule for the "
        "current node, with the numbers filled in."
    )
    #: The hint while Backward is refused (the reason follows it).
    HINT_NO_PASS = "Select a node: this panel shows its value and local derivatives."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = _View(self)
        self.view.setObjectName("chain_text")
        self.view.setOpenLinks(False)
        self._ring = FocusRing(self.view)  # F6 stops here: seen to
        self._ring.escaped.connect(self.escaped)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.view)
        self.node: str | None = None
        self.explanation: Explanation | None = None
        self._html: str | None = None  # what the view was last given
        self.show_hint()

    def show_hint(self, text: str | None = None) -> None:
        self.node = None
        self.explanation = None
        self._show(f"<style>{_CSS}</style><p class='hint'>{html.escape(text or self.HINT)}</p>")

    def show_node(
        self,
        model: GraphModel,
        replay: AnyReplay | None,
        node: str,
        pos: int,
        no_pass: str | None = None,
        clicked: bool = False,
    ) -> None:
        """``no_pass``: why Backward is refused now (Quiz Mode), said in place of "Run Backward";
        ``clicked``: a card the user asked about (its gradient also said as the root's slope)."""
        if node not in model:
            self.show_hint()
            return
        self.node = node
        ex = self.explanation = explain(model, replay, node, pos, no_pass)
        slope = slope_line(model, replay, node, pos) if clicked and isinstance(replay, Replay) else None
        if slope and ex.gradient is not None:
            ex.gradient.lines.append(slope)
        self._show(to_html(self.explanation, group_path(model.groups, node)))

    def set_text_scale(self, scale: float) -> None:
        """The text ``scale`` times the app's (View › Presentation Mode)."""
        scale_text(self.view, scale)
        self.text_scaled.emit()

    def minimumSizeHint(self) -> QSize:
        """:data:`LEAST_LINES` lines of the app's text high: the panels
        around it give way first (gui/common/dock_places.py counts it)."""
        s = super().minimumSizeHint()
        lay, view = self.layout(), self.view
        m = lay.contentsMargins() if lay is not None else None
        around = (m.top() + m.bottom() if m is not None else 0) + 2 * view.frameWidth()
        around += 2 * int(view.document().documentMargin())
        lines = LEAST_LINES * QFontMetrics(QApplication.font()).lineSpacing()
        return QSize(s.width(), max(s.height(), lines + around))

    def page_height(self) -> int:
        """px the page shown needs (at the panel's width)."""
        return int(self.view.document().size().height() + 0.999)

    def hidden_height(self) -> int:
        """px of the page out of view (0: it fits)."""
        return max(0, self.page_height() - self.view.shown_height())

    def _show(self, text: str) -> None:
        """Give the view ``text`` unless it shows it already, from its top:
        each change of the selection shows the hint again (Select All on a
        big graph, then clearing it), and laying out the same page costs
        ~9 ms each time; the same page again keeps where the user scrolled it."""
        if text == self._html:
            return
        self._html = text
        self.view.setHtml(text)
        self.view.verticalScrollBar().setValue(0)
        self.view.whole_lines()
        self.page_shown.emit()

    def text(self) -> str:
        """What the panel says, as plain text (for tests and copying)."""
        return self.view.toPlainText().replace(_JOIN, "")
