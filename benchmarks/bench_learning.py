"""Learning tools' cost on big graphs (headless, no Qt).

    python benchmarks/bench_learning.py [--sizes 1000,10000]

For a random DAG (about two wires per node, one root; a quarter of the nodes
are leaves) prints the time of: a full gradient check (every leaf), one
training step, a nudge (plan + apply), each classic-bug replay, and setting up
a quiz. Goals at 10,000 nodes: a training step under 50 ms, a nudge, a replay
and a quiz set-up under 1 s, the gradient check under 5 s (it evaluates each
leaf's downstream cone twice).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.graph.model import GraphModel
from core.learn import classic_bugs, gradcheck, training
from core.learn.quiz import Quiz

OPS = ("add", "mul", "sub")


def random_dag(n: int, seed: int = 1) -> GraphModel:
    """Leaves first, then ops whose inputs are earlier nodes, summed into one root."""
    rng = random.Random(seed)
    nodes, edges = [], []
    n_leaves = max(2, n // 4)
    for i in range(n_leaves):
        nodes.append((f"x{i}", {"op": "leaf", "value": rng.uniform(-1, 1)}))
    ids = [f"x{i}" for i in range(n_leaves)]
    unused = set()
    i = 0
    while len(nodes) < n - n_leaves // 4:  # each op squashed by tanh: values stay in [-1, 1]
        op = rng.choice(OPS)
        nid, out = f"n{i}", f"t{i}"
        i += 1
        nodes += [(nid, {"op": op}), (out, {"op": "tanh"})]
        for p in range(2):
            src = rng.choice(ids[-200:]) if rng.random() < 0.8 else rng.choice(ids)
            edges.append((src, nid, p))
            unused.discard(src)
        edges.append((nid, out, 0))
        ids.append(out)
        unused.add(out)
    # one root: the sum of everything nobody uses
    acc = sorted(unused)[0]
    for j, u in enumerate(sorted(unused)[1:]):
        nid = f"r{j}"
        nodes.append((nid, {"op": "add"}))
        edges += [(acc, nid, 0), (u, nid, 1)]
        acc = nid
    m = GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)
    m.set_output(acc)
    return m


def timed(label: str, fn, repeat: int = 1) -> None:
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    dt = (time.perf_counter() - t0) / repeat
    print(f"  {label:<28} {dt * 1000:10.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    args = ap.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        m = random_dag(n)
        print(f"{len(m)} nodes, {len(m.edges())} wires, {sum(m.op(x) == 'leaf' for x in m.nodes())} leaves")
        timed("gradient check (all leaves)", lambda: gradcheck.gradient_check(m, atol=1e-5))
        tr = training.Trainer(m, 1e-4)
        timed("training step", tr.step, repeat=5)
        timed("nudge (plan + apply)", lambda: training.nudge(m, 1e-6, -1))
        for key in classic_bugs.BUGS:
            timed(f"replay {key}", lambda k=key: classic_bugs.replay(m, k))
        timed("quiz set-up", lambda: Quiz(m))


if __name__ == "__main__":
    main()
