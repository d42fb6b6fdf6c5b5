"""Missing, empty and corrupt data files: the app shows an error panel with the same lines
``python -m astana validate`` prints, the CLI prints them and exits 1, and nothing on disk
changes (the data, the repository, an existing output file)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from astana import ui
from astana.data.catalog import REPO_ROOT, find_problems

APP = str(REPO_ROOT / "app.py")


def _remove(path: Path) -> None:
    path.unlink()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncate(path: Path) -> None:
    """Cut the file mid-line, as an interrupted write would (a cut that happens to fall at
    the end of a record would leave a shorter file that is still valid)."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2].rstrip()[:-1])


def _garble(path: Path) -> None:
    path.write_bytes(b"\x00\xff\xfe" + path.read_bytes()[:200])


FAULTS: list[tuple[str, Callable[[Path], None], str]] = [
    ("data/rounds.yaml", _remove, "data/rounds.yaml: -: -: file not found"),
    ("data/events.yaml", _empty, "data/events.yaml: -: -: file is empty"),
    ("data/events.yaml", _truncate, "data/events.yaml: "),
    ("geodata/zones.geojson", _truncate, "geodata/zones.geojson: -: -: not valid JSON"),
    ("geodata/syria.geojson", _garble, "geodata/syria.geojson: -: -: cannot read file"),
    ("geodata/places.geojson", _empty, "geodata/places.geojson: -: -: file is empty"),
]
FAULT_IDS = [f"{change.__name__[1:]}-{Path(name).stem}" for name, change, _ in FAULTS]


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (but .git and caches) with a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not {".git", "__pycache__", ".venv"} & set(path.parts)
    }


@pytest.fixture(scope="module")
def repository_before() -> dict[str, str]:
    """The repository's data files as they were before these tests."""
    return {
        name: digest
        for name, digest in _fingerprint(REPO_ROOT).items()
        if name.startswith(("data/", "geodata/", ".streamlit/", "app.py"))
    }


def _validate_lines(root: Path) -> list[str]:
    """What ``python -m astana validate --root`` prints, problem lines only."""
    result = subprocess.run(
        [sys.executable, "-m", "astana", "validate", "--root", str(root)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *problem_lines, count = result.stderr.splitlines()
    assert count == f"{len(problem_lines)} problem(s) found"
    return problem_lines


def _clear_caches() -> None:
    """Forget the atlas and everything the page made from it."""
    st.cache_data.clear()
    st.cache_resource.clear()


def _open_app(root: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv(ui.ROOT_ENV, str(root))
    _clear_caches()
    return AppTest.from_file(APP, default_timeout=60).run()


@pytest.mark.parametrize(("name", "change", "expected"), FAULTS, ids=FAULT_IDS)
def test_the_app_shows_the_validate_lines_instead_of_a_traceback(
    data_copy, monkeypatch, repository_before, name, change, expected
):
    change(data_copy / name)
    before = _fingerprint(data_copy)
    try:
        app = _open_app(data_copy, monkeypatch)
    finally:
        _clear_caches()
    assert not app.exception
    assert "did not validate" in app.error[0].value
    assert app.text[0].value == f"Data folder: {data_copy}"
    (panel,) = app.code
    assert panel.value.splitlines() == _validate_lines(data_copy)
    assert any(line.startswith(expected) for line in panel.value.splitlines())
    assert not app.get("iframe") and not app.select_slider  # the page stopped there
    assert _fingerprint(data_copy) == before
    assert {n: d for n, d in _fingerprint(REPO_ROOT).items() if n in repository_before} == (
        repository_before
    )


def test_the_app_recovers_once_the_file_is_fixed(data_copy, monkeypatch):
    events = data_copy / "data/events.yaml"
    good = events.read_bytes()
    events.write_bytes(b"")
    try:
        app = _open_app(data_copy, monkeypatch)
        assert app.error and not app.select_slider
        events.write_bytes(good)
        app.run()  # the failed load was not cached: the next run reads the file again
        assert not app.error and not app.exception and app.select_slider
    finally:
        _clear_caches()


def test_a_huge_list_of_problems_is_cut_in_the_panel(data_copy, monkeypatch):
    problems = find_problems(data_copy)
    assert problems == []
    zones = data_copy / "geodata/zones.geojson"
    features = ",".join(['{"type": "Feature", "properties": {}, "geometry": null}'] * 400)
    zones.write_text(f'{{"type": "FeatureCollection", "features": [{features}]}}', "utf-8")
    try:
        app = _open_app(data_copy, monkeypatch)
    finally:
        _clear_caches()
    shown = app.code[0].value.splitlines()
    total = len(find_problems(data_copy))
    assert total > 400 and len(shown) == 201
    assert shown[-1] == f"… and {total - 200:,} more"


def test_an_unexpected_error_while_loading_is_a_message_too(monkeypatch):
    def crash(root=None):
        raise MemoryError("cannot allocate")

    monkeypatch.setattr(ui, "load_atlas", crash)
    _clear_caches()
    try:
        app = AppTest.from_file(APP, default_timeout=60).run()
    finally:
        _clear_caches()
    assert not app.exception
    assert app.code[0].value == "MemoryError: cannot allocate"


@pytest.mark.parametrize(("name", "change", "expected"), FAULTS, ids=FAULT_IDS)
def test_the_cli_prints_the_problems_and_keeps_the_old_export(
    data_copy, tmp_path_factory, name, change, expected
):
    change(data_copy / name)
    out = tmp_path_factory.mktemp("out")
    previous = out / "zones.geojson"
    previous.write_text("an earlier export", "utf-8")
    before = _fingerprint(data_copy)
    command = ["snapshot", "--date", "2017-09-20", "--output", str(previous)]
    result = subprocess.run(
        [sys.executable, "-m", "astana", *command, "--root", str(data_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:-1] == _validate_lines(data_copy)
    assert any(line.startswith(expected) for line in result.stderr.splitlines())
    assert previous.read_text("utf-8") == "an earlier export"
    assert [path.name for path in out.iterdir()] == ["zones.geojson"]
    assert _fingerprint(data_copy) == before


def test_a_root_that_is_not_a_folder_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "astana", "validate", "--root", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr == f"error: --root is not a folder: {tmp_path / 'nowhere'}\n"
