"""The benchmarks still run against today's code (smallest sizes): a figure
in the README must come from a script that works. Their timings are not
checked here; they are read by people (see the README's Performance)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

RUNS = {
    "bench_canvas.py": ["--sizes", "60", "--rounds", "1"],
    "bench_fit.py": ["--steps", "2", "--size", "20"],
    "bench_animation.py": ["--sizes", "60"],
    "bench_autosave.py": ["--sizes", "60", "--rounds", "1"],
    "bench_learning.py": ["--sizes", "60"],
    "bench_navigation.py": ["--sizes", "60,120", "--rounds", "1"],
    "bench_window.py": ["200"],
    "bench_headless.py": ["-n", "1000", "--quick"],
    "bench_scaling.py": ["--sizes", "120,240", "--cpu"],
    "bench_memory.py": ["--nodes", "300"],
    "bench_fold_parts.py": ["--size", "600", "--runs", "1"],
    "bench_edit.py": ["--sizes", "300", "--runs", "2"],
    "bench_mlp.py": ["--layers", "2,1", "--runs", "1"],
    "bench_first_repaint.py": ["--size", "600", "--runs", "1"],
    "bench_grouped_delete.py": ["--size", "600", "--runs", "1"],
}


@pytest.mark.parametrize("script", sorted(RUNS))
def test_benchmark_runs(script, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MICROGRAD_STUDIO_CONFIG": str(tmp_path)}
    r = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *RUNS[script]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.strip()


def test_every_benchmark_is_run_here_or_by_its_own_test():
    # bench_engine.py times 100,000-node chains (too slow here); its pieces are
    # the engine's, which tests/test_engine.py covers.
    scripts = {p.name for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert scripts - set(RUNS) == {"bench_engine.py"}
