"""Auto Layout puts the two inputs of a node, stacked in one column, in the
order of its ports (a trial: in every opened neuron of the MLP the last
product sat above the running sum, which feeds the upper port "a": their
wires crossed just before the card)."""

from __future__ import annotations

from core.cli.templates import build
from core.files import fileio
from core.graph.group_layout import grouped_positions


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
