"""A file may leave node positions out (the format makes ``x`` and ``y``
optional; its own example gives one node a position): the window lays a
graph without any out as Auto Layout would instead of piling every card at
the origin, places only the nodes without one where some have one (each
beside the cards it is wired to, clear of the others: trial 66 #5), and says
so; a file that places every node opens as it is."""

from __future__ import annotations

import json

from test_fileio import spec_doc
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.cli.templates import build
from core.files import fileio
from gui.canvas.cards.node_item import NodeItem


def _cards_apart(w) -> None:
    cards = [it for it in w.scene.items() if isinstance(it, NodeItem) and it.isVisible()]
    assert len(cards) == len(w.model)
    for i, c in enumerate(cards):
        for d in cards[i + 1 :]:
            assert not c.sceneBoundingRect().intersects(d.sceneBoundingRect()), (c.node_id, d.node_id)


def test_the_specs_example_opens_laid_out_not_piled(qtbot, window, tmp_path):
    """The spec's example places a alone: a stays there, the others are
    placed around it, each right of its inputs (trial 66 #5: a file's
    positions are kept)."""
    path = tmp_path / "example.mgraph"
    path.write_text(json.dumps(spec_doc()), encoding="utf-8")
    assert window.open_path(path)
    m = window.model
    assert m.position("a") == (0.0, 0.0)
    for s, t in (("a", "e"), ("b", "e"), ("e", "d"), ("c", "d"), ("d", "L"), ("f", "L")):
        assert m.position(s)[0] < m.position(t)[0], (s, t)
    _cards_apart(window)
    assert "gave 6 of 7 nodes no position: placed beside the cards wired to them" in window.status_text()
    assert not window.is_modified()  # nothing of the graph changed: Save is the user's
    assert json.loads(path.read_text(encoding="utf-8")) == spec_doc()  # the file as it was


def test_a_grouped_neuron_without_positions_opens_as_layout_places_it(qtbot, window, tmp_path):
    data = json.loads(fileio.dumps(build("neuron")))
    for nd in data["nodes"]:
        nd.pop("x"), nd.pop("y")
    path = tmp_path / "neuron.mgraph"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_path(path)
    assert [g.label for g in window.model.groups] == ["neuron"]
    assert len({window.model.position(n) for n in window.model.nodes()}) == len(window.model)
    _cards_apart(window)


def test_a_file_that_places_every_node_opens_where_it_says(qtbot, window, tmp_path):
    data = spec_doc()
    for i, nd in enumerate(data["nodes"]):
        nd["x"], nd["y"] = 300.0 * i, 50.0 * i
    path = tmp_path / "placed.mgraph"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_path(path)
    assert [window.model.position(nd["id"]) for nd in data["nodes"]] == [
        (300.0 * i, 50.0 * i) for i in range(7)
    ]
    assert "no position" not in window.status_text()


def test_folded_groups_without_positions_open_laid_out_inside_too(qtbot, window, tmp_path):
    """The review: the one-point MLP without positions opened with each
    folded layer's 28 nodes on one point (a folded group moves as its card,
    its nodes kept where they were in it): opening one showed a pile."""
    data = json.loads(fileio.dumps(build("mlp", one_point=True)))
    for nd in data["nodes"]:
        nd.pop("x"), nd.pop("y")
    path = tmp_path / "mlp1.mgraph"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_path(path)
    m = window.model
    assert len({m.position(n) for n in m.nodes()}) == len(m)
    layer = next(g for g in m.groups if g.label == "layer 1 [1]")
    assert layer.collapsed and len({m.position(n) for n in m.groups.nodes_in(layer.id)}) > 20


def test_without_positions_each_neuron_is_laid_out_as_a_block_of_its_own():
    """A new user's trial: the MLP without positions, opened and expanded,
    had its neurons' nodes mixed in one another's frames (laid out by depth
    alone before the groups were placed). Laid out as Auto Layout lays the
    groups open, each neuron's nodes keep to a box no sibling's reaches."""
    from core.graph.group_layout import place_unplaced

    data = json.loads(fileio.dumps(build("mlp", one_point=True)))
    for nd in data["nodes"]:
        nd.pop("x"), nd.pop("y")
    m = fileio.loads(json.dumps(data))
    assert place_unplaced(m) == len(m)
    gs = m.groups

    def box(gid):
        xs, ys = zip(*(m.position(n) for n in gs.nodes_in(gid)))
        return min(xs), min(ys), max(xs), max(ys)

    checked = 0
    for layer in (g for g in gs if g.label.startswith("layer") and "weights" not in g.label):
        kids = [box(k) for k in gs.children(layer.id)]
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                checked += 1
                assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (layer.label, a, b)
    assert checked >= 6


def test_opening_a_file_of_folded_groups_says_how_to_open_them(qtbot, window, tmp_path):
    """A trial: the folded MLP opened saying "Opened …" only; nothing told a
    learner that its cards open, nor how, nor what to do next."""
    from window_helpers import open_mlp_file

    open_mlp_file(qtbot, window, tmp_path)
    text = window.status_text()
    folded = sum(g.collapsed for g in window.model.groups)
    assert folded and f"{folded} groups are folded" in text and "Ctrl+] opens it" in text and "Ctrl+B" in text


def _laid_out_with_new_nodes(tmp_path):
    """A laid-out file (the blog example as Auto Layout places it), then
    three nodes a script added without x/y: m = L * a, and lonely = k² wired
    to nothing placed (trial 66 #5's extra.mgraph)."""
    data = json.loads(fileio.dumps(fileio.load("resources/examples/blog_L.mgraph")))
    placed = {nd["id"]: (nd["x"], nd["y"]) for nd in data["nodes"]}
    data["nodes"] += [
        {"id": "m", "op": "mul"},
        {"id": "k", "op": "leaf", "value": 1.5},
        {"id": "lonely", "op": "pow", "exponent": 2.0},
    ]
    data["edges"] += [
        {"source": "L", "target": "m", "port": 0},
        {"source": "a", "target": "m", "port": 1},
        {"source": "k", "target": "lonely", "port": 0},
    ]
    path = tmp_path / "extra.mgraph"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, placed


def test_only_the_nodes_without_a_position_are_placed():
    from core.graph.group_layout import place_unplaced
    from core.graph.layout import NODE_H, NODE_W

    data = json.loads(fileio.dumps(fileio.load("resources/examples/blog_L.mgraph")))
    placed = {nd["id"]: (nd["x"], nd["y"]) for nd in data["nodes"]}
    data["nodes"].append({"id": "m", "op": "mul"})
    data["edges"] += [{"source": "L", "target": "m", "port": 0}, {"source": "a", "target": "m", "port": 1}]
    m = fileio.loads(json.dumps(data))
    assert place_unplaced(m) == 1
    assert {n: m.position(n) for n in placed} == placed
    x, y = m.position("m")
    assert x > placed["L"][0]  # right of its inputs, the nearest free place there
    assert min(py for _px, py in placed.values()) <= y <= max(py for _px, py in placed.values())
    for px, py in placed.values():
        assert abs(px - x) >= NODE_W or abs(py - y) >= NODE_H


def test_a_file_with_a_few_nodes_unplaced_keeps_every_other_card(qtbot, window, answers, tmp_path):
    """Opened, edited and saved as a user does: every card the file placed
    is where the file put it, before and after the save; the new ones are
    placed beside what they are wired to, clear of every card."""
    from test_window_files import edit_a
    from window_helpers import trigger

    path, placed = _laid_out_with_new_nodes(tmp_path)
    answers.open_path = str(path)
    trigger(window, "open")
    m = window.model
    assert {n: m.position(n) for n in placed} == placed
    assert m.position("m")[0] > placed["L"][0]
    assert m.position("k")[0] < m.position("lonely")[0]  # k feeds lonely: left of it
    assert m.position("k")[1] > max(y for _x, y in placed.values())  # a new part: below the graph
    _cards_apart(window)
    assert "gave 3 of 10 nodes no position: placed beside the cards wired to them" in window.status_text()
    edit_a(window, 4.0)
    trigger(window, "save")
    saved = {nd["id"]: (nd["x"], nd["y"]) for nd in json.loads(path.read_text(encoding="utf-8"))["nodes"]}
    assert {n: saved[n] for n in placed} == placed
    assert saved["m"] == m.position("m")


def test_a_card_too_far_out_is_placed_beside_its_neighbours_and_named(qtbot, window, answers, tmp_path):
    """Trial 66 #8: a hand-edited x = 1e300 (a finite number, so a valid
    file: the spec lists what is invalid, and positions are not among it)
    opened at 0.02 % zoom with nothing in sight, and the far card could not
    be reached. It is placed as a card without a position, and the status
    bar names it and the coordinate."""
    from window_helpers import trigger

    from core.graph.unplaced import FARTHEST, far_out

    data = json.loads(fileio.dumps(fileio.load("resources/examples/blog_L.mgraph")))
    placed = {nd["id"]: (nd["x"], nd["y"]) for nd in data["nodes"]}
    for nd in data["nodes"]:
        if nd["id"] == "f":
            nd["x"] = 1e300
        if nd["id"] == "c":
            nd["y"] = -FARTHEST  # (as far as a card may be: kept)
    path = tmp_path / "huge.mgraph"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert far_out(fileio.load(path)) == {"f": "x = 1e+300"}
    answers.open_path = str(path)
    trigger(window, "open")
    assert answers.errors == [] and window.path == str(path)
    m = window.model
    assert m.position("c") == (placed["c"][0], -FARTHEST)
    assert {n: m.position(n) for n in placed if n not in "fc"} == {
        n: placed[n] for n in placed if n not in "fc"
    }
    x, y = m.position("f")
    assert x < placed["L"][0] and abs(y - placed["L"][1]) < 300  # left of L, which it feeds
    said = window.status_text()
    assert "node 'f' was at x = 1e+300, too far out to show: placed beside the cards wired to it" in said
    assert "no position" not in said  # (every other node has one)
