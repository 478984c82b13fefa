"""The backward animation's clock and position: play, pause, step, jump.

The animator only knows the replay and where it stands in it; drawing that
position on the canvas is the presenter's job (gui/backward/animation.py), which
listens to ``position_changed``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from core.explain.forward_replay import AnyReplay

#: Milliseconds per step at the slowest and fastest speed.
SLOWEST_MS = 2400
FASTEST_MS = 40
SPEED_STEPS = 100  # the slider's range is 0..SPEED_STEPS
LEAF_SHARE = 0.4  # a leaf's step (nothing to pass on) is shown this much as long


def interval_for_speed(speed: int) -> int:
    """Milliseconds per step for slider position ``speed`` (log scale)."""
    t = max(0, min(SPEED_STEPS, speed)) / SPEED_STEPS
    return round(SLOWEST_MS * (FASTEST_MS / SLOWEST_MS) ** t)


class Animator(QObject):
    """Holds one replay and the position shown; steps it on a timer."""

    position_changed = Signal(int, int)  # new position, old position
    started = Signal()  # a new replay was loaded
    finished = Signal()  # the last position was reached
    playing_changed = Signal(bool)
    cleared = Signal()  # the replay was dropped (e.g. the graph changed)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.replay: AnyReplay | None = None
        self.pos = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.speed = 15  # about 1.3 s a step: time to read what happened
        self._timer.setInterval(self.interval)
        #: The folded group card that shows a node in its place (None: the
        #: node's own card is shown). Steps inside one folded card, one after
        #: another, are shown as one step: the card's.
        self.folded_into: Callable[[str], str | None] = lambda _node: None

    # ------------------------------------------------------------ state
    @property
    def active(self) -> bool:
        return self.replay is not None

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def at_end(self) -> bool:
        return self.replay is not None and self.pos >= self.replay.last

    @property
    def interval(self) -> int:
        """Milliseconds per step at the current speed."""
        return interval_for_speed(self.speed)

    def set_speed(self, speed: int) -> None:
        """Slider position 0 (slow) .. SPEED_STEPS (fast)."""
        self.speed = max(0, min(SPEED_STEPS, int(speed)))
        self._timer.setInterval(self._dwell(self.pos + 1))

    # ------------------------------------------------------------ control
    def load(self, replay: AnyReplay, play: bool = False) -> None:
        """Start a new replay at position 0 (only the root's gradient shown)."""
        self.pause()
        self.replay = replay
        self.pos = 0
        self.started.emit()
        self.position_changed.emit(0, -1)  # -1: redraw everything
        if play:
            self.play()

    def clear(self) -> None:
        """Drop the replay (its numbers are stale)."""
        if self.replay is None:
            return
        self.pause()
        self.replay = None
        self.pos = 0
        self.cleared.emit()

    def go_to(self, pos: int) -> None:
        if self.replay is None:
            return
        pos = max(0, min(self.replay.last, int(pos)))
        if pos == self.pos:
            return
        old, self.pos = self.pos, pos
        self.position_changed.emit(pos, old)
        if pos == self.replay.last:
            self.pause()
            self.finished.emit()

    def step(self) -> None:
        """One step forward (pauses playback: the user took the wheel)."""
        self.pause()
        self.go_to(self._next(self.pos))

    def step_back(self) -> None:
        self.pause()
        self.go_to(self._previous(self.pos))

    def _card(self, pos: int) -> str | None:
        step = self.replay.current(pos) if self.replay is not None and 0 < pos <= self.replay.last else None
        return None if step is None else self.folded_into(step.node)

    def folded_run(self, pos: int) -> tuple[str, int, int] | None:
        """The folded card step ``pos`` runs in, and the first and last
        positions of its run (one Step shows them all); None if not folded."""
        card = self._card(pos)
        if card is None:
            return None
        first = last = pos
        while first > 1 and self._card(first - 1) == card:
            first -= 1
        while self.replay is not None and last < self.replay.last and self._card(last + 1) == card:
            last += 1
        return card, first, last

    def stops(self) -> list[int]:
        """The positions Step shows from the start to the end (a run of steps
        in one folded card is one stop: its last), the start included."""
        if self.replay is None:
            return []
        out = [0]
        while out[-1] < self.replay.last:
            out.append(max(out[-1] + 1, self._next(out[-1])))
        return out

    def _next(self, pos: int) -> int:
        """The position one step on: past a whole run of steps in one folded card."""
        run = self.folded_run(pos + 1)
        return pos + 1 if run is None else run[2]

    def _previous(self, pos: int) -> int:
        """The position one step back: before a whole run in one folded card."""
        run = self.folded_run(pos)
        return (pos if run is None else run[1]) - 1

    def restart(self) -> None:
        self.pause()
        self.go_to(0)

    def skip_to_end(self) -> None:
        if self.replay is not None:
            self.go_to(self.replay.last)

    def play(self) -> None:
        if self.replay is None or self.playing:
            return
        if self.at_end:
            self.go_to(0)
        self._timer.start(self._dwell(self.pos + 1))
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playing_changed.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def _tick(self) -> None:
        if self.replay is None or self.at_end:
            self.pause()
            return
        self.go_to(self._next(self.pos))
        if self.playing:
            self._timer.setInterval(self._dwell(self.pos + 1))

    def _dwell(self, pos: int) -> int:
        """How long to wait before showing ``pos``: a leaf's step changes
        nothing but the highlight, so it gets less time than a real one."""
        full = interval_for_speed(self.speed)
        step = self.replay.current(pos) if self.replay is not None and pos <= self.replay.last else None
        return max(1, round(full * LEAF_SHARE)) if step is not None and not step.inputs else full
