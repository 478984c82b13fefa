"""The shape the Compare and Hessian panels share: their dock is wide and
low, under the canvas, so the words and the button sit beside the table
(or over it, where the panel is narrow); and the table copies as text
(Ctrl+C, or Copy on its right-click menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableWidget, QWidget

from gui.common.beside_table import BesideOrUnder, words_beside_table


def summary_beside_table(
    panel: QWidget, summary: QLabel, button: QPushButton, table: QTableWidget
) -> BesideOrUnder:
    """Lay ``panel`` out: ``summary`` over ``button``, ``table`` beside
    them as wide as its columns, or under them where the panel is narrow
    (gui/common/beside_table.py). The words scroll when the dock is lower
    than they are (cut at the top and bottom, a trial's Hessian panel hid
    its first and last lines)."""
    summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    lay = words_beside_table(panel, summary, button, table, f"{summary.objectName()}_scroll")
    copyable(table)
    return lay


#: A cell's text for the clipboard when it is not the one shown: a number's every digit
#: (``repr`` of the float), where the cell shows four (trial 68: the Hessian copied as "-5.757").
COPY_ROLE = Qt.ItemDataRole.UserRole + 1


def copyable(table: QTableWidget) -> QAction:
    """Ctrl+C, and Copy on the table's right-click menu, put the selected
    cells (the whole table when none is) on the clipboard as tab-separated
    text with the rows' and columns' names: a table when pasted into slides
    or a spreadsheet (a trial preparing slides selected the Hessian and
    Ctrl+C copied one number, the current cell's, without a name)."""
    act = QAction("&Copy", table)
    act.setObjectName(f"{table.objectName()}_copy")
    act.setShortcut(QKeySequence.StandardKey.Copy)
    act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # (the canvas's Ctrl+C is its own)
    act.triggered.connect(lambda: QApplication.clipboard().setText(table_text(table)))
    table.addAction(act)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return act


def table_text(table: QTableWidget) -> str:
    """The selected cells (all when none is) as tab-separated lines under
    their columns' names, each row after its name; minus signs as "-", so a
    spreadsheet reads the numbers, each number whole (its ``COPY_ROLE``)."""
    chosen = table.selectedIndexes()
    rows = sorted({i.row() for i in chosen}) or list(range(table.rowCount()))
    cols = sorted({i.column() for i in chosen}) or list(range(table.columnCount()))
    named = table.verticalHeader().isVisible()

    def text(item) -> str:
        if item is None:
            return ""
        whole = item.data(COPY_ROLE)
        shown = whole if isinstance(whole, str) else item.text()
        return shown.replace("\u2212", "-").replace("\t", " ")

    lines = [[""] * named + [text(table.horizontalHeaderItem(c)) for c in cols]]
    for r in rows:
        lines.append([text(table.verticalHeaderItem(r))] * named + [text(table.item(r, c)) for c in cols])
    return "".join("\t".join(line) + "\n" for line in lines)
