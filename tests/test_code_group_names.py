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


README_CODE = (
    "a = Value(-4.0)\n"
    "b = Value(2.0)\n"
    "c = a + b\n"
    "d = a * b + b**3\n"
    "c += c + 1\n"
    "c += 1 + c + (-a)\n"
    "d += d * 2 + (b + a).relu()\n"
    "d += 3 * d + (b - a).relu()\n"
    "e = c - d\n"
    "f = e**2\n"
)


def test_a_statements_name_keeps_the_name_it_assigns_when_its_card_cuts_it(qtbot, window):
    """Verify 54: micrograd's README example imported and folded, at 31 % the card "d″ (line 10)"
    read "…(line 10)", which says which line but not which of d, d′, d″ it is."""
    w = window
    w.resize(1600, 1000)
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, README_CODE)
    qtbot.mouseClick(dlg.ok, LEFT)
    QApplication.processEvents()
    names = {g.label: g.id for g in w.model.groups}
    assert {"d (line 4)", "d′ (line 7)", "d″ (line 8)"} <= set(names), names
    for g in w.model.groups:
        w.model.groups.set_collapsed(g.id, True)
    QApplication.processEvents()
    cut = set()
    for label in ("d (line 4)", "d′ (line 7)", "d″ (line 8)"):
        card = w.scene.folding.card(names[label])
        head = label.split(" (")[0]
        for pct in range(20, 61):
            z = pct / 100
            shown = " ".join(t.text for t in card.texts_at(z) if t.kind == "name")
            if shown:
                assert shown.startswith(head) and not shown.startswith("…"), (label, z, shown)
                assert shown[len(head) : len(head) + 1] in ("", " ", "…"), (label, z, shown)  # (d′ whole)
                if shown != label:
                    cut.add(shown)
    assert cut  # (some zoom cut them: the rule was exercised)
