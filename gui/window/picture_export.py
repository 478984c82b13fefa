"""File › Export › PNG / SVG: ask where, give the name the format's
extension (core/files/kinds.py: "wrong.svg" saved as PNG is
"wrong.svg.png"), draw the picture with the graph inside and say what was
written. A base of the window (gui/window/documents.py), kept apart from
its other file commands."""

from __future__ import annotations

import os

from core.files import fileio, kinds
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.backward.animation import BackwardController
from gui.canvas.image_export import export_scene
from gui.canvas.scene import GraphScene
from gui.common.replace_question import renamed_note
from gui.window.file_questions import FileQuestions

WHAT = {"png": "PNG picture", "svg": "SVG picture"}


class PictureExport(FileQuestions):
    """The window's picture export; the window supplies the parts below."""

    scene: GraphScene
    backward: BackwardController

    @property
    def model(self) -> GraphModel:
        raise NotImplementedError

    def show_status(self, message: str, msecs: int = 6000) -> None:
        raise NotImplementedError

    def suggested_path(self, suffix: str) -> str:
        raise NotImplementedError

    def _show_error(self, title: str, message: str) -> None:
        raise NotImplementedError

    def export_image(self, kind: str) -> bool:
        """The graph exported as ``kind`` ("png" or "svg")."""
        if len(self.model) == 0:
            self._show_error("Nothing to export", "The graph is empty: add some nodes first.")
            return False
        typed = self._ask_export_path(kind, self.suggested_path("." + kind))
        if not typed:
            return False
        path = kinds.with_extension(typed, kind)
        if path != typed and os.path.exists(path) and not self._ask_replace_renamed(path, typed):
            self.show_status(f"Not exported: {path} is already there")
            return False
        try:
            with self.backward.finished_picture() as finished:  # at a pass's end: no step ring
                export_scene(
                    self.scene,
                    path,
                    kind,
                    self.model.attrs.get("title") or self.doc_name,
                    graph_text=fileio.dumps(self.model),  # opening the picture reopens the graph
                    caption=self.backward.picture_caption(),  # the step's sentence, mid-pass
                )
        except (OSError, ValueError, GraphError) as e:
            reason = (e.strerror if isinstance(e, OSError) else None) or str(e)
            self._show_error("Cannot export", f"{path}: {reason}")
            return False
        done = ", the finished pass: no current step" if finished else ""
        self.show_status(
            f"Exported {path} ({WHAT[kind]}{done}{renamed_note(path, typed)}), "
            "with the graph inside: opening it reopens the graph"
        )
        return True
