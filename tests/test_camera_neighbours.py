"""The camera during Backward on the expanded MLP laid out (issue 10; a new
user's trial): a hidden layer's value feeds four neurons spread down the
next layer, so its step's node, inputs and consumers did not fit at the
zoom of the pass, and the view showed the node alone at its edge, its input
and the caption on the wire to it cut off. Now the view zooms out for them,
never below a readable zoom; when even that is too small, the node, its
inputs and their captions are shown."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode, press
from test_reading_mlp import insert_expanded_mlp
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.backward.camera_moves import READABLE_ZOOM, with_comfort
from gui.backward.camera_moves import fit_zoom as _fit_zoom
from gui.backward.camera_moves import seen as _seen
from gui.backward.replay_canvas import _rect
from gui.backward.step_parts import inputs_as_drawn


def test_each_step_of_the_laid_out_mlp_shows_its_neighbours_at_a_readable_zoom(qtbot, window):
    w = window
    insert_expanded_mlp(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Auto Layout
    QApplication.processEvents()
    hand_mode(w)
    press(w, "backward")
    rp, m, view = w.backward.replay, w.model, w.view
    start = view.transform().m11()
    zoomed_out = inputs_only = some_near = 0
    for _ in range(240):
        z = view.transform().m11()
        press(w, "step")
        step = rp.current(w.backward.animator.pos)
        if step is None:
            continue
        assert view.transform().m11() >= READABLE_ZOOM * 0.999
        zoomed_out += view.transform().m11() < z
        seen = _seen(view, margin=0)
        node = _rect(w.scene, [step.node])
        core = QRectF(node)
        for s, t, p, _text in rp.flows(w.backward.animator.pos):  # with the captions on those wires
            core = core.united(w.scene.edge_item(s, t, p).caption_rect())
        # (when the view moves for them, with room around the node and its captions)
        part, roomy = core, with_comfort(view, core, view.graph_rect())
        ins = inputs_as_drawn(w.scene, step.node, step.inputs)  # what it passes its gradient to, as
        for r in ins:  # drawn: a shared weight's linked copy beside it, not the weight far off
            part, roomy = part.united(r), roomy.united(r)
        used = _rect(w.scene, [t for t, _p in m.consumers(step.node)])  # and heard from
        whole = part.united(used)
        if _fit_zoom(view, roomy.united(used), 0.0) >= READABLE_ZOOM:
            assert seen.contains(whole), step.node
        elif _fit_zoom(view, roomy, 0.0) >= READABLE_ZOOM:
            assert seen.contains(part), step.node
            inputs_only += 1
        else:
            assert seen.contains(node), step.node
            # a far shared weight: the neighbours near enough still shown with it
            # (a trial: the consumer just right of the node was cut off)
            near = [*ins, *(_rect(w.scene, [t]) for t, _p in m.consumers(step.node))]
            fits = [r for r in near if _fit_zoom(view, node.united(r), 0.0) >= READABLE_ZOOM]
            if fits:  # the nearest of them at least
                c = node.center()
                assert seen.contains(min(fits, key=lambda r: (r.center() - c).manhattanLength())), step.node
                some_near += 1
    # (the steps that needed them; a pass too big to read whole starts at the least readable zoom
    # (trial 62), where no step can zoom out further)
    assert zoomed_out >= 1 or abs(start - READABLE_ZOOM) < 1e-6
    assert inputs_only >= 1 and some_near >= 1


def test_a_pass_starting_on_a_folded_card_shows_the_cards_feeding_it(qtbot, window):
    """The folded MLP in a window where it fits below a readable zoom: the
    pass began zoomed in on the loss card alone, the four cards its values
    come from cut off at the left. A step inside a folded card is the card's
    step: its input rows' sources are its inputs."""
    from core.graph.groups import boundary

    w = window
    show_mlp(qtbot, w, 1340, 860)
    press(w, "fit")
    assert w.view.transform().m11() < READABLE_ZOOM  # (so the pass zooms in)
    hand_mode(w)
    press(w, "backward")
    rp, view, sc = w.backward.replay, w.view, w.scene
    gid = sc.folding.card_of(rp.root)
    assert gid is not None  # the root, in the folded loss
    feeders = boundary(w.model, w.model.groups.nodes_in(gid))[0]
    assert len(feeders) == 4 and {sc.folding.card_of(n) for n in feeders} != {None}
    for _ in range(2):  # the start, then the loss card's run of steps
        seen = _seen(view, margin=0)
        assert view.transform().m11() >= READABLE_ZOOM * 0.999
        assert seen.contains(_rect(sc, [rp.root]))
        for n in feeders:
            assert seen.contains(_rect(sc, [n])), n
        press(w, "step")
