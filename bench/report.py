"""The benchmarks' tables and ``BENCHMARKS.md``: medians, percentiles, ratios and targets.

``bench/slider.py`` writes the file (keeping what follows :data:`NOTES_MARK`);
``bench/load.py`` replaces only its "Load" section, kept at the end between its marks.

Examples
--------
>>> percentile([1.0, 2.0, 3.0, 4.0], 50)
2.5
>>> percentile([5.0], 95)
5.0
>>> grouped_errors(["session 1: a", "session 2: a", "server: b"])
[(2, '2 sessions', 'a'), (1, 'server', 'b')]
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import math
import os
import platform
import re
import statistics
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from machine import CpuShare

# The targets, on this machine.
STEP_P95_TARGET_MS = 100.0
SPEEDUP_TARGET = 3.0
BYTES_TARGET = 60_000
PAINT_TARGET_MS = 2000.0
PLAY_PACE_MS = 750.0  # Play's fastest pace: no step may take longer
SERVER_CPU_TARGET_MS = 40.0  # server CPU per step under load
_PACKAGES = ("streamlit", "streamlit-folium", "folium", "playwright")
# Hand-written notes below this line in BENCHMARKS.md survive a new run.
NOTES_MARK = "<!-- notes: kept by bench/slider.py -->"
# bench/load.py's section: from LOAD_BEGIN to LOAD_END; anything after LOAD_END is kept.
LOAD_BEGIN = "<!-- load: written by bench/load.py -->"
LOAD_END = "<!-- load: end; notes below are kept -->"


@dataclass
class Results:
    """Raw measurements, by app (``"app"``: the dashboard, ``"naive"``: the baseline)."""

    browser: str = ""
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    bytes_per_step: dict[str, list[int]] = field(default_factory=dict)
    cold_paint_ms: dict[str, float] = field(default_factory=dict)
    paint_ms: dict[str, list[float]] = field(default_factory=dict)
    memory_mb: dict[str, tuple[float, float]] = field(default_factory=dict)
    play_busy_ms: list[float] = field(default_factory=list)  # the dashboard's, during Play
    play_between_ms: list[float] = field(default_factory=list)


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
        *_play_rows(results),
    ]  # fmt: skip
    header = (
        "| measure | dashboard | naive baseline | ratio | target | |\n|---|--:|--:|--:|---|---|"
    )
    return "\n".join([header, *("| " + " | ".join(row) + " |" for row in rows)])


def _play_rows(results: Results) -> list[tuple[str, ...]]:
    """Play at its fastest pace, on the dashboard: each step's busy time, the interval."""
    busy, between = results.play_busy_ms, results.play_between_ms
    if not busy:
        return []
    worst = max(busy)
    return [
        (f"Play at {PLAY_PACE_MS / 1000:g} s a step: steps timed", str(len(busy)), "", "", "",
         ""),
        ("Play: page busy per step, p50 / max (ms)", f"{percentile(busy, 50):.0f} / "
         f"{worst:.0f}", "", "", f"< {PLAY_PACE_MS:.0f} ms", _verdict(worst < PLAY_PACE_MS)),
        ("Play: time between steps, p50 / max (ms)", f"{percentile(between, 50):.0f} / "
         f"{max(between):.0f}", "", "", "", ""),
    ]  # fmt: skip


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


def versions(browser: str | None = None) -> str:
    """Python, the packages that matter here, and Chromium (when one was used)."""
    parts = [f"Python {platform.python_version()}"]
    parts += [f"{name} {importlib.metadata.version(name)}" for name in _PACKAGES]
    return ", ".join([*parts, f"Chromium {browser}"] if browser else parts)


def command_line(script: str, argv: list[str] | None) -> str:
    """How a benchmark was run, for its report: ``python script`` and its arguments
    (``argv``, or else this process's own).

    >>> command_line("bench/load.py", ["--sessions", "3"])
    'python bench/load.py --sessions 3'
    """
    return f"python {script}" + "".join(f" {arg}" for arg in (argv or sys.argv[1:]))


def provenance(command: str, started: dt.datetime, browser: str | None = None) -> str:
    """The lines under a table: the command, when it ran, the machine and the versions."""
    return (
        f"- Command: `{command}`\n"
        f"- Run: {started:%Y-%m-%d %H:%M} UTC\n"
        f"- Machine: {machine()}\n"
        f"- Versions: {versions(browser)}\n"
    )


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
        f"{provenance(command, started, results.browser)}"
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


@dataclass
class LoadResults:
    """What ``bench/load.py`` measured: the load, and one session alone before it."""

    sessions: int
    seconds: float
    baseline_seconds: float
    browser: str = ""
    steps_per_session: list[int] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    redraw_latencies_ms: list[float] = field(default_factory=list)
    baseline_ms: list[float] = field(default_factory=list)
    baseline_redraw_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "session N: reason"
    open_s: list[float] = field(default_factory=list)
    open_all_s: float = 0.0
    rss_mb: tuple[float, float, float] = (0.0, 0.0, 0.0)  # before, peak, end
    open_cpu: CpuShare = field(default_factory=CpuShare)  # while the sessions opened
    cpu: CpuShare = field(default_factory=CpuShare)  # while they stepped
    baseline_cpu: CpuShare = field(default_factory=CpuShare)


def quantile(values: list[float], share: float) -> float:
    """The ``share`` percentile of ``values`` (``statistics``, inclusive; 100 is the
    maximum); NaN if empty."""
    if len(values) < 2 or share >= 100:
        return max(values) if values else math.nan
    return statistics.quantiles(values, n=100, method="inclusive")[round(share) - 1]


def grouped_errors(errors: list[str]) -> list[tuple[int, str, str]]:
    """``(count, where, reason)`` per distinct reason, the most frequent first; errors are
    ``"where: reason"``, ``where`` a session (counted) or another source (named)."""
    pairs = [error.split(": ", 1) if ": " in error else ["", error] for error in errors]
    reasons = Counter(reason for _where, reason in pairs)
    grouped = []
    for reason, count in reasons.most_common():
        wheres = {where for where, said in pairs if said == reason}
        sessions = {where for where in wheres if where.startswith("session")}
        named = sorted(wheres - sessions)
        if sessions:
            named.insert(0, f"{len(sessions)} session{'s' if len(sessions) > 1 else ''}")
        grouped.append((count, ", ".join(named), reason))
    return grouped


def _ms(values: list[float], share: float) -> str:
    return f"{quantile(values, share):.0f}" if values else "-"


def _cpu_parts(cpu: CpuShare) -> list[float]:
    """Shares of the machine's CPU time: server, Chromium, driver, other processes, idle."""
    total = cpu.machine_total_s or math.nan
    ours = [cpu.server_s, cpu.chromium_s, cpu.driver_s]
    other = max(cpu.machine_busy_s - sum(ours), 0.0)
    return [used / total for used in [*ours, other, total - cpu.machine_busy_s]]


def _shares(cpu: CpuShare) -> str:
    return " / ".join(f"{part:.0%}" for part in _cpu_parts(cpu))


def _per_step(cpu: CpuShare, steps: list[float]) -> str:
    if not steps:
        return "-"
    return f"{cpu.server_s * 1000 / len(steps):.0f} / {cpu.chromium_s * 1000 / len(steps):.0f}"


def _server_ms(cpu: CpuShare, steps: list[float]) -> str:
    if not steps:
        return "-"
    used = cpu.server_s * 1000 / len(steps)
    return f"{used:.0f} ({_verdict(used <= SERVER_CPU_TARGET_MS)})"


def _per_core(cpu: CpuShare, steps: list[float]) -> str:
    """How many steps one core of server CPU does in a second, at this cost per step."""
    return f"{len(steps) / cpu.server_s:.0f}" if steps and cpu.server_s else "-"


def load_table(results: LoadResults) -> str:
    """The load's results as a Markdown table: under load, alone, ratio."""
    load, alone = results.latencies_ms, results.baseline_ms
    steps = results.steps_per_session or [0]
    cpu = results.cpu
    ratio = quantile(load, 95) / quantile(alone, 95) if load and alone else math.nan
    rows = [
        ("Sessions", str(results.sessions), "1"),
        ("Stepping time (s)", f"{results.seconds:.0f}", f"{results.baseline_seconds:.0f}"),
        ("Steps done, total", str(len(load)), str(len(alone))),
        ("Steps done per session, min / median / max",
         f"{min(steps)} / {statistics.median(steps):.0f} / {max(steps)}", ""),
        ("Errors (target 0)", f"{len(results.errors)} ({_verdict(not results.errors)})", ""),
        ("Step latency p50 (ms)", _ms(load, 50), _ms(alone, 50)),
        ("Step latency p95 (ms)", _ms(load, 95), _ms(alone, 95)),
        ("Step latency max (ms)", _ms(load, 100), _ms(alone, 100)),
        ("Steps that redraw zones: count, p95 (ms)",
         f"{len(results.redraw_latencies_ms)}, {_ms(results.redraw_latencies_ms, 95)}",
         f"{len(results.baseline_redraw_ms)}, {_ms(results.baseline_redraw_ms, 95)}"),
        ("Step latency p95, under load / alone", f"{ratio:.1f}x", ""),
        ("Time to open all sessions at once (s); slowest page",
         f"{results.open_all_s:.1f}; {max(results.open_s, default=math.nan):.1f}", ""),
        ("CPU per step done, server / Chromium (ms)", _per_step(results.cpu, load),
         _per_step(results.baseline_cpu, alone)),
        (f"Server CPU per step (target <= {SERVER_CPU_TARGET_MS:.0f} ms)",
         _server_ms(results.cpu, load), _server_ms(results.baseline_cpu, alone)),
        ("Steps per second per core of server CPU", _per_core(results.cpu, load),
         _per_core(results.baseline_cpu, alone)),
        ("Server RSS before / peak / end (MB)",
         " / ".join(f"{mb:.0f}" for mb in results.rss_mb), ""),
        (f"CPU while opening, share of {cpu.cores} cores: server / Chromium / driver / "
         "other processes / idle", _shares(results.open_cpu), ""),
        ("CPU while stepping, same split", _shares(cpu), _shares(results.baseline_cpu)),
    ]  # fmt: skip
    header = "| measure | under load | alone (baseline) |\n|---|--:|--:|"
    return "\n".join([header, *("| " + " | ".join(row) + " |" for row in rows)])


def load_report(results: LoadResults, command: str, started: dt.datetime) -> str:
    """The "Load" section: what ran, the table, the errors grouped, machine and versions."""
    intro = (
        f"Written by `bench/load.py` (see `bench/README.md`): {results.sessions} browser "
        "sessions in one headless Chromium step the slider together, with no pause between "
        "steps, against one `streamlit run app.py`. The clients share the machine's "
        f"{results.cpu.cores} CPUs with the server, so latency under load includes the "
        "clients' own CPU contention (see the CPU rows). Nothing here has a timing target; "
        "errors should be 0."
    )
    errors = "".join(
        f"\n- {count} x {reason} ({where})"
        for count, where, reason in grouped_errors(results.errors)
    )
    return (
        f"## Load\n\n{textwrap.fill(intro, 90)}\n\n{load_table(results)}\n\n"
        f"{'Errors, by reason:' + errors if errors else 'Errors: none.'}\n\n"
        f"{provenance(command, started, results.browser)}"
    )


def write_load_section(results: LoadResults, path: Path, command: str, started: dt.datetime) -> str:
    """Replace the "Load" section of ``BENCHMARKS.md`` at ``path`` (add it at the end the
    first time; keep the rest of the file); return the section (to print)."""
    section = load_report(results, command, started)
    replace_section(path, LOAD_BEGIN, LOAD_END, section)
    return section


def replace_section(path: Path, begin: str, end: str, section: str) -> None:
    """Put ``section`` between the marks ``begin`` and ``end`` of the file at ``path``,
    replacing what was there (at the end of the file the first time); keep the rest."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    before, found, rest = text.partition(begin)
    after = rest.partition(end)[2] if found else "\n"
    body = f"{before.rstrip()}\n\n{begin}\n{section}\n{end}\n\n{after.lstrip()}"
    path.write_text(body.rstrip("\n") + "\n", encoding="utf-8")
