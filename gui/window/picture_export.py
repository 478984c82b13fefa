"""File › Export › PNG / SVG: ask where, give the name the format's
extension (core/files/kinds.py: "wrong.svg" saved as PNG is
"wrong.svg.png"), draw the picture with the graph inside and say what was
written. A base of the window (gui/window/documents.py), kept apart from
its other file commands."""

from __future__ import annotations

import os
from dataclasses import replace

from PySide6.QtCore import QRectF, QSignalBlocker
from PySide6.QtGui import QAction

from core.files import fileio, kinds
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.backward.animation import BackwardController
from gui.canvas.image_export import Frame, Look, export_scene, painted_bounds
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.common import settings
from gui.common.actions import make_action
from gui.common.replace_question import renamed_note
from gui.window import step_deck
from gui.window.file_questions import FileQuestions

WHAT = {"png": "PNG picture", "svg": "SVG picture"}


class PictureExport(FileQuestions):
    """The window's picture export; the window supplies the parts below."""

    scene: GraphScene
    view: GraphView
    backward: BackwardController
    _look_actions: tuple[QAction, QAction] | None = None  # (picture_options: the menu's two)

    @property
    def model(self) -> GraphModel:
        raise NotImplementedError

    def show_status(self, message: str, msecs: int = 6000, joined: str | None = None) -> None:
        raise NotImplementedError

    def suggested_path(self, suffix: str) -> str:
        raise NotImplementedError

    def _show_error(self, title: str, message: str) -> None:
        raise NotImplementedError

    def picture_options(self) -> list[QAction]:
        """File › Export's options for every picture, kept between sessions:
        the editor's marks (for slides: off) and a transparent background."""
        marks = make_action(
            self,
            "picture_marks",
            "Editor &Marks in Pictures",
            settings.set_picture_marks,
            checkable=True,
            tip="Draw a group's ▾, a leaf's param tag and a finished pass's rings in exported pictures",
        )
        with QSignalBlocker(marks):  # (as kept: not written again at every start)
            marks.setChecked(settings.picture_marks())
        clear = make_action(
            self,
            "picture_transparent",
            "Transparent &Background",
            settings.set_picture_transparent,
            checkable=True,
            tip="Leave exported pictures' background transparent, for a slide of any colour",
        )
        with QSignalBlocker(clear):
            clear.setChecked(settings.picture_transparent())
        self._look_actions = (marks, clear)
        return [marks, clear]

    def set_picture_look(self, look: Look) -> None:
        """Draw pictures with ``look`` (the ``picture`` command's options; not kept)."""
        if self._look_actions is not None:
            for act, on in zip(self._look_actions, (look.marks, look.transparent), strict=True):
                act.blockSignals(True)  # (not written to the settings)
                act.setChecked(on)
                act.blockSignals(False)

    def picture_look(self) -> Look:
        """The options File › Export's pictures are drawn with now."""
        acts = self._look_actions
        if acts is None:
            return Look()
        return Look(marks=acts[0].isChecked(), transparent=acts[1].isChecked())

    def export_image(self, kind: str) -> bool:
        """The graph exported as ``kind`` ("png" or "svg")."""
        if not self._exportable():
            return False
        typed = self._ask_export_path(kind, self.suggested_path("." + kind))
        if not typed:
            return False
        path = kinds.with_extension(typed, kind)
        if path != typed and os.path.exists(path) and not self._ask_replace_renamed(path, typed):
            self.show_status(f"Not exported: {path} is already there")
            return False
        try:
            finished = self._write_picture(path, kind)
        except (OSError, ValueError, GraphError) as e:
            self._cannot_export(path, e)
            return False
        done = ", the finished pass: no current step" if finished else ""
        self.show_status(
            f"Exported {path} ({WHAT[kind]}{done}{renamed_note(path, typed)}), "
            "with the graph inside: opening it reopens the graph"
        )
        return True

    def export_steps(self) -> bool:
        """A PNG of each step of the pass (Backward run first if none shows),
        beside the name asked for; the pass left at the step it was at."""
        if not self._exportable():
            return False
        ctl = self.backward
        a = ctl.animator
        if not a.active and not ctl.run_backward(play=False):
            return False  # (it said why)
        stops = self.deck_stops()
        typed = self._ask_export_path("steps", self.suggested_path(".png"))
        if not typed:
            return False
        paths = step_deck.deck_paths(typed, stops)
        there = [p for p in paths if os.path.exists(p)]
        if (there or len(paths) >= step_deck.ASK_FROM) and not self._ask_export_steps(paths, there):
            self.show_status("Not exported: no picture written")
            return False
        try:
            done = self.write_steps(paths, stops)
        except step_deck.PictureFailed as e:
            self._show_error("Cannot export", str(e))
            return False
        folder = os.path.dirname(paths[0]) or "."
        first, last = os.path.basename(paths[0]), os.path.basename(paths[done - 1]) if done else ""
        if done < len(paths):
            self.show_status(f"Stopped: {done} of {len(paths)} pictures written in {folder} ({first} …)")
        else:
            self.show_status(
                f"Exported {done} pictures in {folder}: {first} … {last}, one a step, "
                "each with the step's sentence and the graph inside"
            )
        return done == len(paths)

    def deck_stops(self) -> list[int]:
        """The steps of the pass shown that a deck has a picture of (Step's
        stops but a leaf's own): Export Every Step's and the ``picture`` command's."""
        ctl = self.backward
        return step_deck.slide_stops(ctl.animator.stops(), ctl.passes_on)

    def write_steps(self, paths: list[str], stops: list[int]) -> int:
        """The picture of each of the pass's ``stops`` to its path, framed
        alike; the pass left at the step it was at (playing on if it played).
        How many were written (a progress bar can stop it); PictureFailed
        names the picture that could not be written."""
        ctl = self.backward
        a = ctl.animator
        was, playing = a.pos, a.playing
        view, zoom, centre = self.view, self.view.zoom, self.view.center_scene_pos()
        a.pause()
        at = [paths[0]]  # the picture being written (an error names it)

        def measure() -> tuple[QRectF, QRectF, str | None]:
            with ctl.finished_picture() as finished:  # (the end drawn as its picture is)
                bounds = painted_bounds(self.scene, self.picture_look())
                view = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
                return bounds, view, ctl.picture_caption(finished)

        def write(path: str, frame: Frame) -> None:
            at[0] = path
            self._write_picture(path, "png", frame)

        try:
            return step_deck.write_deck(self, paths, stops, a.go_to, measure, write)
        except (OSError, ValueError, GraphError) as e:
            raise step_deck.PictureFailed(at[0], e) from e
        finally:
            a.go_to(was)
            view.set_zoom(zoom, center=centre)  # (the camera went round the steps: the view as it was)
            if playing:
                a.play()

    def write_picture(self, path: str, kind: str, step: bool = False) -> None:
        """The picture of what the canvas shows now, or PictureFailed (the
        ``picture`` command's: gui/window/picture_script.py; ``step``: at a
        pass's end, its last step as the canvas shows it, not the finished picture)."""
        try:
            self._write_picture(path, kind, step=step)
        except (OSError, ValueError, GraphError) as e:
            raise step_deck.PictureFailed(path, e) from e

    def _exportable(self) -> bool:
        if len(self.model) == 0:
            self._show_error("Nothing to export", "The graph is empty: add some nodes first.")
            return False
        return True

    def _write_picture(self, path: str, kind: str, frame: Frame | None = None, step: bool = False) -> bool:
        """The picture of what the canvas shows now (``frame``: as the other
        pictures of a deck); True if it is a pass's finished end (drawn with
        no current step; not if its last ``step`` was asked for)."""
        with self.backward.finished_picture(step) as finished:  # at a pass's end: no step ring
            export_scene(
                self.scene,
                path,
                kind,
                self.model.attrs.get("title") or self.doc_name,
                graph_text=fileio.dumps(self.model),  # opening the picture reopens the graph
                caption=self.backward.picture_caption(finished),  # the step's sentence, mid-pass
                frame=frame,
                look=replace(self.picture_look(), finished=finished),
                step=self.backward.picture_step(),  # (reopened, the picture shows the pass there again)
            )
        return finished

    def _cannot_export(self, path: str, e: Exception) -> None:
        self._show_error("Cannot export", str(step_deck.PictureFailed(path, e)))
