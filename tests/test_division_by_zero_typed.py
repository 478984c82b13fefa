"""A value typed as ``1/0`` is named a division by zero, not "not a number"
(trial 60 #7: ``2*-3`` is taken as arithmetic, so ``1/0`` read as a
refusal of the arithmetic itself)."""

from __future__ import annotations

from pathlib import Path

import lecture_graphs
import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_file_at, tmp_settings, type_on_card, window  # noqa: F401

from core.files import fileio


def lecture_a(tmp_path: Path) -> Path:
    """f = (a*b)*(a+b), a = −2, b = 3 (ids leaf1, leaf2), saved."""
    m = lecture_graphs.lecture_a()
    path = tmp_path / "lecture_a.mgraph"
    fileio.save(m, str(path))
    return path


def test_one_over_zero_typed_as_a_value_is_named_a_division_by_zero(qtbot, window, tmp_path):
    w = window
    open_file_at(qtbot, w, lecture_a(tmp_path))
    type_on_card(qtbot, w, "leaf2", "1/0")
    QApplication.processEvents()
    assert w.model.value("leaf2") == 3.0  # kept, as before
    said = w.status_text()
    assert "'1/0' divides by zero" in said and "not a number" not in said, said
    type_on_card(qtbot, w, "leaf2", "abc")  # not arithmetic at all: as before
    assert "'abc' is not a number" in w.status_text()
    type_on_card(qtbot, w, "leaf2", "2*-3")  # arithmetic with a result: taken
    assert w.model.value("leaf2") == -6.0


def test_arithmetic_with_no_result_says_why_everywhere_a_number_is_typed():
    from core.explain.format import parse_number
    from core.graph.errors import InvalidValueError
    from core.learn.quiz import parse_answer

    with pytest.raises(ValueError, match=r"^'1/0' divides by zero$"):
        parse_number("1/0")
    with pytest.raises(ValueError, match=r"^'0\*\*-1' divides by zero$"):
        parse_number("0**-1")
    with pytest.raises(InvalidValueError, match=r"'2/\(1-1\)' divides by zero"):
        parse_answer("2/(1-1)")  # a quiz answer
    assert parse_number("6÷2") == 3.0  # (÷, as the docstring always said)
