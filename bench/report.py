"""The benchmark's table and ``BENCHMARKS.md``: medians, percentiles, ratios and targets.

Examples
--------
>>> percentile([1.0, 2.0, 3.0, 4.0], 50)
2.5
>>> percentile([5.0], 95)
5.0
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import math
import os
import platform
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

# The targets, on this machine.
STEP_P95_TARGET_MS = 100.0
SPEEDUP_TARGET = 3.0
BYTES_TARGET = 100_000
PAINT_TARGET_MS = 3000.0
_PACKAGES = ("streamlit", "streamlit-folium", "folium", "playwright")
# Hand-written notes below this line in BENCHMARKS.md survive a new run.
NOTES_MARK = "<!-- notes: kept by bench/slider.py -->"


@dataclass
class Results:
    """Raw measurements, by app (``"app"``: the dashboard, ``"naive"``: the baseline)."""

    browser: str = ""
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    bytes_per_step: dict[str, list[int]] = field(default_factory=dict)
    cold_paint_ms: dict[str, float] = field(default_factory=dict)
    paint_ms: dict[str, list[float]] = field(default_factory=dict)
    memory_mb: dict[str, tuple[float, float]] = field(default_factory=dict)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile of ``values``, linearly interpolated (as numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * share / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def table(results: Results) -> str:
    """The results as a Markdown table: dashboard, baseline, ratio, target."""
    app, naive = results.latencies_ms["app"], results.latencies_ms["naive"]
    p50, p95 = percentile(app, 50), percentile(app, 95)
    naive_p50, naive_p95 = percentile(naive, 50), percentile(naive, 95)
    speedup = naive_p95 / p95
    sizes = results.bytes_per_step
    paint = {name: statistics.median(values) for name, values in results.paint_ms.items()}
    memory = results.memory_mb
    rows = [
        ("Step latency p50 (ms)", f"{p50:.0f}", f"{naive_p50:.0f}",
         f"{naive_p50 / p50:.1f}x", "", ""),
        ("Step latency p95 (ms)", f"{p95:.0f}", f"{naive_p95:.0f}", f"{speedup:.1f}x",
         f"<= {STEP_P95_TARGET_MS:.0f} ms, >= {SPEEDUP_TARGET:.0f}x",
         _verdict(p95 <= STEP_P95_TARGET_MS and speedup >= SPEEDUP_TARGET)),
        ("Steps timed (zones changed)", str(len(app)), str(len(naive)), "", ">= 30",
         _verdict(min(len(app), len(naive)) >= 30)),
        ("Bytes to the browser per step, median (KB)", _kb(statistics.median(sizes["app"])),
         _kb(statistics.median(sizes["naive"])), "", "", ""),
        ("Bytes to the browser per step, max (KB)", _kb(max(sizes["app"])),
         _kb(max(sizes["naive"])), f"{max(sizes['naive']) / max(sizes['app']):.1f}x",
         f"<= {BYTES_TARGET / 1000:.0f} KB", _verdict(max(sizes["app"]) <= BYTES_TARGET)),
        ("First map paint, median of warm loads (ms)", f"{paint['app']:.0f}",
         f"{paint['naive']:.0f}", "", f"<= {PAINT_TARGET_MS:.0f} ms",
         _verdict(paint["app"] <= PAINT_TARGET_MS)),
        ("First map paint, first load after start (ms)", f"{results.cold_paint_ms['app']:.0f}",
         f"{results.cold_paint_ms['naive']:.0f}", "", "", ""),
        ("Server RSS, 1 session (MB)", f"{memory['app'][0]:.0f}", f"{memory['naive'][0]:.0f}",
         "", "", ""),
        ("Server RSS, 10 sessions (MB)", f"{memory['app'][1]:.0f}", f"{memory['naive'][1]:.0f}",
         "", "", ""),
    ]  # fmt: skip
    header = (
        "| measure | dashboard | naive baseline | ratio | target | |\n|---|--:|--:|--:|---|---|"
    )
    return "\n".join([header, *("| " + " | ".join(row) + " |" for row in rows)])


def _kb(size: float) -> str:
    return f"{size / 1000:.1f}"


def machine() -> str:
    """CPU, cores, memory and system of this machine, in one line."""
    cpuinfo = Path("/proc/cpuinfo")
    meminfo = Path("/proc/meminfo")
    cpu = platform.processor() or platform.machine()
    if cpuinfo.is_file() and (found := re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())):
        cpu = found.group(1).strip()
    memory = ""
    if meminfo.is_file() and (found := re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())):
        memory = f", {int(found.group(1)) / 1e6:.0f} GB RAM"
    return f"{cpu}, {os.cpu_count()} CPUs{memory}; {platform.platform()}"


def versions(browser: str) -> str:
    """Python, the packages that matter here, and Chromium."""
    parts = [f"Python {platform.python_version()}"]
    parts += [f"{name} {importlib.metadata.version(name)}" for name in _PACKAGES]
    return ", ".join([*parts, f"Chromium {browser}"])


def write_report(results: Results, path: Path, command: str, started: dt.datetime) -> str:
    """Write ``BENCHMARKS.md`` at ``path`` (keeping its notes); return the table (to print)."""
    text = table(results)
    notes = _kept_notes(path)
    path.write_text(
        "# Benchmarks\n\n"
        "Written by `bench/slider.py` (see `bench/README.md` for what each row measures).\n"
        "Timings are noisy: read the ratios, measured in the same run, before the absolute\n"
        "numbers.\n\n"
        f"{text}\n\n"
        f"- Command: `{command}`\n"
        f"- Run: {started:%Y-%m-%d %H:%M} UTC\n"
        f"- Machine: {machine()}\n"
        f"- Versions: {versions(results.browser)}\n"
        f"\n{NOTES_MARK}\n{notes}",
        encoding="utf-8",
    )
    return text


def _kept_notes(path: Path) -> str:
    """The text after :data:`NOTES_MARK` in an earlier report, or nothing."""
    if not path.is_file():
        return ""
    _before, mark, notes = path.read_text(encoding="utf-8").partition(NOTES_MARK)
    return notes.lstrip("\n") if mark else ""
