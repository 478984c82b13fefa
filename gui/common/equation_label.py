"""A label of equations that wraps only between whole terms, at its width.

A word-wrapped QLabel breaks at any space: Properties read "3 × 2^(3" on one
line and "− 1)" on the next (t72 #11e). Here each equation wraps only
before its " = " and its whole terms (equation_breaks.runs); a piece wider
than the label wraps after its slashes and a product's "·", and a part of
it wider still is cut short with "…", the whole equation in the tooltip:
never wider than the panel, which would scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel

from gui.common.equation_breaks import JOIN, NBSP, WRAP, loosened, runs

#: How narrow (in the font's average characters) the label may be made: a
#: piece wider than it is wrapped or cut short, not the panel widened.
LEAST_CHARS = 8


class EquationLabel(QLabel):
    """Plain text, one equation a line; :meth:`text` is the equations as set."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(False)  # (it breaks its own lines: :meth:`_lay_out`)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._equations = ""
        self._tip = ""
        self._laid = (-1.0, "")  # (the width, the text) the shown text was laid out for

    def setText(self, text: str) -> None:
        self._equations = text
        self._lay_out()

    def text(self) -> str:
        return self._equations

    def setToolTip(self, tip: str) -> None:
        self._tip = tip
        self._lay_out(again=True)

    def shown_text(self) -> str:
        """The text as shown now: the lines it broke itself at its width, plain
        (no unseen marks: what a selection copies is the text)."""
        return super().text()

    def minimumSizeHint(self) -> QSize:
        s = super().minimumSizeHint()
        least = int(QFontMetricsF(self.font()).averageCharWidth() * LEAST_CHARS)
        return QSize(min(s.width(), least), s.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._lay_out(again=True)

    def _lay_out(self, again: bool = False) -> None:
        width = float(self.contentsRect().width())
        if not again and self._laid == (width, self._equations):
            return
        self._laid = (width, self._equations)
        fm = QFontMetricsF(self.font())

        def fits(piece: str) -> bool:
            return width <= 0 or fm.horizontalAdvance(piece) <= width

        cut = False
        lines: list[str] = []
        for line in self._equations.split("\n"):
            pieces: list[tuple[str, str]] = []  # (what joins it to the one before, the piece)
            for run in runs(line):
                if fits(_plain(run)):
                    pieces.append((" ", _plain(run)))
                    continue
                parts = [_plain(p) for p in loosened(run).split(WRAP)]
                whole = [p if fits(p) else _plain(_shortened(p, fits)) for p in parts]
                cut = cut or whole != parts
                pieces += [(" " if i == 0 else "", p) for i, p in enumerate(whole)]
            lines += _packed(pieces, fits)
        # the lines broken here, not by Qt at unseen marks: what is copied from it is the text
        super().setText("\n".join(lines))
        full = self._equations.replace(WRAP, "")
        super().setToolTip(f"{self._tip}\n\n{full}" if cut and self._tip else full if cut else self._tip)


def _plain(piece: str) -> str:
    """``piece`` as written and copied: plain spaces, no unseen marks."""
    return piece.replace(JOIN, "").replace(WRAP, "").replace(NBSP, " ")


def _packed(pieces: list[tuple[str, str]], fits) -> list[str]:
    """As many pieces on each line as fit, in order (one line at least)."""
    lines: list[str] = []
    line = None
    for join, piece in pieces:
        if line is None:
            line = piece
        elif fits(line + join + piece):
            line += join + piece
        else:
            lines.append(line)
            line = piece
    lines.append(line or "")
    return lines


def _shortened(piece: str, fits) -> str:
    """``piece``'s first whole tokens (its no-break spaces part them) and "…",
    as many as fit; "…" alone where not one does: never a number cut."""
    words = piece.split(NBSP)
    for n in range(len(words) - 1, 0, -1):
        head = NBSP.join(words[:n]) + NBSP + "…"
        if fits(head):
            return head
    return "…"
