"""Files that are no graph, said in words a user knows (trial 66 #7): a
Python file that starts with its docstring is Python code (it was "not
valid JSON (line 1, column 3: Extra data)"), and a binary file is binary
data (it was "not UTF-8 text (byte 24)")."""

from __future__ import annotations

import pytest
from test_cli import assert_error, run
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.errors import FileFormatError

#: a module as this project's main.py starts: its docstring first
DOCSTRING_FIRST = '''"""micrograd-studio from a clone: ``python main.py [FILE | COMMAND ...]``.

The same as the installed command; see the launcher.
"""

from __future__ import annotations

import sys


def main(argv=None) -> int:
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''
#: the first bytes of a program, as `head -c 64 /bin/ls` gives them
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x03\x00\x3e\x00\x01\x00\x00\x00\x50\x6d\x00\x00" + bytes(40)
#: binary data of no kind the reader knows: a NUL early, bytes no UTF-8 text has at 24
RANDOM = b"\x13\x37data\x00\x01\x02" + bytes(range(14, 24)) + b"\xfe\xff" * 20


@pytest.mark.parametrize("shebang", ["", "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"])
@pytest.mark.parametrize("name", ["script.py", "script.mgraph", "script.json"])
def test_python_that_starts_with_its_docstring_is_python(tmp_path, name, shebang):
    p = tmp_path / name
    p.write_text(shebang + DOCSTRING_FIRST)
    with pytest.raises(FileFormatError) as info:
        fileio.load(p)
    assert str(info.value) == (
        f"{p}: not a micrograd-studio graph file: it looks like Python code "
        "(Import Code reads Python into a graph)"
    )


@pytest.mark.parametrize(
    "data, said",
    [
        (ELF, "it is binary data (a program)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "it is binary data (a PDF document)"),
        (RANDOM, "it is binary data, not text"),
    ],
)
def test_a_binary_file_is_said_to_be_binary_data(tmp_path, data, said):
    p = tmp_path / "weights.mgraph"
    p.write_bytes(data)
    with pytest.raises(FileFormatError) as info:
        fileio.load(p)
    assert str(info.value) == f"{p}: not a micrograd-studio graph file: {said}"


def test_text_in_another_encoding_is_still_said_to_be_so(tmp_path):
    p = tmp_path / "latin.mgraph"
    p.write_bytes('{"graph": {"format": "micrograd-studio", "label": "café"}}'.encode("latin-1"))
    said = r"latin.mgraph: not UTF-8 text at line 1, column 55 \(byte offset 54\)"  # (trial 74 #9: "byte 54")
    with pytest.raises(FileFormatError, match=said):
        fileio.load(p)
    p.write_bytes('{"graph": {}}'.encode("utf-16"))  # (NUL bytes, but text all the same)
    with pytest.raises(FileFormatError, match=r"not UTF-8 text at line 1, column 1 \(byte offset 0\)"):
        fileio.load(p)


def test_the_headless_commands_say_it_alike(tmp_path):
    code = tmp_path / "lecture.py"
    code.write_text(DOCSTRING_FIRST)
    assert_error(
        run("backward", code),
        f"error: {code}: not a micrograd-studio graph file: it looks like Python code (to read it into "
        f"a graph file: python main.py import {code} -o {tmp_path / 'lecture.mgraph'})",
        code=1,
    )
    renamed = tmp_path / "script.mgraph"  # (import refuses a .mgraph: the hint says to rename it)
    renamed.write_text(DOCSTRING_FIRST)
    assert_error(
        run("backward", renamed),
        f"(to read it into a graph file, rename it {tmp_path / 'script.py'}, then: python main.py import "
        f"{tmp_path / 'script.py'} -o {renamed})",
        code=1,
    )
    binary = tmp_path / "blob.mgraph"
    binary.write_bytes(RANDOM)
    assert_error(
        run("backward", binary), f"error: {binary}: not a micrograd-studio graph file: it is binary data"
    )


@pytest.mark.parametrize(
    "name, data, said",
    [
        (
            "script.py",
            DOCSTRING_FIRST.encode(),
            "it looks like Python code (Import Code reads Python into a graph)",
        ),
        ("blob.mgraph", ELF, "it is binary data (a program)"),
    ],
)
def test_the_window_says_it_on_file_open(window, answers, tmp_path, name, data, said):
    p = tmp_path / name
    p.write_bytes(data)
    answers.open_path = str(p)
    trigger(window, "open")
    assert answers.errors == [(f"Can't open “{name}”", f"{p}: not a micrograd-studio graph file: {said}")]
    assert window.path is None
