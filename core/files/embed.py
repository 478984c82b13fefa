"""A graph file carried inside an exported picture, as node tools such as
ComfyUI do: opening the picture reopens the graph.

- PNG: an ``iTXt`` chunk (zlib-compressed UTF-8) with the keyword
  ``micrograd-studio``, right after the image header. Viewers ignore it.
- SVG: ``<metadata><mgs:graph xmlns:mgs="urn:micrograd-studio:graph">`` holding
  the file's JSON as text, right after the ``<svg>`` start tag.

A picture of a Backward pass also says where the pass stood (its root and
step): an ``iTXt`` chunk ``micrograd-studio-step`` holding ``{"root": ID,
"step": N}``, or the ``mgs:graph`` element's ``pass-root`` and ``pass-step``
attributes; opening it shows the pass at that step again.

Plain bytes in and out, no Qt, so ``micrograd-studio backward picture.png``
works too.
"""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET
import zlib
from xml.sax.saxutils import escape, quoteattr

from core.graph.errors import FileFormatError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"micrograd-studio"
STEP_KEYWORD = b"micrograd-studio-step"
#: Where a pass shown in a picture stood: (its root, its step).
Step = tuple[str, int]
SVG_NS = "urn:micrograd-studio:graph"
MAX_TEXT = 256 * 1024 * 1024  # what a chunk may unpack to (a zip bomb stops here)
NO_GRAPH = (
    "not a micrograd-studio graph file: {} picture without a graph inside (only pictures "
    "exported by micrograd-studio carry one; open the graph's .mgraph file instead)"
)


def picture_kind(data: bytes) -> str | None:
    """ "png" or "svg" when ``data`` is such a picture, else None (JSON starts with neither)."""
    if data.startswith(PNG_SIGNATURE):
        return "png"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in data[:65536]:
        return "svg"
    return None


# ------------------------------------------------------------------- PNG
def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with_graph(png: bytes, graph_text: str, step: Step | None = None) -> bytes:
    """``png`` with ``graph_text`` in an iTXt chunk after its header (and
    ``step``, where a pass shown stood, in one of its own)."""
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    end_of_header = 8 + 12 + struct.unpack(">I", png[8:12])[0]
    body = KEYWORD + b"\0\1\0\0\0" + zlib.compress(graph_text.encode("utf-8"), 9)
    chunks = _chunk(b"iTXt", body)
    if step is not None:
        said = json.dumps({"root": step[0], "step": step[1]}, ensure_ascii=False).encode("utf-8")
        chunks += _chunk(b"iTXt", STEP_KEYWORD + b"\0\0\0\0\0" + said)
    return png[:end_of_header] + chunks + png[end_of_header:]


def graph_text_of_png(png: bytes, source: str) -> str:
    """The graph text in ``png``; FileFormatError when it has none or is damaged."""
    pos = len(PNG_SIGNATURE)
    while pos + 12 <= len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        body = png[pos + 8 : pos + 8 + length]
        if len(body) != length:
            break
        if kind in (b"iTXt", b"zTXt", b"tEXt") and body.startswith(KEYWORD + b"\0"):
            (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length] or b"\0\0\0\0")
            if crc != zlib.crc32(kind + body):
                raise FileFormatError(f"{source}: the graph inside this PNG is damaged (checksum mismatch)")
            return _text_chunk(kind, body[len(KEYWORD) + 1 :], source)
        if kind == b"IEND":
            break
        pos += 12 + length
    raise FileFormatError(f"{source}: {NO_GRAPH.format('a PNG')}")


def _text_chunk(kind: bytes, rest: bytes, source: str) -> str:
    try:
        if kind == b"tEXt":
            return rest.decode("latin-1")
        if kind == b"zTXt":
            return _inflate(rest[1:]).decode("latin-1")
        compressed, _method = rest[0], rest[1]
        _lang, _, rest = rest[2:].partition(b"\0")
        _translated, _, text = rest.partition(b"\0")
        return (_inflate(text) if compressed else text).decode("utf-8")
    except (zlib.error, UnicodeDecodeError, IndexError) as e:
        raise FileFormatError(f"{source}: the graph inside this PNG is damaged ({e})") from None


def _inflate(data: bytes) -> bytes:
    d = zlib.decompressobj()
    out = d.decompress(data, MAX_TEXT)
    if d.unconsumed_tail:
        raise zlib.error("the graph is larger than micrograd-studio reads")
    return out


# ------------------------------------------------------------------- SVG
def svg_with_graph(svg: bytes, graph_text: str, step: Step | None = None) -> bytes:
    """``svg`` with ``graph_text`` in a ``<metadata>`` element after its start
    tag (and ``step``, where a pass shown stood, as its attributes)."""
    start = svg.find(b"<svg")
    end = svg.find(b">", start)
    if start < 0 or end < 0:
        raise ValueError("not an SVG picture")
    at = "" if step is None else f' pass-root={quoteattr(step[0])} pass-step="{int(step[1])}"'
    head = f'<mgs:graph xmlns:mgs="{SVG_NS}" version="1"{at}>'
    meta = f"\n<metadata>{head}{escape(graph_text)}</mgs:graph></metadata>".encode()
    if svg[end - 1 : end] == b"/":  # <svg .../>: an empty picture, opened up to hold it
        return svg[: end - 1] + b">" + meta + b"</svg>" + svg[end + 1 :]
    return svg[: end + 1] + meta + svg[end + 1 :]


def graph_text_of_svg(svg: bytes, source: str) -> str:
    """The graph text in ``svg``; FileFormatError when it has none or is not XML."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as e:
        raise FileFormatError(f"{source}: not a valid SVG picture ({e})") from None
    found = root.find(f".//{{{SVG_NS}}}graph")
    if found is None or not (found.text or "").strip():
        raise FileFormatError(f"{source}: {NO_GRAPH.format('an SVG')}")
    return found.text or ""


def pass_step(data: bytes) -> Step | None:
    """Where the pass a picture shows stood (its root and step), if it says
    so and says it well; else None (a picture of no pass, or any other file)."""
    kind = picture_kind(data)
    try:
        if kind == "png":
            said = _png_text(data, STEP_KEYWORD)
            if said is None:
                return None
            got = json.loads(said)
            root, step = got.get("root"), got.get("step")
        elif kind == "svg":
            found = ET.fromstring(data).find(f".//{{{SVG_NS}}}graph")
            if found is None or found.get("pass-root") is None:
                return None
            root, step = found.get("pass-root"), int(found.get("pass-step", ""))
        else:
            return None
    except (ValueError, AttributeError, ET.ParseError, FileFormatError):
        return None
    ok = isinstance(root, str) and isinstance(step, int) and not isinstance(step, bool) and step >= 0
    return (root, step) if ok else None


def _png_text(png: bytes, keyword: bytes) -> str | None:
    """The text of the chunk ``keyword`` in ``png``, or None."""
    pos = len(PNG_SIGNATURE)
    while pos + 12 <= len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"iTXt" and body.startswith(keyword + b"\0"):
            return _text_chunk(kind, body[len(keyword) + 1 :], "picture")
        if kind == b"IEND" or len(body) != length:
            return None
        pos += 12 + length
    return None


def graph_text(data: bytes, source: str) -> str | None:
    """The graph text a picture carries (None if ``data`` is no picture)."""
    kind = picture_kind(data)
    if kind == "png":
        return graph_text_of_png(data, source)
    if kind == "svg":
        return graph_text_of_svg(data, source)
    return None
