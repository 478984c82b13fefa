"""Asking the model its order (``topological_order``: as the file saved now
and opened again lists the nodes) is a query: it changes nothing the edits
keep (read-through 59: it re-ranked the model's own order as a side effect,
and threw away the order an edit's sweep had sorted). The answer is the
file's order still, asked before or after edits, wired along the order
the nodes were made in or against it."""

from __future__ import annotations

import random

from core.files import fileio
from core.graph.model import GraphModel


def state(m: GraphModel) -> tuple:
    """What the edits keep of the order: the dynamic order's ranks and moves, the sweep's order."""
    return dict(m._order.rank), m._order.moves, m._whole


def test_asking_the_order_changes_nothing_and_answers_the_files_order():
    for seed in range(12):
        rnd = random.Random(seed)
        m = GraphModel()
        made: list[str] = []
        for i in range(60):  # operators made before the leaves that feed them: wires against the order
            made.append(m.add_node(rnd.choice(["add", "mul", "sub"]) if i % 3 else "leaf", value=1.5))
        for t in made:
            if m.op(t) == "leaf":
                continue
            for p in (0, 1):
                s = rnd.choice(made)
                if m.can_connect(s, t, p) is None:
                    m.connect(s, t, p)
        leaf = next(n for n in made if m.op(n) == "leaf" and m.consumers(n))
        m.set_value(leaf, 0.25)  # (an edit: its sweep's order sorted and kept)
        for _ask in range(2):
            before = state(m)
            got = m.topological_order()
            assert state(m) == before, seed  # (was: the ranks made the file's, the sweep's order gone)
            assert got == fileio.loads(fileio.dumps(m)).topological_order(), seed
            some = rnd.sample(made, 20)
            assert m.topological_order(some) == [n for n in got if n in set(some)], seed
            m.set_value(leaf, 0.5)


def test_after_a_wire_against_the_order_comes_and_goes_the_order_is_still_the_files_edit_by_edit():
    """A graph made inputs first gets a wire against the order (its ranks
    move), which goes again: its order is the listing's again, and stays
    the file's through the edits after (wires made and cut, nodes made and
    deleted), each answer changing nothing."""
    for seed in range(10):
        rnd = random.Random(seed)
        m = GraphModel()
        made = [m.add_node("leaf", value=0.5 + i) for i in range(8)]
        for _ in range(40):
            t = m.add_node(rnd.choice(["add", "mul"]))
            m.connect(rnd.choice(made), t, 0)
            m.connect(rnd.choice(made), t, 1)
            made.append(t)
        late = m.add_node("leaf", value=2.0)  # made last: into an early operator, against the order
        early = made[10]
        was = m.inputs(early)[0]
        m.disconnect(early, 0)
        m.connect(late, early, 0)
        assert m.topological_order() == fileio.loads(fileio.dumps(m)).topological_order(), seed
        m.disconnect(early, 0)
        m.connect(was, early, 0)  # (listed inputs first again, the ranks moved)
        for step in range(30):
            ops = [n for n in m.nodes() if m.op(n) != "leaf"]
            kind = rnd.random()
            if kind < 0.5:  # a wire anew, wherever it may go (along the listing or not)
                t = rnd.choice(ops)
                p = rnd.randrange(2)
                s = rnd.choice(m.nodes())
                if m.inputs(t)[p] is not None:
                    m.disconnect(t, p)
                if m.can_connect(s, t, p) is None:
                    m.connect(s, t, p)
            elif kind < 0.75:
                n = m.add_node("add")
                m.connect(rnd.choice(m.nodes()[:-1]), n, 0)
            else:
                m.remove_node(rnd.choice(ops))
            before = state(m)
            got = m.topological_order()
            assert state(m) == before, (seed, step)
            assert got == fileio.loads(fileio.dumps(m)).topological_order(), (seed, step)
