"""Review helper: the folding layer's boxes, homes and index against a fresh build."""

from __future__ import annotations

from gui.canvas.folding.fold_index import FoldIndex
from gui.canvas.folding.group_box import GroupBox


def _nonempty(d):
    return {k: v for k, v in d.items() if v}


def consistent(scene) -> list[str]:
    out: list[str] = []
    m, fl = scene.model, scene.folding
    gs, idx, homes = m.groups, fl._index, fl._homes
    if fl._revision != gs.revision:
        out.append(f"revision {fl._revision} != {gs.revision}")
    if set(homes.boxes) != set(gs.ids()):
        out.append(f"boxes {sorted(homes.boxes)} != groups {sorted(gs.ids())}")
    for g in gs:
        b = homes.boxes.get(g.id)
        if b is None:
            continue
        want = homes.boxes.get(g.parent) if g.parent is not None else None
        if b.parentItem() is not want:
            out.append(f"box {g.id} parent wrong")
        if b.scene() is not scene:
            out.append(f"box {g.id} not in scene")
        hidden = any(gs.get(x).collapsed for x in [g.id, *gs.ancestors(g.id)])
        if b.isVisible() == hidden:
            out.append(f"box {g.id} visible={b.isVisible()} collapsed-chain={hidden}")
    for n in m.nodes():
        g = gs.group_of(n)
        if homes.home.get(n, "MISSING") != g:
            out.append(f"home {n}: {homes.home.get(n, 'MISSING')} != {g}")
        it = scene.node_item(n)
        if it is None:
            continue
        p = it.parentItem()
        if g is None:
            if isinstance(p, GroupBox):
                out.append(f"card {n} in box {p.gid}, should be top")
        elif p is not homes.boxes.get(g):
            out.append(f"card {n} parent {getattr(p, 'gid', p)} != box {g}")
        if it.scene() is not scene:
            out.append(f"card {n} not in scene")
    keys = [(s, t, d["port"]) for s, t, d in m.graph.edges(data=True)]
    fresh = FoldIndex(gs)
    fresh.rebuild(keys)
    if idx.home != fresh.home:
        diff = [k for k in set(idx.home) | set(fresh.home) if idx.home.get(k, "X") != fresh.home.get(k, "X")]
        out.append(f"index home differs at {len(diff)} wires e.g. {diff[:3]}")
    for name in ("entering", "leaving", "inner"):
        a, b = _nonempty(getattr(idx, name)), _nonempty(getattr(fresh, name))
        if a != b:
            differ = [g for g in a if g in b and a[g] != b[g]]
            out.append(f"index {name} differs: {sorted(set(a) ^ set(b))[:5]} / {differ[:5]}")
    for g in gs.ids():
        if idx.chain(g) != fresh.chain(g):
            out.append(f"chain {g}: {idx.chain(g)} != {fresh.chain(g)}")
    for k in keys:
        e = scene.wires.made(k)
        if e is None or k in scene.detail._lifted:
            continue
        h = fresh.home.get(k)
        p = e.parentItem()
        while p is not None and not isinstance(p, GroupBox):
            p = p.parentItem()
        want = homes.boxes[h] if h is not None else None
        if p is not want:
            out.append(f"wire {k} item in box {getattr(p, 'gid', None)} != {h}")
    lay = scene._layer
    if not lay._dirty:
        for k in keys:
            if k in lay._box_of and lay._box_of[k] != fresh.home.get(k):
                out.append(f"overview line {k} in box {lay._box_of[k]} != {fresh.home.get(k)}")
                break
        for n in m.nodes():
            at = lay._color.get(n)
            if at is not None and at[1] != gs.group_of(n):
                out.append(f"overview block {n} in box {at[1]} != {gs.group_of(n)}")
                break
    return out
