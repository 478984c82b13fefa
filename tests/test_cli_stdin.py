"""``-`` as FILE reads the graph file from standard input (trial 58 #13:
``import … -o -`` wrote to standard output, but ``backward -`` said "-: no
such file", so ``import 'L = …' -o - | backward -`` failed); and ``import``'s
note on names without a value is capped (10,000 of them made one 80 KB
stderr line). The file format and ``backward --json`` are as before: the
piped file gives the same bytes as the file itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_codegen_cli import EX, ROOT, assert_one_error_line, run

BLOG = EX / "blog_L.mgraph"
FORMULA = "L = (a*b + c) * f"
VALUES = ["--value", "a=2", "--value", "b=-3", "--value", "c=10", "--value", "f=-2"]


def test_import_to_standard_output_pipes_into_backward(tmp_path):
    made = run("import", FORMULA, *VALUES, "-o", "-")
    assert made.returncode == 0, made.stderr
    piped = run("backward", "-", "--json", stdin=made.stdout)
    assert piped.returncode == 0 and piped.stderr == "", piped.stderr
    saved = tmp_path / "L.mgraph"
    saved.write_text(made.stdout)
    assert piped.stdout == run("backward", saved, "--json").stdout  # the same document, byte for byte
    table = run("backward", "-", stdin=made.stdout)
    assert table.returncode == 0 and table.stdout.startswith("backward from 'L' (7 nodes in its past")


@pytest.mark.parametrize(
    "args",
    [
        ["forward", "-", "--wrt", "a", "--json"],
        ["hessian", "-", "--json"],
        ["gradcheck", "-"],
        ["train", "-", "--steps", "3"],
        ["export", "-", "--to", "python"],
    ],
)
def test_the_other_commands_that_take_a_file_read_one_piped_in(args):
    text = BLOG.read_text()
    piped = run(*args, stdin=text)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == run(*[BLOG if a == "-" else a for a in args]).stdout


def test_a_bad_file_piped_in_is_named_stdin_in_one_error_line():
    bad = run("backward", "-", stdin="not json")
    assert_one_error_line(bad, "<stdin>: not a micrograd-studio graph file")
    assert_one_error_line(run("hessian", "-", stdin=""), "<stdin>: ", "empty")


def test_nothing_piped_in_is_an_error_not_a_wait():
    """From a terminal ``backward -`` would wait for a file typed in: it says how to pipe one."""
    main, other = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "backward", "-"],
            stdin=other,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(main)
        os.close(other)
    assert_one_error_line(done, "-: nothing is piped in", "import 'L = a*b' -o - | ", "backward -")


def test_help_says_so():
    for cmd in ("backward", "forward", "hessian", "gradcheck", "train", "export"):
        said = " ".join(run(cmd, "--help").stdout.split())
        assert "FILE a .mgraph graph file, or - to read one from standard input" in said, (cmd, said)


def test_the_note_on_names_without_a_value_names_a_few_and_counts_the_rest(tmp_path):
    terms = " + ".join(f"x{i}" for i in range(10_000))
    done = run("import", f"y = {terms}", "-o", tmp_path / "sum.mgraph")
    assert done.returncode == 0, done.stderr
    (note,) = [line for line in done.stderr.splitlines() if "no value given" in line]
    assert note.startswith(
        "note: no value given for x0, x1, x2, x3, x4, x5, x6, x7 and 9992 more; set to 1.0 "
    )
    assert len(note) < 200
    # a few are all named, as before
    few = run("import", FORMULA, "-o", "-")
    assert "note: no value given for a, b, c, f; set to 1.0" in few.stderr


def test_standard_input_is_read_in_pieces_not_one_read_of_the_whole_limit():
    """Review 58: ``read(limit + 1)`` made Python allocate the whole limit first (MemoryError with a
    30 GB limit for a 1 kB file)."""
    import io

    import pytest

    from core.files.reading import _CHUNK, read_stream
    from core.graph.errors import FileFormatError

    asked: list[int] = []

    class Stream(io.BytesIO):
        def read(self, n=-1):
            asked.append(n)
            return super().read(n)

    data = b"x" * (_CHUNK + 10)
    assert read_stream(Stream(data), "<stdin>", limit=30 << 30) == data
    assert asked and max(asked) <= _CHUNK
    with pytest.raises(FileFormatError, match="<stdin>"):
        read_stream(Stream(data), "<stdin>", limit=_CHUNK)
