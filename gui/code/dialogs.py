"""The dialogs of the code tools: values for the leaves a text left without
one, and File > Import code…'s text box.

Neither parses nor adds anything itself: the import dialog hands its text to
the code tools (:class:`CodeAdder`) and shows the error they report back.
"""

from __future__ import annotations

import os
from typing import Protocol

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.code.codegraph import DEFAULT_LEAF_VALUE, CodeError
from core.code.codein import MAX_CODE_CHARS, parse_code
from core.explain.format import fmt_card, parse_number
from core.explain.words import listed
from core.files.reading import read_limited
from core.files.text_check import not_utf8
from core.graph.errors import FileFormatError
from gui.code.code_editor import CodeEditor
from gui.code.import_where import OpenGraph

EXAMPLE_CODE = """\
# Formulas or micrograd-style Python; nothing is run, only read.
a = Value(2.0, label='a')
b = Value(-3.0, label='b')
c = Value(10.0, label='c')
e = a*b; e.label = 'e'
d = e + c; d.label = 'd'
f = Value(-2.0, label='f')
L = d * f; L.label = 'L'
"""


class CodeAdder(Protocol):
    """What the import dialog asks of the code tools (``gui.code.codetools.CodeTools``)."""

    def ask_code_path(self) -> str:
        """A code file to open, or "" if none was chosen."""
        ...

    def add_text(
        self, text: str, source: object = None, new_graph: bool = False, name: str | None = None
    ) -> list[str] | None:
        """Add ``text`` to the graph (``new_graph``: to a new one, as File ›
        New makes; ``name``: what to call it, a file's name); None when
        refused (the error shown on ``source``) or stopped."""
        ...

    def open_graph(self) -> OpenGraph:
        """The graph the window holds now (where the code may go)."""
        ...


class LeafValuesDialog(QDialog):
    """Values for the leaves a text left without one (a Name | Value table).

    ``on_canvas`` (row -> that node's value): rows whose name is a node on
    the canvas already. Such a row shows that node's value and a ticked
    "use b on the canvas" box (a trial: with the lecture's neuron open,
    ``L = (a*b + c) * f`` quietly took the neuron's b = 6.8814 and L came
    out −47.5, not −8); typing another value, or unticking it, makes a new
    leaf instead. :meth:`values` gives None for a row that uses the canvas's node."""

    def __init__(
        self,
        names: list[str],
        parent: QWidget | None = None,
        verb: str = "Add to Graph",
        on_canvas: dict[int, float | None] | None = None,
        shared: dict[int, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leaf_values_dialog")
        self.on_canvas = dict(on_canvas or {})
        self.shared = dict(shared or {})  # row -> how many cards show its name (none is used)
        self._shown = {r: (fmt_card(v) if v is not None else "?") for r, v in self.on_canvas.items()}
        known = [names[r] for r in sorted(self.on_canvas)]
        self.setWindowTitle("Values for the formula's leaves" if known else "Values for the new leaves")
        lay = QVBoxLayout(self)
        default = f"a cell left as it is or emptied means {DEFAULT_LEAF_VALUE:g}."
        if not known:
            text = f"The text gives these leaves no value. Type one for each; {default}"
        else:
            one = len(known) == 1
            which = f"{known[0]} ({self._shown[min(self.on_canvas)]})" if one else listed(known)
            text = (
                f"{which} {'is' if one else 'are'} on the canvas already: while ticked, the formula is "
                f"wired to {'that node' if one else 'those nodes'}. Type another value, or untick, for a new "
                f"{known[0] if one else 'leaf of that name'}."
            )
            if len(known) < len(names):
                text += f" Type a value for each new leaf; {default}"
        for r, k in sorted(self.shared.items()):
            text += f" {k} cards are named {names[r]}: a new {names[r]} is made (rename one to use it)."
        intro = QLabel(text)
        intro.setObjectName("leaf_values_intro")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        # The names are the row headers, so Tab and Enter move from value to value.
        noted = bool(known or self.shared)  # (a Node column: what each row is wired to)
        t = self.table = QTableWidget(len(names), 2 if noted else 1, self)
        t.setObjectName("leaf_values_table")
        t.setHorizontalHeaderLabels(["Value", "Node"] if noted else ["Value"])
        t.setVerticalHeaderLabels(names)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        t.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        t.verticalHeader().setMinimumWidth(60)
        for r in range(len(names)):
            t.setItem(r, 0, QTableWidgetItem(self._shown.get(r, f"{DEFAULT_LEAF_VALUE:.1f}")))
            if noted:
                t.setItem(r, 1, self._node_item(r, names[r]))
        if noted:
            t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            for r in self.on_canvas:
                self._grey(r, True)
        # Exactly as tall as its rows (up to a limit): no empty strip below
        # the last row that looks like one more leaf to fill in.
        t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows_h = sum(t.rowHeight(r) for r in range(len(names)))
        t.setFixedHeight(
            min(rows_h, 14 * t.verticalHeader().defaultSectionSize())
            + t.horizontalHeader().sizeHint().height()
            + 2 * t.frameWidth()
        )
        lay.addWidget(t)
        self.error = QLabel()
        self.error.setObjectName("leaf_values_error")
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.hide()
        lay.addWidget(self.error)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.button(QDialogButtonBox.StandardButton.Ok).setText(verb)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        lay.addWidget(bb)
        self.resize(460 if noted else 360, self.sizeHint().height())
        if names:
            t.setCurrentCell(0, 0)
        self._values: list[float | None] = []
        t.itemDelegate().closeEditor.connect(self._editor_closed)
        t.itemChanged.connect(self._item_changed)

    def _node_item(self, row: int, name: str) -> QTableWidgetItem:
        """The Node cell: "use b on the canvas" (a ticked box), or "new leaf"."""
        if row not in self.on_canvas:
            k = self.shared.get(row)
            item = QTableWidgetItem("new leaf" if k is None else f"new leaf ({k} cards are named {name})")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setForeground(self.palette().placeholderText())
            return item
        item = QTableWidgetItem(self._node_text(name, True))
        f = Qt.ItemFlag
        item.setFlags(f.ItemIsEnabled | f.ItemIsUserCheckable | f.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setToolTip(
            f"Ticked: the formula is wired to the {name} already on the canvas ({self._shown[row]}).\n"
            f"Unticked: a new leaf {name} with the value typed beside it."
        )
        return item

    @staticmethod
    def _node_text(name: str, ticked: bool) -> str:
        """What a row of a name on the canvas makes: that node, or (unticked)
        a new leaf of its name (a trial: unticked, it still read "use b on the canvas")."""
        return f"use {name} on the canvas" if ticked else f"new leaf {name}"

    def uses_canvas(self, row: int) -> bool:
        """Whether row ``row`` stands for the node of its name on the canvas (ticked)."""
        item = self.table.item(row, 1) if row in self.on_canvas else None
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _grey(self, row: int, on: bool) -> None:
        """The value of a node on the canvas reads as shown, not typed (grey)."""
        item = self.table.item(row, 0)
        if item is not None:
            item.setForeground(self.palette().placeholderText() if on else self.palette().text())

    def _item_changed(self, item: QTableWidgetItem) -> None:
        """Another value typed for a node on the canvas: a new leaf (unticked);
        ticked again: the canvas's node and its value."""
        r = item.row()
        if r not in self.on_canvas:
            return
        t = self.table
        value, use = t.item(r, 0), t.item(r, 1)
        assert value is not None and use is not None
        t.blockSignals(True)
        try:
            if item is value and self.uses_canvas(r) and value.text().strip() != self._shown[r]:
                use.setCheckState(Qt.CheckState.Unchecked)
            elif item is use and self.uses_canvas(r):
                value.setText(self._shown[r])
            self._grey(r, self.uses_canvas(r))
            use.setText(self._node_text(self.name(r), self.uses_canvas(r)))
        finally:
            t.blockSignals(False)

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter in a cell being typed in: the next value's cell, and after the
        last, its OK button (a trial typed a, Tab, b, ... f, Enter, and the
        Enter only took the last cell: a second one was needed). A node on
        the canvas is not skipped: its value is shown to be kept or typed over."""
        if hint != QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            return
        t = self.table
        row = t.currentRow()
        nxt = t.item(row + 1, 0) if row + 1 < t.rowCount() else None
        if nxt is not None:
            t.setCurrentItem(nxt)
            t.editItem(nxt)
        else:
            QTimer.singleShot(0, self, self.accept)  # (once the editor has closed)

    def name(self, row: int) -> str:
        return self.table.verticalHeaderItem(row).text()

    def values(self) -> list[float | None]:
        """The numbers typed, in row order, None for a row that uses the node
        on the canvas (valid after the dialog was accepted)."""
        return list(self._values)

    def accept(self) -> None:
        t = self.table
        if t.state() == QTableWidget.State.EditingState:  # take a cell still being typed in
            t.setCurrentIndex(QModelIndex())  # no current cell: the edit is committed
        out: list[float | None] = []
        for r in range(t.rowCount()):
            if self.uses_canvas(r):
                out.append(None)
                continue
            item = t.item(r, 0)
            text = (item.text() if item else "").strip()
            if r in self.on_canvas and text == self._shown[r]:  # unticked, as shown: all its digits
                out.append(self.on_canvas[r] if self.on_canvas[r] is not None else DEFAULT_LEAF_VALUE)
                continue
            try:
                v = parse_number(text) if text else DEFAULT_LEAF_VALUE
            except ValueError as e:  # (its words: "use a decimal point: 0.7" for 0,7)
                self.error.setText(f"{self.name(r)}: {e}")
                self.error.show()
                t.setCurrentCell(r, 0)
                return
            out.append(v)
        self._values = out
        super().accept()


#: Said after an error once the text it was about is edited.
STALE = " (before your last edit: the code is read again when you stop typing)"
#: How long typing pauses before the text is read again (``_check_again``).
RECHECK_MS = 600
#: Over the box when it holds the text it was closed with (Esc, Cancel) earlier in this session.
KEPT = "The code you left here when the box last closed, kept: Ctrl+A, Delete clears it."


class ImportCodeDialog(QDialog):
    """A text box for longer code; stays open, with the text, on an error."""

    _file: tuple[str, str] | None = None  # (a file opened: its name and text, as loaded)
    _shown: tuple[str, str] = ("", "")  # the message shown and the text it was about

    def __init__(self, tools: CodeAdder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tools = tools
        self.setObjectName("import_code_dialog")
        self.setWindowTitle("Import code")
        lay = QVBoxLayout(self)
        intro = QLabel(
            "Formulas or micrograd-style Python. The text is only read, never run: loops and "
            "other functions are refused; backprop by hand (L.grad = 1.0) and imports are skipped."
        )
        intro.setWordWrap(True)  # (on one line it made the dialog 1,024 pixels wide)
        lay.addWidget(intro)
        # (the Code panel's box: line numbers, and the line at fault tinted and underlined; trial 58 #2)
        self.editor = CodeEditor(self)
        self.editor.setObjectName("import_code_text")
        # A plain hint, not code: greyed code looked already filled in.
        self.editor.setPlaceholderText(
            "Type or paste code here, or press “Insert Example” for the blog post's L = (a*b + c) * f."
        )
        self.editor.setTabChangesFocus(True)
        self.kept_note = QLabel()  # (shown when the box holds what was left in it last time)
        self.kept_note.setObjectName("import_code_kept")
        self.kept_note.setWordWrap(True)
        self.kept_note.setStyleSheet("color: palette(placeholder-text);")
        self.kept_note.hide()
        lay.addWidget(self.kept_note)
        lay.addWidget(self.editor)
        self.error = QLabel()
        self.error.setObjectName("import_code_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.hide()
        lay.addWidget(self.error)
        # an edit makes the message about text that is gone: said so, in grey (a trial: it stayed red),
        # and once typing pauses the text is read again: the message goes, or says what is wrong now
        self.editor.textChanged.connect(self._error_stale)
        self.editor.textChanged.connect(lambda: self.kept_note.setVisible(self._kept_shown()))
        self._recheck = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._recheck.timeout.connect(self._check_again)
        where = self.where = tools.open_graph()
        self.where_note = QLabel(where.note() if where.offers_new else "")
        self.where_note.setObjectName("import_code_where")
        self.where_note.setWordWrap(True)
        self.where_note.setVisible(where.offers_new)
        lay.addWidget(self.where_note)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = bb.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Add to Graph")
        self.ok.setObjectName("import_code_ok")
        # a new graph of its own (File › New's way), beside Add when the window holds a graph
        new_btn = self.new_graph = QPushButton("Open as &New Graph")
        new_btn.setObjectName("import_code_new")
        new_btn.setToolTip("File › New (asking to save unsaved changes), then the code in the new graph")
        new_btn.clicked.connect(self.accept_new)
        bb.addButton(new_btn, QDialogButtonBox.ButtonRole.ActionRole)
        new_btn.setVisible(where.offers_new)
        open_btn = self.open_button = QPushButton("&Open File…")  # (Alt+O, as Insert &Example has Alt+E)
        open_btn.setObjectName("import_code_open")
        open_btn.clicked.connect(self.load_file)
        bb.addButton(open_btn, QDialogButtonBox.ButtonRole.ResetRole)
        example_btn = self.example_button = QPushButton("Insert &Example")
        example_btn.setObjectName("import_code_example")
        example_btn.setToolTip("Put the blog post's micrograd code in the box (replacing what is there)")
        example_btn.clicked.connect(self.insert_example)
        bb.addButton(example_btn, QDialogButtonBox.ButtonRole.ResetRole)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        lay.addWidget(bb)
        # the default (in the dialog now): a new graph over an untouched one (import_where.py)
        self.default_button = new_btn if where.offers_new and where.new_by_default else self.ok
        self.default_button.setDefault(True)
        self.cancel = bb.button(QDialogButtonBox.StandardButton.Cancel)
        self.resize(620, 420)

    def tab_order(self) -> list[QWidget]:
        """Where Tab goes round, shown and enabled: the box, the main choices (the default first),
        Open File…, Insert Example, Cancel. (The button box's own order, as laid out for the
        desktop, took Tab from the box straight to Cancel: trial 72 #11.)"""
        first = self.default_button
        other = self.ok if first is self.new_graph else self.new_graph
        order = (self.editor, first, other, self.open_button, self.example_button, self.cancel)
        return [w for w in order if w.isVisible() and w.isEnabled()]

    def focusNextPrevChild(self, forward: bool) -> bool:
        order = self.tab_order()
        here = self.focusWidget()
        if here not in order:
            return super().focusNextPrevChild(forward)
        step = 1 if forward else -1
        why = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        order[(order.index(here) + step) % len(order)].setFocus(why)
        return True

    @property
    def file_read(self) -> tuple[str, str] | None:
        """The file opened into the box: its name and its text as read."""
        return self._file

    def restore(self, text: str, file: tuple[str, str] | None = None) -> None:
        """Show ``text``, left in the box when it last closed without adding, the
        cursor at its end (one Ctrl+A, Delete or Insert Example replaces it)."""
        self.editor.setPlainText(text)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self._file = file
        self.kept_note.setText(KEPT)
        self.kept_note.show()

    def _kept_shown(self) -> bool:
        return bool(self.kept_note.text()) and bool(self.editor.toPlainText().strip())

    def insert_example(self) -> None:
        """Fill the box with the blog post's snippet (one undo step in the box)."""
        cur = self.editor.textCursor()
        cur.select(QTextCursor.SelectionType.Document)
        self.kept_note.setText("")  # (what is in the box is the example now)
        cur.insertText(EXAMPLE_CODE)
        self.error.hide()
        self.editor.clear_error()
        self.editor.setFocus()

    def load_file(self) -> None:
        path = self.tools.ask_code_path()
        if not path:
            return
        try:
            data, _ = read_limited(path, limit=4 * MAX_CODE_CHARS)
            self.kept_note.setText("")
            self.editor.setPlainText(data.decode("utf-8"))
            self._file = (os.path.basename(path), self.editor.toPlainText())
            # the keys on the main choice, so Enter adds the file read (trial 72 #11: they stayed
            # on Cancel, where Tab had left them, and Enter closed the dialog)
            self.default_button.setFocus(Qt.FocusReason.OtherFocusReason)
        except FileFormatError as e:  # not a regular file, too big, unreadable
            self.show_error(str(e))
        except UnicodeDecodeError as e:
            self.show_error(f"{path}: cannot be read ({not_utf8(e)})")

    def show_error(
        self, message: str, line: int | None = None, column: int | None = None, end: int | None = None
    ) -> None:
        """``message`` in red below the box; the part at fault (``line``,
        ``column`` up to ``end``) underlined, its line tinted, the cursor there."""
        self._shown = (message, self.editor.toPlainText())  # (what ``_check_again`` reads it against)
        self.error.setText(message)
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.show()
        self.editor.mark_error(line, column, end, move_cursor=False)
        if line is not None:  # (the cursor where the fault is, past a line's end too: "b = a *|")
            # the code's line, not the box's row: a long comment wrapped above it put the cursor
            # rows too high (trial 68: "line 16" left the box on lines 2-10, nothing marked in view)
            block = self.editor.document().findBlockByNumber(line - 1)
            if block.isValid():
                cur = QTextCursor(block)
                cur.movePosition(
                    QTextCursor.MoveOperation.Right, n=max(0, min((column or 1) - 1, block.length() - 1))
                )
                self.editor.setTextCursor(cur)
                self.editor.centerCursor()  # (with the lines round it)
        self.editor.setFocus()

    def _error_stale(self) -> None:
        if not self.error.isVisible():
            return
        if not self.error.text().endswith(STALE):
            self.error.setText(self.error.text() + STALE)
            self.error.setStyleSheet("color: palette(placeholder-text);")
        self._recheck.start()

    def _check_again(self) -> None:
        """The text read again after an edit while a message shows: a
        message no longer true goes (trial 47: a fixed line kept its syntax
        error until Add); one still true, or a new one, is said, in red,
        the cursor left where the user types."""
        if not self.error.isVisible() or not self.editor.toPlainText().strip():
            return
        try:
            parse_code(self.editor.toPlainText())
        except CodeError as e:
            self.error.setText(str(e))
            self.error.setStyleSheet("color: #b91c1c;")
            self.editor.mark_error(e.line, e.column, e.end_column, move_cursor=False)
            return
        if self._read_wrong(*self._shown):  # (else a message reading cannot settle: said again on Add)
            self.error.hide()
            self.editor.clear_error()

    @staticmethod
    def _read_wrong(message: str, text: str) -> bool:
        """Whether ``message`` was the reading's own about ``text`` (a mistake
        in the code, not a graph's or a question's answer)."""
        try:
            parse_code(text)
        except CodeError as e:
            return str(e) == message
        return False

    def accept(self) -> None:
        text = self.editor.toPlainText()
        if not text.strip():
            self.show_error(
                "The box is empty: type or paste code first, or press “Insert Example” for a ready-made one."
            )
            return
        if self.tools.add_text(text, source=self, name=self._file_name(text)) is not None:
            super().accept()

    def accept_new(self) -> None:
        """“Open as New Graph”: the code in a new graph (after File › New's question)."""
        text = self.editor.toPlainText()
        if not text.strip():
            self.accept()  # (says the box is empty)
            return
        if self.tools.add_text(text, source=self, new_graph=True, name=self._file_name(text)) is not None:
            super().accept()

    def _file_name(self, text: str) -> str | None:
        """The name of the file the code was opened from, while it is that file's text."""
        return self._file[0] if self._file is not None and self._file[1] == text else None
