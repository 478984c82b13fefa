"""Auto Layout and its undo at 50,000 nodes (issue 14) spend most of their time
in passes over every card and wire, each look-up far apart in memory: what a
batch move of most of the graph skips is counted here, never timed; what is
drawn must be what a rebuild from the items draws."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from scene_checks import brute_rect
from test_layout_moves import canvas, drawn, grid_model, ports

from core.graph.layout import layered_positions
from gui.common import style as S
from gui.editing import commands as C


def drawn_as_rebuilt(layer) -> bool:
    moved = drawn(layer)
    layer._fill()  # what a rebuild from the items draws
    return moved == drawn(layer)


def test_auto_layout_and_its_undo_ask_no_card_one_by_one_whether_it_moved(qtbot):
    m = grid_model(400)
    stack, scene, view = canvas(qtbot, m, S.FAR_ZOOM / 4)
    before = {n: m.position(n) for n in m.nodes()}
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    view.viewport().repaint()
    # only the nodes that move are in the command, each filed elsewhere: all taken at once
    assert scene.cards_checked_each == 0
    after = {n: m.position(n) for n in m.nodes()}
    assert all(it.pos().toTuple() == after[it.node_id] for it in scene.node_items())
    stack.undo()
    view.viewport().repaint()
    assert scene.cards_checked_each == 0
    assert all(it.pos().toTuple() == before[it.node_id] for it in scene.node_items())
    assert all(tuple(p.toTuple() for p in e.ends()) == ports(scene, e) for e in scene.edge_items())
    assert drawn_as_rebuilt(scene._layer)


def test_a_batch_move_naming_a_card_already_there_asks_each_card(qtbot):
    m = grid_model(200)
    stack, scene, view = canvas(qtbot, m, S.FAR_ZOOM / 4)
    moves = {n: (x + 40.0, y) for n, (x, y) in ((n, m.position(n)) for n in m.nodes())}
    moves["v5"] = m.position("v5")  # filed where it goes: the card is asked
    m.set_positions(moves)
    assert scene.cards_checked_each == len(moves)
    assert all(it.pos().toTuple() == moves[it.node_id] for it in scene.node_items())
    assert all(tuple(p.toTuple() for p in e.ends()) == ports(scene, e) for e in scene.edge_items())


def test_the_overview_moves_most_blocks_in_one_pass_over_its_tables(qtbot):
    m = grid_model(300)
    stack, scene, view = canvas(qtbot, m, S.FAR_ZOOM / 4)
    QApplication.processEvents()
    scene.select_ids(["v7", "v250"])
    view.viewport().repaint()
    layer = scene._layer
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    view.viewport().repaint()
    assert layer.blocks_in_one_pass == 1 and drawn_as_rebuilt(layer)
    stack.undo()
    view.viewport().repaint()
    assert layer.blocks_in_one_pass == 2 and drawn_as_rebuilt(layer)
    # a few cards moved: each block found from the card (not a pass over every block)
    C.push(stack, C.MoveCommand(m, {f"v{i}": (m.position(f"v{i}"), (i * 30.0, 5.0)) for i in range(100)}))
    view.viewport().repaint()
    assert layer.blocks_in_one_pass == 2 and drawn_as_rebuilt(layer)


def cards_in(scene, r) -> set[str]:
    return {it.node_id for it in scene.node_items() if it.sceneBoundingRect().intersects(r)}


def grid_answers_right(scene) -> bool:
    rects = (QRectF(0, 0, 600, 400), QRectF(-300, -2000, 900, 5000), scene.graph_rect())
    return scene.graph_rect() == brute_rect(scene) and all(
        {it.node_id for it in scene.node_items_in(r)} == cards_in(scene, r) for r in rects
    )


def test_the_undo_and_redo_of_auto_layout_take_back_the_card_grid_they_replaced(qtbot):
    m = grid_model(300)
    stack, scene, view = canvas(qtbot, m, S.FAR_ZOOM / 4)
    grid = scene._grid
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    assert grid.swapped == 0 and grid_answers_right(scene)
    stack.undo()  # every card back where the cells before the layout were filed: taken back
    assert grid.swapped == 1 and grid_answers_right(scene)
    stack.redo()
    assert grid.swapped == 2 and grid_answers_right(scene)
    # a card moved between: the kept cells are dropped, the undo files every card anew
    C.push(stack, C.MoveCommand(m, {"v3": (m.position("v3"), (50.0, 60.0))}))
    stack.undo()
    stack.undo()
    assert grid.swapped == 2 and grid_answers_right(scene)
    # a second, other layout: not the positions the kept cells were filed by
    C.push(stack, C.LayoutCommand(m, {n: (x * 2.0, y + 7.0) for n, (x, y) in layered_positions(m).items()}))
    assert grid.swapped == 2 and grid_answers_right(scene)
