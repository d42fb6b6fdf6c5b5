"""What the machine did during a benchmark: CPU split by process group, RSS samples,
server-log errors.

Read from Linux's ``/proc`` and the server's output, for ``bench/load.py``:
:class:`CpuClock` reads the CPU seconds used so far by the server, by Chromium, by the
driver and by the whole machine, and :func:`cpu_share` turns two readings into a
:class:`CpuShare`; :func:`sample_rss` samples the server's resident memory every second;
:class:`ServerLog` keeps the lines of the server's output that name an error.

Examples
--------
>>> server_error("2024-05-01 10:00:00.123 Traceback (most recent call last):")
'server: Traceback (most recent call last):'
>>> server_error("  You can now view your Streamlit app in your browser.") is None
True
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

# The browser tests' helpers: the server and its memory.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from e2e_support import StreamlitServer, server_rss_bytes

_SERVER_ERROR = re.compile(r"Traceback|Error|Exception")
_LOG_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\s*")


@dataclass
class CpuShare:
    """CPU seconds used by each part over ``wall_s`` seconds (sessions opening or stepping)."""

    wall_s: float = 0.0
    cores: int = 1
    server_s: float = 0.0
    chromium_s: float = 0.0
    driver_s: float = 0.0  # the Python that drives the browser and Playwright's node
    machine_busy_s: float = 0.0
    machine_total_s: float = 0.0


class CpuClock:
    """CPU seconds used by the server, by Chromium and by the driver (this Python and
    Playwright's node), and the machine's busy and total CPU seconds, from ``/proc``."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.tick = os.sysconf("SC_CLK_TCK")

    def read(self) -> dict[str, float]:
        """Seconds so far, by part (only processes alive now count)."""
        used = {"server": self._process(self.server_pid), "chromium": 0.0, "driver": 0.0}
        used["driver"] += self._process(os.getpid())
        for pid in _descendants(os.getpid()):
            name = _comm(pid)
            part = "chromium" if "chrom" in name else "driver" if name == "node" else None
            if part:
                used[part] += self._process(pid)
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        used["machine_total"] = sum(fields[:8]) / self.tick
        used["machine_busy"] = used["machine_total"] - (fields[3] + fields[4]) / self.tick
        return used

    def _process(self, pid: int) -> float:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / self.tick
        return 0.0


def _comm(pid: int) -> str:
    """The name of process ``pid`` ("" once it is gone)."""
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/comm").read_text().strip()
    return ""


def _descendants(pid: int) -> list[int]:
    """The processes started by ``pid`` (any of its threads), their children and so on."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        for listing in Path(f"/proc/{parent}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                children = [int(child) for child in listing.read_text().split()]
                found += children
                queue += children
    return found


def cpu_share(before: dict[str, float], after: dict[str, float], wall_s: float) -> CpuShare:
    """What each part used between two :meth:`CpuClock.read` results."""
    used = {part: after[part] - before[part] for part in after}
    return CpuShare(
        wall_s=wall_s,
        cores=os.cpu_count() or 1,
        server_s=used["server"],
        chromium_s=used["chromium"],
        driver_s=used["driver"],
        machine_busy_s=used["machine_busy"],
        machine_total_s=used["machine_total"],
    )


def server_error(line: str) -> str | None:
    """A line of the server's output as an error (``server: ...``, without its time), or
    None when it names no error."""
    if not _SERVER_ERROR.search(line):
        return None
    return f"server: {_LOG_TIME.sub('', line.strip())[:100]}"


class ServerLog(threading.Thread):
    """Reads the server's output as it comes (a full pipe would stall the server) and
    keeps the lines that name an error."""

    def __init__(self, server: StreamlitServer) -> None:
        super().__init__(daemon=True)
        self.stream = server.process.stdout
        self.errors: list[str] = []

    def run(self) -> None:
        """Until the server's output closes."""
        for line in self.stream or ():
            if (error := server_error(line)) is not None:
                self.errors.append(error)

    def take(self) -> list[str]:
        """The error lines read so far, forgotten once taken."""
        taken, self.errors = self.errors, []
        return taken


async def sample_rss(pid: int, samples: list[int], stop: asyncio.Event) -> None:
    """Append the server's RSS to ``samples`` every second until ``stop``."""
    while not stop.is_set():
        samples.append(server_rss_bytes(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)
