"""The glossary's SVG as a browser shows it: headless Chromium draws it, text and all.

Whether Arabic is shaped and right to left is judged by eye on the screenshot (see the note of
the change that added this); what a test can check is that Chromium renders the file, that the
picture is not blank, and that the Arabic labels are text in it, findable as a browser finds
text (`grep تسوية`)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import run_termgraph

REPO = Path(__file__).resolve().parents[2]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("Chromium is not installed (apt-get install chromium): the browser check is skipped")


def png_pixels(path: Path):
    """Width, height and the distinct colours of a PNG (8-bit RGB or RGBA, as Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels + 1
    # Filter bytes make exact decoding long; distinct filtered rows still tell blank from drawn.
    rows = {raw[i * stride + 1:(i + 1) * stride] for i in range(height)}
    return width, height, len(rows)


def test_chromium_draws_the_glossary_svg(tmp_path):
    browser = chromium()
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")
    result = run_termgraph(["export", "--format", "svg", "--output", tmp_path / "graph.svg"], REPO / "corpus", json_output=False)
    assert result.returncode == 0, result.describe()
    svg = (tmp_path / "graph.svg").read_text(encoding="utf-8")
    assert "<text" in svg and ">تسوية</text>" in svg and ">مكتب خلفي</text>" in svg
    shot = tmp_path / "shot.png"
    proc = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1600,1000",
                           f"--screenshot={shot}", (tmp_path / "graph.svg").as_uri()], capture_output=True, timeout=120)
    assert shot.exists(), proc.stderr.decode(errors="replace")[-2000:]
    width, height, distinct_rows = png_pixels(shot)
    assert (width, height) == (1600, 1000)
    assert distinct_rows > 50, "the screenshot is blank"
