"""The headless command against micrograd itself, whole processes side by side.

Run: ``python benchmarks/bench_headless.py`` (``--quick`` for fewer runs,
``--big`` adds the 1,000,000-node file: CPU time and peak memory against
the goals, the median of 3 runs, 1 with ``--quick``).

Each run is a fresh ``python`` process, timed by the operating system (CPU
time, user + sys, of the finished child, and its peak RSS via ``os.wait4``):

- ours: ``main.py backward chain.mgraph --json > /dev/null`` on a chain of
  100,000 nodes: from a leaf, ``v = relu(v * c)`` again and again, each
  ``c`` a leaf of its own (1.0001);
- micrograd: a process that imports micrograd (the pip package), builds the
  same graph in memory (``v = (v * 1.0001).relu()``: the constant becomes a
  leaf there too) and runs ``backward()`` (its recursive topological sort
  gets a deep stack).

The two alternate, A B A B ..., and the ratio ours/micrograd is taken pair
by pair, so a machine whose speed drifts disturbs it less; the median is
printed. Goal (issue 14): ratio <= 1.5; 1,000,000 nodes in <= 10 s and
<= 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIG_CPU_GOAL = 10.0  # seconds of CPU (user + sys) for the 1,000,000-node file
BIG_RSS_GOAL = 1.5e9  # bytes of peak RSS for it (the whole process)

MICROGRAD_CHAIN = """
import sys, threading
from micrograd.engine import Value
n = int(sys.argv[1])
def run():
    v = Value(0.5)
    for i in range((n - 1) // 3):
        v = (v * 1.0001).relu()
    v.backward()
sys.setrecursionlimit(10 * n + 1000)
threading.stack_size(512 * 1024 * 1024)
t = threading.Thread(target=run)
t.start()
t.join()
"""


def chain_file(path: str, n: int) -> None:
    """A .mgraph file of the chain MICROGRAD_CHAIN builds (``n`` nodes, rounded
    down to 1 + a multiple of 3)."""
    nodes: list[dict] = [{"id": "x", "op": "leaf", "value": 0.5}]
    edges: list[dict] = []
    prev = "x"
    for i in range((n - 1) // 3):
        c, m, r = f"c{i}", f"m{i}", f"r{i}"
        nodes += [{"id": c, "op": "leaf", "value": 1.0001}, {"id": m, "op": "mul"}, {"id": r, "op": "relu"}]
        edges += [
            {"source": prev, "target": m, "port": 0},
            {"source": c, "target": m, "port": 1},
            {"source": m, "target": r, "port": 0},
        ]
        prev = r
    doc = {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1},
        "nodes": nodes,
        "edges": edges,
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)


STAGES = """
import os, sys, time
from core.cli.backward import json_document
from core.cli.registry import json_safe
from core.files import fileio, tables
from core.graph.headless import backward_numbered
import gc
gc.disable()  # as the command runs
path = sys.argv[1]
clock = time.process_time
t0 = clock()
rec = fileio.parse(fileio.read_text(path), path)
t1 = clock()
t = tables.quick_tables(rec)
t2 = clock()
r = backward_numbered(t.ids, t.nodes, t.ops, t.src0, t.src1, t.order, None, None, t.index)
t3 = clock()
labels = [nd.get("label") or n for nd, n in zip(t.nodes, t.ids)]
order = [t.ids[i] for i in r.order]
with open(os.devnull, "w") as out:
    for chunk in json_document(t.ids[r.root], order, t.ids, t.ops, labels, r.values, r.grads):
        out.write(json_safe(chunk))
t4 = clock()
print(f"  stages (CPU s, one process): read + json.loads {t1 - t0:.2f}, checks + numbered tables + "
      f"Kahn's order {t2 - t1:.2f}, forward + backward {t3 - t2:.2f}, JSON text {t4 - t3:.2f}")
"""


def run(cmd: list[str]) -> tuple[float, float, int]:
    """CPU seconds (user + sys), wall seconds and peak RSS (bytes) of ``cmd``."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null, cwd=ROOT)
        _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss * 1024


def ours(path: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "backward", path, "--json"]


def theirs(n: int) -> list[str]:
    return [sys.executable, "-c", MICROGRAD_CHAIN, str(n)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="3 pairs instead of 7")
    p.add_argument("--big", action="store_true", help="also the 1,000,000-node file")
    p.add_argument("-n", type=int, default=100_000, help="nodes in the chain (default 100000)")
    args = p.parse_args(argv)
    try:
        import micrograd  # noqa: F401
    except ImportError:
        print("needs the micrograd package: pip install -e '.[test]'", file=sys.stderr)
        return 2
    pairs = 3 if args.quick else 7
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "chain.mgraph")
        chain_file(path, args.n)
        run(ours(path)), run(theirs(args.n))  # warm the disk cache
        a, b = [], []
        for _ in range(pairs):
            a.append(run(ours(path)))
            b.append(run(theirs(args.n)))
        ratio = statistics.median(x[0] / y[0] for x, y in zip(a, b))
        print(f"{args.n:,}-node chain, {pairs} runs each, alternating; CPU seconds (user + sys):")
        print(f"  {'':<44} {'min':>6} {'median':>7} {'peak RSS':>9}")
        for name, rs in (
            ("ours: main.py backward FILE --json", a),
            ("micrograd: build + backward in memory", b),
        ):
            cpu = [r[0] for r in rs]
            rss = max(r[2] for r in rs)
            print(f"  {name:<44} {min(cpu):6.2f} {statistics.median(cpu):7.2f} {rss / 2**20:7.0f} MB")
        print(f"  ratio ours/micrograd (median of pairs): {ratio:.2f}  (goal <= 1.5)")
        if args.big:
            big = os.path.join(folder, "big.mgraph")
            chain_file(big, 1_000_000)
            runs = [run(ours(big)) for _ in range(1 if args.quick else 3)]
            cpu = statistics.median(r[0] for r in runs)
            wall = statistics.median(r[1] for r in runs)
            rss = max(r[2] for r in runs)
            print(
                f"\n1,000,000-node chain, main.py backward --json, {len(runs)} run(s): "
                f"{cpu:.1f} s CPU median (min {min(r[0] for r in runs):.1f}; {wall:.1f} s wall), "
                f"peak RSS {rss / 2**30:.2f} GB = {rss / 1e6:.0f} B a node"
            )
            print(
                f"  goals: CPU <= {BIG_CPU_GOAL:.0f} s {'met' if cpu <= BIG_CPU_GOAL else 'MISSED'}, "
                f"peak RSS <= {BIG_RSS_GOAL / 1e9:.1f} GB {'met' if rss <= BIG_RSS_GOAL else 'MISSED'}"
            )
            sys.stdout.flush()
            subprocess.run([sys.executable, "-c", STAGES, big], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
