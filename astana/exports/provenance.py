"""Which data a snapshot was made from, said the same way in the ZIP's README and its
CITATION.cff: the atlas's version, the repository's commit, the latest date the data
records, and a fingerprint of the data itself.

- The version is the package's (``astana.__version__``).
- The commit comes from the repository the package was loaded from (found from this
  file's path, never the working directory): ``git describe --tags --always --dirty``
  (a release tag when there is one, ``-dirty`` when files differ from the commit); or,
  in a copy made by ``git archive`` (a GitHub download), from ``astana/_commit.txt``,
  which git fills in (``export-subst`` in ``.gitattributes``). Where neither works (no
  git, as on some hosts, or an installed package) it is unknown, and the files say so.
- The data's date is the latest date in its records (rounds, events, zone versions,
  layers): how far the atlas runs, not when it was edited.
- The fingerprint is the SHA-256 of the data as loaded, so that it names the data even
  when it comes from another folder (``--root``) or a draft: the same data gives the
  same fingerprint, on any machine.

The commit is looked up once per process; everything else follows from the data, so the
same data and code give the same files.

Examples
--------
>>> from astana.data.catalog import load_atlas
>>> version = data_version(load_atlas())
>>> version.label.startswith(f"{version.package}, data to {version.data_date}")
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from astana import __version__
from astana.data.models import Atlas

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REPOSITORY = PACKAGE_DIR.parent
COMMIT_FILE = PACKAGE_DIR / "_commit.txt"
_GIT_TIMEOUT_S = 5


@dataclass(frozen=True)
class DataVersion:
    """The atlas's version, its repository's commit (None when unknown), the latest date
    in the data (None for data with no dates) and the data's SHA-256 (hexadecimal)."""

    package: str
    commit: str | None
    data_date: dt.date | None
    fingerprint: str

    @property
    def label(self) -> str:
        """The version on one line, as a citation gives it.

        >>> DataVersion("0.1.0", "v0.1.0-3-gabc", dt.date(2024, 11, 12), "f" * 64).label
        '0.1.0, data to 2024-11-12 (sha256 ffffffffffff), commit v0.1.0-3-gabc'
        """
        until = self.data_date.isoformat() if self.data_date else "(no dates)"
        commit = f"commit {self.commit}" if self.commit else "commit not known"
        return f"{self.package}, data to {until} (sha256 {self.fingerprint[:12]}), {commit}"


def data_version(atlas: Atlas) -> DataVersion:
    """The version of ``atlas`` and of the code that loaded it."""
    return DataVersion(__version__, repository_commit(), latest_date(atlas), fingerprint(atlas))


def latest_date(atlas: Atlas) -> dt.date | None:
    """The latest date any round, event, zone version or layer records.

    >>> from astana.data.catalog import load_atlas
    >>> latest_date(load_atlas()) >= dt.date(2024, 11, 11)
    True
    """
    dates = [day for item in atlas.rounds for day in (item.start_date, item.end_date)]
    dates += [event.date for event in atlas.events]
    for period in (*atlas.zones, *atlas.layers):
        dates += [day for day in (period.valid_from, period.valid_to) if day is not None]
    return max(dates, default=None)


def fingerprint(atlas: Atlas) -> str:
    """The SHA-256 (hexadecimal) of every record of ``atlas``, geometries included (as
    WKB), in file order."""
    digest = hashlib.sha256()
    groups = (atlas.rounds, atlas.events, atlas.zones, atlas.places, atlas.layers)
    for records in groups:
        for record in records:
            fields = record.model_dump(mode="json", exclude={"geometry"})
            digest.update(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode())
            if "geometry" in type(record).model_fields:
                digest.update(record.geometry.wkb)
        digest.update(b"\x00")  # a record cannot move from one group to the next unseen
    digest.update(atlas.border.wkb)
    return digest.hexdigest()


@cache
def repository_commit() -> str | None:
    """The commit the package was loaded from, as ``git describe`` names it, else from
    ``_commit.txt`` in a ``git archive`` copy; None when neither can tell."""
    return _described() or _archived()


def _described() -> str | None:
    """``git describe`` of the repository holding this package, if it is one."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    command = ["git", "-C", str(REPOSITORY)]
    try:
        top = _run([*command, "rev-parse", "--show-toplevel"], environment)
        if top is None or Path(top).resolve() != REPOSITORY:
            return None  # not a checkout of the atlas (an installed package, say)
        describe = ["describe", "--tags", "--always", "--dirty", "--abbrev=12"]
        return _run([*command, *describe], environment)
    except (OSError, subprocess.SubprocessError):
        return None  # no git here


def _run(command: list[str], environment: dict[str, str]) -> str | None:
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=_GIT_TIMEOUT_S,
        check=False,
    )
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _archived() -> str | None:
    """The commit ``git archive`` wrote into ``_commit.txt`` (left as a placeholder in a
    checkout, where git does not substitute it)."""
    try:
        text = COMMIT_FILE.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text[:12] if text and not text.startswith("$Format") else None
