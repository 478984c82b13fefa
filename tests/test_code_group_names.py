"""Import Code names a group after its statement ("d = a * b + c * a - b * c + a * a * b"
where several statements share a line): far out, its name stood in six lines of two
words over its card, and its card wrapped it in three. A name takes two lines at most:
far out on one line where two cannot hold it, on its card cut on one line (its
tooltip whole)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import answers, tmp_settings, window  # noqa: F401

CODE = (
    "a = Value(2.0); b = Value(-3.0); c = Value(10.0)\n"
    "d = a * b + c * a - b * c + a * a * b; e = d * a + b * c - a * b * c\n"
    "loss = (d * a + b * c) * (e + a * b) + (c * c - a)\n"
)
LONG = "d = a * b + c * a - b * c + a * a * b"


def imported(qtbot, w) -> str:
    """File › Import Code of ``CODE``, its statements' groups folded; the long one's id."""
    w.resize(1600, 1000)
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, CODE)
    qtbot.mouseClick(dlg.ok, LEFT)
    QApplication.processEvents()
    gid = next(g.id for g in w.model.groups if g.label == LONG)
    for g in w.model.groups:
        w.model.groups.set_collapsed(g.id, True)
    QApplication.processEvents()
    return gid


def test_a_statements_long_name_takes_two_lines_at_most_near_and_far(qtbot, window):
    w = window
    gid = imported(qtbot, w)
    card = w.scene.folding.card(gid)
    assert f"Group “{LONG}”" in card.toolTip()  # (whole where the card cuts it)
    cut_on_one = False
    for pct in range(8, 61, 2):
        z = pct / 100
        w.view.set_zoom(z)
        w.view.centerOn(card)
        QApplication.processEvents()
        names = [t.text for t in card.texts_at(z) if t.kind == "name"]
        assert len(names) <= 2, (z, names)
        assert len(names) <= 1 or "…" not in " ".join(names), (z, names)  # (cut: on one line)
        cut_on_one |= len(names) == 1 and names[0].startswith("d = a * b") and names[0].endswith("…")
        far = [t.text for t in w.scene.folding.far_names.names().get(gid, [])]
        assert len(far) <= 2 and (not far or " ".join(far) == LONG), (z, far)
    assert cut_on_one  # (where two lines could not hold it whole)
