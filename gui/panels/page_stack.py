"""A stack as tall as the page it shows, for the Properties panel's pages."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QStackedWidget


class PageStack(QStackedWidget):
    """A stack as tall as the page it shows (a trial: the short hint scrolled
    in the panel, by the height of the form page it did not show): the
    pages not shown are left out of its size (Qt's stack leaves out those
    whose size policy is Ignored)."""

    def __init__(self) -> None:
        super().__init__()
        self._own: dict[int, QSizePolicy.Policy] = {}  # each page's own vertical policy, while hidden
        self.currentChanged.connect(self.fit_shown)

    def fit_shown(self, _index: int = 0) -> None:
        shown = self.currentWidget()
        for i in range(self.count()):
            if (page := self.widget(i)) is None:
                continue
            policy = page.sizePolicy()  # (the rest of it, a wrapping label's height-for-width, kept)
            own = self._own.setdefault(i, policy.verticalPolicy())
            policy.setVerticalPolicy(own if page is shown else QSizePolicy.Policy.Ignored)
            page.setSizePolicy(policy)
        self.updateGeometry()
