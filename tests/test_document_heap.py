"""A big document is frozen out of the cycle collector once built, and a
closed one is freed (gui/document/heap.py)."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel
from gui.document import heap


def _chain(n: int) -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "x0", value=0.5)
    for i in range(1, n):
        m.add_node("tanh", f"x{i}", x=150.0 * i)
        m.connect(f"x{i - 1}", f"x{i}", 0)
    return m


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_a_big_document_is_frozen_and_a_closed_one_freed(window, monkeypatch, unfrozen):
    monkeypatch.setattr(heap, "FREEZE_FROM", 30)
    window.open_model(_chain(40), "big")
    model = window.model
    assert gc.get_freeze_count() > 0
    listed = {id(o) for o in gc.get_objects()}  # frozen objects are not listed
    assert id(model) not in listed and id(window.scene.node_item("x5")) not in listed
    gone = weakref.ref(model)
    del model
    window.undo_stack.setClean()
    window.open_model(_chain(3), "small")  # below the bound: nothing frozen
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None  # the big one's model (held in cycles by its scene) is freed


def test_a_small_document_freezes_nothing(window, unfrozen):
    window.open_model(_chain(5), "small")
    assert gc.get_freeze_count() == 0


def test_a_big_document_opened_over_a_big_one_frees_it_before_freezing(window, monkeypatch, unfrozen):
    """The old document is collected when the scene lets it go, before the
    new cards exist; nothing of it may be left to be frozen with the new one."""
    monkeypatch.setattr(heap, "FREEZE_FROM", 30)
    window.open_model(_chain(40), "first")
    gone_model = weakref.ref(window.model)
    gone_card = weakref.ref(window.scene.node_item("x5"))
    window.undo_stack.setClean()
    walked: list[bool] = []  # for each collection: were the new cards there yet?

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            walked.append(window.scene.node_item("x45") is not None)  # x45: only in the second

    gc.callbacks.append(note)
    try:
        window.open_model(_chain(50), "second")
    finally:
        gc.callbacks.remove(note)
    assert walked == [False]  # one collection, before the new cards were made
    assert gone_model() is None and gone_card() is None  # freed by it, not frozen
    assert gc.get_freeze_count() > 0


def test_the_overview_made_again_for_a_big_document_joins_its_frozen_heap(window, monkeypatch, unfrozen):
    """Grouping files the far overview's blocks and lines again under their
    groups' boxes (a table a box), and a rebuild makes them again (a line per
    wire, a block per card): for a big document they are frozen with it,
    not left for the next collections to walk (~0.2-0.3 s each at 50,000
    nodes, paid by the fold that follows)."""
    monkeypatch.setattr(heap, "FREEZE_FROM", 30)
    window.open_model(_chain(40), "big")
    layer = window.scene._layer
    layer._rebuild()  # (built, as after its first paint: its blocks and lines frozen)
    window.model.groups.add([f"x{i}" for i in range(10)], "part")
    assert layer.built  # filed again under the boxes in place, not made again: the same frozen objects
    listed = {id(o) for o in gc.get_objects()}
    lines = [line for d in layer._lines.values() for line in d.values()]
    blocks = [r for by_box in layer._blocks for t in by_box.values() for r in t.values()]
    assert "group1" in layer._lines and len(lines) == 39 and len(blocks) == 40
    assert not any(id(x) in listed for x in lines + blocks)
    layer._rebuild()
    listed = {id(o) for o in gc.get_objects()}
    lines = [line for d in layer._lines.values() for line in d.values()]
    assert len(lines) == 39 and not any(id(x) in listed for x in lines)
    window.undo_stack.setClean()


def test_a_big_pass_is_frozen_with_the_document(window, monkeypatch, unfrozen):
    """Backward on a big document: no collection walks the heap while the
    pass is made and shown, and its records join the frozen heap (they
    live as long as it is shown; no later collection walks them)."""
    monkeypatch.setattr(heap, "FREEZE_FROM", 30)
    window.open_model(_chain(1000), "big")
    window.backward.action_autoplay.setChecked(False)
    collections: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(note)
    try:
        window.backward.action_backward.trigger()
        for _ in range(3):  # the first frame, then the idle turn that files who sent what
            QApplication.processEvents()
    finally:
        gc.callbacks.remove(note)
    assert collections == []
    steps = window.document.backward_pass.steps
    kept = [steps._inputs, steps._ops, steps._senders, *steps.sender_table().values()]
    listed = {id(o) for o in gc.get_objects()}  # what the collector walks (not the frozen)
    assert len(kept) > 1000 and not any(id(o) in listed for o in kept)
    assert gc.isenabled()


def test_a_small_pass_is_left_to_the_collector(window, unfrozen):
    window.open_model(_chain(50), "small")
    window.backward.action_backward.trigger()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_live_views_pass_is_left_to_the_collector(window, monkeypatch, unfrozen):
    """show_finished (Train on Data redraws it a few times a second) freezes
    nothing: each would freeze whatever was young, garbage cycles too."""
    monkeypatch.setattr(heap, "FREEZE_FROM", 30)
    window.open_model(_chain(100), "big")
    gc.unfreeze()
    assert window.backward.show_finished()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
