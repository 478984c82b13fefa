"""The checks tests/action_sequences.py makes after each operation: the
canvas mirrors the model, a finished pass shows the headless command's
gradients, the graph survives a save and reopen; and the snapshots an undo
is compared by."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from core.files import fileio
from core.files.tables import read_tables
from core.graph.errors import GraphError
from core.graph.headless import backward_numbered
from core.graph.model import GraphModel
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.wires.wire_pool import SPARE


# ---------------------------------------------------------------- checks
def snapshot(model: GraphModel) -> str:
    """Nodes, edges, values, output and groups, comparable with ==."""
    data = {
        "nodes": {n: model.node(n) for n in model.nodes()},
        "edges": sorted(model.edges()),
        "values": {n: model.value(n) for n in model.nodes()},
        "output": model.output,
        "groups": model.groups.to_records(),
    }
    return json.dumps(data, sort_keys=True, default=repr)


def difference(a: str, b: str) -> str:
    """Where two snapshots differ, briefly."""
    x, y = json.loads(a), json.loads(b)
    out = []
    for key in x:
        if x[key] == y[key]:
            continue
        if isinstance(x[key], dict):
            ks = sorted(set(x[key]) | set(y[key]))
            d = [(k, x[key].get(k), y[key].get(k)) for k in ks if x[key].get(k) != y[key].get(k)]
            out.append(f"{key}: {d[:4]} ({len(d)} differ)")
        elif isinstance(x[key], list) and key == "edges":
            xs, ys = {tuple(e) for e in x[key]}, {tuple(e) for e in y[key]}
            out.append(f"edges lost {sorted(xs - ys)[:4]}, gained {sorted(ys - xs)[:4]}")
        else:
            out.append(f"{key}: {str(x[key])[:300]} -> {str(y[key])[:300]}")
    return "; ".join(out)


def inconsistency(window) -> str | None:
    """How the canvas differs from the model, or None (tests/test_every_action.py
    asks it too): every node a card, every wire an item or pending (no item
    yet, made when it comes into view: gui/canvas/wires/lazy_wires.py; a big
    insert files them so), the folded cards' held moves hidden, each card
    where the model has it."""
    model, scene = window.model, window.scene
    parked = scene.parking.holds
    nodes = sorted(it.node_id for it in scene.items() if isinstance(it, NodeItem) and not parked(it))
    made = [it.key for it in scene.items() if isinstance(it, EdgeItem) and it.key != SPARE]
    pending = scene.wires.pending()
    if nodes != sorted(model.nodes()):
        return f"node items {nodes} != model nodes {sorted(model.nodes())}"
    both = set(made) & set(pending)
    if both:
        return f"wires both made and pending: {sorted(both)}"
    edges = sorted(made + list(pending))
    if edges != sorted(model.edges()):
        have, want = set(edges), set(model.edges())
        return f"wires the model lacks {sorted(have - want)}; wires with no item {sorted(want - have)}"
    for c in scene.held_cards():
        if any(scene.node_item(n).isVisible() for n in model.groups.nodes_in(c)):
            return f"a card of the folded group {c!r} is shown, its move held"
    scene.flush_held()
    for n in nodes:
        if scene.node_item(n) is None or scene.node_item(n).scene() is not scene:
            return f"the id->item map lacks {n!r}"
        pos = scene.node_item(n).pos()
        if (pos.x(), pos.y()) != tuple(model.position(n)):
            return f"{n!r} is drawn at {(pos.x(), pos.y())}, the model has {model.position(n)}"
    return None


def short(text: str, most: int = 700) -> str:
    return text if len(text) <= most else f"{text[: most // 2]} … {text[-most // 2 :]}"


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    if math.isnan(a) and math.isnan(b):
        return True
    return a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def grads_problem(window) -> str | None:
    """A finished pass: the gradients its cards show differ from the headless
    command's on the same model (saved, its tables read back), or None."""
    bw = window.backward
    anim = bw.animator
    result = window.document.backward_pass
    if not anim.active or not anim.at_end or result is None or bw.replay is None:
        return None
    if getattr(bw.replay, "quantity", "grad") != "grad":
        return None  # forward mode shows tangents
    # the headless command refuses an empty port anywhere; the window's pass
    # needs only the root's past: the model saved with just that, read back
    past = set(result.order)
    copy = fileio.loads(fileio.dumps(window.model))
    copy.remove_nodes([n for n in copy.nodes() if n not in past])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.mgraph"
        fileio.save(copy, str(path))
        t = read_tables(path)
    try:
        ref = backward_numbered(
            t.ids, t.nodes, t.ops, t.src0, t.src1, t.order, t.attrs.get("output"), result.root, t.index
        )
    except GraphError as e:
        return f"the pass is shown finished but the headless backward refuses: {e}"
    for i, n in enumerate(t.ids):
        if n not in past:
            continue
        it = window.scene.node_item(n)
        shown = None if it is None else it.grad
        if not same(shown, ref.grads[i]):
            return f"{n!r} shows grad {shown!r}, headless backward gives {ref.grads[i]!r}"
    return None


def round_trip_problem(model: GraphModel) -> str | None:
    """The graph saved and opened again is not the same graph, or cannot be saved or opened."""
    try:
        again = fileio.loads(fileio.dumps(model))
    except Exception as e:  # noqa: BLE001
        return f"the graph cannot be saved and opened again: {type(e).__name__}: {short(str(e))}"
    a, b = snapshot(model), snapshot(again)
    if a != b:
        return f"the graph saved and opened again differs: {difference(a, b)}"
    return None
