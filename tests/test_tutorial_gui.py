"""Help › Tutorial in the window, driven the way a learner does it: drops
from the palette, typed names, dragged wires, Backward's keys, the Train
dock; and the first launch offers it once."""

from __future__ import annotations

from canvas_helpers import double_click, drag, in_port, out_port, vp
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from test_canvas_editing import _drop
from window_helpers import Button, answers, make_window, tmp_settings, trigger, window  # noqa: F401

from core.learn.tutorial import BUILD
from gui import app as gui_app
from gui.common import resources
from gui.common import settings as gui_settings
from gui.tutorial.feature import WELCOME_ASIDE
from gui.window.main_window import MainWindow

# the hand-built graph's columns (scene units), within a 1280-wide test window
COL = (-330.0, -150.0, 30.0, 210.0)


def click(qtbot, widget) -> None:
    assert widget.isEnabled() and widget.isVisible(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def title(w: MainWindow) -> str:
    return w.tutorial.panel.title.text()


def drop(w: MainWindow, op: str, x: float, y: float) -> str:
    """Drag ``op`` from the Palette and drop it at scene point (x, y); its id."""
    pal = w.palette_panel
    before = set(w.model.nodes())
    assert _drop(w.view, pal.list.mimeData([pal.item_for(op)]), vp(w.view, QPointF(x, y))).isAccepted()
    (nid,) = set(w.model.nodes()) - before
    settle()
    return nid


def type_into_editor(qtbot, w: MainWindow, text: str) -> None:
    ed = w.scene.interaction.inline_editor
    assert isinstance(ed, QLineEdit)
    ed.selectAll()
    qtbot.keyClicks(ed, text)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    settle()


def place_leaf(qtbot, w: MainWindow, entry: str, x: float, y: float) -> str:
    nid = drop(w, "leaf", x, y)  # a new leaf asks for its name and value at once
    type_into_editor(qtbot, w, entry)
    return nid


def place_op(qtbot, w: MainWindow, op: str, name: str, x: float, y: float, *inputs: str) -> str:
    nid = drop(w, op, x, y)
    for port, source in enumerate(inputs):  # wire: output port to input port
        drag(w.view, out_port(w.scene, source), in_port(w.scene, nid, port))
        settle()
    assert w.model.inputs(nid) == list(inputs)
    double_click(w.view, w.scene.node_item(nid).mapToScene(QPointF(-40, -22)))  # its name
    type_into_editor(qtbot, w, name)
    assert w.model.label(nid) == name
    return nid


def open_tutorial(qtbot, w: MainWindow) -> None:
    trigger(w, "tutorial")  # Help › Tutorial
    settle()
    assert w.tutorial.dock.isVisible() and title(w) == "Welcome to micrograd-studio"
    click(qtbot, w.tutorial.panel.start_button)
    settle()


def run_backward_to_the_end(qtbot, w: MainWindow) -> None:
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()
    anim = w.backward.animator
    assert anim.active and not anim.at_end
    for _ in range(20):
        if anim.at_end:
            break
        qtbot.keyClick(w.view, Qt.Key.Key_Right)  # Step
    settle()
    assert anim.at_end


def test_the_whole_tutorial_driven_like_a_learner(qtbot, window, answers):
    w = window
    assert w.open_example(resources.DEFAULT_EXAMPLE)  # the graph a first launch shows
    settle()
    open_tutorial(qtbot, w)
    panel = w.tutorial.panel
    assert panel.header.text() == f"Step 1 of 11 · {BUILD}" and "(a·b\u00a0+\u00a0c)" in BUILD
    assert title(w) == "Start on an empty canvas"  # the blog example is open: no step is done

    click(qtbot, panel.action_button)  # "New empty graph"
    settle()
    assert len(w.model) == 0
    assert title(w) == "Place a leaf a = 2" and panel.header.text().startswith("Step 2 of 11")
    assert panel.praise.text() == "✓ An empty canvas."
    assert w.palette_panel.list.currentItem() is w.palette_panel.item_for("leaf")
    w.view.resetTransform()
    w.view.centerOn(0, 0)

    a = place_leaf(qtbot, w, "a = 2", COL[0], -60)
    assert title(w) == "Place a leaf b = −3"
    b = place_leaf(qtbot, w, "b = -3", COL[0], 60)
    assert title(w) == "Multiply: e = a·b"
    pal = w.palette_panel
    assert pal.list.currentItem() is pal.item_for("mul")  # the step points at × in the Palette
    e = drop(w, "mul", COL[1], 0)
    drag(w.view, out_port(w.scene, a), in_port(w.scene, e, 0))
    drag(w.view, out_port(w.scene, b), in_port(w.scene, e, 1))
    settle()
    assert title(w) == "Multiply: e = a·b"  # wired, but not named yet: the hint says so
    assert "name it e" in panel.todo.text() and panel.todo.isVisible()
    double_click(w.view, w.scene.node_item(e).mapToScene(QPointF(-40, -22)))
    type_into_editor(qtbot, w, "e")
    assert title(w) == "Add: d = e + c" and panel.praise.text() == "✓ e = a·b = −6."

    c = place_leaf(qtbot, w, "c = 10", COL[1], -120)
    assert title(w) == "Add: d = e + c"
    d = place_op(qtbot, w, "add", "d", COL[2], -40, e, c)
    assert title(w) == "Multiply: L = d·f"
    f = place_leaf(qtbot, w, "f = -2", COL[2], 100)
    L = place_op(qtbot, w, "mul", "L", COL[3], 20, d, f)
    assert w.model.value(L) == -8.0
    assert title(w) == "Run Backward from L"
    assert pal.list.currentItem() is None  # (a step with no palette entry lights none: t70 #11)

    run_backward_to_the_end(qtbot, w)
    assert title(w) == "Open a graph that uses a node twice"
    assert "a.grad = 6" in panel.praise.text()

    answers.save_changes = Button.Discard  # the hand-built graph is not kept
    click(qtbot, panel.action_button)  # "Open b = a + a"
    settle()
    assert answers.questions == 1 and len(w.model) == 2
    assert title(w) == "Watch its gradient add up"
    run_backward_to_the_end(qtbot, w)
    assert panel.praise.text() == "✓ a.grad = 1 + 1 = 2: each use of a added its share (+=)"
    assert title(w) == "Bring in a neuron"

    def accept_neuron() -> None:
        dlg = QApplication.activeModalWidget()
        assert dlg is not None and dlg.objectName() == "learn_neuron_dialog"
        dlg.accept()

    QTimer.singleShot(50, accept_neuron)
    trigger(w, "learn_insert_neuron")  # Learn › Insert Neuron… beside b = a + a
    settle()
    assert title(w) == "One step of training"

    trigger(w, "learn_train")
    train = w.learning.train
    o = w.model.output
    before = w.model.value(o)
    train.steps.setValue(1)
    click(qtbot, train.start_button)
    qtbot.waitUntil(lambda: not train.running, timeout=5000)
    settle()
    assert w.model.value(o) < before  # one step of gradient descent on o
    assert w.tutorial.progress.finished and title(w) == "That's the tour"
    assert panel.header.text() == "Done: all 11 steps" and panel.bar.value() == 11

    click(qtbot, panel.close_button)
    assert not w.tutorial.dock.isVisible() and len(w.model) == 12  # closing loses nothing


def test_back_shows_a_done_step_and_next_goes_on(qtbot, window):
    w = window
    open_tutorial(qtbot, w)  # an empty window: step 1 is done at once
    panel = w.tutorial.panel
    assert title(w) == "Place a leaf a = 2"
    click(qtbot, panel.back_button)
    assert title(w) == "Start on an empty canvas"
    assert panel.next_button.text() == "Next ›" and "Done" in panel.todo.text()
    assert not panel.back_button.isEnabled()
    click(qtbot, panel.next_button)
    assert title(w) == "Place a leaf a = 2" and panel.next_button.text() == "Skip ›"
    click(qtbot, panel.next_button)  # skip without doing it
    assert title(w) == "Place a leaf b = −3"


def test_closing_keeps_the_step_and_help_tutorial_returns_to_it(qtbot, window):
    w = window
    open_tutorial(qtbot, w)
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    place_leaf(qtbot, w, "a = 2", COL[0], 0)
    click(qtbot, w.tutorial.panel.close_button)
    assert not w.tutorial.dock.isVisible()
    assert w.status_text() == "Help › Tutorial opens the tutorial again at step 3, where you left it."
    place_leaf(qtbot, w, "b = -3", COL[0], 120)  # done while the panel was closed
    trigger(w, "tutorial")
    settle()
    assert w.tutorial.dock.isVisible() and title(w) == "Multiply: e = a·b"
    assert [w.model.label(n) for n in w.model.nodes()] == ["a", "b"]


def test_shown_again_from_view_panels_it_catches_up(qtbot, window):
    w = window
    open_tutorial(qtbot, w)
    w.view.resetTransform()
    w.view.centerOn(0, 0)
    click(qtbot, w.tutorial.panel.close_button)
    place_leaf(qtbot, w, "a = 2", COL[0], 0)
    w.tutorial.dock.toggleViewAction().trigger()  # View › Panels › Tutorial
    settle()
    assert w.tutorial.dock.isVisible() and title(w) == "Place a leaf b = −3"


def test_training_before_the_training_step_does_not_count(qtbot, window, answers):
    w = window
    open_tutorial(qtbot, w)
    w.tutorial.count_training(5)  # e.g. a run while on step 2
    click(qtbot, w.tutorial.panel.next_button)
    assert w.tutorial.trained_steps == 0


def test_the_help_menu_lists_the_tutorial_first(window):
    help_menu = window.menu("help")
    assert help_menu.actions()[0] is window.tutorial.action
    assert window.tutorial.action.text() == "&Tutorial"


def test_first_launch_offers_the_tutorial_once(qtbot, answers, tmp_settings):
    assert not gui_settings.tutorial_offered()
    w = gui_app.create_window([])
    qtbot.addWidget(w)
    settle()
    assert w.tutorial.dock.isVisible() and title(w) == "Welcome to micrograd-studio"
    assert gui_settings.tutorial_offered()
    # the offer waits for the learner: the blog example is untouched
    assert len(w.model) == 7 and not w.tutorial.started
    click(qtbot, w.tutorial.panel.close_button)  # "Not now"
    w.close()
    second = gui_app.create_window([])
    qtbot.addWidget(second)
    settle()
    assert not second.tutorial.dock.isVisible()  # never offered again
    trigger(second, "tutorial")
    assert second.tutorial.dock.isVisible()


def test_a_plain_window_does_not_offer_it(qtbot, answers):
    w = make_window(qtbot, answers)  # only the app's start offers it
    assert not w.tutorial.dock.isVisible() and not gui_settings.tutorial_offered()


def test_pointing_at_a_palette_entry_clears_a_filter_that_hides_it(window, qtbot):
    pal = window.palette_panel
    qtbot.keyClicks(pal.filter, "exp")
    assert pal.item_for("mul").isHidden()
    pal.point_at("mul")
    assert pal.filter.text() == "" and not pal.item_for("mul").isHidden()
    assert pal.list.currentItem() is pal.item_for("mul")


def test_the_panel_grows_to_show_its_page_whole(qtbot, window):
    w = window
    w.resize(1280, 1000)  # room for it (the offscreen screen is small)
    settle()
    trigger(w, "tutorial")
    panel = w.tutorial.panel
    # the scroll bar goes at the layout pass after the dock has grown (a busy machine: a while later)
    qtbot.waitUntil(
        lambda: panel.hidden_height() == 0 and not panel.scroll_area.verticalScrollBar().isVisible(),
        timeout=3000,
    )
    assert panel.start_button.isVisible()
    assert w.tutorial.dock.height() <= 0.45 * w.height() + 1


def test_the_welcome_page_makes_room_when_the_learner_runs_backward(qtbot, answers, tmp_settings):
    """Unanswered, the welcome page gives the right column back to the pass's
    panels at the first Backward (it crowded Order and Chain Rule); Help ›
    Tutorial shows it again. A tour under way keeps its panel."""
    w = gui_app.create_window([])
    qtbot.addWidget(w)
    settle()
    assert w.tutorial.dock.isVisible() and not w.tutorial.started
    chain = w.backward.dock_chain
    before = chain.height()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    settle()
    assert w.backward.animator.active
    assert not w.tutorial.dock.isVisible()
    assert w.status_text() == WELCOME_ASIDE
    assert chain.height() > before  # the column's height went to the pass's panels
    trigger(w, "tutorial")
    settle()
    assert w.tutorial.dock.isVisible() and title(w) == "Welcome to micrograd-studio"
    click(qtbot, w.tutorial.panel.start_button)
    settle()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # a pass during the tour
    settle()
    assert w.tutorial.dock.isVisible() and w.tutorial.started


def test_skip_stays_where_the_learner_clicks_it_step_after_step(qtbot, window):
    """A trial: clicking Skip at one spot eight times reached step 7 of 11,
    the panel growing page by page and the button moving down with it. The
    panel grows once, for its tallest step; every page shows whole."""
    w = window
    w.resize(1280, 1000)  # room for it (the offscreen screen is small)
    settle()
    open_tutorial(qtbot, w)
    panel = w.tutorial.panel
    n = len(w.tutorial.progress.steps)
    qtbot.waitUntil(lambda: panel.hidden_height() == 0, timeout=3000)
    qtbot.wait(1700)  # past the fitting window of the first page (FIT_MS)
    spot = panel.next_button.mapTo(w, panel.next_button.rect().center())
    seen = []
    while w.tutorial.progress.index < n:
        seen.append(title(w))
        assert panel.next_button.mapTo(w, panel.next_button.rect().center()) == spot, seen
        qtbot.mouseClick(w.childAt(spot), Qt.MouseButton.LeftButton)  # where the button was
        settle()
        qtbot.wait(50)
        settle()
        assert panel.hidden_height() == 0, seen  # each page whole
    assert len(seen) >= n - 1 and w.tutorial.dock.height() <= 0.45 * w.height() + 1


def test_the_welcome_page_makes_room_when_train_on_data_opens(qtbot, answers, tmp_settings):
    """Trial 58: with Learn › Train on Data open, the unanswered welcome page kept its room, the Train
    panel squeezed and the welcome text cut under its own scroll bar. It steps aside, as for a pass."""
    w = gui_app.create_window([])
    qtbot.addWidget(w)
    settle()
    assert w.tutorial.dock.isVisible() and not w.tutorial.started
    trigger(w, "learn_train_data")
    settle()
    assert w.training.dock.isVisible()
    assert not w.tutorial.dock.isVisible()
    assert w.status_text() == WELCOME_ASIDE
