"""Trial 62, finding 1: the lunch-and-learn MLP imported (``main.py mlp.py``,
as a dropped .py) drew the wire from ``tanh out`` into ``out - y`` under the
leaf y, in line with both, so that the loss read "y − y". A fresh import is
laid out by Auto Layout's grouped layout alone (the rule that moves a card
off an import's wires, ``add_room``, is for cards added beside a graph), and
its lanes left out the one wire into a group's second column; a card of the
first column feeding the same node is now kept off it. Auto Layout with the
groups open (after the tester's fold, Layout, Expand All) lays it out so too."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from snippets import TRIAL62_MLP
from test_formula_bar_wires_clear import cards_under
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401


def import_mlp(qtbot, w, tmp_path) -> None:
    """The trial's file opened from the command line (imported, as a dropped .py)."""
    path = tmp_path / "mlp.py"
    path.write_text(TRIAL62_MLP, "utf-8")
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_dropped(str(path))
    QApplication.processEvents()
    assert len(w.model) == 29 and "Added 29 nodes" in w.status_text(), w.status_text()


def by_label(w) -> dict[str, str]:
    return {w.model.label(n): n for n in w.model.nodes()}


def loss_wire_clear(w) -> None:
    """out → out - y passes under no card (not y's), and y is not level with it."""
    ids = by_label(w)
    out, sub, y = ids["out"], ids["out - y"], ids["y"]
    assert w.model.inputs(sub) == [out, y]
    assert cards_under(w, out, sub, 0) == [], "the wire from out runs under a card"
    # y sits below the wire into the upper port: its card clear of out's row
    card = w.scene.node_item
    assert card(y).sceneBoundingRect().top() > card(out).sceneBoundingRect().bottom()


def test_the_wire_from_out_runs_clear_of_y_when_imported_and_after_layout(qtbot, window, tmp_path):
    w = window
    import_mlp(qtbot, w, tmp_path)
    loss_wire_clear(w)
    # the tester's way round: folded, laid out, opened (opening in place keeps each inside as it
    # was laid out folded, not levelled with its neighbours), then Layout with the groups open
    trigger(w, "collapse_all_groups")
    trigger(w, "layout")
    trigger(w, "expand_all_groups")
    trigger(w, "layout")
    loss_wire_clear(w)
