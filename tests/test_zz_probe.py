from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401
from test_reading_mlp import expanded_mlp

def test_probe(qtbot, window):
    from core.learn import templates
    w = window
    w.resize(1600, 1000)
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    before = {c.gid: (c.label if hasattr(c,'label') else c.gid, c.sceneBoundingRect()) for c in w.scene.folding.cards()}
    frames = expanded_mlp(qtbot, w)
    for f in frames:
        r = f.sceneBoundingRect()
        b = before.get(f.gid)
        print("FRAME %-16s x %7.0f..%7.0f y %7.0f..%7.0f  card y %s" % (f.label, r.left(), r.right(), r.top(), r.bottom(), None if b is None else (round(b[1].top()), round(b[1].bottom()), round(b[1].left()))))
    print("GRAPH", w.view.graph_rect())
