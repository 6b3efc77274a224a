# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""One measurement of the benchmark: the child process that makes it, and the figures read from its output.

Every measurement runs in a process of its own, so that one task's start-up, compilation or crash leaves
the others' figures alone, and its output is kept in a log file next to the results:

* ``step``: :mod:`my_tasks.rl.benchmark.step` steps the env with random actions and prints its figures;
* ``train``: ``scripts/<library>/train.py`` trains for a few iterations; its progress lines give the
  env-steps/s of each iteration and where the time went (collecting the rollout, updating the policy).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ..curves import read_curves
from .step import RESULT_PREFIX

STEP_SCRIPT = Path(__file__).with_name("step.py")
PROGRESS = re.compile(
    r"^\[my_tasks\] it +(?P<it>\d+)/\d+ \| (?P<speed>[\d,]+) env-steps/s \| return +(?P<ret>\S+) \| "
    r"episode length +(?P<len>\S+) \|.*? left(?: \| collect (?P<collect>[\d.]+) s, update (?P<update>[\d.]+) s)?$",
    re.MULTILINE,
)
RUN_DIR = re.compile(r"^\[my_tasks\] run dir: (.+)$", re.MULTILINE)
SOLVED_FRACTION = 0.9  # a cartpole is solved when its mean episode length reaches 90 % of the limit
SUCCESS_RATES = {"MyTasks-Velocity-Flat-Go2": 0.9, "MyTasks-Reach-Panda": 0.9}
"""Tasks judged by ``Metrics/success_rate`` (rsl_rl and skrl log it) and the rate that counts as solved."""


@dataclasses.dataclass
class Measurement:
    """A child process to run and what it measures.

    Attributes:
        task: The task it runs (ours, or Isaac Lab's twin of ``of``).
        of: Our task it belongs to (``task`` itself unless this is a twin).
        kind: ``step`` (random actions) or ``train``.
        label: What distinguishes it within the task: ``random actions``, a library, a variant.
        command: The command line.
        environment: Variables set for the child on top of the benchmark's own.
    """

    task: str
    of: str
    kind: str
    label: str
    command: list[str]
    environment: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def role(self) -> str:
        return "ours" if self.task == self.of else "twin"

    @property
    def name(self) -> str:
        return f"{self.of} | {self.kind} {self.label} | {self.role}"


def step_command(
    task: str, device: str, num_envs: int | None, steps: int, warmup: int, frontend: str, overrides: list[str]
) -> list[str]:
    """The command of a ``step`` measurement."""
    flags = ["--task", task, "--device", device, "--steps", str(steps), "--warmup_steps", str(warmup)]
    flags += ["--num_envs", str(num_envs)] if num_envs else []
    flags += ["--frontend", frontend, "physics=newton_mjwarp"] if frontend != "torch" else []
    return [sys.executable, str(STEP_SCRIPT), *flags, *overrides]


def train_command(
    script: Path, task: str, device: str, num_envs: int | None, iterations: int | None, overrides: list[str]
) -> list[str]:
    """The command of a ``train`` measurement: a train script, a fixed seed, a run folder named ``bench``."""
    flags = ["--task", task, "--device", device, "--seed", "42", "--run_name", "bench"]
    flags += ["--num_envs", str(num_envs)] if num_envs else []
    flags += ["--max_iterations", str(iterations)] if iterations else []
    return [sys.executable, str(script), *flags, *overrides]


def run(measurement: Measurement, workdir: Path, log: Path, timeout: float) -> dict:
    """Run the measurement's child in ``workdir`` (its ``logs/``), its output into ``log``; return its figures.

    The result has ``ok``; with ``ok: false``, ``error`` says why (the exit code and the last error line).
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **measurement.environment}
    start = time.perf_counter()
    try:
        process = subprocess.run(
            measurement.command, cwd=workdir, env=environment, capture_output=True, text=True, timeout=timeout
        )
        stdout, stderr, returncode = process.stdout, process.stderr, process.returncode
    except subprocess.TimeoutExpired as expired:
        stdout, stderr, returncode = _text(expired.stdout), _text(expired.stderr), None
    wall_s = time.perf_counter() - start
    log.write_text(f"$ {' '.join(measurement.command)}\n\n{stdout}\n--- stderr ---\n{stderr}")
    result = {"ok": False, "wall_s": wall_s, "log": str(log)}
    if returncode is None:
        return result | {"error": f"timed out after {timeout:.0f} s"}
    last_error = next((line for line in reversed(stderr.splitlines()) if line.strip()), "no output")
    try:
        figures = parse_step(stdout) if measurement.kind == "step" else parse_train(stdout, measurement.of)
    except ValueError as error:
        return result | {"error": f"{error}; exit code {returncode}: {last_error[:300]}"}
    if returncode != 0:
        return result | figures | {"error": f"exit code {returncode}: {last_error[:300]}"}
    return result | figures | {"ok": True}


def _text(output: bytes | str | None) -> str:
    return output.decode(errors="replace") if isinstance(output, bytes) else (output or "")


def parse_step(stdout: str) -> dict:
    """The figures a ``step`` child printed on its result line."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])
    raise ValueError("no result line")


def parse_train(stdout: str, task: str) -> dict:
    """Training figures from the progress lines: medians over the iterations after the warm-up ones.

    ``task`` is our task, whose criterion :func:`time_to_solve` applies (to its twin's runs too).

    The first iterations (a fifth of them, at least one) include one-off costs (CUDA graph capture,
    ``torch.compile``) and are left out unless nothing else is left.
    """
    lines = list(PROGRESS.finditer(stdout))
    if not lines:
        raise ValueError("no progress line")
    warmup = max(1, len(lines) // 5) if len(lines) > 1 else 0
    measured = lines[warmup:]

    def median(group: str) -> float | None:
        values = [float(line[group].replace(",", "")) for line in measured if line[group] is not None]
        return statistics.median(values) if values else None

    run_dir = RUN_DIR.search(stdout)
    figures = {
        "iterations": len(lines),
        "warmup_iterations": warmup,
        "env_steps_per_s": median("speed"),
        "collection_s": median("collect"),
        "update_s": median("update"),
        "final_return": float(lines[-1]["ret"]),
        "final_episode_length": float(lines[-1]["len"]),
        "run_dir": run_dir[1].strip() if run_dir else None,
    }
    if figures["run_dir"]:
        figures["solved"] = time_to_solve(Path(figures["run_dir"]), task)
    return figures


def time_to_solve(run_dir: Path, task: str) -> dict | None:
    """When the run first met its task's criterion: seconds since training started, env steps, iteration index.

    A task in :data:`SUCCESS_RATES` is judged by its success rate, any other by its mean episode length
    reaching :data:`SOLVED_FRACTION` of the limit. None if the run has no curves.
    """
    try:
        curves = read_curves(run_dir)
    except (ValueError, KeyError):
        return None
    rate = SUCCESS_RATES.get(task)
    if rate is not None:
        criterion, index = f"success rate >= {rate}", curves.succeeded_at(rate)
    else:
        criterion, index = f"episode length >= {SOLVED_FRACTION} x {curves.max_episode_length}", curves.solved_at()
    solved = {"criterion": criterion, "reached": index is not None}
    if index is not None:
        solved |= {"seconds": curves.seconds[index], "env_steps": curves.env_steps[index], "point": index}
    return solved
