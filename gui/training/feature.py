"""Learn › Train on Data: micrograd's demo, live.

The data set is the document's (``graph.data``, saved with the graph); each
change to it is one undo entry (gui/training/commands.py). Training runs in
slices on the UI thread: a work timer does as many steps as the speed asks
for, at most :data:`WORK_SLICE` seconds at a time, and a frame timer redraws
the curves every frame, the decision boundary and the canvas (the chosen
example's values and gradients, through ``show_gradients``) every few
frames, so the window stays responsive whatever the speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QScrollArea

from core.explain.words import counted
from core.files import program
from core.graph import dataset
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from core.learn import templates
from core.learn.classifier import LiveTrainer, Settings, graph_for, leaf_values
from core.learn.data import generate, read_csv
from gui.common.actions import make_action
from gui.common.file_dialog import ask_file_near
from gui.common.scroll_wheel import wheel_scrolls_panel
from gui.editing.commands import push
from gui.host import Host
from gui.training.commands import SetDataCommand
from gui.training.panel import TrainingPanel

WORK_SLICE = 0.025  # seconds of training per work tick
FRAME_MS = 100  # curves every frame; the boundary and the canvas less often
BOUNDARY_EVERY = 3
CANVAS_EVERY = 5
GRID = 30  # the boundary picture's cells per side
PANEL_WIDTH = 380
MAX_CANVAS_NODES = 20_000


class TrainingFeature(QObject):
    def __init__(
        self,
        host: Host,
        show_gradients: Callable[[], bool] | None = None,
        beside: QDockWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``show_gradients`` runs Backward and shows it finished (the canvas's
        gradients); the dock is tabbed with ``beside``."""
        super().__init__(parent)
        self.setObjectName("training_feature")
        self.host = host
        self.show_gradients = show_gradients
        self.panel = p = TrainingPanel()
        wheel_scrolls_panel(p)
        scroll = QScrollArea()
        scroll.setWidget(p)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dock = host.add_dock(
            "dock_training", "Train on D&ata", scroll, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.dock.hide()
        self._beside = beside
        self.action = make_action(
            host.dialog_parent(),
            "learn_train_data",
            "Train on D&ata…",
            self.show_panel,
            tip="Train an MLP classifier on a data set, live (micrograd's demo)",
        )
        host.menu("learn").addSeparator()
        host.menu("learn").addAction(self.action)
        self.data: dataset.Dataset | None = None
        self.trainer: LiveTrainer | None = None
        self.example = 0
        self._syncing = False
        self._frame_no = 0
        self._last_work = 0.0
        self._owed = 0.0  # steps due but not yet run
        self._work = QTimer(self, interval=0)
        self._work.timeout.connect(self._work_tick)
        self._frame = QTimer(self, interval=FRAME_MS)
        self._frame.timeout.connect(self._frame_tick)
        p.generate.clicked.connect(self.generate_data)
        p.import_csv.clicked.connect(self.import_data)
        p.clear.clicked.connect(lambda: self._set_data(None, "Clear data set"))
        p.plane.chosen.connect(self.choose_example)
        p.plane.added.connect(self._add_point)
        p.plane.moved.connect(self._move_point)
        p.plane.removed.connect(self._remove_point)
        p.build.clicked.connect(self.build_graph)
        p.start.clicked.connect(self.toggle)
        p.step.clicked.connect(self.step_once)
        p.reset.clicked.connect(self.reset)
        for box in (p.lr_start, p.lr_end, p.l2):
            box.valueChanged.connect(self._settings_changed)
        p.schedule_steps.valueChanged.connect(self._settings_changed)
        p.schedule.currentIndexChanged.connect(self._settings_changed)
        host.document.replaced.connect(self._on_replaced)
        self._on_replaced()

    # ================================================================ data
    def show_panel(self) -> None:
        h, b = self.host, self._beside
        if self.dock.isHidden() and b is not None and b.isVisible() and not self.dock.isFloating():
            if h.dockWidgetArea(b) == h.dockWidgetArea(self.dock) and self.dock not in h.tabifiedDockWidgets(
                b
            ):
                h.tabifyDockWidget(b, self.dock)  # a tall column for the plot, not a strip below
        self.dock.show()
        self.dock.raise_()
        if self.dock.width() < PANEL_WIDTH:
            h.resizeDocks([self.dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        tall = int(h.dialog_parent().height() * 0.8)
        if self.dock.height() < tall:  # the plot and the controls in view together
            h.resizeDocks([self.dock], [tall], Qt.Orientation.Vertical)
        if self.data is None or not len(self.data):
            self._default_data()

    def _default_data(self) -> None:
        """The panel's first data set, from its settings: shown, not an edit
        (opening a panel asks no "save your changes?" and adds no undo entry;
        the first edit or training run is the first undo step)."""
        d = self._generated()
        if d is None:
            return
        self.host.model.attrs[dataset.FILE_KEY] = d.to_record()
        self._data_changed()
        self.panel.plane.set_points(d.xs, d.ys, refit=True)
        self._refresh(boundary=True)

    def _read_data(self) -> dataset.Dataset | None:
        rec = self.host.model.attrs.get(dataset.FILE_KEY)
        if rec is None:
            return None
        try:
            return dataset.from_record(rec)
        except dataset.DataError as e:  # checked on load; only a bug gets here
            self._say(str(e))
            return None

    def _on_replaced(self) -> None:
        new = self._read_data()
        same = new is not None and self.data is not None and (new.xs, new.ys) == (self.data.xs, self.data.ys)
        self.data = new
        if not same:
            self._stop()
            self.trainer = None
            self.example = 0
        if new is not None and new.source:
            self._show_source(new.source)
        self._data_shown(refit=True)

    def _data_changed(self) -> None:
        """The data set was edited (or an edit undone): the run goes on with it."""
        self.data = self._read_data()
        tr = self.trainer
        if tr is not None:
            if self.data is None or self.data.nin != tr.data.nin or len(set(self.data.ys)) < 2:
                self._stop()
                self.trainer = None
            else:
                tr.data = self.data
                tr.scores = tr.model.scores(self.data.xs)
        if self.data is None or self.example >= len(self.data):
            self.example = 0
        self._data_shown(refit=False)

    def _data_shown(self, refit: bool) -> None:
        d = self.data
        plane = self.panel.plane
        if d is None or d.nin != 2:
            plane.set_points([], [], refit=True)
        else:
            x0, x1, y0, y1 = plane.bounds
            outside = any(not (x0 <= x[0] <= x1 and y0 <= x[1] <= y1) for x in d.xs)
            plane.set_points(d.xs, d.ys, refit=refit or outside)
        plane.set_selected(self.example if d is not None and len(d) else None)
        self._refresh(boundary=True)

    def _show_source(self, src: dict) -> None:
        p = self.panel
        kind = src.get("kind")
        if kind in ("moons", "circles", "blobs", "xor"):
            p.kind.setCurrentIndex(("moons", "circles", "blobs", "xor").index(kind))
        for box, key in ((p.n_points, "size"), (p.data_seed, "seed")):
            if isinstance(src.get(key), int):
                box.setValue(src[key])
        if isinstance(src.get("noise"), (int, float)):
            p.noise.setValue(float(src["noise"]))

    def _set_data(self, d: dataset.Dataset | None, text: str) -> None:
        try:
            push(
                self.host.undo_stack,
                SetDataCommand(
                    self.host.model, None if d is None else d.to_record(), text, self._data_changed
                ),
            )
        except GraphError as e:
            self._say(str(e))

    def _generated(self) -> dataset.Dataset | None:
        p = self.panel
        try:
            return generate(p.kind_name(), p.n_points.value(), p.noise.value(), p.data_seed.value())
        except GraphError as e:
            self._say(str(e))
            return None

    def generate_data(self) -> None:
        d = self._generated()
        if d is None:
            return
        self._set_data(d, f"Generate {self.panel.kind_name()} ({counted(len(d), 'point')})")
        self.panel.plane.set_points(d.xs, d.ys, refit=True)
        self._refresh(boundary=True)

    def import_data(self) -> None:
        path = self.import_data_path()
        if path:
            self.import_file(path)

    def import_data_path(self) -> str:
        """The data file chosen (by the open graph: file_dialog.ask_file_near); "" if cancelled."""
        near, filt = self.host.suggested_path(".csv"), "CSV files (*.csv);;All files (*)"
        return ask_file_near(self.host.dialog_parent(), "Import Data Set", near, filt)

    def import_file(self, path: str) -> bool:
        try:
            d = read_csv(path)
        except (GraphError, OSError) as e:
            self._say(f"Cannot import: {e}")
            return False
        if d.nin != 2:
            self._say(
                f"Cannot import: the plot shows two inputs and this file has {d.nin}; "
                f"{program.command()} fit trains on it from the command line."
            )
            return False
        self._set_data(d, f"Import data set ({counted(len(d), 'point')})")
        self.panel.plane.set_points(d.xs, d.ys, refit=True)
        self._refresh(boundary=True)
        return True

    def _points(self) -> tuple[list, list]:
        d = self.data
        return (list(d.xs), list(d.ys)) if d is not None else ([], [])

    def _edited(self, xs: list, ys: list, text: str) -> None:
        base = self.data or dataset.Dataset([], [])
        self._set_data(base.replaced(xs, ys), text)

    def _add_point(self, x: float, y: float, label: int) -> None:
        xs, ys = self._points()
        self._edited(xs + [(x, y)], ys + [label], f"Add a point of label {label}")

    def _move_point(self, i: int, x: float, y: float) -> None:
        xs, ys = self._points()
        if 0 <= i < len(xs):
            xs[i] = (x, y)
            self._edited(xs, ys, "Move a point")

    def _remove_point(self, i: int) -> None:
        xs, ys = self._points()
        if 0 <= i < len(xs):
            del xs[i], ys[i]
            if self.example > i:
                self.example -= 1
            self._edited(xs, ys, "Remove a point")

    # ================================================================ training
    def settings(self) -> Settings | None:
        p = self.panel
        text = p.layers.text().replace(" ", "")
        try:
            layers = tuple(int(k) for k in text.split(",")) if text else ()
        except ValueError:
            layers = (-1,)
        if any(k < 1 or k > 256 for k in layers):
            self._say(
                "Hidden layers: sizes from 1 to 256 separated by commas, such as 16, 16 "
                f"(not {p.layers.text()!r})."
            )
            return None
        return Settings(
            layers=layers,
            activation=p.activation.currentText(),
            seed=p.model_seed.value(),
            lr_start=p.lr_start.value(),
            lr_end=p.lr_end.value(),
            schedule_steps=p.schedule_steps.value(),
            schedule="linear" if p.schedule.currentIndex() == 0 else "constant",
            l2=p.l2.value(),
        )

    def _ensure_trainer(self) -> LiveTrainer | None:
        if self.trainer is not None:
            return self.trainer
        s = self.settings()
        if s is None:
            return None
        if self.data is None:
            self._say("No data yet: Generate a data set, import a CSV file or click the plot to add points.")
            return None
        try:
            self.trainer = LiveTrainer(self.data, s)
        except GraphError as e:
            self._say(f"Cannot train: {e}")
            return None
        return self.trainer

    def _settings_changed(self) -> None:
        s = self.settings()
        if self.trainer is not None and s is not None:
            t = self.trainer.settings
            t.lr_start, t.lr_end, t.l2 = s.lr_start, s.lr_end, s.l2
            t.schedule, t.schedule_steps = s.schedule, s.schedule_steps

    @property
    def running(self) -> bool:
        return self._work.isActive()

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def start(self) -> bool:
        if self._ensure_trainer() is None:
            return False
        self._last_work = time.perf_counter()
        self._owed = 1.0  # the first step at once
        self._work.start()
        self._frame.start()
        self.panel.start.setText("Pause")
        return True

    def pause(self) -> None:
        self._stop()
        self._refresh(boundary=True, canvas=True)

    def _stop(self) -> None:
        self._work.stop()
        self._frame.stop()
        self.panel.start.setText("Start" if self.trainer is None or not self.trainer.steps else "Resume")

    def step_once(self) -> None:
        self._stop()
        tr = self._ensure_trainer()
        if tr is None:
            return
        tr.step()
        self._refresh(boundary=True, canvas=True)

    def reset(self) -> None:
        self._stop()
        self.trainer = None
        self.panel.start.setText("Start")
        self._refresh(boundary=True)  # the old run's pictures go
        if self._ensure_trainer() is not None:  # else it said why
            self._refresh(boundary=True, canvas=True)

    def _work_tick(self) -> None:
        tr = self.trainer
        if tr is None:
            self._stop()
            return
        now = time.perf_counter()
        rate = self.panel.steps_per_second()
        self._owed = 1e9 if rate == 0 else min(self._owed + (now - self._last_work) * rate, rate + 1.0)
        self._last_work = now
        while self._owed >= 1.0 and time.perf_counter() - now < WORK_SLICE:
            tr.step()
            self._owed -= 1.0
            if tr.diverged():
                self.pause()
                self._say("Stopped: the loss became inf or nan. Lower the learning rate and press Reset.")
                return

    def _frame_tick(self) -> None:
        self._frame_no += 1
        self._refresh(
            boundary=self._frame_no % BOUNDARY_EVERY == 0, canvas=self._frame_no % CANVAS_EVERY == 0
        )

    # ================================================================ showing
    def _refresh(self, boundary: bool = False, canvas: bool = False) -> None:
        tr, p = self.trainer, self.panel
        if tr is None:
            p.curves.set_history([], [])
            p.plane.set_scores(None)
            n = len(self.data) if self.data is not None else 0
            self._say(
                f"{counted(n, 'point')}. Press Start to train MLP(2, [{p.layers.text()}, 1]) on them."
                if n
                else ""
            )
            return
        p.curves.set_history(tr.loss, tr.accuracy)
        if boundary and tr.data.nin == 2:
            x0, x1, y0, y1 = p.plane.bounds
            p.plane.set_scores(tr.grid(x0, x1, y0, y1, GRID))
        if tr.loss:
            # the rate this step used (trial 75 #7 saw the next one's), 1.0 not "1." at the line's end
            rate = f"{tr.rates[-1]:.3g}"
            rate += "" if any(c in rate for c in ".en") else ".0"
            self._say(
                f"Step {tr.steps}: loss {tr.loss[-1]:.4f}, accuracy {tr.accuracy[-1]:.0%}, "
                f"learning rate {rate}."
            )
        else:
            self._say(f"MLP ready: {tr.model.count()} parameters. Press Start or Step.")
        if canvas:
            self.sync_canvas()

    def choose_example(self, i: int) -> None:
        self.example = i
        self.panel.plane.set_selected(i)
        self.sync_canvas()

    def _on_canvas(self, model: GraphModel, tr: LiveTrainer) -> bool:
        """Whether the canvas holds the graph of this trainer's model."""
        sizes = tr.model.sizes
        probe = [f"w{len(sizes) - 1}_1_{sizes[-2]}", f"b1_{sizes[1]}", "neg_y", "score", "loss"]
        return all(n in model for n in probe) and f"b1_{sizes[1] + 1}" not in model

    def sync_canvas(self) -> bool:
        """Put the chosen example and the current weights on the canvas, and
        show that example's gradients (if the canvas shows this model)."""
        tr, model = self.trainer, self.host.model
        if tr is None or self.data is None or not len(self.data) or not self._on_canvas(model, tr):
            return False
        i = min(self.example, len(self.data) - 1)
        vals = leaf_values(tr.model, self.data.xs[i], self.data.ys[i])
        vals = {n: v for n, v in vals.items() if n in model and model.op(n) == "leaf"}
        self._syncing = True
        try:
            model.set_values(vals)
        finally:
            self._syncing = False
        self.host.document.mark_modified()
        if self.show_gradients is not None:
            self.show_gradients()
        y = self.data.ys[i]
        self.host.show_status(
            f"The canvas shows example {i + 1} (label {y:+d}) after {counted(tr.steps, 'step')}: "
            "its loss, values and gradients (click another point in the Data plot to switch)",
            4000,
        )
        return True

    def build_graph(self) -> bool:
        """Open the model, on the chosen example, as a new graph with the data set."""
        tr = self._ensure_trainer()
        if tr is None or self.data is None:
            return False
        sizes = tr.model.sizes
        weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
        nodes = tr.model.count() + 2 * weights + sum(sizes[1:-1]) + sizes[0] + 5
        if nodes > MAX_CANVAS_NODES:
            self._say(
                f"This model would be {nodes:,} nodes on the canvas, more than {MAX_CANVAS_NODES:,}: "
                "choose smaller hidden layers to see it there (training does not need it)."
            )
            return False
        i = min(self.example, len(self.data) - 1)
        t = graph_for(tr.model, self.data.xs[i], self.data.ys[i])
        m = GraphModel()
        templates.insert(m, t)
        m.set_output(t.output)
        m.attrs[dataset.FILE_KEY] = self.data.to_record()
        kind = self.data.source.get("kind", "data")
        if not self.host.open_model(m, f"MLP on {kind}"):
            return False
        self.sync_canvas()
        return True

    def _say(self, text: str) -> None:
        self.panel.status.setText(text)
