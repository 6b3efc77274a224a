# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The benchmark's results: the JSON file (machine, versions, commit, one entry per measurement, ratios) and the table.

``benchmark.json``::

    {"schema": 1, "updated_at": ..., "machine": {...}, "versions": {...}, "git": {...}, "settings": {...},
     "results": [{"of": "MyTasks-Cartpole", "task": "Isaac-Cartpole", "role": "twin", "kind": "step",
                  "label": "random actions", "ok": true, "env_steps_per_s": ..., "startup_s": ..., ...}, ...],
     "ratios": [{"of": "MyTasks-Cartpole", "twin": "Isaac-Cartpole", "kind": "step", "label": "random actions",
                 "ours": ..., "twin_value": ..., "ratio": ...}, ...]}

A run into a folder that already holds a ``benchmark.json`` adds to it: its results replace those of the
same measurement and keep the others, so a long benchmark can be split over several calls.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import subprocess
from datetime import datetime
from pathlib import Path

SCHEMA = 1
PACKAGES = (
    "isaaclab",
    "newton",
    "warp-lang",
    "mujoco-warp",
    "torch",
    "rsl-rl-lib",
    "skrl",
    "stable-baselines3",
    "gymnasium",
    "my_tasks",
)
KEY = ("of", "task", "kind", "label")  # what makes two results the same measurement


def machine() -> dict:
    """CPU, memory and GPU of this machine."""
    import torch

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or None,
    )
    memory_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines() if "MemTotal" in line), 0)
    info = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_gib": round(memory_kb / 2**20, 1),
        "gpu": None,
    }
    if torch.cuda.is_available():
        properties = torch.cuda.get_device_properties(0)
        info["gpu"] = {
            "name": properties.name,
            "count": torch.cuda.device_count(),
            "memory_gib": round(properties.total_memory / 2**30, 1),
            "cuda": torch.version.cuda,
        }
    return info


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def versions() -> dict:
    """Installed versions of the stack (None where a package is missing)."""
    found = {}
    for package in PACKAGES:
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def git_state(repo: Path) -> dict:
    """The commit of ``repo`` and whether files differ from it; ``$GIT_COMMIT`` where there is no git checkout."""

    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return result.stdout.strip() if result.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return {"commit": os.environ.get("GIT_COMMIT"), "dirty": None}
    return {"commit": commit, "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def merge(path: Path, header: dict, results: list[dict]) -> dict:
    """The report in ``path`` (if any) with ``header`` and ``results`` added; each result replaces its namesake."""
    previous = json.loads(path.read_text()) if path.is_file() else {}
    replaced = {tuple(result[key] for key in KEY) for result in results}
    kept = [result for result in previous.get("results", []) if tuple(result[key] for key in KEY) not in replaced]
    merged = kept + results
    return {"schema": SCHEMA, "updated_at": datetime.now().isoformat(timespec="seconds"), **header} | {
        "results": merged,
        "ratios": ratios(merged),
    }


def done(path: Path) -> set[tuple]:
    """The measurements that the report in ``path`` holds with ``ok`` (keys as :data:`KEY`)."""
    results = json.loads(path.read_text())["results"] if path.is_file() else []
    return {tuple(result[key] for key in KEY) for result in results if result.get("ok")}


def write(path: Path, report: dict) -> None:
    """Write the report atomically (it is rewritten after every measurement)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(report, indent=2) + "\n")
    temporary.replace(path)


def ratios(results: list[dict]) -> list[dict]:
    """Ours / twin env-steps/s for every measurement made of both."""
    twins = {(r["of"], r["kind"], r["label"]): r for r in results if r["role"] == "twin" and r.get("ok")}
    found = []
    for ours in results:
        twin = twins.get((ours["of"], ours["kind"], ours["label"]))
        if ours["role"] != "ours" or not ours.get("ok") or twin is None:
            continue
        found.append(
            {
                "of": ours["of"],
                "twin": twin["task"],
                "kind": ours["kind"],
                "label": ours["label"],
                "ours": ours["env_steps_per_s"],
                "twin_value": twin["env_steps_per_s"],
                "ratio": ours["env_steps_per_s"] / twin["env_steps_per_s"],
            }
        )
    return found


def table(report: dict) -> str:
    """The results as a text table, one row per measurement of our task with its twin's beside it."""
    header = (
        "task",
        "measurement",
        "env-steps/s",
        "twin",
        "ours/twin",
        "start-up s",
        "collect s",
        "update s",
        "solved",
    )
    rows = [header]
    twins = {(r["of"], r["kind"], r["label"]): r for r in report["results"] if r["role"] == "twin"}
    ratio_of = {(r["of"], r["kind"], r["label"]): r["ratio"] for r in report["ratios"]}
    for result in report["results"]:
        if result["role"] != "ours":
            continue
        key = (result["of"], result["kind"], result["label"])
        twin = twins.get(key)
        rows.append(
            (
                result["of"],
                f"{result['kind']} {result['label']}",
                _speed(result),
                _speed(twin) if twin else "",
                f"{ratio_of[key]:.2f}" if key in ratio_of else "",
                _number(result.get("startup_s")),
                _number(result.get("collection_s")),
                _number(result.get("update_s")),
                _solved(result.get("solved")) if result.get("solve_run") else "",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _speed(result: dict) -> str:
    if not result.get("ok"):
        return "failed"
    return f"{result['env_steps_per_s']:,.0f}"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _solved(solved: dict | None) -> str:
    if not solved:
        return ""
    return f"{solved['seconds']:.0f} s" if solved["reached"] else "no"
