"""File › Examples writes a power as the cards do, x² (a trial, 71 #12: the
menu read "e^(2n)" beside cards that write x² and a Palette that writes eˣ)."""

from __future__ import annotations

from window_helpers import answers, menu_action, shown_window, tmp_settings, window  # noqa: F401


def test_the_examples_menu_writes_powers_as_superscripts(qtbot, window):
    shown_window(qtbot, window)
    menu = window.examples_menu
    titles = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert titles and not any("^" in t for t in titles), titles
    exp = menu_action(menu, "example_neuron_exp").text()
    assert "o = (e²ⁿ - 1) / (e²ⁿ + 1)" in exp, exp
