"""The lecture's neuron names its sum ``x1*w1 + x2*w2``; a trial (t67 #7)
read "x1*w1 + …" on its card at every zoom it met (84 % after the import,
79–81 % in Backward). Zoomed out the card writes it on two lines, "x1*w1 +"
over "x2*w2", its value under them; from 90 % on one line, its + pill left
out for it (the name says the sum)."""

from __future__ import annotations

from snippets import LECTURE_NEURON
from window_helpers import answers, drop_code, tmp_settings, window  # noqa: F401


def test_the_lecture_s_sum_reads_whole_zoomed_out_and_in(window, tmp_path):
    w = window
    drop_code(w, tmp_path, LECTURE_NEURON)
    (s,) = [n for n in w.model.nodes() if w.model.label(n) == "x1*w1 + x2*w2"]
    card = w.scene.node_item(s)
    for z in (0.7, 0.77, 0.8, 0.84, 0.9, 1.0, 1.5):  # (the trial's import opened at 84 %)
        texts = card.texts_at(z)
        lines = [t.text for t in texts if t.kind == "label"]
        assert "".join(lines).replace("+x2", "+ x2") == "x1*w1 + x2*w2", (z, lines)
        assert [t.text for t in texts if t.kind == "value"] == ["−6.0000"], z
    assert [t.text for t in card.texts_at(0.7) if t.kind == "label"] == ["x1*w1 +", "x2*w2"]
