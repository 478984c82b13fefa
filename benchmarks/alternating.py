"""Runs of a benchmark in fresh processes, each checkout in turn.

A benchmark timing one gesture at 50,000 nodes runs each measurement in a
process of its own (nothing one run leaves behind, kept for a repeat, helps
the next), and with ``--against DIR`` alternates this checkout with another,
so a busy spell of the machine hits both alike. Shared by bench_fold_parts,
bench_first_repaint and bench_grouped_delete: a child is the same script
with ``--child``, told which checkout to import by an environment variable.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: This checkout (the benchmarks' parent folder).
HERE = Path(__file__).resolve().parents[1]


def root_from(env_key: str) -> Path:
    """The checkout a child imports (``env_key`` names it; else this one),
    put first on ``sys.path`` with its benchmarks."""
    root = Path(os.environ.get(env_key, str(HERE)))
    sys.path.insert(0, str(root))
    sys.path.insert(0, str(root / "benchmarks"))  # (its bench_scaling puts its app first on the path)
    return root


def child(script: str, env_key: str, root: Path, size: int) -> dict:
    """``script --child --size size`` run against ``root``: its last line, as JSON."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env[env_key] = str(root)
    got = subprocess.run(
        [sys.executable, script, "--child", "--size", str(size)], env=env, capture_output=True, text=True
    )
    if got.returncode:
        sys.exit(f"{root}: {got.stderr}")
    return json.loads(got.stdout.strip().splitlines()[-1])


def runs(
    doc: str, script: str, env_key: str, measure: Callable[[int], dict]
) -> tuple[argparse.Namespace, list[Path], dict[Path, list[dict]]] | None:
    """The command line read and the runs made: (its arguments, the checkouts, each one's
    results in run order); None in a child, which printed its measurement."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another checkout of the app, for the ratio")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.size)))
        return None
    roots = [HERE] if args.against is None else [args.against.resolve(), HERE]
    got: dict[Path, list[dict]] = {r: [] for r in roots}
    for _ in range(args.runs):  # alternating: a busy spell hits both alike
        for r in roots:
            got[r].append(child(script, env_key, r, args.size))
    return args, roots, got


def best_parts(got: list[dict], steps: list[str]) -> dict[str, dict[str, float]]:
    """Each step's parts at their least over the runs (a part a run did not reach: the others')."""
    return {
        s: {k: min(one[s][k] for one in got if k in one[s]) for k in {k for one in got for k in one[s]}}
        for s in steps
    }


def open_layered(size: int) -> Any:
    """A MainWindow at 1400 × 900 with a layered graph of ``size`` nodes opened from a
    file, as a user opens one, and settled. Imported from the checkout a child runs
    (``root_from`` first), so an older one is measured with its own app."""
    import tempfile

    from bench_scaling import layered_dag, settle

    from core.files import fileio
    from gui.window.main_window import MainWindow

    path = os.path.join(tempfile.mkdtemp(), "graph.mgraph")
    fileio.save(layered_dag(size), path)
    w = MainWindow(restore=False)
    w.resize(1400, 900)
    w.show()
    w.open_path(path)
    settle()
    return w
