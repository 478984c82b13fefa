"""Select All on a big graph (issue 14): its listeners ask how many nodes
are selected, or which one, and none puts 50,000 ids in the graph's order
(≈ 30 ms at 50,000 nodes); counted, never timed. What they show is as
before: the count in Properties and the status line, one node's details."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_scaling_open import grid_model
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel


def select_all_counting(window, monkeypatch, method: str) -> tuple[GraphModel, list[int]]:
    """A 600-node graph opened, then Select All, each call of ``GraphModel.<method>``
    meanwhile counted (the listeners' work done: Properties refreshed as its timer does)."""
    m = grid_model(600, cols=120)
    window.open_model(m, "big")
    QApplication.processEvents()
    calls: list[int] = []
    real = getattr(GraphModel, method)
    monkeypatch.setattr(GraphModel, method, lambda *a, **k: calls.append(1) or real(*a, **k))
    window.action_select_all.trigger()
    QApplication.processEvents()  # every listener: Properties, the actions, the status line, Chain Rule
    window.properties.refresh()
    return m, calls


def test_select_all_puts_no_id_in_order(window, monkeypatch):
    m, ordered = select_all_counting(window, monkeypatch, "topological_order")
    assert ordered == []
    assert "600 nodes selected" in window.properties._empty.text()
    window.status_line.end_message()  # the message of the open, out of the way
    assert "600 nodes selected" in window.status_text()
    assert window.action_copy.isEnabled() and not window.action_set_output.isEnabled()
    assert window.scene.selected_ids() == m.topological_order()  # in order when asked for


def test_one_node_selected_is_shown_as_ever(window):
    m = grid_model(60)
    window.open_model(m, "small")
    QApplication.processEvents()
    window.scene.select_ids(["v7"])
    QApplication.processEvents()
    window.properties.refresh()
    assert window.properties.node_id == "v7"
    window.status_line.end_message()
    assert window.status_text().startswith(f"{m.label('v7')} selected")
    assert window.action_set_output.isEnabled() and not window.action_set_output.isChecked()
    window.editor.set_output("v7")
    QApplication.processEvents()
    assert window.action_set_output.isChecked()


def test_selecting_a_node_asks_no_other_card_for_its_gradient(window, monkeypatch):
    """Properties says "run Backward" or "not reached yet" by whether any card
    shows a pass: worked out once, not by asking every card again at each
    selection (130 ms at 50,000 nodes, for each node Find selects)."""
    from gui.canvas.cards.card_decor import DecoratedCard

    m = grid_model(600, cols=120)
    window.open_model(m, "big")
    QApplication.processEvents()
    asked: list[str] = []
    grad = DecoratedCard.grad
    monkeypatch.setattr(DecoratedCard, "grad", property(lambda it: asked.append(it.node_id) or grad.fget(it)))
    p = window.properties
    for nid in ("v7", "v300", "v9"):
        window.scene.select_ids([nid])
        QApplication.processEvents()
        p.refresh()  # as its timer does
        assert "run Backward" in p.grad_label.text()
    assert len(asked) <= 2 * 3 + 600  # its own card each time (and the scene's one walk)
    window.scene.node_item("v5").set_grad(1.0)  # a pass starts somewhere
    QApplication.processEvents()
    window.scene.select_ids(["v12"])
    QApplication.processEvents()
    p.refresh()
    assert p.grad_label.text() == "not reached yet"
    window.scene.node_item("v5").set_grad(None)
    QApplication.processEvents()
    p.refresh()
    assert "run Backward" in p.grad_label.text()


def test_a_deleted_card_takes_its_pass_with_it(window):
    """The kept answer goes with the card that showed a pass: deleting it and
    adding a node (the same number of cards as before) leaves no card showing
    one, and Properties says so (review: it said "not reached yet")."""
    m = grid_model(60)
    window.open_model(m, "small")
    QApplication.processEvents()
    p = window.properties
    window.scene.select_ids(["v7"])
    QApplication.processEvents()
    p.refresh()
    assert "run Backward" in p.grad_label.text()
    window.scene.node_item("v5").set_grad(1.5)  # as a learning tool marks a card
    QApplication.processEvents()
    p.refresh()
    assert p.grad_label.text() == "not reached yet"
    window.model.remove_node("v5")
    window.model.add_node("leaf", "new", value=1.0)
    QApplication.processEvents()
    p.refresh()
    assert "run Backward" in p.grad_label.text()


def test_the_chain_panel_lays_out_its_hint_once(window, monkeypatch):
    """Select All and clearing the selection both leave the Chain Rule panel
    on its hint: the page shown already is not laid out again (~9 ms each);
    a node selected shows its chain, and the hint comes back after it."""
    m = grid_model(600, cols=120)
    window.open_model(m, "big")
    QApplication.processEvents()
    panel = window.backward.chain_panel
    pages: list[str] = []
    real = panel.view.setHtml
    monkeypatch.setattr(panel.view, "setHtml", lambda text: pages.append(text) or real(text))
    for _ in range(2):
        window.action_select_all.trigger()
        QApplication.processEvents()
        window.scene.clearSelection()
        QApplication.processEvents()
    assert len(pages) <= 1
    assert panel.text().startswith("Select a node")
    window.scene.select_ids(["v7"])
    QApplication.processEvents()
    assert not panel.text().startswith("Select a node")
    window.scene.clearSelection()
    QApplication.processEvents()
    assert panel.text().startswith("Select a node") and len(pages) <= 3
