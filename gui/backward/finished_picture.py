"""A picture exported at the end of a pass shows the finished pass: every
gradient (or tangent), without the last step's ring, its note and its lit
wires (forward mode's: the root's sum, part by part). The canvas keeps the
last step current at the end so the learner sees it (core/explain/replay.py,
forward_replay.py), but a trial's slide of the finished gradients
kept "b.grad = −4 (final: a leaf passes nothing on)" and b's orange ring.
A picture exported mid-pass shows its step, as the canvas does: on purpose."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from core.explain.forward_replay import AnyReplay
from core.explain.replay import CURRENT, DONE, INPUT
from gui.backward.replay_canvas import ReplayCanvas, flow_at, look, still_of
from gui.canvas.pass_board import Look


def finished_look(rp: AnyReplay, model, n: str) -> Look:
    """What ``n``'s card shows on the finished picture: its look at the end,
    the last step's card done like the others, its step's note the sum the
    others show (a node used twice: trial 52's x had no caption beside y's;
    an inf/nan gradient's note says where it came from); forward mode's
    last step's inputs, lit on the canvas, done as well."""
    shown = look(rp, model, n, rp.last)
    if shown[2] == INPUT:
        return shown[0], shown[1], DONE, shown[3]
    if shown[2] != CURRENT:
        return shown
    g, name, _hl, note = look(rp, model, n, rp.last, finished=True)
    return g, name, DONE, note


@contextmanager
def finished_picture(
    rp: AnyReplay | None, at_end: bool, canvas: ReplayCanvas, scene, model
) -> Iterator[bool]:
    """While in it, the pass ``rp`` shown at its end (``at_end``) is drawn
    finished (see the module docstring; the cards catch up as the picture
    reveals them all); True if it was. Afterwards the end is shown again as it was."""
    if rp is None or not at_end:
        yield False
        return
    canvas.clear(scene, model)  # (no lit wire, no ring)
    current = scene.linked.current
    scene.linked.show_current(None)  # (nor on the last step's linked copies: trial 52, x's were orange)
    end, shown = rp.last, rp
    scene.board.flow = flow_at(rp, end)  # (the folded cards' rows: what crossed their boundaries)
    scene.board.retell(
        lambda n: finished_look(shown, model, n),
        grad=lambda n: shown.grad(n, end),
        quantity=rp.quantity,
        still=still_of(rp),
    )
    scene.decoration_changed()  # the folded cards too, before the picture is drawn: the last
    scene.folding.decorate_now()  # step's card folded in one kept its ring (trial 55)
    try:
        yield True
    finally:
        scene.linked.show_current(current)
        canvas.draw(rp, scene, model, rp.last, -1)
