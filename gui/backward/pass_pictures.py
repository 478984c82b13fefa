"""What a picture of the pass shown needs of the Backward controller
(gui/backward/animation.py, which mixes this in): the pass drawn finished at
its end, the banner's sentence as a caption, where the pass stands (carried
in the picture, core/files/embed.py), and the pass shown there again when
such a picture is opened."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from core.explain.forward_replay import AnyReplay
from core.explain.replay import Replay
from core.graph.backward import BackwardResult, backward
from core.graph.errors import GraphError
from core.graph.model import GraphModel
from gui.backward.animator import Animator
from gui.backward.finished_picture import finished_picture
from gui.backward.narration import Narration


class PassPictures:
    """Mixed into BackwardController, whose parts these are."""

    animator: Animator
    replay: AnyReplay | None
    canvas: Any  # (its ReplayCanvas)
    scene: Any
    narration: Narration

    @property
    def model(self) -> GraphModel:
        raise NotImplementedError

    def refusal(self) -> str | None:
        raise NotImplementedError

    def make_replay(self, result: BackwardResult) -> Replay:
        raise NotImplementedError

    def show_pass(
        self, replay: AnyReplay, result: Any, numbers: Iterable[float], play: bool | None = None
    ) -> None:
        raise NotImplementedError

    def finished_picture(self, step: bool = False) -> AbstractContextManager[bool]:
        """For a picture: the pass drawn finished while at its end
        (finished_picture.py), unless its last ``step`` was asked for, as the
        canvas shows it (``picture --step N``: forward mode's last is the root's sum)."""
        a = self.animator
        at_end = a.active and a.at_end and not step
        return finished_picture(self.replay, at_end, self.canvas, self.scene, self.model)

    def picture_caption(self, finished: bool) -> str | None:
        """What the banner says while a pass shows (a picture's caption strip),
        from its "Finished" on if the picture is ``finished``; else None."""
        shown = self.animator.active and self.replay is not None and not self.narration.isHidden()
        if not shown:
            return None
        said = self.narration.displayed().replace("\u2060", "")  # (NBSPs kept: no break after "=")
        at = said.find("Finished") if finished else -1  # the picture shows no last step
        return said[at:] if at > 0 else said

    def passes_on(self, pos: int) -> bool:
        """Whether step ``pos`` (or the folded run it ends) sends a gradient
        on: not a leaf's own step, which a deck of slides leaves out."""
        rp, a = self.replay, self.animator
        if rp is None:
            return False
        run = a.folded_run(pos)
        first, last = (run[1], run[2]) if run is not None else (pos, pos)
        return any((s := rp.current(p)) is not None and bool(s.inputs) for p in range(first, last + 1))

    def picture_step(self) -> tuple[str, int] | None:
        """Where the Backward pass shown stands (its root, its step), for a picture to carry."""
        rp, a = self.replay, self.animator
        return (rp.root, a.pos) if a.active and isinstance(rp, Replay) else None

    def resume(self, root: str, pos: int) -> bool:
        """The Backward pass from ``root`` shown at step ``pos`` (a picture of
        it reopened); False, saying nothing, if the graph cannot run it there."""
        if root not in self.model or self.refusal():
            return False
        try:
            result = backward(self.model, root)
        except GraphError:
            return False
        replay = self.make_replay(result)
        if pos > replay.last:
            return False
        self.show_pass(replay, result, result.steps.grads().values(), play=False)
        self.animator.go_to(pos)
        return True
