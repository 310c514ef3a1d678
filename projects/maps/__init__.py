"""The offline map of Chongqing: boundaries in a committed file, drawn as SVG on the server."""

from pathlib import Path

BOUNDARY_FILE = Path(__file__).resolve().parent / "chongqing.json"
VIEW_WIDTH = 1000
