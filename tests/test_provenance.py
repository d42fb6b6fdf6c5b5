"""The data version a snapshot carries: the same in README.txt and CITATION.cff, naming
the atlas's version, its repository's commit when it can be known, the data's latest date
and its fingerprint; found from the package's own path, never the working directory."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import tarfile
import zipfile

import pytest
import yaml

from astana import __version__
from astana.data.catalog import load_atlas
from astana.exports import provenance
from astana.exports.snapshot import render
from astana.timeline import state_on

DAY = dt.date(2020, 3, 6)
GIT = shutil.which("git")


@pytest.fixture
def fresh_commit():
    """Look the commit up again in this test (it is kept for the process)."""
    provenance.repository_commit.cache_clear()
    yield
    provenance.repository_commit.cache_clear()


def _members(atlas, day: dt.date = DAY) -> tuple[str, dict]:
    archive = zipfile.ZipFile(io.BytesIO(render(atlas, state_on(atlas, day), "zip")))
    folder = f"astana-zones-{day.isoformat()}"
    readme = archive.read(f"{folder}/README.txt").decode("utf-8")
    return readme, yaml.safe_load(archive.read(f"{folder}/CITATION.cff"))


def _git(*args: str) -> str:
    command = [GIT, "-C", str(provenance.REPOSITORY), *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def _in_a_checkout() -> bool:
    if GIT is None:
        return False
    try:
        return _git("rev-parse", "--show-toplevel") == str(provenance.REPOSITORY)
    except subprocess.CalledProcessError:
        return False


def test_readme_and_citation_give_the_same_data_version(atlas):
    readme, citation = _members(atlas)
    line = next(line for line in readme.splitlines() if line.startswith("Data version: "))
    label = line.removeprefix("Data version: ")
    assert citation["version"] == label
    version = provenance.data_version(atlas)
    assert label == version.label
    assert label.startswith(f"{__version__}, data to {provenance.latest_date(atlas)} (sha256 ")
    assert version.fingerprint[:12] in label and version.fingerprint in readme
    assert "Snapshot: 2020-03-06, step moscow-protocol-2020-03-05." in readme
    how_to_cite = readme.split("How to cite\n-----------\n", 1)[1]
    assert "2020-03-06, step" in how_to_cite and label.split(",")[0] in how_to_cite


def test_the_data_runs_to_its_latest_recorded_date(atlas):
    rounds = [item.end_date for item in atlas.rounds]
    assert provenance.latest_date(atlas) == max([*rounds, *(e.date for e in atlas.events)])


def test_the_fingerprint_names_the_data_wherever_it_was_loaded_from(atlas, data_copy):
    copy = load_atlas(data_copy)
    assert provenance.fingerprint(copy) == provenance.fingerprint(atlas)
    zones = (atlas.zones[0].model_copy(update={"name": "Zone 1: renamed"}), *atlas.zones[1:])
    changed = dataclasses.replace(atlas, zones=zones)
    assert provenance.fingerprint(changed) != provenance.fingerprint(atlas)


@pytest.mark.skipif(not _in_a_checkout(), reason="not run from a git checkout of the atlas")
def test_in_a_checkout_the_version_names_the_commit_checked_out(fresh_commit, monkeypatch):
    monkeypatch.chdir("/")  # the working directory plays no part
    commit = provenance.repository_commit()
    assert commit is not None
    assert _git("rev-parse", commit.removesuffix("-dirty")) == _git("rev-parse", "HEAD")


@pytest.mark.skipif(not _in_a_checkout(), reason="not run from a git checkout of the atlas")
def test_git_archive_writes_the_commit_into_the_package():
    """What a GitHub download holds: the commit, without git at run time."""
    data = subprocess.run(
        [GIT, "-C", str(provenance.REPOSITORY), "archive", "HEAD", "astana/_commit.txt"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        written = archive.extractfile("astana/_commit.txt").read().decode("ascii").strip()
    assert written == _git("rev-parse", "HEAD")


def test_without_git_the_commit_comes_from_an_archived_copy(
    atlas, fresh_commit, monkeypatch, tmp_path
):
    monkeypatch.setattr(provenance, "REPOSITORY", tmp_path)  # not a git checkout
    monkeypatch.setattr(provenance, "COMMIT_FILE", tmp_path / "_commit.txt")
    (tmp_path / "_commit.txt").write_text("0123456789abcdef0123456789abcdef01234567\n")
    readme, citation = _members(atlas)
    assert citation["version"].endswith("commit 0123456789ab")
    assert "commit 0123456789ab of its repository" in readme


def test_with_no_way_to_know_the_commit_the_files_say_so(
    atlas, fresh_commit, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    placeholder = tmp_path / "_commit.txt"  # as in a checkout: git's placeholder, unfilled
    placeholder.write_text(
        provenance.COMMIT_FILE.read_text() if _in_a_checkout() else "$Format:%H$\n"
    )
    monkeypatch.setattr(provenance, "COMMIT_FILE", placeholder)
    readme, citation = _members(atlas)
    assert citation["version"].endswith("commit not known")
    assert "commit is not known" in readme
