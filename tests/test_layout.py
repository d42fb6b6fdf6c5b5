"""The package's layout is its architecture: imports run one way, from the two faces
(``ui``, ``cli``) through ``views``/``exports`` and the pure modules down to ``data``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "astana"

# What each part may import from the package (beyond itself).
ALLOWED: dict[str, set[str]] = {
    "geometry": set(),
    "data": {"geometry"},  # the loader validates areas and overlaps as it loads
    "timeline": {"data"},
    "compare": {"data", "geometry", "timeline"},
    "views": {"data", "geometry", "timeline", "compare"},
    "exports": {"data", "geometry", "timeline", "compare", "views", "__init__"},
}


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported_parts(path: Path) -> set[str]:
    parts = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("astana"):
            names = node.module.split(".")[1:] or [alias.name for alias in node.names]
            parts.update(name if name != "__version__" else "__init__" for name in names[:1])
        elif isinstance(node, ast.Import):
            parts.update(a.name.split(".")[1] for a in node.names if a.name.startswith("astana."))
    return parts


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if _part(p) in ALLOWED)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path):
    part = _part(path)
    wrong = _imported_parts(path) - ALLOWED[part] - {part}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({part}) imports {sorted(wrong)}"


def _top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_streamlit():
    importers = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if _top_level_imports(path) & {"streamlit", "streamlit_folium"}
    }
    assert importers == {"ui.py"}
