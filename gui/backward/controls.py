"""The Backward feature's controls: its actions (with their keys), the
toolbar and the Backward menu. The controller (gui/backward/animation.py)
owns them; they are made here to keep it about the animation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar, QToolButton

from gui.backward.choices import load_choice, store_choice
from gui.backward.speed_box import SpeedBox
from gui.common.actions import make_action
from gui.common.steady_width import SteadyWidth

# ``ctl`` is the BackwardController (not imported: it imports this module);
# the attributes set here are declared in its class body.


def make_actions(ctl: Any) -> None:
    w = ctl.window

    def act(name, text, slot, keys, tip, icon=None, checkable=False):
        return make_action(w, name, text, slot, shortcut=keys, tip=tip, icon=icon, checkable=checkable)

    ctl.action_backward = act(
        "backward",
        "Run &Backward",
        ctl.backward_pressed,
        ["Ctrl+B", "F5"],
        "Run backpropagation from the output and watch the chain rule, step by step",
        "bw_backward",
    )
    ctl.action_backward.setIconText("Backward")
    ctl.action_play = act(
        "play",
        "&Play",
        ctl.play_pause,
        ["P"],
        "Play or pause the backward animation (runs Backward first when no pass is shown)",
        "bw_play",
    )
    # Page Down / Page Up: what a presenter's clicker sends (disabled with no
    # pass shown, they leave the keys to the canvas, which scrolls)
    ctl.action_step = act(
        "step",
        "&Step",
        ctl.animator.step,
        ["Right", ".", "PgDown"],
        "Run the next chain-rule step",
        "bw_step",
    )
    ctl.action_step_back = act(
        "step_back",
        "Step Bac&k",
        ctl.animator.step_back,
        ["Left", ",", "PgUp"],
        "Go back one step",
        "bw_step_back",
    )
    ctl.action_restart = act(
        "restart",
        "&Restart",
        ctl.animator.restart,
        ["Home"],
        "Back to the start: only the output's gradient (1) is known",
        "bw_restart",
    )
    ctl.action_skip_end = act(
        "skip_end",
        "Skip to &End",
        ctl.animator.skip_to_end,
        ["End"],
        "Jump to the finished pass: every gradient",
        "bw_skip_end",
    )
    ctl.action_faster = act(
        "faster", "&Faster", lambda: ctl.set_speed(ctl.animator.speed + 15), ["]"], "Play faster"
    )
    ctl.action_slower = act(
        "slower", "S&lower", lambda: ctl.set_speed(ctl.animator.speed - 15), ["["], "Play slower"
    )
    ctl.action_clear = act(
        "clear_grads",
        "Clear Gradie&nts",
        ctl.clear,
        ["Ctrl+Shift+B"],
        "Stop the animation and hide the gradients",
    )
    ctl.action_autoplay = act(
        "autoplay",
        "Play &Automatically",
        None,
        None,
        "Start playing as soon as Backward runs (off, the default: Backward starts "
        "paused, → steps and P plays)",
        checkable=True,
    )
    # a learner steps first: Backward starts paused unless they ask otherwise
    ctl.action_autoplay.setChecked(load_choice("autoplay", False, bool))
    ctl.action_autoplay.toggled.connect(lambda on: store_choice("autoplay", on))
    ctl.action_follow = act(
        "follow",
        "Follo&w the Current Step",
        None,
        None,
        "Scroll the canvas to each step (and zoom in to a readable size when Backward starts)",
        checkable=True,
    )
    ctl.action_follow.setChecked(load_choice("follow", True, bool))
    ctl.action_follow.toggled.connect(lambda on: store_choice("follow", on))
    ctl.action_play.setIconText("Play")
    ctl.action_step.setIconText("Step")
    ctl.action_step_back.setIconText("Back")


def make_toolbar(ctl: Any) -> None:
    w = ctl.window
    tb = ctl.toolbar = QToolBar("Backward", w.dialog_parent())  # the window
    tb.setObjectName("toolbar_backward")
    tb.setMovable(False)
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tb.addAction(ctl.action_backward)
    tb.addSeparator()
    for a in (
        ctl.action_restart,
        ctl.action_step_back,
        ctl.action_play,
        ctl.action_step,
        ctl.action_skip_end,
    ):
        tb.addAction(a)
    for a in (ctl.action_restart, ctl.action_skip_end):
        btn = tb.widgetForAction(a)
        if isinstance(btn, QToolButton):
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    play = tb.widgetForAction(ctl.action_play)
    if isinstance(play, QToolButton):  # Play and Pause one width: Step stays under the mouse
        SteadyWidth(play, ("Play", "Pause"))
    box = SpeedBox(ctl.animator)
    ctl.speed_slider, ctl.step_label = box.slider, box.step_label
    tb.addWidget(box)
    w.add_toolbar(tb)


def make_menu(ctl: Any) -> None:
    m = ctl.window.menu("backward")
    m.addAction(ctl.action_backward)
    m.addActions(ctl.forward.menu_actions())
    m.addSeparator()
    for a in (
        ctl.action_play,
        ctl.action_step,
        ctl.action_step_back,
        ctl.action_restart,
        ctl.action_skip_end,
    ):
        m.addAction(a)
    m.addSeparator()
    m.addActions([ctl.action_faster, ctl.action_slower, ctl.action_autoplay, ctl.action_follow])
    m.addSeparator()
    m.addAction(ctl.action_clear)
    m.addSeparator()
    m.addActions(
        [
            ctl.dock_order.toggleViewAction(),
            ctl.dock_chain.toggleViewAction(),
            ctl.forward.dock.toggleViewAction(),
            ctl.forward.hessian_dock.toggleViewAction(),
        ]
    )
    m.menuAction().setVisible(True)
