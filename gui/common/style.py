"""The canvas's look in one place: colours, fonts and sizes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

# ---- geometry (scene units; core.graph.layout spaces columns 240 and rows 110 apart)
NODE_W = 132.0
NODE_H = 64.0
HEADER_H = 22.0
RADIUS = 9.0
PORT_R = 5.0
PORT_HIT = 11.0  # how close (scene units, at 100%) a click must be to a port
GRID = 24.0
GRID_MAJOR = 5  # every 5th grid line is stronger

# ---- colours
BG = QColor("#f5f6f8")
GRID_MINOR = QColor("#eceef2")
GRID_MAJOR_C = QColor("#dfe2e8")
SHADOW = QColor(20, 30, 50, 28)

CARD = QColor("#ffffff")
CARD_BORDER = QColor("#c5cad3")
OP_HEADER = QColor("#e9edf5")
OP_TEXT = QColor("#2a3140")
SYMBOL = QColor("#3b5bdb")
SYMBOL_PILL = QColor("#e0e7ff")  # behind the operator's symbol, left in the header

LEAF_CARD = QColor("#e7f5ee")
LEAF_HEADER = QColor("#c9ebd8")
LEAF_BORDER = QColor("#6cc196")
LEAF_TEXT = QColor("#1d5c3b")

TEXT = QColor("#1f2430")
TEXT_DIM = QColor("#6b7280")
GRAD = QColor("#b3541e")

SELECT = QColor("#3b82f6")
OUTPUT = QColor("#7c3aed")
#: The text of the light "output (auto)" tag: OUTPUT there read at 4:1 on its tint (AA asks 4.5:1).
OUTPUT_AUTO_TEXT = QColor("#5b21b6")
BAD = QColor("#dc2626")
BAD_FILL = QColor("#fdecec")
INCOMPLETE = QColor("#d97706")
INCOMPLETE_FILL = QColor("#fff7e8")

PORT_IN = QColor("#8a94a6")
PORT_OUT = QColor("#4b5563")
PORT_VALID = QColor("#16a34a")
PORT_EMPTY = QColor("#ffffff")

WIRE = QColor("#8b93a3")
WIRE_SELECTED = SELECT
WIRE_DRAG = QColor("#3b82f6")
WIRE_FLOW = QColor("#ea580c")
#: Under a lit wire while Gradient Flow colours the wires by sign (its orange is "positive" there).
FLOW_HALO = QColor(250, 204, 21, 170)
WIRE_W = 2.0
WIRE_NONE = QColor("#b8bec9")  # a wire from a node that has no value yet
WIRE_GRADIENT = QColor(79, 91, 140, 200)  # View › Gradient Flow: width by |gradient|
# |gradient| has no sign: its bars and gauges take the wires' slate, not a colour of the sign scale
MAGNITUDE = QColor(79, 91, 140)

HL_CURRENT = QColor("#ea580c")
FIND_MARK = QColor("#db2777")  # Find's ring and the minimap's marks: not the step's orange
HL_INPUT = QColor("#f59e0b")
HL_DONE = QColor("#16a34a")
DIM_OPACITY = 0.3

NOTE_BG = QColor("#fff7ed")
NOTE_BORDER = QColor("#fdba74")
NOTE_TEXT = QColor("#7c2d12")

# groups (gui/canvas/folding/): an open group's frame and tab, a folded group's card
GROUP_FILL = QColor(59, 91, 219, 14)
GROUP_BORDER = QColor("#94a3d8")
GROUP_TITLE = QColor("#3b4a8a")
GROUP_CARD = QColor("#eef1fb")
GROUP_HEADER = QColor("#d9dff5")

# ---- level of detail (screen pixels per scene unit)
LOD_TEXT = 0.4  # below this, no text at all
LOD_DETAIL = 0.6  # below this, no port names or gradient line
LOD_THIN_WIRE = 0.7  # below this, plain wires are 1 px (fast to stroke)
FAR_ZOOM = 0.3  # below this zoom, one overview layer draws blocks and straight wires
# ... for a graph of at most FEW_CARDS cards, only below FAR_ZOOM_FEW: down to
# there a card can still write its name (or value) large (gui/canvas/cards/node_layout.py),
# and a few hundred cards draw as fast as the overview's blocks
FEW_CARDS = 400
FAR_ZOOM_FEW = 0.2


def font(px: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def scaled_font(scale: float, base: QFont | None = None) -> QFont:
    """``base`` (the app's font when None) ``scale`` times as large: a
    panel's text in View › Presentation Mode (1: as it was)."""
    f = QFont(base if base is not None else QGuiApplication.font())
    if f.pixelSize() > 0:
        f.setPixelSize(max(1, round(f.pixelSize() * scale)))
    else:
        f.setPointSizeF(f.pointSizeF() * scale)
    return f


def scale_text(widget: QWidget, scale: float) -> None:
    """``widget`` and the children that take its font, their text ``scale``
    times the app's (1: the app's font again, as inherited)."""
    widget.setFont(QFont() if scale == 1 else scaled_font(scale))


def set_text_color(widget: QWidget, color: str | QPalette.ColorRole | None) -> None:
    """``widget``'s text in ``color`` (a colour's name or a palette role;
    None: as usual) through its palette, not a style sheet: a widget with a
    style sheet keeps the font it had when its panel's font changes (View ›
    Presentation Mode's larger text left such labels at desktop size)."""
    if isinstance(color, QPalette.ColorRole):
        widget.setPalette(QPalette())
        widget.setForegroundRole(color)
        return
    widget.setForegroundRole(QPalette.ColorRole.WindowText)
    pal = QPalette()
    if color is not None:
        pal.setColor(QPalette.ColorRole.WindowText, QColor(color))
    widget.setPalette(pal)


FONT_LABEL = None
FONT_VALUE = None
FONT_SMALL = None
FONT_SYMBOL = None


def fonts() -> tuple[QFont, QFont, QFont, QFont]:
    """(label, value, small, symbol) fonts; built lazily (needs a QGuiApplication)."""
    global FONT_LABEL, FONT_VALUE, FONT_SMALL, FONT_SYMBOL
    if FONT_LABEL is None:
        FONT_LABEL = font(13, True)
        FONT_VALUE = font(16, True)
        FONT_SMALL = font(10)
        FONT_SYMBOL = font(14, True)
    return FONT_LABEL, FONT_VALUE, FONT_SMALL, FONT_SYMBOL
