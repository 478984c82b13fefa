"""Folding every group of a big graph far out looks each wire crossing a
boundary up as few times as it must (gui/canvas/folding/fold_routes.py,
gui/canvas/wires/lazy_wires.py, gui/canvas/folding/open_routes.py): at 50,000 nodes each
look-up of ~38,000 wire keys in a big map is a pass of ~15-20 ms (a tuple
key's hash is worked out anew each time, reading its two node ids), so the
lazy wires are asked once per wire whether it has an item, not again when
its new ends are noted, and a set of them is checked against a map by the
hashes the set keeps (a set's difference with a dict), not key by key.
Counted, never timed; the wires given up (those with a plain item) are
still noted without one."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_fold_batches import crossing, open_grouped
from test_fold_lazy import FAR, lazy  # noqa: F401
from test_folding_scale import expected_ends
from test_layout_moves import drawn
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.folding.fold_routes import MANY, ends_of, with_items
from gui.canvas.folding.group_card import CARD_W
from gui.canvas.folding.open_routes import OpenRoutes


class Asked(dict):
    """A dict that counts the keys looked up in it with ``in``."""

    asked = 0

    def __contains__(self, key: object) -> bool:
        Asked.asked += 1
        return super().__contains__(key)


def grouped_far(w, tmp_path) -> tuple[list[str], set]:
    """The test graph opened with a group per 30 nodes and zoomed far out:
    the groups, and the wires crossing them."""
    gids = open_grouped(w, tmp_path, n=900, per=30)
    w.view.set_zoom(FAR)
    QApplication.processEvents()
    assert w.scene.far
    return gids, crossing(w)


def test_folding_all_far_out_asks_the_lazy_wires_once_a_crossing_wire(lazy, window, tmp_path):
    w = window
    gids, want = grouped_far(w, tmp_path)
    sc = w.scene
    assert len(want) > 3 * MANY  # the batch
    wires = sc.wires
    for collapsed in (True, False, True):
        wires._pending = Asked(wires._pending)  # (the map itself, counted: its keys and values kept)
        Asked.asked = 0
        w.grouping.set_collapsed(gids, collapsed)
        assert Asked.asked <= len(want) + MANY, collapsed  # once a wire (twice before: ~2 x len(want))
        wires._pending = dict(wires._pending)
        QApplication.processEvents()
        assert not any(wires.made(k) for k in want)  # given up or never made: noted without an item
        moved = drawn(sc._layer)
        sc._layer._fill()  # what a rebuild from the items and the filed wires draws
        assert moved == drawn(sc._layer), collapsed


class Hashed(tuple):
    """A wire key that counts how often its hash is worked out (a set or a
    dict keeps it: what they hand each other is not worked out anew)."""

    hashed = 0

    def __hash__(self) -> int:
        Hashed.hashed += 1
        return super().__hash__()


class Edges:
    def __init__(self, made: dict, pending: dict) -> None:
        self._maps = made, pending

    def maps(self):
        return self._maps


def crossing_keys(n: int) -> set:
    return {Hashed((f"s{i}", f"t{i}", i % 2)) for i in range(n)}


def test_a_batch_of_crossing_wires_is_sorted_by_the_hashes_kept_not_worked_out_anew():
    keys = crossing_keys(3 * MANY)
    made = {k: object() for k in keys if int(k[0][1:]) % 50 == 0}  # a few with an item (far out)
    pending = dict.fromkeys(k for k in keys if k not in made)
    gone = Hashed(("gone", "t", 0))  # unknown: no longer a wire
    asked = keys | {gone}
    Hashed.hashed = 0
    live, items = with_items(asked, Edges(made, pending))
    assert live == keys and items.keys() == made.keys()
    # the few with an item (or unknown) looked up a few times each; none of those pending
    assert Hashed.hashed <= 5 * (len(made) + 1) < len(pending)


def test_routes_kept_for_expand_all_are_checked_by_the_hashes_kept():
    keys = crossing_keys(3 * MANY)
    xy = {k: (0.0, 1.0, 2.0, 3.0) for k in keys}
    pos = {"a": (1.0, 2.0)}
    routes = OpenRoutes()
    routes.keep(xy, pos, 7)
    Hashed.hashed = 0
    assert routes.take(set(keys), pos, 7) is xy  # (``set(keys)``: a set's copy keeps the hashes)
    assert Hashed.hashed == 0 and routes.reused == 1
    assert routes.take(keys | {Hashed(("other", "t", 0))}, pos, 7) is None


class Asked2(dict):
    """A dict that counts ``get``."""

    gets = 0

    def get(self, *a):
        Asked2.gets += 1
        return super().get(*a)


class Folded:
    """A folded card as ends_of reads it: its place and its rows (more than it lists: one summary row)."""

    def __init__(self, x: float) -> None:
        self._x = x

    def x(self) -> float:
        return self._x

    def y(self) -> float:
        return 10.0

    def port_ys(self):
        return {}, {}, 30.0


def test_the_ends_of_a_fold_ask_which_card_shows_a_group_once_a_group_not_once_a_wire():
    groups = 40
    keys = {Hashed((f"a{i}", f"b{i}", 0)) for i in range(3 * MANY)}
    member = {}
    for i in range(3 * MANY):
        member[f"a{i}"], member[f"b{i}"] = f"g{i % groups}", f"g{(i + 1) % groups}"
    fold = Asked2({f"g{k}": f"g{k}" for k in range(groups)})  # every group folded, its own card
    cards = {g: Folded(100.0 * k) for k, g in enumerate(fold)}
    Asked2.gets = 0
    xy, _ = ends_of(keys, Edges({}, dict.fromkeys(keys)), {}, {}, member, fold, cards)
    assert Asked2.gets <= groups  # (two a wire before: one per end)
    for (s, t, _p), (x1, y1, x2, y2) in xy.items():
        assert (x1, y1) == (100.0 * int(member[s][1:]) + CARD_W, 40.0)
        assert (x2, y2) == (100.0 * int(member[t][1:]), 40.0)


def test_expand_all_after_collapse_all_moves_the_overview_lines_it_looked_up_then(lazy, window, tmp_path):
    w = window
    gids, want = grouped_far(w, tmp_path)
    # (linked copies off: the lines they leave out, or draw again as groups fold, are looked up
    # too, as many as change: tests/test_linked_copies.py)
    w.scene.linked.set_on(False)
    layer = w.scene._layer
    for step, collapsed in enumerate((True, False, True, False)):
        layer._lines[None] = Asked2(layer._lines[None])  # its lines, their look-ups counted
        Asked2.gets = 0
        batched = layer.lines_batched
        w.grouping.set_collapsed(gids, collapsed)
        assert layer.lines_batched - batched == len(want)  # moved in one call each time
        # the first fold looks each line up; then the same wires, in the same order: none
        assert Asked2.gets == (len(want) if step == 0 else 0), step
        layer._lines[None] = dict(layer._lines[None])
        QApplication.processEvents()
        for key in want:  # each line where the groups say
            a, b = expected_ends(w, *key)
            assert layer._line_of(key).toTuple() == (a.x(), a.y(), b.x(), b.y()), (step, key)
    moved = drawn(layer)
    layer._fill()  # what a rebuild from the items and the filed wires draws
    assert moved == drawn(layer)
    w.grouping.set_collapsed(gids, True)  # (a rebuild made new lines: looked up again, drawn as ever)
    moved = drawn(layer)
    layer._fill()
    assert moved == drawn(layer)
