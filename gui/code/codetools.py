"""Code in, code out, in the window: the expression bar, File > Import
code…, and File > Export > Python / PyTorch / Graphviz DOT.

Text is parsed by :mod:`core.code.codein` (never run); a parsed graph is added
by one :class:`AddCodeCommand`, so one Undo takes all of it away. Leaves
the text gives no value are asked for in a small table first (the dialogs
are in :mod:`gui.code.dialogs`, the exports in :mod:`gui.code.code_export`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QToolBar

from core.code.codeadd import AddPlan, apply_plan, canvas_names, plan_add, revert_plan
from core.code.codein import MAX_CODE_CHARS, CodeError, parse_code
from core.code.codenotes import TextNotes, added_message, read_notes, shorten
from core.code.formula_role import formula_role
from core.explain.words import listed
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.code.code_editor import monospace
from gui.code.code_export import CodeExport
from gui.code.dialogs import ImportCodeDialog, LeafValuesDialog
from gui.code.example_swap import InPlaceOfExampleCommand
from gui.code.import_where import OpenGraph, bar_replaces
from gui.code.name_clash import ReplaceCodeCommand, left_unread, read_by, settle_names
from gui.code.new_operator import NewOperator
from gui.code.show_added import show_added
from gui.common.actions import make_action
from gui.common.file_dialog import ask_file_near
from gui.editing.commands import ModelCommand, push
from gui.host import Host

PLACEHOLDER = "Type a formula and press Enter, e.g.  L = (a*b + c) * f   or   o = tanh(x1*w1 + x2*w2 + b)"


#: Said over the values table when every name the text reads is on the canvas.
USE_CANVAS = "The table offers the canvas's nodes: Enter uses them, or type a number for a new leaf"


class AddCodeCommand(ModelCommand):
    """Add a parsed text's nodes and wires (and maybe the output) as one undo entry."""

    def __init__(self, model, plan: AddPlan, code: str) -> None:
        super().__init__(f"Add {shorten(code, 32)}")
        self.model, self.plan = model, plan

    def apply(self) -> None:
        apply_plan(self.model, self.plan)

    def revert(self) -> None:
        revert_plan(self.model, self.plan)


class CodeTools(CodeExport, QObject):
    """The window's code features; re-reads ``window.model`` every time.

    ``choose_root`` picks the node to export from when the graph has several
    ends (Backward's own choice, so the numbers match); without it, the
    export starts from the graph's output or single sink. ``new_graph``
    is File › New for the code named (asking about unsaved changes, saying what
    opens; False if the user stopped it): Import Code's "Open as New Graph"
    calls it before adding."""

    def __init__(
        self,
        window: Host,
        choose_root: Callable[[], str | None] | None = None,
        parent: QObject | None = None,
        new_graph: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("code_tools")
        self.window = window
        self._choose_root = choose_root
        self._new_graph = new_graph
        self.last_error: str = ""
        self.history: list[str] = []  # formulas added from the bar, oldest first
        self._hist_pos = 0  # == len(history): the line being typed
        self._draft = ""
        #: Import Code's text when its box was closed without adding (Esc, Cancel): the next
        #: opening shows it again (trial 69 #9: a pasted cell was lost to an Esc), with its file's name.
        self.import_draft: tuple[str, tuple[str, str] | None] = ("", None)
        self._make_bar()
        self._make_actions()
        self.new_operator = NewOperator(window)  # Graph › New Operator…: formulas in the bar's language
        # once per batch of edits (pasting 5,000 nodes is 5,000 structure changes)
        self._update_timer = QTimer(self, singleShot=True, interval=0)
        self._update_timer.timeout.connect(self._update_actions)
        window.document.structure_changed.connect(self._update_timer.start)
        window.document.replaced.connect(self._update_actions)
        window.document.replaced.connect(self._new_document)
        # an edit made, undone or redone on the canvas: the bar's red refusal was of the Enter before
        # it (trial 69 #13: "tanh is a function…" stood through Ctrl+A, Delete and Ctrl+Z); the text stays
        window.undo_stack.indexChanged.connect(self._clear_error)
        self._update_actions()

    # ------------------------------------------------------------ set-up
    def _make_bar(self) -> None:
        w = self.window
        tb = self.toolbar = QToolBar("Expression bar", w.dialog_parent())
        tb.setObjectName("toolbar_expression")
        tb.setMovable(False)
        label = QLabel(" ƒ(x) ")
        label.setToolTip("Type a formula or micrograd-style code and press Enter to add it")
        tb.addWidget(label)
        e = self.bar = QLineEdit(tb)
        e.setObjectName("expression_bar")
        e.setPlaceholderText(PLACEHOLDER)
        e.setClearButtonEnabled(True)
        e.setMaxLength(MAX_CODE_CHARS + 1)  # a longer paste is refused with a message, never cut
        e.setFont(monospace())
        e.setToolTip(
            "A formula such as  y = relu(x)**2 / (1 + exp(-z))  — several separated by ;\n"
            "+ - * / ** and exp log tanh relu sigmoid; a = 2.0 gives a leaf its value.\n"
            "Enter adds it to the canvas, its result as the output (one Undo removes it);\n"
            "longer code: File > Import Code…"
        )
        e.returnPressed.connect(self.add_from_bar)
        e.textEdited.connect(self._clear_error)
        e.installEventFilter(self)
        tb.addWidget(e)
        self.error_label = QLabel()
        self.error_label.setObjectName("expression_error")
        self.error_label.setStyleSheet("color: #b91c1c; padding-left: 6px;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tb.addWidget(self.error_label)
        w.add_toolbar(tb, new_row=True)

    def _make_actions(self) -> None:
        w = self.window
        owner = w.dialog_parent()  # the window's widget: its shortcuts work anywhere in it
        self.action_focus_bar = make_action(
            owner,
            "expression_bar",
            "Type a &Formula",
            self.focus_bar,
            shortcut="Ctrl+E",
            tip="Put the cursor in the expression bar",
        )
        self.action_import = make_action(
            owner,
            "import_code",
            "&Import Code…",
            self.import_dialog,
            shortcut="Ctrl+Shift+I",
            tip="Turn formulas or micrograd-style Python into nodes",
        )
        f, export_menu = w.menu("file"), w.menu("export")
        f.insertAction(export_menu.menuAction(), self.action_import)
        f.aboutToShow.connect(self._update_actions)
        self._make_export_actions(owner, export_menu)
        g = w.menu("graph")
        g.addSeparator()
        g.addAction(self.action_focus_bar)

    # ------------------------------------------------------------ in
    @property
    def model(self) -> GraphModel:
        return self.window.model

    def focus_bar(self) -> None:
        self.bar.setFocus()
        self.bar.selectAll()

    def add_from_bar(self) -> list[str] | None:
        text = self.bar.text()
        if not text.strip():
            return None
        ids = self.add_text(text, source=self.bar)
        if ids is not None:
            if not self.history or self.history[-1] != text:
                self.history.append(text)
            self._hist_pos, self._draft = len(self.history), ""
            self.bar.clear()
        return ids

    def eventFilter(self, obj, event) -> bool:
        """Up and Down in the bar walk through the formulas added before; Esc
        gives the keys back to the canvas, as the Find bar's does (trial 68:
        after Esc, F typed an "f" here instead of fitting the view)."""
        if obj is self.bar and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.window.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        if (
            obj is self.bar
            and event.type() == event.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.history
        ):
            if self._hist_pos == len(self.history):
                self._draft = self.bar.text()
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self._hist_pos = max(0, min(len(self.history), self._hist_pos + step))
            self.bar.setText(
                self.history[self._hist_pos] if self._hist_pos < len(self.history) else self._draft
            )
            self._clear_error()
            return True
        return super().eventFilter(obj, event)

    def add_text(
        self, text: str, source=None, new_graph: bool = False, name: str | None = None
    ) -> list[str] | None:
        """Parse ``text`` and add it as one undo entry (``new_graph``: to a new
        graph, as File › New makes, once the code was read and its values
        given); the new ids, or None when it was refused (the reason shown
        where it was typed) or cancelled. ``name``: what the code is called in
        the status line and the Edit menu (a file's name), else its first statements."""
        try:
            graph = parse_code(text)
        except CodeError as e:
            self._error(source, e)
            return None
        if self.window.status_text().startswith("Not added:"):  # the text before's refusal (t70 #10:
            # "Not added: … 'Valeu'" stood over the save-first question once the slip was fixed)
            self._clear_error()
            self._status(f"“{shorten(name or read_notes(text).code)}” reads well")
        values: dict[int, float] = {}
        # A name on the canvas is that node (`g = a * 2` means the a there), but
        # the values table says so and offers a new leaf instead (trial 47).
        reuse, many = ({}, {}) if new_graph else canvas_names(self.model, graph)
        bar, replaced = source is self.bar, None  # (the bar over the example as it opened: import_where.py)
        if bar and not new_graph and (replaced := bar_replaces(self.open_graph(), bool(reuse or many))):
            new_graph = True
        needs = graph.needs_value()
        if needs:
            names = [graph.nodes[i].label or graph.nodes[i].name or "?" for i in needs]
            # the text reads well: a refusal said of the text before is not about this one (trial 69
            # #13: "Not added: … the exponent of ** must be a number" stood over the next values table)
            self._clear_error()
            new = [n for i, n in zip(needs, names) if i not in reuse and i not in many]
            a_value = "a value" if len(new) == 1 else "values"
            # (every one on the canvas, ticked: t70 #10 was told to give values it had)
            said = f"Give {listed(new)} {a_value} in the table" if new else USE_CANVAS
            self._status(said)
            on_canvas = {r: self.model.value(reuse[i]) for r, i in enumerate(needs) if i in reuse}
            shared = {r: many[i] for r, i in enumerate(needs) if i in many}
            got = self.ask_values(
                names, "Open as New Graph" if new_graph else "Add to Graph", on_canvas, shared
            )
            if got is None:
                self._status("Nothing added: the values were not given")
                return None
            values = {i: v for i, v in zip(needs, got) if v is not None}
            reuse = {i: n for i, n in reuse.items() if i not in values}
        code = shorten(name or read_notes(text).code)  # (as "Opened “…” as a new graph" names it)
        if new_graph and replaced is None and not (self._new_graph is not None and self._new_graph(code)):
            self._kept(source)
            return None
        # over the start-up example: the formula on its own, in the example's place (example_swap.py)
        target = GraphModel() if replaced is not None else self.model
        # a name the formula assigns that a card shows: replace that node, or a name apart (trial 51);
        # Import Code's Add to Graph too (trial 58 #5: a second a, b, … L, unasked); a new graph has none
        parent = source if isinstance(source, ImportCodeDialog) else self.window.dialog_parent()
        settled = settle_names(parent, target, graph, set(reuse.values()))
        if settled is None:
            self._status("Nothing added: the names were kept as they are")
            return None
        # a formula typed in the bar: the output, a side result or a number (core's rule)
        role = formula_role(target, graph, reuse, own_values=bool(values))
        try:
            # imported code (not a formula typed in the bar): what one long
            # statement builds is grouped under the name it assigns
            plan = plan_add(
                target,
                graph,
                values,
                reuse=reuse,
                group_statements=not bar,
                set_output=(role == "output") if bar else None,
                # a small graph laid out anew where no row keeps the new wires off its cards (t69 #1);
                # not where a card is replaced in place (its new cards come to its spot)
                relayout=bar and not settled.swaps,
                # a side result sits by what it reads, not past the output (t71: x left the view)
                near=bar and role == "side" and not settled.swaps,
            )
        except GraphError as e:
            self._error(source, e)
            return None
        main = plan.node_ids[graph.output] if graph.output is not None else None
        used = [self.model.label(n) for n in dict.fromkeys(reuse.values())]  # (the canvas's nodes it names)
        if not plan.nodes and not plan.edges and plan.output in (None, plan.old_output):
            # (every name the text uses is on the canvas: an empty undo entry said "Added 0 nodes")
            is_ = "are" if len(used) > 1 else "is"
            self._status(f"Nothing to add: {', '.join(used) or 'it'} {is_} on the canvas already")
            if main is not None:
                self._show_new([main], main)
            return []
        notes = read_notes(text)
        if name:  # ("Opened “w1_1_1 = Value(0.2355…” as a new graph" of a file mlp.py, a trial)
            notes.code = name
        notes.skipped += plan.notes  # a group comment read as a plain comment
        notes.used, notes.named = used, settled.said
        swaps = {old: plan.node_ids[i] for i, old in settled.swaps.items()}
        fresh = len(self.model) == 0  # (a new graph, or an empty one: the code's whole)
        ids = self._push(
            plan,
            notes,
            main,
            beside=not bar,
            new_graph=new_graph,
            swaps=swaps,
            kept=settled.kept,
            replaced=replaced,
        )
        if ids and name and fresh:  # its file's name, which Save proposes ("mlp (from mlp.py)": mlp.mgraph)
            self.window.document.named(f"{Path(name).stem} (from {name})")
        return ids

    def _kept(self, source) -> None:
        """ "Open as New Graph" stopped at the "save your changes?" question."""
        msg = "Not opened as a new graph: the open graph was kept (save it, or press “Add to Graph”)"
        if isinstance(source, ImportCodeDialog):
            source.show_error(msg)
        self._status(msg)

    def _push(
        self,
        plan: AddPlan,
        notes: TextNotes,
        main: str | None = None,
        beside: bool = False,
        new_graph: bool = False,
        swaps: dict[str, str] | None = None,
        kept: list[str] | None = None,
        replaced: OpenGraph | None = None,
    ) -> list[str] | None:
        """Add ``plan`` as one undo entry and say what was added; ``beside``:
        say so where the graph held nodes already, and name its output;
        ``swaps``: old id -> the new node that takes its place; ``kept``: the
        old cards of the names the new ones were given apart from;
        ``replaced``: the start-up example the plan takes the place of."""
        before = len(self.model)
        fed = read_by(self.model, swaps or ())  # (the replaced nodes' inputs: dead ends after?)
        cmd: ModelCommand
        if replaced is not None:
            cmd = InPlaceOfExampleCommand(self.window.document, plan, notes.code)
        elif swaps:
            cmd = ReplaceCodeCommand(self.model, plan, notes.code, swaps)
        else:
            cmd = AddCodeCommand(self.model, plan, notes.code)
        try:
            push(self.window.undo_stack, cmd)
        except GraphError as e:  # apply_plan rolled back already
            self._error(None, e)
            return None
        self._clear_error()
        out = self.model.output
        said = added_message(
            notes,
            len(plan.nodes),
            len(plan.edges),
            beside=before - len(swaps or ()) if beside else 0,  # (those replaced are not beside)
            output=self.model.label(out) if out is not None else None,
            output_changed=out != plan.old_output,
            new_graph=new_graph,
            name_output=before > 0,
            beside_output=bool(before and main and out not in (None, main) and out == plan.old_output),
            replacing=bool(swaps),
            result=self.model.label(main) if main is not None and main in self.model else "",
            in_place_of=replaced.instead() if replaced is not None else "",
        )
        said += left_unread(self.model, fed)
        if not self._show_new(plan.ids, main, kept or []):  # (the old ones too big to show with them)
            said += " · the old ones are left of them: Fit (F) shows both"
        self._status(said)
        return plan.ids

    def _show_new(self, ids: list[str], main: str | None = None, kept: list[str] | None = None) -> bool:
        """Select only the new result node (``main``) so it does not compete
        with highlights, bring all the new nodes into view (zooming out if
        they don't fit), and give the keyboard back to the canvas, so the
        next keys (P, arrows, End) drive the animation, not the bar;
        ``kept``: old cards to show with them where both read (False: not shown)."""
        scene, view = self.window.scene, self.window.view
        scene.select_ids([main] if main in ids else [])
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        if ids and len(ids) == len(self.model):
            view.fit_all()  # the canvas was empty: show it all
            return True
        return show_added(self.model, scene, view, ids, kept or [])  # (False: ``kept`` is not in view)

    def ask_values(
        self,
        names: list[str],
        verb: str = "Add to Graph",
        on_canvas: dict[int, float | None] | None = None,
        shared: dict[int, int] | None = None,
    ) -> list[float | None] | None:
        """Numbers for ``names`` from a small table, or None if cancelled
        (``verb``: its button, what the values are for); ``on_canvas``: the
        rows whose name is a node there (row -> its value), None in the
        answer where that node is to be used; ``shared``: the rows whose name
        several cards show (row -> how many)."""
        dlg = LeafValuesDialog(names, self.window.dialog_parent(), verb, on_canvas, shared)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.values()

    def import_dialog(self) -> ImportCodeDialog:
        dlg = self.dialog = ImportCodeDialog(self, self.window.dialog_parent())
        text, file = self.import_draft
        if text.strip():
            dlg.restore(text, file)
        dlg.finished.connect(lambda result: self._import_closed(dlg, result))
        dlg.open()
        return dlg

    def _import_closed(self, dlg: ImportCodeDialog, result: int) -> None:
        """Code added: the box starts empty next time; closed without adding: as it was left."""
        added = result == QDialog.DialogCode.Accepted
        self.import_draft = ("", None) if added else (dlg.editor.toPlainText(), dlg.file_read)

    def open_graph(self) -> OpenGraph:
        """The graph the window holds: the import dialog's choice of where the code goes."""
        return OpenGraph.of(self.window.document)

    def ask_code_path(self) -> str:
        return ask_file_near(
            self.window.dialog_parent(),
            "Open code",
            self.window.suggested_path(".py"),
            "Python files (*.py);;Text files (*.txt);;All files (*)",
        )

    def _error(self, source, e: Exception) -> None:
        msg = str(e)
        self.last_error = msg
        line, col = (e.line, e.column) if isinstance(e, CodeError) else (None, None)
        if isinstance(source, ImportCodeDialog):
            source.show_error(msg, line, col, e.end_column if isinstance(e, CodeError) else None)
        else:
            self.error_label.setText(msg)
            self.error_label.setToolTip(msg)
            if source is self.bar:
                self.bar.setFocus()
                if line == 1 and col:
                    self.bar.setCursorPosition(col - 1)
        self._status(f"Not added: {msg}")

    def _new_document(self) -> None:
        """File › New or Open: the bar's text and its error were the old
        graph's (a trial saw "'(' was never closed" under a new, empty one)."""
        self.bar.clear()
        self._hist_pos, self._draft = len(self.history), ""
        self._clear_error()

    def _clear_error(self, *_args) -> None:
        self.last_error = ""
        self.error_label.clear()
        self.error_label.setToolTip("")

    def _status(self, text: str) -> None:
        self.window.show_status(text, 10000)
