"""Auto Layout puts the two inputs of a node, stacked in one column, in the
order of its ports (a trial: in every opened neuron of the MLP the last
product sat above the running sum, which feeds the upper port "a": their
wires crossed just before the card)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.cli.templates import build
from core.files import fileio
from core.graph.group_layout import grouped_positions
from core.graph.layout import ROW, layered_positions
from tests.test_bulk_edits import grid_model

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def _crossed(m, pos) -> tuple[int, int]:
    """Pairs of inputs of one node, in one column of its group, in port
    order (a above b) and against it."""
    kept = crossed = 0
    of = m.groups.membership()
    for t in m.nodes():
        ins = m.inputs(t)
        if len(ins) != 2 or None in ins or ins[0] == ins[1]:
            continue
        a, b = ins
        if of.get(a) != of.get(t) or of.get(b) != of.get(t) or pos[a][0] != pos[b][0]:
            continue
        if pos[a][1] < pos[b][1]:
            kept += 1
        else:
            crossed += 1
    return kept, crossed


def test_the_mlps_sums_and_products_feed_their_ports_in_order(tmp_path):
    path = tmp_path / "mlp.mgraph"
    fileio.save(build("mlp"), str(path))  # as the headless template writes it
    m = fileio.load(str(path))
    # where Expand All opens each node: its place in the file
    kept, crossed = _crossed(m, {n: m.position(n) for n in m.nodes()})
    assert kept >= 40 and crossed == 0, (kept, crossed)
    for g in m.groups.ids():  # and Auto Layout with every group open
        m.groups.set_collapsed(g, False)
    kept, crossed = _crossed(m, grouped_positions(m))
    assert kept >= 40 and crossed == 0, (kept, crossed)


def test_the_neurons_plain_layout_keeps_its_ports_in_order():
    # Insert Neuron (and every graph without groups) is laid out by
    # layered_positions: the bias b sat above x1*w1 + x2*w2, which feeds n's upper port
    m = build("neuron")
    pos = {n: m.position(n) for n in m.nodes()}
    a, b = m.inputs("n")
    assert pos[a][0] == pos[b][0] and pos[a][1] < pos[b][1], (a, b, pos[a], pos[b])
    m.groups.clear()
    kept, crossed = _crossed(m, layered_positions(m))
    assert kept >= 3 and crossed == 0, (kept, crossed)


@pytest.mark.parametrize("seed", range(1, 13))
def test_the_plain_layout_of_a_random_graph_has_no_crossing_before_a_card(seed):
    # where two neighbours of a column are the inputs of one node, the upper
    # feeds its lower port (unless they also feed another node the other way
    # round: no order serves both)
    m = grid_model(700, seed=seed)
    pos = layered_positions(m)
    at = {xy: n for n, xy in pos.items()}

    def ports(u, v):  # for each node both feed: whether u feeds a lower port than v
        return {m.inputs(t).index(u) < m.inputs(t).index(v) for t, _p in m.consumers(u) if v in m.inputs(t)}

    kept = crossed = 0
    for t in m.nodes():
        ins = m.inputs(t)
        if len(ins) != 2 or None in ins or ins[0] == ins[1]:
            continue
        (xa, ya), (xb, yb) = pos[ins[0]], pos[ins[1]]
        if xa == xb and abs(ya - yb) == ROW and {at[(xa, min(ya, yb))], at[(xa, max(ya, yb))]} == set(ins):
            if len(ports(*ins)) > 1:
                continue
            if ya < yb:
                kept += 1
            else:
                crossed += 1
    assert kept >= 10 and crossed == 0, (kept, crossed)


@pytest.mark.parametrize("grouped", [False, True])
def test_the_neurons_leaves_sit_by_what_they_feed_whatever_the_files_order(grouped):
    # neuron_tanh's leaves come in file order x1 x2 w1 w2: stacked so, x2's wire
    # to x2*w2 crossed w1's to x1*w1. Each column's leaves go by what they feed.
    m = fileio.load(str(EXAMPLES / "neuron_tanh.mgraph"))
    leaves = [n for n in m.nodes() if m.op(n) == "leaf"]
    assert leaves.index("x2") < leaves.index("w1")  # (the file's order)
    if grouped:  # inside a group's frame, as Auto Layout lays an open group out
        m.groups.add(list(m.nodes()), "neuron")
    pos = grouped_positions(m) if grouped else layered_positions(m)
    column = sorted((n for n in ("x1", "w1", "x2", "w2")), key=lambda n: pos[n][1])
    assert column == ["x1", "w1", "x2", "w2"], column
    assert len({pos[n][0] for n in column}) == 1
