"""A formula typed in the f(x) bar over the start-up example: its graph takes
the example's place in the same document, as one undo entry.

Trial 69 #10: the formula opened as a new document (File › New's way), so
Ctrl+Z left an empty canvas, and the example was had again only from File ›
Examples. The learner chose no new document (the app chose to set the example
aside: gui/code/import_where.py), so Undo brings back what they saw before:
the example as it opened, with its name and title, still "at start" and
unchanged (a formula typed over it then replaces it again). Import Code's
"Open as New Graph", a choice the learner makes, stays File › New's.
"""

from __future__ import annotations

from typing import Any

from core.code.codeadd import AddPlan, apply_plan, revert_plan
from core.code.codenotes import shorten
from core.graph.removed import RemovedNodes
from gui.document.document import Document
from gui.editing.commands import ModelCommand

#: The graph's attributes that are not the example's own (kept; the output has its setter).
FIXED = ("format", "version", "output")
NEW_NAME = "Untitled"


class InPlaceOfExampleCommand(ModelCommand):
    """Take every node (and the title) of the document's graph out and add
    ``plan``'s, naming the document "Untitled"; undo puts the example back."""

    def __init__(self, document: Document, plan: AddPlan, code: str) -> None:
        super().__init__(f"Open {shorten(code, 32)} in place of {document.name}")
        self.document, self.model, self.plan = document, document.model, plan
        self.old_name = document.name
        self._snaps: RemovedNodes | None = None
        self._attrs: dict[str, Any] = {}

    def apply(self) -> None:
        m = self.model
        self._attrs = {k: v for k, v in m.attrs.items() if k not in FIXED}
        for key in self._attrs:
            m.set_graph_attr(key, None)
        self._snaps = m.remove_all()
        try:
            apply_plan(m, self.plan)
        except BaseException:
            self._put_back()
            raise
        self.document.at_start = False  # (the formula's graph is the learner's)
        self.document.named(NEW_NAME)

    def revert(self) -> None:
        revert_plan(self.model, self.plan)
        self._put_back()
        self.document.at_start = True
        self.document.named(self.old_name)

    def _put_back(self) -> None:
        if self._snaps is not None:
            self.model.restore_nodes(self._snaps)
            self._snaps = None
        for key, value in self._attrs.items():
            self.model.set_graph_attr(key, value)
