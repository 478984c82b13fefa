"""The Hessian panel names a constant as the Order list, the banner and the
``hessian`` command do: by where it is used. A trial (t68 #7) imported the
lecture's ``o = (e - 1) / (e + 1)`` neuron: the panel's rows and columns read
``1 (id const2)`` and ``1 (id const3)`` beside the Order list's
``1 (in e + 1)``, and nobody could tell which 1 const2 was."""

from __future__ import annotations

from snippets import LECTURE_NEURON
from window_helpers import answers, drop_code, tmp_settings, trigger, window  # noqa: F401

from core.cli.main import main as cli


def test_the_hessian_panel_names_constants_as_the_command_does(qtbot, window, tmp_path, capsys):
    w = window
    drop_code(w, tmp_path, LECTURE_NEURON)
    trigger(w, "hessian")
    t = w.backward.forward.hessian_panel.table
    assert t.rowCount() > 0
    rows = [t.verticalHeaderItem(i).text() for i in range(t.rowCount())]
    cols = [t.horizontalHeaderItem(i).text() for i in range(t.columnCount())]
    assert "1 (in e - 1)" in rows and "1 (in e + 1)" in rows, rows
    assert not any("(id " in r for r in rows), rows
    # the command's table, of the same graph saved, names them alike
    path = tmp_path / "neuron.mgraph"
    assert w.save_to(str(path))
    assert cli(["hessian", str(path)]) == 0
    header = capsys.readouterr().out.splitlines()[1]
    for r in rows:
        assert r in header, (r, header)
    assert set(rows) <= set(cols), (rows, cols)
