"""Shared fixtures: the repository's atlas, and a writable copy of its data for broken cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from astana.data.catalog import REPO_ROOT, load_atlas
from astana.data.models import Atlas

REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The repository's own data, loaded once."""
    return load_atlas()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throwaway copy of data/ and geodata/ that a test may break."""
    for folder in ("data", "geodata"):
        shutil.copytree(REPO_ROOT / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The official boundaries in ../shared/reference, for checks only; skip where absent
    (a user's fresh clone has no ../shared)."""
    if not REFERENCE_DIR.is_dir():
        pytest.skip(f"reference boundaries not found at {REFERENCE_DIR}")
    return REFERENCE_DIR


def _use_repeatable_hypothesis() -> None:
    """Property tests draw the same examples on every run and machine, and write nothing into
    the repository: no example database, and hypothesis's caches go to the system's temporary
    folder (``HYPOTHESIS_STORAGE_DIRECTORY`` overrides). To hunt for new failing examples, run
    ``python -m pytest tests/test_properties_*.py --hypothesis-profile=explore``."""
    import os
    import tempfile

    from hypothesis import settings

    cache = Path(tempfile.gettempdir()) / "astana-hypothesis"
    os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(cache))
    common = {"database": None, "deadline": None}
    settings.register_profile("repeatable", derandomize=True, max_examples=200, **common)
    settings.register_profile("explore", max_examples=2000, **common)
    settings.load_profile("repeatable")


_use_repeatable_hypothesis()
