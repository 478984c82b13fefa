"""The notes under the cards and the wire captions keep clear of the linked
copies beside the cards (trial 50: after a pass, x's note "x.grad = −0.3748
+ 1.749 = 1.374 (final)" covered the name of pow1's copy of x, only
"0.7000 ∇1.7491" showing). Driven as a user: the formula's graph opened
from its file, mul1, pow1 and add1 selected and grouped (Ctrl+G), Ctrl+B,
→ step by step and End."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from test_duplicate_groups import CTRL, keys
from test_groups_gui import type_name_soon
from window_helpers import answers, menu_action, open_saved, step_by_hand, tmp_settings, window  # noqa: F401

from core.code.codeadd import import_code
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.common import style as S

FORMULA = "f = tanh(x*y + x**2) * exp(-y)"


def open_grouped(qtbot, w, tmp_path) -> None:
    model, _plan = import_code(FORMULA, {"x": 0.7, "y": -0.3})
    model.groups.clear()  # (as the teacher built it: by hand, no statement's group)
    open_saved(qtbot, w, model, tmp_path / "f.mgraph")
    inner = [n for n in w.model.nodes() if w.model.label(n) in ("x*y", "x**2", "x*y + x**2")]
    assert len(inner) == 3
    w.scene.select_ids(inner)
    type_name_soon(qtbot, "inner c = x*y + x**2")
    keys(qtbot, w, Qt.Key.Key_G, CTRL)
    assert len(list(w.model.groups)) == 1
    assert w.scene.linked.copies(), "x and y are drawn as copies beside the group's cards"


def copies(w) -> list[tuple[tuple, QRectF]]:
    return [(c.key, c.sceneBoundingRect()) for c in w.scene.linked.copies() if c.isVisible()]


def notes_and_captions(w) -> list[tuple[str, QRectF]]:
    out = []
    for n, it in w.scene.node_map().items():
        if it.isVisible() and it.drawn_note is not None:
            out.append((f"note of {n}", it.mapRectToScene(it.note_place[0])))
    for e in w.scene.edge_items():
        r = e.caption_rect() if e.flow else None
        if r is not None:
            out.append((f"caption of {e.key}", r))
    return out


def ports(w) -> list[tuple[str, QRectF]]:
    """Each shown card's ports, as drawn (a dot of ``PORT_R`` around each)."""
    out = []
    r = S.PORT_R
    for n, it in w.scene.node_map().items():
        if not it.isVisible():
            continue
        ends = [("out", QPointF(W2, OUT_Y))] if n != w.model.output else []
        ends += [(f"in{p}", QPointF(-W2, y)) for p, y in enumerate(PORT_YS.get(it.arity, []))]
        for name, at in ends:
            c = it.mapToScene(at)
            out.append((f"{n}.{name}", QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)))
    return out


def assert_clear(w, when: str) -> None:
    pills = copies(w)
    assert pills
    dots = ports(w)
    for what, r in notes_and_captions(w):
        hits = [key for key, p in pills if r.intersects(p)]
        assert not hits, f"{when}: {what} covers the copies {hits}"
        on = [name for name, d in dots if r.intersects(d)]
        assert not on, f"{when}: {what} covers the ports {on}"


def test_no_note_covers_a_copy_at_any_step(qtbot, window, tmp_path):
    w = window
    open_grouped(qtbot, w, tmp_path)
    step_by_hand(w)
    keys(qtbot, w, Qt.Key.Key_B, CTRL)
    for step in range(12):
        if w.backward.animator.at_end:
            break
        keys(qtbot, w, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
        w.scene.detail.reveal_all()
        assert_clear(w, f"step {step + 1}")
    keys(qtbot, w, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier)
    w.scene.detail.reveal_all()
    assert w.backward.animator.at_end
    assert_clear(w, "at the end")


def test_no_note_covers_a_copy_once_the_folded_group_is_opened_at_the_end(qtbot, window, tmp_path):
    """The trial's way: the group folded (Ctrl+[), the pass run to its end,
    the group opened again (Ctrl+])."""
    w = window
    open_grouped(qtbot, w, tmp_path)
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL)
    step_by_hand(w)
    keys(qtbot, w, Qt.Key.Key_B, CTRL)
    keys(qtbot, w, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier)
    assert w.backward.animator.at_end
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL)
    w.scene.detail.reveal_all()
    assert_clear(w, "opened at the end")


def test_no_caption_covers_a_port_in_the_trials_hand_built_graph(qtbot, window, tmp_path):
    """The trial's first graph (x, y, mul1, pow1, add1 laid by hand, the rest
    from the f(x) bar, Ctrl+L): at step 7 "y.grad += mul1.grad × 0.7" sat on
    x's output port and the x → pow1 wire."""
    from test_formula_bar_canvas_names import formula_with_table
    from test_formula_bar_wires_clear import add_to_graph
    from trial50_graph import trial_graph

    from gui.backward.caption_layout import PORT_ROOM

    w = window
    open_saved(qtbot, w, trial_graph(output="add1"), tmp_path / "five.mgraph")
    formula_with_table(qtbot, w, "f = tanh(add1) * exp(-y)", add_to_graph(qtbot))
    keys(qtbot, w, Qt.Key.Key_L, CTRL)
    step_by_hand(w)
    keys(qtbot, w, Qt.Key.Key_B, CTRL)
    for step in range(12):
        if w.backward.animator.at_end:
            break
        keys(qtbot, w, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
        w.scene.detail.reveal_all()
        dots = ports(w)
        for what, r in notes_and_captions(w):
            on = [name for name, d in dots if r.intersects(d)]
            assert not on, f"step {step + 1}: {what} covers the ports {on}"
        for e in w.scene.edge_items():
            r = e.caption_rect() if e.flow else None
            if r is None:
                continue
            s, t, p = e.key
            own = {f"{s}.out", f"{t}.in{p}"}  # (its caption may sit by its own wire's ends, not another's)
            near = [
                name
                for name, d in dots
                if name not in own and r.intersects(d.adjusted(-PORT_ROOM, -3, PORT_ROOM, 3))
            ]
            assert not near, f"step {step + 1}: the caption of {e.key} sits by the ports {near}"


def test_the_group_tab_and_its_gradient_flow_bar_keep_off_the_copy_under_them(qtbot, window, tmp_path):
    """Zoomed out (Presentation Mode at 1366 × 768 showed the graph at about
    half size), the tab grew down to the frame's margin's foot and Gradient
    Flow's bar under it ran through the top linked copy "x" (trial 50)."""
    from gui.canvas.folding.group_items import PAD

    w = window
    open_grouped(qtbot, w, tmp_path)
    step_by_hand(w)
    keys(qtbot, w, Qt.Key.Key_B, CTRL)
    keys(qtbot, w, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier)
    menu_action(w.menus["view"], "gradient_flow").trigger()
    w.resize(1366, 768)
    (g,) = list(w.model.groups)
    frame = w.scene.folding.frame(g.id)
    assert frame is not None and frame.strip is not None, "the group's bar is shown"
    seen = set()
    for _ in range(6):  # View › Zoom Out, step by step
        keys(qtbot, w, Qt.Key.Key_Minus, CTRL)
        zoom = w.view.transform().m11()
        if not frame.isVisible() or zoom in seen:
            continue
        seen.add(zoom)
        w.scene.detail.reveal_all()
        tab = frame.title_rect()
        h = min(PAD - 4, max(3.0, 4.0 / zoom))
        bar = frame.mapRectToScene(QRectF(tab.left() + 4, tab.bottom() + 2, tab.width() - 8, h))
        tab = frame.mapRectToScene(tab)
        for key, pill in copies(w):
            assert not pill.intersects(tab), f"at {zoom:.2f} the tab covers the copy {key}"
            assert not pill.intersects(bar), f"at {zoom:.2f} Gradient Flow's bar runs through the copy {key}"
    assert len(seen) >= 3
