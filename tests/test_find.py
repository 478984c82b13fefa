"""Find in core (core/graph/find.py): which nodes a text matches and in
which order they are visited, folded groups included; the index is built
once per change of the graph, not once per keystroke."""

from __future__ import annotations

from core.graph.find import Finder, shown_cards
from core.graph.model import GraphModel


def grid() -> GraphModel:
    """Leaves laid out in a 3×3 grid, added in a scrambled order."""
    m = GraphModel()
    for nid, label, x, y in [
        ("c", "w3", 400, 0),
        ("a", "w1", 0, 0),
        ("i", "bias", 400, 200),
        ("b", "W2", 200, 0),
        ("e", None, 200, 100),
        ("d", "x1", 0, 100),
        ("f", "x2", 400, 100),
        ("g", "out", 0, 200),
        ("h", "w_out", 200, 200),
    ]:
        m.add_node("leaf", nid, value=1.0, x=x, y=y, label=label)
    return m


def test_label_or_id_any_case_in_reading_order():
    m = grid()
    f = Finder(m)
    # top to bottom, then left to right; "W2" matches "w" (case)
    assert f.find("w") == ["a", "b", "c", "h"]
    assert f.find("W") == ["a", "b", "c", "h"]
    assert f.find("  x ") == ["d", "f"]  # surrounding blanks are not part of the text
    assert f.find("e") == ["e"]  # an id (its label is the id)
    assert f.find("out") == ["g", "h"]
    assert f.find("ou") == ["g", "h"]
    assert f.find("nothing") == []
    assert f.find("") == [] and f.find("   ") == []


def test_a_whole_label_or_id_is_gone_to_first():
    """Typing "n1234" went first to n12348 ("1 of 11"): the match whose whole
    label or id is the text comes first; cycling keeps reading order."""
    m = GraphModel()
    for k, nid in enumerate(["n12348", "n12340", "n1234", "x"]):
        m.add_node("leaf", nid, value=1.0, x=0, y=100 * k, label="out" if nid == "x" else None)
    f = Finder(m)
    # counted from it (a trial read "3 of 5" for the exact match), then on in reading order
    assert f.find("n1234") == ["n1234", "n12348", "n12340"] and f.first == 0
    assert f.find("N1234")[0] == "n1234" and f.first == 0  # any case
    assert f.find("out") == ["x"] and f.first == 0  # a label
    assert f.find("n123") and f.first == 0  # no whole match: the first in reading order


def test_text_does_not_span_label_and_id():
    m = grid()
    f = Finder(m)
    # "w1" + "a" would read "w1a" if the texts were glued together
    assert f.find("w1a") == []
    assert f.find("\x00") == []


def test_index_follows_edits_and_is_built_once_per_change():
    m = grid()
    f = Finder(m)
    assert f.find("w") == ["a", "b", "c", "h"]
    for q in ("w", "w1", "w", "x", "bias"):
        f.find(q)
    assert f.builds == 1  # typing reuses the index
    m.set_value("a", 5.0)
    f.find("w")
    assert f.builds == 1  # a new value finds nothing new
    m.set_label("e", "w_mid")
    assert f.find("w") == ["a", "b", "c", "e", "h"]
    m.set_position("h", -50, 0)  # moved to the top row's left
    assert f.find("w") == ["h", "a", "b", "c", "e"]
    m.remove_node("b")
    assert f.find("w") == ["h", "a", "c", "e"]
    m.add_node("leaf", "z", value=0.0, x=0, y=-10, label="wz")
    assert f.find("w") == ["z", "h", "a", "c", "e"]
    assert f.builds == 5
    f.detach()
    m.set_label("a", "gone")
    assert f.find("w") == ["z", "h", "a", "c", "e"]  # detached: the old index


def test_a_folded_group_is_visited_where_its_card_is():
    m = grid()
    # fold the right-hand column: its card sits at (400, 0), the top row's right end
    g = m.groups.add(["c", "f", "i"], "right column", collapsed=True)
    f = Finder(m)
    assert f.folded_into("f") == g and f.folded_into("a") is None
    # c (in the card) is visited with the card, before anything lower down
    assert f.find("w") == ["a", "b", "c", "h"]
    # f and i (in the card, own rows 100 and 200) come with the card, in the top row
    assert f.find("x") == ["f", "d"]
    assert f.find("2") == ["b", "f"]  # "W2" at (200, 0), then "x2" in the card at (400, 0)
    assert f.find("s") == ["i"]  # "bias": in the card, so in the top row
    m.groups.set_collapsed(g, False)
    assert f.folded_into("f") is None
    assert f.find("x") == ["d", "f"]


def test_nested_folds_the_outermost_card_wins():
    m = grid()
    inner = m.groups.add(["d", "e"], "inner", collapsed=True)
    outer = m.groups.add(["d", "e", "f"], "outer")
    assert m.groups.get(inner).parent == outer
    assert shown_cards(m.groups) == {inner: inner, outer: None}
    f = Finder(m)
    assert f.folded_into("d") == inner and f.folded_into("f") is None
    m.groups.set_collapsed(outer, True)
    assert shown_cards(m.groups) == {inner: outer, outer: outer}
    assert f.folded_into("d") == outer and f.folded_into("f") == outer
    m.groups.set_collapsed(inner, False)
    assert f.folded_into("e") == outer
    m.groups.set_collapsed(outer, False)
    assert f.folded_into("e") is None


def test_many_nodes_each_keystroke_reads_no_model():
    m = GraphModel.from_records(
        {"format": "micrograd-studio", "version": 1},
        [
            (f"n{i}", {"op": "leaf", "value": 1.0, "x": (i % 100) * 200, "y": (i // 100) * 100})
            for i in range(20_000)
        ],
        [],
    )
    f = Finder(m)
    assert f.find("n1999") == ["n1999", *(f"n1999{k}" for k in range(10))]
    calls = []
    m.label = lambda n: calls.append(n)  # type: ignore[method-assign]
    m.position = lambda n: calls.append(n)  # type: ignore[method-assign]
    for q in ("n", "n1", "n12", "n123", "n1234"):
        found = f.find(q)
    assert found == ["n1234", *(f"n1234{k}" for k in range(10))]
    assert calls == [] and f.builds == 1
    assert len(f.find("n")) == 20_000


def test_apostrophes_find_prime_marks():
    """Derivative labels use prime marks (d′, c″) no keyboard has: typing
    d' found nothing in the vanishing example's trial."""
    m = GraphModel()
    for nid, label, x in [("p", "d", 0), ("q", "d\u2032", 100), ("r", "c\u2033", 200), ("s", "c", 300)]:
        m.add_node("leaf", nid, value=1.0, x=x, y=0, label=label)
    f = Finder(m)
    assert f.find("d'") == ["q"]  # not the plain d
    assert f.find("d\u2032") == ["q"]  # the mark itself still works
    assert f.find("c''") == ["r"]
    assert f.find("c'") == ["r"]  # part of c″, as "d" is part of "d′"
    assert f.find("d\u2019") == ["q"]  # a typographic apostrophe (smart quotes)
    assert f.find("d") == ["p", "q"]
    f.find("c''")
    assert f.first == 0  # the whole label c″ is gone to first


def test_a_label_starting_with_the_text_is_gone_to_before_one_containing_it():
    """ "h1.2" went first to w2.1.2·h1.2 (its card 13 px higher than h1.2[1]'s)."""
    m = GraphModel()
    m.add_node("leaf", "p", value=1.0, x=400, y=0, label="w2.1.2·h1.2")
    m.add_node("leaf", "h", value=1.0, x=0, y=13, label="h1.2[1]")
    m.add_node("leaf", "k", value=1.0, x=0, y=50, label="h1.2[2]")
    f = Finder(m)
    assert f.find("h1.2") == ["h", "k", "p"] and f.first == 0  # reading order kept for cycling, from h
    assert f.find("H1.2[") == ["h", "k"] and f.first == 0  # any case
    assert f.find("·h1") and f.first == 0  # none starts with it: reading order


def test_a_name_starting_with_the_text_comes_before_a_product_of_it():
    """A trial typed "w2.3" in the MLP: the first match was the product
    w2.3.1·h1.1[1] (its card above), not the weight w2.3.1. A label that is
    a name starting with the text comes first; names alike keep reading order."""
    m = GraphModel()
    for nid, label, y in [
        ("p", "w2.3.1·h1.1[1]", 0),
        ("s", "w2.3.1·h1.1[1] + b", 50),
        ("w", "w2.3.1", 100),
        ("v", "w2.3.2", 200),
        ("h", "h1.2[1]", 300),
    ]:
        m.add_node("leaf", nid, value=1.0, x=0, y=y, label=label)
    f = Finder(m)
    assert f.find("w2.3") == ["w", "v", "p", "s"]  # the weight first, then on in reading order
    assert f.find("w2.3.1")[0] == "w"  # a whole label
    assert f.find("w2.3.1·")[0] == "p"  # a product asked for: the first in reading order
    assert f.find("h1.2")[0] == "h"  # a data point's index is part of a name


def test_label_matches_come_before_matches_by_id_alone():
    """Trial 49: "x2" went first to the card labelled x1 (id x2), above the
    card x2 (id x21); the cards' labels come first, the ids after, marked."""
    m = GraphModel()
    for nid, label, y in [("x1", "w", 0), ("x2", "x1", 100), ("x21", "x2", 300), ("e", None, 400)]:
        m.add_node("leaf", nid, value=1.0, x=0, y=y, label=label)
    f = Finder(m)
    assert f.find("x2") == ["x21", "x2"] and f.first == 0
    assert f.by_id("x2") and not f.by_id("x21")
    assert f.find("x1") == ["x2", "x1"] and f.by_id("x1")  # the card x1, then w by its id
    assert f.find("e") == ["e"] and not f.by_id("e")  # no label: the id is what the card shows
    assert f.find("x") == ["x2", "x21", "x1"] and f.by_id("x1")


def test_groups_found_by_name_come_in_their_names_natural_order():
    """Not their cards' places: "layer 2", a few pixels higher than "layer 1", came first,
    and "layer 10" (text order) before "layer 2"."""
    m = GraphModel()
    for nid, x, y in [("a", 0, 20), ("b", 200, 0), ("c", 400, 10), ("d", 600, 5)]:
        m.add_node("leaf", nid, value=1.0, x=x, y=y)
    for nid, name in [("d", "layer 10"), ("b", "layer 2"), ("c", "layer 3"), ("a", "layer 1")]:
        m.groups.add([nid], name, collapsed=True)
    f = Finder(m)
    found = f.find("layer")
    names = [m.groups.get(f.group_hit(n)).label for n in found]
    assert names == ["layer 1", "layer 2", "layer 3", "layer 10"]
    assert f.find("LAYER 1") == ["a", "d"]
