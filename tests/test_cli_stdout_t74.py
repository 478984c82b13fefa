"""Standard output that cannot be written (trial 74 #3, #4): `--help >
/dev/full` was a traceback, `backward --help > /dev/full` exit 0 and
silent, and `export … > out.py` under `ulimit -f` a cut-off script with
exit 0. Now every one is a single `error:` line saying that writing
standard output failed, and exit status 1; with and without
PYTHONUNBUFFERED (Python's stdout is buffered then, and fails at exit)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest
from test_cli import EXAMPLES, ROOT

BLOG = str(EXAMPLES / "blog_L.mgraph")

#: every way of printing: the app's own options, a command's --help, each command's output
PRINTING = {
    "--help": ["--help"],
    "--version": ["--version"],
    "backward --help": ["backward", "--help"],
    "export --help": ["export", "--help"],
    "backward": ["backward", BLOG],
    "backward --json": ["backward", BLOG, "--json"],
    "hessian --json": ["hessian", BLOG, "--json"],
    "export": ["export", BLOG, "--to", "python"],
    "examples": ["examples"],
    "template -o -": ["template", "neuron", "-o", "-"],
}


def _env(unbuffered: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def _run(args, stdout, unbuffered: bool, limit: int | None = None):
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        env=_env(unbuffered),
        preexec_fn=limited,
    )


def _said_once(r, why: str) -> None:
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    lines = r.stderr.splitlines()
    assert lines == [f"error: writing to standard output failed: {why} (the output is incomplete)"], r.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize("name", PRINTING)
def test_a_full_disk_is_one_error_line(name, unbuffered):
    with open("/dev/full", "w") as full:
        r = _run(PRINTING[name], full, unbuffered)
    _said_once(r, "No space left on device")


@pytest.mark.skipif(sys.platform == "win32", reason="ulimit -f is POSIX")
@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize("to", ["python", "torch", "dot"])
def test_export_cut_off_by_a_file_size_limit_is_said(tmp_path, to, unbuffered):
    """`(ulimit -f 1; main.py export g.mgraph --to python > big.py)`: the
    script was cut at 1,024 bytes and the command said nothing, exit 0."""
    whole = _run(["export", BLOG, "--to", to], subprocess.PIPE, unbuffered)
    assert whole.returncode == 0 and len(whole.stdout.encode()) > 600
    limit = len(whole.stdout.encode()) // 2
    out = tmp_path / f"big.{to}"
    with open(out, "w") as f:
        r = _run(["export", BLOG, "--to", to], f, unbuffered, limit=limit)
    _said_once(r, "File too large")
    assert out.stat().st_size == limit


@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
def test_output_that_fits_is_written_whole(tmp_path, unbuffered):
    """The same commands with room: every byte there, exit 0, nothing on stderr."""
    out = tmp_path / "whole.py"
    piped = _run(["export", BLOG, "--to", "python"], subprocess.PIPE, unbuffered)
    with open(out, "w") as f:
        r = _run(["export", BLOG, "--to", "python"], f, unbuffered, limit=1 << 20)
    assert r.returncode == 0 and r.stderr == ""
    assert out.read_text() == piped.stdout and "all" in piped.stdout


def test_a_closed_pipe_stays_quiet():
    """`main.py --help | head -1`: no traceback (it was one, now and then)."""
    p = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--help"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(True),
    )
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err, err
