"""File › Export › Python / PyTorch / Lecture MLP / Graphviz DOT: the
entries (greyed out where they cannot write), and writing one (asking where,
atomically). The code tools (:mod:`gui.code.codetools`) are built on it."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from core.code import codeout
from core.explain.node_formula import unwired
from core.files import kinds
from core.files.fileio import write_atomic
from core.graph.errors import GraphError, IncompleteGraphError, RootError
from core.graph.model import GraphModel
from core.learn.lecture_code import ExportError, not_insert_mlp, to_lecture
from gui.common.actions import make_action
from gui.common.replace_question import ask_replace, renamed_note
from gui.host import Host

EXPORT_KINDS = {  # kind -> (menu text, what it is, file filter, suggested suffix)
    "python": (
        "Export as P&ython Script…",
        "a Python script that checks every gradient",
        "Python scripts (*.py)",
        ".py",
    ),
    "torch": (
        "Export as Py&Torch Code…",
        "PyTorch code that prints every gradient",
        "Python scripts (*.py)",
        "_torch.py",
    ),
    "lecture": (
        "Export as &Lecture MLP Code…",
        "the lecture's Neuron, Layer and MLP code with the graph's weights (a graph made by Insert MLP)",
        "Python scripts (*.py)",
        "_lecture.py",
    ),
    "dot": (
        "Export as Graphviz &DOT…",
        "Graphviz DOT (micrograd's draw_dot style)",
        "Graphviz files (*.dot *.gv)",
        ".dot",
    ),
}
#: kind -> what writes it (core/cli/code.py makes the same table for `export --to`).
EXPORTERS = {**codeout.EXPORTERS, "lecture": to_lecture}
#: What these write runs the whole graph: an empty input anywhere refuses it (DOT draws a "?").
EVERY_INPUT = {"python", "torch"}
#: Up to this many nodes the Lecture MLP entry is checked at each edit (else when the menu opens).
LECTURE_EAGER = 5_000
#: What the Lecture MLP entry says when it is greyed out (``{why}``: what the graph is not).
LECTURE_ONLY = "Only for a graph made by Learn › Insert MLP…: {why}"


def _what(kind: str) -> str:
    """ "Python Script" for "python": the menu text without its decoration."""
    return EXPORT_KINDS[kind][0].replace("Export as ", "").replace("&", "").rstrip("…")


class CodeExport:
    """The export half of the code tools; it is given ``window``, ``model``,
    ``_choose_root`` (Backward's choice of an end node) and ``_status``."""

    window: Host
    _choose_root: Callable[[], str | None] | None
    export_actions: dict[str, QAction]

    @property
    def model(self) -> GraphModel:
        raise NotImplementedError

    def _status(self, text: str) -> None:
        raise NotImplementedError

    def _make_export_actions(self, owner: QWidget, export_menu: QMenu) -> None:
        """File › Export's code entries, each greyed out while it cannot write."""
        self.export_actions = {
            kind: make_action(
                owner, f"export_{kind}", text, lambda k=kind: self.export(k), tip=f"Save the graph as {what}"
            )
            for kind, (text, what, _, _) in EXPORT_KINDS.items()
        }
        export_menu.addSeparator()
        export_menu.addActions(list(self.export_actions.values()))
        export_menu.aboutToShow.connect(self._update_actions)
        export_menu.aboutToShow.connect(self._update_lecture)
        export_menu.setToolTipsVisible(True)  # (the greyed Lecture entry's tooltip says why)

    def _update_actions(self, *_args) -> None:
        has_nodes = len(self.model) > 0
        for kind, act in self.export_actions.items():
            if kind != "lecture":
                act.setEnabled(has_nodes)
        if len(self.model) <= LECTURE_EAGER:
            self._update_lecture()
        else:  # (a big graph is read when the Export menu opens)
            self._lecture_state(None)

    def _update_lecture(self) -> None:
        """Lecture MLP Code only for a graph Insert MLP made (a trial: enabled
        on any graph, it refused with a raw message), greyed out saying why."""
        self._lecture_state(not_insert_mlp(self.model))

    def _lecture_state(self, why: str | None) -> None:
        act = self.export_actions["lecture"]
        tip = LECTURE_ONLY.format(why=why) if why else f"Save the graph as {EXPORT_KINDS['lecture'][1]}"
        act.setEnabled(why is None)
        act.setToolTip(tip)
        act.setStatusTip(tip)

    def export(self, kind: str) -> bool:
        """File > Export > Python / PyTorch / DOT: ask where, write atomically."""
        text_of, (_, _, filt, suffix) = EXPORTERS[kind], EXPORT_KINDS[kind]
        root = None
        if len(self.model):
            try:
                if kind in EVERY_INPUT:  # (said before asking which end: no answer would help)
                    self.model.check_complete()
                self.model.resolve_root()
            except IncompleteGraphError as e:
                self.show_error(f"Cannot Export as {_what(kind)}", unwired(self.model, e) or str(e))
                return False
            except RootError:
                # Several end nodes and no output: start where Backward would
                # (the selected node, else it asks), so the numbers match.
                if self._choose_root is not None:
                    root = self._choose_root()
                    if root is None:
                        return False
        try:
            text = text_of(self.model, root)
        except ExportError as e:
            said = str(e)
            if e.reason:  # (in plain words: no "cannot export as …" run on with the reason)
                said = (
                    f"This graph is not one Learn › Insert MLP… made: {e.reason}.\n\n"
                    "Lecture MLP Code writes only such a graph, as it was made; "
                    "File › Export › Export as Python Script… writes any graph."
                )
            self.show_error(f"Cannot Export as {_what(kind)}", said)
            return False
        except GraphError as e:  # (an empty input port in the card's names, as Backward and Learn say it)
            empty = unwired(self.model, e)
            self.show_error(f"Cannot Export as {_what(kind)}" if empty else "Cannot export", empty or str(e))
            return False
        typed = self.ask_export_path(kind, self.window.suggested_path(suffix), filt)
        if not typed:
            return False
        path = kinds.with_extension(typed, kind)  # no Python code in "slide1.svg"
        if path != typed and os.path.exists(path) and not self.ask_replace(path, typed):
            self._status(f"Not exported: {path} is already there")
            return False
        try:
            write_atomic(path, text.encode("utf-8"))
        except OSError as e:
            self.show_error("Cannot export", f"{path}: {e.strerror or e}")
            return False
        self._status(f"Exported {path} ({_what(kind)}{renamed_note(path, typed)})")
        return True

    def ask_export_path(self, kind: str, suggested: str, filt: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self.window.dialog_parent(), f"Export as {_what(kind)}", suggested, filt
        )
        return path

    def ask_replace(self, path: str, typed: str) -> bool:
        return ask_replace(self.window.dialog_parent(), path, typed)

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window.dialog_parent(), title, message)
